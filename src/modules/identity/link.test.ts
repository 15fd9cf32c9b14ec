/** Linking a provider from the profile of a signed-in member, against a real OpenID Connect provider. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { APP_ORIGIN, callbackOf, comeBack, cookiesOf, startSignIn } from './testing/app-flow.ts';
import { ProviderBrowser } from './testing/browser.ts';
import { startOidcProvider, type TestOidcProvider } from './testing/oidc-provider.ts';

describe('linking a provider to a signed-in account', () => {
  let op: TestOidcProvider;
  let t: TestApp;
  beforeAll(async () => {
    op = await startOidcProvider({ redirectUri: callbackOf('apple') });
    t = await createTestApp({
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
  const providerUser = () => {
    n += 1;
    const sub = `apple-link-${n}-${Date.now()}`;
    op.users.set(sub, { email: `link${n}@privaterelay.example`, name: `吊车小李${n}` });
    return sub;
  };

  async function link(token: string, sub: string) {
    const auth = { authorization: `Bearer ${token}` };
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/oauth/apple/link',
      headers: auth,
      payload: { returnTo: '/me/identities' },
    });
    expect(started.statusCode, started.body).toBe(200);
    const back = await new ProviderBrowser(APP_ORIGIN).authorize(started.json().url, { login: sub });
    return comeBack(t, back, cookiesOf(started));
  }

  it('links the provider to the account, and the provider then signs in to it', async () => {
    const member = await makeMember(t.app);
    const sub = providerUser();
    const res = await link(member.token, sub);
    expect(res.statusCode, res.body).toBe(302);
    expect(res.headers.location).toBe('/me/identities');
    const list = await t.app.inject({
      url: '/api/v1/me/identities',
      headers: { authorization: `Bearer ${member.token}` },
    });
    expect(list.json().map((i: { provider: string }) => i.provider)).toEqual(['apple']);

    const browser = new ProviderBrowser(APP_ORIGIN);
    const started = await startSignIn(t, 'apple', '/');
    const signedIn = await comeBack(
      t,
      await browser.authorize(started.location, { login: sub }),
      started.cookies,
    );
    expect(signedIn.statusCode).toBe(302);
    const session = signedIn.cookies.find((c) => c.name === 'ccm_session');
    const me = await t.app.inject({ url: '/api/v1/me', cookies: { ccm_session: session!.value } });
    expect(me.json().id).toBe(member.userId);
  });

  it('refuses an identity that belongs to another account, and says so on the page', async () => {
    const owner = await makeMember(t.app);
    const other = await makeMember(t.app);
    const sub = providerUser();
    expect((await link(owner.token, sub)).headers.location).toBe('/me/identities');
    const refused = await link(other.token, sub);
    expect(refused.headers.location).toBe('/me/identities?error=oauth.provider_taken');
    const list = await t.app.inject({
      url: '/api/v1/me/identities',
      headers: { authorization: `Bearer ${other.token}` },
    });
    expect(list.json()).toEqual([]);
  });

  it('needs a signed-in member and a same-site return path', async () => {
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/auth/oauth/apple/link', payload: {} })).statusCode,
    ).toBe(401);
    const member = await makeMember(t.app);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/oauth/apple/link',
      headers: { authorization: `Bearer ${member.token}` },
      payload: { returnTo: 'https://evil.example/' },
    });
    expect(bad.statusCode).toBe(400);
  });
});
