import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeArticle, makeBrand, makeColumn, makeStaff, makeTag } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { invalidateArticle } from './routes.ts';
import { articles } from './tables.ts';

describe('public content API', () => {
  let t: TestApp;
  let column: string;
  let other: string;
  beforeAll(async () => {
    t = await createTestApp();
    column = await makeColumn(t.database.db);
    other = await makeColumn(t.database.db);
  });
  afterAll(() => t.close());

  it('pages through the feed newest first (sort=new) with an opaque cursor, without gaps or repeats', async () => {
    const base = Date.parse('2026-06-01T00:00:00Z');
    for (let i = 0; i < 25; i++) {
      // Two articles share each timestamp, so the id breaks ties.
      await makeArticle(t.database.db, {
        columnId: column,
        publishedAt: new Date(base + Math.floor(i / 2) * 60_000),
      });
    }
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/feed?sort=new&column=${column}&limit=7${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      const page: { items: { id: number }[]; nextCursor: string | null; personalized: boolean } = res.json();
      expect(page.personalized).toBe(false);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    const times = await Promise.all(
      seen.map((id) => t.app.inject({ url: `/api/v1/articles/${id}` }).then((r) => r.json().publishedAt)),
    );
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('filters by column and hides articles that are not published', async () => {
    const draft = await makeArticle(t.database.db, { columnId: other, status: 'draft', publishedAt: null });
    const live = await makeArticle(t.database.db, { columnId: other });
    const res = await t.app.inject({ url: `/api/v1/feed?column=${other}` });
    const ids = res.json().items.map((i: { id: number }) => i.id);
    expect(ids).toEqual([live.id]);
    const hidden = await t.app.inject({ url: `/api/v1/articles/${draft.id}` });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().code).toBe('article.not_found');
  });

  it('refuses a forged cursor with a field error', async () => {
    const res = await t.app.inject({ url: '/api/v1/feed?cursor=bm90LWEtY3Vyc29y' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation.failed', errors: [{ path: 'querystring.cursor' }] });
  });

  it('serves an article with its author, tags, brands and counts', async () => {
    const author = await makeStaff(t.database.db, 'editor');
    const tag = await makeTag(t.database.db);
    const brand = await makeBrand(t.database.db);
    const a = await makeArticle(t.database.db, {
      columnId: column,
      authorId: author.id,
      tagIds: [tag],
      brandIds: [brand],
    });
    const res = await t.app.inject({ url: `/api/v1/articles/${a.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.json()).toMatchObject({
      id: a.id,
      column,
      tags: [tag],
      brands: [brand],
      series: [],
      author: { id: author.id, name: '测试 editor' },
      counts: { views: 0, comments: 0, favorites: 0, shares: 0 },
    });
  });

  it('serves cached articles until they are invalidated', async () => {
    const a = await makeArticle(t.database.db, { columnId: column, title: '第一版标题' });
    expect((await t.app.inject({ url: `/api/v1/articles/${a.id}` })).json().title).toBe('第一版标题');
    await t.database.db.update(articles).set({ title: '第二版标题' }).where(eq(articles.id, a.id));
    expect((await t.app.inject({ url: `/api/v1/articles/${a.id}` })).json().title).toBe('第一版标题');
    await invalidateArticle(t.app.ctx.caches, a.id);
    expect((await t.app.inject({ url: `/api/v1/articles/${a.id}` })).json().title).toBe('第二版标题');
  });

  it('refreshes cached feed pages when an article changes', async () => {
    const col = await makeColumn(t.database.db);
    const first = await makeArticle(t.database.db, { columnId: col });
    const ids = async () =>
      (await t.app.inject({ url: `/api/v1/feed?column=${col}` }))
        .json()
        .items.map((i: { id: number }) => i.id);
    expect(await ids()).toEqual([first.id]);
    const second = await makeArticle(t.database.db, {
      columnId: col,
      publishedAt: new Date(Date.now() + 1000),
    });
    await invalidateArticle(t.app.ctx.caches, second.id);
    expect(await ids()).toEqual([second.id, first.id]);
  });

  it('lists columns, tags and brands in the requested language', async () => {
    const zh = (await t.app.inject({ url: '/api/v1/columns' })).json();
    const en = (await t.app.inject({ url: '/api/v1/columns?lang=en' })).json();
    const col = (list: { id: string; name: string }[]) => list.find((c) => c.id === column)!.name;
    expect(col(zh)).toBe(`栏目${column}`);
    expect(col(en)).toBe(`Column ${column}`);
    expect((await t.app.inject({ url: '/api/v1/tags?lang=fr' })).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/v1/brands' })).statusCode).toBe(200);
  });
});
