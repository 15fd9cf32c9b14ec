/**
 * Loading on a PostgreSQL server with COPY: articles in chunks, each chunk one transaction with
 * its tag and brand links and its search index rows (segmented here, as the content hook would),
 * so an interrupted run leaves whole, searchable articles behind, never orphans.
 */
import type pg from 'pg';
import type { Named } from '../search/document.ts';
import { SEARCH_COPY_COLUMNS, searchCopyFields } from '../search/indexer.ts';
import { BRANDS } from './brands.ts';
import { copyInto, copyLine } from './copy.ts';
import type { Progress } from './progress.ts';
import { ARTICLE_COLUMNS, articleLine, type ScalePlan, type ScaleUser, scaleArticles } from './scale-rows.ts';
import { tagRows } from './taxonomy.ts';

/**
 * Articles per transaction: large enough that COPY dominates, small enough to keep the link lists
 * and the search rows (a few KB each) that wait for their articles modest in memory.
 */
const CHUNK = 10_000;

const TAG_NAMES = new Map<string, Named>(tagRows().map((t) => [t.id, t]));
const BRAND_NAMES = new Map<string, Named>(BRANDS.map((b) => [b.id, b]));

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
      const searchLines: string[] = [];
      // Links are collected while the articles stream out, then copied once their articles exist.
      function* lines(): Generator<string> {
        let pending = 0;
        for (const row of scaleArticles(plan, from, to)) {
          for (const tag of row.article.tagIds) tagLines.push(copyLine([row.id, tag]));
          for (const brand of row.article.brandIds) brandLines.push(copyLine([row.id, brand]));
          for (const series of row.article.seriesIds)
            if (plan.knownSeries.has(series)) seriesLines.push(copyLine([row.id, series]));
          const a = row.article;
          const source = {
            id: row.id,
            title: a.title,
            summary: a.summary,
            body: a.body,
            coverUrl: null,
            columnId: a.columnId,
            language: a.language,
            publishedAt: a.publishedAt!,
            tags: a.tagIds.map((id) => TAG_NAMES.get(id)!),
            brands: a.brandIds.map((id) => BRAND_NAMES.get(id)!),
          };
          searchLines.push(copyLine(searchCopyFields(source)));
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
        await copyInto(client, 'article_search', SEARCH_COPY_COLUMNS, searchLines);
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
