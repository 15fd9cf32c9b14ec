/**
 * Comments under an article: a member comments, replies, likes and deletes from 我的评论; a
 * moderator hides a reported comment in the console and readers no longer see it; XSS payloads
 * posted as comments stay inert text.
 */
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, getJson, PHONE, screenshot, test } from './fixtures.ts';
import { csrfOf, registerByApi } from './members.ts';

/** A published article of the demo content, a different one for each test. */
async function articleId(request: APIRequestContext, index: number): Promise<number> {
  const feed = await getJson<{ items: { id: number }[] }>(request, '/api/v1/feed?limit=20');
  return feed.items[index].id;
}

async function member(page: Page, dataDir: string, nickname: string) {
  await registerByApi(page.request, dataDir);
  const res = await page.request.patch('/api/v1/me', {
    data: { nickname },
    headers: { 'x-csrf-token': await csrfOf(page.request) },
  });
  expect(res.status(), await res.text()).toBe(200);
}

const suffix = () => Math.random().toString(36).slice(2, 7);

test.describe('on a phone', () => {
  test.use(PHONE);

  test('a member comments, replies and likes, and deletes a comment from 我的评论', async ({
    page,
    server,
  }) => {
    const id = await articleId(page.request, 3);
    await page.goto(`/articles/${id}`);
    const comments = page.getByTestId('comments');
    await expect(comments.getByText('登录后参与评论')).toBeVisible();

    const nickname = `挖机评论${suffix()}`;
    await member(page, server.dataDir, nickname);
    await page.reload();
    const text = `这台挖掘机的油耗表现如何？${suffix()}`;
    await comments.getByLabel('写评论').fill(text);
    await comments.getByRole('button', { name: '发布' }).click();
    const card = comments.getByTestId('comment').filter({ hasText: text });
    await expect(card).toContainText(nickname);

    await card.getByRole('button', { name: '回复' }).click();
    await card.getByTestId('reply-input').fill('补充一下：工况是土方作业。');
    await card.getByRole('button', { name: '发布' }).click();
    const reply = comments.getByTestId('comment').filter({ hasText: '补充一下：工况是土方作业。' });
    await expect(reply).toBeVisible();

    const like = card.getByRole('button', { name: /点赞/ });
    await expect(like).toHaveText('赞 0');
    await like.click();
    await expect(card.getByRole('button', { name: /取消点赞/ })).toHaveText('赞 1');
    await screenshot(page, 'comments-thread', true);

    // After a reload the thread comes from the server as it was left.
    await page.reload();
    await expect(comments.getByTestId('comment').filter({ hasText: text })).toContainText('赞 1');
    await expect(comments.getByText('补充一下：工况是土方作业。')).toBeVisible();

    await page.goto('/me');
    await page.getByRole('link', { name: /我的评论/ }).click();
    await expect(page.getByRole('heading', { name: '我的评论' })).toBeVisible();
    const mine = page.getByTestId('my-comment');
    await expect(mine).toHaveCount(2);
    const first = mine.filter({ hasText: '补充一下' });
    await first.getByRole('button', { name: '删除' }).click();
    await first.getByRole('button', { name: '确定删除' }).click();
    await expect(mine).toHaveCount(1);
    await page.goto(`/articles/${id}`);
    await expect(comments.getByText(text)).toBeVisible();
    await expect(comments.getByText('补充一下：工况是土方作业。')).toHaveCount(0);
  });

  test('XSS payloads posted as comments show as text and run nothing', async ({ page, server }) => {
    const dialogs: string[] = [];
    page.on('dialog', async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    const id = await articleId(page.request, 4);
    await member(page, server.dataDir, `安全测试${suffix()}`);
    await page.goto(`/articles/${id}`);
    const comments = page.getByTestId('comments');
    const payloads = [
      `<script>window.__xss = 1; alert('script')</script>`,
      `<img src=x onerror="window.__xss = 2; alert('img')">`,
      `<a href="javascript:window.__xss=3;alert('link')">点我</a>`,
      `"><svg onload="window.__xss = 4; alert('svg')">`,
    ];
    for (const p of payloads) {
      await comments.getByLabel('写评论').fill(p);
      await comments.getByRole('button', { name: '发布' }).click();
      await expect(comments.getByTestId('comment-body').filter({ hasText: p })).toHaveCount(1);
    }
    await page.reload();
    for (const p of payloads) {
      await expect(comments.getByTestId('comment-body').filter({ hasText: p })).toHaveText(p);
    }
    // Nothing became markup: no element came from the text, no handler ran, no dialog opened.
    await expect(comments.locator('script, img[src="x"], svg[onload], a[href^="javascript"]')).toHaveCount(0);
    await comments.getByText('点我').first().click({ force: true });
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await screenshot(page, 'comments-xss-inert', true);
  });
});

test('a moderator hides a reported comment in the console, and readers no longer see it', async ({
  page,
  browser,
  server,
}) => {
  const id = await articleId(page.request, 5);
  await member(page, server.dataDir, `被举报者${suffix()}`);
  const text = `低价转让二手设备，加微信 ${suffix()}`;
  const headers = { 'x-csrf-token': await csrfOf(page.request) };
  const posted = await page.request.post(`/api/v1/articles/${id}/comments`, {
    data: { body: text },
    headers,
  });
  expect(posted.status()).toBe(201);

  const reporter = await browser.newContext();
  await registerByApi(reporter.request, server.dataDir);
  const reported = await reporter.request.post(`/api/v1/comments/${(await posted.json()).id}/reports`, {
    data: { reason: 'spam', note: '广告' },
    headers: { 'x-csrf-token': await csrfOf(reporter.request) },
  });
  expect(reported.status()).toBe(201);
  await reporter.close();

  const reader = await browser.newPage();
  await reader.goto(`/articles/${id}`);
  await expect(reader.getByTestId('comments').getByText(text)).toBeVisible();

  const reviewer = server.accounts.find((a) => a.role === 'reviewer')!;
  const consolePage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await consolePage.goto('/console');
  await consolePage.getByLabel('用户名').fill(reviewer.username);
  await consolePage.getByLabel('密码').fill(reviewer.password);
  await consolePage.getByRole('button', { name: '登录' }).click();
  await consolePage
    .getByRole('navigation', { name: '后台导航' })
    .getByRole('link', { name: '评论审核' })
    .click();
  await consolePage.getByRole('combobox', { name: '队列' }).selectOption('reported');
  const item = consolePage.getByTestId('queued-comment').filter({ hasText: text });
  await expect(item).toContainText('举报 1 次');
  await item.getByRole('button', { name: '隐藏' }).click();
  await item.getByLabel('原因').fill('站外引流广告');
  await item.getByRole('button', { name: /确认/ }).click();
  await expect(item).toHaveCount(0);
  await expect(consolePage.getByTestId('moderation-log')).toContainText('站外引流广告');
  await screenshot(consolePage, 'comments-moderation');

  await reader.reload();
  await expect(reader.getByTestId('comments')).toBeVisible();
  await expect(reader.getByTestId('comments').getByText(text)).toHaveCount(0);
  // Its author still sees it, marked hidden.
  await page.goto(`/articles/${id}`);
  const own = page.getByTestId('comment').filter({ hasText: text });
  await expect(own).toContainText('已被隐藏');
});
