/**
 * Article lists other modules build from their own rows (favourites, browsing history, follows):
 * summaries by id, the following feed, and the names of the entities a member can follow. Kept
 * apart from the general feed, whose ranking is the feed's own business.
 */
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { staffUsers } from '../staff/tables.ts';
import type { FeedItemT } from './schemas.ts';
import { decodeCursor, encodeCursor } from './service.ts';
import { articles, articleTags, brands, columns, tags } from './tables.ts';

type Lang = 'zh-CN' | 'en';

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

const textArray = (values: readonly string[]) =>
  sql`ARRAY[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;
const bigintArray = (values: readonly number[]) =>
  sql`ARRAY[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::bigint[]`;

/**
 * Tags and brands linking to fewer articles than this are read whole and sorted; more, and the
 * published feed index is walked newest first instead. Near sqrt(page × articles) for 1M
 * articles, where both ways cost about the same: a few thousand index probes at most.
 */
export const LINKED_SORT_MAX = 5_000;

/**
 * The newest published articles of what a member follows, keyset-paginated on (published_at, id).
 * Each followed column and author contributes at most `limit + 1` rows from its own index scan
 * (the column and author feed indexes); the followed tags, and the followed brands, contribute
 * `limit + 1` rows each, read whole through the link table when they link to few articles, else by
 * walking the feed index (see LINKED_SORT_MAX). The union is merged and cut by (published_at, id).
 */
export async function followingFeed(
  db: Db,
  followed: FollowedEntities,
  options: { cursor?: string; limit: number; linkedSortMax?: number },
): Promise<{ items: FeedItemT[]; nextCursor: string | null }> {
  const after = options.cursor ? decodeCursor(options.cursor) : undefined;
  const n = options.limit + 1;
  const sortMax = options.linkedSortMax ?? LINKED_SORT_MAX;
  const before = (alias: string) =>
    after
      ? sql`AND (${sql.raw(alias)}.published_at, ${sql.raw(alias)}.id) < (${after.publishedAt.toISOString()}::timestamptz, ${after.id})`
      : sql``;
  const parts: SQL[] = [];
  if (followed.columns.length > 0) {
    parts.push(sql`SELECT x.id, x.published_at FROM unnest(${textArray(followed.columns)}) AS f(v),
      LATERAL (SELECT a.id, a.published_at FROM articles a
        WHERE a.status = 'published' AND a.column_id = f.v ${before('a')}
        ORDER BY a.published_at DESC NULLS LAST, a.id DESC NULLS LAST LIMIT ${n}) x`);
  }
  if (followed.authors.length > 0) {
    parts.push(sql`SELECT x.id, x.published_at FROM unnest(${bigintArray(followed.authors)}) AS f(v),
      LATERAL (SELECT a.id, a.published_at FROM articles a
        WHERE a.status = 'published' AND a.author_id = f.v ${before('a')}
        ORDER BY a.published_at DESC NULLS LAST, a.id DESC NULLS LAST LIMIT ${n}) x`);
  }
  for (const [ids, link, key] of [
    [followed.tags, 'article_tags', 'tag_id'],
    [followed.brands, 'article_brands', 'brand_id'],
  ] as const) {
    if (ids.length === 0) continue;
    const list = textArray(ids);
    const table = sql.raw(link);
    const column = sql.raw(key);
    // How many articles the followed tags (or brands) link to, counted no further than the bound.
    const [{ n: linked }] = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${table} WHERE ${column} = ANY(${list}) LIMIT ${sortMax}) c`,
    );
    if (linked < sortMax) {
      // Few: read them all through the link table and sort (the OFFSET 0 fence keeps it so).
      parts.push(sql`(SELECT s.id, s.published_at FROM (
        SELECT a.id, a.published_at FROM articles a
        WHERE a.status = 'published' ${before('a')}
          AND a.id IN (SELECT article_id FROM ${table} WHERE ${column} = ANY(${list}))
        OFFSET 0) s
        ORDER BY s.published_at DESC NULLS LAST, s.id DESC NULLS LAST LIMIT ${n})`);
    } else {
      // Many: walk the published feed index newest first, probing the link table's key per row.
      parts.push(sql`(SELECT a.id, a.published_at FROM articles a
        WHERE a.status = 'published' ${before('a')}
          AND EXISTS (SELECT 1 FROM ${table} l WHERE l.article_id = a.id AND l.${column} = ANY(${list}))
        ORDER BY a.published_at DESC NULLS LAST, a.id DESC NULLS LAST LIMIT ${n})`);
    }
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
