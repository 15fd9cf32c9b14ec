/**
 * Re-encryption after a key rotation, and the move onto per-member data keys (member-keys.ts):
 *  - every member data key not wrapped by the primary key is rewrapped (the member's columns are
 *    not touched: they are under the data key, which does not change);
 *  - every value of a member table still under the keyring is moved onto the member's data key
 *    (made on first need, in the batch's transaction);
 *  - every value of other tables not under the primary key is encrypted again with it.
 *
 * It works in batches, each committed on its own, paging by the table's primary key and selecting
 * only stale values. Nothing else is remembered between runs: after a kill, running it again finds
 * what is still stale and finishes the job. A row changed meanwhile by the application is left as
 * the application wrote it (the update is conditional on the old value).
 */
import { and, asc, eq, gt, isNotNull, or, type SQL, sql, type Table } from 'drizzle-orm';
import type { Database, Db } from '../../db/client.ts';
import { allTables } from '../../db/schema.ts';
import { type FieldCipher, type Keyring, MEMBER_CIPHERTEXT } from '../../platform/field-crypto.ts';
import { type EncryptedTable, encryptedTables } from './columns.ts';
import { MemberCipher, memberCiphers } from './member-keys.ts';
import { memberKeys } from './tables.ts';

export interface ReencryptOptions {
  /** Rows read per batch (and per transaction). */
  batch?: number;
  /** Progress lines. */
  log?: (line: string) => void;
  /** The tables to look through; all of CCM's by default. */
  tables?: Table[];
}

export interface ReencryptReport {
  /** Values now under the primary key, or moved onto a member's data key. */
  reencrypted: number;
  /** Member data keys rewrapped by the primary key. */
  rewrapped: number;
  /** Values that could not be decrypted (unknown key, or damaged); they stay as they were. */
  failed: number;
}

type Row = Record<string, unknown>;

const pkAlias = (i: number) => `pk${i}`;
const SUBJECT = '__subject';

/** Rewraps the data keys not under the primary key, in batches, each update conditional. */
async function rewrapMemberKeys(
  { db }: Database,
  keyring: Keyring,
  batch: number,
  log: (line: string) => void,
): Promise<ReencryptReport> {
  const report: ReencryptReport = { reencrypted: 0, rewrapped: 0, failed: 0 };
  const primary = `${keyring.primaryId}.`;
  let cursor = 0;
  for (;;) {
    const rows = await db
      .select({ userId: memberKeys.userId, wrapped: memberKeys.wrappedKey })
      .from(memberKeys)
      .where(and(gt(memberKeys.userId, cursor), sql`NOT starts_with(${memberKeys.wrappedKey}, ${primary})`))
      .orderBy(asc(memberKeys.userId))
      .limit(batch);
    if (rows.length === 0) break;
    cursor = rows.at(-1)!.userId;
    let done = 0;
    await db.transaction(async (tx) => {
      for (const row of rows) {
        let wrapped: string;
        try {
          wrapped = keyring.wrapDataKey(row.userId, keyring.unwrapDataKey(row.userId, row.wrapped));
        } catch (err) {
          report.failed += 1;
          log(`  member_keys (${row.userId}): cannot unwrap (${(err as Error).message})`);
          continue;
        }
        const updated = await tx
          .update(memberKeys)
          .set({ wrappedKey: wrapped })
          .where(and(eq(memberKeys.userId, row.userId), eq(memberKeys.wrappedKey, row.wrapped)))
          .returning({ userId: memberKeys.userId });
        done += updated.length;
      }
    });
    report.rewrapped += done;
    log(`  member_keys: ${done} data keys rewrapped in this batch, ${report.rewrapped} so far`);
  }
  return report;
}

async function reencryptTable(
  { db }: Database,
  keyring: Keyring,
  t: EncryptedTable,
  batch: number,
  log: (line: string) => void,
): Promise<ReencryptReport> {
  // Member tables: anything not yet under a data key; other tables: anything not under the primary.
  const target = t.subject ? MEMBER_CIPHERTEXT : `${keyring.primaryId}.`;
  const stale = or(
    ...t.columns.map((c) => and(isNotNull(c.column), sql`NOT starts_with(${c.column}, ${target})`)),
  );
  const fields = Object.fromEntries([
    ...t.primaryKey.map((c, i) => [pkAlias(i), c]),
    ...t.columns.map((c) => [c.key, c.column]),
    ...(t.subject ? [[SUBJECT, t.subject]] : []),
  ]);
  const isStale = (value: string) => !value.startsWith(target);
  const report: ReencryptReport = { reencrypted: 0, rewrapped: 0, failed: 0 };
  let cursor: unknown[] | undefined;
  for (;;) {
    // Row comparison pages on the whole primary key, composite or not.
    const after: SQL | undefined = cursor
      ? sql`(${sql.join(t.primaryKey, sql`, `)}) > (${sql.join(
          cursor.map((v, i) => sql.param(v, t.primaryKey[i])),
          sql`, `,
        )})`
      : undefined;
    const rows = (await db
      .select(fields)
      .from(t.table)
      .where(and(after, stale))
      .orderBy(...t.primaryKey)
      .limit(batch)) as Row[];
    if (rows.length === 0) break;
    cursor = t.primaryKey.map((_, i) => rows.at(-1)![pkAlias(i)]);

    let done = 0;
    await db.transaction(async (tx) => {
      const ciphers = t.subject
        ? await memberCiphers(
            { db, keyring },
            rows.map((r) => Number(r[SUBJECT])),
            { db: tx as unknown as Db, create: true },
          )
        : undefined;
      for (const row of rows) {
        const set: Row = {};
        const unchanged: SQL[] = [];
        const cipher: FieldCipher = ciphers?.get(Number(row[SUBJECT])) ?? keyring;
        if (cipher instanceof MemberCipher && !cipher.hasKey) {
          // A cancelled account: its erasure empties these values; nothing to move them to.
          log(`  ${t.name}: a row of a cancelled account is left to its erasure`);
          continue;
        }
        for (const c of t.columns) {
          const value = row[c.key];
          if (typeof value !== 'string' || !isStale(value)) continue;
          try {
            set[c.key] = cipher.encrypt(cipher.decrypt(value, c.context), c.context);
            unchanged.push(eq(c.column, value));
          } catch (err) {
            report.failed += 1;
            const where = t.primaryKey.map((_, i) => String(row[pkAlias(i)])).join(', ');
            log(`  ${t.name} (${where}) ${c.column.name}: cannot decrypt (${(err as Error).message})`);
          }
        }
        if (unchanged.length === 0) continue;
        const updated = await tx
          .update(t.table)
          .set(set)
          .where(and(...t.primaryKey.map((c, i) => eq(c, row[pkAlias(i)])), ...unchanged))
          .returning({ found: t.primaryKey[0] });
        if (updated.length > 0) done += unchanged.length;
      }
    });
    report.reencrypted += done;
    log(`  ${t.name}: ${done} values re-encrypted in this batch, ${report.reencrypted} so far`);
  }
  return report;
}

export async function reencryptAll(
  database: Database,
  keyring: Keyring,
  options: ReencryptOptions = {},
): Promise<ReencryptReport> {
  const batch = options.batch ?? 500;
  if (!Number.isSafeInteger(batch) || batch < 1)
    throw new Error('the batch size must be a positive whole number');
  const log = options.log ?? (() => {});
  const total: ReencryptReport = { reencrypted: 0, rewrapped: 0, failed: 0 };
  log(`member_keys: rewrap to key ${keyring.primaryId}`);
  const keys = await rewrapMemberKeys(database, keyring, batch, log);
  total.rewrapped += keys.rewrapped;
  total.failed += keys.failed;
  for (const t of encryptedTables(options.tables ?? allTables)) {
    const to = t.subject ? 'to the member data keys' : `to key ${keyring.primaryId}`;
    log(`${t.name} (${t.columns.map((c) => c.column.name).join(', ')}): ${to}`);
    const r = await reencryptTable(database, keyring, t, batch, log);
    total.reencrypted += r.reencrypted;
    total.failed += r.failed;
  }
  log(
    `Done: ${total.rewrapped} data keys rewrapped, ${total.reencrypted} values re-encrypted, ${total.failed} could not be decrypted.`,
  );
  return total;
}
