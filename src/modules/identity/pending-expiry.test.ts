/** A pending link lives 15 minutes: never binding a phone leaves no account, session or profile. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { fixedClock } from '../../platform/clock.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { testPhone } from '../../testing/outbox.ts';
import {
  APP_ORIGIN,
  callbackOf,
  comeBack,
  completeLink,
  linkIdOf,
  smsCode,
  startSignIn,
} from './testing/app-flow.ts';
import { ProviderBrowser } from './testing/browser.ts';
import { startOidcProvider, type TestOidcProvider } from './testing/oidc-provider.ts';

const MINUTE = 60_000;

describe('a pending third-party link', () => {
  let op: TestOidcProvider;
  let t: TestApp;
  // The provider checks ID token times against the real clock, so the app's clock starts there.
  const clock = fixedClock(new Date());

  beforeAll(async () => {
    op = await startOidcProvider({ redirectUri: callbackOf('apple') });
    t = await createTestApp({
      clock,
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

  const count = async (table: string) =>
    (
      await queryRows<{ n: number }>(
        t.database.db,
        sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`,
      )
    )[0].n;

  it('expires after 15 minutes (410) and leaves nothing behind', async () => {
    op.users.set('late-user', { email: 'late@example.org', name: '迟到的人' });
    const started = await startSignIn(t, 'apple');
    const back = await new ProviderBrowser(APP_ORIGIN).authorize(started.location, { login: 'late-user' });
    const linkId = linkIdOf(await comeBack(t, back, started.cookies));
    const users = await count('users');

    clock.advance(14 * MINUTE);
    expect((await t.app.inject({ url: `/api/v1/auth/oauth/pending/${linkId}` })).statusCode).toBe(200);
    const phone = testPhone();
    const code = await smsCode(t, phone, 'bind-phone');

    clock.advance(2 * MINUTE);
    const read = await t.app.inject({ url: `/api/v1/auth/oauth/pending/${linkId}` });
    expect(read.statusCode).toBe(410);
    expect(read.json().code).toBe('oauth.link_expired');
    const done = await completeLink(t, linkId, { phone: phone.national, code });
    expect(done.statusCode).toBe(410);
    expect(done.json().code).toBe('oauth.link_expired');

    expect(await count('users')).toBe(users);
    expect(await count('user_identities')).toBe(0);
    expect(await count('oauth_pending_links')).toBe(0);
    expect(await count('member_sessions')).toBe(0);
  });

  it('expires the sign-in attempt itself after 10 minutes', async () => {
    op.users.set('slow-user', { email: 'slow@example.org' });
    const started = await startSignIn(t, 'apple');
    const back = await new ProviderBrowser(APP_ORIGIN).authorize(started.location, { login: 'slow-user' });
    clock.advance(11 * MINUTE);
    const res = await comeBack(t, back, started.cookies);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('oauth.state_invalid');
  });
});
