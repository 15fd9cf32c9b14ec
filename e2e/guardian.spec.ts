/**
 * The guardian gate on a phone: a member whose birthday makes them a child under 14 is sent from
 * a member page to the guardian page, which shows the children's notice as text; the guardian's
 * code (read from the outbox) and 同意 release the account, 不同意 signs it out.
 */
import type { Page } from '@playwright/test';
import { expect, getJson, PHONE, screenshot, test } from './fixtures.ts';
import { codeFor, csrfOf, newPhone, registerByApi } from './members.ts';

test.use(PHONE);

interface Notice {
  version: string;
  title: string;
  sections: { heading: string }[];
  officer: { name: string; contact: string };
}

/** A birthday ten years ago today (a child under 14). */
function childBirthday(): string {
  const d = new Date();
  d.setFullYear(d.getFullYear() - 10);
  return d.toISOString().slice(0, 10);
}

/** Registers a member through the API with the page's cookies and makes them ten years old. */
async function registerChild(page: Page, dataDir: string) {
  await registerByApi(page.request, dataDir);
  const res = await page.request.patch('/api/v1/me', {
    data: { birthday: childBirthday() },
    headers: { 'x-csrf-token': await csrfOf(page.request) },
  });
  expect(res.status(), await res.text()).toBe(200);
  expect((await res.json()).ageGroup).toBe('child');
}

/** From a gated page to the guardian page; the guardian's code is sent and entered. */
async function askGuardian(page: Page, dataDir: string, notice: Notice) {
  await page.goto('/me/tags');
  await expect(page).toHaveURL('/me/guardian');
  await expect(page.getByRole('heading', { name: notice.title })).toBeVisible();
  await expect(page.getByRole('heading', { name: notice.sections[0].heading })).toBeVisible();
  await expect(page.getByTestId('guardian-officer')).toContainText(notice.officer.contact);
  await expect(page.getByRole('link', { name: '更正生日' })).toHaveAttribute('href', '/me/profile');
  await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();
  // No HTML from the notice: list items are real <li> elements with the text only.
  expect(await page.locator('.guardian-notice li').count()).toBeGreaterThan(3);

  const guardian = newPhone();
  await page.getByLabel('监护人手机号', { exact: true }).fill(guardian.national);
  await page.getByRole('button', { name: '发送验证码' }).click();
  await expect(page.getByTestId('guardian-sent')).toContainText(guardian.national.slice(-4));
  await expect(page.getByRole('button', { name: /秒后重新获取/ })).toBeDisabled();
  const code = await codeFor(dataDir, guardian, 'guardian');
  await page.getByLabel('监护人收到的验证码', { exact: true }).fill(code);
}

test('a child is sent to the guardian page; the guardian reads the notice, gets a code and agrees: 我的 works again', async ({
  page,
  request,
  server,
}) => {
  const notice = await getJson<Notice>(request, '/api/v1/guardian/notice?lang=zh-CN');
  await registerChild(page, server.dataDir);
  await askGuardian(page, server.dataDir, notice);
  await screenshot(page, 'member-guardian', true);

  await page.getByRole('button', { name: '同意', exact: true }).click();
  await expect(page).toHaveURL('/me');
  await expect(page.getByTestId('profile-card')).toBeVisible();
  await expect(page.getByTestId('guardian-banner')).toContainText('请在监护人陪同下阅读隐私政策');
  await expect(page.getByRole('link', { name: /监护人管理/ })).toBeVisible();
  await screenshot(page, 'member-guardian-granted', true);

  // The gated page now opens.
  await page.goto('/me/tags');
  await expect(page).toHaveURL('/me/tags');
  const status = await page.request.get('/api/v1/me/guardian');
  expect((await status.json()).status).toBe('granted');

  // 监护人管理 offers the withdrawal.
  await page.goto('/me');
  await page.getByRole('link', { name: /监护人管理/ }).click();
  await expect(page).toHaveURL('/me/guardian');
  await expect(page.getByRole('heading', { name: '撤回同意' })).toBeVisible();
});

test('the guardian refuses: the account is signed out and the home page says why', async ({
  page,
  request,
  server,
}) => {
  const notice = await getJson<Notice>(request, '/api/v1/guardian/notice?lang=zh-CN');
  await registerChild(page, server.dataDir);
  await askGuardian(page, server.dataDir, notice);

  await page.getByRole('button', { name: '不同意', exact: true }).click();
  await expect(page).toHaveURL('/');
  await expect(page.getByTestId('session-message')).toHaveText('监护人没有同意，已退出登录。');
  await screenshot(page, 'member-guardian-refused');
  expect((await page.request.get('/api/v1/me')).status()).toBe(401);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '我的' }).click();
  await expect(page.getByRole('link', { name: '登录' })).toBeVisible();
});
