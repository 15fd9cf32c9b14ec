import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStaff } from '../testing/factories.ts';
import { createTestApp, type TestApp } from '../testing/harness.ts';

const PROBLEM = 'application/problem+json; charset=utf-8';

describe('errors reach clients as problem+json with a stable code', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { CCM_BODY_LIMIT: '2048' } });
  });
  afterAll(() => t.close());

  it('answers an unknown route with 404 route.not_found', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toBe(PROBLEM);
    expect(res.json()).toMatchObject({
      status: 404,
      code: 'route.not_found',
      instance: '/api/v1/no-such-thing',
    });
  });

  it('answers malformed JSON with 400 request.malformed_json', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/console/session',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "admin", "password": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe(PROBLEM);
    expect(res.json().code).toBe('request.malformed_json');
  });

  it('answers schema violations with 400 validation.failed and field paths', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/console/session',
      payload: { username: '', password: 42 },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('validation.failed');
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body.password',
      'body.username',
    ]);
  });

  it('names the query parameter that is wrong', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/feed?limit=500' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('querystring.limit');
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/articles/abc' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toEqual({
      path: 'params.id',
      message: 'expected an article id (a positive whole number)',
    });
  });

  it('answers an oversized body with 413 request.body_too_large', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/console/session',
      payload: { username: 'admin', password: 'x'.repeat(5000) },
    });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toBe(PROBLEM);
    expect(res.json().code).toBe('request.body_too_large');
  });

  it('answers a wrong content type with 415 request.unsupported_media_type', async () => {
    for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/console/session',
        headers: { 'content-type': type },
        payload: 'username=admin&password=x',
      });
      expect(res.statusCode, type).toBe(415);
      expect(res.json().code).toBe('request.unsupported_media_type');
    }
  });

  it('echoes a well-formed request id and makes one otherwise', async () => {
    const given = await t.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'abc12345-trace' },
    });
    expect(given.headers['x-request-id']).toBe('abc12345-trace');
    const made = await t.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': '<script>' },
    });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps stored data when a request is refused', async () => {
    const staff = await makeStaff(t.database.db, 'editor');
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/console/session',
      payload: '{"username":',
      headers: { 'content-type': 'application/json' },
    });
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/console/session',
      payload: { username: staff.username, password: staff.password },
    });
    expect(ok.statusCode).toBe(200);
  });
});

describe('an unexpected fault', () => {
  it('answers 500 internal.error with a correlation id and no internals', async () => {
    const t = await createTestApp();
    // A real fault: the database goes away under a running app.
    await t.database.close();
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/feed' });
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toBe(PROBLEM);
    const body = res.json();
    expect(body.code).toBe('internal.error');
    expect(body.correlationId).toBe(res.headers['x-request-id']);
    expect(res.body).not.toMatch(/stack|select|from "articles"|at .*\.ts/i);
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().code).toBe('service.unavailable');
    await t.close();
  });
});
