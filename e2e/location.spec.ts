/**
 * 附近: a member turns on the location consent from the Nearby page, the browser's position
 * (set by the test) becomes 湖南 长沙, regional items lead the home feed; switching location off in
 * Privacy Settings removes every regional item. An anonymous visitor's region stays on the device.
 */
import { expect, PHONE, screenshot, test } from './fixtures.ts';
import { registerByApi } from './members.ts';

test.use(PHONE);

const CHANGSHA = { latitude: 28.2282, longitude: 112.9388 };

test('a member grants location, sees Hunan first, and nothing regional after switching it off', async ({
  page,
  server,
}) => {
  await page.context().grantPermissions(['geolocation']);
  await page.context().setGeolocation(CHANGSHA);
  await registerByApi(page.request, server.dataDir);

  // Without the consent the home feed has no regional item.
  await page.goto('/');
  await expect(page.getByTestId('feed-card').first()).toBeVisible();
  await expect(page.locator('[data-reason="region"]')).toHaveCount(0);

  await page.getByTestId('open-nearby').click();
  await expect(page).toHaveURL(/\/nearby$/);
  const consent = page.getByTestId('location-consent');
  await expect(consent).toContainText('精确位置');
  await expect(page.getByTestId('grant-location')).toBeDisabled();
  await page.getByTestId('acknowledge-location').check();
  await page.getByTestId('grant-location').click();
  await expect(page.getByTestId('current-region')).toHaveText('当前地区：湖南 长沙');
  // Regional news, fairs and used equipment, each marked as local.
  await expect(page.getByTestId('nearby-events').getByTestId('feed-card').first()).toBeVisible();
  await expect(page.getByTestId('nearby-used').getByTestId('region-chip').first()).toBeVisible();
  await screenshot(page, 'nearby', true);
  const stored = await (await page.request.get('/api/v1/me/location')).json();
  expect(stored.province).toEqual({ id: 'hunan', name: '湖南' });

  await page.goto('/');
  await expect(page.getByTestId('home-region')).toHaveText('当前地区：湖南 长沙');
  const cards = page.getByTestId('feed-card');
  await expect(cards.first()).toHaveAttribute('data-reason', 'region');
  await expect(cards.first().getByTestId('region-chip')).toHaveText('本地');
  await expect(page.locator('[data-reason="region"]')).toHaveCount(3);
  await screenshot(page, 'home-regional');

  // Privacy Settings: the location switch off deletes the region and ends regional content.
  await page.goto('/privacy');
  const toggle = page.getByTestId('consent-location').getByRole('switch');
  await expect(toggle).toBeChecked();
  await toggle.click();
  await expect(toggle).not.toBeChecked();
  expect(await (await page.request.get('/api/v1/me/location')).json()).toBeNull();

  await page.goto('/');
  await expect(page.getByTestId('feed-card').first()).toBeVisible();
  await expect(page.getByTestId('home-region')).toHaveCount(0);
  await expect(page.locator('[data-reason="region"]')).toHaveCount(0);
  await page.getByTestId('open-nearby').click();
  await expect(page.getByTestId('location-consent')).toBeVisible();
  await expect(page.getByTestId('current-region')).toHaveCount(0);
});

test('an anonymous visitor keeps the region on the device and clears it with one tap', async ({ page }) => {
  await page.context().grantPermissions(['geolocation']);
  await page.context().setGeolocation(CHANGSHA);
  await page.goto('/nearby');
  await page.getByTestId('use-location').click();
  await expect(page.getByTestId('current-region')).toHaveText('当前地区：湖南 长沙');
  expect(await page.evaluate(() => localStorage.getItem('ccm.region'))).toContain('hunan');

  await page.goto('/');
  await expect(page.getByTestId('feed-card').first()).toHaveAttribute('data-reason', 'region');

  await page.goto('/nearby');
  await page.getByTestId('clear-region').click();
  await expect(page.getByTestId('use-location')).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('ccm.region'))).toBeNull();
  await page.goto('/');
  await expect(page.getByTestId('feed-card').first()).toBeVisible();
  await expect(page.locator('[data-reason="region"]')).toHaveCount(0);
});

test('a refused browser permission leaves Nearby off with a clear message', async ({ page }) => {
  await page.context().clearPermissions();
  await page.goto('/nearby');
  await page.getByTestId('use-location').click();
  await expect(page.getByTestId('location-error')).toContainText('浏览器未允许获取位置');
  await expect(page.getByTestId('current-region')).toHaveCount(0);
});
