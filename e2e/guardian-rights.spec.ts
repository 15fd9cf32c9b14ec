/**
 * Requirement 13 in a browser: a child's guardian, not signed in, goes from the login page to
 * 监护人服务, verifies their own phone with the code from the dev SMS outbox, corrects the child's
 * nickname, and cancels the child's account after the preview; the child is signed out.
 */
import type { APIRequestContext } from '@playwright/test';
import { expect, PHONE, screenshot, test } from './fixtures.ts';
import { codeFor, csrfOf, newPhone, registerByApi, type TestPhone } from './members.ts';

test.use(PHONE);

/** A birthday ten years ago today (a child under 14). */
function childBirthday(): string {
  const d = new Date();
  d.setFullYear(d.getFullYear() - 10);
  return d.toISOString().slice(0, 10);
}

/** A child registered through the API in its own browser context, whose guardian agreed. */
async function childWithGuardian(request: APIRequestContext, dataDir: string, guardian: TestPhone) {
  await registerByApi(request, dataDir);
  const csrf = { 'x-csrf-token': await csrfOf(request) };
  const born = await request.patch('/api/v1/me', { data: { birthday: childBirthday() }, headers: csrf });
  expect(born.status(), await born.text()).toBe(200);
  const asked = await request.post('/api/v1/me/guardian', {
    data: { guardianPhone: guardian.national },
    headers: csrf,
  });
  expect(asked.status(), await asked.text()).toBe(202);
  const notice = await (await request.get('/api/v1/guardian/notice')).json();
  const code = await codeFor(dataDir, guardian, 'guardian');
  const decided = await request.post('/api/v1/me/guardian/decision', {
    data: { code, decision: 'accept', noticeVersion: notice.version },
    headers: csrf,
  });
  expect(decided.status(), await decided.text()).toBe(200);
}

test('a guardian verifies their phone, corrects the child’s nickname and cancels the child’s account', async ({
  page,
  browser,
  server,
}) => {
  const guardian = newPhone();
  const childContext = await browser.newContext();
  const child = childContext.request;
  await childWithGuardian(child, server.dataDir, guardian);

  // The guardian is not signed in: the login page leads to 监护人服务.
  await page.goto('/login');
  await page.getByTestId('login-guardian').click();
  await expect(page).toHaveURL('/guardian');
  await expect(page.getByRole('heading', { name: '验证监护人手机号' })).toBeVisible();

  await page.getByLabel('监护人本人手机号', { exact: true }).fill(guardian.national);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await expect(page.getByTestId('sms-message')).toBeVisible();
  const code = await codeFor(server.dataDir, guardian, 'guardian-access');
  await page.getByLabel('验证码', { exact: true }).fill(code);
  await page.getByRole('button', { name: '验证并继续' }).click();

  await expect(page.getByRole('heading', { name: '由您监护的孩子' })).toBeVisible();
  await expect(page.getByTestId('ga-child')).toHaveCount(1);
  await expect(page.getByTestId('ga-profile')).toBeVisible();
  await screenshot(page, 'member-guardian-rights', true);

  // Correct the nickname with the member's own form and rules.
  const nickname = `小明${Math.floor(Math.random() * 1e6)}`;
  await page.getByLabel('昵称', { exact: true }).fill(nickname);
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByText('资料已保存。')).toBeVisible();
  await expect(page.getByTestId('ga-nickname')).toHaveText(nickname);
  expect((await (await child.get('/api/v1/me')).json()).nickname).toBe(nickname);

  // Cancel: the preview first, the irreversible warning, the confirmation.
  await page.getByTestId('ga-section-cancel').click();
  await expect(page.getByText(/无法恢复/).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: '将被删除' })).toBeVisible();
  const submit = page.getByRole('button', { name: '确认注销孩子的账号' });
  await submit.click();
  await expect(page.getByText('请先勾选确认。')).toBeVisible();
  await page.getByRole('checkbox', { name: new RegExp(nickname) }).check();
  await submit.click();
  await expect(page.getByTestId('ga-cancelled')).toContainText('孩子的账号已注销');
  await expect(page.getByTestId('ga-cancelled')).toContainText(/注销凭证编号：er_/);
  await screenshot(page, 'member-guardian-cancelled', true);

  // The child is signed out everywhere, and no longer in the guardian's care.
  expect((await child.get('/api/v1/me')).status()).toBe(401);
  await page.getByRole('button', { name: '返回', exact: true }).click();
  await expect(page.getByTestId('ga-no-children')).toBeVisible();
  await childContext.close();
});
