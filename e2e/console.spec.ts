/** The operator console: sign-in with the password the server printed, its views, sign-out. */
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures.ts';

test.use({ viewport: { width: 1280, height: 800 } });

async function signIn(page: Page, username: string, password: string) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

test('a wrong password is refused; the printed admin password opens overview, articles and inventory; sign-out returns to the form', async ({
  page,
  server,
}) => {
  await page.goto('/console');
  await expect(page.getByRole('heading', { name: '登录运营后台' })).toBeVisible();

  await signIn(page, server.admin.username, 'not-the-password');
  await expect(page.getByTestId('sign-in-message')).toHaveText('用户名或密码错误。');
  await screenshot(page, 'console-sign-in-refused');

  await signIn(page, server.admin.username, server.admin.password);
  await expect(page.getByRole('heading', { name: '概览' })).toBeVisible();
  await expect(page.getByTestId('signed-in-as')).toContainText('管理员');
  await expect(page.getByTestId('stat-staff')).toContainText(/\d+/);
  await expect(page.getByText('CN-BJ')).toBeVisible();
  await expect(page.getByTestId('stat-database')).toContainText(
    process.env.DATABASE_URL ? 'PostgreSQL 服务器' : '内置数据库（PGlite）',
  );
  await screenshot(page, 'console-overview');

  const nav = page.getByRole('navigation', { name: '后台导航' });
  await nav.getByRole('link', { name: '文章' }).click();
  await expect(page).toHaveURL('/console/articles');
  const table = page.getByTestId('articles-table');
  await expect(table.locator('tbody tr').first()).toBeVisible();
  await screenshot(page, 'console-articles');
  await page.getByLabel('状态').selectOption('published');
  await expect(page).toHaveURL('/console/articles?status=published');
  await expect(table.locator('tbody tr').first()).toBeVisible();
  await expect(table.locator('tbody .status:not(.status-published)')).toHaveCount(0);

  await nav.getByRole('link', { name: '个人信息清单' }).click();
  const inventory = page.getByTestId('inventory-table');
  await expect(inventory.getByRole('rowheader', { name: 'staff_users.password_hash' })).toBeVisible();
  await expect(inventory.getByRole('row', { name: /staff_users\.password_hash/ })).toContainText(
    '密码（哈希）',
  );
  await screenshot(page, 'console-inventory');

  // The session survives a reload (GET /console/session restores it).
  await page.reload();
  await expect(inventory.getByRole('rowheader', { name: 'staff_users.password_hash' })).toBeVisible();

  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('heading', { name: '登录运营后台' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: '登录运营后台' })).toBeVisible();
});

test('a role without access to a page is told so plainly', async ({ page, server }) => {
  const support = server.accounts.find((a) => a.role === 'support');
  expect(support, 'the demo has a support account').toBeDefined();
  await page.goto('/console');
  await signIn(page, support!.username, support!.password);
  await expect(page.getByTestId('signed-in-as')).toContainText('客服');

  const nav = page.getByRole('navigation', { name: '后台导航' });
  await nav.getByRole('link', { name: '文章' }).click();
  await expect(page.getByTestId('forbidden')).toContainText('没有权限');
  await expect(page.getByTestId('articles-table')).toHaveCount(0);
  await screenshot(page, 'console-forbidden');
  await nav.getByRole('link', { name: '个人信息清单' }).click();
  await expect(page.getByTestId('forbidden')).toContainText('没有权限');
});

test('after five wrong passwords the form says sign-in is locked for a while', async ({ page }) => {
  await page.goto('/console');
  // An unknown username: the lock is per username, so no real account is locked by this test.
  for (let i = 0; i < 5; i++) {
    await signIn(page, 'nobody-e2e', `wrong-${i}`);
    await expect(page.getByTestId('sign-in-message')).toHaveText('用户名或密码错误。');
    await expect(page.getByRole('button', { name: '登录' })).toBeEnabled();
  }
  await signIn(page, 'nobody-e2e', 'wrong-5');
  await expect(page.getByTestId('sign-in-message')).toHaveText('尝试次数过多，账号已暂时锁定，请稍后再试。');
});
