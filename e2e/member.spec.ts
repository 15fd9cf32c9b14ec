/** The member app on a phone: the feed, columns, paging, articles, and the language switch. */
import type { Article, Column, FeedPage } from '../web/src/member/content.ts';
import { escapeHtml, expect, getJson, PHONE, screenshot, test } from './fixtures.ts';

test.use(PHONE);

const PAGE_SIZE = 10; // FEED_PAGE_SIZE of the member app

test('the home page shows the column tabs and feed cards in Chinese, and a column tab filters the feed', async ({
  page,
  request,
}) => {
  const columns = await getJson<Column[]>(request, '/api/v1/columns?lang=zh-CN');
  const firstPage = await getJson<FeedPage>(request, `/api/v1/feed?limit=${PAGE_SIZE}`);
  expect(firstPage.items.length).toBeGreaterThan(0);

  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('link', { name: '工程机械CCM' })).toBeVisible();
  const tabs = page.getByRole('tablist', { name: '栏目' });
  await expect(tabs.getByRole('tab')).toHaveCount(columns.length + 1);
  await expect(tabs.getByRole('tab', { name: '全部' })).toHaveAttribute('aria-selected', 'true');
  const cards = page.getByTestId('feed-card');
  await expect(cards).toHaveCount(firstPage.items.length);
  await expect(cards.first().getByRole('heading')).toHaveText(firstPage.items[0].title);
  await expect(
    page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '首页' }),
  ).toHaveAttribute('aria-current', 'page');
  await screenshot(page, 'member-home-zh');

  // A column with articles, other than the first card's, so the change is visible.
  const inFeed = new Set(firstPage.items.map((i) => i.column));
  const column =
    columns.find((c) => inFeed.has(c.id) && c.id !== firstPage.items[0].column) ??
    columns.find((c) => inFeed.has(c.id))!;
  await tabs.getByRole('tab', { name: column.name, exact: true }).click();
  await expect(page).toHaveURL(`/?column=${column.id}`);
  await expect(tabs.getByRole('tab', { name: column.name, exact: true })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(cards.first()).toBeVisible();
  await expect(page.locator(`[data-testid="feed-card"]:not([data-column="${column.id}"])`)).toHaveCount(0);
  await expect(cards.first().locator('.chip-column')).toHaveText(column.name);
  await screenshot(page, 'member-home-column');

  // The column survives a reload: it is in the URL.
  await page.reload();
  await expect(tabs.getByRole('tab', { name: column.name, exact: true })).toHaveAttribute(
    'aria-selected',
    'true',
  );
});

test('"加载更多" loads the next page of the feed', async ({ page, request }) => {
  const first = await getJson<FeedPage>(request, `/api/v1/feed?limit=${PAGE_SIZE}`);
  expect(first.nextCursor, 'the demo content has more than one page').not.toBeNull();
  const second = await getJson<FeedPage>(
    request,
    `/api/v1/feed?limit=${PAGE_SIZE}&cursor=${first.nextCursor}`,
  );
  // Without IntersectionObserver the feed cannot load by itself: only the button can.
  await page.addInitScript(() => {
    Object.defineProperty(window, 'IntersectionObserver', { value: undefined });
  });

  await page.goto('/');
  const cards = page.getByTestId('feed-card');
  await expect(cards).toHaveCount(first.items.length);
  await page.getByRole('button', { name: '加载更多' }).click();
  await expect(cards).toHaveCount(first.items.length + second.items.length);
  await expect(cards.nth(first.items.length).getByRole('heading')).toHaveText(second.items[0].title);
});

test('scrolling to the end of the feed loads more by itself', async ({ page }) => {
  await page.goto('/');
  const cards = page.getByTestId('feed-card');
  await expect(cards).toHaveCount(PAGE_SIZE);
  await page.getByTestId('load-more').scrollIntoViewIfNeeded();
  await expect.poll(() => cards.count()).toBeGreaterThan(PAGE_SIZE);
  await screenshot(page, 'member-home-more');
});

test('an article opens from the feed with its body, and its HTML carries the article’s og:title', async ({
  page,
  request,
}) => {
  await page.goto('/');
  const card = page.getByTestId('feed-card').first();
  const title = (await card.getByRole('heading').textContent())?.trim();
  await card.getByRole('heading').getByRole('link').click();

  await expect(page).toHaveURL(/\/articles\/\d+$/);
  const id = Number(new URL(page.url()).pathname.split('/').pop());
  const article = await getJson<Article>(request, `/api/v1/articles/${id}`);
  expect(article.title).toBe(title);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(article.title);
  await expect(page.getByText(`来源：${article.source}`)).toBeVisible();
  const body = page.getByTestId('article-body');
  await expect(body).not.toBeEmpty();
  const firstWords = (
    await page.evaluate((html) => {
      const div = document.createElement('div');
      div.innerHTML = html;
      return div.textContent ?? '';
    }, article.body)
  )
    .trim()
    .slice(0, 12);
  await expect(body).toContainText(firstWords);
  await expect(page).toHaveTitle(`${article.title} · CCM`);
  await screenshot(page, 'member-article');
  await screenshot(page, 'member-article-full', true);

  // The page as a link-preview crawler sees it, without running any script.
  const shell = await request.get(`/articles/${id}`);
  expect(shell.headers()['content-security-policy']).toContain("script-src 'self'");
  const html = await shell.text();
  expect(html).toContain(`<meta property="og:title" content="${escapeHtml(article.title)}">`);

  await page.getByRole('link', { name: '返回' }).click();
  await expect(page).toHaveURL('/');
  await expect(page.getByTestId('feed-card').first()).toBeVisible();
});

test('going back from an article returns to the same place in the feed', async ({ page }) => {
  await page.goto('/');
  const card = page.getByTestId('feed-card').nth(6);
  await card.scrollIntoViewIfNeeded();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  const title = await card.getByRole('heading').textContent();
  await card.getByRole('heading').getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title ?? '');

  await page.goBack();
  await expect(page).toHaveURL('/');
  await expect(page.getByTestId('feed-card').filter({ hasText: title ?? '' })).toBeInViewport();
});

test('an article that does not exist shows a not-found state', async ({ page }) => {
  await page.goto('/articles/999999999');
  await expect(page.getByRole('heading', { name: '文章不存在' })).toBeVisible();
  await expect(page.getByRole('link', { name: '返回首页' })).toBeVisible();
  await screenshot(page, 'member-article-404');
});

test('switching to English changes the UI text, passes the language to the API, and persists across reloads', async ({
  page,
  request,
}) => {
  const columnsEn = await getJson<Column[]>(request, '/api/v1/columns?lang=en');
  await page.goto('/');
  await expect(page.getByRole('tab', { name: '全部' })).toBeVisible();

  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('tab', { name: 'All', exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: columnsEn[0].name, exact: true })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Home' }),
  ).toBeVisible();
  await screenshot(page, 'member-home-en');

  await page.reload();
  await expect(page.getByRole('tab', { name: 'All', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(await page.evaluate(() => localStorage.getItem('ccm.lang'))).toBe('en');

  await page.getByRole('link', { name: 'Me', exact: true }).click();
  await expect(page).toHaveURL('/me');
  await expect(page.getByRole('heading', { name: 'About CCM' })).toBeVisible();
  await expect(page.getByRole('link', { name: /API reference/ })).toHaveAttribute('href', '/api/docs');
  await screenshot(page, 'member-me-en');

  await page.getByRole('radio', { name: '简体中文' }).check();
  await expect(page.getByRole('heading', { name: '关于 CCM' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await screenshot(page, 'member-me-zh');
});
