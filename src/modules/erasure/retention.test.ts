import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { fixedClock } from '../../platform/clock.ts';
import { makeMember } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { memberSessions } from '../accounts/tables.ts';
import { appendConsents, verifyConsentChain } from '../consent/ledger.ts';
import { consentChainExpiries, consentRecords } from '../consent/tables.ts';
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

  it('expires a cancelled member’s consent chain three years after closing, through a tombstone, and the ledger still verifies', async () => {
    const rule = retentionRules().find((r) => r.table === 'consent_records');
    expect(rule).toMatchObject({ clock: 'erasure_receipts', unsupported: null, action: 'delete-rows' });
    const gone = await makeMember(t.app);
    const stays = await makeMember(t.app);
    const recordsOf = (userId: number) =>
      t.database.db.select().from(consentRecords).where(eq(consentRecords.userId, userId));
    const before = (await recordsOf(gone.userId)).length;
    expect(before).toBeGreaterThan(0);
    await runErasure(t.app.ctx, await openCancellation(t.app.ctx, gone.userId));
    expect(await recordsOf(gone.userId)).toHaveLength(before); // legal hold

    clock.advance(365 * 3 * DAY - DAY);
    await runRetentionSweep(t.app.ctx);
    expect(await recordsOf(gone.userId)).toHaveLength(before);

    clock.advance(2 * DAY);
    const sweep = await runRetentionSweep(t.app.ctx);
    expect(await recordsOf(gone.userId)).toEqual([]);
    expect((await recordsOf(stays.userId)).length).toBeGreaterThan(0);
    const ledger = sweep.tables.find((s) => s.table === 'consent_records');
    expect(ledger).toMatchObject({ rule: '1095d after account-closed', action: 'delete-rows' });
    expect(ledger?.rows).toBeGreaterThanOrEqual(before);
    const tombstones = await t.database.db
      .select()
      .from(consentChainExpiries)
      .where(eq(consentChainExpiries.userId, gone.userId));
    expect(tombstones).toMatchObject([{ records: before, rule: '1095d after account-closed' }]);
    expect(await verifyConsentChain(t.database.db)).toMatchObject({ ok: true });

    // A second sweep finds nothing more to expire and writes no second tombstone.
    const again = await runRetentionSweep(t.app.ctx);
    expect(again.tables.find((s) => s.table === 'consent_records')?.rows).toBe(0);
    expect(
      await t.database.db
        .select()
        .from(consentChainExpiries)
        .where(eq(consentChainExpiries.userId, gone.userId)),
    ).toHaveLength(1);
  });

  it('expires ledger chains in batches', async () => {
    // More closed accounts than one batch of members; their receipts completed long ago.
    const base = 9_000_000;
    const n = 1_203;
    for (let i = 0; i < n; i += 300) {
      await appendConsents(
        t.database.db,
        Array.from({ length: Math.min(300, n - i) }, (_, j) => ({
          userId: base + i + j,
          purpose: 'account' as const,
          granted: true,
          policyVersion: 'test',
          policyHash: 'b'.repeat(64),
          at: clock.now(),
          channel: 'registration' as const,
          ipRegion: null,
        })),
      );
    }
    await t.database.db.execute(
      sql`INSERT INTO erasure_receipts (id, user_id, status, steps, created_at, started_at, finished_at)
          SELECT gen_random_uuid()::text, g, 'completed', '[]'::jsonb, ${clock.now().toISOString()}::timestamptz,
                 ${clock.now().toISOString()}::timestamptz, ${clock.now().toISOString()}::timestamptz
          FROM generate_series(${base}::bigint, ${base + n - 1}::bigint) g`,
    );
    clock.advance(365 * 3 * DAY + DAY);
    const sweep = await runRetentionSweep(t.app.ctx);
    expect(sweep.tables.find((s) => s.table === 'consent_records')?.rows).toBeGreaterThanOrEqual(n);
    const [{ left }] = await queryRows<{ left: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS left FROM consent_records WHERE user_id >= ${base}`,
    );
    expect(left).toBe(0);
    expect(await verifyConsentChain(t.database.db)).toMatchObject({ ok: true });
  }, 180_000);
});
