/** Rights requests end to end: a member asks in 我的申请, an agent answers in the console, the member reads it. */
import { expect, screenshot, test } from './fixtures.ts';
import { registerByApi } from './members.ts';

test('a member opens a correction request with its 15-working-day due date; an admin answers it; the member reads the answer', async ({
  page,
  browser,
  server,
}) => {
  await registerByApi(page.request, server.dataDir);
  await page.goto('/me');
  await page.getByRole('link', { name: /我的申请/ }).click();
  await expect(page).toHaveURL('/privacy/requests');
  await expect(page.getByText('15 个工作日内处理完毕')).toBeVisible();

  const form = page.getByTestId('request-form');
  await form.getByLabel('申请类型').selectOption('correction');
  await form.getByRole('button', { name: '提交申请' }).click();
  await expect(form.getByTestId('notice-error')).toHaveText('请说明您的申请内容。');
  await form.getByLabel(/申请说明/).fill('<b>昵称</b>被错误修改，请恢复为“挖机老王”。');
  await form.getByRole('button', { name: '提交申请' }).click();
  await expect(form.getByTestId('notice-ok')).toContainText('我们将在');
  const mine = page.getByTestId('my-request').first();
  await expect(mine).toContainText('待处理');
  // What the member wrote is shown as text, never as markup.
  await expect(mine).toContainText('<b>昵称</b>');
  await screenshot(page, 'member-requests', true);

  const consolePage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await consolePage.goto('/console');
  await consolePage.getByLabel('用户名').fill(server.admin.username);
  await consolePage.getByLabel('密码').fill(server.admin.password);
  await consolePage.getByRole('button', { name: '登录' }).click();
  await consolePage
    .getByRole('navigation', { name: '后台导航' })
    .getByRole('link', { name: '权利申请' })
    .click();
  const table = consolePage.getByTestId('requests-table');
  await table
    .getByRole('row', { name: /更正、补充个人信息/ })
    .last()
    .getByRole('button')
    .click();
  const detail = consolePage.getByTestId('request-detail');
  await expect(detail).toContainText('挖机老王');
  await expect(detail).toContainText(/\d{3}\*{4}\d{4}/);
  await detail.getByRole('button', { name: '由我处理' }).click();
  await expect(detail.getByTestId('request-history')).toContainText('认领处理');
  await detail.getByRole('button', { name: '拒绝' }).click();
  await detail.getByRole('button', { name: '确认拒绝' }).click();
  await expect(detail.getByRole('alert')).toHaveText('拒绝必须说明理由（至少 5 个字）。');
  await detail.getByRole('button', { name: '取消' }).click();
  await detail.getByRole('button', { name: '答复并完成' }).click();
  await detail.getByLabel('答复内容').fill('已将昵称恢复为“挖机老王”。');
  await detail.getByRole('button', { name: '发送答复' }).click();
  await expect(detail.getByTestId('request-history')).toContainText('已答复');
  await screenshot(consolePage, 'console-request-answered');

  await consolePage
    .getByRole('navigation', { name: '后台导航' })
    .getByRole('link', { name: '访问记录' })
    .click();
  await expect(consolePage.getByTestId('access-log-table')).toContainText('查看权利申请');
  await consolePage
    .getByRole('navigation', { name: '后台导航' })
    .getByRole('link', { name: '工作日历' })
    .click();
  await expect(consolePage.getByTestId('calendar-table')).toBeVisible();
  await screenshot(consolePage, 'console-calendar');
  await consolePage.close();

  await page.reload();
  await expect(mine).toContainText('已完成');
  await expect(mine).toContainText('已将昵称恢复为“挖机老王”。');
});
