/**
 * Loading on a PostgreSQL server with COPY: articles in chunks, each chunk one transaction with
 * its tag and brand links, so an interrupted run leaves whole articles behind, never orphans.
 */
import type pg from 'pg';
import { copyInto, copyLine } from './copy.ts';
import type { Progress } from './progress.ts';
import { ARTICLE_COLUMNS, articleLine, type ScalePlan, type ScaleUser, scaleArticles } from './scale-rows.ts';

/** Articles per transaction: large enough that COPY dominates, small enough to keep link lists modest. */
const CHUNK = 50_000;

async function inTransaction(client: pg.PoolClient, fn: () => Promise<void>): Promise<void> {
  await client.query('BEGIN');
  try {
    await fn();
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
}

export async function loadArticlesPg(pool: pg.Pool, plan: ScalePlan, progress: Progress): Promise<void> {
  const client = await pool.connect();
  try {
    for (let from = 0; from < plan.count; from += CHUNK) {
      const to = Math.min(plan.count, from + CHUNK);
      const tagLines: string[] = [];
      const brandLines: string[] = [];
      const seriesLines: string[] = [];
      // Links are collected while the articles stream out, then copied once their articles exist.
      function* lines(): Generator<string> {
        let pending = 0;
        for (const row of scaleArticles(plan, from, to)) {
          for (const tag of row.article.tagIds) tagLines.push(copyLine([row.id, tag]));
          for (const brand of row.article.brandIds) brandLines.push(copyLine([row.id, brand]));
          for (const series of row.article.seriesIds)
            if (plan.knownSeries.has(series)) seriesLines.push(copyLine([row.id, series]));
          yield articleLine(row);
          if (++pending === 500) {
            progress.add(pending);
            pending = 0;
          }
        }
        progress.add(pending);
      }
      await inTransaction(client, async () => {
        await copyInto(client, 'articles', ARTICLE_COLUMNS, lines());
        await copyInto(client, 'article_tags', ['article_id', 'tag_id'], tagLines);
        if (brandLines.length > 0)
          await copyInto(client, 'article_brands', ['article_id', 'brand_id'], brandLines);
        if (seriesLines.length > 0)
          await copyInto(client, 'article_series', ['article_id', 'series_id'], seriesLines);
      });
    }
  } finally {
    client.release();
  }
}

export async function loadUsersPg(
  pool: pg.Pool,
  rows: Iterable<ScaleUser>,
  progress: Progress,
): Promise<void> {
  const client = await pool.connect();
  function* lines(): Generator<string> {
    let pending = 0;
    for (const u of rows) {
      yield copyLine([u.nickname, u.createdAt, u.createdAt]);
      if (++pending === 1000) {
        progress.add(pending);
        pending = 0;
      }
    }
    progress.add(pending);
  }
  try {
    await copyInto(client, 'users', ['nickname', 'created_at', 'updated_at'], lines());
  } finally {
    client.release();
  }
}
