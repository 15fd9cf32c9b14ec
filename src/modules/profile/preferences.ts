/**
 * A member's user tags (the industry subdivisions they work in) and My Column (the columns on their
 * home screen, in their order). Each PUT replaces the whole set in one transaction.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { userColumns, userTags } from '../accounts/tables.ts';
import { columns, tags } from '../content/tables.ts';

/** 400 naming the ids that do not exist, under the body field that held them. */
async function refuseUnknown(db: Db, table: typeof tags | typeof columns, ids: string[], path: string) {
  if (ids.length === 0) return;
  const known = new Set(
    (await db.select({ id: table.id }).from(table).where(inArray(table.id, ids))).map((r) => r.id),
  );
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new AppError('validation.failed', 'Some ids do not exist.', {
      errors: [{ path, message: `unknown ids: ${unknown.join(', ')}` }],
    });
  }
}

export async function getUserTags(db: Db, userId: number): Promise<string[]> {
  const rows = await db
    .select({ id: userTags.tagId })
    .from(userTags)
    .where(eq(userTags.userId, userId))
    .orderBy(asc(userTags.tagId));
  return rows.map((r) => r.id);
}

export async function setUserTags(db: Db, userId: number, tagIds: string[]): Promise<string[]> {
  const ids = [...new Set(tagIds)];
  await refuseUnknown(db, tags, ids, 'body.tags');
  await db.transaction(async (tx) => {
    await tx.delete(userTags).where(eq(userTags.userId, userId));
    if (ids.length > 0) await tx.insert(userTags).values(ids.map((tagId) => ({ userId, tagId })));
  });
  return getUserTags(db, userId);
}

/** The member's columns in their order; every column in the default order until they choose. */
export async function getUserColumns(db: Db, userId: number): Promise<string[]> {
  const chosen = await db
    .select({ id: userColumns.columnId })
    .from(userColumns)
    .where(eq(userColumns.userId, userId))
    .orderBy(asc(userColumns.position));
  if (chosen.length > 0) return chosen.map((r) => r.id);
  const all = await db
    .select({ id: columns.id })
    .from(columns)
    .orderBy(asc(columns.position), asc(columns.id));
  return all.map((r) => r.id);
}

/** `columnIds` is non-empty and free of duplicates (the body schema checks both). */
export async function setUserColumns(db: Db, userId: number, columnIds: string[]): Promise<string[]> {
  await refuseUnknown(db, columns, columnIds, 'body.columns');
  await db.transaction(async (tx) => {
    await tx.delete(userColumns).where(eq(userColumns.userId, userId));
    await tx
      .insert(userColumns)
      .values(columnIds.map((columnId, position) => ({ userId, columnId, position })));
  });
  return getUserColumns(db, userId);
}
