/**
 * The server's query log (policy 2.1, 2.4). The search box keeps its history on the device; the
 * server keeps a member's queries only while they consent to personalisation, for 90 days, and
 * the member lists and deletes them here. Anonymous queries are not logged at all.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { hasConsent } from '../consent/guard.ts';
import { searchQueries } from './tables.ts';

export async function logSearch(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  userId: number,
  q: string,
): Promise<boolean> {
  if (!(await hasConsent(ctx, userId, 'personalization'))) return false;
  await ctx.db.insert(searchQueries).values({ userId, query: q, createdAt: ctx.clock.now() });
  return true;
}

export async function listSearchHistory(db: Db, userId: number) {
  const rows = await db
    .select({ id: searchQueries.id, query: searchQueries.query, createdAt: searchQueries.createdAt })
    .from(searchQueries)
    .where(eq(searchQueries.userId, userId))
    .orderBy(desc(searchQueries.createdAt), desc(searchQueries.id))
    .limit(200);
  return { items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) };
}

export async function deleteSearchQuery(db: Db, userId: number, id: number): Promise<void> {
  const gone = await db
    .delete(searchQueries)
    .where(and(eq(searchQueries.id, id), eq(searchQueries.userId, userId)))
    .returning({ id: searchQueries.id });
  // Another member's id answers as an unknown one.
  if (gone.length === 0) throw new AppError('search.history_not_found', `No search history entry ${id}.`);
}

export async function clearSearchHistory(db: Db, userId: number): Promise<number> {
  const gone = await db
    .delete(searchQueries)
    .where(eq(searchQueries.userId, userId))
    .returning({ id: searchQueries.id });
  return gone.length;
}
