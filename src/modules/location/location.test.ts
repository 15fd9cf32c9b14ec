/**
 * Location: coordinates to a region (never stored), the member's region under the separate
 * location consent, its deletion on withdrawal, and regional content first in the feed.
 */
import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/logging.ts';
import { makeArticle, makeColumn, makeMember } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { regionalLead } from '../content/regional.ts';
import { articles, columns } from '../content/tables.ts';
import { consoleUser } from '../profile/testing.ts';
import { PROVINCES } from './regions.ts';
import { memberRegion } from './service.ts';
import { memberRegions } from './tables.ts';

const CHANGSHA = { latitude: 28.2282, longitude: 112.9388 };
const NANJING = { latitude: 32.0603, longitude: 118.7969 };

describe('location', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const call = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, headers = {}, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  const withLocation = () => makeMember(t.app, { consents: { account: true, location: true } });

  describe('POST /geo/region', () => {
    it('turns the coordinates of Changsha into Hunan, Changsha, for anyone', async () => {
      const res = await call('POST', '/geo/region', {}, CHANGSHA);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        province: { id: 'hunan', name: '湖南' },
        city: { id: 'changsha', name: '长沙' },
      });
      const en = await call('POST', '/geo/region?lang=en', {}, NANJING);
      expect(en.json()).toEqual({
        province: { id: 'jiangsu', name: 'Jiangsu' },
        city: { id: 'nanjing', name: 'Nanjing' },
      });
    });

    it('names only the province far from any city it knows', async () => {
      // Rural western Hunan, about 100 km from the nearest listed centre.
      const res = await call('POST', '/geo/region', {}, { latitude: 28.3, longitude: 110.0 });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().province.id).toBe('hunan');
      expect(res.json().city).toBeNull();
    });

    it.each([
      ['Tokyo', 35.68, 139.69],
      ['Paris', 48.86, 2.35],
      ['Hanoi', 21.03, 105.85],
      ['Seoul', 37.57, 126.98],
      ['the South Atlantic', -30, -20],
    ])('refuses %s as outside the service area', async (_name, latitude, longitude) => {
      const res = await call('POST', '/geo/region', {}, { latitude, longitude });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().code).toBe('location.outside_service_area');
    });

    it.each([
      [{ latitude: 91, longitude: 112 }, 'body.latitude'],
      [{ latitude: 28, longitude: -181 }, 'body.longitude'],
      [{ latitude: '28', longitude: 112 }, 'body.latitude'],
      [{ longitude: 112 }, 'body.latitude'],
    ])('refuses bad coordinates %j with validation.failed', async (body, path) => {
      const res = await call('POST', '/geo/region', {}, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().code).toBe('validation.failed');
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    });

    it('lists the provinces every region id comes from', async () => {
      const res = await call('GET', '/regions');
      expect(res.json()).toHaveLength(PROVINCES.length);
      expect(res.json()).toContainEqual({ id: 'hunan', name: '湖南', nameZh: '湖南', nameEn: 'Hunan' });
    });
  });

  describe('/me/location', () => {
    it('stores only the region, with the location consent, and gives it back', async () => {
      const m = await withLocation();
      const put = await call('PUT', '/me/location', m.headers, CHANGSHA);
      expect(put.statusCode, put.body).toBe(200);
      expect(put.json().province.id).toBe('hunan');
      const [row] = await t.database.db
        .select()
        .from(memberRegions)
        .where(eq(memberRegions.userId, m.userId));
      expect(row).toMatchObject({ province: 'hunan', city: 'changsha', source: 'device' });
      // No column of the row holds a coordinate.
      expect(JSON.stringify(row)).not.toContain('28.2');
      expect(JSON.stringify(row)).not.toContain('112.9');
      const get = await call('GET', '/me/location', m.headers);
      expect(get.json()).toEqual({
        province: { id: 'hunan', name: '湖南' },
        city: { id: 'changsha', name: '长沙' },
      });
      expect(await memberRegion(t.app.ctx, m.userId)).toEqual({ province: 'hunan', city: 'changsha' });
    });

    it('refuses to store without the location consent and shows nothing', async () => {
      const m = await makeMember(t.app);
      const put = await call('PUT', '/me/location', m.headers, CHANGSHA);
      expect(put.statusCode, put.body).toBe(403);
      expect(put.json().code).toBe('consent.required');
      expect(
        await t.database.db.select().from(memberRegions).where(eq(memberRegions.userId, m.userId)),
      ).toEqual([]);
      expect((await call('GET', '/me/location', m.headers)).json()).toBeNull();
      expect(await memberRegion(t.app.ctx, m.userId)).toBeNull();
    });

    it('shows nothing when a region is stored but the consent is not in force', async () => {
      const m = await makeMember(t.app);
      await t.database.db.insert(memberRegions).values({ userId: m.userId, province: 'hunan', city: null });
      expect((await call('GET', '/me/location', m.headers)).json()).toBeNull();
      expect(await memberRegion(t.app.ctx, m.userId)).toBeNull();
    });

    it('refuses positions abroad and bad input without storing anything', async () => {
      const m = await withLocation();
      const abroad = await call('PUT', '/me/location', m.headers, { latitude: 48.86, longitude: 2.35 });
      expect(abroad.statusCode).toBe(422);
      expect(abroad.json().code).toBe('location.outside_service_area');
      const bad = await call('PUT', '/me/location', m.headers, { latitude: 'x', longitude: 2 });
      expect(bad.statusCode).toBe(400);
      expect((await call('GET', '/me/location', m.headers)).json()).toBeNull();
    });

    it('needs a member', async () => {
      expect((await call('GET', '/me/location')).statusCode).toBe(401);
      expect((await call('PUT', '/me/location', {}, CHANGSHA)).statusCode).toBe(401);
      expect((await call('DELETE', '/me/location')).statusCode).toBe(401);
    });

    it('forgets the region on DELETE', async () => {
      const m = await withLocation();
      await call('PUT', '/me/location', m.headers, CHANGSHA);
      expect((await call('DELETE', '/me/location', m.headers)).statusCode).toBe(204);
      expect((await call('GET', '/me/location', m.headers)).json()).toBeNull();
      expect(
        await t.database.db.select().from(memberRegions).where(eq(memberRegions.userId, m.userId)),
      ).toEqual([]);
    });

    it('deletes the stored region at once when the location consent is withdrawn', async () => {
      const m = await withLocation();
      await call('PUT', '/me/location', m.headers, CHANGSHA);
      const off = await call('PUT', '/me/consents/location', m.headers, { granted: false });
      expect(off.statusCode, off.body).toBe(200);
      expect(
        await t.database.db.select().from(memberRegions).where(eq(memberRegions.userId, m.userId)),
      ).toEqual([]);
      // Granting again does not bring it back: the device must be asked again.
      const on = await call('PUT', '/me/consents/location', m.headers, {
        granted: true,
        acknowledgedImpact: true,
      });
      expect(on.statusCode, on.body).toBe(200);
      expect((await call('GET', '/me/location', m.headers)).json()).toBeNull();
    });

    it('keeps the region when another consent is withdrawn', async () => {
      const m = await makeMember(t.app, { consents: { account: true, location: true, analytics: true } });
      await call('PUT', '/me/location', m.headers, CHANGSHA);
      await call('PUT', '/me/consents/analytics', m.headers, { granted: false });
      expect(await memberRegion(t.app.ctx, m.userId)).toEqual({ province: 'hunan', city: 'changsha' });
    });
  });

  describe('the article editor', () => {
    it('sets, keeps the city with, and clears an article’s region; an unknown province is a field error', async () => {
      const editor = await consoleUser(t.app, 'editor');
      const column = await makeColumn(t.database.db);
      const draft = {
        title: '长沙二手挖掘机交易会',
        summary: '',
        body: '<p>正文</p>',
        column,
        source: 'CCM',
      };
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/console/articles',
        ...editor,
        payload: { ...draft, region: 'hunan' },
      });
      expect(created.statusCode, created.body).toBe(201);
      const { id, revision, region } = created.json();
      expect(region).toBe('hunan');
      await t.database.db.update(articles).set({ city: 'changsha' }).where(eq(articles.id, id));
      const save = (rev: number, value: unknown) =>
        t.app.inject({
          method: 'PUT',
          url: `/api/v1/console/articles/${id}`,
          ...editor,
          payload: { ...draft, region: value, revision: rev },
        });
      const kept = await save(revision, 'hunan');
      expect(kept.statusCode, kept.body).toBe(200);
      const [same] = await t.database.db.select().from(articles).where(eq(articles.id, id));
      expect(same).toMatchObject({ region: 'hunan', city: 'changsha' });
      const cleared = await save(kept.json().revision, null);
      expect(cleared.json().region).toBeNull();
      const [none] = await t.database.db.select().from(articles).where(eq(articles.id, id));
      expect(none).toMatchObject({ region: null, city: null });
      const bad = await save(cleared.json().revision, 'atlantis');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toBe('body.region');
    });
  });

  describe('regional content first in the feed', () => {
    const base = Date.parse('2030-01-01T00:00:00Z');
    let regional: number[];

    beforeAll(async () => {
      const { db } = t.database;
      // The regional columns and one other; xizang has no other articles in this file.
      for (const id of ['news', 'events', 'used', 'market'])
        await db.insert(columns).values({ id, nameZh: id, nameEn: id }).onConflictDoNothing();
      regional = [];
      for (const [i, col] of (['news', 'events', 'used', 'news'] as const).entries()) {
        const a = await makeArticle(db, {
          columnId: col,
          region: 'xizang',
          city: 'lhasa',
          publishedAt: new Date(base - (i + 1) * 3_600_000),
        });
        regional.push(a.id);
      }
      // Regional province but not a regional column, and a draft: neither leads.
      await makeArticle(db, { columnId: 'market', region: 'xizang', publishedAt: new Date(base) });
      await makeArticle(db, { columnId: 'news', region: 'xizang', status: 'draft', publishedAt: null });
      // Newer general articles that the plain feed would show first.
      for (let i = 0; i < 6; i++)
        await makeArticle(db, { columnId: 'news', publishedAt: new Date(base + i * 60_000) });
    });

    type Item = { id: number; why?: { kind: string; region?: string } };
    const feed = async (query: string, headers = {}) => {
      const res = await call('GET', `/feed?${query}`, headers);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: Item[]; nextCursor: string | null; personalized: boolean };
    };

    it('leads the first page with up to 3 regional items, each with its reason, not repeated below', async () => {
      const page = await feed('region=xizang&sort=new&limit=10');
      expect(page.items.slice(0, 3).map((i) => i.id)).toEqual(regional.slice(0, 3));
      for (const item of page.items.slice(0, 3))
        expect(item.why).toEqual({ kind: 'region', region: 'xizang' });
      const ids = page.items.map((i) => i.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(page.items.length).toBeLessThanOrEqual(10);
      expect(page.items.slice(3).every((i) => i.why === undefined)).toBe(true);
      // Without a region the same query starts with the newer general articles.
      const plain = await feed('sort=new&limit=10');
      expect(plain.items[0].id).not.toBe(regional[0]);
      expect(plain.items.every((i) => i.why === undefined)).toBe(true);
    });

    it('respects the column filter and leaves later pages to the general order', async () => {
      const events = await feed('region=xizang&column=events&sort=new&limit=5');
      expect(events.items[0]).toMatchObject({ id: regional[1], why: { kind: 'region' } });
      const market = await feed('region=xizang&column=market&sort=new&limit=5');
      expect(market.items.every((i) => i.why === undefined)).toBe(true);
      const first = await feed('region=xizang&sort=new&limit=4');
      const next = await feed(`region=xizang&sort=new&limit=4&cursor=${first.nextCursor}`);
      expect(next.items.every((i) => i.why === undefined)).toBe(true);
    });

    it('gives an anonymous visitor and a member without personalisation the same page, item by item', async () => {
      const m = await makeMember(t.app, {
        consents: { account: true, location: true, personalization: false },
      });
      for (const q of ['region=xizang', 'region=xizang&column=news', 'region=xizang&sort=new&limit=7']) {
        const anonymous = await feed(q);
        const member = await feed(q, m.headers);
        expect(member.personalized).toBe(false);
        expect(member.items).toEqual(anonymous.items);
        expect(member.nextCursor).toEqual(anonymous.nextCursor);
      }
    });

    it('refuses an unknown region with validation.failed', async () => {
      for (const region of ['atlantis', 'HUNAN', '']) {
        const res = await call('GET', `/feed?region=${region}`);
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().code).toBe('validation.failed');
      }
    });

    it('exports regionalLead for other feeds', async () => {
      const lead = await regionalLead(t.database.db, { region: 'xizang', sort: 'new', limit: 2 });
      expect(lead.map((i) => i.id)).toEqual(regional.slice(0, 2));
      expect(await regionalLead(t.database.db, { region: 'xizang', column: 'market' })).toEqual([]);
    });
  });
});

describe('location and the logs', () => {
  it('never writes the coordinates to the log, even at trace level', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const t = await createTestApp({ logger: createLogger('trace', stream) });
    try {
      const m = await makeMember(t.app, { consents: { account: true, location: true } });
      const body = { latitude: 28.2282, longitude: 112.9388 };
      for (const [method, url] of [
        ['POST', '/api/v1/geo/region'],
        ['PUT', '/api/v1/me/location'],
      ] as const) {
        const res = await t.app.inject({ method, url, headers: m.headers, payload: body });
        expect(res.statusCode, res.body).toBe(200);
      }
      const abroad = await t.app.inject({
        method: 'POST',
        url: '/api/v1/geo/region',
        payload: { latitude: 48.8566, longitude: 2.3522 },
      });
      expect(abroad.statusCode).toBe(422);
      const text = lines.join('');
      expect(text).toContain('/api/v1/geo/region');
      for (const value of ['28.2282', '112.9388', '48.8566', '2.3522']) expect(text).not.toContain(value);
    } finally {
      await t.close();
    }
  });
});
