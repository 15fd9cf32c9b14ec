/**
 * The one place where content writes report which articles changed (created, edited, published,
 * archived, re-tagged, a linked brand renamed). Whatever keeps a derived copy of articles (the
 * search index) updates it here, inside the writer's transaction when `db` is one, so a reader
 * never finds the article and its derived copy disagreeing for long.
 */
import { asc, eq, gt, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { IndexSource, Named } from '../search/document.ts';
import { syncSearchIndex } from '../search/indexer.ts';
import { articleBrands, articleSeries, articles, articleTags, brands, modelSeries, tags } from './tables.ts';

const READ_BATCH = 1000;

/** The changed articles as the search index needs them: published ones, and the ids of the rest. */
export async function articlesForIndex(
  db: Db,
  ids: readonly number[],
): Promise<{ published: IndexSource[]; other: number[] }> {
  const rows = await db
    .select({
      id: articles.id,
      title: articles.title,
      summary: articles.summary,
      body: articles.body,
      coverUrl: articles.coverUrl,
      columnId: articles.columnId,
      language: articles.language,
      status: articles.status,
      publishedAt: articles.publishedAt,
    })
    .from(articles)
    .where(inArray(articles.id, [...ids]));
  const live = rows.filter((r) => r.status === 'published' && r.publishedAt !== null);
  const liveIds = live.map((r) => r.id);
  const tagMap = new Map<number, Named[]>();
  const brandMap = new Map<number, Named[]>();
  const seriesMap = new Map<number, Named[]>();
  if (liveIds.length > 0) {
    const seriesRows = await db
      .select({
        articleId: articleSeries.articleId,
        id: modelSeries.id,
        nameZh: modelSeries.nameZh,
        nameEn: modelSeries.nameEn,
      })
      .from(articleSeries)
      .innerJoin(modelSeries, eq(modelSeries.id, articleSeries.seriesId))
      .where(inArray(articleSeries.articleId, liveIds));
    for (const { articleId, ...s } of seriesRows)
      seriesMap.set(articleId, [...(seriesMap.get(articleId) ?? []), s]);
    const tagRows = await db
      .select({ articleId: articleTags.articleId, id: tags.id, nameZh: tags.nameZh, nameEn: tags.nameEn })
      .from(articleTags)
      .innerJoin(tags, eq(tags.id, articleTags.tagId))
      .where(inArray(articleTags.articleId, liveIds));
    for (const { articleId, ...t } of tagRows) tagMap.set(articleId, [...(tagMap.get(articleId) ?? []), t]);
    const brandRows = await db
      .select({
        articleId: articleBrands.articleId,
        id: brands.id,
        nameZh: brands.nameZh,
        nameEn: brands.nameEn,
      })
      .from(articleBrands)
      .innerJoin(brands, eq(brands.id, articleBrands.brandId))
      .where(inArray(articleBrands.articleId, liveIds));
    for (const { articleId, ...b } of brandRows)
      brandMap.set(articleId, [...(brandMap.get(articleId) ?? []), b]);
  }
  const liveSet = new Set(liveIds);
  return {
    published: live.map(({ status: _s, publishedAt, ...r }) => ({
      ...r,
      publishedAt: publishedAt!,
      tags: tagMap.get(r.id) ?? [],
      brands: brandMap.get(r.id) ?? [],
      series: seriesMap.get(r.id) ?? [],
    })),
    other: ids.filter((id) => !liveSet.has(id)),
  };
}

export async function articlesChanged(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += READ_BATCH) {
    const { published, other } = await articlesForIndex(db, unique.slice(i, i + READ_BATCH));
    await syncSearchIndex(db, published, other);
  }
}

/** Article ids above `after`, ascending, for walks over every article (the search backfill). */
export async function articleIdsAfter(db: Db, after: number, limit: number): Promise<number[]> {
  const rows = await db
    .select({ id: articles.id })
    .from(articles)
    .where(gt(articles.id, after))
    .orderBy(asc(articles.id))
    .limit(limit);
  return rows.map((r) => r.id);
}
