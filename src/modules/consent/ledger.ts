/**
 * The consent ledger: one global hash chain over every consent and withdrawal. Appends lock the
 * chain head row (SELECT ... FOR UPDATE), so concurrent appends on any instance line up; each row's
 * hash is sha256 over the previous hash and the row's canonical content, and the head keeps the last
 * id, hash and length so that rows removed from the end are detected as well.
 *
 * Only this module reads the table: features ask guard.ts.
 */
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { LedgerPurpose } from './policy-text.ts';
import { type ConsentChannel, consentChainHead, consentRecords } from './tables.ts';

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

/**
 * Appends the entries in order, in one transaction holding the chain head. Pass the caller's
 * transaction to commit the consents with what they belong to (an account, a guardian decision).
 */
export async function appendConsents(executor: Executor, entries: ConsentEntry[]): Promise<ConsentRow[]> {
  if (entries.length === 0) return [];
  return executor.transaction(async (tx) => {
    // The migration creates the head; recreate it if a restore lost it (it must never be absent).
    await tx
      .insert(consentChainHead)
      .values({ id: 1, lastId: null, lastHash: GENESIS_HASH, length: 0 })
      .onConflictDoNothing();
    const [head] = await tx.select().from(consentChainHead).where(eq(consentChainHead.id, 1)).for('update');
    let prevHash = head.lastHash;
    const rows: ConsentRow[] = [];
    for (const entry of entries) {
      const hash = chainHash(prevHash, canonicalRecord(entry));
      const [row] = await tx
        .insert(consentRecords)
        .values({ ...entry, ipRegion: entry.ipRegion ?? null, prevHash, hash })
        .returning();
      rows.push(row);
      prevHash = hash;
    }
    await tx
      .update(consentChainHead)
      .set({ lastId: rows[rows.length - 1].id, lastHash: prevHash, length: head.length + rows.length })
      .where(eq(consentChainHead.id, 1));
    return rows;
  });
}

/** Each purpose's latest record for one member (the current state before policy renewals). */
export async function latestRecords(db: Db, userId: number): Promise<ConsentRow[]> {
  return db
    .selectDistinctOn([consentRecords.purpose])
    .from(consentRecords)
    .where(eq(consentRecords.userId, userId))
    .orderBy(asc(consentRecords.purpose), desc(consentRecords.id));
}

export async function latestRecord(db: Db, userId: number, purpose: string): Promise<ConsentRow | undefined> {
  const [row] = await db
    .select()
    .from(consentRecords)
    .where(and(eq(consentRecords.userId, userId), eq(consentRecords.purpose, purpose)))
    .orderBy(desc(consentRecords.id))
    .limit(1);
  return row;
}

export type ChainVerdict =
  | { ok: true; length: number; lastId: number | null }
  | {
      ok: false;
      length: number;
      /** The first row found broken (for rows missing at the end: the last row present, or null). */
      brokenId: number | null;
      reason: 'row-altered' | 'previous-row-missing' | 'rows-missing-at-end' | 'head-mismatch';
      detail: string;
    };

const BATCH = 1000;

/**
 * Recomputes the chain from the first row. An edited row no longer matches its hash; a deleted row
 * leaves its successor pointing at a hash that is not its predecessor's; rows deleted at the end
 * leave the head pointing past the last row.
 */
export async function verifyConsentChain(db: Db): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH;
  let lastId: number | null = null;
  let length = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(consentRecords)
      .where(lastId === null ? undefined : gt(consentRecords.id, lastId))
      .orderBy(asc(consentRecords.id))
      .limit(BATCH);
    for (const row of rows) {
      if (row.prevHash !== prevHash) {
        return {
          ok: false,
          length,
          brokenId: row.id,
          reason: 'previous-row-missing',
          detail: `row ${row.id} follows a hash that is not the previous row's: a row before it was deleted or rewritten`,
        };
      }
      if (chainHash(row.prevHash, canonicalRecord(row)) !== row.hash) {
        return {
          ok: false,
          length,
          brokenId: row.id,
          reason: 'row-altered',
          detail: `row ${row.id} does not match its hash: its content was changed`,
        };
      }
      prevHash = row.hash;
      lastId = row.id;
      length++;
    }
    if (rows.length < BATCH) break;
  }
  const [head] = await db.select().from(consentChainHead).where(eq(consentChainHead.id, 1));
  if (!head) {
    return length === 0
      ? { ok: true, length, lastId }
      : { ok: false, length, brokenId: null, reason: 'head-mismatch', detail: 'the chain head is missing' };
  }
  if (head.length > length || (head.lastId !== null && (lastId === null || head.lastId > lastId))) {
    return {
      ok: false,
      length,
      brokenId: lastId,
      reason: 'rows-missing-at-end',
      detail: `the chain head records ${head.length} rows up to id ${head.lastId}; ${length} remain`,
    };
  }
  if (head.lastHash !== prevHash || head.length !== length) {
    return {
      ok: false,
      length,
      brokenId: lastId,
      reason: 'head-mismatch',
      detail: 'the chain head does not match the last row',
    };
  }
  return { ok: true, length, lastId };
}
