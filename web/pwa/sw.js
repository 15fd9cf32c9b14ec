/*
 * CCM's service worker. The PWA plugin writes it into the build with this build's VERSION and the
 * PRECACHE list (the member app's shell: page, hashed JS/CSS, manifest, icons) in place of the two
 * lines below. A new build gives a new file, so browsers install the new worker and drop old caches.
 */
const VERSION = 'dev';
const PRECACHE = [];

const CACHE = `ccm-shell-${VERSION}`;
const SHELL = '/';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `reload` skips the HTTP cache so the shell stored is the one of this build.
      await cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })));
      // Assets are content-hashed, so the new shell can take over open pages at once.
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((n) => n.startsWith('ccm-') && n !== CACHE).map((n) => caches.delete(n)),
      );
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // API answers are live (and may become personal): they always go to the network, uncached.
  if (url.pathname.startsWith('/api/')) return;
  // The console is an online tool for staff: it is left to the network entirely.
  if (url.pathname === '/console' || url.pathname.startsWith('/console/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request));
  } else if (url.pathname.startsWith('/assets/') || PRECACHE.includes(url.pathname)) {
    event.respondWith(cacheFirst(request, url));
  }
});

/** Pages come fresh from the server (with their link-preview tags); offline, the cached shell. */
async function networkFirst(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const shell = await caches.match(SHELL, { cacheName: CACHE });
    if (shell) return shell;
    throw error;
  }
}

/** Hashed assets never change under one name, so a cached copy is always right. */
async function cacheFirst(request, url) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && url.pathname.startsWith('/assets/')) await cache.put(request, response.clone());
  return response;
}
