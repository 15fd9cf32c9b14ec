/**
 * The policy, members' consents and the one guard: GET /privacy/policy, GET/PUT /me/consents, the
 * renewal a major version asks for, and the device's analytics choice.
 */
import type { FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { staffOf } from '../members/testing.ts';
import { hasConsent, requestHasConsent, requireConsent } from './guard.ts';
import { COLLECTION_MARKER, INITIAL_POLICY_VERSION } from './policy-text.ts';
import { policyHash } from './service.ts';

const API = '/api/v1';
type Headers = Record<string, string>;

describe('the privacy policy and consents', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const put = (headers: Headers, purpose: string, payload: object) =>
    t.app.inject({ method: 'PUT', url: `${API}/me/consents/${purpose}`, headers, payload });
  const consents = async (headers: Headers) => {
    const res = await t.app.inject({ url: `${API}/me/consents`, headers });
    expect(res.statusCode, res.body).toBe(200);
    type Consent = {
      purpose: string;
      granted: boolean;
      renewalNeeded: boolean;
      policyVersion: string | null;
    };
    return Object.fromEntries((res.json() as Consent[]).map((c) => [c.purpose, c]));
  };
  const member = (consents: Record<string, boolean> = {}) =>
    makeMember(t.app, { consents: { account: true, ...consents } });

  it('serves the policy in both languages with the collection section generated from the annotations', async () => {
    for (const [lang, heading, phone] of [
      ['zh-CN', '| 个人信息 | 敏感 |', '手机号码'],
      ['en', '| Information | Sensitive |', 'Mobile phone number'],
    ] as const) {
      const res = await t.app.inject({ url: `${API}/privacy/policy?lang=${lang}` });
      expect(res.statusCode, res.body).toBe(200);
      const policy = res.json();
      expect(policy).toMatchObject({ version: INITIAL_POLICY_VERSION, lang, kind: 'major' });
      expect(policy.body).toContain(heading);
      expect(policy.body).toContain(phone);
      expect(policy.body).toContain(t.config.CCM_STORAGE_REGION);
      expect(policy.body).not.toContain(COLLECTION_MARKER);
      expect(policy.purposes.find((p: { id: string }) => p.id === 'location')).toMatchObject({
        required: false,
        sensitive: true,
      });
      expect(policy.purposes.find((p: { id: string }) => p.id === 'account')).toMatchObject({
        required: true,
      });
    }
    const { contentHash } = (await t.app.inject({ url: `${API}/privacy/policy` })).json();
    const { INITIAL_POLICY_ZH, INITIAL_POLICY_EN } = await import('./policy-text.ts');
    expect(contentHash).toBe(policyHash(INITIAL_POLICY_ZH, INITIAL_POLICY_EN));
    expect((await t.app.inject({ url: `${API}/privacy/policy?lang=fr` })).statusCode).toBe(400);
    expect((await t.app.inject({ url: `${API}/privacy/policy?version=1999-01-01` })).json().code).toBe(
      'policy.version_not_found',
    );
  });

  it('lists the version history and the third parties without an account', async () => {
    const versions = (await t.app.inject({ url: `${API}/privacy/policy/versions` })).json();
    expect(versions[versions.length - 1]).toMatchObject({ version: INITIAL_POLICY_VERSION });
    expect(versions.filter((v: { current: boolean }) => v.current)).toHaveLength(1);
    const parties = (await t.app.inject({ url: `${API}/privacy/third-parties` })).json();
    expect(parties.map((p: { kind: string }) => p.kind)).toEqual(
      expect.arrayContaining(['processor', 'sign-in']),
    );
  });

  it('refuses consents without a session', async () => {
    expect((await t.app.inject({ url: `${API}/me/consents` })).statusCode).toBe(401);
    const res = await t.app.inject({
      method: 'PUT',
      url: `${API}/me/consents/analytics`,
      payload: { granted: true },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('auth.unauthenticated');
  });

  it('shows what registration agreed to, and every purpose not yet agreed as not granted', async () => {
    const m = await member({ personalization: true, analytics: false });
    const c = await consents(m.headers);
    expect(c.account).toMatchObject({
      granted: true,
      policyVersion: INITIAL_POLICY_VERSION,
      renewalNeeded: false,
    });
    expect(c.personalization.granted).toBe(true);
    expect(c.analytics).toMatchObject({ granted: false, policyVersion: INITIAL_POLICY_VERSION });
    expect(c.location).toMatchObject({ granted: false, policyVersion: null });
    expect(c['child-data']).toBeUndefined();
  });

  it('withdraws and grants with one request each, in force for the next request', async () => {
    const m = await member({ personalization: true });
    expect(await hasConsent(t.app.ctx, m.userId, 'personalization')).toBe(true);
    const off = await put(m.headers, 'personalization', { granted: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({
      purpose: 'personalization',
      granted: false,
      policyVersion: INITIAL_POLICY_VERSION,
    });
    expect(await hasConsent(t.app.ctx, m.userId, 'personalization')).toBe(false);
    expect((await consents(m.headers)).personalization.granted).toBe(false);
    expect((await put(m.headers, 'personalization', { granted: true })).statusCode).toBe(200);
    expect(await hasConsent(t.app.ctx, m.userId, 'personalization')).toBe(true);
  });

  it('refuses unknown purposes, withdrawing the account purpose and the guardian’s purpose', async () => {
    const m = await member();
    const unknown = await put(m.headers, 'marketing', { granted: true });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'validation.failed' });
    expect(unknown.json().errors[0].path).toContain('purpose');
    expect((await put(m.headers, 'analytics', { granted: 'yes' })).statusCode).toBe(400);
    expect((await put(m.headers, 'analytics', {})).statusCode).toBe(400);

    const account = await put(m.headers, 'account', { granted: false });
    expect(account.statusCode).toBe(409);
    expect(account.json()).toMatchObject({ code: 'consent.required_purpose', cancelPath: '/privacy/cancel' });
    expect(account.json().detail).toContain('cancel');
    expect(await hasConsent(t.app.ctx, m.userId, 'account')).toBe(true);

    const child = await put(m.headers, 'child-data', { granted: true, acknowledgedImpact: true });
    expect(child.statusCode).toBe(409);
    expect(child.json().code).toBe('consent.guardian_only');
  });

  it('asks a separate acknowledgement of purpose and impact before granting precise location', async () => {
    const m = await member();
    for (const body of [{ granted: true }, { granted: true, acknowledgedImpact: false }]) {
      const res = await put(m.headers, 'location', body);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'consent.acknowledgement_required', purpose: 'location' });
      expect(res.json().impact.zh).toContain('精确位置');
    }
    expect(await hasConsent(t.app.ctx, m.userId, 'location')).toBe(false);
    const granted = await put(m.headers, 'location', { granted: true, acknowledgedImpact: true });
    expect(granted.statusCode, granted.body).toBe(200);
    expect(await hasConsent(t.app.ctx, m.userId, 'location')).toBe(true);
    // Withdrawing is one tap: no confirmation needed.
    expect((await put(m.headers, 'location', { granted: false })).statusCode).toBe(200);
    expect(await hasConsent(t.app.ctx, m.userId, 'location')).toBe(false);
  });

  it('honours the device’s analytics choice: off wins, and anonymous visitors are counted only when on', async () => {
    const m = await member({ analytics: true });
    const request = (headers: Headers, userId?: number) =>
      ({ headers, member: userId ? { userId } : undefined, cookies: {} }) as unknown as FastifyRequest;
    expect(await requestHasConsent(t.app, request({}, m.userId), 'analytics')).toBe(true);
    expect(await requestHasConsent(t.app, request({ 'x-ccm-analytics': 'off' }, m.userId), 'analytics')).toBe(
      false,
    );
    expect(await requestHasConsent(t.app, request({}), 'analytics')).toBe(false);
    expect(await requestHasConsent(t.app, request({ 'x-ccm-analytics': 'off' }), 'analytics')).toBe(false);
    expect(await requestHasConsent(t.app, request({ 'x-ccm-analytics': 'on' }), 'analytics')).toBe(true);
    // The device speaks for analytics only.
    expect(await requestHasConsent(t.app, request({ 'x-ccm-analytics': 'on' }), 'personalization')).toBe(
      false,
    );
    // The preHandler refuses with a stable code, and lets a consented request through.
    const guard = requireConsent(t.app, 'analytics');
    await expect(guard(request({ 'x-ccm-analytics': 'off' }, m.userId))).rejects.toMatchObject({
      code: 'consent.required',
      status: 403,
    });
    await expect(guard(request({}, m.userId))).resolves.toBeUndefined();
  });

  it('treats the purposes a major version changes as withdrawn until renewed, and leaves the others', async () => {
    const m = await member({ personalization: true, notifications: true });
    const compliance = await staffOf(t.app, 'compliance');
    const published = await compliance.post(`${API}/console/policy/versions`, {
      version: '2026-12-01',
      kind: 'major',
      changedPurposes: ['personalization'],
      bodyZh: `# 隐私政策（新版）\n\n${COLLECTION_MARKER}\n`,
      bodyEn: `# Privacy policy (new)\n\n${COLLECTION_MARKER}\n`,
    });
    expect(published.statusCode, published.body).toBe(201);
    expect(published.json()).toMatchObject({ version: '2026-12-01', current: true });
    expect((await t.app.inject({ url: `${API}/privacy/policy` })).json().version).toBe('2026-12-01');

    expect(await hasConsent(t.app.ctx, m.userId, 'personalization')).toBe(false);
    expect(await hasConsent(t.app.ctx, m.userId, 'notifications')).toBe(true);
    expect(await hasConsent(t.app.ctx, m.userId, 'account')).toBe(true);
    const c = await consents(m.headers);
    expect(c.personalization).toMatchObject({
      granted: false,
      renewalNeeded: true,
      policyVersion: INITIAL_POLICY_VERSION,
    });
    expect(c.notifications).toMatchObject({ granted: true, renewalNeeded: false });

    const renewed = await put(m.headers, 'personalization', { granted: true });
    expect(renewed.json()).toMatchObject({
      granted: true,
      policyVersion: '2026-12-01',
      renewalNeeded: false,
    });
    expect(await hasConsent(t.app.ctx, m.userId, 'personalization')).toBe(true);

    // Registration from now on names the new version, and its consents need no renewal.
    const later = await member({ personalization: true });
    expect(await hasConsent(t.app.ctx, later.userId, 'personalization')).toBe(true);
  });
});
