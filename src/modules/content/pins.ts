/**
 * Editors' pins, read side: the live pins of a column (article published, pin not expired) in pin
 * order, as feed items marked `pinned: true`, and the first page of a column's general feed led
 * by them. The console side (pin, unpin, reorder) is pins-console.ts.
 */
import { and, asc, eq, gt, isNull, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { articleSummaries } from './lists.ts';
import type { FeedItemT } from './schemas.ts';
import { articles, columnPins } from './tables.ts';

/** At most this many pins per column: a lead of a few items, not a second feed. */
export const PIN_LIMIT = 5;

/** The pins a reader sees now: article published, pin not expired; in pin order. */
export async function pinnedItems(db: Db, column: string, now: Date = new Date()): Promise<FeedItemT[]> {
  const rows = await db
    .select({ id: articles.id })
    .from(columnPins)
    .innerJoin(articles, eq(articles.id, columnPins.articleId))
    .where(
      and(
        eq(columnPins.columnId, column),
        eq(articles.status, 'published'),
        or(isNull(columnPins.expiresAt), gt(columnPins.expiresAt, now)),
      ),
    )
    .orderBy(asc(columnPins.position), asc(columnPins.pinnedAt))
    .limit(PIN_LIMIT);
  const summaries = await articleSummaries(
    db,
    rows.map((r) => r.id),
  );
  return rows.flatMap((r) => {
    const item = summaries.get(r.id);
    return item ? [{ ...item, pinned: true }] : [];
  });
}

/**
 * The first page of a column's feed with its pins first: the page's own items follow without the
 * pinned ones, and its cursor is unchanged, so the next pages are exactly those of the unpinned
 * feed (a pinned article may meet the reader again there, where it ranks on its own).
 */
export async function leadWithPins<P extends { items: FeedItemT[] }>(
  db: Db,
  column: string,
  page: P,
  now?: Date,
): Promise<P> {
  const pins = await pinnedItems(db, column, now);
  if (pins.length === 0) return page;
  const pinned = new Set(pins.map((p) => p.id));
  return { ...page, items: [...pins, ...page.items.filter((i) => !pinned.has(i.id))] };
}
