import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeArticle, makeBrand, makeColumn, makeMember, makeTag, uid } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { articlesChanged } from '../content/changes.ts';
import { articles } from '../content/tables.ts';
import { indexTokens, queryTerms } from './segment.ts';
import { searchQueries } from './tables.ts';

type Page = {
  items: { id: number; highlight: { title: string; summary: string } }[];
  nextCursor: string | null;
};

describe('segmentation', () => {
  it('keeps industry words, brands and model numbers whole', () => {
    const tokens = indexTokens('三一重工发布新款电动挖掘机XE215DA，中联重科剪叉式高空作业平台');
    for (const w of [
      '三一重工',
      '三一',
      '挖掘机',
      '挖掘',
      'xe215da',
      '中联重科',
      '剪叉式高空作业平台',
      '高空作业平台',
    ])
      expect(tokens).toContain(w);
    expect(queryTerms('徐工 起重机')).toEqual(['徐工', '起重机']);
    expect(queryTerms('Volvo CE Electric Excavators')).toEqual(['volvo', 'ce', 'electric', 'excavators']);
  });

  it('drops punctuation, spaces and function words', () => {
    expect(queryTerms('，。 的 the ！')).toEqual([]);
  });
});

describe('GET /search', () => {
  let t: TestApp;
  let column: string;
  const word = `测${uid().slice(0, 4)}`; // unique per run so other tests' articles never match
  const publish = async (values: Parameters<typeof makeArticle>[1]) => {
    const a = await makeArticle(t.database.db, { columnId: column, ...values });
    await articlesChanged(t.database.db, [a.id]);
    return a;
  };
  const get = (query: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: `/api/v1/search?${query}`, headers });

  beforeAll(async () => {
    t = await createTestApp();
    column = await makeColumn(t.database.db);
  });
  afterAll(() => t.close());

  it('ranks a title hit above a body hit, and the fresher above the older at equal relevance', async () => {
    const term = 'Zeppelinix';
    const day = 86_400_000;
    const now = Date.now();
    const body = await publish({
      title: 'A quiet week',
      body: `<p>A note on ${term} in passing.</p>`,
      publishedAt: new Date(now - day),
    });
    const oldTitle = await publish({
      title: `${term} launches a loader`,
      publishedAt: new Date(now - 20 * day),
    });
    const newTitle = await publish({
      title: `${term} launches a grader`,
      publishedAt: new Date(now - 2 * day),
    });
    const res = await get(`q=${term.toLowerCase()}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Page>().items.map((i) => i.id)).toEqual([newTitle.id, oldTitle.id, body.id]);
  });

  it('finds Chinese text by its words and marks them, escaping everything else', async () => {
    const a = await publish({
      title: `三一${word}挖掘机 <b>上市</b>`,
      summary: '新款挖掘机面向东南亚市场。',
    });
    const res = await get(`q=${encodeURIComponent(`${word} 挖掘机`)}`);
    const page = res.json<Page>();
    expect(page.items.map((i) => i.id)).toEqual([a.id]);
    expect(page.items[0].highlight.title).toBe(
      `三一<mark>${word}</mark><mark>挖掘机</mark> &lt;b&gt;上市&lt;/b&gt;`.replace('</mark><mark>', ''),
    );
    expect(page.items[0].highlight.summary).toContain('<mark>挖掘机</mark>');
  });

  it('indexes only published articles and drops an article when it is archived', async () => {
    const draft = await publish({ title: `${word} 草稿`, status: 'draft', publishedAt: null });
    const live = await publish({ title: `${word} 归档前` });
    let ids = (await get(`q=${encodeURIComponent(word)}`)).json<Page>().items.map((i) => i.id);
    expect(ids).toContain(live.id);
    expect(ids).not.toContain(draft.id);
    await t.database.db.update(articles).set({ status: 'archived' }).where(eq(articles.id, live.id));
    await articlesChanged(t.database.db, [live.id]);
    ids = (await get(`q=${encodeURIComponent(word)}`)).json<Page>().items.map((i) => i.id);
    expect(ids).not.toContain(live.id);
  });

  it('filters by column, tag and date', async () => {
    const other = await makeColumn(t.database.db);
    const tag = await makeTag(t.database.db);
    const brand = await makeBrand(t.database.db);
    const term = `filt${uid().slice(0, 6)}`;
    const a = await publish({
      title: `${term} one`,
      tagIds: [tag],
      brandIds: [brand],
      publishedAt: new Date('2026-03-10T00:00:00Z'),
    });
    const b = await publish({
      title: `${term} two`,
      columnId: other,
      publishedAt: new Date('2026-05-10T00:00:00Z'),
    });
    const ids = async (extra: string) =>
      (await get(`q=${term}${extra}`))
        .json<Page>()
        .items.map((i) => i.id)
        .sort();
    expect(await ids('')).toEqual([a.id, b.id].sort());
    expect(await ids(`&column=${other}`)).toEqual([b.id]);
    expect(await ids(`&tag=${tag}`)).toEqual([a.id]);
    expect(await ids('&from=2026-04-01')).toEqual([b.id]);
    expect(await ids('&to=2026-04-01')).toEqual([a.id]);
  });

  it('pages through the ranked results without gaps or repeats', async () => {
    const term = `page${uid().slice(0, 6)}`;
    const made: number[] = [];
    for (let i = 0; i < 13; i++)
      made.push(
        (await publish({ title: `${term} ${i}`, publishedAt: new Date(Date.now() - i * 3_600_000) })).id,
      );
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(`q=${term}&limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page: Page = res.json();
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(made);
  });

  it('refuses empty and over-long queries, bad dates and bad cursors with problem+json', async () => {
    for (const query of [
      'q=',
      'q=%20%20',
      `q=${'挖'.repeat(101)}`,
      'q=x&from=yesterday',
      'q=x&from=2026-05-01&to=2026-04-01',
      'q=x&cursor=nonsense',
      'q=x&limit=0',
    ]) {
      const res = await get(query);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('validation.failed');
    }
    expect((await get('q=x')).statusCode).toBe(200);
  });

  it('suggests brands, tags and titles as the user types, without an account', async () => {
    await publish({ title: `${word}新机速递` });
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/search/suggest?q=${encodeURIComponent(word)}`,
    });
    expect(res.statusCode).toBe(200);
    expect(
      res
        .json()
        .items.some((s: { kind: string; text: string }) => s.kind === 'title' && s.text.includes(word)),
    ).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/search/suggest?q=' })).statusCode).toBe(400);
  });

  describe('query log', () => {
    it('keeps nothing for anonymous visitors or members without the personalisation consent', async () => {
      const m = await makeMember(t.app);
      const q = `nolog${uid()}`;
      await get(`q=${q}`);
      await get(`q=${q}`, m.headers);
      const rows = await t.database.db.select().from(searchQueries);
      expect(rows.some((r) => r.query === q)).toBe(false);
    });

    it('keeps a consenting member’s queries, which only that member sees and can delete', async () => {
      const m = await makeMember(t.app, { consents: { account: true, personalization: true } });
      const other = await makeMember(t.app, { consents: { account: true, personalization: true } });
      await get('q=挖掘机', m.headers);
      await get('q=起重机', m.headers);
      await get('q=叉车', other.headers);
      const list = async (h: Record<string, string>) =>
        (await t.app.inject({ method: 'GET', url: '/api/v1/me/search-history', headers: h })).json()
          .items as { id: number; query: string }[];
      const mine = await list(m.headers);
      expect(mine.map((i) => i.query)).toEqual(['起重机', '挖掘机']);
      expect((await list(other.headers)).map((i) => i.query)).toEqual(['叉车']);

      const foreign = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/me/search-history/${mine[0].id}`,
        headers: other.headers,
      });
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json().code).toBe('search.history_not_found');
      const one = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/me/search-history/${mine[0].id}`,
        headers: m.headers,
      });
      expect(one.statusCode).toBe(204);
      expect((await list(m.headers)).map((i) => i.query)).toEqual(['挖掘机']);
      const all = await t.app.inject({
        method: 'DELETE',
        url: '/api/v1/me/search-history',
        headers: m.headers,
      });
      expect(all.json()).toEqual({ deleted: 1 });
      expect(await list(m.headers)).toEqual([]);
      expect(await list(other.headers)).toHaveLength(1);
      const bad = await t.app.inject({
        method: 'DELETE',
        url: '/api/v1/me/search-history/abc',
        headers: m.headers,
      });
      expect(bad.statusCode).toBe(400);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/me/search-history' })).statusCode).toBe(401);
    });
  });
});
