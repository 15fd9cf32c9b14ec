/**
 * Member accounts for browser tests: unique phone numbers, SMS codes read from the development
 * outbox (<data dir>/outbox/sms.jsonl, as the API contract describes), registration through the
 * API when a test is about something else, and pictures made on the spot.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type APIRequestContext, expect } from '@playwright/test';
import { encodePng } from '../web/pwa/png.ts';

export interface TestPhone {
  /** What a person types: 139 and eight digits. */
  national: string;
  /** What the outbox records. */
  e164: string;
}

/** A fresh mainland number per call: 139 + 8 random digits (unique across runs and tests). */
export function newPhone(): TestPhone {
  const national = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  return { national, e164: `+86${national}` };
}

/** A password that passes the rules (8+ characters, not a common one), different each time. */
export const newPassword = () => `Ccm-e2e-${Math.random().toString(36).slice(2, 10)}`;

interface OutboxLine {
  to: string;
  purpose: string;
  kind?: string;
  code?: string;
  at: string;
}

async function outbox(dataDir: string): Promise<OutboxLine[]> {
  const text = await readFile(path.join(dataDir, 'outbox', 'sms.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as OutboxLine);
}

/** How many messages the number has had for the purpose: pass it to `codeFor` to wait for a new one. */
export async function sentCount(dataDir: string, phone: TestPhone, purpose: string): Promise<number> {
  return (await outbox(dataDir)).filter((m) => m.to === phone.e164 && m.purpose === purpose).length;
}

/** The code of the newest message to the number for the purpose, once more than `after` were sent. */
export async function codeFor(
  dataDir: string,
  phone: TestPhone,
  purpose: string,
  after = 0,
): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(
      async () => {
        const sent = (await outbox(dataDir)).filter((m) => m.to === phone.e164 && m.purpose === purpose);
        code = sent.length > after ? sent.at(-1)?.code : undefined;
        return code;
      },
      { message: `an SMS code (${purpose}) in the outbox`, timeout: 10_000 },
    )
    .toMatch(/^\d{6}$/);
  return code!;
}

/** The value of the readable CSRF cookie of a request context signed in by cookie. */
export async function csrfOf(request: APIRequestContext): Promise<string> {
  const cookie = (await request.storageState()).cookies.find((c) => c.name === 'ccm_csrf');
  if (!cookie) throw new Error('not signed in: no ccm_csrf cookie');
  return cookie.value;
}

/**
 * Registers a member through the API with `request` (a page's `page.request` shares the browser's
 * cookies, so the page is signed in afterwards).
 */
export async function registerByApi(
  request: APIRequestContext,
  dataDir: string,
  options: { tags?: string[] } = {},
): Promise<{ phone: TestPhone; password: string }> {
  const phone = newPhone();
  const password = newPassword();
  const sent = await request.post('/api/v1/auth/sms-codes', {
    data: { phone: phone.national, purpose: 'register' },
  });
  expect(sent.status(), await sent.text()).toBe(202);
  const code = await codeFor(dataDir, phone, 'register');
  const policy = await (await request.get('/api/v1/privacy/collection')).json();
  const res = await request.post('/api/v1/auth/register', {
    data: {
      phone: phone.national,
      code,
      password,
      policyVersion: policy.policyVersion,
      consents: { account: true },
      tags: options.tags,
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return { phone, password };
}

/** A real PNG picture: a diagonal gradient with a bright square, so a crop is visible. */
export function testPng(width = 240, height = 180): Buffer {
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const inSquare = x > width * 0.35 && x < width * 0.65 && y > height * 0.3 && y < height * 0.7;
      rgba[i] = inSquare ? 245 : Math.round((x / width) * 200);
      rgba[i + 1] = inSquare ? 179 : Math.round((y / height) * 160) + 40;
      rgba[i + 2] = inSquare ? 1 : 180;
      rgba[i + 3] = 255;
    }
  }
  return encodePng(width, height, rgba);
}
