/** The app's side of a third-party sign-in in tests: inject calls from /start to /complete. */
import { expect } from 'vitest';
import type { TestApp } from '../../../testing/harness.ts';
import { lastCode } from '../../../testing/outbox.ts';
// A fresh database's policy in force is the version CCM installs (modules/consent).
import { INITIAL_POLICY_VERSION as CURRENT_POLICY_VERSION } from '../../consent/policy-text.ts';
import type { BackToApp } from './browser.ts';

export const APP_ORIGIN = 'http://ccm.test';
export const callbackOf = (provider: string) => `${APP_ORIGIN}/api/v1/auth/oauth/${provider}/callback`;

type Injected = Awaited<ReturnType<TestApp['app']['inject']>>;
export const cookiesOf = (res: Injected) => Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));

let address = 0;
/** A different client address per SMS request, so a file's codes stay under the per-network cap. */
const nextAddress = () => {
  address += 1;
  return `10.77.${Math.floor(address / 250)}.${(address % 250) + 1}`;
};

/** GET /start: the provider's address and the browser cookie (ccm_oauth). */
export async function startSignIn(
  t: TestApp,
  provider: string,
  returnTo = '/articles/42',
  cookies: Record<string, string> = {},
) {
  const res = await t.app.inject({
    url: `/api/v1/auth/oauth/${provider}/start?returnTo=${encodeURIComponent(returnTo)}`,
    cookies,
  });
  expect(res.statusCode, res.body).toBe(302);
  return { location: res.headers.location as string, cookies: cookiesOf(res) };
}

/** Brings the provider's answer to the app, through the form_post hop when there is one. */
export async function comeBack(t: TestApp, back: BackToApp, cookies: Record<string, string>) {
  let url = `${back.url.pathname}${back.url.search}`;
  if (back.method === 'POST') {
    const posted = await t.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(back.form).toString(),
    });
    expect(posted.statusCode, posted.body).toBe(303);
    url = posted.headers.location as string;
  }
  return t.app.inject({ url, cookies });
}

/** The opaque id of /bind-phone?link=<id>. */
export function linkIdOf(res: Injected): string {
  expect(res.statusCode, res.body).toBe(302);
  const location = new URL(res.headers.location as string, APP_ORIGIN);
  expect(location.pathname).toBe('/bind-phone');
  return location.searchParams.get('link')!;
}

export async function smsCode(t: TestApp, phone: { national: string; e164: string }, purpose: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/sms-codes',
    payload: { phone: phone.national, purpose },
    remoteAddress: nextAddress(),
  });
  expect(res.statusCode, res.body).toBe(202);
  return lastCode(t.config.dataDir, phone.e164, purpose);
}

export function completeLink(
  t: TestApp,
  linkId: string,
  input: { phone: string; code: string; import?: Partial<Record<'nickname' | 'avatar' | 'email', boolean>> },
) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/auth/oauth/pending/${linkId}/complete`,
    payload: {
      phone: input.phone,
      code: input.code,
      policyVersion: CURRENT_POLICY_VERSION,
      consents: { account: true, 'third-party-login': true },
      import: { nickname: false, avatar: false, email: false, ...input.import },
    },
  });
}
