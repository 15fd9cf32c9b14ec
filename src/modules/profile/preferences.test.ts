import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeColumn, makeMember, makeTag, uid } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { columns } from '../content/tables.ts';

describe('user tags and My Column', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const put = (url: string, headers: Record<string, string>, payload: object) =>
    t.app.inject({ method: 'PUT', url, headers, payload });

  it('replaces and reads back the member’s tags, classes and subdivisions alike', async () => {
    const m = await makeMember(t.app);
    const machineClass = await makeTag(t.database.db);
    const subdivision = await makeTag(t.database.db, uid('tag-'), machineClass);
    expect((await t.app.inject({ url: '/api/v1/me/tags', headers: m.headers })).json()).toEqual({ tags: [] });

    const res = await put('/api/v1/me/tags', m.headers, { tags: [subdivision, machineClass, subdivision] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().tags.sort()).toEqual([machineClass, subdivision].sort());
    const read = await t.app.inject({ url: '/api/v1/me/tags', headers: m.headers });
    expect(read.json().tags.sort()).toEqual([machineClass, subdivision].sort());
    expect((await t.app.inject({ url: '/api/v1/me', headers: m.headers })).json().tags.sort()).toEqual(
      [machineClass, subdivision].sort(),
    );

    expect((await put('/api/v1/me/tags', m.headers, { tags: [subdivision] })).json()).toEqual({
      tags: [subdivision],
    });
    expect((await put('/api/v1/me/tags', m.headers, { tags: [] })).json()).toEqual({ tags: [] });
  });

  it('refuses unknown tag ids with 400 at body.tags, changing nothing', async () => {
    const m = await makeMember(t.app);
    const known = await makeTag(t.database.db);
    await put('/api/v1/me/tags', m.headers, { tags: [known] });
    const res = await put('/api/v1/me/tags', m.headers, { tags: [known, 'no-such-tag'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation.failed');
    expect(res.json().errors).toEqual([{ path: 'body.tags', message: 'unknown ids: no-such-tag' }]);
    expect((await t.app.inject({ url: '/api/v1/me/tags', headers: m.headers })).json()).toEqual({
      tags: [known],
    });
    const notAList = await put('/api/v1/me/tags', m.headers, { tags: 'excavator' });
    expect(notAList.statusCode).toBe(400);
    expect(notAList.json().errors[0].path).toBe('body.tags');
  });

  it('shows every column in the default order until the member chooses, then their order', async () => {
    await makeColumn(t.database.db);
    await makeColumn(t.database.db);
    const m = await makeMember(t.app);
    const all = (
      await t.database.db
        .select({ id: columns.id })
        .from(columns)
        .orderBy(asc(columns.position), asc(columns.id))
    ).map((c) => c.id);
    expect(all.length).toBeGreaterThanOrEqual(2);
    const initial = await t.app.inject({ url: '/api/v1/me/columns', headers: m.headers });
    expect(initial.json()).toEqual({ columns: all });

    const chosen = [all[1], all[0]];
    const res = await put('/api/v1/me/columns', m.headers, { columns: chosen });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ columns: chosen });
    expect((await t.app.inject({ url: '/api/v1/me/columns', headers: m.headers })).json()).toEqual({
      columns: chosen,
    });
  });

  it('refuses unknown, duplicated or no columns with 400', async () => {
    const m = await makeMember(t.app);
    const col = await makeColumn(t.database.db);
    const unknown = await put('/api/v1/me/columns', m.headers, { columns: [col, 'no-such-column'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([{ path: 'body.columns', message: 'unknown ids: no-such-column' }]);
    const twice = await put('/api/v1/me/columns', m.headers, { columns: [col, col] });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().errors[0].path).toBe('body.columns.1');
    const none = await put('/api/v1/me/columns', m.headers, { columns: [] });
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0].path).toBe('body.columns');
  });

  it('answers 401 without a session', async () => {
    const col = await makeColumn(t.database.db);
    for (const [method, url, payload] of [
      ['GET', '/api/v1/me/tags', undefined],
      ['PUT', '/api/v1/me/tags', { tags: [] }],
      ['GET', '/api/v1/me/columns', undefined],
      ['PUT', '/api/v1/me/columns', { columns: [col] }],
    ] as const) {
      const res = await t.app.inject({ method, url, ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
  });
});
