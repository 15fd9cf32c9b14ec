/** Search as an anonymous visitor: Chinese and English, highlights, an article, the device's history. */
import { expect, PHONE, test } from './fixtures.ts';

test.use(PHONE);

test('an anonymous visitor searches in Chinese and English, sees marked words, opens a result, and clears the history kept on the device', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByTestId('open-search').click();
  await expect(page).toHaveURL('/search');
  await expect(page.getByRole('heading', { name: '搜索工程机械资讯' })).toBeVisible();

  const box = page.getByRole('searchbox', { name: '搜索资讯' });
  await box.fill('挖掘机');
  // Suggestions appear while typing (machine classes and titles).
  await expect(page.getByRole('list', { name: '搜索建议' }).getByRole('button').first()).toBeVisible();
  await box.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=%E6%8C%96%E6%8E%98%E6%9C%BA/);
  const results = page.getByTestId('search-result');
  await expect(results.first()).toBeVisible();
  await expect(results.first().locator('mark').first()).toHaveText(/挖掘/);

  await box.fill('excavator rental');
  await box.press('Enter');
  await expect(results.first().getByRole('heading')).toContainText(/Excavator Rental/i);
  await expect(results.first().locator('mark').first()).toHaveText(/excavator/i);

  const title = ((await results.first().getByRole('heading').textContent()) ?? '').trim();
  // Opening a result sends a click with the search as its source and the result's position.
  const beacon = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/v1/events'));
  await results.first().getByRole('link').click();
  await expect(page).toHaveURL(/\/articles\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  const opened = Number(/\/articles\/(\d+)$/.exec(page.url())?.[1]);
  expect((await beacon).postDataJSON().events).toContainEqual({
    type: 'click',
    articleId: opened,
    source: 'search',
    position: 0,
  });

  // The history is in this browser's storage, not on the server, and the button clears it.
  await page.goto('/search');
  const history = page.getByTestId('search-history');
  await expect(history.getByRole('button')).toHaveText(['excavator rental', '挖掘机']);
  expect(await page.evaluate(() => localStorage.getItem('ccm.search.history'))).toContain('挖掘机');
  await page.getByRole('button', { name: '清除搜索历史' }).click();
  await expect(history).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem('ccm.search.history'))).toBeNull();
  await page.reload();
  await expect(page.getByRole('heading', { name: '搜索工程机械资讯' })).toBeVisible();
});

test('a search that finds nothing says so', async ({ page }) => {
  await page.goto('/search?q=zzqqxxnothing');
  await expect(page.getByTestId('empty-state')).toContainText('没有找到相关资讯');
});
