/**
 * A security incident, from the compliance console to the member's phone: recorded, the affected
 * member told (in the app and by SMS), the notice read in the app, the regulator report offered.
 */
import type { Page } from '@playwright/test';
import { expect, getJson, PHONE, screenshot, test } from './fixtures.ts';
import { registerByApi } from './members.ts';

test.use({ viewport: { width: 1280, height: 800 } });

async function signIn(page: Page, username: string, password: string) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

test('an officer records an incident and notifies the member, who reads it under 安全通知', async ({
  page,
  request,
  server,
  browser,
}) => {
  await registerByApi(request, server.dataDir);
  const me = await getJson<{ id: number }>(request, '/api/v1/me');

  await page.goto('/console');
  await signIn(page, server.admin.username, server.admin.password);
  await page.getByRole('navigation', { name: '后台导航' }).getByRole('link', { name: '安全事件' }).click();
  await expect(page).toHaveURL('/console/incidents');
  await page.getByRole('button', { name: '记录新事件' }).click();
  const form = page.getByRole('form', { name: '记录新事件' });
  await form.getByLabel('标题 (中文)').fill('短信服务商日志外泄');
  await form.getByLabel('标题 (English)').fill('SMS provider log exposure');
  await form.getByLabel('手机号码').check();
  for (const [field, zh, en] of [
    [
      '事件原因',
      '短信服务商的一份调试日志被公开访问。',
      'A debug log of the SMS provider was publicly readable.',
    ],
    ['可能造成的危害', '手机号可能收到诈骗短信。', 'Phone numbers may receive scam messages.'],
    [
      '已采取的补救措施',
      '服务商已删除日志并修复配置。',
      'The provider deleted the log and fixed the setting.',
    ],
    ['个人可以采取的措施', '不要点击陌生短信中的链接。', 'Do not open links in unexpected messages.'],
  ]) {
    await form.getByLabel(`${field} (中文)`).fill(zh);
    await form.getByLabel(`${field} (English)`).fill(en);
  }
  await form.getByLabel('联系方式').fill('privacy@ccm.example.cn');
  await form.getByLabel('发现时间').fill('2026-11-24T09:30');
  await form.getByLabel('受影响的会员 ID').fill(String(me.id));
  await form.getByRole('button', { name: '保存草稿' }).click();

  const row = page.getByTestId('incidents-table').getByRole('row', { name: /短信服务商日志外泄/ });
  await expect(row).toContainText('草稿');
  page.once('dialog', (d) => d.accept());
  await row.getByRole('button', { name: '通知' }).click();
  await expect(row).toContainText('已通知');
  await expect(row).toContainText('1 人（短信 1，监护人 0）');
  await expect(row.getByRole('link', { name: '报告（中文）' })).toHaveAttribute('href', /report\?lang=zh-CN/);
  await screenshot(page, 'console-incidents');

  // The member, on their phone, signed in with the session the registration opened.
  const phoneContext = await browser.newContext({
    ...PHONE,
    baseURL: server.baseURL,
    storageState: await request.storageState(),
  });
  const member = await phoneContext.newPage();
  await member.goto('/me');
  await member.getByRole('link', { name: /安全通知/ }).click();
  const notice = member.getByTestId('incident-notice').first();
  await expect(notice).toContainText('短信服务商日志外泄');
  await expect(notice).toContainText('不要点击陌生短信中的链接。');
  await expect(notice).toContainText('手机号码');
  await screenshot(member, 'member-incident-notice');
  await phoneContext.close();
});
