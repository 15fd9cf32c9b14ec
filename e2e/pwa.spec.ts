/** The member app as an installable PWA: the manifest, its icons, and the service worker. */
import { expect, PHONE, screenshot, test } from './fixtures.ts';

test.use(PHONE);

interface Manifest {
  name: string;
  short_name: string;
  start_url: string;
  display: string;
  icons: { src: string; sizes: string; type: string; purpose: string }[];
}

test('the manifest is linked and served, and the service worker registers and serves the shell offline', async ({
  page,
  context,
  request,
}) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBe('/manifest.webmanifest');
  const res = await request.get(href!);
  expect(res.ok()).toBe(true);
  const manifest = (await res.json()) as Manifest;
  expect(manifest).toMatchObject({
    name: '工程机械CCM',
    short_name: 'CCM',
    start_url: '/',
    display: 'standalone',
  });
  expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  for (const icon of manifest.icons) {
    const file = await request.get(icon.src);
    expect(file.ok(), icon.src).toBe(true);
    expect(file.headers()['content-type']).toContain(icon.type);
  }

  const scriptURL = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);
  expect(scriptURL).toMatch(/\/sw\.js$/);
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);

  const cached = await page.evaluate(async () => {
    const urls: string[] = [];
    const names = await caches.keys();
    for (const name of names)
      for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
    return { names, urls };
  });
  expect(cached.names.some((n) => n.startsWith('ccm-shell-'))).toBe(true);
  expect(cached.urls).toEqual(expect.arrayContaining(['/', '/manifest.webmanifest']));
  expect(cached.urls.some((u) => u.startsWith('/assets/') && u.endsWith('.js'))).toBe(true);
  expect(cached.urls.filter((u) => u.startsWith('/api/'))).toEqual([]);

  // Offline, the cached shell still opens; the feed says it could not load and offers a retry.
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('link', { name: '工程机械CCM' })).toBeVisible();
  await expect(page.getByTestId('error-state')).toContainText('网络连接似乎有问题');
  await screenshot(page, 'member-offline');

  await context.setOffline(false);
  await page.getByRole('button', { name: '重试' }).click();
  await expect(page.getByTestId('feed-card').first()).toBeVisible();
});
