/** Console: editors maintain columns, the two-level tags, brands and model series. */
import { eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeArticle, makeBrand, makeColumn, makeMember, makeTag, uid } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { setUserTags } from '../profile/preferences.ts';
import { consoleUser } from '../profile/testing.ts';
import type { StaffRole } from '../staff/tables.ts';
import { articles } from './tables.ts';

const TAXONOMY = '/api/v1/console/taxonomy';

describe('the taxonomy console', () => {
  let t: TestApp;
  let editor: Awaited<ReturnType<typeof as>>;
  beforeAll(async () => {
    t = await createTestApp();
    editor = await as('editor');
  });
  afterAll(() => t.close());

  /** A signed-in staff member's request helper. */
  async function as(role: StaffRole) {
    const user = await consoleUser(t.app, role);
    return (method: InjectOptions['method'], url: string, payload?: object) =>
      t.app.inject({ method, url, cookies: user.cookies, headers: user.headers, payload });
  }

  const slug = (p: string) => uid(`${p}-`);

  it('lets editors and admins, and nobody else, change the taxonomy', async () => {
    for (const role of ['contributor', 'support', 'reviewer', 'compliance'] as const) {
      const staff = await as(role);
      const res = await staff('POST', `${TAXONOMY}/brands`, {
        id: slug('b'),
        nameZh: '某品牌',
        nameEn: 'A brand',
        country: 'CN',
      });
      expect(res.statusCode, role).toBe(403);
      expect(res.json().code).toBe('auth.forbidden');
      expect((await staff('GET', TAXONOMY)).statusCode, role).toBe(403);
      expect((await staff('DELETE', `${TAXONOMY}/tags/excavators`)).statusCode, role).toBe(403);
    }
    expect((await t.app.inject({ url: TAXONOMY })).statusCode).toBe(401);
    const admin = await as('admin');
    const created = await admin('POST', `${TAXONOMY}/columns`, {
      id: slug('c'),
      nameZh: '栏目',
      nameEn: 'Column',
    });
    expect(created.statusCode).toBe(201);
  });

  it('creates, renames, reorders and deletes a brand and its series, shown in the public lists', async () => {
    const brand = slug('brand');
    const cls = slug('class');
    expect(
      (await editor('POST', `${TAXONOMY}/tags`, { id: cls, nameZh: '挖掘机', nameEn: 'Excavators' }))
        .statusCode,
    ).toBe(201);
    const b = await editor('POST', `${TAXONOMY}/brands`, {
      id: brand,
      nameZh: '新品牌',
      nameEn: 'New brand',
      country: 'CN',
    });
    expect(b.statusCode).toBe(201);
    const series = `${brand}-x215`;
    const s = await editor('POST', `${TAXONOMY}/series`, {
      id: series,
      brandId: brand,
      classTagId: cls,
      nameZh: 'X215 系列',
      nameEn: 'X215 series',
    });
    expect(s.statusCode, s.body).toBe(201);
    expect(s.json()).toMatchObject({
      id: series,
      brandId: brand,
      classTagId: cls,
      position: expect.any(Number),
    });

    const renamed = await editor('PATCH', `${TAXONOMY}/series/${series}`, { nameZh: 'X215 新系列' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().nameZh).toBe('X215 新系列');
    const listed = (await t.app.inject({ url: `/api/v1/series?brand=${brand}` })).json();
    expect(listed).toMatchObject([{ id: series, name: 'X215 新系列' }]);
    expect((await t.app.inject({ url: '/api/v1/brands?lang=en' })).json()).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: brand, name: 'New brand' })]),
    );

    const second = `${brand}-x135`;
    await editor('POST', `${TAXONOMY}/series`, {
      id: second,
      brandId: brand,
      classTagId: cls,
      nameZh: 'X135',
      nameEn: 'X135',
    });
    expect((await editor('PUT', `${TAXONOMY}/series/order`, { ids: [second, series] })).statusCode).toBe(204);
    expect(
      (await t.app.inject({ url: `/api/v1/series?brand=${brand}` })).json().map((x: { id: string }) => x.id),
    ).toEqual([second, series]);

    // The brand is used by its series: refused until they are gone.
    const inUse = await editor('DELETE', `${TAXONOMY}/brands/${brand}`);
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().code).toBe('taxonomy.in_use');
    expect((await editor('DELETE', `${TAXONOMY}/series/${series}`)).statusCode).toBe(204);
    expect((await editor('DELETE', `${TAXONOMY}/series/${second}`)).statusCode).toBe(204);
    expect((await editor('DELETE', `${TAXONOMY}/brands/${brand}`)).statusCode).toBe(204);
    expect((await editor('DELETE', `${TAXONOMY}/brands/${brand}`)).json().code).toBe('taxonomy.not_found');
  });

  it('clears cached articles and feed pages when a linked entry is renamed', async () => {
    const tag = await makeTag(t.database.db);
    const a = await makeArticle(t.database.db, { tagIds: [tag], title: '旧标题' });
    const read = async () => (await t.app.inject({ url: `/api/v1/articles/${a.id}` })).json().title;
    const feed = async () => (await t.app.inject({ url: `/api/v1/feed?tag=${tag}` })).json().items[0].title;
    expect(await read()).toBe('旧标题');
    expect(await feed()).toBe('旧标题');
    await t.database.db.update(articles).set({ title: '新标题' }).where(eq(articles.id, a.id));
    expect(await read()).toBe('旧标题');
    expect((await editor('PATCH', `${TAXONOMY}/tags/${tag}`, { nameEn: 'Renamed' })).statusCode).toBe(200);
    expect(await read()).toBe('新标题');
    expect(await feed()).toBe('新标题');
  });

  it('keeps tags to two levels: subdivisions under machine classes only', async () => {
    const cls = slug('class');
    const sub = slug('sub');
    await editor('POST', `${TAXONOMY}/tags`, { id: cls, nameZh: '起重机', nameEn: 'Cranes' });
    const made = await editor('POST', `${TAXONOMY}/tags`, {
      id: sub,
      parentId: cls,
      nameZh: '汽车起重机',
      nameEn: 'Truck cranes',
    });
    expect(made.json()).toMatchObject({ id: sub, parentId: cls });
    const deeper = await editor('POST', `${TAXONOMY}/tags`, {
      id: slug('x'),
      parentId: sub,
      nameZh: '三级',
      nameEn: 'Third',
    });
    expect(deeper.statusCode).toBe(400);
    expect(deeper.json()).toMatchObject({ code: 'validation.failed', errors: [{ path: 'body.parentId' }] });
    const orphan = await editor('POST', `${TAXONOMY}/tags`, {
      id: slug('x'),
      parentId: 'no-such-class',
      nameZh: '孤',
      nameEn: 'Orphan',
    });
    expect(orphan.json().errors[0].path).toBe('body.parentId');
    const classUnder = await editor('PATCH', `${TAXONOMY}/tags/${cls}`, {
      parentId: await makeTag(t.database.db),
    });
    expect(classUnder.json()).toMatchObject({
      code: 'validation.failed',
      errors: [{ path: 'body.parentId' }],
    });
    const withChildren = await editor('DELETE', `${TAXONOMY}/tags/${cls}`);
    expect(withChildren.statusCode).toBe(409);
    expect(withChildren.json().code).toBe('taxonomy.in_use');
    const mixed = await editor('PUT', `${TAXONOMY}/tags/order`, { ids: [cls, sub] });
    expect(mixed.json()).toMatchObject({ code: 'validation.failed', errors: [{ path: 'body.ids' }] });
  });

  it('refuses to delete what articles or members use, and says so', async () => {
    const column = await makeColumn(t.database.db);
    const tag = await makeTag(t.database.db);
    const brand = await makeBrand(t.database.db);
    await makeArticle(t.database.db, { columnId: column, tagIds: [tag], brandIds: [brand] });
    for (const [kind, id] of [
      ['columns', column],
      ['tags', tag],
      ['brands', brand],
    ] as const) {
      const res = await editor('DELETE', `${TAXONOMY}/${kind}/${id}`);
      expect(res.statusCode, kind).toBe(409);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('taxonomy.in_use');
    }
    const memberTag = await makeTag(t.database.db);
    const member = await makeMember(t.app);
    await setUserTags(t.app.ctx.db, member.userId, [memberTag]);
    const res = await editor('DELETE', `${TAXONOMY}/tags/${memberTag}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('user_tags');
    expect((await editor('DELETE', `${TAXONOMY}/tags/${await makeTag(t.database.db)}`)).statusCode).toBe(204);
  });

  it('takes members’ follows of a deleted column, tag or brand with it, and only those', async () => {
    const member = await makeMember(t.app);
    const headers = { authorization: `Bearer ${member.token}` };
    const kept = await makeBrand(t.database.db);
    const entries = [
      ['columns', 'column', await makeColumn(t.database.db)],
      ['tags', 'tag', await makeTag(t.database.db)],
      ['brands', 'brand', await makeBrand(t.database.db)],
      ['brands', 'brand', kept],
    ] as const;
    for (const [, kind, id] of entries) {
      const res = await t.app.inject({ method: 'PUT', url: `/api/v1/me/follows/${kind}/${id}`, headers });
      expect(res.statusCode, `${kind} ${id}`).toBeLessThan(300);
    }
    for (const [kind, , id] of entries.slice(0, 3)) {
      expect((await editor('DELETE', `${TAXONOMY}/${kind}/${id}`)).statusCode, kind).toBe(204);
    }
    const follows = await t.app.inject({ url: '/api/v1/me/follows', headers });
    expect(JSON.stringify(follows.json())).toContain(kept);
    for (const [, , id] of entries.slice(0, 3)) expect(JSON.stringify(follows.json())).not.toContain(id);
  });

  it('refuses bad ids, duplicates, unknown references and empty names with stable codes', async () => {
    const id = slug('col');
    expect(
      (await editor('POST', `${TAXONOMY}/columns`, { id, nameZh: '栏目', nameEn: 'Column' })).statusCode,
    ).toBe(201);
    const dup = await editor('POST', `${TAXONOMY}/columns`, { id, nameZh: '栏目', nameEn: 'Column' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('taxonomy.exists');
    const cases: [string, string, object | undefined, string][] = [
      ['POST', `${TAXONOMY}/columns`, { id: 'Has Space', nameZh: 'a', nameEn: 'b' }, 'body.id'],
      ['POST', `${TAXONOMY}/columns`, { id: slug('c'), nameZh: '   ', nameEn: 'b' }, 'body.nameZh'],
      [
        'POST',
        `${TAXONOMY}/brands`,
        { id: slug('b'), nameZh: 'a', nameEn: 'b', country: 'China' },
        'body.country',
      ],
      [
        'POST',
        `${TAXONOMY}/series`,
        { id: slug('s'), brandId: 'no-such-brand', classTagId: 'x', nameZh: 'a', nameEn: 'b' },
        'body.brandId',
      ],
      ['PATCH', `${TAXONOMY}/columns/${'x'.repeat(41)}`, { nameZh: 'a' }, 'params.id'],
      ['PATCH', `${TAXONOMY}/columns/${id}`, { parentId: null }, 'body'],
      ['DELETE', `${TAXONOMY}/tags/..%2Fetc`, undefined, 'params.id'],
      ['PUT', `${TAXONOMY}/brands/order`, { ids: ['a', 'a'] }, 'body.ids'],
      ['PUT', `${TAXONOMY}/brands/order`, { ids: ['no-such-brand'] }, 'body.ids'],
    ];
    for (const [method, url, payload, path] of cases) {
      const res = await editor(method as InjectOptions['method'], url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(400);
      expect(res.json().code).toBe('validation.failed');
      expect(res.json().errors?.[0]?.path ?? '', `${method} ${url}`).toContain(path);
    }
    const missing = await editor('PATCH', `${TAXONOMY}/brands/no-such-brand`, { nameZh: '无' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('taxonomy.not_found');
  });

  it('links an article to series and shows them on the article at once', async () => {
    const brand = await makeBrand(t.database.db);
    const cls = await makeTag(t.database.db);
    const series = slug('series');
    await editor('POST', `${TAXONOMY}/series`, {
      id: series,
      brandId: brand,
      classTagId: cls,
      nameZh: 'A',
      nameEn: 'A',
    });
    const a = await makeArticle(t.database.db, { brandIds: [brand] });
    expect((await t.app.inject({ url: `/api/v1/articles/${a.id}` })).json().series).toEqual([]);
    const set = await editor('PUT', `/api/v1/console/articles/${a.id}/series`, { series: [series] });
    expect(set.json()).toEqual({ series: [series] });
    expect((await t.app.inject({ url: `/api/v1/articles/${a.id}` })).json().series).toEqual([series]);
    expect(
      (await t.app.inject({ url: `/api/v1/feed?series=${series}` }))
        .json()
        .items.map((i: { id: number }) => i.id),
    ).toEqual([a.id]);
    const unknown = await editor('PUT', `/api/v1/console/articles/${a.id}/series`, {
      series: ['no-such-series'],
    });
    expect(unknown.json()).toMatchObject({ code: 'validation.failed', errors: [{ path: 'body.series' }] });
    expect(
      (await editor('PUT', '/api/v1/console/articles/999999999/series', { series: [] })).statusCode,
    ).toBe(404);
    const used = await editor('DELETE', `${TAXONOMY}/series/${series}`);
    expect(used.json().code).toBe('taxonomy.in_use');
  });
});
