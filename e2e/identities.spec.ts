/**
 * 第三方账号 on a phone: a signed-in member links WeChat (a local stand-in) to the account and
 * unlinks it; an identity already linked to another account is refused with a message.
 */
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, PHONE, screenshot, test } from './fixtures.ts';
import { registerByApi } from './members.ts';

test.use(PHONE);

/** The WeChat user who "scans the QR code" next (the stand-in runs in the global setup). */
async function nextWeChatUser(nickname: string): Promise<void> {
  const res = await fetch(`${process.env.CCM_E2E_WECHAT_URL}/test/next-user`, {
    method: 'POST',
    body: JSON.stringify({ openid: `o-link-${randomBytes(6).toString('hex')}`, nickname }),
  });
  expect(res.status).toBe(204);
}

async function linkWeChat(page: Page) {
  await page.goto('/me');
  await page.getByRole('link', { name: '第三方账号' }).click();
  await expect(page).toHaveURL('/me/identities');
  const wechat = page.getByTestId('identity').filter({ hasText: '微信' });
  await wechat.getByRole('button', { name: '绑定' }).click();
  await expect(page).toHaveURL(/\/me\/identities/);
  return wechat;
}

test('a member links WeChat to the account and unlinks it; one identity cannot serve two accounts', async ({
  page,
  browser,
  server,
}) => {
  await nextWeChatUser('泵车老周');
  await registerByApi(page.request, server.dataDir);
  const wechat = await linkWeChat(page);
  await expect(wechat.getByText('已绑定')).toBeVisible();
  await screenshot(page, 'member-identities');

  // The same WeChat user, linked from another account: refused, and the page says why.
  const other = await browser.newContext(PHONE);
  const second = await other.newPage();
  await registerByApi(second.request, server.dataDir);
  await linkWeChat(second);
  // (WeChat's address ends in #wechat_redirect, which the browser keeps across the redirects.)
  await expect(second).toHaveURL(/\/me\/identities\?error=oauth\.provider_taken/);
  await expect(second.getByText('这个第三方账号已绑定其他 CCM 账号')).toBeVisible();
  await expect(second.getByTestId('identity').filter({ hasText: '微信' }).getByText('未绑定')).toBeVisible();
  await other.close();

  await wechat.getByRole('button', { name: '解绑' }).click();
  await expect(page.getByText('已解绑。')).toBeVisible();
  await expect(wechat.getByText('未绑定')).toBeVisible();
});
