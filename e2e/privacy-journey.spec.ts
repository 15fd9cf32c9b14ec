/**
 * The privacy core end to end, as issue 4 states it: a new visitor sees the policy before anything
 * is stored, registers, withdraws personalisation in the Privacy Center, downloads the export and
 * opens its index.html, cancels the account, and can no longer sign in.
 */
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { expect, PHONE, screenshot, test } from './fixtures.ts';
import { codeFor, newPassword, newPhone, sentCount } from './members.ts';

test.use(PHONE);

test('a visitor reads the policy first, registers, withdraws personalisation, takes a copy, cancels, and cannot sign in again', async ({
  page,
  context,
  server,
}) => {
  const phone = newPhone();
  const password = newPassword();

  // 1. The policy comes before anything: no session, no code sent, no field asked for.
  await page.goto('/');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '我的' }).click();
  await page.getByRole('link', { name: '注册' }).click();
  await expect(page.getByRole('heading', { name: '隐私政策摘要' })).toBeVisible();
  await expect(page.getByLabel('手机号', { exact: true })).toHaveCount(0);
  expect((await context.cookies()).some((c) => c.name === 'ccm_session')).toBe(false);
  expect(await sentCount(server.dataDir, phone, 'register')).toBe(0);

  await page.getByRole('checkbox', { name: /我已阅读并同意《隐私政策》/ }).check();
  await page.getByRole('switch', { name: /个性化推荐/ }).check();
  await page.getByRole('button', { name: '同意并继续' }).click();

  // 2. Registration with the SMS code from the outbox.
  await page.getByLabel('手机号', { exact: true }).fill(phone.national);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await page.getByLabel('验证码', { exact: true }).fill(await codeFor(server.dataDir, phone, 'register'));
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByRole('button', { name: /完成注册/ }).click();
  await expect(page).toHaveURL('/');
  const given = await page.request.get('/api/v1/me/consents');
  const before = (await given.json()) as { purpose: string; granted: boolean }[];
  expect(before.find((c) => c.purpose === 'personalization')?.granted).toBe(true);

  // 3. Withdrawal in the Privacy Center, one tap, effective on the next request.
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '我的' }).click();
  await page.getByRole('link', { name: /隐私与个人信息/ }).click();
  const personalization = page.getByTestId('consent-personalization').getByRole('switch');
  await expect(personalization).toBeChecked();
  // The switch follows the ledger: it turns off once the server has recorded the withdrawal.
  await personalization.click();
  await expect(personalization).not.toBeChecked();
  await screenshot(page, 'journey-privacy-center', true);
  const after = (await (await page.request.get('/api/v1/me/consents')).json()) as {
    purpose: string;
    granted: boolean;
  }[];
  expect(after.find((c) => c.purpose === 'personalization')?.granted).toBe(false);

  // 4. A copy of the data, and its index.html read on its own.
  await page.goto('/me');
  await page.getByRole('link', { name: '下载我的数据' }).click();
  await page.getByTestId('export-request').click();
  const item = page.getByTestId('export').first();
  await expect(item).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    item.getByTestId('export-download').click(),
  ]);
  const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
  const data = JSON.parse(strFromU8(files['data.json']));
  const ledger = data.tables.consent_records.rows as { purpose: string; granted: boolean }[];
  expect(ledger.filter((r) => r.purpose === 'personalization').map((r) => r.granted)).toEqual([true, false]);
  const exportPage = await context.newPage();
  await exportPage.setContent(strFromU8(files['index.html']));
  await expect(exportPage.getByRole('heading', { level: 1 })).toHaveText('我的数据副本');
  await exportPage.close();

  // 5. Cancellation after an SMS code: signed out, with a receipt.
  await page.goto('/me');
  await page.getByRole('link', { name: /注销账号/ }).click();
  await page.getByLabel('手机号').fill(phone.national);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await page.getByLabel('验证码').fill(await codeFor(server.dataDir, phone, 'cancel-account'));
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: '确认注销' }).click();
  await expect(page.getByText(/注销凭证编号：er_[0-9a-f]{24}/)).toBeVisible();

  // 6. The password no longer opens anything.
  await page.goto('/login');
  await page.getByLabel('手机号', { exact: true }).fill(phone.national);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByTestId('notice-error')).toHaveText('手机号或密码不正确。');
  expect((await page.request.get('/api/v1/me')).status()).toBe(401);
});
