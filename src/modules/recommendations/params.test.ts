/** The recommendation parameters: visible to staff, changed by admins only, every change logged. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeArticle, makeBrand, makeTag } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { consoleCaller } from '../profile/testing.ts';
import type { StaffRole } from '../staff/tables.ts';
import { changedPaths, currentRankingParams, mergeParams } from './params.ts';
import { RANKING_PARAMS, type RankingParams } from './ranking.ts';
import { rankingParamChanges, rankingParams } from './tables.ts';

const URL = '/api/v1/console/recommendation-params';

describe('recommendation parameters', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof as>>;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await as('admin');
  });
  afterAll(() => t.close());

  const as = (role: StaffRole) => consoleCaller(t.app, role);

  const withChange = (change: (p: RankingParams) => void): RankingParams => {
    const p = structuredClone(RANKING_PARAMS);
    change(p);
    return p;
  };

  it('shows the parameters in use, the defaults and an empty log to every console role', async () => {
    for (const role of ['editor', 'reviewer', 'support'] as const) {
      const res = await (await as(role))('GET', URL);
      expect(res.statusCode, role).toBe(200);
    }
    expect((await t.app.inject({ url: URL })).statusCode).toBe(401);
  });

  it('lets an admin change them with a reason: logged with before and after, in effect at once', async () => {
    const before = await currentRankingParams(t.app.ctx); // now cached in the process
    expect(before).toEqual(RANKING_PARAMS);
    const next = withChange((p) => {
      p.hotWeight = 0.5;
      p.diversity.maxPerBrand = 1;
    });
    const res = await admin('PUT', URL, { params: next, reason: '热门权重偏低，试验调高', version: 0 });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    expect(view.version).toBe(1);
    expect(view.params).toEqual(next);
    expect(view.defaults).toEqual(RANKING_PARAMS);
    expect(view.changedFromDefaults.sort()).toEqual(['diversity.maxPerBrand', 'hotWeight']);
    expect(view.updatedBy).toMatchObject({ id: admin.id });
    expect(view.log).toHaveLength(1);
    expect(view.log[0]).toMatchObject({
      version: 1,
      action: 'update',
      reason: '热门权重偏低，试验调高',
      staff: { id: admin.id },
      before: RANKING_PARAMS,
      after: next,
    });
    expect(view.log[0].changes).toEqual(
      expect.arrayContaining([
        { path: 'hotWeight', before: 0.3, after: 0.5 },
        { path: 'diversity.maxPerBrand', before: 2, after: 1 },
      ]),
    );
    // The same process sees the change on its next call (the cache was dropped).
    expect(await currentRankingParams(t.app.ctx)).toEqual(next);

    const rows = await t.app.ctx.db.select().from(rankingParamChanges);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ staffId: admin.id, before: RANKING_PARAMS, after: next });

    // Reading an old version is a conflict, not a silent overwrite.
    const stale = await admin('PUT', URL, { params: RANKING_PARAMS, reason: '恢复原来的权重', version: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('ranking_params.version_conflict');

    const reset = await admin('POST', `${URL}/reset`, { reason: '试验结束，恢复默认' });
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json()).toMatchObject({ version: 2, params: RANKING_PARAMS, changedFromDefaults: [] });
    expect(reset.json().log[0]).toMatchObject({ action: 'reset', before: next, after: RANKING_PARAMS });
    expect(await currentRankingParams(t.app.ctx)).toEqual(RANKING_PARAMS);
  });

  it('refuses every role but admin with auth.forbidden, and stores nothing', async () => {
    const version = (await admin('GET', URL)).json().version;
    for (const role of ['editor', 'reviewer', 'contributor', 'support', 'compliance'] as const) {
      const staff = await as(role);
      const put = await staff('PUT', URL, {
        params: withChange((p) => (p.hotWeight = 2)),
        reason: '我想调一下',
      });
      expect(put.statusCode, role).toBe(403);
      expect(put.json().code).toBe('auth.forbidden');
      const reset = await staff('POST', `${URL}/reset`, { reason: '我想恢复默认' });
      expect(reset.statusCode, role).toBe(403);
    }
    expect((await admin('GET', URL)).json().version).toBe(version);
  });

  it('refuses parameters out of bounds, unknown or missing, and a missing reason, naming the fields', async () => {
    const before = (await admin('GET', URL)).json();
    const logBefore = (await t.app.ctx.db.select().from(rankingParamChanges)).length;
    const cases: [string[], object][] = [
      [['body.params.hotWeight'], { params: withChange((p) => (p.hotWeight = 11)), reason: '超出上限' }],
      [
        ['body.params.exploration.share', 'body.params.sourceMix.hot'],
        {
          params: withChange((p) => {
            p.exploration.share = 0.9;
            p.sourceMix.hot = 2.5;
          }),
          reason: '两个都不对',
        },
      ],
      [
        ['body.params.diversity.window'],
        { params: withChange((p) => (p.diversity.window = 1)), reason: '窗口太小' },
      ],
      [
        ['body.params.diversity.maxPerColumn'],
        { params: withChange((p) => (p.diversity.maxPerColumn = 9)), reason: '超过窗口' },
      ],
      [
        ['body.params.kindWeights.author'],
        { params: withChange((p) => (p.kindWeights.author = -1)), reason: '负数' },
      ],
      [['body.params'], { params: { ...RANKING_PARAMS, surprise: 1 }, reason: '多了一个参数' }],
      [
        ['body.params.freshness'],
        { params: { ...RANKING_PARAMS, freshness: undefined }, reason: '少了一组参数' },
      ],
      [['body.reason'], { params: RANKING_PARAMS }],
      [['body.reason'], { params: RANKING_PARAMS, reason: '  ' }],
    ];
    for (const [paths, body] of cases) {
      const res = await admin('PUT', URL, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().code).toBe('validation.failed');
      const got = res.json().errors.map((e: { path: string }) => e.path);
      for (const p of paths) expect(got, JSON.stringify(got)).toContain(p);
    }
    expect((await admin('POST', `${URL}/reset`, {})).statusCode).toBe(400);
    expect((await admin('GET', URL)).json()).toEqual(before);
    expect((await t.app.ctx.db.select().from(rankingParamChanges)).length).toBe(logBefore);
  });

  it('keeps the change log append-only in the database', async () => {
    await admin('PUT', URL, { params: withChange((p) => (p.followBoost = 0.7)), reason: '关注加成调高' });
    await expect(t.app.ctx.db.update(rankingParamChanges).set({ reason: '改写' })).rejects.toThrow();
    await expect(t.app.ctx.db.delete(rankingParamChanges)).rejects.toThrow();
  });

  it('merges a stored override over the defaults and falls back to them when it is out of bounds', async () => {
    expect(mergeParams({ hotWeight: 1, freshness: { floor: 0.2 }, gone: 3 })).toEqual(
      withChange((p) => {
        p.hotWeight = 1;
        p.freshness.floor = 0.2;
      }),
    );
    expect(changedPaths({ a: 1, b: { c: 2 } }, { a: 1, b: { c: 3 } })).toEqual(['b.c']);
    await t.app.ctx.db.update(rankingParams).set({ override: { hotWeight: 99 } });
    await t.app.ctx.caches.invalidate('ranking-params', null);
    expect(await currentRankingParams(t.app.ctx)).toEqual(RANKING_PARAMS);
  });

  it('explains the ranking for a test member an editor composes, reading no member', async () => {
    const db = t.database.db;
    const tag = await makeTag(db);
    const brand = await makeBrand(db);
    const tagged = await makeArticle(db, { tagIds: [tag] });
    const branded = await makeArticle(db, { brandIds: [brand] });
    const explain = '/api/v1/console/recommendations/explain';
    const editor = await as('editor');
    const res = await editor('POST', explain, { tags: [tag], follows: [{ kind: 'brand', id: brand }] });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as {
      id: number;
      reason: string;
      why: { kind: string };
      sources: string[];
      matches: { kind: string; id: string; followed: boolean }[];
    }[];
    const first = items.slice(0, 2).map((i) => i.id);
    expect(first.sort()).toEqual([tagged.id, branded.id].sort());
    const b = items.find((i) => i.id === branded.id)!;
    expect(b.why.kind).toBe('follow');
    expect(b.reason).toBe(`因为你关注了 品牌${brand}`);
    expect(b.sources).toContain(`brand:${brand}`);
    expect(b.matches).toEqual([expect.objectContaining({ kind: 'brand', id: brand, followed: true })]);
    expect(items.find((i) => i.id === tagged.id)?.why.kind).toBe('interest');

    expect((await (await as('support'))('POST', explain, { tags: [tag] })).statusCode).toBe(403);
    const bad = await editor('POST', explain, { tags: ['no-such-tag'], brands: ['Not An Id'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('validation.failed');
    const unknown = await editor('POST', explain, { tags: ['no-such-tag'] });
    expect(unknown.json().errors).toEqual([expect.objectContaining({ path: 'body.tags' })]);
  });
});
