/**
 * Self-service deletion in the Privacy Center: the searches the server keeps for a consenting
 * member are listed under 隐私 → 我的记录 → 搜索记录, and deleted one by one or all at once.
 */
import { expect, PHONE, test } from './fixtures.ts';
import { csrfOf, registerByApi } from './members.ts';

test.use(PHONE);

test('a member finds the searches the server kept and deletes them from the Privacy Center', async ({
  page,
  server,
}) => {
  await registerByApi(page.request, server.dataDir);
  // The server keeps searches only under the personalisation consent.
  const consent = await page.request.put('/api/v1/me/consents/personalization', {
    data: { granted: true },
    headers: { 'x-csrf-token': await csrfOf(page.request) },
  });
  expect(consent.status(), await consent.text()).toBe(200);
  for (const q of ['挖掘机', 'crane'])
    expect((await page.request.get(`/api/v1/search?q=${encodeURIComponent(q)}`)).status()).toBe(200);

  await page.goto('/privacy');
  const records = page.getByTestId('my-records');
  await expect(records).toBeVisible();
  await records.getByRole('link', { name: '搜索记录' }).click();
  await expect(page).toHaveURL(/\/me\/search-history$/);
  const kept = page.getByTestId('kept-searches');
  await expect(kept.getByRole('listitem')).toHaveCount(2);

  await kept.getByRole('button', { name: '删除搜索记录“crane”' }).click();
  await expect(kept.getByRole('listitem')).toHaveCount(1);
  await expect(kept).not.toContainText('crane');

  await page.getByRole('button', { name: '清空搜索记录' }).click();
  await page.getByRole('button', { name: '清空搜索记录' }).click();
  await expect(page.getByText('服务器没有保存您的搜索记录')).toBeVisible();
  const left = await page.request.get('/api/v1/me/search-history');
  expect((await left.json()).items).toEqual([]);
});
