/** The general feed's hot ranking, its cursors and its filters by tag, brand and series. */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { makeArticle, makeBrand, makeColumn, makeSeries, makeTag } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { hotScore } from './hot-score.ts';
import { invalidateArticle } from './routes.ts';
import { adjustArticleCount, encodeCursor, encodeHotCursor } from './service.ts';
import { articles, articleTags } from './tables.ts';

const HOUR = 3_600_000;
type Page = {
  items: { id: number; publishedAt: string }[];
  nextCursor: string | null;
  personalized: boolean;
};

describe('the general feed', () => {
  let t: TestApp;
  const base = Date.parse('2026-06-01T00:00:00Z');
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const page = async (query: string): Promise<Page> => {
    const res = await t.app.inject({ url: `/api/v1/feed?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const ids = async (query: string) => (await page(query)).items.map((i) => i.id);

  /** Every id of the feed, following cursors `limit` at a time. */
  async function walk(query: string, limit: number): Promise<number[]> {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const p: Page = await page(`${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(p.personalized).toBe(false);
      seen.push(...p.items.map((i) => i.id));
      cursor = p.nextCursor;
    } while (cursor);
    return seen;
  }

  it('ranks by hot score by default: a much-engaged article of yesterday above a fresh one without readers', async () => {
    const column = await makeColumn(t.database.db);
    const fresh = await makeArticle(t.database.db, { columnId: column, publishedAt: new Date(base) });
    const engaged = await makeArticle(t.database.db, {
      columnId: column,
      publishedAt: new Date(base - 24 * HOUR),
      viewCount: 20_000,
      favoriteCount: 300,
    });
    expect(await ids(`column=${column}`)).toEqual([engaged.id, fresh.id]);
    expect(await ids(`column=${column}&sort=new`)).toEqual([fresh.id, engaged.id]);
  });

  it('lets engagement decay: the same engagement a week old falls below a fresh article', async () => {
    const column = await makeColumn(t.database.db);
    const fresh = await makeArticle(t.database.db, { columnId: column, publishedAt: new Date(base) });
    const old = await makeArticle(t.database.db, {
      columnId: column,
      publishedAt: new Date(base - 7 * 24 * HOUR),
      viewCount: 20_000,
      favoriteCount: 300,
    });
    expect(await ids(`column=${column}`)).toEqual([fresh.id, old.id]);
  });

  it('keeps the stored score equal to the documented formula, through inserts, counter changes and publication', async () => {
    const at = new Date(base - 5 * HOUR + 123);
    const a = await makeArticle(t.database.db, { publishedAt: at, viewCount: 40, commentCount: 2 });
    const stored = async () =>
      (await t.database.db.select({ s: articles.hotScore }).from(articles).where(eq(articles.id, a.id)))[0].s;
    expect(await stored()).toBeCloseTo(hotScore(at, { views: 40, comments: 2, favorites: 0, shares: 0 }), 9);
    await adjustArticleCount(t.database.db, a.id, 'shareCount', 7);
    await adjustArticleCount(t.database.db, a.id, 'favoriteCount', 3);
    expect(await stored()).toBeCloseTo(hotScore(at, { views: 40, comments: 2, favorites: 3, shares: 7 }), 9);
    const later = new Date(base + HOUR);
    await t.database.db.update(articles).set({ publishedAt: later }).where(eq(articles.id, a.id));
    expect(await stored()).toBeCloseTo(
      hotScore(later, { views: 40, comments: 2, favorites: 3, shares: 7 }),
      9,
    );
    // A draft has no publication time, so no score.
    const draft = await makeArticle(t.database.db, { status: 'draft', publishedAt: null });
    const [row] = await t.database.db.select().from(articles).where(eq(articles.id, draft.id));
    expect(row.hotScore).toBeNull();
  });

  it('moves an article up the hot feed when readers engage with it', async () => {
    const column = await makeColumn(t.database.db);
    const newer = await makeArticle(t.database.db, { columnId: column, publishedAt: new Date(base) });
    const older = await makeArticle(t.database.db, {
      columnId: column,
      publishedAt: new Date(base - 2 * HOUR),
    });
    expect(await ids(`column=${column}`)).toEqual([newer.id, older.id]);
    await adjustArticleCount(t.database.db, older.id, 'viewCount', 500);
    await invalidateArticle(t.app.ctx.caches, older.id);
    expect(await ids(`column=${column}`)).toEqual([older.id, newer.id]);
  });

  it('pages through the hot feed without repeats or gaps, ties broken by id', async () => {
    const column = await makeColumn(t.database.db);
    const made: number[] = [];
    for (let i = 0; i < 23; i++) {
      // Pairs share a publication time and engagement (equal scores), so the id breaks ties.
      const a = await makeArticle(t.database.db, {
        columnId: column,
        publishedAt: new Date(base - Math.floor(i / 2) * HOUR),
        viewCount: (i % 5) * 300,
      });
      made.push(a.id);
    }
    const seen = await walk(`column=${column}`, 4);
    expect(seen).toHaveLength(23);
    expect(new Set(seen)).toEqual(new Set(made));
    const scores = await queryRows<{ id: number; s: number }>(
      t.database.db,
      sql`SELECT id::int, hot_score AS s FROM articles WHERE column_id = ${column}`,
    );
    const score = new Map(scores.map((r) => [r.id, r.s]));
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1], seen[i]];
      expect(score.get(a)! > score.get(b)! || (score.get(a) === score.get(b) && a > b)).toBe(true);
    }
    // The same walk over the whole feed also ends, with every one of them in it once.
    const all = await walk('sort=hot', 50);
    expect(new Set(all).size).toBe(all.length);
    for (const id of made) expect(all).toContain(id);
  });

  it('filters by tag, brand and series, in both orders, and pages through a filter', async () => {
    const tag = await makeTag(t.database.db);
    const brand = await makeBrand(t.database.db);
    const series = await makeSeries(t.database.db, brand, tag);
    const tagged: number[] = [];
    for (let i = 0; i < 7; i++) {
      const a = await makeArticle(t.database.db, {
        publishedAt: new Date(base - i * HOUR),
        tagIds: [tag],
        brandIds: i % 2 === 0 ? [brand] : [],
        seriesIds: i < 2 ? [series] : [],
        viewCount: i === 6 ? 50_000 : 0,
      });
      tagged.push(a.id);
    }
    await makeArticle(t.database.db, { tagIds: [await makeTag(t.database.db)] });
    const draft = await makeArticle(t.database.db, { status: 'draft', publishedAt: null, tagIds: [tag] });
    const byTag = await walk(`tag=${tag}`, 3);
    expect(byTag).toEqual([tagged[6], ...tagged.slice(0, 6)]);
    expect(byTag).not.toContain(draft.id);
    expect(await walk(`tag=${tag}&sort=new`, 2)).toEqual(tagged);
    expect(await ids(`brand=${brand}&sort=new`)).toEqual([tagged[0], tagged[2], tagged[4], tagged[6]]);
    expect(await ids(`brand=${brand}`)).toEqual([tagged[6], tagged[0], tagged[2], tagged[4]]);
    expect(await ids(`series=${series}`)).toEqual([tagged[0], tagged[1]]);
    expect(await ids(`tag=no-such-tag`)).toEqual([]);
  });

  it('follows an article into and out of filtered feeds as it is published, archived and engaged with', async () => {
    const tag = await makeTag(t.database.db);
    const a = await makeArticle(t.database.db, { status: 'draft', publishedAt: null, tagIds: [tag] });
    const b = await makeArticle(t.database.db, { publishedAt: new Date(base - HOUR), tagIds: [tag] });
    expect(await ids(`tag=${tag}`)).toEqual([b.id]);
    await t.database.db
      .update(articles)
      .set({ status: 'published', publishedAt: new Date(base - 3 * HOUR) })
      .where(eq(articles.id, a.id));
    await invalidateArticle(t.app.ctx.caches, a.id);
    expect(await ids(`tag=${tag}`)).toEqual([b.id, a.id]);
    await adjustArticleCount(t.database.db, a.id, 'commentCount', 200);
    await invalidateArticle(t.app.ctx.caches, a.id);
    expect(await ids(`tag=${tag}`)).toEqual([a.id, b.id]);
    const [link] = await t.database.db.select().from(articleTags).where(eq(articleTags.articleId, a.id));
    const [row] = await t.database.db.select().from(articles).where(eq(articles.id, a.id));
    expect(link.hotScore).toBe(row.hotScore);
    await t.database.db.update(articles).set({ status: 'archived' }).where(eq(articles.id, a.id));
    await invalidateArticle(t.app.ctx.caches, a.id);
    expect(await ids(`tag=${tag}`)).toEqual([b.id]);
    expect(await ids(`tag=${tag}&sort=new`)).toEqual([b.id]);
  });

  it('refuses malformed cursors, a cursor of the other order and two filters at once', async () => {
    const bad = async (query: string, path: string) => {
      const res = await t.app.inject({ url: `/api/v1/feed?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.json(), query).toMatchObject({ code: 'validation.failed', errors: [{ path }] });
    };
    const newCursor = encodeCursor(new Date(base), 5);
    const hotCursor = encodeHotCursor(4321.5, 5);
    await bad('cursor=bm90LWEtY3Vyc29y', 'querystring.cursor');
    await bad('cursor=%%%', 'querystring.cursor');
    await bad(`cursor=${Buffer.from('["hot","x",1]').toString('base64url')}`, 'querystring.cursor');
    await bad(`cursor=${Buffer.from('["hot",1.5,1.5]').toString('base64url')}`, 'querystring.cursor');
    await bad(`cursor=${Buffer.from('{"a":1}').toString('base64url')}`, 'querystring.cursor');
    await bad(`cursor=${newCursor}`, 'querystring.cursor');
    await bad(`sort=new&cursor=${hotCursor}`, 'querystring.cursor');
    await bad(`tag=${hotCursor.slice(0, 3)}A_B`, 'querystring.tag');
    await bad('sort=oldest', 'querystring.sort');
    await bad('column=news&tag=cranes', 'querystring.tag');
    await bad('brand=sany&series=sany-sy215', 'querystring.series');
    expect((await t.app.inject({ url: `/api/v1/feed?cursor=${hotCursor}` })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/v1/feed?sort=new&cursor=${newCursor}` })).statusCode).toBe(200);
  });

  it('lists model series, of one brand on request, and names them on the article', async () => {
    const brand = await makeBrand(t.database.db);
    const cls = await makeTag(t.database.db);
    const s1 = await makeSeries(t.database.db, brand, cls);
    const other = await makeSeries(t.database.db);
    const a = await makeArticle(t.database.db, { brandIds: [brand], seriesIds: [s1] });
    const list = (await t.app.inject({ url: `/api/v1/series?brand=${brand}&lang=en` })).json();
    expect(list).toEqual([
      {
        id: s1,
        brandId: brand,
        classTagId: cls,
        name: `Series ${s1}`,
        nameZh: `系列${s1}`,
        nameEn: `Series ${s1}`,
      },
    ]);
    const all = (await t.app.inject({ url: '/api/v1/series' })).json().map((x: { id: string }) => x.id);
    expect(all).toEqual(expect.arrayContaining([s1, other]));
    expect((await t.app.inject({ url: '/api/v1/series?brand=Not%20An%20Id' })).statusCode).toBe(400);
    expect((await t.app.inject({ url: `/api/v1/articles/${a.id}` })).json()).toMatchObject({
      brands: [brand],
      series: [s1],
    });
  });
});
