import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { fixedClock } from '../../platform/clock.ts';
import { makeBrand, makeTag } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { lastCode, outbox, testPhone } from '../../testing/outbox.ts';
// A fresh database's policy in force is the version CCM installs (modules/consent).
import { INITIAL_POLICY_VERSION as CURRENT_POLICY_VERSION } from '../consent/policy-text.ts';

const PASSWORD = 'Excavator-2026!';

describe('registration and sign-in', () => {
  let t: TestApp;
  const clock = fixedClock(new Date());
  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(() => t.close());

  // Each request from its own address, so the per-IP daily caps of SMS codes stay out of the way.
  let address = 0;
  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      payload,
      headers,
      remoteAddress: `10.1.${Math.floor(++address / 250)}.${address % 250}`,
    });

  async function codeFor(phone: string, purpose: string) {
    const res = await post('/auth/sms-codes', { phone, purpose });
    expect(res.statusCode).toBe(202);
    return lastCode(t.config.dataDir, phone.startsWith('+') ? phone : `+86${phone}`, purpose);
  }

  async function registered(extra: object = {}) {
    const phone = testPhone();
    const code = await codeFor(phone.national, 'register');
    const res = await post('/auth/register', {
      phone: phone.national,
      code,
      password: PASSWORD,
      policyVersion: CURRENT_POLICY_VERSION,
      consents: { account: true, personalization: false },
      ...extra,
    });
    return { phone, res };
  }

  it('registers with a phone, its SMS code, a password and consents, and signs in', async () => {
    const tag = await makeTag(t.database.db);
    const { phone, res } = await registered({ tags: [tag] });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.user).toMatchObject({
      phone: `${phone.national.slice(0, 3)}****${phone.national.slice(7)}`,
      tags: [tag],
      ageGroup: 'adult',
    });
    expect(res.cookies.find((c) => c.name === 'ccm_session')?.httpOnly).toBe(true);
    const me = await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${body.token}` } });
    expect(me.json().id).toBe(body.user.id);
    // A brand chosen at registration is followed from the start.
    const brand = await makeBrand(t.database.db);
    const withBrand = await registered({ tags: [tag], brands: [brand] });
    expect(withBrand.res.statusCode).toBe(201);
    const followed = await t.app.inject({
      url: '/api/v1/me/follows',
      headers: { authorization: `Bearer ${withBrand.res.json().token}` },
    });
    expect(followed.json().items).toMatchObject([{ kind: 'brand', id: brand, name: `品牌${brand}` }]);
    // The consents are in the consent ledger, with the policy in force and the registration channel.
    const consents = await queryRows<{
      purpose: string;
      granted: boolean;
      policy_version: string;
      channel: string;
    }>(
      t.database.db,
      sql`SELECT purpose, granted, policy_version, channel FROM consent_records WHERE user_id = ${body.user.id} ORDER BY purpose`,
    );
    expect(consents).toEqual([
      { purpose: 'account', granted: true, policy_version: CURRENT_POLICY_VERSION, channel: 'registration' },
      {
        purpose: 'personalization',
        granted: false,
        policy_version: CURRENT_POLICY_VERSION,
        channel: 'registration',
      },
    ]);
  });

  it('refuses registration without the account consent, with an old policy, a weak password or a wrong code', async () => {
    const phone = testPhone();
    const code = await codeFor(phone.national, 'register');
    const base = {
      phone: phone.national,
      code,
      password: PASSWORD,
      policyVersion: CURRENT_POLICY_VERSION,
      consents: { account: true },
    };
    const cases: [object, string][] = [
      [{ consents: { account: false } }, 'body.consents.account'],
      [{ policyVersion: '2020-01-01' }, 'body.policyVersion'],
      [{ password: 'short' }, 'body.password'],
      [{ password: '12345678' }, 'body.password'],
      [{ password: 'password123' }, 'body.password'],
      [{ tags: ['no-such-tag'] }, 'body.tags'],
      [{ brands: ['no-such-brand'] }, 'body.brands'],
      [{ brands: Array.from({ length: 11 }, (_, i) => `b${i}`) }, 'body.brands'],
    ];
    for (const [change, path] of cases) {
      const res = await post('/auth/register', { ...base, ...change });
      expect(res.statusCode, path).toBe(400);
      expect(res.json().errors[0].path, JSON.stringify(change)).toBe(path);
    }
    const wrong = await post('/auth/register', { ...base, code: code === '000000' ? '111111' : '000000' });
    expect(wrong.json().code).toBe('sms.code_invalid');
    // The checks above came before the code was used: it still works.
    expect((await post('/auth/register', base)).statusCode).toBe(201);
  });

  it('says a phone already has an account, without sending it a code', async () => {
    const { phone } = await registered();
    clock.advance(61_000); // past the resend cooldown
    const res = await post('/auth/sms-codes', { phone: phone.national, purpose: 'register' });
    expect(res.statusCode).toBe(202);
    const messages = (await outbox(t.config.dataDir)).filter((m) => m.to === phone.e164);
    expect(messages.at(-1)).toMatchObject({ purpose: 'register', kind: 'notice-registered' });
    expect(messages.at(-1)?.code).toBeUndefined();
    // The first code was used by the registration: nothing can register the phone again.
    const again = await post('/auth/register', {
      phone: phone.national,
      code: await lastCode(t.config.dataDir, phone.e164, 'register'),
      password: PASSWORD,
      policyVersion: CURRENT_POLICY_VERSION,
      consents: { account: true },
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('sms.code_invalid');
  });

  it('signs in by password with one answer for every wrong input', async () => {
    const { phone } = await registered();
    const ok = await post('/auth/login', { phone: phone.e164, password: PASSWORD });
    expect(ok.statusCode).toBe(200);
    const wrong = await post('/auth/login', { phone: phone.national, password: 'Not-the-password-1' });
    const unknown = await post('/auth/login', { phone: testPhone().national, password: PASSWORD });
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('auth.invalid_credentials');
    }
    expect(wrong.json().detail).toBe(unknown.json().detail);
    expect((await post('/auth/login', { phone: '12', password: 'x' })).json().errors[0].path).toBe(
      'body.phone',
    );
  });

  it('locks an account after five wrong passwords, even for the right one, and says when to retry', async () => {
    const { phone } = await registered();
    for (let i = 0; i < 5; i++)
      expect(
        (await post('/auth/login', { phone: phone.national, password: `wrong-${i}-xx` })).statusCode,
      ).toBe(401);
    const locked = await post('/auth/login', { phone: phone.national, password: PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('rate_limited');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // An SMS sign-in proves the phone, and ends the lock as a password reset does.
    clock.advance(61_000);
    const code = await codeFor(phone.national, 'login');
    const bySms = await post('/auth/login/sms', { phone: phone.national, code });
    expect(bySms.statusCode).toBe(200);
    expect(bySms.json().user.phone).toMatch(/\*{4}/);
    expect((await post('/auth/login', { phone: phone.national, password: PASSWORD })).statusCode).toBe(200);
  });

  it('signs in with an SMS code', async () => {
    const { phone } = await registered();
    clock.advance(61_000);
    const code = await codeFor(phone.national, 'login');
    const res = await post('/auth/login/sms', { phone: phone.national, code });
    expect(res.statusCode).toBe(200);
    expect((await post('/auth/login/sms', { phone: phone.national, code })).json().code).toBe(
      'sms.code_invalid',
    );
  });

  it('resets a forgotten password and signs out every device', async () => {
    const { phone, res } = await registered();
    const oldToken = res.json().token;
    clock.advance(61_000);
    const code = await codeFor(phone.national, 'reset-password');
    const weak = await post('/auth/password-reset', { phone: phone.national, code, newPassword: '11111111' });
    expect(weak.json().errors[0].path).toBe('body.newPassword');
    const reset = await post('/auth/password-reset', {
      phone: phone.national,
      code,
      newPassword: 'Crane-Lift-88',
    });
    expect(reset.statusCode).toBe(204);
    expect(
      (await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${oldToken}` } }))
        .statusCode,
    ).toBe(401);
    expect((await post('/auth/login', { phone: phone.national, password: 'Crane-Lift-88' })).statusCode).toBe(
      200,
    );
  });

  it('keeps the phone number only encrypted', async () => {
    const { phone } = await registered();
    const dump = await queryRows<Record<string, unknown>>(t.database.db, sql`SELECT * FROM users`);
    const text = JSON.stringify(dump);
    expect(text).not.toContain(phone.national);
    expect(text).not.toContain(phone.national.slice(3));
  });
});

describe('sessions and devices', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function signUp() {
    const phone = testPhone();
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sms-codes',
      payload: { phone: phone.national, purpose: 'register' },
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      headers: { 'user-agent': 'Phone A', 'x-ccm-device-name': '张工的手机' },
      payload: {
        phone: phone.national,
        code: await lastCode(t.config.dataDir, phone.e164, 'register'),
        password: PASSWORD,
        policyVersion: CURRENT_POLICY_VERSION,
        consents: { account: true },
      },
    });
    return { phone, first: res.json().token as string };
  }

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  it('lists devices, revokes one, then all others', async () => {
    const { phone, first } = await signUp();
    const login = (ua: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'user-agent': ua },
        payload: { phone: phone.national, password: PASSWORD },
      });
    const second = (await login('Tablet B')).json().token;
    const third = (await login('Laptop C')).json().token;
    const list = (await t.app.inject({ url: '/api/v1/me/sessions', headers: auth(first) })).json();
    expect(list).toHaveLength(3);
    expect(list.find((s: { current: boolean }) => s.current).deviceName).toBe('张工的手机');
    expect(JSON.stringify(list)).not.toContain('token');
    const tablet = list.find((s: { userAgent: string }) => s.userAgent === 'Tablet B');
    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: `/api/v1/me/sessions/${tablet.id}`,
          headers: auth(first),
        })
      ).statusCode,
    ).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/me', headers: auth(second) })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'DELETE', url: '/api/v1/me/sessions/nope', headers: auth(first) }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'DELETE', url: '/api/v1/me/sessions', headers: auth(first) })).statusCode,
    ).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/me', headers: auth(third) })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/me', headers: auth(first) })).statusCode).toBe(200);
  });

  it('cannot revoke another member’s session', async () => {
    const a = await signUp();
    const b = await signUp();
    const bSession = (await t.app.inject({ url: '/api/v1/me/sessions', headers: auth(b.first) })).json()[0];
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/sessions/${bSession.id}`,
      headers: auth(a.first),
    });
    expect(res.statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/me', headers: auth(b.first) })).statusCode).toBe(200);
  });

  it('signs out the other devices on a password change', async () => {
    const { phone, first } = await signUp();
    const other = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { phone: phone.national, password: PASSWORD },
      })
    ).json().token;
    const change = (payload: object) =>
      t.app.inject({ method: 'PUT', url: '/api/v1/me/password', headers: auth(first), payload });
    expect(
      (await change({ currentPassword: 'wrong-one-1', newPassword: 'Loader-Bucket-3' })).statusCode,
    ).toBe(401);
    expect((await change({ currentPassword: PASSWORD, newPassword: 'Loader-Bucket-3' })).statusCode).toBe(
      204,
    );
    expect((await t.app.inject({ url: '/api/v1/me', headers: auth(other) })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/me', headers: auth(first) })).statusCode).toBe(200);
  });

  it('requires the CSRF token for cookie-authenticated changes, not for bearer ones', async () => {
    const { phone } = await signUp();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { phone: phone.national, password: PASSWORD },
    });
    const cookies = Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
    const noHeader = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', cookies });
    expect(noHeader.json().code).toBe('auth.csrf_failed');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      cookies,
      headers: { 'x-csrf-token': res.json().csrfToken },
    });
    expect(ok.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/me', cookies })).statusCode).toBe(401);
  });

  it('refuses a malformed authorization header and an unknown token', async () => {
    expect(
      (await t.app.inject({ url: '/api/v1/me', headers: { authorization: 'Basic abc' } })).json().code,
    ).toBe('auth.unauthenticated');
    expect((await t.app.inject({ url: '/api/v1/me', headers: auth('made-up') })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/me' })).statusCode).toBe(401);
  });
});
