/**
 * Sign in with Apple, against a real OpenID Connect provider (oidc-provider) on 127.0.0.1: the whole
 * round trip, phone binding with per-field import, and what must be refused.
 */
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { hashToken } from '../../platform/auth.ts';
import { createLogger } from '../../platform/logging.ts';
import { tablesContaining } from '../../testing/db-scan.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { testPhone } from '../../testing/outbox.ts';
// A fresh database's policy in force is the version CCM installs (modules/consent).
import { INITIAL_POLICY_VERSION as CURRENT_POLICY_VERSION } from '../consent/policy-text.ts';
import {
  APP_ORIGIN,
  callbackOf,
  comeBack,
  completeLink,
  cookiesOf,
  linkIdOf,
  smsCode,
  startSignIn,
} from './testing/app-flow.ts';
import { ProviderBrowser } from './testing/browser.ts';
import { startOidcProvider, type TestOidcProvider } from './testing/oidc-provider.ts';

describe('Sign in with Apple (OpenID Connect)', () => {
  let op: TestOidcProvider;
  let t: TestApp;
  const logLines: string[] = [];

  beforeAll(async () => {
    op = await startOidcProvider({ redirectUri: callbackOf('apple') });
    const sink = new Writable({
      write(chunk, _enc, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    t = await createTestApp({
      logger: createLogger('trace', sink),
      env: {
        CCM_PUBLIC_URL: APP_ORIGIN,
        CCM_APPLE_ISSUER: op.issuer,
        CCM_APPLE_CLIENT_ID: op.clientId,
        CCM_APPLE_CLIENT_SECRET: op.clientSecret,
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await op?.close();
  });

  let n = 0;
  /** A provider user with its own subject, email and name. */
  function providerUser(extra: { picture?: boolean; name?: string } = {}) {
    n += 1;
    const sub = `apple-user-${n}-${Date.now()}`;
    const user = {
      email: `digger${n}.${Date.now()}@privaterelay.example`,
      name: `挖机老王${n}${Date.now() % 1000}`,
      ...extra,
    };
    op.users.set(sub, user);
    return { sub, ...user };
  }

  /** From /start to the callback's answer, in one browser. */
  async function signIn(browser: ProviderBrowser, login: string, returnTo = '/articles/42') {
    const started = await startSignIn(t, 'apple', returnTo);
    const back = await browser.authorize(started.location, { login });
    return { res: await comeBack(t, back, started.cookies), cookies: started.cookies, back };
  }

  it('offers Apple only, as configured', async () => {
    const res = await t.app.inject({ url: '/api/v1/auth/providers' });
    expect(res.json()).toEqual([{ id: 'apple', name: 'Apple' }]);
    const wechat = await t.app.inject({ url: '/api/v1/auth/oauth/wechat/start' });
    expect(wechat.statusCode).toBe(404);
    expect(wechat.json().code).toBe('oauth.provider_unknown');
  });

  it('sends the browser to the provider with state, nonce and a PKCE S256 challenge', async () => {
    const started = await startSignIn(t, 'apple');
    const url = new URL(started.location);
    expect(url.origin).toBe(op.issuer);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: op.clientId,
      redirect_uri: callbackOf('apple'),
      response_type: 'code',
      response_mode: 'form_post',
      code_challenge_method: 'S256',
    });
    for (const p of ['state', 'nonce', 'code_challenge'])
      expect(url.searchParams.get(p)?.length).toBeGreaterThan(20);
    expect(started.cookies.ccm_oauth).toBeTruthy();
  });

  it('refuses a returnTo that leaves the site', async () => {
    for (const returnTo of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      const res = await t.app.inject({
        url: `/api/v1/auth/oauth/apple/start?returnTo=${encodeURIComponent(returnTo)}`,
      });
      expect(res.statusCode, returnTo).toBe(400);
      expect(res.json().code).toBe('validation.failed');
    }
  });

  it('binds a phone to a new identity, imports the ticked fields, then signs in directly', async () => {
    const user = providerUser({ picture: true });
    const browser = new ProviderBrowser(APP_ORIGIN);
    const first = await signIn(browser, user.sub);
    const linkId = linkIdOf(first.res);
    expect(first.res.cookies.find((c) => c.name === 'ccm_session')).toBeUndefined();

    const pending = await t.app.inject({ url: `/api/v1/auth/oauth/pending/${linkId}` });
    expect(pending.statusCode).toBe(200);
    expect(pending.json()).toMatchObject({
      provider: 'apple',
      providerName: 'Apple',
      returnTo: '/articles/42',
    });
    const offered = pending.json().offered as { field: string; preview: string | null }[];
    expect(offered.map((f) => f.field)).toEqual(['nickname', 'avatar', 'email']);
    expect(offered[0].preview).toBe(`${Array.from(user.name)[0]}***`);
    expect(offered[2].preview).toBe(`d***@privaterelay.example`);
    expect(pending.body).not.toContain(user.email);

    const phone = testPhone();
    const code = await smsCode(t, phone, 'bind-phone');
    const done = await completeLink(t, linkId, {
      phone: phone.national,
      code,
      import: { nickname: true, avatar: true, email: true },
    });
    expect(done.statusCode, done.body).toBe(200);
    const body = done.json();
    expect(body.imported).toEqual({ nickname: 'imported', avatar: 'imported', email: 'imported' });
    expect(body.user).toMatchObject({
      nickname: user.name,
      phone: `${phone.national.slice(0, 3)}****${phone.national.slice(7)}`,
    });
    expect(body.user.avatarUrl).toMatch(/^\/media\/avatars\/[0-9a-f]{32}\.webp$/);
    expect(body.csrfToken).toBeTruthy();
    const auth = { authorization: `Bearer ${body.token}` };
    const identities = await t.app.inject({ url: '/api/v1/me/identities', headers: auth });
    expect(identities.json()).toMatchObject([
      { provider: 'apple', name: 'Apple', email: 'd***@privaterelay.example' },
    ]);

    const [consent] = await queryRows<{ granted: boolean }>(
      t.database.db,
      sql`SELECT granted FROM consent_records WHERE user_id = ${body.user.id} AND purpose = 'third-party-login'`,
    );
    expect(consent.granted).toBe(true);
    const [account] = await queryRows<{ password_hash: string | null }>(
      t.database.db,
      sql`SELECT password_hash FROM users WHERE id = ${body.user.id}`,
    );
    expect(account.password_hash).toBeNull();

    // The link is used up; the same browser signs in directly the next time.
    expect((await t.app.inject({ url: `/api/v1/auth/oauth/pending/${linkId}` })).statusCode).toBe(410);
    const second = await signIn(browser, user.sub, '/columns/news');
    expect(second.res.statusCode).toBe(302);
    expect(second.res.headers.location).toBe('/columns/news');
    const session = cookiesOf(second.res).ccm_session;
    expect(session).toBeTruthy();
    const me = await t.app.inject({ url: '/api/v1/me', cookies: { ccm_session: session } });
    expect(me.json().id).toBe(body.user.id);
  });

  it('imports only what was ticked: the avatar without the email stores no email anywhere', async () => {
    const user = providerUser({ picture: true });
    const { res } = await signIn(new ProviderBrowser(APP_ORIGIN), user.sub);
    const phone = testPhone();
    const done = await completeLink(t, linkIdOf(res), {
      phone: phone.national,
      code: await smsCode(t, phone, 'bind-phone'),
      import: { avatar: true },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().imported).toEqual({ nickname: 'not-chosen', avatar: 'imported', email: 'not-chosen' });
    expect(done.json().user.nickname).toBeNull();
    expect(done.json().user.avatarUrl).toBeTruthy();
    const [identity] = await queryRows<{ email_ciphertext: string | null }>(
      t.database.db,
      sql`SELECT email_ciphertext FROM user_identities WHERE user_id = ${done.json().user.id}`,
    );
    expect(identity.email_ciphertext).toBeNull();
    const identities = await t.app.inject({
      url: '/api/v1/me/identities',
      headers: { authorization: `Bearer ${done.json().token}` },
    });
    expect(identities.json()[0].email).toBeNull();
    // Neither in plain text nor encrypted: the pending link that held it is gone.
    expect(await tablesContaining(t.database.db, [user.email, user.name])).toEqual([]);
    const [{ n: pendingRows }] = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM oauth_pending_links`,
    );
    expect(pendingRows).toBe(0);
  });

  it('imports a nickname only when it is free and valid here, and says why not', async () => {
    const name = `Digger${Date.now()}`;
    const cases = [
      [name, 'imported'],
      [name.toUpperCase(), 'taken'], // nicknames are unique whatever their case
      ['Li Wei', 'refused'], // no spaces in nicknames
    ] as const;
    for (const [nickname, expected] of cases) {
      const user = providerUser({ name: nickname });
      const { res } = await signIn(new ProviderBrowser(APP_ORIGIN), user.sub);
      const phone = testPhone();
      const done = await completeLink(t, linkIdOf(res), {
        phone: phone.national,
        code: await smsCode(t, phone, 'bind-phone'),
        import: { nickname: true },
      });
      expect(done.statusCode, done.body).toBe(200);
      expect(done.json().imported.nickname, nickname).toBe(expected);
      expect(done.json().user.nickname).toBe(expected === 'imported' ? nickname : null);
    }
  });

  it('links the identity to the account a registered phone already has (proven by a login code)', async () => {
    const phone = testPhone();
    const reg = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: {
        phone: phone.national,
        code: await smsCode(t, phone, 'register'),
        password: 'Excavator-2026!',
        policyVersion: CURRENT_POLICY_VERSION,
        consents: { account: true },
      },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const user = providerUser();
    const browser = new ProviderBrowser(APP_ORIGIN);
    const linkId = linkIdOf((await signIn(browser, user.sub)).res);
    // A registered number gets a bind-phone code too, and is linked to its account.
    const wrong = await completeLink(t, linkId, { phone: phone.national, code: '000000' });
    expect(wrong.json().code).toBe('sms.code_invalid');
    const done = await completeLink(t, linkId, {
      phone: phone.national,
      code: await smsCode(t, phone, 'bind-phone'),
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().user.id).toBe(reg.json().user.id);
    const again = await signIn(browser, user.sub);
    expect(again.res.statusCode).toBe(302);
    expect(cookiesOf(again.res).ccm_session).toBeTruthy();
  });

  it('unlinks a provider; signing in with it then needs a phone again', async () => {
    const user = providerUser();
    const browser = new ProviderBrowser(APP_ORIGIN);
    const phone = testPhone();
    const done = await completeLink(t, linkIdOf((await signIn(browser, user.sub)).res), {
      phone: phone.national,
      code: await smsCode(t, phone, 'bind-phone'),
    });
    const auth = { authorization: `Bearer ${done.json().token}` };
    const del = await t.app.inject({ method: 'DELETE', url: '/api/v1/me/identities/apple', headers: auth });
    expect(del.statusCode).toBe(204);
    const again = await t.app.inject({ method: 'DELETE', url: '/api/v1/me/identities/apple', headers: auth });
    expect(again.json().code).toBe('identity.not_found');
    expect((await t.app.inject({ url: '/api/v1/me/identities', headers: auth })).json()).toEqual([]);
    linkIdOf((await signIn(browser, user.sub)).res);
  });

  it('refuses a forged state, a replayed one and one from another browser', async () => {
    const forged = await t.app.inject({
      url: '/api/v1/auth/oauth/apple/callback?code=abc&state=forged-state',
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().code).toBe('oauth.state_invalid');

    const user = providerUser();
    const started = await startSignIn(t, 'apple');
    const back = await new ProviderBrowser(APP_ORIGIN).authorize(started.location, { login: user.sub });
    const elsewhere = await comeBack(t, back, {}); // the victim's browser has no ccm_oauth of that attempt
    expect(elsewhere.json().code).toBe('oauth.state_invalid');

    const other = providerUser();
    const s2 = await startSignIn(t, 'apple');
    const b2 = await new ProviderBrowser(APP_ORIGIN).authorize(s2.location, { login: other.sub });
    linkIdOf(await comeBack(t, b2, s2.cookies));
    const replay = await comeBack(t, b2, s2.cookies);
    expect(replay.statusCode).toBe(400);
    expect(replay.json().code).toBe('oauth.state_invalid');
  });

  it('brings back two sign-ins started in two tabs of one browser', async () => {
    const [a, b] = [providerUser(), providerUser()];
    const first = await startSignIn(t, 'apple');
    const second = await startSignIn(t, 'apple', '/', first.cookies);
    expect(second.cookies.ccm_oauth).toBe(first.cookies.ccm_oauth);
    const backA = await new ProviderBrowser(APP_ORIGIN).authorize(first.location, { login: a.sub });
    const backB = await new ProviderBrowser(APP_ORIGIN).authorize(second.location, { login: b.sub });
    linkIdOf(await comeBack(t, backB, first.cookies));
    linkIdOf(await comeBack(t, backA, first.cookies));
  });

  it('refuses an ID token whose nonce is not the one sent', async () => {
    const user = providerUser();
    const started = await startSignIn(t, 'apple');
    const state = new URL(started.location).searchParams.get('state')!;
    await t.database.db.execute(
      sql`UPDATE oauth_flows SET nonce = 'not-the-nonce-that-was-sent' WHERE state_hash = ${hashToken(state)}`,
    );
    const back = await new ProviderBrowser(APP_ORIGIN).authorize(started.location, { login: user.sub });
    const res = await comeBack(t, back, started.cookies);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('oauth.token_invalid');
    // It was the nonce that failed (the log names the check, not the token's content).
    const failure = logLines.map((l) => JSON.parse(l)).find((l) => l.event === 'oauth.failed');
    expect(failure).toMatchObject({ provider: 'apple', code: 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' });
  });

  it('leaves a member who declines at the provider anonymous, with browsing still open', async () => {
    const before = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM users`);
    const started = await startSignIn(t, 'apple', '/articles/7');
    const back = await new ProviderBrowser(APP_ORIGIN).authorize(started.location, {
      login: providerUser().sub,
      decline: true,
    });
    const res = await comeBack(t, back, started.cookies);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/articles/7');
    expect(res.cookies.find((c) => c.name === 'ccm_session')).toBeUndefined();
    const after = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM users`);
    expect(after[0].n).toBe(before[0].n);
    expect((await t.app.inject({ url: '/api/v1/feed' })).statusCode).toBe(200);
  });

  it('keeps names, emails and provider ids out of the logs', () => {
    const text = logLines.join('');
    expect(text.length).toBeGreaterThan(1000);
    for (const user of op.users.entries()) {
      const [sub, u] = user;
      for (const secret of [sub, u.email, u.name]) if (secret) expect(text).not.toContain(secret);
    }
  });
});
