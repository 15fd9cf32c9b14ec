/** Console: publishing policy versions, searching and verifying the ledger, the third parties. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { logOf, staffOf } from '../members/testing.ts';

const CONSOLE = '/api/v1/console';
const PARTY = {
  name: '某推送服务 / A push service',
  kind: 'sdk',
  purposeZh: '向设备推送消息',
  purposeEn: 'Pushes messages to the device',
  dataZh: '设备推送标识',
  dataEn: 'Device push token',
  region: '中国大陆 / Mainland China',
  policyUrl: 'https://push.example.cn/privacy',
};

describe('the compliance console for policy, ledger and third parties', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const valid = {
    version: '2027-01-15',
    kind: 'minor',
    changedPurposes: [],
    bodyZh: '# 隐私政策\n\n{{collection}}\n',
    bodyEn: '# Privacy policy\n\n{{collection}}\n',
  };

  it('lets only compliance officers and admins publish, search and verify', async () => {
    for (const role of ['support', 'editor', 'reviewer', 'contributor'] as const) {
      const staff = await staffOf(t.app, role);
      const publish = await staff.post(`${CONSOLE}/policy/versions`, valid);
      expect(publish.statusCode, role).toBe(403);
      expect(publish.json().code).toBe('auth.forbidden');
      expect((await staff.get(`${CONSOLE}/consents`)).statusCode).toBe(403);
      expect((await staff.post(`${CONSOLE}/consents/verify`, {})).statusCode).toBe(403);
      expect((await staff.post(`${CONSOLE}/third-parties`, PARTY)).statusCode).toBe(403);
    }
    expect((await t.app.inject({ url: `${CONSOLE}/policy/versions` })).statusCode).toBe(401);
    const admin = await staffOf(t.app, 'admin');
    expect((await admin.get(`${CONSOLE}/policy/versions`)).statusCode).toBe(200);
  });

  it('refuses a bad version string, a missing body, unknown purposes and a major version without changes', async () => {
    const compliance = await staffOf(t.app, 'compliance');
    const cases: [object, string][] = [
      [{ ...valid, version: '2027/01/15' }, 'body.version'],
      [{ ...valid, version: '2027-13-01' }, 'body.version'],
      [{ ...valid, version: '2020-01-01' }, 'body.version'],
      [{ ...valid, bodyZh: '   ' }, 'body.bodyZh'],
      [{ ...valid, bodyEn: undefined }, 'body.bodyEn'],
      [{ ...valid, kind: 'major', changedPurposes: [] }, 'body.changedPurposes'],
      [
        { ...valid, kind: 'major', changedPurposes: ['personalization', 'mind-reading'] },
        'body.changedPurposes',
      ],
      [{ ...valid, kind: 'minor', changedPurposes: ['analytics'] }, 'body.changedPurposes'],
      [{ ...valid, kind: 'huge' }, 'body.kind'],
      [{ ...valid, effectiveAt: '2001-01-01T00:00:00Z' }, 'body.effectiveAt'],
    ];
    for (const [body, path] of cases) {
      const res = await compliance.post(`${CONSOLE}/policy/versions`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().code).toBe('validation.failed');
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const versions = (await compliance.get(`${CONSOLE}/policy/versions`)).json();
    expect(versions).toHaveLength(1);
  });

  it('publishes a minor version effective later, which is not in force until then', async () => {
    const compliance = await staffOf(t.app, 'compliance');
    const effectiveAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const res = await compliance.post(`${CONSOLE}/policy/versions`, { ...valid, effectiveAt });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ version: '2027-01-15', kind: 'minor', current: false });
    const again = await compliance.post(`${CONSOLE}/policy/versions`, { ...valid, effectiveAt });
    expect(again.statusCode).toBe(400);
    const history = (await t.app.inject({ url: '/api/v1/privacy/policy/versions' })).json();
    expect(history.map((v: { version: string; current: boolean }) => [v.version, v.current])).toEqual([
      ['2027-01-15', false],
      ['2026-11-25', true],
    ]);
  });

  it('searches the ledger by member and purpose, page by page, and logs the search', async () => {
    const compliance = await staffOf(t.app, 'compliance');
    const m = await makeMember(t.app, {
      consents: { account: true, analytics: true, personalization: true },
    });
    for (const granted of [false, true, false]) {
      await t.app.inject({
        method: 'PUT',
        url: '/api/v1/me/consents/analytics',
        headers: m.headers,
        payload: { granted },
      });
    }
    const all = (await compliance.get(`${CONSOLE}/consents?userId=${m.userId}`)).json();
    expect(all.items).toHaveLength(6);
    expect(all.items.every((r: { userId: number }) => r.userId === m.userId)).toBe(true);

    const first = (
      await compliance.get(`${CONSOLE}/consents?userId=${m.userId}&purpose=analytics&limit=2`)
    ).json();
    expect(first.items.map((r: { granted: boolean; channel: string }) => [r.granted, r.channel])).toEqual([
      [false, 'api'],
      [true, 'api'],
    ]);
    expect(first.nextCursor).toBe(first.items[1].id);
    const second = (
      await compliance.get(
        `${CONSOLE}/consents?userId=${m.userId}&purpose=analytics&limit=2&cursor=${first.nextCursor}`,
      )
    ).json();
    expect(second.items.map((r: { granted: boolean; channel: string }) => [r.granted, r.channel])).toEqual([
      [false, 'api'],
      [true, 'registration'],
    ]);
    expect(second.nextCursor).toBeNull();
    const future = (
      await compliance.get(`${CONSOLE}/consents?userId=${m.userId}&from=2099-01-01T00:00:00Z`)
    ).json();
    expect(future.items).toEqual([]);
    expect((await compliance.get(`${CONSOLE}/consents?purpose=nope`)).statusCode).toBe(400);
    expect((await compliance.get(`${CONSOLE}/consents?from=yesterday`)).statusCode).toBe(400);

    const [entry] = await logOf(t.app, compliance.id);
    expect(entry).toMatchObject({ action: 'consent.search' });
    // No direct identifier in the ledger: only the user id and a province.
    expect(JSON.stringify(all)).not.toContain(m.phone.slice(3));
  });

  it('verifies the chain on request', async () => {
    const compliance = await staffOf(t.app, 'compliance');
    const res = await compliance.post(`${CONSOLE}/consents/verify`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ok: true });
    expect(res.json().length).toBeGreaterThan(0);
  });

  it('adds, changes and removes third parties, shown publicly at once', async () => {
    const compliance = await staffOf(t.app, 'compliance');
    const party = PARTY;
    const created = await compliance.post(`${CONSOLE}/third-parties`, party);
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json();
    const publicList = async () => (await t.app.inject({ url: '/api/v1/privacy/third-parties' })).json();
    expect((await publicList()).find((p: { id: number }) => p.id === id)).toMatchObject({ name: party.name });

    const edit = (pid: number, body: object) =>
      t.app.inject({
        method: 'PUT',
        url: `${CONSOLE}/third-parties/${pid}`,
        cookies: compliance.cookies,
        headers: compliance.headers,
        payload: body,
      });
    expect((await edit(id, { ...party, region: '北京' })).json().region).toBe('北京');
    expect((await edit(id, { ...party, policyUrl: 'javascript:alert(1)' })).statusCode).toBe(400);
    expect((await edit(id, { ...party, name: '' })).statusCode).toBe(400);
    expect((await edit(id, { ...party, kind: 'friend' })).statusCode).toBe(400);
    expect((await edit(999_999, party)).json().code).toBe('third_party.not_found');

    const remove = (pid: number) =>
      t.app.inject({
        method: 'DELETE',
        url: `${CONSOLE}/third-parties/${pid}`,
        cookies: compliance.cookies,
        headers: compliance.headers,
      });
    expect((await remove(id)).statusCode).toBe(204);
    expect((await remove(id)).statusCode).toBe(404);
    expect((await publicList()).find((p: { id: number }) => p.id === id)).toBeUndefined();
  });
});
