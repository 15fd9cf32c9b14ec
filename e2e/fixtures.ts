/** The e2e test API: Playwright's, plus the running server (its URL and printed accounts). */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type APIRequestContext, test as base, expect, type Page } from '@playwright/test';
import type { Account } from './server.ts';

export { expect };

interface Server {
  baseURL: string;
  accounts: Account[];
  admin: Account;
  /** The server's data directory: the development SMS outbox is under it. */
  dataDir: string;
}

function server(): Server {
  const baseURL = process.env.CCM_E2E_BASE_URL;
  if (!baseURL) throw new Error('CCM_E2E_BASE_URL is not set: run the suite with `npm run test:e2e`');
  const accounts = JSON.parse(process.env.CCM_E2E_ACCOUNTS ?? '[]') as Account[];
  const dataDir = process.env.CCM_E2E_DATA_DIR ?? '';
  return { baseURL, accounts, admin: accounts.find((a) => a.role === 'admin')!, dataDir };
}

export const test = base.extend<{ server: Server }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires a destructuring pattern here
  server: async ({}, use) => use(server()),
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires a destructuring pattern here
  baseURL: async ({}, use) => use(server().baseURL),
  // Every page of every test must work under the shells' Content-Security-Policy.
  page: async ({ page }, use) => {
    const violations: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await use(page);
    expect(violations, 'Content-Security-Policy violations').toEqual([]);
  },
});

const SCREENSHOTS = new URL('./screenshots/', import.meta.url);

/** Saves a screenshot under e2e/screenshots/ (git-ignored) for people to look at. */
export async function screenshot(page: Page, name: string, fullPage = false) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: fileURLToPath(new URL(`${name}.png`, SCREENSHOTS)), fullPage });
}

export async function getJson<T>(request: APIRequestContext, url: string): Promise<T> {
  const res = await request.get(url);
  if (!res.ok()) throw new Error(`GET ${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The member app's phone viewport. */
export const PHONE = {
  viewport: { width: 375, height: 812 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
