/** The operator console: sign-in with the password the server printed, its views, sign-out. */
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures.ts';
import { registerByApi } from './members.ts';

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

test('the admin finds a member by phone, sees it masked, reveals it with a reason, suspends and restores; 访问记录 shows it all', async ({
  page,
  request,
  server,
}) => {
  // Registered through the API with the test's own request context, so the page stays signed out.
  const { phone } = await registerByApi(request, server.dataDir);
  const masked = `${phone.national.slice(0, 3)}****${phone.national.slice(7)}`;

  await page.goto('/console');
  await signIn(page, server.admin.username, server.admin.password);
  const nav = page.getByRole('navigation', { name: '后台导航' });
  await nav.getByRole('link', { name: '会员' }).click();
  await expect(page).toHaveURL('/console/members');
  const table = page.getByTestId('members-table');
  await expect(table.locator('tbody tr').first()).toBeVisible();
  await expect(table).not.toContainText(phone.national);

  await page.getByLabel('手机号或昵称').fill(phone.national);
  await page.getByRole('button', { name: '搜索' }).click();
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(table.locator('tbody tr')).toContainText(masked);
  await table.getByRole('button', { name: '详情' }).click();

  const detail = page.getByTestId('member-detail');
  await expect(detail).toContainText(masked);
  await detail.getByRole('button', { name: '查看完整手机号' }).click();
  await detail.getByRole('button', { name: '确认查看' }).click();
  await expect(detail.getByRole('alert')).toHaveText('请写明原因，至少 5 个字。');
  await detail.getByLabel('查看原因').fill('会员来电，核实绑定手机号');
  await detail.getByRole('button', { name: '确认查看' }).click();
  await expect(detail.getByTestId('revealed-phone')).toHaveText(phone.national);
  await expect(detail).toContainText('本次查看已记入访问记录。');
  await screenshot(page, 'console-member-revealed');

  await detail.getByRole('button', { name: '停用账号' }).click();
  await detail.getByLabel('停用原因').fill('多次发布违规广告信息');
  await detail.getByRole('button', { name: '确认停用' }).click();
  await expect(detail.getByRole('status')).toHaveText('账号已停用，该会员的所有登录均已失效。');
  await expect(table.locator('tbody tr')).toContainText('已停用');
  await detail.getByRole('button', { name: '恢复账号' }).click();
  await detail.getByLabel('恢复原因').fill('申诉核实后恢复使用');
  await detail.getByRole('button', { name: '确认恢复' }).click();
  await expect(table.locator('tbody tr')).toContainText('正常');

  await nav.getByRole('link', { name: '访问记录' }).click();
  const log = page.getByTestId('access-log-table');
  const revealed = log.getByRole('row', { name: /查看完整手机号/ }).first();
  await expect(revealed).toContainText('会员来电，核实绑定手机号');
  await expect(revealed).toContainText(`(${server.admin.username})`);
  await expect(log.getByRole('row', { name: /停用账号/ }).first()).toContainText('多次发布违规广告信息');
  await expect(log.getByRole('row', { name: /恢复账号/ }).first()).toContainText('申诉核实后恢复使用');
  await expect(log).not.toContainText(phone.national);
  await screenshot(page, 'console-access-log');
});
