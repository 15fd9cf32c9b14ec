/** Helpers for the guardian tests: members of an age, requests from distinct addresses, codes. */
import type { InjectOptions } from 'fastify';
import { expect } from 'vitest';
import { makeMember } from '../../testing/factories.ts';
import type { TestApp } from '../../testing/harness.ts';
import { lastCode } from '../../testing/outbox.ts';

export type Headers = Record<string, string>;

/** Injects from its own address each time, so the per-address daily SMS caps stay out of the way. */
export function injector(t: TestApp, net = 7) {
  let n = 0;
  return (opts: InjectOptions & { url: string }) => {
    n += 1;
    return t.app.inject({
      ...opts,
      url: opts.url.startsWith('/api/') ? opts.url : `/api/v1${opts.url}`,
      remoteAddress: `10.${net}.${Math.floor(n / 250)}.${n % 250}`,
    });
  };
}

/** A signed-in member who has given this birthday through PATCH /me. */
export async function memberBornOn(t: TestApp, birthday: string) {
  const m = await makeMember(t.app);
  const res = await t.app.inject({
    method: 'PATCH',
    url: '/api/v1/me',
    headers: m.headers,
    payload: { birthday },
  });
  expect(res.statusCode, res.body).toBe(200);
  return { ...m, me: res.json() };
}

/** The newest guardian code sent to the phone (E.164). */
export const guardianCode = (t: TestApp, e164: string) => lastCode(t.config.dataDir, e164, 'guardian');

/** A code that is certainly not the given one. */
export const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
