/** Reading published content: columns, tags, brands, the general feed and single articles. */
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { type Db, preparedPerDatabase } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { staffUsers } from '../staff/tables.ts';
import { leadWithPins } from './pins.ts';
import type { ArticleT, FeedItemT } from './schemas.ts';
import {
  type ARTICLE_STATES,
  articleBrands,
  articleSeries,
  articles,
  articleTags,
  brands,
  columns,
  modelSeries,
  tags,
} from './tables.ts';

type Lang = 'zh-CN' | 'en';
const pick = (lang: Lang, zh: string, en: string) => (lang === 'en' ? en : zh);

export async function listColumns(db: Db, lang: Lang) {
  const rows = await db.select().from(columns).orderBy(asc(columns.position), asc(columns.id));
  return rows.map((c) => ({
    id: c.id,
    name: pick(lang, c.nameZh, c.nameEn),
    nameZh: c.nameZh,
    nameEn: c.nameEn,
  }));
}

export async function listTags(db: Db, lang: Lang) {
  const rows = await db.select().from(tags).orderBy(asc(tags.position), asc(tags.id));
  return rows.map((t) => ({
    id: t.id,
    parentId: t.parentId,
    name: pick(lang, t.nameZh, t.nameEn),
    nameZh: t.nameZh,
    nameEn: t.nameEn,
  }));
}

export async function listBrands(db: Db, lang: Lang) {
  const rows = await db.select().from(brands).orderBy(asc(brands.position), asc(brands.id));
  return rows.map((b) => ({
    id: b.id,
    name: pick(lang, b.nameZh, b.nameEn),
    nameZh: b.nameZh,
    nameEn: b.nameEn,
    country: b.country,
  }));
}

/** Model series, optionally of one brand, in display order. */
export async function listSeries(db: Db, lang: Lang, brand?: string) {
  const rows = await db
    .select()
    .from(modelSeries)
    .where(brand ? eq(modelSeries.brandId, brand) : undefined)
    .orderBy(asc(modelSeries.brandId), asc(modelSeries.position), asc(modelSeries.id));
  return rows.map((m) => ({
    id: m.id,
    brandId: m.brandId,
    classTagId: m.classTagId,
    name: pick(lang, m.nameZh, m.nameEn),
    nameZh: m.nameZh,
    nameEn: m.nameEn,
  }));
}

export type FeedSort = 'hot' | 'new';

/** What a feed page continues after: the sort key and id of the last item served. */
type After = { sort: 'new'; publishedAt: Date; id: number } | { sort: 'hot'; score: number; id: number };

/**
 * Opaque feed cursors. Newest-first pages keep the original form, `[publishedAt, id]`; hot pages
 * are `["hot", score, id]` (a double prints and parses back exactly in JSON and in PostgreSQL).
 */
export function encodeCursor(publishedAt: Date, id: number): string {
  return Buffer.from(JSON.stringify([publishedAt.toISOString(), id])).toString('base64url');
}

export function encodeHotCursor(score: number, id: number): string {
  return Buffer.from(JSON.stringify(['hot', score, id])).toString('base64url');
}

function badCursor(): AppError {
  return new AppError('validation.failed', 'The cursor is not valid.', {
    errors: [{ path: 'querystring.cursor', message: 'expected a cursor returned by a previous page' }],
  });
}

export function decodeCursor(cursor: string): { publishedAt: Date; id: number } {
  const after = decodeFeedCursor(cursor, 'new');
  if (after.sort !== 'new') throw badCursor();
  return after;
}

/** The cursor for `sort`; anything else, including a cursor of the other sort, is validation.failed. */
export function decodeFeedCursor(cursor: string, sort: FeedSort): After {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(parsed)) throw badCursor();
  if (sort === 'hot') {
    const [tag, score, id] = parsed as unknown[];
    if (parsed.length !== 3 || tag !== 'hot' || typeof score !== 'number' || !Number.isFinite(score))
      throw badCursor();
    if (!Number.isSafeInteger(id)) throw badCursor();
    return { sort, score, id: id as number };
  }
  const [at, id] = parsed as unknown[];
  if (parsed.length !== 2 || typeof at !== 'string' || !Number.isSafeInteger(id)) throw badCursor();
  const publishedAt = new Date(at);
  if (Number.isNaN(publishedAt.getTime())) throw badCursor();
  return { sort, publishedAt, id: id as number };
}

async function tagsOf(db: Db, ids: number[]): Promise<Map<number, string[]>> {
  const map = new Map<number, string[]>();
  if (ids.length === 0) return map;
  const rows = await db
    .select({ articleId: articleTags.articleId, tagId: articleTags.tagId })
    .from(articleTags)
    .where(inArray(articleTags.articleId, ids));
  for (const row of rows) map.set(row.articleId, [...(map.get(row.articleId) ?? []), row.tagId]);
  return map;
}

export interface FeedOptions {
  sort?: FeedSort;
  column?: string;
  tag?: string;
  brand?: string;
  series?: string;
  cursor?: string;
  limit: number;
  /** The moment pins are checked against (their expiry): the app clock's now. */
  now?: Date;
}

/** The link table and value a feed filter walks, if one is given (at most one: the route checks). */
function linkFilter(o: FeedOptions) {
  if (o.tag) return { link: articleTags, key: articleTags.tagId, value: o.tag };
  if (o.brand) return { link: articleBrands, key: articleBrands.brandId, value: o.brand };
  if (o.series) return { link: articleSeries, key: articleSeries.seriesId, value: o.series };
  return undefined;
}

/**
 * The general feed: by default the hot ranking (freshness and engagement with time decay, see
 * hot-score.ts), or newest first with `sort: 'new'`; all published articles, or those of one
 * column, tag, brand or model series. Every variant walks one partial index in its order, so a
 * page costs the same at any depth. It reads no personal data: the same for everyone.
 */
export async function generalFeed(
  db: Db,
  options: FeedOptions,
): Promise<{ items: FeedItemT[]; nextCursor: string | null }> {
  const sort = options.sort ?? 'hot';
  const after = options.cursor ? decodeFeedCursor(options.cursor, sort) : undefined;
  const filter = linkFilter(options);
  // The sort keys come from the link table when filtering by a link (its own index), else from articles.
  const keys = filter
    ? { hot: filter.link.hotScore, at: filter.link.publishedAt, id: filter.link.articleId }
    : { hot: articles.hotScore, at: articles.publishedAt, id: articles.id };
  const primary = sort === 'hot' ? keys.hot : keys.at;
  const afterValue =
    after === undefined
      ? undefined
      : after.sort === 'hot'
        ? sql`(${keys.hot}, ${keys.id}) < (${after.score}::float8, ${after.id}::bigint)`
        : sql`(${keys.at}, ${keys.id}) < (${after.publishedAt.toISOString()}::timestamptz, ${after.id}::bigint)`;
  const fields = {
    id: articles.id,
    title: articles.title,
    summary: articles.summary,
    coverUrl: articles.coverUrl,
    columnId: articles.columnId,
    language: articles.language,
    publishedAt: articles.publishedAt,
    // The cursor is made of the keys the query walks (the link table's copies when filtering).
    keyHot: keys.hot,
    keyAt: keys.at,
  };
  const base = filter
    ? db
        .select(fields)
        .from(filter.link)
        .innerJoin(articles, eq(articles.id, filter.link.articleId))
        .where(
          and(
            eq(filter.key, filter.value),
            sql`${primary} IS NOT NULL`,
            eq(articles.status, 'published'),
            afterValue,
          ),
        )
    : db
        .select(fields)
        .from(articles)
        .where(
          and(
            eq(articles.status, 'published'),
            options.column ? eq(articles.columnId, options.column) : undefined,
            afterValue,
          ),
        );
  // NULLS LAST as in the feed indexes, or PostgreSQL cannot walk them and sorts every match.
  const rows = await base
    .orderBy(sql`${primary} DESC NULLS LAST`, sql`${keys.id} DESC NULLS LAST`)
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit);
  const tagMap = await tagsOf(
    db,
    page.map((r) => r.id),
  );
  const last = page.at(-1);
  const more = rows.length > options.limit && last;
  const result = {
    items: page.map(
      (r): FeedItemT => ({
        id: r.id,
        title: r.title,
        summary: r.summary,
        coverUrl: r.coverUrl,
        column: r.columnId,
        tags: tagMap.get(r.id) ?? [],
        language: r.language,
        publishedAt: r.publishedAt!.toISOString(),
      }),
    ),
    nextCursor: more
      ? sort === 'hot'
        ? encodeHotCursor(last.keyHot!, last.id)
        : encodeCursor(last.keyAt!, last.id)
      : null,
  };
  // A column's first page leads with the editors' pins (content/pins.ts).
  return options.column && !options.cursor ? leadWithPins(db, options.column, result, options.now) : result;
}

/** The ids a link table holds for the article of the outer query, sorted. */
function linkedIds(table: PgTable, id: AnyPgColumn, articleId: AnyPgColumn) {
  return sql<string[]>`array(SELECT ${id} FROM ${table} WHERE ${articleId} = ${articles.id} ORDER BY 1)`;
}

/**
 * One round trip for an article with its tag and brand ids, prepared once per database: the read
 * path of the most requested resource does no per-request query building.
 */
const articleQuery = preparedPerDatabase((db: Db) =>
  db
    .select({
      id: articles.id,
      title: articles.title,
      summary: articles.summary,
      body: articles.body,
      coverUrl: articles.coverUrl,
      columnId: articles.columnId,
      language: articles.language,
      source: articles.source,
      publishedAt: articles.publishedAt,
      authorId: articles.authorId,
      authorName: staffUsers.displayName,
      viewCount: articles.viewCount,
      commentCount: articles.commentCount,
      favoriteCount: articles.favoriteCount,
      shareCount: articles.shareCount,
      tags: linkedIds(articleTags, articleTags.tagId, articleTags.articleId),
      brands: linkedIds(articleBrands, articleBrands.brandId, articleBrands.articleId),
      series: linkedIds(articleSeries, articleSeries.seriesId, articleSeries.articleId),
    })
    .from(articles)
    .leftJoin(staffUsers, eq(staffUsers.id, articles.authorId))
    .where(and(eq(articles.id, sql.placeholder('id')), eq(articles.status, 'published')))
    .limit(1)
    .prepare('content_article_by_id'),
);

/** One published article, or article.not_found (drafts and archived ones are not public). */
export async function getPublishedArticle(db: Db, id: number): Promise<ArticleT> {
  const [a] = await articleQuery(db).execute({ id });
  if (!a) throw new AppError('article.not_found', `No published article has the id ${id}.`);
  return {
    id: a.id,
    title: a.title,
    summary: a.summary,
    body: a.body,
    coverUrl: a.coverUrl,
    column: a.columnId,
    tags: a.tags,
    brands: a.brands,
    series: a.series,
    language: a.language,
    source: a.source,
    publishedAt: a.publishedAt!.toISOString(),
    author: a.authorId !== null && a.authorName !== null ? { id: a.authorId, name: a.authorName } : null,
    counts: {
      views: a.viewCount,
      comments: a.commentCount,
      favorites: a.favoriteCount,
      shares: a.shareCount,
    },
  };
}

export async function countPublished(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(articles)
    .where(eq(articles.status, 'published'));
  return row.n;
}

/** The counters shown on an article; other modules move them through here, never by SQL of their own. */
export type ArticleCounter = 'viewCount' | 'commentCount' | 'favoriteCount' | 'shareCount';

/** Adds `by` (negative to take away) to one counter of an article; a counter never goes below zero. */
export async function adjustArticleCount(
  db: Db,
  id: number,
  counter: ArticleCounter,
  by: number,
): Promise<void> {
  await db
    .update(articles)
    .set({ [counter]: sql`greatest(0, ${articles[counter]} + ${by})` })
    .where(eq(articles.id, id));
}

/**
 * The article if it is published, for features that attach something to it (a comment, a
 * favourite, a share): anything else is article.not_found, as for readers.
 */
export async function requirePublishedArticle(
  db: Db,
  id: number,
): Promise<{ id: number; columnId: string; authorId: number | null; title: string }> {
  const [row] = await db
    .select({
      id: articles.id,
      columnId: articles.columnId,
      authorId: articles.authorId,
      title: articles.title,
    })
    .from(articles)
    .where(and(eq(articles.id, id), eq(articles.status, 'published')))
    .limit(1);
  if (!row) throw new AppError('article.not_found', `No published article has the id ${id}.`);
  return row;
}

// ---------------------------------------------------------------------------------------------
// Writing articles. The editorial module decides who may do what and when; these functions are
// the only SQL that changes an article, each one guarded by the state (and revision) it expects,
// so a step taken concurrently by someone else makes it change nothing rather than the wrong thing.

export type ArticleState = (typeof ARTICLE_STATES)[number];

/** What an editor writes. */
export interface ArticleFields {
  title: string;
  summary: string;
  body: string;
  coverUrl: string | null;
  columnId: string;
  authorId: number | null;
  source: string;
  language: string;
  tagIds: string[];
  brandIds: string[];
  /** Model series (a brand's machines of one class) the article is about. */
  seriesIds: string[];
  /** The province a regional article is about (location/regions.ts); left out, none. */
  region?: string | null;
}

export interface EditableArticle extends ArticleFields {
  id: number;
  status: ArticleState;
  revision: number;
  approvedRevision: number | null;
  publishAt: Date | null;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** An article in any state with everything the editor shows, or undefined. */
export async function getArticleForEditing(db: Db, id: number): Promise<EditableArticle | undefined> {
  const [a] = await db
    .select({
      id: articles.id,
      title: articles.title,
      summary: articles.summary,
      body: articles.body,
      coverUrl: articles.coverUrl,
      columnId: articles.columnId,
      authorId: articles.authorId,
      source: articles.source,
      language: articles.language,
      region: articles.region,
      status: articles.status,
      revision: articles.revision,
      approvedRevision: articles.approvedRevision,
      publishAt: articles.publishAt,
      publishedAt: articles.publishedAt,
      createdAt: articles.createdAt,
      updatedAt: articles.updatedAt,
      tagIds: linkedIds(articleTags, articleTags.tagId, articleTags.articleId),
      brandIds: linkedIds(articleBrands, articleBrands.brandId, articleBrands.articleId),
      seriesIds: linkedIds(articleSeries, articleSeries.seriesId, articleSeries.articleId),
    })
    .from(articles)
    .where(eq(articles.id, id))
    .limit(1);
  return a;
}

/** Replaces the article's tag, brand and series links (the link rows' feed keys come from triggers). */
async function replaceLinks(
  db: Db,
  id: number,
  { tagIds, brandIds, seriesIds }: Pick<ArticleFields, 'tagIds' | 'brandIds' | 'seriesIds'>,
): Promise<void> {
  await db.delete(articleTags).where(eq(articleTags.articleId, id));
  await db.delete(articleBrands).where(eq(articleBrands.articleId, id));
  await db.delete(articleSeries).where(eq(articleSeries.articleId, id));
  if (tagIds.length) await db.insert(articleTags).values(tagIds.map((tagId) => ({ articleId: id, tagId })));
  if (brandIds.length)
    await db.insert(articleBrands).values(brandIds.map((brandId) => ({ articleId: id, brandId })));
  if (seriesIds.length)
    await db.insert(articleSeries).values(seriesIds.map((seriesId) => ({ articleId: id, seriesId })));
}

/** Which of the given column, tag, brand and series ids do not exist (for field errors before writing). */
export async function unknownTaxonomy(
  db: Db,
  ids: { columnId: string; tagIds: string[]; brandIds: string[]; seriesIds: string[] },
): Promise<{ column: boolean; tags: string[]; brands: string[]; series: string[] }> {
  const [col, tagRows, brandRows, seriesRows] = await Promise.all([
    db.select({ id: columns.id }).from(columns).where(eq(columns.id, ids.columnId)),
    ids.tagIds.length
      ? db.select({ id: tags.id }).from(tags).where(inArray(tags.id, ids.tagIds))
      : Promise.resolve([]),
    ids.brandIds.length
      ? db.select({ id: brands.id }).from(brands).where(inArray(brands.id, ids.brandIds))
      : Promise.resolve([]),
    ids.seriesIds.length
      ? db.select({ id: modelSeries.id }).from(modelSeries).where(inArray(modelSeries.id, ids.seriesIds))
      : Promise.resolve([]),
  ]);
  const knownTags = new Set(tagRows.map((r) => r.id));
  const knownBrands = new Set(brandRows.map((r) => r.id));
  const knownSeries = new Set(seriesRows.map((r) => r.id));
  return {
    column: col.length === 0,
    tags: ids.tagIds.filter((t) => !knownTags.has(t)),
    brands: ids.brandIds.filter((b) => !knownBrands.has(b)),
    series: ids.seriesIds.filter((m) => !knownSeries.has(m)),
  };
}

const contentValues = (f: ArticleFields) => ({
  title: f.title,
  summary: f.summary,
  body: f.body,
  coverUrl: f.coverUrl,
  columnId: f.columnId,
  authorId: f.authorId,
  source: f.source,
  language: f.language,
  region: f.region ?? null,
});

/** A new draft at revision 1; returns its id. */
export async function insertArticle(db: Db, fields: ArticleFields, now: Date): Promise<number> {
  const [row] = await db
    .insert(articles)
    .values({ ...contentValues(fields), status: 'draft', revision: 1, createdAt: now, updatedAt: now })
    .returning({ id: articles.id });
  await replaceLinks(db, row.id, fields);
  return row.id;
}

/**
 * Saves new content over `expectedRevision`, if the article is still at it and in one of
 * `editable`: the revision goes up by one, and a scheduled article goes back to review (its
 * approval was for other words). Undefined when nothing matched (stale revision or state).
 */
export async function updateArticleContent(
  db: Db,
  id: number,
  expectedRevision: number,
  fields: ArticleFields,
  editable: readonly ArticleState[],
  now: Date,
): Promise<{ revision: number; status: ArticleState } | undefined> {
  const [row] = await db
    .update(articles)
    .set({
      ...contentValues(fields),
      // The city stays only while the province does.
      city: sql`CASE WHEN ${articles.region} IS NOT DISTINCT FROM ${fields.region ?? null}::text THEN ${articles.city} END`,
      revision: sql`${articles.revision} + 1`,
      status: sql`CASE WHEN ${articles.status} = 'scheduled' THEN 'in_review' ELSE ${articles.status} END`,
      publishAt: null,
      updatedAt: now,
    })
    .where(
      and(
        eq(articles.id, id),
        eq(articles.revision, expectedRevision),
        inArray(articles.status, [...editable]),
      ),
    )
    .returning({ revision: articles.revision, status: articles.status });
  if (!row) return undefined;
  await replaceLinks(db, id, fields);
  return row;
}

/**
 * Moves an article from one of `from` to `to`, if it is in one of them (and, with `revision`, still
 * at that revision; with `approved`, approved at its current revision). Answers the new row's
 * revision, or undefined when the article was not as expected.
 */
export async function moveArticle(
  db: Db,
  id: number,
  step: {
    from: readonly ArticleState[];
    to: ArticleState;
    revision?: number;
    approved?: boolean;
    set?: { approvedRevision?: number | null; publishAt?: Date | null; publishedAt?: Date | null };
  },
  now: Date,
): Promise<{ revision: number } | undefined> {
  const [row] = await db
    .update(articles)
    .set({ status: step.to, updatedAt: now, ...step.set })
    .where(
      and(
        eq(articles.id, id),
        inArray(articles.status, [...step.from]),
        step.revision === undefined ? undefined : eq(articles.revision, step.revision),
        step.approved ? eq(articles.approvedRevision, articles.revision) : undefined,
      ),
    )
    .returning({ revision: articles.revision });
  return row;
}

/**
 * Publishes every scheduled article whose time has come, in one statement: of several instances
 * running this at once, each article is returned to exactly one. Its publication time is the time
 * it was scheduled for.
 */
export async function publishDueArticles(
  db: Db,
  now: Date,
  limit = 100,
): Promise<{ id: number; revision: number }[]> {
  const due = db
    .select({ id: articles.id })
    .from(articles)
    .where(and(eq(articles.status, 'scheduled'), lte(articles.publishAt, now)))
    .orderBy(asc(articles.publishAt))
    .limit(limit);
  return db
    .update(articles)
    .set({ status: 'published', publishedAt: sql`${articles.publishAt}`, updatedAt: now })
    .where(and(inArray(articles.id, due), eq(articles.status, 'scheduled'), lte(articles.publishAt, now)))
    .returning({ id: articles.id, revision: articles.revision });
}
