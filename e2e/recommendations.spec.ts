/**
 * Personalised recommendations the member controls: excavators and 三一 chosen at registration
 * lead the home feed with their reasons; deleting the brand from 我的兴趣 changes the feed;
 * switching personalisation off shows exactly the general feed an anonymous visitor sees.
 */
import type { Page } from '@playwright/test';
import { expect, PHONE, screenshot, test } from './fixtures.ts';
import { codeFor, newPassword, newPhone } from './members.ts';

test.use(PHONE);

const cardIds = (page: Page) =>
  page
    .getByTestId('feed-card')
    .locator('h2 a')
    .evaluateAll((links) => links.map((a) => Number((a as HTMLAnchorElement).pathname.split('/').pop())));

test('a member’s choices lead the feed with reasons; deleting one changes it; switched off it is the general feed', async ({
  page,
  server,
  playwright,
}) => {
  const phone = newPhone();
  await page.goto('/register');
  await page.getByRole('checkbox', { name: /我已阅读并同意《隐私政策》/ }).check();
  await page.getByRole('switch', { name: /个性化推荐/ }).check();
  await page.getByRole('button', { name: '同意并继续' }).click();
  await page.getByLabel('手机号', { exact: true }).fill(phone.national);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await expect(page.getByTestId('sms-message')).toBeVisible();
  await page.getByLabel('验证码', { exact: true }).fill(await codeFor(server.dataDir, phone, 'register'));
  await page.getByLabel('密码', { exact: true }).fill(newPassword());
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByRole('button', { name: '全选：挖掘机' }).click();
  await page.getByRole('button', { name: '三一', exact: true }).click();
  await expect(page.getByRole('button', { name: '三一', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.getByRole('button', { name: /完成注册/ }).click();
  await expect(page).toHaveURL(/\/$/);

  // Matching items first, each saying why; the notice says the order is algorithmic and where the switch is.
  await expect(page.getByTestId('recs-notice')).toContainText('算法');
  await expect(page.getByTestId('recs-notice').getByRole('link', { name: '关闭个性化推荐' })).toBeVisible();
  const reasons = page.getByTestId('feed-reason');
  await expect(reasons.first()).toBeVisible();
  const firstThree = await reasons.evaluateAll((els) => els.slice(0, 3).map((e) => e.textContent ?? ''));
  for (const text of firstThree) expect(text).toMatch(/挖掘机|三一/);
  await expect(
    page.getByTestId('feed-reason').filter({ hasText: '因为你关注了 三一' }).first(),
  ).toBeVisible();
  await screenshot(page, 'member-feed-personalised');

  // "Not interested" takes an item out at once.
  const before = await cardIds(page);
  await page.getByTestId('not-interested').first().click();
  await expect(page.getByText('已减少此类内容的推荐。')).toBeVisible();
  await expect.poll(async () => (await cardIds(page)).includes(before[0])).toBe(false);

  // Deleting the brand from 我的兴趣: the next feed no longer recommends because of it.
  await page.goto('/me/interests');
  await page.getByRole('button', { name: '删除兴趣「三一」' }).click();
  await expect(page.getByText('已删除，之后不会再根据以往的记录恢复。')).toBeVisible();
  await page.goto('/');
  await expect(page.getByTestId('feed-reason').first()).toBeVisible();
  await expect(page.getByTestId('feed-reason').filter({ hasText: '因为你关注了 三一' })).toHaveCount(0);

  // Switched off in the Privacy Center: offered deletion, then the general feed, as for a visitor.
  await page.goto('/privacy');
  await page.getByRole('switch', { name: /个性化推荐/ }).click();
  await expect(page.getByTestId('recs-off')).toContainText('个性化推荐已关闭');
  await page.getByRole('button', { name: '暂不删除' }).click();
  await page.goto('/');
  await expect(page.getByTestId('feed-card').first()).toBeVisible();
  await expect(page.getByTestId('recs-notice')).toHaveCount(0);
  await expect(page.getByTestId('feed-reason')).toHaveCount(0);
  const visitor = await playwright.request.newContext({ baseURL: server.baseURL });
  const general = (await (await visitor.get('/api/v1/feed?limit=10')).json()) as { items: { id: number }[] };
  await visitor.dispose();
  expect(await cardIds(page)).toEqual(general.items.map((i) => i.id));
});
