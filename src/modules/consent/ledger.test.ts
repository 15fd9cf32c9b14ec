/**
 * The consent ledger is append-only and hash-chained per member: any edited or deleted record, a
 * chain cut short, a whole chain deleted without a tombstone and a changed expiry log are detected;
 * a chain expired through the retention path is accepted. Existing global chains are converted.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import {
  connectDatabase,
  type Database,
  type Db,
  MIGRATIONS_DIR,
  queryRows,
  runMigrations,
} from '../../db/client.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/harness.ts';
import { createServerDatabase } from '../../testing/server-database.ts';
import {
  appendConsents,
  type ConsentEntry,
  canonicalRecord,
  chainHash,
  expireConsentChains,
  GENESIS_HASH,
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

/** Ten records of three members, appended in three calls (ids[i] is the i-th entry). */
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

/** What an attacker with database access does: switch the guards off, change, switch them on. */
async function tamper(db: Db, statement: ReturnType<typeof sql>) {
  await db.execute(sql`ALTER TABLE consent_records DISABLE TRIGGER USER`);
  await db.execute(sql`ALTER TABLE consent_subject_heads DISABLE TRIGGER USER`);
  await db.execute(sql`ALTER TABLE consent_chain_expiries DISABLE TRIGGER USER`);
  await db.execute(statement);
  await db.execute(sql`ALTER TABLE consent_records ENABLE TRIGGER USER`);
  await db.execute(sql`ALTER TABLE consent_subject_heads ENABLE TRIGGER USER`);
  await db.execute(sql`ALTER TABLE consent_chain_expiries ENABLE TRIGGER USER`);
}

const expire = (db: Db, userIds: number[], at = new Date('2030-01-01T00:00:00Z')) =>
  expireConsentChains(db, {
    subjects: sql`SELECT unnest(${`{${userIds.join(',')}}`}::bigint[])`,
    rule: '1095d after account-closed',
    now: at,
  });

const count = async (db: Db, table: string, where = sql`true`) =>
  (
    await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE ${where}`,
    )
  )[0].n;

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
    expect(await verifyConsentChain(db)).toEqual({
      ok: true,
      length: 0,
      lastId: null,
      chains: 0,
      expiredChains: 0,
      expiredRecords: 0,
    });
    const ids = await history(db);
    expect(await verifyConsentChain(db)).toEqual({
      ok: true,
      length: 10,
      lastId: ids[9],
      chains: 3,
      expiredChains: 0,
      expiredRecords: 0,
    });
  });

  it('links every record to its member’s previous record, across separate appends, and keeps a head per member', async () => {
    const db = await fresh();
    await history(db);
    const rows = await queryRows<{ user_id: number; prev_hash: string; hash: string }>(
      db,
      sql`SELECT user_id, prev_hash, hash FROM consent_records ORDER BY user_id, id`,
    );
    for (let i = 0; i < rows.length; i++) {
      const first = i === 0 || Number(rows[i - 1].user_id) !== Number(rows[i].user_id);
      expect(rows[i].prev_hash).toBe(first ? GENESIS_HASH : rows[i - 1].hash);
    }
    const heads = await queryRows<{ user_id: number; length: number; last_hash: string }>(
      db,
      sql`SELECT user_id, length::int AS length, last_hash FROM consent_subject_heads ORDER BY user_id`,
    );
    expect(heads.map((h) => [Number(h.user_id), h.length])).toEqual([
      [1, 3],
      [2, 4],
      [3, 3],
    ]);
    const lastOf = (u: number) => rows.filter((r) => Number(r.user_id) === u).at(-1)?.hash;
    for (const h of heads) expect(h.last_hash).toBe(lastOf(Number(h.user_id)));
  });

  it('computes the same hash in SQL (the upgrade migration) as in the code, awkward text included', async () => {
    const db = await fresh();
    await appendConsents(db, [
      { ...entry(7, 'account', true, 1), ipRegion: '内蒙古 "quoted" \\ back\nslash\t\u0001 😀' },
      {
        ...entry(7, 'analytics', false, 2),
        policyVersion: '2026-11-25.2',
        at: new Date('2026-01-02T03:04:05.006Z'),
      },
      { ...entry(8, 'location', true, 3), ipRegion: null },
    ]);
    const rows = await queryRows<{ same: boolean }>(
      db,
      sql`SELECT consent_record_hash(r.prev_hash, r) = r.hash AS same FROM consent_records r`,
    );
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.same)).toBe(true);
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself, also with the expiry setting but no tombstone', async () => {
    const db = await fresh();
    const ids = await history(db);
    await expect(
      db.execute(sql`UPDATE consent_records SET granted = false WHERE id = ${ids[1]}`),
    ).rejects.toThrow();
    await expect(db.execute(sql`DELETE FROM consent_records WHERE id = ${ids[1]}`)).rejects.toThrow();
    await expect(db.execute(sql`TRUNCATE consent_records`)).rejects.toThrow();
    await expect(db.execute(sql`DELETE FROM consent_subject_heads WHERE user_id = 1`)).rejects.toThrow();
    await expect(db.execute(sql`TRUNCATE consent_subject_heads`)).rejects.toThrow();
    await expect(db.execute(sql`DELETE FROM consent_chain_head`)).rejects.toThrow();
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`SELECT set_config('ccm.consent_expiry', '1', true)`);
        await tx.execute(sql`DELETE FROM consent_records WHERE user_id = 1`);
      }),
    ).rejects.toThrow();
    await expire(db, [2]);
    // The tombstone is for member 2 only, and it cannot be changed or removed.
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`SELECT set_config('ccm.consent_expiry', '1', true)`);
        await tx.execute(sql`DELETE FROM consent_records WHERE user_id = 1`);
      }),
    ).rejects.toThrow();
    await expect(db.execute(sql`UPDATE consent_chain_expiries SET records = 1`)).rejects.toThrow();
    await expect(db.execute(sql`DELETE FROM consent_chain_expiries`)).rejects.toThrow();
    await expect(db.execute(sql`TRUNCATE consent_chain_expiries`)).rejects.toThrow();
    expect(await count(db, 'consent_records')).toBe(6);
    expect((await verifyConsentChain(db)).ok).toBe(true);
  });

  it('detects a record whose granted value was edited', async () => {
    const db = await fresh();
    const ids = await history(db);
    await tamper(db, sql`UPDATE consent_records SET granted = NOT granted WHERE id = ${ids[6]}`);
    expect(await verifyConsentChain(db)).toMatchObject({
      ok: false,
      brokenId: ids[6],
      userId: 3,
      reason: 'row-altered',
      length: 7, // members 1 and 2 verified before member 3
    });
  });

  it('detects a record whose purpose was edited, even with its own hash recomputed', async () => {
    const db = await fresh();
    const ids = await history(db);
    await tamper(db, sql`UPDATE consent_records SET purpose = 'analytics' WHERE id = ${ids[3]}`);
    expect(await verifyConsentChain(db)).toMatchObject({
      ok: false,
      brokenId: ids[3],
      reason: 'row-altered',
    });
    // Recomputing the edited record's hash moves the break to the member's next record.
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

  it('detects a deleted record inside a member’s chain', async () => {
    const db = await fresh();
    const ids = await history(db);
    await tamper(db, sql`DELETE FROM consent_records WHERE id = ${ids[4]}`);
    expect(await verifyConsentChain(db)).toMatchObject({
      ok: false,
      brokenId: ids[9],
      userId: 2,
      reason: 'previous-row-missing',
    });
  });

  it('detects records deleted at the end of a member’s chain through its head', async () => {
    const db = await fresh();
    const ids = await history(db);
    await tamper(db, sql`DELETE FROM consent_records WHERE id = ${ids[8]}`);
    expect(await verifyConsentChain(db)).toMatchObject({
      ok: false,
      brokenId: ids[6],
      userId: 3,
      reason: 'rows-missing-at-end',
    });
  });

  it('detects a whole member chain deleted without a tombstone, with or without its head', async () => {
    const db = await fresh();
    await history(db);
    await tamper(db, sql`DELETE FROM consent_records WHERE user_id = 3`);
    expect(await verifyConsentChain(db)).toMatchObject({ ok: false, userId: 3, reason: 'chain-missing' });
    await tamper(db, sql`DELETE FROM consent_subject_heads WHERE user_id = 3`);
    expect(await verifyConsentChain(db)).toMatchObject({
      ok: false,
      reason: 'chain-missing',
      detail: 'the ledger head counts 10 records appended and 0 expired; 7 remain',
    });
  });

  it('accepts a chain expired through the retention path, and keeps verifying appends after it', async () => {
    const db = await fresh();
    const ids = await history(db);
    expect(await expire(db, [2, 99])).toEqual({ records: 4, chains: 1, refused: [] });
    expect(await count(db, 'consent_records', sql`user_id = 2`)).toBe(0);
    expect(await count(db, 'consent_subject_heads', sql`user_id = 2`)).toBe(0);
    const [tomb] = await queryRows<Record<string, unknown>>(db, sql`SELECT * FROM consent_chain_expiries`);
    expect(tomb).toMatchObject({ rule: '1095d after account-closed', prev_hash: GENESIS_HASH });
    expect([Number(tomb.user_id), Number(tomb.records), Number(tomb.first_id), Number(tomb.last_id)]).toEqual(
      [2, 4, ids[2], ids[9]],
    );
    // Nothing of the records' content is in the tombstone.
    expect(Object.keys(tomb).sort()).toEqual(
      [
        'expired_at',
        'first_id',
        'hash',
        'id',
        'last_hash',
        'last_id',
        'prev_hash',
        'records',
        'rule',
        'user_id',
      ].sort(),
    );
    expect(await verifyConsentChain(db)).toMatchObject({
      ok: true,
      length: 6,
      chains: 2,
      expiredChains: 1,
      expiredRecords: 4,
    });
    await appendConsents(db, [entry(1, 'analytics', true, 20), entry(4, 'account', true, 21)]);
    expect(await expire(db, [2])).toEqual({ records: 0, chains: 0, refused: [] });
    expect(await expire(db, [3])).toEqual({ records: 3, chains: 1, refused: [] });
    expect(await verifyConsentChain(db)).toMatchObject({
      ok: true,
      length: 5,
      expiredChains: 2,
      expiredRecords: 7,
    });
  });

  it('detects a removed or changed expiry tombstone', async () => {
    const db = await fresh();
    await history(db);
    await expire(db, [1]);
    await expire(db, [2]);
    await tamper(db, sql`UPDATE consent_chain_expiries SET records = records + 1 WHERE user_id = 1`);
    expect(await verifyConsentChain(db)).toMatchObject({ ok: false, reason: 'expiry-log-broken', userId: 1 });
    await tamper(db, sql`UPDATE consent_chain_expiries SET records = records - 1 WHERE user_id = 1`);
    expect((await verifyConsentChain(db)).ok).toBe(true);
    await tamper(db, sql`DELETE FROM consent_chain_expiries WHERE user_id = 2`);
    expect(await verifyConsentChain(db)).toMatchObject({ ok: false, reason: 'expiry-log-broken' });
  });

  it('does not expire a chain that does not verify (it would hide the tampering)', async () => {
    const db = await fresh();
    const ids = await history(db);
    await tamper(db, sql`UPDATE consent_records SET granted = NOT granted WHERE id = ${ids[6]}`);
    expect(await expire(db, [1, 3])).toEqual({ records: 3, chains: 1, refused: [3] });
    expect(await count(db, 'consent_records', sql`user_id = 3`)).toBe(3);
    expect(await verifyConsentChain(db)).toMatchObject({
      ok: false,
      brokenId: ids[6],
      reason: 'row-altered',
    });
  });

  it('keeps every chain whole under concurrent appends for the same member and for different members', async () => {
    const db = await fresh();
    await Promise.all([
      ...Array.from({ length: 8 }, (_, i) =>
        appendConsents(db, [entry(100 + i, 'account', true, i), entry(100 + i, 'analytics', i % 2 === 0, i)]),
      ),
      ...Array.from({ length: 8 }, (_, i) =>
        appendConsents(db, [entry(200, 'analytics', i % 2 === 0, i), entry(200, 'location', i % 2 === 1, i)]),
      ),
      // One call spanning two members, in the order that would deadlock without the global lock first.
      appendConsents(db, [entry(201, 'account', true, 1), entry(200, 'account', true, 2)]),
      appendConsents(db, [entry(200, 'notifications', true, 3), entry(201, 'analytics', true, 4)]),
    ]);
    expect(await verifyConsentChain(db)).toMatchObject({ ok: true, length: 36, chains: 10 });
    expect(await count(db, 'consent_records', sql`user_id = 200`)).toBe(18);
  });
});

/** A database migrated up to the version before per-member chains, for the upgrade tests. */
async function legacyDatabase(): Promise<{ database: Database; dispose(): Promise<void> }> {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8'));
  const cut = journal.entries.findIndex((e: { tag: string }) =>
    readFileSync(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), 'utf8').includes(
      'CREATE TABLE "consent_subject_heads"',
    ),
  );
  expect(cut).toBeGreaterThan(0);
  const folder = mkdtempSync(path.join(os.tmpdir(), 'ccm-legacy-migrations-'));
  cpSync(MIGRATIONS_DIR, folder, { recursive: true });
  writeFileSync(
    path.join(folder, 'meta', '_journal.json'),
    JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }),
  );
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const database = await connectDatabase({ pgliteDir: 'memory' });
    await migratePglite(database.db as never, { migrationsFolder: folder });
    return { database, dispose: () => database.close().catch(() => {}) };
  }
  const server = await createServerDatabase(serverUrl, 'ccm_test');
  const database = await connectDatabase({ databaseUrl: server.url, poolSize: 2 });
  await migratePg(database.db as never, { migrationsFolder: folder });
  return {
    database,
    async dispose() {
      await database.close().catch(() => {});
      await server.drop();
    },
  };
}

/** Writes records as the previous version did: one global chain and its head. */
async function legacyHistory(db: Db, entries: ConsentEntry[]) {
  let prev = GENESIS_HASH;
  let lastId: number | null = null;
  for (const e of entries) {
    const hash = chainHash(prev, canonicalRecord(e));
    const [row] = await queryRows<{ id: number }>(
      db,
      sql`INSERT INTO consent_records (user_id, purpose, granted, policy_version, policy_hash, at, channel, ip_region, prev_hash, hash)
          VALUES (${e.userId}, ${e.purpose}, ${e.granted}, ${e.policyVersion}, ${e.policyHash}, ${e.at.toISOString()}::timestamptz,
                  ${e.channel}, ${e.ipRegion}, ${prev}, ${hash}) RETURNING id`,
    );
    prev = hash;
    lastId = Number(row.id);
  }
  await db.execute(
    sql`UPDATE consent_chain_head SET last_id = ${lastId}, last_hash = ${prev}, length = ${entries.length} WHERE id = 1`,
  );
}

describe('the upgrade from one global chain', () => {
  let legacy: Awaited<ReturnType<typeof legacyDatabase>> | undefined;
  afterEach(async () => {
    await legacy?.dispose();
    legacy = undefined;
  });
  const entries = [
    entry(5, 'account', true, 0),
    entry(6, 'account', true, 1),
    { ...entry(5, 'location', true, 2), ipRegion: '广东 "x"\n' },
    entry(6, 'analytics', false, 3),
    entry(5, 'location', false, 4),
  ];

  it('relinks an existing ledger per member in the migration; it verifies, expires and grows', async () => {
    legacy = await legacyDatabase();
    const { db } = legacy.database;
    await legacyHistory(db, entries);
    await runMigrations(legacy.database);
    expect(await verifyConsentChain(db)).toMatchObject({ ok: true, length: 5, chains: 2 });
    const heads = await queryRows<{ user_id: number; length: number }>(
      db,
      sql`SELECT user_id, length::int AS length FROM consent_subject_heads ORDER BY user_id`,
    );
    expect(heads.map((h) => [Number(h.user_id), h.length])).toEqual([
      [5, 3],
      [6, 2],
    ]);
    await appendConsents(db, [entry(6, 'location', true, 9)]);
    expect(await expire(db, [5])).toEqual({ records: 3, chains: 1, refused: [] });
    expect(await verifyConsentChain(db)).toMatchObject({ ok: true, length: 3, expiredRecords: 3 });
  });

  it('refuses to convert a global chain that does not verify', async () => {
    legacy = await legacyDatabase();
    const { db } = legacy.database;
    await legacyHistory(db, entries);
    await db.execute(sql`ALTER TABLE consent_records DISABLE TRIGGER USER`);
    await db.execute(sql`UPDATE consent_records SET granted = NOT granted WHERE purpose = 'analytics'`);
    await db.execute(sql`ALTER TABLE consent_records ENABLE TRIGGER USER`);
    await expect(runMigrations(legacy.database)).rejects.toThrow();
    expect(await count(db, 'consent_records')).toBe(5);
  });
});
