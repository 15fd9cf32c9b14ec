/** The daily re-evaluation: birthdays passing 14 and 18 move members between the age groups. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.ts';
import { loadKeyringFromConfig } from '../../platform/field-crypto.ts';
import { tablesContaining } from '../../testing/db-scan.ts';
import { uid } from '../../testing/factories.ts';
import { createTestApp, type TestApp, testConfig } from '../../testing/harness.ts';
import { testPhone } from '../../testing/outbox.ts';
import { users } from '../accounts/tables.ts';
import { memberCipher } from '../keys/member-keys.ts';
import { AgeCommandError, ageCommand, describeAgeReport } from './cli.ts';
import { startAgeJob } from './job.ts';
import { reevaluateAgeGroups } from './reevaluate.ts';
import { BIO_CONTEXT, BIRTHDAY_CONTEXT } from './seal.ts';
import { guardianRequests } from './tables.ts';
import { type Headers, injector, memberBornOn } from './testing.ts';

/** Noon in Beijing on the day. */
const noonInChina = (day: string) => new Date(`${day}T04:00:00Z`);
/** Midnight at the start of the day in Beijing. */
const midnightInChina = (day: string) => new Date(new Date(`${day}T00:00:00Z`).getTime() - 8 * 3_600_000);

describe('re-evaluating age groups', () => {
  let t: TestApp;
  let inject: ReturnType<typeof injector>;
  const clock = fixedClock(noonInChina('2026-05-09'));
  beforeAll(async () => {
    t = await createTestApp({ clock });
    inject = injector(t, 8);
  });
  afterAll(() => t.close());

  const putTags = (headers: Headers) =>
    inject({ method: 'PUT', url: '/me/tags', headers, payload: { tags: [] } });
  const groupOf = async (userId: number) =>
    (await t.database.db.select({ g: users.ageGroup }).from(users).where(eq(users.id, userId)))[0].g;

  it('moves a child turning 14 to minor (lifting the gate) and a minor turning 18 to adult', async () => {
    clock.set(noonInChina('2026-05-09'));
    const turning14 = await memberBornOn(t, '2012-05-10');
    const turning18 = await memberBornOn(t, '2008-05-10');
    const staysChild = await memberBornOn(t, '2016-03-10');
    expect([turning14.me.ageGroup, turning18.me.ageGroup, staysChild.me.ageGroup]).toEqual([
      'child',
      'minor',
      'child',
    ]);
    expect((await putTags(turning14.headers)).statusCode).toBe(403);

    // The last second of 9 May in Beijing: nothing has changed yet.
    clock.set(new Date(midnightInChina('2026-05-10').getTime() - 1000));
    expect((await reevaluateAgeGroups(t.app.ctx)).changed).toEqual({});

    clock.set(midnightInChina('2026-05-10'));
    const report = await reevaluateAgeGroups(t.app.ctx, { batch: 2 }); // several batches
    expect(report).toMatchObject({ date: '2026-05-10', failed: 0 });
    expect(report.changed).toEqual({ 'child->minor': 1, 'minor->adult': 1 });
    expect(await groupOf(staysChild.userId)).toBe('child');

    expect((await putTags(turning14.headers)).statusCode).toBe(200);
    const me14 = (await inject({ url: '/me', headers: turning14.headers })).json();
    expect(me14).toMatchObject({ ageGroup: 'minor', guardianNotice: true, birthday: '2012-05-10' });
    expect(me14.guardianStatus).toBeUndefined();
    expect((await inject({ url: '/me', headers: turning18.headers })).json()).toMatchObject({
      ageGroup: 'adult',
      guardianNotice: false,
    });
    expect((await putTags(staysChild.headers)).statusCode).toBe(403);

    // Again the same day: nothing left to do.
    expect((await reevaluateAgeGroups(t.app.ctx)).changed).toEqual({});
  });

  it('takes 1 March as the birthday of a child born on 29 February, in a common year', async () => {
    clock.set(noonInChina('2026-02-28'));
    const leapling = await memberBornOn(t, '2012-02-29');
    expect(leapling.me.ageGroup).toBe('child');
    await reevaluateAgeGroups(t.app.ctx);
    expect(await groupOf(leapling.userId)).toBe('child');
    clock.set(midnightInChina('2026-03-01'));
    await reevaluateAgeGroups(t.app.ctx);
    expect(await groupOf(leapling.userId)).toBe('minor');
  });

  it('encrypts bios and birthdays stored in plain text before, and sets their age group', async () => {
    clock.set(noonInChina('2026-05-09'));
    const bio = `旧简介-${uid()}`;
    const [legacy] = await t.database.db
      .insert(users)
      .values({ nickname: uid('legacy-'), bio, birthday: '2015-07-01' })
      .returning({ id: users.id });
    const report = await reevaluateAgeGroups(t.app.ctx);
    expect(report.sealed).toBeGreaterThanOrEqual(1);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, legacy.id));
    expect(row).toMatchObject({ bio: null, birthday: null, ageGroup: 'child' });
    // Sealed under the member's own data key, made for it by the job.
    const cipher = await memberCipher(t.app.ctx, legacy.id);
    expect(cipher.decrypt(row.bioCiphertext!, BIO_CONTEXT)).toBe(bio);
    expect(cipher.decrypt(row.birthdayCiphertext!, BIRTHDAY_CONTEXT)).toBe('2015-07-01');
    expect(await tablesContaining(t.database.db, [bio])).toEqual([]);
    expect((await reevaluateAgeGroups(t.app.ctx)).sealed).toBe(0);
  });

  it('removes guardian requests left without a decision for 30 days', async () => {
    clock.set(noonInChina('2026-05-09'));
    const child = await memberBornOn(t, '2016-03-10');
    const guardian = testPhone();
    expect(
      (
        await inject({
          method: 'POST',
          url: '/me/guardian',
          headers: child.headers,
          payload: { guardianPhone: guardian.e164 },
        })
      ).statusCode,
    ).toBe(202);
    const open = () =>
      t.database.db.select().from(guardianRequests).where(eq(guardianRequests.userId, child.userId));
    clock.advance(29 * 86_400_000);
    await reevaluateAgeGroups(t.app.ctx);
    expect(await open()).toHaveLength(1);
    clock.advance(2 * 86_400_000);
    expect((await reevaluateAgeGroups(t.app.ctx)).expiredRequests).toBe(1);
    expect(await open()).toEqual([]);
  });

  it('runs once a day from the server job, whichever instance claims the day first', async () => {
    clock.set(noonInChina('2026-07-01'));
    const job = startAgeJob(t.app, { firstRunDelayMs: 3_600_000 });
    expect(startAgeJob(t.app)).toBe(job);
    expect(await job.run()).toMatchObject({ date: '2026-07-01' });
    expect(await job.run()).toBeUndefined(); // already run today
    clock.advance(86_400_000);
    expect(await job.run()).toMatchObject({ date: '2026-07-02' });
    await job.stop();
    expect(await job.run()).toBeUndefined();
    expect(startAgeJob(t.app, { firstRunDelayMs: 3_600_000 })).not.toBe(job);
  });
});

describe('npm run age', () => {
  it('explains its usage, and refuses to run without the server’s key file', async () => {
    const lines: string[] = [];
    const config = testConfig({ DATABASE_URL: '' });
    await expect(ageCommand(config, [], (l) => lines.push(l))).rejects.toThrow(AgeCommandError);
    await expect(ageCommand(config, ['reevaluate', '--batch', '0'], (l) => lines.push(l))).rejects.toThrow(
      '--batch',
    );
    await expect(ageCommand(config, ['reevaluate'], (l) => lines.push(l))).rejects.toThrow('no key file');
  });

  it('re-evaluates the configured database and prints what moved', async () => {
    const config = testConfig({ DATABASE_URL: '' }); // its own embedded database in a temporary directory
    loadKeyringFromConfig(config); // the key file a server would have made
    const lines: string[] = [];
    await ageCommand(config, ['reevaluate'], (l) => lines.push(l));
    expect(lines[0]).toMatch(/^Age groups re-evaluated for \d{4}-\d{2}-\d{2} \(China time\): 0 children/);
    expect(
      describeAgeReport({
        date: '2026-05-10',
        sealed: 2,
        reviewed: 5,
        changed: { 'child->minor': 1 },
        failed: 1,
        expiredRequests: 0,
      }),
    ).toEqual([
      'Age groups re-evaluated for 2026-05-10 (China time): 5 children and minors reviewed.',
      '  moved: child->minor: 1',
      '  bios and birthdays encrypted from plain text: 2',
      '  guardian requests expired: 0',
      '  birthdays that could not be decrypted (left unchanged): 1',
    ]);
  });
});
