/**
 * 我的兴趣: a consenting member who chose two tags at registration finds them under 隐私 → 我的记录,
 * each said to come from the registration choice, deletes one, then clears the rest.
 */
import { expect, PHONE, test } from './fixtures.ts';
import { csrfOf, registerByApi } from './members.ts';

test.use(PHONE);

test('a member sees where each interest came from, deletes one and clears all', async ({ page, server }) => {
  const tags = (await (await page.request.get('/api/v1/tags')).json()) as { id: string; name: string }[];
  const chosen = tags.slice(0, 2);
  expect(chosen).toHaveLength(2);
  await registerByApi(page.request, server.dataDir, { tags: chosen.map((t) => t.id) });

  // Without the personalisation consent nothing is built or shown.
  await page.goto('/me/interests');
  await expect(page.getByTestId('interests-algorithmic')).toContainText('算法');
  await expect(page.getByText('暂无兴趣记录')).toBeVisible();

  const consent = await page.request.put('/api/v1/me/consents/personalization', {
    data: { granted: true },
    headers: { 'x-csrf-token': await csrfOf(page.request) },
  });
  expect(consent.status(), await consent.text()).toBe(200);

  await page.goto('/privacy');
  await page.getByTestId('my-records').getByRole('link', { name: '我的兴趣' }).click();
  await expect(page).toHaveURL(/\/me\/interests$/);
  const list = page.getByTestId('interest-list');
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list.getByRole('listitem').first()).toContainText('来自注册时选择的标签');

  await list.getByRole('button', { name: `删除兴趣「${chosen[0].name}」` }).click();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list.locator(`[data-interest="${chosen[0].id}"]`)).toHaveCount(0);
  await expect(list.locator(`[data-interest="${chosen[1].id}"]`)).toHaveCount(1);

  await page.getByRole('button', { name: '清除全部' }).click();
  await page.getByRole('button', { name: '只清除兴趣' }).click();
  await expect(page.getByText('暂无兴趣记录')).toBeVisible();
  expect(await (await page.request.get('/api/v1/me/interests')).json()).toEqual([]);
});
