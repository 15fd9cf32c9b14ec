/**
 * The consent ledger: one hash chain per member. Each record's hash is sha256 over the previous
 * record of the same member and the record's canonical content; a head row per member
 * (`consent_subject_heads`) keeps the chain's last id, hash and length, so records removed from the
 * end of a chain are detected too. A global head (`consent_chain_head`) counts every record ever
 * appended and every record expired, and is locked by every append and expiry (SELECT ... FOR
 * UPDATE), so concurrent appends on any instance line up as before.
 *
 * Expiry (retention, 3 years after the account closed) removes a member's whole chain at once:
 * a tombstone goes first into the append-only, hash-chained expiry log (`consent_chain_expiries`:
 * member number, count, first and last id, last hash, rule, time; no record content), then the
 * records and the head are deleted, which the database trigger allows only in that transaction
 * and only inside the tombstone. Verification accepts a chain so expired, and finds a chain
 * deleted any other way through the global count.
 *
 * Only this module reads the table: features ask guard.ts.
 */
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gt, lte, or, type SQL, sql } from 'drizzle-orm';
import { type Db, preparedPerDatabase, queryRows } from '../../db/client.ts';
import type { LedgerPurpose } from './policy-text.ts';
import {
  type ConsentChannel,
  consentChainExpiries,
  consentChainHead,
  consentRecords,
  consentSubjectHeads,
} from './tables.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface ConsentEntry {
  userId: number;
  purpose: LedgerPurpose;
  granted: boolean;
  policyVersion: string;
  policyHash: string;
  at: Date;
  channel: ConsentChannel;
  ipRegion: string | null;
}

export type ConsentRow = typeof consentRecords.$inferSelect;

/** The row's content in a fixed order and format: what its hash covers besides the previous hash. */
export function canonicalRecord(r: Omit<ConsentEntry, 'purpose'> & { purpose: string }): string {
  return JSON.stringify([
    r.userId,
    r.purpose,
    r.granted,
    r.policyVersion,
    r.policyHash,
    r.at.toISOString(),
    r.channel,
    r.ipRegion ?? null,
  ]);
}

export const chainHash = (prevHash: string, canonical: string) =>
  createHash('sha256').update(`${prevHash}\n${canonical}`).digest('hex');

/** Anything Drizzle can open a transaction on: the database or a transaction (a savepoint then). */
export type Executor = Pick<Db, 'transaction'>;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** The global head, created if a restore lost it (the migration creates it), locked until commit. */
async function lockGlobalHead(tx: Tx) {
  await tx
    .insert(consentChainHead)
    .values({ id: 1, lastId: null, lastHash: GENESIS_HASH, length: 0 })
    .onConflictDoNothing();
  const [head] = await tx.select().from(consentChainHead).where(eq(consentChainHead.id, 1)).for('update');
  return head;
}

/**
 * Appends the entries in order, in one transaction holding the global head and each member's head.
 * Pass the caller's transaction to commit the consents with what they belong to (an account, a
 * guardian decision). The global head is always locked first, so two appends never wait on each
 * other's member heads in opposite order.
 */
export async function appendConsents(executor: Executor, entries: ConsentEntry[]): Promise<ConsentRow[]> {
  if (entries.length === 0) return [];
  return executor.transaction(async (tx) => {
    const global = await lockGlobalHead(tx);
    const heads = new Map<number, { lastId: number | null; lastHash: string; length: number }>();
    for (const userId of [...new Set(entries.map((e) => e.userId))].sort((x, y) => x - y)) {
      await tx
        .insert(consentSubjectHeads)
        .values({ userId, lastId: null, lastHash: GENESIS_HASH, length: 0 })
        .onConflictDoNothing();
      const [head] = await tx
        .select()
        .from(consentSubjectHeads)
        .where(eq(consentSubjectHeads.userId, userId))
        .for('update');
      heads.set(userId, head);
    }
    const rows: ConsentRow[] = [];
    for (const entry of entries) {
      const head = heads.get(entry.userId)!;
      const hash = chainHash(head.lastHash, canonicalRecord(entry));
      const [row] = await tx
        .insert(consentRecords)
        .values({ ...entry, ipRegion: entry.ipRegion ?? null, prevHash: head.lastHash, hash })
        .returning();
      rows.push(row);
      heads.set(entry.userId, { lastId: row.id, lastHash: hash, length: head.length + 1 });
    }
    for (const [userId, head] of heads) {
      await tx.update(consentSubjectHeads).set(head).where(eq(consentSubjectHeads.userId, userId));
    }
    const last = rows[rows.length - 1];
    await tx
      .update(consentChainHead)
      .set({ lastId: last.id, lastHash: last.hash, length: global.length + rows.length })
      .where(eq(consentChainHead.id, 1));
    return rows;
  });
}

/**
 * Each purpose's latest record for one member (the current state before policy renewals). Every
 * consent guard and GET /me/consents read it: prepared once per database.
 */
export async function latestRecords(db: Db, userId: number): Promise<ConsentRow[]> {
  return latestRecordsQuery(db).execute({ userId });
}

const latestRecordsQuery = preparedPerDatabase((db: Db) =>
  db
    .selectDistinctOn([consentRecords.purpose])
    .from(consentRecords)
    .where(eq(consentRecords.userId, sql.placeholder('userId')))
    .orderBy(asc(consentRecords.purpose), desc(consentRecords.id))
    .prepare('consent_latest_records'),
);

export async function latestRecord(db: Db, userId: number, purpose: string): Promise<ConsentRow | undefined> {
  const [row] = await db
    .select()
    .from(consentRecords)
    .where(and(eq(consentRecords.userId, userId), eq(consentRecords.purpose, purpose)))
    .orderBy(desc(consentRecords.id))
    .limit(1);
  return row;
}

export type BreakReason =
  | 'row-altered'
  | 'previous-row-missing'
  | 'rows-missing-at-end'
  | 'head-mismatch'
  | 'chain-missing'
  | 'expiry-log-broken';

export type ChainVerdict =
  | {
      ok: true;
      /** Records verified (the live ones). */
      length: number;
      lastId: number | null;
      /** Member chains verified, and chains (with their records) expired through tombstones. */
      chains: number;
      expiredChains: number;
      expiredRecords: number;
    }
  | {
      ok: false;
      length: number;
      /** The first record found broken (for records missing at the end: the last one present). */
      brokenId: number | null;
      /** The member whose chain is broken, when the break is inside one chain. */
      userId?: number | null;
      reason: BreakReason;
      detail: string;
    };

const BATCH = 1000;

type SubjectHead = typeof consentSubjectHeads.$inferSelect;

/** One member's records, in order, against its head: null when whole, else what broke. */
export function checkSubjectChain(
  rows: ConsentRow[],
  head: SubjectHead | undefined,
): { brokenId: number | null; reason: BreakReason; detail: string } | null {
  let prevHash = GENESIS_HASH;
  for (const row of rows) {
    if (row.prevHash !== prevHash) {
      return {
        brokenId: row.id,
        reason: 'previous-row-missing',
        detail: `record ${row.id} follows a hash that is not its member's previous record's: a record before it was deleted or rewritten`,
      };
    }
    if (chainHash(row.prevHash, canonicalRecord(row)) !== row.hash) {
      return {
        brokenId: row.id,
        reason: 'row-altered',
        detail: `record ${row.id} does not match its hash: its content was changed`,
      };
    }
    prevHash = row.hash;
  }
  const last = rows.length ? rows[rows.length - 1] : undefined;
  if (!head) {
    return {
      brokenId: last?.id ?? null,
      reason: 'head-mismatch',
      detail: `member ${rows[0]?.userId} has ${rows.length} records and no chain head`,
    };
  }
  if (head.length > rows.length || (head.lastId !== null && (last === undefined || head.lastId > last.id))) {
    return {
      brokenId: last?.id ?? null,
      reason: 'rows-missing-at-end',
      detail: `the member's chain head records ${head.length} records up to id ${head.lastId}; ${rows.length} remain`,
    };
  }
  if (head.lastHash !== prevHash || head.length !== rows.length || head.lastId !== (last?.id ?? null)) {
    return {
      brokenId: last?.id ?? null,
      reason: 'head-mismatch',
      detail: "the member's chain head does not match its last record",
    };
  }
  return null;
}

export const canonicalExpiry = (e: Omit<ExpiryRow, 'id' | 'prevHash' | 'hash'>) =>
  JSON.stringify([e.userId, e.records, e.firstId, e.lastId, e.lastHash, e.rule, e.expiredAt.toISOString()]);

type ExpiryRow = typeof consentChainExpiries.$inferSelect;

/**
 * Recomputes every member's chain, then the expiry log, then the counts. An edited record no longer
 * matches its hash; a deleted record leaves its successor pointing at a hash that is not its
 * predecessor's; records deleted at the end of a chain leave the member's head pointing past them;
 * a whole chain deleted with its head, but without a tombstone, leaves the global count short. A
 * chain expired by retention is accounted for by its tombstone. Reads one snapshot (REPEATABLE
 * READ), so appends running meanwhile are not mistaken for breaks.
 */
export async function verifyConsentChain(db: Db): Promise<ChainVerdict> {
  return db.transaction(async (tx) => verifyIn(tx as unknown as Db), {
    isolationLevel: 'repeatable read',
    accessMode: 'read only',
  });
}

async function verifyIn(db: Db): Promise<ChainVerdict> {
  let length = 0;
  let chains = 0;
  let lastId: number | null = null;
  let cursor: { userId: number; id: number } | null = null;
  let current: ConsentRow[] = [];
  let currentHead: SubjectHead | undefined;
  const closeChain = (rows: ConsentRow[], head: SubjectHead | undefined) => {
    const broken = checkSubjectChain(rows, head);
    if (broken) return { ok: false as const, length, userId: rows[0].userId, ...broken };
    length += rows.length;
    chains++;
    for (const r of rows) if (lastId === null || r.id > lastId) lastId = r.id;
    return null;
  };
  for (;;) {
    // Each record comes with its member's head, so a page needs one query whatever its members.
    const page: { row: ConsentRow; head: SubjectHead | null }[] = await db
      .select({ row: consentRecords, head: consentSubjectHeads })
      .from(consentRecords)
      .leftJoin(consentSubjectHeads, eq(consentSubjectHeads.userId, consentRecords.userId))
      .where(
        cursor === null
          ? undefined
          : or(
              gt(consentRecords.userId, cursor.userId),
              and(eq(consentRecords.userId, cursor.userId), gt(consentRecords.id, cursor.id)),
            ),
      )
      .orderBy(asc(consentRecords.userId), asc(consentRecords.id))
      .limit(BATCH);
    for (const { row, head } of page) {
      if (current.length > 0 && current[0].userId !== row.userId) {
        const broken = closeChain(current, currentHead);
        if (broken) return broken;
        current = [];
      }
      current.push(row);
      currentHead = head ?? undefined;
    }
    if (page.length > 0) {
      const last: ConsentRow = page[page.length - 1].row;
      cursor = { userId: last.userId, id: last.id };
    }
    if (page.length < BATCH) break;
  }
  if (current.length > 0) {
    const broken = closeChain(current, currentHead);
    if (broken) return broken;
  }

  // Heads whose records are all gone: only a tombstone may explain that, and expiry deletes the head.
  const [orphan] = await queryRows<{ user_id: number; length: number }>(
    db,
    sql`SELECT h.user_id, h.length FROM consent_subject_heads h
        WHERE h.length > 0 AND NOT EXISTS (SELECT 1 FROM consent_records r WHERE r.user_id = h.user_id)
        ORDER BY h.user_id LIMIT 1`,
  );
  if (orphan) {
    return {
      ok: false,
      length,
      brokenId: null,
      userId: Number(orphan.user_id),
      reason: 'chain-missing',
      detail: `member ${orphan.user_id}'s chain of ${orphan.length} records is gone without an expiry tombstone`,
    };
  }

  // The expiry log: its own chain, then its head in the global head.
  let expiryHash = GENESIS_HASH;
  let expiredChains = 0;
  let expiredRecords = 0;
  let expiryCursor = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(consentChainExpiries)
      .where(gt(consentChainExpiries.id, expiryCursor))
      .orderBy(asc(consentChainExpiries.id))
      .limit(BATCH);
    for (const e of rows) {
      if (e.prevHash !== expiryHash || chainHash(e.prevHash, canonicalExpiry(e)) !== e.hash) {
        return {
          ok: false,
          length,
          brokenId: null,
          userId: e.userId,
          reason: 'expiry-log-broken',
          detail: `expiry tombstone ${e.id} was changed, or one before it removed`,
        };
      }
      expiryHash = e.hash;
      expiredChains++;
      expiredRecords += e.records;
      expiryCursor = e.id;
    }
    if (rows.length < BATCH) break;
  }

  const [head] = await db.select().from(consentChainHead).where(eq(consentChainHead.id, 1));
  const ok = { ok: true as const, length, lastId, chains, expiredChains, expiredRecords };
  if (!head) {
    return length === 0 && expiredChains === 0
      ? ok
      : { ok: false, length, brokenId: null, reason: 'head-mismatch', detail: 'the ledger head is missing' };
  }
  if (head.expiries !== expiredChains || head.expiryHash !== expiryHash || head.expired !== expiredRecords) {
    return {
      ok: false,
      length,
      brokenId: null,
      reason: 'expiry-log-broken',
      detail: `the ledger head records ${head.expiries} expired chains (${head.expired} records); the log holds ${expiredChains} (${expiredRecords})`,
    };
  }
  if (head.length !== length + expiredRecords) {
    return {
      ok: false,
      length,
      brokenId: null,
      reason: head.length > length + expiredRecords ? 'chain-missing' : 'head-mismatch',
      detail: `the ledger head counts ${head.length} records appended and ${expiredRecords} expired; ${length} remain`,
    };
  }
  return ok;
}

/** What one expiry run did: records removed, and chains left alone because they did not verify. */
export interface ExpiryOutcome {
  records: number;
  chains: number;
  refused: number[];
}

/**
 * Expires the whole chain of every member `subjects` selects (a subquery of user ids, e.g. the
 * accounts closed more than 3 years ago), BATCH members per query, one transaction per member:
 * check the chain, write the tombstone, announce the expiry to the trigger, delete the records and
 * the head, count them in the global head. A chain that does not verify is not expired (that would
 * hide the tampering): its member is returned in `refused`.
 */
export async function expireConsentChains(
  db: Db,
  options: { subjects: SQL; rule: string; now: Date },
): Promise<ExpiryOutcome> {
  const outcome: ExpiryOutcome = { records: 0, chains: 0, refused: [] };
  let after = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const due = await queryRows<{ user_id: number }>(
      db,
      sql`SELECT user_id FROM consent_subject_heads
          WHERE user_id > ${after} AND user_id IN (${options.subjects})
          ORDER BY user_id LIMIT ${BATCH}`,
    );
    for (const { user_id } of due) {
      const userId = Number(user_id);
      const n = await expireChain(db, userId, options.rule, options.now);
      if (n === null) outcome.refused.push(userId);
      else if (n > 0) {
        outcome.records += n;
        outcome.chains++;
      }
      after = userId;
    }
    if (due.length < BATCH) return outcome;
  }
}

/** Expires one member's chain; null when it does not verify, 0 when it is already gone. */
async function expireChain(db: Db, userId: number, rule: string, now: Date): Promise<number | null> {
  return db.transaction(async (tx) => {
    const global = await lockGlobalHead(tx);
    const [head] = await tx
      .select()
      .from(consentSubjectHeads)
      .where(eq(consentSubjectHeads.userId, userId))
      .for('update');
    if (!head) return 0;
    const rows = await tx
      .select()
      .from(consentRecords)
      .where(eq(consentRecords.userId, userId))
      .orderBy(asc(consentRecords.id));
    if (rows.length === 0 || checkSubjectChain(rows, head)) return null;
    const tombstone = {
      userId,
      records: rows.length,
      firstId: rows[0].id,
      lastId: rows[rows.length - 1].id,
      lastHash: head.lastHash,
      rule,
      expiredAt: now,
    };
    const hash = chainHash(global.expiryHash, canonicalExpiry(tombstone));
    await tx.insert(consentChainExpiries).values({ ...tombstone, prevHash: global.expiryHash, hash });
    await tx.execute(sql`SELECT set_config('ccm.consent_expiry', ${String(userId)}, true)`);
    const deleted = await tx
      .delete(consentRecords)
      .where(and(eq(consentRecords.userId, userId), lte(consentRecords.id, tombstone.lastId)))
      .returning({ id: consentRecords.id });
    await tx.delete(consentSubjectHeads).where(eq(consentSubjectHeads.userId, userId));
    await tx.execute(sql`SELECT set_config('ccm.consent_expiry', '', true)`);
    if (deleted.length !== rows.length) throw new Error('consent expiry: the chain changed under its lock');
    await tx
      .update(consentChainHead)
      .set({
        expired: global.expired + rows.length,
        expiries: global.expiries + 1,
        expiryHash: hash,
      })
      .where(eq(consentChainHead.id, 1));
    return rows.length;
  });
}
