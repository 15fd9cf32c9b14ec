/** Favourites, shares, follows, the following feed, behaviour records and browsing history. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeArticle,
  makeBrand,
  makeColumn,
  makeMember,
  makeStaff,
  makeTag,
} from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { users } from '../accounts/tables.ts';
import { followingFeed } from '../content/lists.ts';
import { articles } from '../content/tables.ts';
import { runRetentionSweep } from '../erasure/retention.ts';
import { serviceStatus } from '../incidents/tables.ts';
import { FAVORITES_MAX } from './service.ts';
import { browsingHistory, clickRecords, favorites } from './tables.ts';

describe('engagement', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  type Member = Awaited<ReturnType<typeof makeMember>>;
  const consenting = () => makeMember(t.app, { consents: { account: true, personalization: true } });
  const call = (method: string, url: string, m?: Member, payload?: object) =>
    t.app.inject({
      method: method as 'GET',
      url: `/api/v1${url}`,
      headers: m?.headers,
      ...(payload ? { payload } : {}),
    });
  const counts = async (id: number) => {
    const [a] = await t.database.db.select().from(articles).where(eq(articles.id, id));
    return a;
  };

  describe('favourites', () => {
    it('favouriting is idempotent and counts once; unfavouriting too', async () => {
      const m = await makeMember(t.app);
      const a = await makeArticle(t.database.db);
      expect((await call('PUT', `/me/favorites/${a.id}`, m)).statusCode).toBe(204);
      expect((await call('PUT', `/me/favorites/${a.id}`, m)).statusCode).toBe(204);
      expect((await counts(a.id)).favoriteCount).toBe(1);
      expect((await call('GET', `/me/favorites/${a.id}`, m)).json()).toMatchObject({ favorited: true });
      expect((await call('DELETE', `/me/favorites/${a.id}`, m)).statusCode).toBe(204);
      expect((await call('DELETE', `/me/favorites/${a.id}`, m)).statusCode).toBe(204);
      expect((await counts(a.id)).favoriteCount).toBe(0);
      const gone = await call('GET', `/me/favorites/${a.id}`, m);
      expect(gone.statusCode).toBe(404);
      expect(gone.json().code).toBe('favorite.not_found');
    });

    it('lists favourites newest first with article summaries, page by page', async () => {
      const m = await makeMember(t.app);
      const made = [];
      for (let i = 0; i < 3; i++) {
        const a = await makeArticle(t.database.db);
        made.push(a);
        await call('PUT', `/me/favorites/${a.id}`, m);
        await new Promise((r) => setTimeout(r, 5));
      }
      const first = await call('GET', '/me/favorites?limit=2', m);
      expect(first.statusCode).toBe(200);
      const body = first.json();
      expect(body.items.map((i: { id: number }) => i.id)).toEqual([made[2].id, made[1].id]);
      expect(body.items[0]).toMatchObject({ title: made[2].title, column: made[2].columnId });
      expect(body.items[0].favoritedAt).toBeTruthy();
      const second = await call('GET', `/me/favorites?limit=2&cursor=${body.nextCursor}`, m);
      expect(second.json().items.map((i: { id: number }) => i.id)).toEqual([made[0].id]);
      expect(second.json().nextCursor).toBeNull();
    });

    it('keeps at most 5,000 favourites and says so with favorite.limit_reached', async () => {
      const m = await makeMember(t.app);
      const first = await makeArticle(t.database.db);
      const rows = await t.database.db
        .insert(articles)
        .values(
          Array.from({ length: FAVORITES_MAX - 1 }, (_, i) => ({
            title: `cap ${i}`,
            summary: 's',
            body: '<p>b</p>',
            columnId: first.columnId,
            source: 'test',
            status: 'published' as const,
            publishedAt: new Date(),
          })),
        )
        .returning({ id: articles.id });
      await t.database.db.insert(favorites).values(rows.map((r) => ({ userId: m.userId, articleId: r.id })));
      expect((await call('PUT', `/me/favorites/${first.id}`, m)).statusCode).toBe(204); // the 5,000th
      const extra = await makeArticle(t.database.db);
      const res = await call('PUT', `/me/favorites/${extra.id}`, m);
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('favorite.limit_reached');
      expect((await counts(extra.id)).favoriteCount).toBe(0);
      // one already there is still answered as done
      expect((await call('PUT', `/me/favorites/${first.id}`, m)).statusCode).toBe(204);
    });

    it('refuses unpublished and unknown articles with article.not_found', async () => {
      const m = await makeMember(t.app);
      const draft = await makeArticle(t.database.db, { status: 'draft', publishedAt: null });
      for (const id of [draft.id, 987654321]) {
        const res = await call('PUT', `/me/favorites/${id}`, m);
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe('article.not_found');
      }
      expect((await counts(draft.id)).favoriteCount).toBe(0);
    });

    it('refuses a malformed article id and a malformed cursor with validation.failed', async () => {
      const m = await makeMember(t.app);
      const bad = await call('PUT', '/me/favorites/abc', m);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('validation.failed');
      const cursor = await call('GET', '/me/favorites?cursor=not-a-cursor', m);
      expect(cursor.statusCode).toBe(400);
      expect(cursor.json().code).toBe('validation.failed');
    });

    it('one member never sees another’s favourites', async () => {
      const a = await makeMember(t.app);
      const b = await makeMember(t.app);
      const art = await makeArticle(t.database.db);
      await call('PUT', `/me/favorites/${art.id}`, a);
      expect((await call('GET', '/me/favorites', b)).json().items).toEqual([]);
      expect((await call('GET', `/me/favorites/${art.id}`, b)).statusCode).toBe(404);
      // b removing it does not touch a's favourite or the count
      await call('DELETE', `/me/favorites/${art.id}`, b);
      expect((await counts(art.id)).favoriteCount).toBe(1);
    });
  });

  describe('shares', () => {
    it('answers the stable public address and counts, for anonymous readers too', async () => {
      const a = await makeArticle(t.database.db);
      const res = await call('POST', `/articles/${a.id}/shares`, undefined, { channel: 'wechat' });
      expect(res.statusCode).toBe(200);
      expect(res.json().url).toMatch(new RegExp(`/articles/${a.id}$`));
      await call('POST', `/articles/${a.id}/shares`, await makeMember(t.app), { channel: 'link' });
      expect((await counts(a.id)).shareCount).toBe(2);
    });

    it('refuses an unknown channel and an unpublished article', async () => {
      const a = await makeArticle(t.database.db);
      const bad = await call('POST', `/articles/${a.id}/shares`, undefined, { channel: 'fax' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('validation.failed');
      const draft = await makeArticle(t.database.db, { status: 'draft', publishedAt: null });
      const res = await call('POST', `/articles/${draft.id}/shares`, undefined, { channel: 'qq' });
      expect(res.json().code).toBe('article.not_found');
      expect((await counts(a.id)).shareCount).toBe(0);
    });
  });

  describe('follows', () => {
    it('follows and unfollows each kind idempotently, listed with names', async () => {
      const m = await makeMember(t.app);
      const column = await makeColumn(t.database.db);
      const tag = await makeTag(t.database.db);
      const brand = await makeBrand(t.database.db);
      const staff = await makeStaff(t.database.db, 'editor');
      await makeArticle(t.database.db, { authorId: staff.id });
      for (const path of [`column/${column}`, `tag/${tag}`, `brand/${brand}`, `author/${staff.id}`]) {
        expect((await call('PUT', `/me/follows/${path}`, m)).statusCode).toBe(204);
        expect((await call('PUT', `/me/follows/${path}`, m)).statusCode).toBe(204);
      }
      const list = (await call('GET', '/me/follows', m)).json().items;
      expect(list).toHaveLength(4);
      expect(list).toContainEqual(
        expect.objectContaining({ kind: 'column', id: column, name: `栏目${column}` }),
      );
      expect(list).toContainEqual(
        expect.objectContaining({ kind: 'author', id: String(staff.id), name: '测试 editor' }),
      );
      const en = (await call('GET', '/me/follows?lang=en', m)).json().items;
      expect(en).toContainEqual(expect.objectContaining({ kind: 'brand', name: `Brand ${brand}` }));
      expect((await call('DELETE', `/me/follows/tag/${tag}`, m)).statusCode).toBe(204);
      expect((await call('DELETE', `/me/follows/tag/${tag}`, m)).statusCode).toBe(204);
      expect((await call('GET', '/me/follows', m)).json().items).toHaveLength(3);
    });

    it('refuses an unknown kind with 400 and an unknown id with follow.target_not_found', async () => {
      const m = await makeMember(t.app);
      const kind = await call('PUT', '/me/follows/person/x', m);
      expect(kind.statusCode).toBe(400);
      expect(kind.json().code).toBe('validation.failed');
      for (const path of ['column/nope', 'tag/nope', 'brand/nope', 'author/99999999', 'author/abc']) {
        const res = await call('PUT', `/me/follows/${path}`, m);
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe('follow.target_not_found');
      }
      // a staff account without a published article is no byline
      const staff = await makeStaff(t.database.db, 'reviewer');
      expect((await call('PUT', `/me/follows/author/${staff.id}`, m)).statusCode).toBe(404);
    });

    it('one member never sees another’s follows', async () => {
      const a = await makeMember(t.app);
      const b = await makeMember(t.app);
      await call('PUT', `/me/follows/column/${await makeColumn(t.database.db)}`, a);
      expect((await call('GET', '/me/follows', b)).json().items).toEqual([]);
      expect((await call('GET', '/me/following/feed', b)).json().items).toEqual([]);
    });

    it('the following feed has the newest published articles of what is followed, in order', async () => {
      const m = await makeMember(t.app);
      const column = await makeColumn(t.database.db);
      const tag = await makeTag(t.database.db);
      const brand = await makeBrand(t.database.db);
      const staff = await makeStaff(t.database.db, 'editor');
      const base = Date.parse('2026-01-10T00:00:00Z');
      const at = (h: number) => new Date(base + h * 3_600_000);
      const inColumn = await makeArticle(t.database.db, { columnId: column, publishedAt: at(1) });
      const tagged = await makeArticle(t.database.db, { tagIds: [tag], publishedAt: at(5) });
      const branded = await makeArticle(t.database.db, {
        brandIds: [brand],
        tagIds: [tag],
        publishedAt: at(3),
      });
      const byAuthor = await makeArticle(t.database.db, { authorId: staff.id, publishedAt: at(4) });
      await makeArticle(t.database.db, { publishedAt: at(6) }); // not followed
      await makeArticle(t.database.db, { columnId: column, status: 'draft', publishedAt: null });
      for (const p of [`column/${column}`, `tag/${tag}`, `brand/${brand}`, `author/${staff.id}`])
        await call('PUT', `/me/follows/${p}`, m);
      const first = await call('GET', '/me/following/feed?limit=2', m);
      expect(first.statusCode).toBe(200);
      const body = first.json();
      expect(body.personalized).toBe(false);
      expect(body.items.map((i: { id: number }) => i.id)).toEqual([tagged.id, byAuthor.id]);
      expect(body.items[0].tags).toEqual([tag]);
      const rest = (await call('GET', `/me/following/feed?limit=2&cursor=${body.nextCursor}`, m)).json();
      // the article both tagged and branded appears once
      expect(rest.items.map((i: { id: number }) => i.id)).toEqual([branded.id, inColumn.id]);
      expect(rest.nextCursor).toBeNull();
      // The content helper behind the route gives the same order in one page.
      const followed = { authors: [staff.id], columns: [column], tags: [tag], brands: [brand] };
      const whole = await followingFeed(t.database.db, followed, { limit: 10 });
      expect(whole.items.map((i) => i.id)).toEqual([tagged.id, byAuthor.id, branded.id, inColumn.id]);
      expect(whole.nextCursor).toBeNull();
      const bad = await call('GET', '/me/following/feed?cursor=%%%', m);
      expect(bad.statusCode).toBe(400);
    });

    it('a followed tag whose articles are all old pages through them after newer followed articles', async () => {
      const m = await makeMember(t.app);
      const column = await makeColumn(t.database.db);
      const tag = await makeTag(t.database.db);
      const old = Date.parse('2020-03-01T00:00:00Z');
      const fresh = Date.parse('2026-02-01T00:00:00Z');
      const tagged = [];
      for (let i = 0; i < 12; i++)
        tagged.push(
          await makeArticle(t.database.db, { tagIds: [tag], publishedAt: new Date(old + i * 60_000) }),
        );
      const inColumn = [];
      for (let i = 0; i < 3; i++)
        inColumn.push(
          await makeArticle(t.database.db, { columnId: column, publishedAt: new Date(fresh + i * 60_000) }),
        );
      // Newer articles nobody here follows, which the tag's reads must not have to walk past.
      for (let i = 0; i < 15; i++)
        await makeArticle(t.database.db, { publishedAt: new Date(fresh + i * 30_000) });
      // A withdrawn article of the tag leaves the feed: its link row loses its sort keys.
      const withdrawn = tagged.splice(5, 1)[0];
      await t.database.db.update(articles).set({ status: 'archived' }).where(eq(articles.id, withdrawn.id));
      await call('PUT', `/me/follows/tag/${tag}`, m);
      await call('PUT', `/me/follows/column/${column}`, m);
      const seen: number[] = [];
      let cursor = '';
      for (let pages = 0; pages < 5; pages++) {
        const res = await call('GET', `/me/following/feed?limit=4${cursor ? `&cursor=${cursor}` : ''}`, m);
        expect(res.statusCode).toBe(200);
        const body = res.json();
        seen.push(...body.items.map((i: { id: number }) => i.id));
        if (!body.nextCursor) break;
        cursor = body.nextCursor;
      }
      const expected = [...inColumn.reverse(), ...tagged.reverse()].map((a) => a.id);
      expect(seen).toEqual(expected);
    });

    it('an article matching several follows appears once, and the page is still full', async () => {
      const m = await makeMember(t.app);
      const column = await makeColumn(t.database.db);
      const [tagA, tagB] = [await makeTag(t.database.db), await makeTag(t.database.db)];
      const brand = await makeBrand(t.database.db);
      const staff = await makeStaff(t.database.db, 'editor');
      const base = Date.parse('2026-03-01T00:00:00Z');
      const older = await makeArticle(t.database.db, { tagIds: [tagB], publishedAt: new Date(base) });
      const shared = await makeArticle(t.database.db, {
        columnId: column,
        authorId: staff.id,
        tagIds: [tagA, tagB],
        brandIds: [brand],
        publishedAt: new Date(base + 60_000),
      });
      for (const p of [
        `column/${column}`,
        `tag/${tagA}`,
        `tag/${tagB}`,
        `brand/${brand}`,
        `author/${staff.id}`,
      ])
        expect((await call('PUT', `/me/follows/${p}`, m)).statusCode).toBe(204);
      const first = (await call('GET', '/me/following/feed?limit=1', m)).json();
      expect(first.items.map((i: { id: number }) => i.id)).toEqual([shared.id]);
      const second = (await call('GET', `/me/following/feed?limit=1&cursor=${first.nextCursor}`, m)).json();
      expect(second.items.map((i: { id: number }) => i.id)).toEqual([older.id]);
      expect(second.nextCursor).toBeNull();
      const whole = (await call('GET', '/me/following/feed?limit=2', m)).json();
      expect(whole.items.map((i: { id: number }) => i.id)).toEqual([shared.id, older.id]);
      expect(whole.nextCursor).toBeNull();
    });

    it('the actions bar names the article’s author, column, brands and tags with the follow state', async () => {
      const m = await makeMember(t.app);
      const staff = await makeStaff(t.database.db, 'editor');
      const brand = await makeBrand(t.database.db);
      const tag = await makeTag(t.database.db);
      const a = await makeArticle(t.database.db, { authorId: staff.id, brandIds: [brand], tagIds: [tag] });
      await call('PUT', `/me/follows/brand/${brand}`, m);
      await call('PUT', `/me/favorites/${a.id}`, m);
      const res = (await call('GET', `/articles/${a.id}/actions`, m)).json();
      expect(res.favorited).toBe(true);
      expect(res.targets.map((x: { kind: string }) => x.kind)).toEqual(['author', 'column', 'brand', 'tag']);
      expect(res.targets.find((x: { kind: string }) => x.kind === 'brand').following).toBe(true);
      const anon = (await call('GET', `/articles/${a.id}/actions`)).json();
      expect(anon.favorited).toBe(false);
      expect(anon.targets.every((x: { following: boolean }) => !x.following)).toBe(true);
    });
  });

  describe('behaviour records', () => {
    it('counts every view, anonymous or not, but keeps no record without personalisation consent', async () => {
      const a = await makeArticle(t.database.db);
      const m = await makeMember(t.app); // account consent only
      expect((await call('POST', `/articles/${a.id}/views`, undefined, { dwellMs: 1000 })).statusCode).toBe(
        204,
      );
      expect((await call('POST', `/articles/${a.id}/views`, m, { dwellMs: 2000 })).statusCode).toBe(204);
      const events = await call('POST', '/events', m, {
        events: [{ type: 'click', articleId: a.id, source: 'feed', position: 0 }],
      });
      expect(events.statusCode).toBe(202);
      expect(events.json().recorded).toBe(0);
      await call('POST', `/articles/${a.id}/shares`, m, { channel: 'weibo' });
      expect((await counts(a.id)).viewCount).toBe(2);
      const db = t.database.db;
      expect(await db.select().from(browsingHistory).where(eq(browsingHistory.userId, m.userId))).toEqual([]);
      expect(await db.select().from(clickRecords).where(eq(clickRecords.userId, m.userId))).toEqual([]);
      expect((await call('GET', '/me/history', m)).json().items).toEqual([]);
    });

    it('records views, clicks and shares while consented, and stops the moment consent is withdrawn', async () => {
      const a = await makeArticle(t.database.db);
      const b = await makeArticle(t.database.db);
      const m = await consenting();
      await call('POST', `/articles/${a.id}/views`, m, { dwellMs: 1500 });
      await call('POST', `/articles/${a.id}/views`, m, { dwellMs: 500 });
      const ev = await call('POST', '/events', m, {
        events: [
          { type: 'click', articleId: a.id, source: 'feed', position: 3 },
          { type: 'click', articleId: 987654321, source: 'search', position: 1 },
        ],
      });
      expect(ev.json().recorded).toBe(1);
      await call('POST', `/articles/${a.id}/shares`, m, { channel: 'moments' });
      const db = t.database.db;
      const [h] = await db.select().from(browsingHistory).where(eq(browsingHistory.userId, m.userId));
      expect(h).toMatchObject({ articleId: a.id, views: 2, dwellMs: 2000 });
      const clicks = await db.select().from(clickRecords).where(eq(clickRecords.userId, m.userId));
      expect(clicks.map((c) => [c.kind, c.source, c.position, c.channel]).sort()).toEqual([
        ['open', 'feed', 3, null],
        ['share', 'article', null, 'moments'],
      ]);

      const off = await call('PUT', '/me/consents/personalization', m, { granted: false });
      expect(off.statusCode).toBe(200);
      await call('POST', `/articles/${b.id}/views`, m, { dwellMs: 100 });
      await call('POST', '/events', m, { events: [{ type: 'click', articleId: b.id, source: 'feed' }] });
      await call('POST', `/articles/${b.id}/shares`, m, { channel: 'qq' });
      expect(
        await db.select().from(browsingHistory).where(eq(browsingHistory.userId, m.userId)),
      ).toHaveLength(1);
      expect(await db.select().from(clickRecords).where(eq(clickRecords.userId, m.userId))).toHaveLength(2);
      expect((await counts(b.id)).viewCount).toBe(1);
    });

    it('records nothing against a member once the end of the service is announced', async () => {
      const a = await makeArticle(t.database.db);
      const m = await consenting();
      const db = t.database.db;
      await db.insert(serviceStatus).values({ id: 1, mode: 'ending', announcedAt: new Date() });
      try {
        await call('POST', `/articles/${a.id}/views`, m, { dwellMs: 100 });
        await call('POST', '/events', m, { events: [{ type: 'click', articleId: a.id, source: 'feed' }] });
        const fav = await call('PUT', `/me/favorites/${a.id}`, m);
        expect(fav.statusCode).toBe(409);
        expect(fav.json().code).toBe('service.ending');
      } finally {
        await db.delete(serviceStatus).where(eq(serviceStatus.id, 1));
      }
      expect(await db.select().from(browsingHistory).where(eq(browsingHistory.userId, m.userId))).toEqual([]);
      expect(await db.select().from(clickRecords).where(eq(clickRecords.userId, m.userId))).toEqual([]);
      expect((await counts(a.id)).viewCount).toBe(1);
    });

    it('records nothing for a child’s account that waits for its guardian, even with consent', async () => {
      const a = await makeArticle(t.database.db);
      const m = await consenting();
      await t.database.db.update(users).set({ ageGroup: 'child' }).where(eq(users.id, m.userId));
      expect((await call('POST', `/articles/${a.id}/views`, m, { dwellMs: 100 })).statusCode).toBe(204);
      expect((await counts(a.id)).viewCount).toBe(1);
      const db = t.database.db;
      expect(await db.select().from(browsingHistory).where(eq(browsingHistory.userId, m.userId))).toEqual([]);
      const fav = await call('PUT', `/me/favorites/${a.id}`, m);
      expect(fav.json().code).toBe('guardian.consent_required');
    });

    it('refuses bad behaviour input with validation.failed', async () => {
      const a = await makeArticle(t.database.db);
      const m = await consenting();
      for (const [url, payload] of [
        [`/articles/${a.id}/views`, { dwellMs: -1 }],
        [`/articles/${a.id}/views`, { dwellMs: 'long' }],
        ['/events', { events: [] }],
        ['/events', { events: [{ type: 'click', articleId: a.id, source: 'nowhere' }] }],
        ['/events', { events: [{ type: 'scroll', articleId: a.id, source: 'feed' }] }],
        [
          '/events',
          { events: Array.from({ length: 51 }, () => ({ type: 'click', articleId: a.id, source: 'feed' })) },
        ],
      ] as const) {
        const res = await call('POST', url, m, payload);
        expect(res.statusCode, JSON.stringify(payload).slice(0, 60)).toBe(400);
        expect(res.json().code).toBe('validation.failed');
      }
      const unknown = await call('POST', '/articles/987654321/views', m, {});
      expect(unknown.json().code).toBe('article.not_found');
    });
  });

  describe('browsing history', () => {
    it('lists what the member read, last read first, and deletes one item or all of it', async () => {
      const m = await consenting();
      const other = await consenting();
      const read = [];
      for (let i = 0; i < 3; i++) {
        const a = await makeArticle(t.database.db);
        read.push(a);
        await call('POST', `/articles/${a.id}/views`, m, { dwellMs: 100 });
        await new Promise((r) => setTimeout(r, 5));
      }
      await call('POST', `/articles/${read[0].id}/views`, m, {}); // read again: first in the list
      await call('POST', `/articles/${read[1].id}/views`, other, {});
      await call('POST', '/events', m, {
        events: [{ type: 'click', articleId: read[1].id, source: 'feed' }],
      });
      const list = (await call('GET', '/me/history', m)).json();
      expect(list.items.map((i: { id: number }) => i.id)).toEqual([read[0].id, read[2].id, read[1].id]);
      expect(list.items[0].views).toBe(2);

      expect((await call('DELETE', `/me/history/${read[1].id}`, m)).statusCode).toBe(204);
      expect((await call('DELETE', `/me/history/${read[1].id}`, m)).statusCode).toBe(204);
      const after = (await call('GET', '/me/history', m)).json();
      expect(after.items.map((i: { id: number }) => i.id)).toEqual([read[0].id, read[2].id]);
      const db = t.database.db;
      expect(await db.select().from(clickRecords).where(eq(clickRecords.userId, m.userId))).toEqual([]);
      // the other member's record of the same article is untouched
      expect((await call('GET', '/me/history', other)).json().items).toHaveLength(1);

      expect((await call('DELETE', '/me/history', m)).statusCode).toBe(204);
      expect((await call('GET', '/me/history', m)).json().items).toEqual([]);
      expect((await call('GET', '/me/history', other)).json().items).toHaveLength(1);
    });
  });

  it('the retention sweep removes behaviour records 180 days old and keeps newer ones and favourites', async () => {
    const m = await consenting();
    const old = await makeArticle(t.database.db);
    const fresh = await makeArticle(t.database.db);
    const db = t.database.db;
    const day = 86_400_000;
    const longAgo = new Date(Date.now() - 181 * day);
    const lately = new Date(Date.now() - 179 * day);
    await db.insert(browsingHistory).values([
      { userId: m.userId, articleId: old.id, createdAt: longAgo, lastViewedAt: longAgo },
      { userId: m.userId, articleId: fresh.id, createdAt: longAgo, lastViewedAt: lately },
    ]);
    await db.insert(clickRecords).values([
      { userId: m.userId, kind: 'open', articleId: old.id, source: 'feed', createdAt: longAgo },
      { userId: m.userId, kind: 'open', articleId: fresh.id, source: 'feed', createdAt: lately },
    ]);
    await db.insert(favorites).values({ userId: m.userId, articleId: old.id, createdAt: longAgo });
    await runRetentionSweep(t.app.ctx, 'staff');
    const history = await db.select().from(browsingHistory).where(eq(browsingHistory.userId, m.userId));
    expect(history.map((h) => h.articleId)).toEqual([fresh.id]);
    const clicks = await db.select().from(clickRecords).where(eq(clickRecords.userId, m.userId));
    expect(clicks.map((c) => c.articleId)).toEqual([fresh.id]);
    expect(await db.select().from(favorites).where(eq(favorites.userId, m.userId))).toHaveLength(1);
  });

  it('answers 401 on every member route without a session', async () => {
    const a = await makeArticle(t.database.db);
    for (const [method, url] of [
      ['PUT', `/me/favorites/${a.id}`],
      ['DELETE', `/me/favorites/${a.id}`],
      ['GET', '/me/favorites'],
      ['PUT', `/me/follows/column/${a.columnId}`],
      ['DELETE', `/me/follows/column/${a.columnId}`],
      ['GET', '/me/follows'],
      ['GET', '/me/following/feed'],
      ['GET', '/me/history'],
      ['DELETE', `/me/history/${a.id}`],
      ['DELETE', '/me/history'],
    ]) {
      const res = await call(method, url);
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.json().code).toBe('auth.unauthenticated');
    }
  });
});
