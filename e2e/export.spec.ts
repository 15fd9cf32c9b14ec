/**
 * 下载我的数据 on a phone: a signed-in member asks for a copy of their data from 我的, waits for it,
 * downloads the zip, and opens its index.html, which shows their nickname in Chinese.
 */
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { expect, PHONE, screenshot, test } from './fixtures.ts';
import { csrfOf, registerByApi } from './members.ts';

test.use(PHONE);

test('a member downloads a copy of their data and reads index.html', async ({ page, server }) => {
  await registerByApi(page.request, server.dataDir);
  const nickname = `导出${Date.now().toString(36)}`;
  const patched = await page.request.patch('/api/v1/me', {
    data: { nickname },
    headers: { 'x-csrf-token': await csrfOf(page.request) },
  });
  expect(patched.status(), await patched.text()).toBe(200);

  await page.goto('/me');
  await page.getByRole('link', { name: '下载我的数据' }).click();
  await expect(page).toHaveURL('/privacy/export');
  await expect(page.getByText('还没有导出记录。')).toBeVisible();
  await page.getByTestId('export-request').click();
  const item = page.getByTestId('export').first();
  await expect(item).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  await screenshot(page, 'member-export');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    item.getByTestId('export-download').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^ccm-my-data-\d{8}\.zip$/);
  const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
  const data = JSON.parse(strFromU8(files['data.json']));
  expect(data.tables.users.rows[0].nickname).toBe(nickname);

  // index.html opens on its own: no script, no request, the nickname in a Chinese page.
  await page.setContent(strFromU8(files['index.html']));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的数据副本');
  await expect(page.getByText(nickname)).toBeVisible();
  await screenshot(page, 'member-export-index', true);
});
