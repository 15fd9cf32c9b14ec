/** The consent ledger is append-only and hash-chained: any edited or deleted row is detected. */
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { type Db, queryRows } from '../../db/client.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/harness.ts';
import {
  appendConsents,
  type ConsentEntry,
  canonicalRecord,
  chainHash,
  verifyConsentChain,
} from './ledger.ts';

const entry = (
  userId: number,
  purpose: ConsentEntry['purpose'],
  granted: boolean,
  i: number,
): ConsentEntry => ({
  userId,
  purpose,
  granted,
  policyVersion: '2026-11-25',
  policyHash: 'a'.repeat(64),
  at: new Date(Date.UTC(2026, 10, 25, 8, 0, i)),
  channel: 'web',
  ipRegion: i % 2 === 0 ? '北京' : null,
});

/** Ten records of three members, appended in three calls. */
async function history(db: Db) {
  await appendConsents(db, [entry(1, 'account', true, 0), entry(1, 'personalization', true, 1)]);
  await appendConsents(db, [
    entry(2, 'account', true, 2),
    entry(2, 'location', true, 3),
    entry(2, 'location', false, 4),
  ]);
  await appendConsents(db, [
    entry(3, 'account', true, 5),
    entry(3, 'analytics', true, 6),
    entry(1, 'personalization', false, 7),
    entry(3, 'analytics', false, 8),
    entry(2, 'notifications', true, 9),
  ]);
  const rows = await queryRows<{ id: number }>(db, sql`SELECT id FROM consent_records ORDER BY id`);
  return rows.map((r) => Number(r.id));
}

/** What an attacker with database access does: switch the guard off, change, switch it back on. */
async function tamper(db: Db, statement: ReturnType<typeof sql>) {
  await db.execute(sql`ALTER TABLE consent_records DISABLE TRIGGER consent_records_no_change`);
  await db.execute(statement);
  await db.execute(sql`ALTER TABLE consent_records ENABLE TRIGGER consent_records_no_change`);
}

describe('the consent ledger', () => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });
  const fresh = async () => {
    t = await createTestDatabase();
    return t.database.db;
  };

  it('verifies an untouched history, and an empty one', async () => {
    const db = await fresh();
    expect(await verifyConsentChain(db)).toEqual({ ok: true, length: 0, lastId: null });
    const ids = await history(db);
    expect(await verifyConsentChain(db)).toEqual({ ok: true, length: 10, lastId: ids[9] });
  });

  it('links every row to the previous row’s hash, across separate appends', async () => {
    const db = await fresh();
    await history(db);
    const rows = await queryRows<{ prev_hash: string; hash: string }>(
      db,
      sql`SELECT prev_hash, hash FROM consent_records ORDER BY id`,
    );
    expect(rows[0].prev_hash).toBe('0'.repeat(64));
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    expect(new Set(rows.map((r) => r.hash)).size).toBe(rows.length);
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    const db = await fresh();
    const ids = await history(db);
    await expect(
      db.execute(sql`UPDATE consent_records SET granted = false WHERE id = ${ids[1]}`),
    ).rejects.toThrow();
    await expect(db.execute(sql`DELETE FROM consent_records WHERE id = ${ids[1]}`)).rejects.toThrow();
    await expect(db.execute(sql`TRUNCATE consent_records`)).rejects.toThrow();
    expect((await verifyConsentChain(db)).ok).toBe(true);
  });

  it('detects a row whose granted value was edited', async () => {
    const db = await fresh();
    const ids = await history(db);
    await tamper(db, sql`UPDATE consent_records SET granted = NOT granted WHERE id = ${ids[6]}`);
    expect(await verifyConsentChain(db)).toMatchObject({
      ok: false,
      brokenId: ids[6],
      reason: 'row-altered',
      length: 6,
    });
  });

  it('detects a row whose purpose was edited, even with its own hash recomputed', async () => {
    const db = await fresh();
    const ids = await history(db);
    await tamper(db, sql`UPDATE consent_records SET purpose = 'analytics' WHERE id = ${ids[3]}`);
    expect(await verifyConsentChain(db)).toMatchObject({
      ok: false,
      brokenId: ids[3],
      reason: 'row-altered',
    });
    // Recomputing the edited row's hash moves the break to the next row, which still points at the old one.
    const [r] = await queryRows<Record<string, unknown>>(
      db,
      sql`SELECT * FROM consent_records WHERE id = ${ids[3]}`,
    );
    const rehashed = chainHash(
      String(r.prev_hash),
      canonicalRecord({
        userId: Number(r.user_id),
        purpose: String(r.purpose),
        granted: Boolean(r.granted),
        policyVersion: String(r.policy_version),
        policyHash: String(r.policy_hash),
        at: new Date(r.at as string),
        channel: r.channel as 'web',
        ipRegion: (r.ip_region as string | null) ?? null,
      }),
    );
    await tamper(db, sql`UPDATE consent_records SET hash = ${rehashed} WHERE id = ${ids[3]}`);
    expect(await verifyConsentChain(db)).toMatchObject({
      ok: false,
      brokenId: ids[4],
      reason: 'previous-row-missing',
    });
  });

  it('detects a deleted row in the middle', async () => {
    const db = await fresh();
    const ids = await history(db);
    await tamper(db, sql`DELETE FROM consent_records WHERE id = ${ids[4]}`);
    expect(await verifyConsentChain(db)).toMatchObject({
      ok: false,
      brokenId: ids[5],
      reason: 'previous-row-missing',
    });
  });

  it('detects rows deleted at the end through the chain head', async () => {
    const db = await fresh();
    const ids = await history(db);
    await tamper(db, sql`DELETE FROM consent_records WHERE id >= ${ids[8]}`);
    expect(await verifyConsentChain(db)).toMatchObject({
      ok: false,
      brokenId: ids[7],
      reason: 'rows-missing-at-end',
      length: 8,
    });
  });

  it('serialises concurrent appends into one unbroken chain', async () => {
    const db = await fresh();
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        appendConsents(db, [entry(100 + i, 'account', true, i), entry(100 + i, 'analytics', i % 2 === 0, i)]),
      ),
    );
    expect(await verifyConsentChain(db)).toMatchObject({ ok: true, length: 16 });
  });
});
