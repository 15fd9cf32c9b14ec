/**
 * Favourites, shares, follows and browsing history on a phone: a member favourites an article and
 * finds it in 我的收藏, shares it (the copied link: headless Chromium has no navigator.share),
 * follows its column and finds it under the 关注 tab, and deletes it from 浏览记录.
 */
import { expect, getJson, PHONE, screenshot, test } from './fixtures.ts';
import { csrfOf, registerByApi } from './members.ts';

test.use(PHONE);

test('a member favourites, shares, follows and deletes a browsing record', async ({
  page,
  context,
  server,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.baseURL });
  await registerByApi(page.request, server.dataDir);
  // Browsing history is kept only under personalisation consent.
  const consent = await page.request.put('/api/v1/me/consents/personalization', {
    data: { granted: true },
    headers: { 'x-csrf-token': await csrfOf(page.request) },
  });
  expect(consent.status(), await consent.text()).toBe(200);

  const feed = await getJson<{ items: { id: number; title: string; column: string }[] }>(
    page.request,
    '/api/v1/feed?limit=1',
  );
  const article = feed.items[0];

  await page.goto(`/articles/${article.id}`);
  await expect(page.getByRole('heading', { level: 1, name: article.title })).toBeVisible();
  const favourite = page.getByRole('button', { name: /收藏/ });
  await expect(favourite).toHaveAttribute('aria-pressed', 'false');
  await favourite.click();
  await expect(favourite).toHaveAttribute('aria-pressed', 'true');
  await expect(favourite).toContainText('已收藏');

  await page.getByRole('button', { name: /分享/ }).click();
  await expect(page.getByRole('status').filter({ hasText: /链接已复制|请复制下面的链接/ })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText().catch(() => ''));
  if (copied) expect(copied).toMatch(new RegExp(`/articles/${article.id}$`));

  const columnChip = page.locator(`[data-follow="column:${article.column}"]`);
  await columnChip.click();
  await expect(columnChip).toHaveAttribute('aria-pressed', 'true');
  await screenshot(page, 'engagement-article-actions');

  // Leaving the article sends the view with the time spent reading.
  await page.getByRole('link', { name: '返回' }).first().click();
  await expect
    .poll(
      async () =>
        (await getJson<{ items: { id: number }[] }>(page.request, '/api/v1/me/history')).items.length,
    )
    .toBe(1);

  await page.goto('/me');
  await page.getByRole('link', { name: /我的收藏/ }).click();
  await expect(page).toHaveURL('/me/favorites');
  await expect(page.getByRole('link', { name: article.title })).toBeVisible();

  await page.goto('/');
  await page.getByRole('tab', { name: '关注' }).click();
  await expect(page).toHaveURL('/?tab=following');
  await expect(page.getByTestId('following-feed').getByRole('link', { name: article.title })).toBeVisible();
  await screenshot(page, 'engagement-following-tab');

  await page.goto('/me');
  await page.getByRole('link', { name: /浏览记录/ }).click();
  await expect(page).toHaveURL('/me/history');
  await expect(page.getByRole('link', { name: article.title })).toBeVisible();
  await page.getByRole('button', { name: `删除《${article.title}》的浏览记录` }).click();
  await expect(page.getByText('没有浏览记录')).toBeVisible();
  const history = await getJson<{ items: unknown[] }>(page.request, '/api/v1/me/history');
  expect(history.items).toEqual([]);
});
