import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { fixedClock } from '../../platform/clock.ts';
import { makeMember } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { memberSessions } from '../accounts/tables.ts';
import { verifyConsentChain } from '../consent/ledger.ts';
import { consentRecords } from '../consent/tables.ts';
import { guardianConsents } from '../guardian/tables.ts';
import { oauthPendingLinks } from '../identity/tables.ts';
import { rateLimits } from '../security/tables.ts';
import { smsCodes } from '../sms/tables.ts';
import { openCancellation } from './cancellation.ts';
import { runErasure } from './job.ts';
import { retentionRules, runRetentionSweep } from './retention.ts';
import { retentionSweeps } from './tables.ts';

const DAY = 86_400_000;
const hex = () => randomBytes(8).toString('hex');

describe('retention sweeps', () => {
  let t: TestApp;
  const clock = fixedClock(new Date('2026-03-01T02:00:00Z'));
  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(() => t.close());

  async function shortLivedRows(tag: string) {
    const now = clock.now();
    await t.database.db.insert(smsCodes).values({
      id: `${tag}-${hex()}`,
      phoneIndex: `${tag}-${hex()}`,
      purpose: 'login',
      codeHash: hex(),
      createdAt: now,
      expiresAt: new Date(now.getTime() + 300_000),
    });
    await t.database.db.insert(oauthPendingLinks).values({
      idHash: `${tag}-${hex()}`,
      provider: 'wechat',
      subjectCiphertext: 'x',
      returnTo: '/',
      createdAt: now,
      expiresAt: new Date(now.getTime() + 900_000),
    });
    await t.database.db.insert(rateLimits).values({ key: `${tag}:${hex()}`, windowStartedAt: now, hits: 1 });
  }
  const count = async (table: string, like: string, column: string) =>
    (
      await queryRows<{ n: number }>(
        t.database.db,
        sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE ${sql.identifier(column)} LIKE ${`${like}%`}`,
      )
    )[0].n;

  it('removes the rows whose retention ran out and keeps the fresh ones', async () => {
    await shortLivedRows('old');
    const member = await makeMember(t.app); // its session is seen now
    clock.advance(31 * DAY);
    await shortLivedRows('new');
    const fresh = await makeMember(t.app);

    const sweep = await runRetentionSweep(t.app.ctx, 'schedule');

    for (const [table, column] of [
      ['sms_codes', 'id'],
      ['oauth_pending_links', 'id_hash'],
      ['rate_limits', 'key'],
    ]) {
      expect(await count(table, 'old', column), table).toBe(0);
      expect(await count(table, 'new', column), table).toBe(1);
    }
    const sessionsOf = async (userId: number) =>
      t.database.db.select().from(memberSessions).where(eq(memberSessions.userId, userId));
    expect(await sessionsOf(member.userId)).toEqual([]);
    expect(await sessionsOf(fresh.userId)).toHaveLength(1);

    expect(sweep.finishedAt).not.toBeNull();
    const byTable = Object.fromEntries(sweep.tables.map((s) => [s.table, s.rows]));
    expect(byTable.sms_codes).toBeGreaterThanOrEqual(1);
    expect(byTable.member_sessions).toBeGreaterThanOrEqual(1);
    const [recorded] = await t.database.db
      .select()
      .from(retentionSweeps)
      .where(eq(retentionSweeps.id, sweep.id));
    expect(recorded.tables.length).toBeGreaterThan(0);
  });

  it('deletes in batches until nothing expired is left', async () => {
    const old = clock.now();
    const rows = Array.from({ length: 2_345 }, (_, i) => ({
      key: `batch:${i}:${hex()}`,
      windowStartedAt: old,
      hits: 1,
    }));
    for (let i = 0; i < rows.length; i += 500)
      await t.database.db.insert(rateLimits).values(rows.slice(i, i + 500));
    clock.advance(3 * DAY);
    const sweep = await runRetentionSweep(t.app.ctx);
    expect(await count('rate_limits', 'batch:', 'key')).toBe(0);
    expect(sweep.tables.find((s) => s.table === 'rate_limits')?.rows).toBeGreaterThanOrEqual(2_345);
  });

  it('keeps a cancelled account’s guardian decisions for three years after closing, then removes them', async () => {
    const m = await makeMember(t.app);
    await t.database.db.insert(guardianConsents).values({
      userId: m.userId,
      decision: 'granted',
      guardianPhoneIndex: 'index-of-a-guardian',
      noticeVersion: 'test',
      noticeHash: 'test',
      channel: 'web',
      decidedAt: clock.now(),
    });
    await runErasure(t.app.ctx, await openCancellation(t.app.ctx, m.userId));
    const decisions = () =>
      t.database.db.select().from(guardianConsents).where(eq(guardianConsents.userId, m.userId));
    expect(await decisions()).toHaveLength(1); // legal hold

    clock.advance(365 * 3 * DAY - DAY);
    await runRetentionSweep(t.app.ctx);
    expect(await decisions()).toHaveLength(1);

    clock.advance(2 * DAY);
    await runRetentionSweep(t.app.ctx);
    expect(await decisions()).toEqual([]);
  });

  it('reports the consent ledger’s rule as not sweepable and leaves the chain whole', async () => {
    const rule = retentionRules().find((r) => r.table === 'consent_records');
    expect(rule?.unsupported).toMatch(/append-only/);
    const m = await makeMember(t.app);
    await runErasure(t.app.ctx, await openCancellation(t.app.ctx, m.userId));
    clock.advance(365 * 4 * DAY);
    await runRetentionSweep(t.app.ctx);
    const kept = await t.database.db.select().from(consentRecords).where(eq(consentRecords.userId, m.userId));
    expect(kept.length).toBeGreaterThan(0);
    expect((await verifyConsentChain(t.database.db)).ok).toBe(true);
  });
});
