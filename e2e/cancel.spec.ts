/**
 * 注销账号 on a phone: a signed-in member opens the page from 我的, reads what is deleted and kept,
 * requests the code, confirms, is signed out with a receipt number, and can no longer sign in.
 */
import { expect, PHONE, screenshot, test } from './fixtures.ts';
import { codeFor, registerByApi } from './members.ts';

test.use(PHONE);

test('a member cancels the account after an SMS code and can no longer sign in', async ({ page, server }) => {
  const { phone, password } = await registerByApi(page.request, server.dataDir);
  await page.goto('/me');
  await page.getByRole('link', { name: /注销账号/ }).click();
  await expect(page).toHaveURL('/privacy/cancel');
  await expect(page.getByText('注销后无法恢复')).toBeVisible();
  await expect(page.getByRole('region', { name: '将被删除' }).getByText('手机号码')).toBeVisible();
  await expect(page.getByRole('region', { name: '将被匿名化' }).getByText('昵称')).toBeVisible();
  await screenshot(page, 'member-cancel');

  await page.getByLabel('手机号').fill(phone.national);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await page.getByLabel('验证码').fill(await codeFor(server.dataDir, phone, 'cancel-account'));
  await page.getByRole('button', { name: '确认注销' }).click();
  await expect(page.getByText('请先勾选确认。')).toBeVisible();
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: '确认注销' }).click();
  await expect(page.getByText('账号已注销，你已退出登录。')).toBeVisible();
  await expect(page.getByText(/注销凭证编号：er_[0-9a-f]{24}/)).toBeVisible();

  const me = await page.request.get('/api/v1/me');
  expect(me.status()).toBe(401);
  const login = await page.request.post('/api/v1/auth/login', { data: { phone: phone.national, password } });
  expect(login.status()).toBe(401);
});
