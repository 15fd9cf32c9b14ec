/**
 * Recommendation governance in the console: an admin changes a ranking parameter with a reason and
 * finds the change in the log; an editor pins an article to a column and the member app's column
 * feed shows it first, marked 置顶, until it is unpinned.
 */
import type { Browser } from '@playwright/test';
import { expect, getJson, PHONE, screenshot, test } from './fixtures.ts';

async function consoleAs(browser: Browser, baseURL: string, account: { username: string; password: string }) {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto('/console');
  await page.getByLabel('用户名').fill(account.username);
  await page.getByLabel('密码').fill(account.password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { name: '概览' })).toBeVisible();
  return page;
}

test('an admin changes a recommendation parameter with a reason and sees it in the change log', async ({
  browser,
  server,
}) => {
  const page = await consoleAs(browser, server.baseURL, server.admin);
  await page.getByRole('navigation', { name: '后台导航' }).getByRole('link', { name: '推荐参数' }).click();
  await expect(page.getByRole('heading', { name: '推荐参数' })).toBeVisible();

  const input = page.getByLabel('热度权重', { exact: true });
  const before = Number(await input.inputValue());
  const after = before === 0.45 ? 0.4 : 0.45;
  const reason = `热门内容偏少，调高热度权重 ${Date.now().toString(36)}`;
  await input.fill(String(after));
  await page.getByLabel('修改原因').fill(reason);
  await page.getByRole('button', { name: '保存修改' }).click();

  const row = page.getByTestId('params-log').locator('tbody tr').first();
  await expect(row).toContainText(reason);
  await expect(row).toContainText(`热度权重: ${before} → ${after}`);
  await expect(page.getByLabel('热度权重', { exact: true })).toHaveValue(String(after));
  await screenshot(page, 'console-recommendation-params', true);

  // A bad value is refused with the parameter named, and nothing changes.
  await page.getByLabel('探索比例').fill('0.9');
  await page.getByLabel('修改原因').fill('探索比例试试 0.9');
  await page.getByRole('button', { name: '保存修改' }).click();
  await expect(page.getByRole('alert')).toContainText('探索比例');
  await expect(page.getByTestId('params-log').locator('tbody tr').first()).toContainText(reason);
});

test('an editor pins an article to a column and the member app shows it first in that column', async ({
  browser,
  server,
  request,
}) => {
  const columns = await getJson<{ id: string; name: string }[]>(request, '/api/v1/columns?lang=zh-CN');
  // A column with a few articles, so the pinned one is not already first.
  let column = columns[0]!;
  for (const c of columns) {
    const page = await getJson<{ items: unknown[] }>(request, `/api/v1/feed?column=${c.id}&limit=5`);
    if (page.items.length >= 3) {
      column = c;
      break;
    }
  }

  const editor = await consoleAs(browser, server.baseURL, server.accounts.find((a) => a.role === 'editor')!);
  await editor.getByRole('navigation', { name: '后台导航' }).getByRole('link', { name: '栏目置顶' }).click();
  await expect(editor.getByRole('heading', { name: '栏目置顶' })).toBeVisible();
  await editor.getByRole('combobox', { name: /^栏目/ }).selectOption({ label: column.name });

  // The last published article listed: an older one, not at the top of the feed.
  const candidate = editor.getByTestId('pin-candidates').locator('tbody tr').last();
  const title = ((await candidate.locator('.title-cell').textContent()) ?? '').trim();
  await candidate.getByRole('button', { name: /置顶/ }).click();
  await expect(editor.getByTestId('pins-table')).toContainText(title);
  await expect(editor.getByTestId('pins-table')).toContainText('显示中');
  await screenshot(editor, 'console-column-pins', true);

  const member = await browser.newContext({ ...PHONE, baseURL: server.baseURL });
  const phone = await member.newPage();
  await phone.goto(`/?column=${column.id}`);
  const first = phone.getByTestId('feed-card').first();
  await expect(first.getByRole('heading')).toHaveText(title);
  await expect(first).toHaveAttribute('data-pinned', 'true');
  await expect(first.locator('.chip-pinned')).toHaveText('置顶');
  // Not repeated further down the page.
  await expect(phone.getByTestId('feed-card').filter({ hasText: title })).toHaveCount(1);
  await screenshot(phone, 'member-column-pinned');

  // Unpinned, the column's feed is its own order again.
  await editor.getByTestId('pins-table').getByRole('button', { name: '取消置顶' }).click();
  await expect(editor.getByText('这个栏目还没有置顶文章。')).toBeVisible();
  await phone.reload();
  await expect(phone.getByTestId('feed-card').first()).not.toHaveAttribute('data-pinned', 'true');
  await member.close();
});

test('an editor sees why each item is chosen for a test member composed in the console', async ({
  browser,
  server,
}) => {
  const page = await consoleAs(browser, server.baseURL, server.admin);
  await page.getByRole('navigation', { name: '后台导航' }).getByRole('link', { name: '推荐解释' }).click();
  await expect(page.getByRole('heading', { name: '推荐解释' })).toBeVisible();
  await page.getByLabel('选择的标签').selectOption(['mini-excavators']);
  await page.getByLabel('关注的品牌').selectOption(['sany']);
  await page.getByRole('button', { name: '查看推荐结果' }).click();
  const rows = page.getByTestId('explain-table').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  const reasons = await rows.evaluateAll((trs) =>
    trs.slice(0, 3).map((tr) => tr.children[2]?.textContent ?? ''),
  );
  for (const reason of reasons) expect(reason).toMatch(/小型挖掘机|三一/);
  await expect(rows.filter({ hasText: '因为你关注了 三一' }).first()).toBeVisible();
  await screenshot(page, 'console-recommendation-explain', true);
});
