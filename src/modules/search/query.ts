/**
 * Relevance-ranked search with a bounded cost. Ranking every match (ts_rank over 200k rows takes
 * seconds) is avoided: only a candidate set is scored, at most TITLE_POOL + RECENT_POOL rows: the
 * newest matches anywhere and the newest title matches, found inside a recency window.
 *
 * The window is what bounds the cost of finding them. The first window is the newest 1,000
 * articles, walked on the date index with each row tested (GIN kept out of that plan: a common
 * word's bitmap costs more than the walk, and the planner underrates it); a common word is done
 * there. The count it finds estimates the word's frequency, and the search jumps to the first
 * window of 8,000, 64,000, 512,000 articles or the whole archive expected to hold RECENT_POOL
 * matches. The 8,000 window is walked too, stopping at RECENT_POOL matches: two common words
 * together (each in a third of the archive, both in one article of thirty) are found in a few
 * thousand rows, where intersecting their two huge bitmaps took three times as long. Wider
 * windows intersect the words' GIN bitmap (small, since only words rarer than about one article
 * in eighty get there) with the window's range on the date index. So a query reads on the order
 * of a few thousand rows however many articles match, on PGlite and the server alike.
 *
 *   score = 2 · (every term in the title) + ts_rank(weights D .1, C .2, B .4, A 1) + e^(−age / 60 d)
 *
 * so a title hit outranks a body hit, and at equal relevance the fresher article comes first.
 * Pages walk the ranked set by (score, id); the first page's time and window travel in the
 * cursor, so scores and candidates do not move between pages. docs/architecture.md: Search.
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { highlight } from './highlight.ts';
import { queryTerms, tsqueryOf, variantsOf } from './segment.ts';

export const TITLE_POOL = 50;
export const RECENT_POOL = 100;
/** Window sizes in newest articles (0: the whole archive); the first WALKED are walked on the date index. */
const WINDOWS = [1_000, 8_000, 64_000, 512_000, 0];
/** Windows up to this size are walked on the date index; wider ones meet the word's GIN bitmap. */
const WALK_LIMIT = 8_000;
const FRESHNESS_DAYS = 60;
/** Window starts are looked up once a minute per database (the newest articles move slowly). */
const BOUNDS_TTL_MS = 60_000;

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

/** t: the first page's time; w: the window start (ms, 0 = all); s, i: the last item's score and id. */
interface Cursor {
  t: number;
  w: number;
  s: number;
  i: number;
}

const badCursor = () =>
  new AppError('validation.failed', 'The cursor is not valid.', {
    errors: [{ path: 'querystring.cursor', message: 'expected a cursor returned by a previous page' }],
  });

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.t, c.w, c.s, c.i])).toString('base64url');
}

function decodeCursor(raw: string): Cursor {
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(v) || v.length !== 4) throw badCursor();
    const [t, w, s, i] = v as number[];
    if (![t, w, i].every(Number.isSafeInteger) || !Number.isFinite(s) || w < 0) throw badCursor();
    return { t, w, s, i };
  } catch {
    throw badCursor();
  }
}

interface Window {
  /** Newest articles it spans (0: all). */
  size: number;
  /** Publication time (ms) where it starts; 0 for the whole archive. */
  start: number;
}

const bounds = new WeakMap<Db, { at: number; windows: Promise<Window[]> }>();

/** The windows on this database, smallest first; sizes beyond the archive collapse into "all". */
function windowsOf(db: Db, now: number): Promise<Window[]> {
  const cached = bounds.get(db);
  if (cached && now - cached.at < BOUNDS_TTL_MS) return cached.windows;
  const windows = Promise.all(
    WINDOWS.map(async (size): Promise<Window> => {
      if (size === 0) return { size, start: 0 };
      const [row] = await queryRows<{ at: Date | string }>(
        db,
        sql`SELECT published_at AS at FROM article_search
            ORDER BY published_at DESC NULLS LAST, article_id DESC NULLS LAST OFFSET ${size - 1} LIMIT 1`,
      );
      return { size: row ? size : 0, start: row ? new Date(row.at).getTime() : 0 };
    }),
  ).then((list) => list.filter((w, i) => list.findIndex((x) => x.start === w.start) === i));
  windows.catch(() => bounds.delete(db));
  bounds.set(db, { at: now, windows });
  return windows;
}

export async function search(
  db: Db,
  o: SearchOptions,
): Promise<{ items: SearchItem[]; nextCursor: string | null }> {
  const after = o.cursor ? decodeCursor(o.cursor) : undefined;
  const terms = queryTerms(o.q);
  if (terms.length === 0) return { items: [], nextCursor: null };
  const q = tsqueryOf(terms);
  const marks = terms.flatMap(variantsOf);
  const ref = after?.t ?? o.now.getTime();
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
  const candidates = (start: number, walk: boolean) => {
    const inWindow =
      start > 0 ? sql`AND published_at >= ${new Date(start).toISOString()}::timestamptz` : sql``;
    // In a walked window the GIN indexes are kept out of the plan (an expression they do not
    // cover): the planner underrates building a common word's bitmap, which costs more than
    // testing the window's few thousand rows.
    const order = walk
      ? sql`ORDER BY published_at DESC NULLS LAST, article_id DESC NULLS LAST`
      : sql`ORDER BY published_at DESC, article_id DESC`;
    const titleCol = walk ? sql`coalesce(title_terms, ''::tsvector)` : sql`title_terms`;
    const docCol = walk ? sql`coalesce(document, ''::tsvector)` : sql`document`;
    return queryRows<{ article_id: number | string; recent: boolean }>(
      db,
      sql`(SELECT article_id, false AS recent FROM article_search
            WHERE ${titleCol} @@ ${q}::tsquery ${inWindow} ${filters}
            ${order} LIMIT ${TITLE_POOL})
          UNION ALL
          (SELECT article_id, true AS recent FROM article_search
            WHERE ${docCol} @@ ${q}::tsquery ${inWindow} ${filters}
            ${order} LIMIT ${RECENT_POOL})`,
    );
  };
  let window = after?.w;
  let found: { article_id: number | string; recent: boolean }[] = [];
  const windows = await windowsOf(db, o.now.getTime());
  const walked = (w: Window) => w.size > 0 && w.size <= WALK_LIMIT;
  if (window !== undefined) {
    const w = windows.find((x) => x.start === window) ?? { size: 0, start: window };
    found = await candidates(w.start, walked(w));
  } else {
    // The first window also measures the query: k matches in its n rows say how wide a window
    // must be to hold RECENT_POOL of them, and the windows in between are skipped.
    let n = 0;
    while (n < windows.length) {
      const w = windows[n];
      window = w.start;
      found = await candidates(w.start, walked(w));
      const k = found.filter((r) => r.recent).length;
      if (w.start === 0 || k >= RECENT_POOL) break;
      const need = k === 0 ? Number.POSITIVE_INFINITY : (w.size * RECENT_POOL * 1.3) / k;
      const next = windows.findIndex((x, i) => i > n && (x.size === 0 || x.size >= need));
      n = next === -1 ? n + 1 : next;
    }
  }
  const ids = [...new Set(found.map((r) => Number(r.article_id)))];
  if (ids.length === 0) return { items: [], nextCursor: null };
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
    sql`WITH ranked AS (
      SELECT article_id, title, summary, cover_url, column_id, language, tag_ids, published_at,
        ((CASE WHEN title_terms @@ ${q}::tsquery THEN 2 ELSE 0 END)
          + least(ts_rank('{0.1,0.2,0.4,1.0}', document, ${q}::tsquery), 1)::float8
          + exp(-greatest(extract(epoch FROM (${new Date(ref).toISOString()}::timestamptz - published_at)), 0)
                / ${FRESHNESS_DAYS * 86_400}))::float8 AS score
      FROM article_search WHERE article_id IN (${sql.join(ids, sql`, `)})
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
      highlight: { title: highlight(r.title, marks), summary: highlight(r.summary, marks) },
    })),
    nextCursor:
      rows.length > o.limit && last
        ? encodeCursor({ t: ref, w: window ?? 0, s: Number(last.score), i: Number(last.article_id) })
        : null,
  };
}
