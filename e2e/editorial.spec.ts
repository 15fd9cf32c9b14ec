/**
 * The editorial workflow end to end: a contributor writes an article in the console's editor and
 * submits it, a reviewer approves it from the review queue, an editor schedules it a few seconds
 * ahead, and it appears to anonymous readers (feed and article page, with the model series picked
 * in the editor) at that time, published by the server's job.
 */
import type { Browser, Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures.ts';

test.use({ viewport: { width: 1280, height: 900 } });

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

async function noCspViolations(page: Page, run: () => Promise<void>) {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await run();
  expect(violations).toEqual([]);
}

test('a contributor writes, a reviewer approves, an editor schedules, and readers see it at its time', async ({
  browser,
  server,
  request,
}) => {
  test.setTimeout(90_000);
  const account = (role: string) => server.accounts.find((a) => a.role === role)!;
  const title = `柳工发布新一代电动装载机 ${Date.now().toString(36)}`;
  let id = 0;

  const writer = await consoleAs(browser, server.baseURL, account('contributor'));
  await noCspViolations(writer, async () => {
    await writer.getByRole('navigation', { name: '后台导航' }).getByRole('link', { name: '文章' }).click();
    await writer.getByRole('link', { name: '写文章' }).click();
    await expect(writer.getByRole('heading', { name: '写文章' })).toBeVisible();
    await writer.getByLabel('标题', { exact: true }).fill(title);
    await writer.getByLabel('摘要').fill('续航与快充双双提升。');
    await writer.getByLabel('栏目').selectOption({ index: 1 });
    await writer.getByLabel('来源').fill('CCM 编辑部');
    // The series picker lists the series of the brands chosen (demo data: LiuGong's loaders).
    await writer.getByRole('listbox', { name: '品牌', exact: true }).selectOption('liugong');
    const picker = writer.getByRole('group', { name: '机型系列' });
    await expect(picker.getByRole('checkbox', { name: '三一 SY215 系列' })).toHaveCount(0);
    await picker.getByRole('checkbox', { name: '柳工 CLG855 系列' }).check();
    const body = writer.getByRole('textbox', { name: '正文' });
    await body.click();
    await writer.keyboard.type('新机型采用磷酸铁锂电池。');
    await writer.keyboard.press('Enter');
    await writer.getByRole('button', { name: '加粗' }).click();
    await writer.keyboard.type('满电可连续作业八小时');
    await screenshot(writer, 'editorial-editor');
    await writer.getByRole('button', { name: '保存', exact: true }).click();
    await expect(writer).toHaveURL(/\/console\/articles\/edit\?id=\d+$/);
    id = Number(new URL(writer.url()).searchParams.get('id'));
    await expect(writer.getByTestId('article-status')).toContainText('草稿');
    // The sanitised body keeps the bold text as <strong>.
    await expect(body.locator('p').first()).toHaveText('新机型采用磷酸铁锂电池。');
    await expect(body.locator('p strong')).toHaveText('满电可连续作业八小时');
    await expect(writer.getByRole('checkbox', { name: '柳工 CLG855 系列' })).toBeChecked();
    // A second save makes revision 2, which the history compares with the first.
    await writer.getByLabel('摘要').fill('续航与快充双双提升，售价下调。');
    await writer.getByRole('button', { name: '保存', exact: true }).click();
    await expect(writer.getByText('已保存（第 2 版）。')).toBeVisible();
    await writer.getByRole('button', { name: '提交审核' }).click();
    await expect(writer.getByTestId('article-status')).toContainText('待审核');
    // A contributor cannot approve their own work: the step is not offered.
    await expect(writer.getByRole('button', { name: '审核通过' })).toHaveCount(0);
  });

  const reviewer = await consoleAs(browser, server.baseURL, account('reviewer'));
  await noCspViolations(reviewer, async () => {
    await reviewer
      .getByRole('navigation', { name: '后台导航' })
      .getByRole('link', { name: '审核队列' })
      .click();
    await reviewer.getByTestId('in_review-table').getByRole('link', { name: title }).click();
    await expect(reviewer.getByRole('textbox', { name: '正文' })).toContainText('磷酸铁锂');
    await reviewer.getByRole('button', { name: '审核通过' }).click();
    await expect(reviewer.getByTestId('article-status')).toContainText('已通过审核');
    await screenshot(reviewer, 'editorial-approved');
  });

  // Not public before it is published.
  expect((await request.get(`/api/v1/articles/${id}`)).status()).toBe(404);

  const editor = await consoleAs(browser, server.baseURL, account('editor'));
  await noCspViolations(editor, async () => {
    await editor.goto(`/console/articles/edit?id=${id}`);
    // Six seconds ahead, in the browser's own time zone, as the datetime-local field takes it.
    const when = await editor.evaluate(() => {
      const d = new Date(Date.now() + 6_000);
      return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
    });
    await editor.getByLabel('定时发布时间').fill(when);
    await editor.getByRole('button', { name: '定时发布', exact: true }).click();
    await expect(editor.getByTestId('article-status')).toContainText('定时发布');
    await editor
      .getByRole('navigation', { name: '后台导航' })
      .getByRole('link', { name: '定时发布' })
      .click();
    await expect(editor.getByTestId('scheduled-table').getByRole('link', { name: title })).toBeVisible();
    await screenshot(editor, 'editorial-scheduled');
  });
  expect((await request.get(`/api/v1/articles/${id}`)).status()).toBe(404);

  // The publish job runs every second in the e2e server: the article appears at its time.
  await expect
    .poll(async () => (await request.get(`/api/v1/articles/${id}`)).status(), { timeout: 30_000 })
    .toBe(200);
  const feed = await (await request.get('/api/v1/feed?limit=50')).json();
  expect(feed.items.map((i: { id: number }) => i.id)).toContain(id);

  const reader = await browser.newPage({ baseURL: server.baseURL });
  await reader.goto(`/articles/${id}`);
  await expect(reader.getByRole('heading', { name: title })).toBeVisible();
  await expect(reader.getByTestId('article-body').locator('strong')).toHaveText('满电可连续作业八小时');
  await expect(
    reader.getByRole('region', { name: '机型系列' }).getByRole('link', { name: '柳工 CLG855 系列' }),
  ).toBeVisible();
  await screenshot(reader, 'editorial-published');

  // The history shows both revisions, their diff and the steps, including the job's publication.
  await editor.goto(`/console/articles/history?id=${id}`);
  await expect(editor.getByTestId('revisions-table').locator('tbody tr')).toHaveCount(2);
  await expect(editor.getByTestId('diff').locator('ins')).toContainText('售价下调');
  await expect(editor.getByText('系统定时任务')).toBeVisible();
  await screenshot(editor, 'editorial-history');
});
