/** Editors pin published articles to the top of a column: the console API and the feed's lead. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeArticle, makeColumn } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { consoleCaller } from '../profile/testing.ts';
import type { StaffRole } from '../staff/tables.ts';
import { PIN_LIMIT, pinnedItems } from './pins.ts';
import { articles, columnPinEvents } from './tables.ts';

const pinsOf = (column: string) => `/api/v1/console/columns/${column}/pins`;

interface FeedPage {
  items: { id: number; pinned?: boolean }[];
  nextCursor: string | null;
}

describe('column pins', () => {
  let t: TestApp;
  let editor: Awaited<ReturnType<typeof as>>;
  beforeAll(async () => {
    t = await createTestApp();
    editor = await as('editor');
  });
  afterAll(() => t.close());

  const as = (role: StaffRole) => consoleCaller(t.app, role);

  /** A column with `n` published articles, an hour apart (newest has the highest id). */
  async function column(n: number) {
    const id = await makeColumn(t.app.ctx.db);
    const made: number[] = [];
    for (let i = 0; i < n; i++) {
      const a = await makeArticle(t.app.ctx.db, {
        columnId: id,
        publishedAt: new Date(Date.now() - (n - i) * 3_600_000),
      });
      made.push(a.id);
    }
    return { id, articles: made };
  }

  const feed = async (query: string) => {
    const res = await t.app.inject({ url: `/api/v1/feed?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as FeedPage;
  };

  it('lets editors and admins, and nobody else, see and change pins', async () => {
    const c = await column(1);
    for (const role of ['contributor', 'reviewer', 'support', 'compliance'] as const) {
      const staff = await as(role);
      expect((await staff('GET', pinsOf(c.id))).statusCode, role).toBe(403);
      const res = await staff('POST', pinsOf(c.id), { articleId: c.articles[0] });
      expect(res.statusCode, role).toBe(403);
      expect(res.json().code).toBe('auth.forbidden');
    }
    expect((await t.app.inject({ url: pinsOf(c.id) })).statusCode).toBe(401);
    const admin = await as('admin');
    expect((await admin('POST', pinsOf(c.id), { articleId: c.articles[0] })).statusCode).toBe(201);
    expect((await admin('GET', pinsOf(c.id))).json().items).toHaveLength(1);
  });

  it('pins at a position, reorders, unpins, and records every change with who did it', async () => {
    const c = await column(4);
    const [a, b, d] = c.articles as [number, number, number];
    expect((await editor('POST', pinsOf(c.id), { articleId: a })).statusCode).toBe(201);
    expect((await editor('POST', pinsOf(c.id), { articleId: b })).statusCode).toBe(201);
    const atTop = await editor('POST', pinsOf(c.id), { articleId: d, position: 0 });
    expect(atTop.statusCode, atTop.body).toBe(201);
    const list = atTop.json();
    expect(list.items.map((i: { articleId: number }) => i.articleId)).toEqual([d, a, b]);
    expect(list.items.map((i: { position: number }) => i.position)).toEqual([0, 1, 2]);
    expect(list.items[0]).toMatchObject({ live: true, status: 'published', pinnedBy: { id: editor.id } });

    const reordered = await editor('PUT', `${pinsOf(c.id)}/order`, { articleIds: [b, d, a] });
    expect(reordered.statusCode, reordered.body).toBe(200);
    expect(reordered.json().items.map((i: { articleId: number }) => i.articleId)).toEqual([b, d, a]);

    expect((await editor('DELETE', `${pinsOf(c.id)}/${d}`)).statusCode).toBe(204);
    const after = (await editor('GET', pinsOf(c.id))).json();
    expect(after.items.map((i: { articleId: number }) => i.articleId)).toEqual([b, a]);
    expect(after.events.map((e: { action: string }) => e.action)).toEqual([
      'unpin',
      'reorder',
      'pin',
      'pin',
      'pin',
    ]);
    expect(after.events[0]).toMatchObject({ articleId: d, order: [b, a], staff: { id: editor.id } });
    const rows = await t.app.ctx.db.select().from(columnPinEvents).where(eq(columnPinEvents.columnId, c.id));
    expect(rows.every((r) => r.staffId === editor.id)).toBe(true);
  });

  it('refuses unknown columns, unpublished and unknown articles, duplicates, a full column and bad orders', async () => {
    const c = await column(PIN_LIMIT + 1);
    const draft = await makeArticle(t.app.ctx.db, { columnId: c.id, status: 'draft', publishedAt: null });

    const unknown = await editor('POST', pinsOf('no-such-column'), { articleId: c.articles[0] });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('pin.column_not_found');
    expect((await editor('GET', pinsOf('no-such-column'))).json().code).toBe('pin.column_not_found');

    const unpublished = await editor('POST', pinsOf(c.id), { articleId: draft.id });
    expect(unpublished.statusCode).toBe(409);
    expect(unpublished.json().code).toBe('pin.not_published');
    expect((await editor('POST', pinsOf(c.id), { articleId: 987_654_321 })).json().code).toBe(
      'article.not_found',
    );

    for (const [field, body] of [
      ['body.articleId', { articleId: 'x' }],
      ['body.position', { articleId: c.articles[0], position: -1 }],
      ['body.position', { articleId: c.articles[0], position: PIN_LIMIT }],
      ['body.expiresAt', { articleId: c.articles[0], expiresAt: 'tomorrow' }],
      ['body.expiresAt', { articleId: c.articles[0], expiresAt: '2001-01-01T00:00:00Z' }],
    ] as const) {
      const res = await editor('POST', pinsOf(c.id), body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().code).toBe('validation.failed');
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(field);
    }
    expect((await editor('POST', pinsOf('Bad Id'), { articleId: 1 })).statusCode).toBe(400);

    for (const id of c.articles.slice(0, PIN_LIMIT))
      expect((await editor('POST', pinsOf(c.id), { articleId: id })).statusCode).toBe(201);
    const again = await editor('POST', pinsOf(c.id), { articleId: c.articles[0] });
    expect(again.json().code).toBe('pin.exists');
    const full = await editor('POST', pinsOf(c.id), { articleId: c.articles[PIN_LIMIT] });
    expect(full.statusCode).toBe(409);
    expect(full.json().code).toBe('pin.limit_reached');

    const partial = await editor('PUT', `${pinsOf(c.id)}/order`, { articleIds: c.articles.slice(0, 2) });
    expect(partial.statusCode).toBe(409);
    expect(partial.json().code).toBe('pin.order_mismatch');
    const repeated = await editor('PUT', `${pinsOf(c.id)}/order`, { articleIds: [1, 1] });
    expect(repeated.statusCode).toBe(400);
    const missing = await editor('DELETE', `${pinsOf(c.id)}/${c.articles[PIN_LIMIT]}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('pin.not_found');
  });

  it('leads the first page of the column feed with the pins, for anonymous readers, hot and new', async () => {
    const c = await column(8);
    const oldest = c.articles[0]!;
    const plain = {
      hot: await feed(`column=${c.id}&limit=3`),
      new: await feed(`column=${c.id}&sort=new&limit=3`),
    };
    const newest = c.articles.at(-1)!;

    await editor('POST', pinsOf(c.id), { articleId: oldest });
    await editor('POST', pinsOf(c.id), { articleId: newest });
    for (const sort of ['hot', 'new'] as const) {
      const page = await feed(`column=${c.id}&sort=${sort}&limit=3`);
      // The pins first, in pin order, marked; not repeated below.
      expect(page.items.slice(0, 2)).toEqual([
        expect.objectContaining({ id: oldest, pinned: true }),
        expect.objectContaining({ id: newest, pinned: true }),
      ]);
      const rest = page.items.slice(2);
      expect(rest.some((i) => i.pinned)).toBe(false);
      expect(rest.map((i) => i.id)).toEqual(plain[sort].items.map((i) => i.id).filter((id) => id !== newest));
      expect(new Set(page.items.map((i) => i.id)).size).toBe(page.items.length);
      // Later pages are those of the unpinned feed.
      expect(page.nextCursor).toBe(plain[sort].nextCursor);
      const next = await feed(`column=${c.id}&sort=${sort}&limit=3&cursor=${page.nextCursor}`);
      expect(next.items.some((i) => i.pinned)).toBe(false);
    }
    // Other feeds are not led by this column's pins.
    const all = await feed('limit=50');
    expect(all.items.some((i) => i.pinned)).toBe(false);
    expect((await pinnedItems(t.app.ctx.db, c.id)).map((i) => i.id)).toEqual([oldest, newest]);
  });

  it('drops a pin whose article is archived, or whose time has passed, from the feed at once', async () => {
    const c = await column(3);
    const [a, b] = c.articles as [number, number];
    await editor('POST', pinsOf(c.id), { articleId: a });
    await editor('POST', pinsOf(c.id), {
      articleId: b,
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect((await feed(`column=${c.id}`)).items.filter((i) => i.pinned).map((i) => i.id)).toEqual([a, b]);

    // Archived through the editorial workflow, which drops the feed cache.
    const archive = await editor('POST', `/api/v1/console/articles/${a}/steps`, { action: 'archive' });
    expect(archive.statusCode, archive.body).toBe(200);
    const page = await feed(`column=${c.id}`);
    expect(page.items.filter((i) => i.pinned).map((i) => i.id)).toEqual([b]);
    expect(page.items.some((i) => i.id === a)).toBe(false);
    const listed = (await editor('GET', pinsOf(c.id))).json();
    expect(listed.items.find((i: { articleId: number }) => i.articleId === a)).toMatchObject({
      live: false,
      status: 'archived',
    });

    // An expired pin: the feed checks the time the app's clock gives.
    expect((await pinnedItems(t.app.ctx.db, c.id, new Date(Date.now() + 7_200_000))).length).toBe(0);
    await t.app.ctx.db.update(articles).set({ status: 'published' }).where(eq(articles.id, a));
  });
});
