/**
 * Keeping the search index in step with published articles. Content calls `syncSearchIndex`
 * from its one change hook (content/changes.ts) with the articles that are published now and
 * the ids that are not (any more); the seeds and the backfill call the same functions.
 */
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type IndexSource, searchRow } from './document.ts';
import { addWords } from './segment.ts';
import { articleSearch } from './tables.ts';

const BATCH = 500;

export async function syncSearchIndex(
  db: Db,
  published: IndexSource[],
  unpublishedIds: number[],
): Promise<void> {
  if (unpublishedIds.length > 0)
    await db.delete(articleSearch).where(inArray(articleSearch.articleId, unpublishedIds));
  // A brand an editor added since start-up becomes a dictionary word before its articles are cut.
  addWords(published.flatMap((a) => a.brands.map((b) => b.nameZh)));
  for (let i = 0; i < published.length; i += BATCH) {
    const rows = published.slice(i, i + BATCH).map(searchRow);
    await db
      .insert(articleSearch)
      .values(rows)
      .onConflictDoUpdate({
        target: articleSearch.articleId,
        set: {
          title: sql`excluded.title`,
          summary: sql`excluded.summary`,
          coverUrl: sql`excluded.cover_url`,
          columnId: sql`excluded.column_id`,
          language: sql`excluded.language`,
          tagIds: sql`excluded.tag_ids`,
          publishedAt: sql`excluded.published_at`,
          document: sql`excluded.document`,
          titleTerms: sql`excluded.title_terms`,
          facets: sql`excluded.facets`,
        },
      });
  }
}

/** Columns of the COPY bulk path, in `searchCopyFields` order. */
export const SEARCH_COPY_COLUMNS = [
  'article_id',
  'title',
  'summary',
  'cover_url',
  'column_id',
  'language',
  'tag_ids',
  'published_at',
  'document',
  'title_terms',
  'facets',
];

/** A PostgreSQL array literal of plain ids (no quotes or commas in our ids, but quote anyway). */
function arrayLiteral(items: string[]): string {
  return `{${items.map((i) => `"${i.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/** The fields of one index row for COPY (escaped by the caller's copyLine). */
export function searchCopyFields(a: IndexSource): (string | number | Date | null)[] {
  const r = searchRow(a);
  return [
    r.articleId,
    r.title,
    r.summary,
    r.coverUrl,
    r.columnId,
    r.language,
    arrayLiteral(r.tagIds),
    r.publishedAt,
    r.document,
    r.titleTerms,
    arrayLiteral(r.facets),
  ];
}
