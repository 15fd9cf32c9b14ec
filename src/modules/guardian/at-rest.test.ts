/**
 * Requirement 13 at rest: a child's bio and birthday, and the guardian's phone, never in plain
 * text in the database or the logs; staff reads of a child's data are logged.
 */
import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.ts';
import { createLogger } from '../../platform/logging.ts';
import { tablesContaining } from '../../testing/db-scan.ts';
import { makeMember, makeStaff, uid } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { testPhone } from '../../testing/outbox.ts';
import { users } from '../accounts/tables.ts';
import { childDataAccessed, childDataAccesses } from './access-log.ts';
import { GUARDIAN_NOTICE_VERSION } from './notice.ts';
import { childDataAccessLog } from './tables.ts';
import { guardianCode, injector } from './testing.ts';

describe('children’s data at rest', () => {
  let t: TestApp;
  let inject: ReturnType<typeof injector>;
  const lines: string[] = [];
  const clock = fixedClock(new Date('2026-06-01T04:00:00Z'));
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    t = await createTestApp({ clock, logger: createLogger('trace', sink) });
    inject = injector(t, 9);
  });
  afterAll(() => t.close());

  it('keeps a child’s bio and birthday, and the guardian’s phone, out of the database and the logs', async () => {
    const child = await makeMember(t.app);
    const bio = `我在上五年级，喜欢挖掘机-${uid()}`;
    const birthday = '2016-04-23';
    const patched = await inject({
      method: 'PATCH',
      url: '/me',
      headers: child.headers,
      payload: { bio, birthday },
    });
    expect(patched.json()).toMatchObject({ ageGroup: 'child', bio, birthday });

    const guardian = testPhone();
    const asked = await inject({
      method: 'POST',
      url: '/me/guardian',
      headers: child.headers,
      payload: { guardianPhone: guardian.national },
    });
    expect(asked.statusCode).toBe(202);
    const code = await guardianCode(t, guardian.e164);
    const decided = await inject({
      method: 'POST',
      url: '/me/guardian/decision',
      headers: child.headers,
      payload: { code, decision: 'accept', noticeVersion: GUARDIAN_NOTICE_VERSION },
    });
    expect(decided.json().status).toBe('granted');
    expect((await inject({ url: '/me', headers: child.headers })).json()).toMatchObject({ bio, birthday });
    expect((await inject({ url: '/me/guardian', headers: child.headers })).json().guardianPhone).toBe(
      `${guardian.national.slice(0, 3)}****${guardian.national.slice(7)}`,
    );

    const [row] = await t.database.db.select().from(users).where(eq(users.id, child.userId));
    expect(row).toMatchObject({ bio: null, birthday: null });
    expect(row.bioCiphertext).toBeTruthy();
    expect(row.birthdayCiphertext).toBeTruthy();

    const secrets = [bio, birthday, guardian.national, guardian.e164, guardian.national.slice(3)];
    expect(await tablesContaining(t.database.db, secrets)).toEqual([]);
    const logText = lines.join('');
    expect(logText).toContain('guardian.decision'); // the capture did capture
    for (const secret of [...secrets, code]) expect(logText, 'logs').not.toContain(secret);
  });

  it('encrypts every member’s bio and birthday, not only children’s', async () => {
    const adult = await makeMember(t.app);
    const bio = `二十年推土机老手-${uid()}`;
    await inject({
      method: 'PATCH',
      url: '/me',
      headers: adult.headers,
      payload: { bio, birthday: '1980-02-29' },
    });
    expect(await tablesContaining(t.database.db, [bio, '1980-02-29'])).toEqual([]);
    const cleared = await inject({
      method: 'PATCH',
      url: '/me',
      headers: adult.headers,
      payload: { bio: null },
    });
    expect(cleared.json()).toMatchObject({ bio: null, birthday: '1980-02-29', ageGroup: 'adult' });
  });

  it('logs a staff read of a child’s data, and only of a child’s', async () => {
    const staff = await makeStaff(t.database.db, 'support');
    const child = await makeMember(t.app);
    await inject({
      method: 'PATCH',
      url: '/me',
      headers: child.headers,
      payload: { birthday: '2017-01-01' },
    });
    const adult = await makeMember(t.app);

    expect(await childDataAccessed(t.app.ctx, staff.id, child.userId, 'profile')).toBe(true);
    expect(await childDataAccessed(t.app.ctx, staff.id, adult.userId, 'profile')).toBe(false);
    await expect(childDataAccessed(t.app.ctx, staff.id, child.userId, '13800138000')).rejects.toThrow(
      'kind of data',
    );
    expect(await childDataAccesses(t.app.ctx, child.userId)).toEqual([
      { staffId: staff.id, what: 'profile', at: clock.now() },
    ]);
    const adultRows = await t.database.db
      .select()
      .from(childDataAccessLog)
      .where(eq(childDataAccessLog.userId, adult.userId));
    expect(adultRows).toEqual([]);
  });
});
