/**
 * Article lists other modules build from their own rows (favourites, browsing history, follows):
 * summaries by id, the following feed, and the names of the entities a member can follow. Kept
 * apart from the general feed, whose ranking is the feed's own business.
 */
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows, sqlArray } from '../../db/client.ts';
import { staffUsers } from '../staff/tables.ts';
import type { FeedItemT } from './schemas.ts';
import { decodeCursor, encodeCursor } from './service.ts';
import { articleBrands, articles, articleTags, brands, columns, tags } from './tables.ts';

type Lang = 'zh-CN' | 'en';

/** What an article is about, for the interest profile: its tags, brands, column and author. */
export interface ArticleFacets {
  tags: string[];
  brands: string[];
  column: string;
  author: number | null;
}

/** The facets of the given articles (any state: a behaviour record outlives a withdrawal). */
export async function articleFacets(db: Db, ids: readonly number[]): Promise<Map<number, ArticleFacets>> {
  const map = new Map<number, ArticleFacets>();
  const unique = [...new Set(ids)];
  if (unique.length === 0) return map;
  const rows = await db
    .select({ id: articles.id, column: articles.columnId, author: articles.authorId })
    .from(articles)
    .where(inArray(articles.id, unique));
  for (const r of rows) map.set(r.id, { tags: [], brands: [], column: r.column, author: r.author });
  for (const t of await db.select().from(articleTags).where(inArray(articleTags.articleId, unique)))
    map.get(t.articleId)?.tags.push(t.tagId);
  for (const b of await db.select().from(articleBrands).where(inArray(articleBrands.articleId, unique)))
    map.get(b.articleId)?.brands.push(b.brandId);
  return map;
}

async function tagsOf(db: Db, ids: number[]): Promise<Map<number, string[]>> {
  const map = new Map<number, string[]>();
  if (ids.length === 0) return map;
  const rows = await db.select().from(articleTags).where(inArray(articleTags.articleId, ids));
  for (const row of rows) map.set(row.articleId, [...(map.get(row.articleId) ?? []), row.tagId]);
  return map;
}

/** Feed-item summaries of the published articles among `ids` (others are left out). */
export async function articleSummaries(db: Db, ids: readonly number[]): Promise<Map<number, FeedItemT>> {
  const out = new Map<number, FeedItemT>();
  if (ids.length === 0) return out;
  const rows = await db
    .select({
      id: articles.id,
      title: articles.title,
      summary: articles.summary,
      coverUrl: articles.coverUrl,
      columnId: articles.columnId,
      language: articles.language,
      publishedAt: articles.publishedAt,
    })
    .from(articles)
    .where(and(inArray(articles.id, [...ids]), eq(articles.status, 'published')));
  const tagMap = await tagsOf(
    db,
    rows.map((r) => r.id),
  );
  for (const r of rows) {
    out.set(r.id, {
      id: r.id,
      title: r.title,
      summary: r.summary,
      coverUrl: r.coverUrl,
      column: r.columnId,
      tags: tagMap.get(r.id) ?? [],
      language: r.language,
      publishedAt: r.publishedAt!.toISOString(),
    });
  }
  return out;
}

/** The ids among `ids` that are published articles. */
export async function publishedArticleIds(db: Db, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: articles.id })
    .from(articles)
    .where(and(inArray(articles.id, [...ids]), eq(articles.status, 'published')));
  return new Set(rows.map((r) => r.id));
}

export interface FollowedEntities {
  authors: number[];
  columns: string[];
  tags: string[];
  brands: string[];
}

/**
 * The newest published articles of what a member follows, keyset-paginated on (published_at, id).
 * Every followed entity is one index range scan of at most `limit + 1` rows after the cursor:
 * columns and authors on `articles` (the column and author feed indexes), tags and brands on their
 * link tables, which carry the article's `published_at` while it is published (the `*_new_feed_idx`
 * indexes, kept by the triggers of migration 0025). The union is deduplicated (one article can
 * match several follows) and cut by (published_at, id), so a page costs at most
 * follows × (limit + 1) index rows, however old or numerous a followed tag's articles are.
 */
export async function followingFeed(
  db: Db,
  followed: FollowedEntities,
  options: { cursor?: string; limit: number },
): Promise<{ items: FeedItemT[]; nextCursor: string | null }> {
  const after = options.cursor ? decodeCursor(options.cursor) : undefined;
  const n = options.limit + 1;
  const before = (at: string, id: string) =>
    after
      ? sql`AND (${sql.raw(at)}, ${sql.raw(id)}) < (${after.publishedAt.toISOString()}::timestamptz, ${after.id})`
      : sql``;
  const parts: SQL[] = [];
  // Columns and authors: the articles indexes (column_id | author_id, published_at DESC, id DESC).
  // The key is matched as a closed range and leads the ORDER BY on purpose: with a plain `=` the
  // planner drops it from the sort and may pick the published feed index for an average column
  // instead, walking every newer article of other columns (unbounded for a column whose articles
  // are all old). Ordered this way only the per-entity index gives the order without a sort.
  for (const [values, key] of [
    [followed.columns.length ? sqlArray(followed.columns, 'text') : undefined, 'column_id'],
    [followed.authors.length ? sqlArray(followed.authors, 'bigint') : undefined, 'author_id'],
  ] as const) {
    if (!values) continue;
    const col = sql.raw(key);
    parts.push(sql`SELECT x.id, x.published_at FROM unnest(${values}) AS f(v),
      LATERAL (SELECT a.id, a.published_at FROM articles a
        WHERE a.status = 'published' AND a.${col} >= f.v AND a.${col} <= f.v
          ${before('a.published_at', 'a.id')}
        ORDER BY a.${col}, a.published_at DESC NULLS LAST, a.id DESC NULLS LAST LIMIT ${n}) x`);
  }
  // Tags and brands: the link tables' indexes (tag_id | brand_id, published_at DESC, article_id DESC).
  for (const [ids, link, key] of [
    [followed.tags, 'article_tags', 'tag_id'],
    [followed.brands, 'article_brands', 'brand_id'],
  ] as const) {
    if (ids.length === 0) continue;
    parts.push(sql`SELECT x.id, x.published_at FROM unnest(${sqlArray(ids, 'text')}) AS f(v),
      LATERAL (SELECT l.article_id AS id, l.published_at FROM ${sql.raw(link)} l
        WHERE l.${sql.raw(key)} = f.v AND l.published_at IS NOT NULL
          ${before('l.published_at', 'l.article_id')}
        ORDER BY l.published_at DESC NULLS LAST, l.article_id DESC NULLS LAST LIMIT ${n}) x`);
  }
  if (parts.length === 0) return { items: [], nextCursor: null };
  const rows = await queryRows<{ id: number | string; published_at: string | Date }>(
    db,
    sql`SELECT DISTINCT u.id, u.published_at FROM (${sql.join(parts, sql` UNION ALL `)}) u
      ORDER BY u.published_at DESC, u.id DESC LIMIT ${n}`,
  );
  const picked = rows.map((r) => ({ id: Number(r.id), publishedAt: new Date(r.published_at) }));
  const page = picked.slice(0, options.limit);
  const summaries = await articleSummaries(
    db,
    page.map((r) => r.id),
  );
  const last = page.at(-1);
  return {
    items: page.map((r) => summaries.get(r.id)).filter((x): x is FeedItemT => x !== undefined),
    nextCursor: picked.length > options.limit && last ? encodeCursor(last.publishedAt, last.id) : null,
  };
}

export type FollowTargetKind = 'author' | 'column' | 'tag' | 'brand';
export interface FollowTarget {
  kind: FollowTargetKind;
  id: string;
  name: string;
}

const pick = (lang: Lang, zh: string, en: string) => (lang === 'en' ? en : zh);

/**
 * The followable entities among `wanted`, with their display names; ids that name nothing (or an
 * author with no published article) are left out. Authors are staff bylines: a staff account with
 * at least one published article.
 */
export async function followTargets(
  db: Db,
  wanted: readonly { kind: FollowTargetKind; id: string }[],
  lang: Lang,
): Promise<FollowTarget[]> {
  const ids = (kind: FollowTargetKind) => wanted.filter((w) => w.kind === kind).map((w) => w.id);
  const out: FollowTarget[] = [];
  const cols = ids('column');
  if (cols.length) {
    for (const c of await db.select().from(columns).where(inArray(columns.id, cols)))
      out.push({ kind: 'column', id: c.id, name: pick(lang, c.nameZh, c.nameEn) });
  }
  const tagIds = ids('tag');
  if (tagIds.length) {
    for (const t of await db.select().from(tags).where(inArray(tags.id, tagIds)))
      out.push({ kind: 'tag', id: t.id, name: pick(lang, t.nameZh, t.nameEn) });
  }
  const brandIds = ids('brand');
  if (brandIds.length) {
    for (const b of await db.select().from(brands).where(inArray(brands.id, brandIds)))
      out.push({ kind: 'brand', id: b.id, name: pick(lang, b.nameZh, b.nameEn) });
  }
  const authorIds = ids('author')
    .filter((id) => /^\d{1,15}$/.test(id))
    .map(Number);
  if (authorIds.length) {
    const rows = await db
      .select({ id: staffUsers.id, name: staffUsers.displayName })
      .from(staffUsers)
      .where(
        and(
          inArray(staffUsers.id, authorIds),
          sql`EXISTS (SELECT 1 FROM ${articles} WHERE ${articles.authorId} = ${staffUsers.id} AND ${articles.status} = 'published')`,
        ),
      );
    for (const a of rows) out.push({ kind: 'author', id: String(a.id), name: a.name });
  }
  return out;
}
