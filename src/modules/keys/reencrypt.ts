/**
 * Re-encryption after a key rotation: every value of every encrypted column that is not under the
 * primary key is decrypted with the key it names and encrypted again with the primary one.
 *
 * It works in batches, each committed on its own, paging by the table's primary key and selecting
 * only stale values. Nothing else is remembered between runs: after a kill, running it again finds
 * what is still stale and finishes the job. A row changed meanwhile by the application is left as
 * the application wrote it (the update is conditional on the old value).
 */
import { and, eq, isNotNull, or, type SQL, sql, type Table } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { allTables } from '../../db/schema.ts';
import type { Keyring } from '../../platform/field-crypto.ts';
import { type EncryptedTable, encryptedTables } from './columns.ts';

export interface ReencryptOptions {
  /** Rows read per batch (and per transaction). */
  batch?: number;
  /** Progress lines. */
  log?: (line: string) => void;
  /** The tables to look through; all of CCM's by default. */
  tables?: Table[];
}

export interface ReencryptReport {
  /** Values now under the primary key. */
  reencrypted: number;
  /** Values that could not be decrypted (unknown key, or damaged); they stay as they were. */
  failed: number;
}

type Row = Record<string, unknown>;

const pkAlias = (i: number) => `pk${i}`;

async function reencryptTable(
  { db }: Database,
  keyring: Keyring,
  t: EncryptedTable,
  batch: number,
  log: (line: string) => void,
): Promise<ReencryptReport> {
  const primary = `${keyring.primaryId}.`;
  const stale = or(
    ...t.columns.map((c) => and(isNotNull(c.column), sql`NOT starts_with(${c.column}, ${primary})`)),
  );
  const fields = Object.fromEntries([
    ...t.primaryKey.map((c, i) => [pkAlias(i), c]),
    ...t.columns.map((c) => [c.key, c.column]),
  ]);
  const report: ReencryptReport = { reencrypted: 0, failed: 0 };
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
      for (const row of rows) {
        const set: Row = {};
        const unchanged: SQL[] = [];
        for (const c of t.columns) {
          const value = row[c.key];
          if (typeof value !== 'string' || !keyring.isStale(value)) continue;
          try {
            set[c.key] = keyring.encrypt(keyring.decrypt(value, c.context), c.context);
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
  const total: ReencryptReport = { reencrypted: 0, failed: 0 };
  for (const t of encryptedTables(options.tables ?? allTables)) {
    log(`${t.name} (${t.columns.map((c) => c.column.name).join(', ')}): to key ${keyring.primaryId}`);
    const r = await reencryptTable(database, keyring, t, batch, log);
    total.reencrypted += r.reencrypted;
    total.failed += r.failed;
  }
  log(`Done: ${total.reencrypted} values re-encrypted, ${total.failed} could not be decrypted.`);
  return total;
}
