/**
 * Relevance-ranked search with a bounded cost. Ranking every match (ts_rank over 200k rows takes
 * seconds) is avoided: two index walks pick a candidate set of at most TITLE_POOL + RECENT_POOL
 * rows (the newest title matches, the newest matches anywhere), and only those are scored:
 *
 *   score = 2 · (every term in the title) + ts_rank(weights D .1, C .2, B .4, A 1) + e^(−age / 60 d)
 *
 * so a title hit outranks a body hit, and at equal relevance the fresher article comes first.
 * Pages walk the ranked set by (score, id); the age is measured from the first page's time,
 * carried in the cursor, so scores do not move between pages. docs/architecture.md: Search.
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { highlight } from './highlight.ts';
import { queryTerms, tsqueryOf } from './segment.ts';

export const TITLE_POOL = 100;
export const RECENT_POOL = 300;
const FRESHNESS_DAYS = 60;

export interface SearchOptions {
  q: string;
  column?: string;
  tag?: string;
  from?: Date;
  to?: Date;
  cursor?: string;
  limit: number;
  now: Date;
}

export interface SearchItem {
  id: number;
  title: string;
  summary: string;
  coverUrl: string | null;
  column: string;
  tags: string[];
  language: string;
  publishedAt: string;
  highlight: { title: string; summary: string };
}

interface Cursor {
  t: number;
  s: number;
  i: number;
}

const badCursor = () =>
  new AppError('validation.failed', 'The cursor is not valid.', {
    errors: [{ path: 'querystring.cursor', message: 'expected a cursor returned by a previous page' }],
  });

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.t, c.s, c.i])).toString('base64url');
}

function decodeCursor(raw: string): Cursor {
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(v) || v.length !== 3) throw badCursor();
    const [t, s, i] = v as number[];
    if (!Number.isSafeInteger(t) || !Number.isFinite(s) || !Number.isSafeInteger(i)) throw badCursor();
    return { t, s, i };
  } catch {
    throw badCursor();
  }
}

export async function search(
  db: Db,
  o: SearchOptions,
): Promise<{ items: SearchItem[]; nextCursor: string | null }> {
  const after = o.cursor ? decodeCursor(o.cursor) : undefined;
  const terms = queryTerms(o.q);
  if (terms.length === 0) return { items: [], nextCursor: null };
  const q = tsqueryOf(terms);
  const ref = new Date(after?.t ?? o.now.getTime());
  const facets = [...(o.column ? [`c:${o.column}`] : []), ...(o.tag ? [`t:${o.tag}`] : [])];
  const filters = sql.join(
    [
      facets.length > 0
        ? sql`AND facets @> ${`{${facets.map((f) => `"${f.replace(/["\\]/g, '')}"`).join(',')}}`}::text[]`
        : sql``,
      o.from ? sql`AND published_at >= ${o.from.toISOString()}::timestamptz` : sql``,
      o.to ? sql`AND published_at < ${o.to.toISOString()}::timestamptz` : sql``,
    ],
    sql` `,
  );
  const rows = await queryRows<{
    article_id: number | string;
    title: string;
    summary: string;
    cover_url: string | null;
    column_id: string;
    language: string;
    tag_ids: string[];
    published_at: Date | string;
    score: number;
  }>(
    db,
    sql`WITH cand AS (
      (SELECT article_id FROM article_search WHERE title_terms @@ ${q}::tsquery ${filters}
        ORDER BY published_at DESC, article_id DESC LIMIT ${TITLE_POOL})
      UNION
      (SELECT article_id FROM article_search WHERE document @@ ${q}::tsquery ${filters}
        ORDER BY published_at DESC, article_id DESC LIMIT ${RECENT_POOL})
    ), ranked AS (
      SELECT s.article_id, s.title, s.summary, s.cover_url, s.column_id, s.language, s.tag_ids, s.published_at,
        ((CASE WHEN s.title_terms @@ ${q}::tsquery THEN 2 ELSE 0 END)
          + least(ts_rank('{0.1,0.2,0.4,1.0}', s.document, ${q}::tsquery), 1)::float8
          + exp(-greatest(extract(epoch FROM (${ref.toISOString()}::timestamptz - s.published_at)), 0)
                / ${FRESHNESS_DAYS * 86_400}))::float8 AS score
      FROM cand JOIN article_search s USING (article_id)
    )
    SELECT * FROM ranked
    ${after ? sql`WHERE (score, article_id) < (${after.s}::float8, ${after.i}::bigint)` : sql``}
    ORDER BY score DESC, article_id DESC
    LIMIT ${o.limit + 1}`,
  );
  const page = rows.slice(0, o.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: Number(r.article_id),
      title: r.title,
      summary: r.summary,
      coverUrl: r.cover_url,
      column: r.column_id,
      tags: r.tag_ids,
      language: r.language,
      publishedAt: new Date(r.published_at).toISOString(),
      highlight: { title: highlight(r.title, terms), summary: highlight(r.summary, terms) },
    })),
    nextCursor:
      rows.length > o.limit && last
        ? encodeCursor({ t: ref.getTime(), s: Number(last.score), i: Number(last.article_id) })
        : null,
  };
}
