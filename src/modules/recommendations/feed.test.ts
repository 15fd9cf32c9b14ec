/**
 * The personalised feed end to end on a real database (PGlite, and the PostgreSQL server in CI):
 * interests and follows lead with their reasons, read and dismissed articles leave, deleting an
 * interest changes the next feed, and with personalisation off the very next feed is the general
 * one item by item while nothing is recorded for personalisation.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeArticle, makeBrand, makeMember, makeTag } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { Feed } from '../content/schemas.ts';
import { browsingHistory, clickRecords } from '../engagement/tables.ts';
import { idList } from './feed.ts';
import { interestWeights, notInterested } from './tables.ts';

interface Item {
  id: number;
  tags: string[];
  reason?: string;
  why?: { kind: string; entity?: { kind: string; id: string; name: string } };
}
interface Page {
  items: Item[];
  nextCursor: string | null;
  personalized: boolean;
}

describe('personalised feed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    // A general hot order to compete with: popular articles about nothing in particular.
    for (let i = 0; i < 12; i++) await makeArticle(t.database.db, { viewCount: 500 + i * 50 });
  });
  afterAll(() => t.close());

  type Member = Awaited<ReturnType<typeof makeMember>>;
  const consenting = (tagIds: string[] = []) =>
    makeMember(t.app, { consents: { account: true, personalization: true }, tagIds });
  const call = (method: string, url: string, m?: { headers: Record<string, string> }, payload?: object) =>
    t.app.inject({
      method: method as 'GET',
      url: `/api/v1${url}`,
      headers: m?.headers,
      ...(payload ? { payload } : {}),
    });
  // Every page read here must also be what the API's Feed schema describes: the personalised page
  // is joined from JSON parts, not validated per request.
  const feed = async (m?: Member, query = ''): Promise<Page> => {
    const res = await call('GET', `/feed${query}`, m);
    expect(res.statusCode).toBe(200);
    expect(Feed.safeParse(res.json()).error).toBeUndefined();
    return res.json();
  };
  const consent = async (m: Member, granted: boolean) =>
    expect((await call('PUT', '/me/consents/personalization', m, { granted })).statusCode).toBe(200);

  it('puts a chosen tag first, each item saying why, in the reader’s language', async () => {
    const tag = await makeTag(t.database.db);
    const mine = [];
    for (let i = 0; i < 3; i++) mine.push((await makeArticle(t.database.db, { tagIds: [tag] })).id);
    const m = await consenting([tag]);
    const page = await feed(m);
    expect(page.personalized).toBe(true);
    expect(
      page.items
        .slice(0, 3)
        .map((i) => i.id)
        .sort(),
    ).toEqual([...mine].sort());
    for (const item of page.items.slice(0, 3)) {
      expect(item.why).toEqual({ kind: 'interest', entity: { kind: 'tag', id: tag, name: `标签${tag}` } });
      expect(item.reason).toBe(`你对 标签${tag} 感兴趣`);
    }
    // Every item has a reason; the rest come from the general order.
    for (const item of page.items) expect(item.reason).toBeTruthy();
    const en = await feed(m, '?lang=en');
    expect(en.items[0].reason).toMatch(/^Matches your interest in /);
  });

  it('names a followed brand as the reason and leaves out what was read or dismissed', async () => {
    const brand = await makeBrand(t.database.db);
    const [a, b, c] = [
      await makeArticle(t.database.db, { brandIds: [brand] }),
      await makeArticle(t.database.db, { brandIds: [brand] }),
      await makeArticle(t.database.db, { brandIds: [brand] }),
    ];
    const m = await consenting();
    expect((await call('PUT', `/me/follows/brand/${brand}`, m)).statusCode).toBeLessThan(300);
    let page = await feed(m);
    const followed = page.items.filter((i) => i.why?.kind === 'follow');
    expect(followed.map((i) => i.id).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(followed[0].reason).toBe(`因为你关注了 品牌${brand}`);

    expect((await call('POST', `/articles/${a.id}/views`, m, { dwellMs: 5000 })).statusCode).toBeLessThan(
      300,
    );
    expect((await call('POST', `/articles/${b.id}/not-interested`, m)).statusCode).toBe(200);
    page = await feed(m);
    const ids = page.items.map((i) => i.id);
    expect(ids).not.toContain(a.id);
    expect(ids).not.toContain(b.id);
    expect(ids).toContain(c.id);

    // Deleting the brand from the interests outweighs the follow made before (which stays).
    expect((await call('DELETE', `/me/interests/brand:${brand}`, m)).statusCode).toBe(204);
    page = await feed(m);
    expect(page.items.filter((i) => i.why?.kind === 'follow')).toEqual([]);
    expect((await call('GET', '/me/follows', m)).json().items).toHaveLength(1);
  });

  it('reflects a deleted interest in the next feed', async () => {
    const tag = await makeTag(t.database.db);
    const mine = (await makeArticle(t.database.db, { tagIds: [tag] })).id;
    const m = await consenting([tag]);
    expect((await feed(m)).items[0]).toMatchObject({ id: mine, why: { kind: 'interest' } });
    expect((await call('DELETE', `/me/interests/${tag}`, m)).statusCode).toBe(204);
    const after = await feed(m);
    expect(after.personalized).toBe(true);
    expect(after.items.find((i) => i.id === mine)?.why?.kind ?? 'absent').not.toBe('interest');
    expect(after.items[0].id).not.toBe(mine);
  });

  it('pages through the ranked list without repeating an item, then continues with the general order', async () => {
    const tag = await makeTag(t.database.db);
    for (let i = 0; i < 4; i++) await makeArticle(t.database.db, { tagIds: [tag] });
    const m = await consenting([tag]);
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page = await feed(m, `?limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.personalized).toBe(true);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    expect(new Set(seen).size).toBe(seen.length);
    const anonymous = await feed(undefined, '?limit=50');
    for (const item of anonymous.items) expect(seen).toContain(item.id);
  });

  it('answers a forged cursor with a validation problem', async () => {
    const m = await consenting();
    const forged = Buffer.from(JSON.stringify(['rec', -4])).toString('base64url');
    const res = await call('GET', `/feed?cursor=${forged}`, m);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation.failed' });
    expect((await call('GET', '/feed?cursor=%%%', m)).statusCode).toBe(400);
  });

  it('is the general feed, item by item, on the very next request after personalisation is switched off', async () => {
    const tag = await makeTag(t.database.db);
    const brand = await makeBrand(t.database.db);
    await makeArticle(t.database.db, { tagIds: [tag] });
    const columned = await makeArticle(t.database.db, { tagIds: [tag], brandIds: [brand] });
    const m = await consenting([tag]);
    expect((await call('PUT', `/me/follows/brand/${brand}`, m)).statusCode).toBeLessThan(300);
    const before = await feed(m);
    expect(before.personalized).toBe(true);
    expect(before.items).not.toEqual((await feed()).items);

    await consent(m, false);
    for (const query of ['', '?limit=7', `?column=${columned.columnId}`, '?sort=new', `?tag=${tag}`]) {
      const anonymous = await call('GET', `/feed${query}`);
      const member = await call('GET', `/feed${query}`, m);
      expect(member.statusCode).toBe(200);
      expect(member.json()).toEqual(anonymous.json());
      expect(member.json().personalized).toBe(false);
      const [a, b] = [anonymous.json() as Page, member.json() as Page];
      for (const [i, item] of a.items.entries()) expect(b.items[i].id).toBe(item.id);
      for (const item of b.items) expect(item.reason).toBeUndefined();
    }

    // Back on: personalised again, from the same profile.
    await consent(m, true);
    expect((await feed(m)).personalized).toBe(true);
  });

  it('records nothing for personalisation while it is off', async () => {
    const tag = await makeTag(t.database.db);
    const art = await makeArticle(t.database.db, { tagIds: [tag] });
    const m = await makeMember(t.app, { consents: { account: true, personalization: false }, tagIds: [tag] });
    expect((await call('POST', `/articles/${art.id}/views`, m, { dwellMs: 9000 })).statusCode).toBeLessThan(
      300,
    );
    expect(
      (
        await call('POST', '/events', m, {
          events: [{ type: 'click', articleId: art.id, source: 'feed', position: 1 }],
        })
      ).statusCode,
    ).toBeLessThan(300);
    expect(
      (await call('POST', `/articles/${art.id}/shares`, m, { channel: 'link' })).statusCode,
    ).toBeLessThan(300);
    expect((await call('POST', `/articles/${art.id}/not-interested`, m)).json()).toEqual({ recorded: false });
    expect((await feed(m)).personalized).toBe(false);
    expect((await call('GET', '/me/interests', m)).json()).toEqual([]);
    const db = t.database.db;
    expect(await db.select().from(browsingHistory).where(eq(browsingHistory.userId, m.userId))).toEqual([]);
    expect(await db.select().from(clickRecords).where(eq(clickRecords.userId, m.userId))).toEqual([]);
    expect(await db.select().from(notInterested).where(eq(notInterested.userId, m.userId))).toEqual([]);
    expect(await db.select().from(interestWeights).where(eq(interestWeights.userId, m.userId))).toEqual([]);
  });

  it('offers the deletion of the profile and the behaviour behind it once switched off', async () => {
    const tag = await makeTag(t.database.db);
    const art = await makeArticle(t.database.db, { tagIds: [tag] });
    const m = await consenting([tag]);
    expect((await call('POST', `/articles/${art.id}/views`, m, { dwellMs: 3000 })).statusCode).toBeLessThan(
      300,
    );
    expect((await feed(m)).personalized).toBe(true);
    await consent(m, false);
    expect((await call('DELETE', '/me/interests?behaviour=true', m)).statusCode).toBe(204);
    const db = t.database.db;
    expect(await db.select().from(browsingHistory).where(eq(browsingHistory.userId, m.userId))).toEqual([]);
    const left = await db.select().from(interestWeights).where(eq(interestWeights.userId, m.userId));
    expect(left.every((r) => r.weight === 0 && r.sources.length === 0)).toBe(true);
  });

  it('drops an archived article from a personalised feed at once', async () => {
    const tag = await makeTag(t.database.db);
    const art = await makeArticle(t.database.db, { tagIds: [tag] });
    const m = await consenting([tag]);
    expect((await feed(m)).items.map((i) => i.id)).toContain(art.id);
    const { invalidateArticle } = await import('../content/routes.ts');
    const { articles } = await import('../content/tables.ts');
    await db().update(articles).set({ status: 'archived' }).where(eq(articles.id, art.id));
    await invalidateArticle(t.app.ctx.caches, art.id);
    expect((await feed(m)).items.map((i) => i.id)).not.toContain(art.id);
  });
  const db = () => t.database.db;

  it('gives each of many members asking at once their own feed (their reads share one statement)', async () => {
    const tags = [await makeTag(t.database.db), await makeTag(t.database.db), await makeTag(t.database.db)];
    const first = new Map<string, number>();
    for (const tag of tags)
      first.set(tag, (await makeArticle(t.database.db, { tagIds: [tag], viewCount: 9000 })).id);
    const members = [];
    for (let i = 0; i < 9; i++) members.push({ tag: tags[i % 3], m: await consenting([tags[i % 3]]) });
    const off = await consenting([tags[0]]);
    await consent(off, false);
    const out = await consenting([tags[1]]);
    expect((await call('POST', '/auth/logout', out)).statusCode).toBeLessThan(300);
    const anonymous = await feed();
    // Twice over, all at once: the first round ranks and stores the lists, the second reads them.
    for (let round = 0; round < 2; round++) {
      const pages = await Promise.all([
        ...members.map(({ m }) => feed(m, '?limit=5')),
        feed(off),
        feed(out),
        feed({ headers: { authorization: 'Bearer not-a-session' } } as Member),
      ]);
      members.forEach(({ tag }, i) => {
        expect(pages[i].personalized).toBe(true);
        expect(pages[i].items[0]).toMatchObject({ id: first.get(tag), why: { kind: 'interest' } });
      });
      for (const page of pages.slice(members.length)) expect(page).toEqual(anonymous);
    }
  });

  it('reads the public feed for a session that has ended', async () => {
    const res = await call('GET', '/feed', { headers: { authorization: 'Bearer not-a-session' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().personalized).toBe(false);
  });
});

describe('a stored slice of article ids as the read returns it', () => {
  it('reads every id of the text, large ones included', () => {
    expect(idList('7')).toEqual([7]);
    expect(idList('12,345,6')).toEqual([12, 345, 6]);
    expect(idList('1000000,2147483648,9007199254740991')).toEqual([1000000, 2147483648, 9007199254740991]);
    const ids = Array.from({ length: 200 }, (_, i) => 1 + i * 4999);
    expect(idList(ids.join(','))).toEqual(ids);
  });
});
