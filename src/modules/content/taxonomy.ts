/**
 * Console maintenance of the taxonomy: columns, the two-level tags (machine classes and their
 * subdivisions), brands and model series. Create, rename, reorder, delete; a delete that something
 * still uses is refused (taxonomy.in_use), decided by the database's foreign keys so that tables
 * other modules add later (members' tags and columns, follows) are covered without a list here.
 * Renames report the linked articles to `articlesChanged` (the search index re-reads names).
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { forgetFollowsOf } from '../engagement/service.ts';
import type { FollowKind } from '../engagement/tables.ts';
import { articlesChanged } from './changes.ts';
import {
  articleBrands,
  articleSeries,
  articles,
  articleTags,
  brands,
  columns,
  modelSeries,
  tags,
} from './tables.ts';

export const TAXONOMY_KINDS = ['columns', 'tags', 'brands', 'series'] as const;
export type TaxonomyKind = (typeof TAXONOMY_KINDS)[number];

const TABLES = { columns, tags, brands, series: modelSeries } as const;

export interface Names {
  nameZh: string;
  nameEn: string;
  position?: number;
}

export async function listTaxonomy(db: Db) {
  const [c, t, b, s] = await Promise.all([
    db.select().from(columns).orderBy(asc(columns.position), asc(columns.id)),
    db.select().from(tags).orderBy(asc(tags.position), asc(tags.id)),
    db.select().from(brands).orderBy(asc(brands.position), asc(brands.id)),
    db.select().from(modelSeries).orderBy(asc(modelSeries.position), asc(modelSeries.id)),
  ]);
  return { columns: c, tags: t, brands: b, series: s };
}

function fieldError(path: string, message: string): AppError {
  return new AppError('validation.failed', message, { errors: [{ path, message }] });
}

function notFound(kind: TaxonomyKind, id: string): AppError {
  return new AppError('taxonomy.not_found', `No ${kind} entry has the id ${id}.`);
}

function pgError(err: unknown): { code?: string; detail?: string } | undefined {
  for (
    let e = err as { code?: string; detail?: string; cause?: unknown } | undefined;
    e;
    e = e.cause as typeof e
  ) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e;
  }
  return undefined;
}

/** The next position after the last entry (of the same parent, for tags). */
async function nextPosition(db: Db, kind: TaxonomyKind, parentId?: string | null): Promise<number> {
  const table = TABLES[kind];
  const where =
    kind === 'tags' ? (parentId ? eq(tags.parentId, parentId) : isNull(tags.parentId)) : undefined;
  const [row] = await db
    .select({ n: sql<number>`coalesce(max(${table.position}) + 1, 0)::int` })
    .from(table)
    .where(where);
  return row.n;
}

async function insertOrRefuse(kind: TaxonomyKind, id: string, insert: () => Promise<unknown>) {
  try {
    await insert();
  } catch (err) {
    if (pgError(err)?.code === '23505')
      throw new AppError('taxonomy.exists', `A ${kind} entry with the id ${id} already exists.`);
    throw err;
  }
}

/** A tag that may be a parent: it exists and is itself a machine class (top level). */
async function requireClass(db: Db, id: string, path: string): Promise<void> {
  const [row] = await db.select({ parentId: tags.parentId }).from(tags).where(eq(tags.id, id));
  if (!row) throw fieldError(path, `unknown tag ${id}`);
  if (row.parentId !== null) throw fieldError(path, `${id} is a subdivision; expected a machine class`);
}

async function requireBrand(db: Db, id: string, path: string): Promise<void> {
  const [row] = await db.select({ id: brands.id }).from(brands).where(eq(brands.id, id));
  if (!row) throw fieldError(path, `unknown brand ${id}`);
}

export async function createColumn(db: Db, v: Names & { id: string }) {
  const position = v.position ?? (await nextPosition(db, 'columns'));
  await insertOrRefuse('columns', v.id, () => db.insert(columns).values({ ...v, position }));
  return { ...v, position };
}

export async function createTag(db: Db, v: Names & { id: string; parentId: string | null }) {
  if (v.parentId) await requireClass(db, v.parentId, 'body.parentId');
  const position = v.position ?? (await nextPosition(db, 'tags', v.parentId));
  await insertOrRefuse('tags', v.id, () => db.insert(tags).values({ ...v, position }));
  return { ...v, position };
}

export async function createBrand(db: Db, v: Names & { id: string; country: string }) {
  const position = v.position ?? (await nextPosition(db, 'brands'));
  await insertOrRefuse('brands', v.id, () => db.insert(brands).values({ ...v, position }));
  return { ...v, position };
}

export async function createSeries(db: Db, v: Names & { id: string; brandId: string; classTagId: string }) {
  await requireBrand(db, v.brandId, 'body.brandId');
  await requireClass(db, v.classTagId, 'body.classTagId');
  const position = v.position ?? (await nextPosition(db, 'series'));
  await insertOrRefuse('series', v.id, () => db.insert(modelSeries).values({ ...v, position }));
  return { ...v, position };
}

export type Patch = Partial<Names> & {
  parentId?: string | null;
  country?: string;
  brandId?: string;
  classTagId?: string;
};

/**
 * Changes an entry; a change of name (or of a series' brand) is reported for every linked
 * article. Returns the entry as stored and the ids of the articles whose derived copies changed.
 */
export async function updateTaxonomy(db: Db, kind: TaxonomyKind, id: string, patch: Patch) {
  const table = TABLES[kind];
  const [current] = await db.select().from(table).where(eq(table.id, id));
  if (!current) throw notFound(kind, id);
  const values: Record<string, unknown> = {};
  for (const key of ['nameZh', 'nameEn', 'position'] as const)
    if (patch[key] !== undefined) values[key] = patch[key];
  if (kind === 'tags' && patch.parentId !== undefined) {
    if (patch.parentId !== null) {
      if (patch.parentId === id) throw fieldError('body.parentId', 'a tag cannot be its own parent');
      await requireClass(db, patch.parentId, 'body.parentId');
      const [child] = await db.select({ id: tags.id }).from(tags).where(eq(tags.parentId, id)).limit(1);
      if (child) throw fieldError('body.parentId', `${id} has subdivisions; only two levels are kept`);
      const [series] = await db
        .select({ id: modelSeries.id })
        .from(modelSeries)
        .where(eq(modelSeries.classTagId, id))
        .limit(1);
      if (series) throw fieldError('body.parentId', `model series belong to ${id} as a machine class`);
    }
    values.parentId = patch.parentId;
  }
  if (kind === 'brands' && patch.country !== undefined) values.country = patch.country;
  if (kind === 'series') {
    if (patch.brandId !== undefined) {
      await requireBrand(db, patch.brandId, 'body.brandId');
      values.brandId = patch.brandId;
    }
    if (patch.classTagId !== undefined) {
      await requireClass(db, patch.classTagId, 'body.classTagId');
      values.classTagId = patch.classTagId;
    }
  }
  const renamed =
    (patch.nameZh !== undefined && patch.nameZh !== current.nameZh) ||
    (patch.nameEn !== undefined && patch.nameEn !== current.nameEn) ||
    (kind === 'series' && patch.brandId !== undefined);
  return db.transaction(async (tx) => {
    const [row] =
      Object.keys(values).length > 0
        ? await tx.update(table).set(values).where(eq(table.id, id)).returning()
        : [current];
    const affected = renamed ? await linkedArticles(tx, kind, id) : [];
    // The search index keeps names of columns, tags and brands: a batch at a time.
    for (let i = 0; i < affected.length; i += 5_000) await articlesChanged(tx, affected.slice(i, i + 5_000));
    return { row, affected };
  });
}

/** Every article that links to the entry, in any state. */
export async function linkedArticles(db: Db, kind: TaxonomyKind, id: string): Promise<number[]> {
  const rows =
    kind === 'columns'
      ? await db.select({ id: articles.id }).from(articles).where(eq(articles.columnId, id))
      : kind === 'tags'
        ? await db.select({ id: articleTags.articleId }).from(articleTags).where(eq(articleTags.tagId, id))
        : kind === 'brands'
          ? await db
              .select({ id: articleBrands.articleId })
              .from(articleBrands)
              .where(eq(articleBrands.brandId, id))
          : await db
              .select({ id: articleSeries.articleId })
              .from(articleSeries)
              .where(eq(articleSeries.seriesId, id));
  return rows.map((r) => r.id);
}

/** The follow kind members use for an entry of this kind (series are not followed). */
const FOLLOWED_AS: Record<TaxonomyKind, FollowKind | undefined> = {
  columns: 'column',
  tags: 'tag',
  brands: 'brand',
  series: undefined,
};

/**
 * Deletes an unused entry; members' follows of it go with it. A tag with subdivisions, or anything a row refers to (an article, a
 * member's tags or columns, a series), is refused with taxonomy.in_use naming what uses it.
 */
export async function deleteTaxonomy(db: Db, kind: TaxonomyKind, id: string): Promise<void> {
  const table = TABLES[kind];
  if (kind === 'tags') {
    const [child] = await db.select({ id: tags.id }).from(tags).where(eq(tags.parentId, id)).limit(1);
    if (child)
      throw new AppError(
        'taxonomy.in_use',
        `The machine class ${id} still has subdivisions (such as ${child.id}).`,
      );
  }
  let deleted: { id: string }[];
  try {
    deleted = await db.transaction(async (tx) => {
      const rows = await tx.delete(table).where(eq(table.id, id)).returning({ id: table.id });
      const followed = FOLLOWED_AS[kind];
      if (rows.length > 0 && followed) await forgetFollowsOf(tx, followed, id);
      return rows;
    });
  } catch (err) {
    const pg = pgError(err);
    if (pg?.code === '23503') {
      const user = /from table "([^"]+)"/.exec(pg.detail ?? '')?.[1] ?? 'another table';
      throw new AppError('taxonomy.in_use', `${id} is still used (by rows of ${user}); unlink them first.`);
    }
    throw err;
  }
  if (deleted.length === 0) throw notFound(kind, id);
}

/**
 * Sets display positions 0, 1, 2… in the order given. The ids must all exist (and, for tags, share
 * one parent: classes are ordered among classes, subdivisions within their class).
 */
export async function reorderTaxonomy(db: Db, kind: TaxonomyKind, ids: string[]): Promise<void> {
  const table = TABLES[kind];
  const found = await db.select().from(table).where(inArray(table.id, ids));
  const known = new Set(found.map((r) => r.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) throw fieldError('body.ids', `unknown ids: ${unknown.join(', ')}`);
  if (kind === 'tags') {
    const parents = new Set(found.map((r) => (r as typeof tags.$inferSelect).parentId));
    if (parents.size > 1) throw fieldError('body.ids', 'order tags of one parent at a time');
  }
  await db.transaction(async (tx) => {
    for (const [position, id] of ids.entries())
      await tx.update(table).set({ position }).where(eq(table.id, id));
  });
}

/**
 * Replaces the model series an article links to (the editor's series picker calls this). Returns
 * the series now linked; unknown series are a field error.
 */
export async function setArticleSeries(db: Db, articleId: number, seriesIds: string[]): Promise<string[]> {
  const ids = [...new Set(seriesIds)];
  const [article] = await db.select({ id: articles.id }).from(articles).where(eq(articles.id, articleId));
  if (!article) throw new AppError('article.not_found', `No article has the id ${articleId}.`);
  if (ids.length > 0) {
    const found = await db
      .select({ id: modelSeries.id })
      .from(modelSeries)
      .where(inArray(modelSeries.id, ids));
    const known = new Set(found.map((r) => r.id));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) throw fieldError('body.series', `unknown series: ${unknown.join(', ')}`);
  }
  await db.transaction(async (tx) => {
    await tx.delete(articleSeries).where(eq(articleSeries.articleId, articleId));
    if (ids.length > 0)
      await tx.insert(articleSeries).values(ids.map((seriesId) => ({ articleId, seriesId })));
    await articlesChanged(tx, [articleId]);
  });
  const rows = await db
    .select({ id: articleSeries.seriesId })
    .from(articleSeries)
    .where(and(eq(articleSeries.articleId, articleId)))
    .orderBy(asc(articleSeries.seriesId));
  return rows.map((r) => r.id);
}
