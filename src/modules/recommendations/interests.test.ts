/** The member's interest profile: how it is built, decays, is shown and deleted, and consent. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.ts';
import { makeArticle, makeBrand, makeMember, makeTag } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { INTEREST_PARAMS, rebuildInterests } from './interests.ts';
import { interestWeights, notInterested } from './tables.ts';

const DAY = 24 * 60 * 60 * 1000;

describe('interest profile', () => {
  let t: TestApp;
  const clock = fixedClock(new Date());
  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(() => t.close());

  type Member = Awaited<ReturnType<typeof makeMember>>;
  const consenting = (tagIds: string[] = []) =>
    makeMember(t.app, { consents: { account: true, personalization: true }, tagIds });
  const call = (method: string, url: string, m?: Member, payload?: object) =>
    t.app.inject({
      method: method as 'GET',
      url: `/api/v1${url}`,
      headers: m?.headers,
      ...(payload ? { payload } : {}),
    });
  type Row = { tag: string; kind: string; weight: number; source: string; sources: { source: string }[] };
  const interests = async (m: Member): Promise<Row[]> => {
    const res = await call('GET', '/me/interests', m);
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const find = (rows: Row[], tag: string) => rows.find((r) => r.tag === tag);

  it('starts from the tags chosen at registration, each said to come from registration', async () => {
    const [a, b] = [await makeTag(t.database.db), await makeTag(t.database.db)];
    const m = await consenting([a, b]);
    const rows = await interests(m);
    expect(rows.map((r) => r.tag).sort()).toEqual([a, b].sort());
    for (const r of rows) {
      expect(r).toMatchObject({
        kind: 'tag',
        weight: INTEREST_PARAMS.registrationTag,
        source: 'registration',
      });
      expect(r.sources).toEqual([{ source: 'registration', at: null, delta: 1 }]);
    }
    expect(find(rows, a)).toHaveProperty('name', `标签${a}`);
  });

  it('raises the weights of what the member favourites, reads and follows, naming the behaviour', async () => {
    const tag = await makeTag(t.database.db);
    const brand = await makeBrand(t.database.db);
    const m = await consenting([tag]);
    const fav = await makeArticle(t.database.db, { tagIds: [tag], brandIds: [brand] });
    const read = await makeArticle(t.database.db, { tagIds: [tag] });
    expect((await call('PUT', `/me/favorites/${fav.id}`, m)).statusCode).toBe(204);
    expect(
      (await call('POST', `/articles/${read.id}/views`, m, { dwellMs: 120_000 })).statusCode,
    ).toBeLessThan(300);
    const rows = await interests(m);
    const t1 = find(rows, tag)!;
    expect(t1.weight).toBeCloseTo(
      1 + INTEREST_PARAMS.favorite + INTEREST_PARAMS.viewBase + INTEREST_PARAMS.viewDwellMax,
      2,
    );
    expect(t1.sources.map((s) => s.source).sort()).toEqual(['favorite', 'registration', 'view']);
    expect(t1.sources.find((s) => s.source === 'favorite')).toMatchObject({ articleId: fav.id });
    const b1 = find(rows, `brand:${brand}`)!;
    expect(b1).toMatchObject({ kind: 'brand', source: 'favorite' });
    expect(b1.weight).toBeCloseTo(INTEREST_PARAMS.favorite, 2);
    expect(find(rows, `column:${fav.columnId}`)).toMatchObject({ source: 'favorite' });

    // Following a brand is an interest of its own.
    const followed = await makeBrand(t.database.db);
    expect((await call('PUT', `/me/follows/brand/${followed}`, m)).statusCode).toBeLessThan(300);
    expect(find(await interests(m), `brand:${followed}`)).toMatchObject({ source: 'follow', weight: 1 });
  });

  it('halves a behaviour’s weight after the half-life; a chosen tag does not fade', async () => {
    const tag = await makeTag(t.database.db);
    const brand = await makeBrand(t.database.db);
    const m = await consenting([tag]);
    const a = await makeArticle(t.database.db, { brandIds: [brand] });
    await call('PUT', `/me/favorites/${a.id}`, m);
    const weightOf = async (targetId: string) => {
      await rebuildInterests(t.app.ctx, m.userId);
      const rows = await t.database.db
        .select()
        .from(interestWeights)
        .where(eq(interestWeights.userId, m.userId));
      return rows.find((r) => r.targetId === targetId)!.weight;
    };
    const before = await weightOf(brand);
    expect(before).toBeCloseTo(INTEREST_PARAMS.favorite, 2);
    clock.advance(INTEREST_PARAMS.halfLifeDays * DAY);
    expect(await weightOf(brand)).toBeCloseTo(before / 2, 2);
    clock.advance(INTEREST_PARAMS.halfLifeDays * DAY);
    expect(await weightOf(brand)).toBeCloseTo(before / 4, 2);
    expect(await weightOf(tag)).toBe(1);
  });

  it('keeps a deleted interest deleted through rebuilds; only newer behaviour brings it back', async () => {
    const tag = await makeTag(t.database.db);
    const m = await consenting([tag]);
    const a = await makeArticle(t.database.db, { tagIds: [tag] });
    await call('PUT', `/me/favorites/${a.id}`, m);
    expect(find(await interests(m), tag)).toBeDefined();
    expect((await call('DELETE', `/me/interests/${tag}`, m)).statusCode).toBe(204);
    expect(find(await interests(m), tag)).toBeUndefined();
    await Promise.all([rebuildInterests(t.app.ctx, m.userId), rebuildInterests(t.app.ctx, m.userId)]);
    expect(find(await interests(m), tag)).toBeUndefined();
    // Deleting it again: there is nothing to delete.
    expect((await call('DELETE', `/me/interests/${tag}`, m)).json().code).toBe('interest.not_found');

    clock.advance(1000);
    const b = await makeArticle(t.database.db, { tagIds: [tag] });
    await call('PUT', `/me/favorites/${b.id}`, m);
    const back = find(await interests(m), tag)!;
    expect(back.sources).toEqual([expect.objectContaining({ source: 'favorite', articleId: b.id })]);
  });

  it('deletes the whole profile, and with behaviour=true the browsing history behind it', async () => {
    const tag = await makeTag(t.database.db);
    const m = await consenting([tag]);
    const a = await makeArticle(t.database.db, { tagIds: [tag] });
    await call('POST', `/articles/${a.id}/views`, m, { dwellMs: 5000 });
    expect((await interests(m)).length).toBeGreaterThan(0);
    expect((await call('DELETE', '/me/interests?behaviour=true', m)).statusCode).toBe(204);
    expect(await interests(m)).toEqual([]);
    expect((await call('GET', '/me/history', m)).json().items).toEqual([]);
    const left = await t.database.db
      .select()
      .from(interestWeights)
      .where(eq(interestWeights.userId, m.userId));
    for (const r of left) expect(r).toMatchObject({ weight: 0, sources: [], reinforcedAt: null });
  });

  it('pushes down the tags and brands of an article marked not interested', async () => {
    const tag = await makeTag(t.database.db);
    const brand = await makeBrand(t.database.db);
    const m = await consenting();
    const a = await makeArticle(t.database.db, { tagIds: [tag], brandIds: [brand] });
    const res = await call('POST', `/articles/${a.id}/not-interested`, m);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ recorded: true });
    const rows = await interests(m);
    expect(find(rows, tag)).toMatchObject({
      source: 'not_interested',
      weight: INTEREST_PARAMS.notInterested,
    });
    expect(find(rows, `brand:${brand}`)!.weight).toBeLessThan(0);
    expect(find(rows, `column:${a.columnId}`)).toBeUndefined();
  });

  it('builds, records and shows nothing without personalisation consent', async () => {
    const tag = await makeTag(t.database.db);
    const m = await makeMember(t.app, { tagIds: [tag] });
    const a = await makeArticle(t.database.db, { tagIds: [tag] });
    await call('PUT', `/me/favorites/${a.id}`, m);
    expect(await interests(m)).toEqual([]);
    expect(await rebuildInterests(t.app.ctx, m.userId)).toBe(false);
    expect((await call('POST', `/articles/${a.id}/not-interested`, m)).json()).toEqual({ recorded: false });
    expect(
      await t.database.db.select().from(interestWeights).where(eq(interestWeights.userId, m.userId)),
    ).toEqual([]);
    expect(
      await t.database.db.select().from(notInterested).where(eq(notInterested.userId, m.userId)),
    ).toEqual([]);

    // Withdrawing consent empties the profile at once.
    const c = await consenting([tag]);
    expect((await interests(c)).length).toBe(1);
    expect((await call('PUT', '/me/consents/personalization', c, { granted: false })).statusCode).toBe(200);
    expect(await interests(c)).toEqual([]);
  });

  it('shows a member only their own interests, and deletes only their own', async () => {
    const [mine, theirs] = [await makeTag(t.database.db), await makeTag(t.database.db)];
    const a = await consenting([mine]);
    const b = await consenting([theirs]);
    expect((await interests(a)).map((r) => r.tag)).toEqual([mine]);
    expect((await interests(b)).map((r) => r.tag)).toEqual([theirs]);
    const res = await call('DELETE', `/me/interests/${theirs}`, a);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('interest.not_found');
    expect((await interests(b)).map((r) => r.tag)).toEqual([theirs]);
  });

  it('answers bad input with problem codes and 401 without a member', async () => {
    const m = await consenting();
    for (const [method, url] of [
      ['GET', '/me/interests'],
      ['DELETE', '/me/interests/x'],
      ['DELETE', '/me/interests'],
      ['POST', '/articles/1/not-interested'],
    ]) {
      const res = await call(method, url);
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('auth.unauthenticated');
    }
    const bad = async (method: string, url: string, status: number, code: string) => {
      const res = await call(method, url, m);
      expect(res.statusCode, url).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe(code);
    };
    await bad('DELETE', '/me/interests/no-such-tag', 404, 'interest.not_found');
    await bad('DELETE', '/me/interests/brand:', 400, 'validation.failed');
    await bad('DELETE', `/me/interests/${'x'.repeat(81)}`, 400, 'validation.failed');
    await bad('DELETE', '/me/interests?behaviour=maybe', 400, 'validation.failed');
    await bad('GET', '/me/interests?lang=fr', 400, 'validation.failed');
    await bad('POST', '/articles/abc/not-interested', 400, 'validation.failed');
    await bad('POST', '/articles/999999999/not-interested', 404, 'article.not_found');
  });
});
