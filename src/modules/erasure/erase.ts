/**
 * The erasure engine: what cancellation does to a member's data, driven only by the annotations
 * (platform/subject-data.ts), so a table a later capability adds is erased as soon as it declares
 * its subject column. Per member table:
 *  - the account table itself (its subject column is its own key and points nowhere) keeps its row
 *    as a tombstone so references from kept rows stay valid, and loses every erasable column;
 *  - a table whose personal columns all say delete or anonymise loses the member's rows;
 *  - a table with columns under legal hold keeps its rows, with the other personal columns blanked;
 *  - a table whose personal columns are all under legal hold is left as it is.
 * Each step runs in one transaction together with marking it done in the receipt, so a run that
 * stops anywhere resumes with the next step and counts nothing twice.
 */

import { access, unlink } from 'node:fs/promises';
import path from 'node:path';
import { type Column, eq, getTableColumns, getTableName, type SQL, sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import type { AppContext } from '../../context.ts';
import { type Db, queryRows } from '../../db/client.ts';
import { allTables } from '../../db/schema.ts';
import { declarationOf, type PersonalDeclaration } from '../../platform/personal-data.ts';
import { memberSubjectTables, type SubjectTable, subjectRows } from '../../platform/subject-data.ts';
import { removeMemberExportFiles } from '../exports/job.ts';
import { memberKeys } from '../keys/tables.ts';
import { avatarDir } from '../profile/avatar.ts';
import { type ErasureStep, erasureReceipts, type Verification } from './tables.ts';

const STORED_AVATAR = /^avatars\/([0-9a-f]{32}\.webp)$/;
/** What an anonymised value that must stay unique and non-null looks like. */
export const PSEUDONYM = /^anon-[0-9a-f]{32}$/;
export const UPLOADS = 'uploads';
export const MEMBER_KEYS = 'member_keys';

const personalColumns = (st: SubjectTable) =>
  st.columns.filter(
    (c): c is SubjectTable['columns'][number] & { declaration: PersonalDeclaration } =>
      c.declaration?.personal === true,
  );

/** The member's own row: its subject column is its primary key and refers to no other table. */
export function isAccountTable(st: SubjectTable): boolean {
  if (!st.subjectColumn.primary) return false;
  const fks = getTableConfig(st.table as Parameters<typeof getTableConfig>[0]).foreignKeys;
  return !fks.some((fk) => fk.reference().columns.some((c) => c.name === st.subjectColumn.name));
}

/** The step for one member table, from its annotations alone. */
export function stepFor(st: SubjectTable): ErasureStep {
  const cols = personalColumns(st);
  const erase = cols
    .filter((c) => c.declaration.erasure.action !== 'keep-legal-hold')
    .map((c) => c.column.name);
  const kept = cols
    .filter((c) => c.declaration.erasure.action === 'keep-legal-hold')
    .map((c) => c.column.name);
  let action: ErasureStep['action'];
  if (erase.length === 0) action = 'keep';
  else if (isAccountTable(st) || kept.length > 0) action = 'erase-columns';
  else action = 'delete-rows';
  return { table: st.name, action, columns: action === 'keep' ? [] : erase, kept, rows: null, done: false };
}

/** The SQL value that erases one column: NULL where allowed, else its default, a pseudonym or ''. */
export function erasedValue(column: Column, action: 'delete' | 'anonymise') {
  if (!column.notNull) return sql`NULL`;
  if (column.hasDefault) return sql`DEFAULT`;
  if (column.dataType === 'string') {
    return action === 'anonymise' ? sql`'anon-' || md5(random()::text)` : sql`''`;
  }
  throw new Error(`${column.name}: no non-identifying value for a non-null ${column.columnType} column`);
}

const memberTables = () => memberSubjectTables(allTables);

/**
 * The ordered steps of a member's erasure: the account row first (the cancellation route runs it in
 * its own transaction, so the phone is free at once), the other tables, then the uploads, whose
 * file names are read now, before the account row forgets them.
 */
export async function planErasure(db: Db, userId: number): Promise<ErasureStep[]> {
  const tables = memberTables();
  const account = tables.filter(isAccountTable).map(stepFor);
  const others = tables.filter((st) => !isAccountTable(st)).map(stepFor);
  const files: string[] = [];
  for (const st of tables) {
    const avatarCols = personalColumns(st).filter((c) => c.declaration.category === 'profile.avatar');
    if (avatarCols.length === 0) continue;
    for (const row of await subjectRows(db, st, userId)) {
      for (const c of avatarCols) {
        const file =
          typeof row[c.key] === 'string' ? STORED_AVATAR.exec(row[c.key] as string)?.[1] : undefined;
        if (file) files.push(file);
      }
    }
  }
  const uploads: ErasureStep = {
    table: UPLOADS,
    action: 'remove-uploads',
    columns: [],
    kept: [],
    rows: null,
    done: false,
    files,
  };
  return [...account, ...others, uploads];
}

/** Carries out one database step for the member; answers the rows affected. */
export async function runTableStep(db: Db, step: ErasureStep, userId: number): Promise<number> {
  if (step.action === 'keep' || step.action === 'remove-uploads' || step.action === 'destroy-key') return 0;
  const st = memberTables().find((t) => t.name === step.table);
  if (!st) throw new Error(`erasure: table ${step.table} is no longer a member table`);
  const table = sql.identifier(st.name);
  const subject = sql.identifier(st.subjectColumn.name);
  if (step.action === 'delete-rows') {
    const [{ n }] = await queryRows<{ n: number }>(
      db,
      sql`WITH d AS (DELETE FROM ${table} WHERE ${subject} = ${userId} RETURNING 1) SELECT count(*)::int AS n FROM d`,
    );
    return n;
  }
  const sets = personalColumns(st)
    .filter((c) => step.columns.includes(c.column.name))
    .map((c) => {
      const action = c.declaration.erasure.action === 'anonymise' ? 'anonymise' : 'delete';
      return sql`${sql.identifier(c.column.name)} = ${erasedValue(c.column, action)}`;
    });
  if (sets.length === 0) return 0;
  const [{ n }] = await queryRows<{ n: number }>(
    db,
    sql`WITH u AS (UPDATE ${table} SET ${sql.join(sets, sql`, `)} WHERE ${subject} = ${userId} RETURNING 1) SELECT count(*)::int AS n FROM u`,
  );
  return n;
}

/**
 * Rows without a subject column that still name the member through the blind index of their phone:
 * columns of category contact.phone that hold the index itself (sms_codes), and security counters
 * whose key ends with it (rate_limits, `<scope>:<index>`). Found through the categories, removed in
 * the cancellation's own transaction (the index is read from the account row before it is erased,
 * and never written to the receipt). Answers one done step per table.
 */
export async function eraseIndexLinkedRows(db: Db, userId: number): Promise<ErasureStep[]> {
  const indexes: string[] = [];
  for (const st of memberTables().filter(isAccountTable)) {
    const cols = personalColumns(st).filter(
      (c) => c.declaration.category === 'contact.phone' && !c.declaration.encrypted,
    );
    for (const row of await subjectRows(db, st, userId)) {
      for (const c of cols) if (typeof row[c.key] === 'string') indexes.push(row[c.key] as string);
    }
  }
  const steps: ErasureStep[] = [];
  if (indexes.length === 0) return steps;
  for (const table of allTables) {
    const decl = declarationOf(table);
    if (!decl || decl.subject) continue;
    const byKey = getTableColumns(table);
    const conditions: SQL[] = [];
    const columns: string[] = [];
    for (const [key, d] of Object.entries(decl.columns)) {
      if (!d.personal || d.erasure.action === 'keep-legal-hold') continue;
      const name = sql.identifier(byKey[key].name);
      if (d.category === 'contact.phone' && !d.encrypted) {
        conditions.push(
          sql`${name} IN (${sql.join(
            indexes.map((i) => sql`${i}`),
            sql`, `,
          )})`,
        );
        columns.push(byKey[key].name);
      } else if (d.category === 'security.counter') {
        for (const i of indexes) conditions.push(sql`${name} LIKE ${`%:${i}`}`);
        columns.push(byKey[key].name);
      }
    }
    if (conditions.length === 0) continue;
    const [{ n }] = await queryRows<{ n: number }>(
      db,
      sql`WITH d AS (DELETE FROM ${sql.identifier(getTableName(table))} WHERE ${sql.join(conditions, sql` OR `)} RETURNING 1) SELECT count(*)::int AS n FROM d`,
    );
    steps.push({ table: getTableName(table), action: 'delete-rows', columns, kept: [], rows: n, done: true });
  }
  return steps;
}

/** Removes the upload files; a file already gone counts as removed (a resumed run). */
export async function removeUploads(ctx: AppContext, files: string[]): Promise<number> {
  const dir = avatarDir(ctx.config.dataDir);
  for (const file of files) {
    await unlink(path.join(dir, file)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }
  return files.length;
}

const stillThere = async (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/** Whether a value left in an erased column is non-identifying. */
function isErased(value: unknown, column: Column, action: 'delete' | 'anonymise'): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (column.hasDefault && column.default !== undefined && value === column.default) return true;
  return action === 'anonymise' && typeof value === 'string' && PSEUDONYM.test(value);
}

/**
 * The verification run: the subject query again over every member table, and every personal
 * column whose annotation says delete or anonymise must hold nothing identifying; the files must
 * be gone. Answers table and column names only.
 */
export async function verifyErasure(ctx: AppContext, userId: number, files: string[]): Promise<Verification> {
  const residue: string[] = [];
  const tables = memberTables();
  for (const st of tables) {
    const rows = await subjectRows(ctx.db, st, userId);
    for (const c of personalColumns(st)) {
      const action = c.declaration.erasure.action;
      if (action === 'keep-legal-hold') continue;
      if (rows.some((row) => !isErased(row[c.key], c.column, action)))
        residue.push(`${st.name}.${c.column.name}`);
    }
  }
  // The data key goes in the cancellation's first transaction; one made again since is residue too.
  const [key] = await ctx.db
    .select({ userId: memberKeys.userId })
    .from(memberKeys)
    .where(eq(memberKeys.userId, userId));
  if (key) residue.push(MEMBER_KEYS);
  const dir = avatarDir(ctx.config.dataDir);
  for (const file of files) if (await stillThere(path.join(dir, file))) residue.push(UPLOADS);
  return {
    ok: residue.length === 0,
    checkedAt: ctx.clock.now().toISOString(),
    tables: tables.length,
    residue,
  };
}

/** Test hook: called after each step is committed (a test throws here to simulate a crash). */
export type AfterStep = (index: number, step: ErasureStep) => void | Promise<void>;

/**
 * Runs the receipt's remaining steps, each in a transaction with its receipt update, then the
 * verification. Answers the receipt's final status, or undefined when it is not to be run.
 */
export async function runSteps(
  ctx: AppContext,
  receiptId: string,
  afterStep?: AfterStep,
): Promise<'completed' | 'failed' | undefined> {
  const [start] = await ctx.db.select().from(erasureReceipts).where(eq(erasureReceipts.id, receiptId));
  if (!start || start.status === 'completed' || start.status === 'failed') return undefined;
  const userId = start.userId;
  // Export zips hold a full copy of the member's data: they go first, before any row.
  await removeMemberExportFiles(ctx, userId);
  if (!start.startedAt) {
    await ctx.db
      .update(erasureReceipts)
      .set({ status: 'running', startedAt: ctx.clock.now() })
      .where(eq(erasureReceipts.id, receiptId));
  }
  for (let i = 0; i < start.steps.length; i++) {
    const ran = await ctx.db.transaction(async (tx) => {
      const [r] = await tx
        .select({ steps: erasureReceipts.steps, status: erasureReceipts.status })
        .from(erasureReceipts)
        .where(eq(erasureReceipts.id, receiptId))
        .for('update');
      const step = r?.steps[i];
      if (!step || step.done || r.status === 'completed' || r.status === 'failed') return undefined;
      const rows =
        step.action === 'remove-uploads'
          ? await removeUploads(ctx, step.files ?? [])
          : await runTableStep(tx as unknown as Db, step, userId);
      const steps = r.steps.map((s, j) => (j === i ? { ...s, rows, done: true } : s));
      await tx
        .update(erasureReceipts)
        .set({ steps, status: 'running' })
        .where(eq(erasureReceipts.id, receiptId));
      return steps[i];
    });
    if (ran && afterStep) await afterStep(i, ran);
  }

  const [done] = await ctx.db.select().from(erasureReceipts).where(eq(erasureReceipts.id, receiptId));
  if (!done || done.status === 'completed' || done.status === 'failed') return undefined;
  const files = done.steps.flatMap((s) => s.files ?? []);
  const verification = await verifyErasure(ctx, userId, files);
  const status = verification.ok ? 'completed' : 'failed';
  await ctx.db
    .update(erasureReceipts)
    .set({
      status,
      verification,
      finishedAt: ctx.clock.now(),
      error: verification.ok ? null : 'verification',
    })
    .where(eq(erasureReceipts.id, receiptId));
  if (verification.ok) {
    ctx.log.info({ event: 'erasure.completed', receiptId }, 'account erasure completed and verified');
  } else {
    ctx.log.error(
      { event: 'erasure.verification_failed', receiptId, residue: verification.residue },
      'account erasure left values behind; the receipt is marked failed',
    );
  }
  return status;
}
