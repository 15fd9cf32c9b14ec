/**
 * The taxonomy: an editor adds a brand and a model series in the console; an anonymous reader
 * opens a brand's page from an article and sees the brand's series and articles.
 */
import { randomBytes } from 'node:crypto';
import { expect, getJson, PHONE, screenshot, test } from './fixtures.ts';

const suffix = randomBytes(3).toString('hex');
const brandId = `e2e-brand-${suffix}`;
const seriesId = `sany-e2e${suffix}`;

test.describe('editing the taxonomy', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('an editor adds a brand and a model series, and a delete of a used brand is refused', async ({
    page,
    server,
  }) => {
    const editor = server.accounts.find((a) => a.role === 'editor')!;
    await page.goto('/console/taxonomy');
    await page.getByLabel('用户名').fill(editor.username);
    await page.getByLabel('密码').fill(editor.password);
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('heading', { name: '分类与品牌' })).toBeVisible();

    await page.getByRole('button', { name: '品牌', exact: true }).click();
    const form = page.getByTestId('taxonomy-form');
    await form.getByLabel('标识').fill(brandId);
    await form.getByLabel('中文名称').fill(`测试重工${suffix}`);
    await form.getByLabel('英文名称').fill(`Test Heavy ${suffix}`);
    await form.getByRole('button', { name: '添加' }).click();
    await expect(page.getByTestId(`taxonomy-row-${brandId}`)).toContainText(`测试重工${suffix}`);

    // 三一 is used by articles: deleting it is refused with the reason.
    await page.getByTestId('taxonomy-row-sany').getByRole('button', { name: '删除' }).click();
    await expect(page.getByRole('alert')).toContainText('不能删除');

    await page.getByRole('button', { name: '机型系列', exact: true }).click();
    await form.getByLabel('标识').fill(seriesId);
    await form.getByLabel('中文名称').fill(`三一 E${suffix} 系列`);
    await form.getByLabel('英文名称').fill(`SANY E${suffix} series`);
    await form.getByRole('combobox', { name: /^品牌/ }).selectOption({ label: '三一' });
    await form.getByLabel('机械大类').selectOption({ label: '挖掘机' });
    await form.getByRole('button', { name: '添加' }).click();
    await expect(page.getByTestId(`taxonomy-row-${seriesId}`)).toContainText(`三一 E${suffix} 系列`);
    await screenshot(page, 'console-taxonomy-series');
  });
});

test.describe('brand pages', () => {
  test.use({ ...PHONE });

  test('an anonymous reader opens the brand’s page from an article and sees its series and articles', async ({
    page,
    request,
  }) => {
    const feed = await getJson<{ items: { id: number; title: string }[] }>(
      request,
      '/api/v1/feed?brand=sany',
    );
    expect(feed.items.length).toBeGreaterThan(0);
    await page.goto(`/articles/${feed.items[0].id}`);
    await page.getByRole('region', { name: '相关品牌' }).getByRole('link', { name: '三一' }).click();
    await expect(page).toHaveURL('/brands/sany');
    await expect(page.getByRole('heading', { name: '三一', level: 1 })).toBeVisible();
    await expect(page.getByRole('link', { name: `三一 E${suffix} 系列` })).toBeVisible();
    const cards = page.getByTestId('feed-card');
    await expect(cards.first()).toBeVisible();
    await expect(cards.first()).toContainText(feed.items[0].title);
    await screenshot(page, 'member-brand-page');

    await page.getByRole('button', { name: '最新' }).click();
    await expect(page.getByRole('button', { name: '最新' })).toHaveAttribute('aria-pressed', 'true');
    await expect(cards.first()).toBeVisible();

    // A tag chip on a card opens the tag's page.
    const chip = cards.first().locator('.chips a').first();
    const tagName = (await chip.textContent()) ?? '';
    await chip.click();
    await expect(page).toHaveURL(/\/tags\/[a-z0-9-]+$/);
    await expect(page.getByRole('heading', { name: tagName, level: 1 })).toBeVisible();
    await expect(cards.first()).toBeVisible();
  });
});
