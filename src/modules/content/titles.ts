/** Titles of published articles by id, for lists that name the article beside something else. */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { articles } from './tables.ts';

/** One query; an id that is not a published article is left out of the map. */
export async function publishedTitles(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: articles.id, title: articles.title })
    .from(articles)
    .where(and(inArray(articles.id, unique), eq(articles.status, 'published')));
  return new Map(rows.map((r) => [r.id, r.title]));
}
