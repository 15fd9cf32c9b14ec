/**
 * Loading on the embedded PGlite: batched multi-row INSERTs through Drizzle. PGlite runs in this
 * process, so there is no network to amortise and 1,000-row statements are about as fast as it gets.
 */
import type { Db } from '../../db/client.ts';
import { users } from '../accounts/tables.ts';
import { articlesChanged } from '../content/changes.ts';
import { articleBrands, articleSeries, articles, articleTags } from '../content/tables.ts';
import type { Progress } from './progress.ts';
import { type ScalePlan, type ScaleUser, scaleArticles } from './scale-rows.ts';

const BATCH = 1000;

export async function loadArticlesPglite(db: Db, plan: ScalePlan, progress: Progress): Promise<void> {
  for (let from = 0; from < plan.count; from += BATCH) {
    const rows = [...scaleArticles(plan, from, Math.min(plan.count, from + BATCH))];
    const tagLinks = rows.flatMap((r) => r.article.tagIds.map((tagId) => ({ articleId: r.id, tagId })));
    const brandLinks = rows.flatMap((r) =>
      r.article.brandIds.map((brandId) => ({ articleId: r.id, brandId })),
    );
    const seriesLinks = rows.flatMap((r) =>
      r.article.seriesIds
        .filter((seriesId) => plan.knownSeries.has(seriesId))
        .map((seriesId) => ({ articleId: r.id, seriesId })),
    );
    await db.transaction(async (tx) => {
      await tx
        .insert(articles)
        .overridingSystemValue()
        .values(
          rows.map(({ id, article: { tagIds: _t, brandIds: _b, seriesIds: _s, ...a } }) => ({ id, ...a })),
        );
      await tx.insert(articleTags).values(tagLinks);
      if (brandLinks.length > 0) await tx.insert(articleBrands).values(brandLinks);
      if (seriesLinks.length > 0) await tx.insert(articleSeries).values(seriesLinks);
      await articlesChanged(
        tx,
        rows.map((r) => r.id),
      );
    });
    progress.add(rows.length);
  }
}

export async function loadUsersPglite(db: Db, rows: Iterable<ScaleUser>, progress: Progress): Promise<void> {
  let batch: (typeof users.$inferInsert)[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await db.insert(users).values(batch);
    progress.add(batch.length);
    batch = [];
  };
  for (const u of rows) {
    batch.push({ nickname: u.nickname, createdAt: u.createdAt, updatedAt: u.createdAt });
    if (batch.length === BATCH) await flush();
  }
  await flush();
}
