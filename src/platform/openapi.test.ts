import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/harness.ts';

describe('API description', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('serves an OpenAPI 3.1 document with an operationId on every operation', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(
      doc.paths as Record<string, Record<string, { operationId?: string }>>,
    ).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, id: op.operationId })),
    );
    expect(operations.length).toBeGreaterThan(8);
    expect(operations.filter((o) => !o.id)).toEqual([]);
    const ids = operations.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.paths['/api/v1/feed'].get.operationId).toBe('getFeed');
    expect(doc.paths['/api/v1/articles/{id}'].get.responses['404']).toBeDefined();
  });

  it('serves a browsable reference at /api/docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('swagger');
  });
});
