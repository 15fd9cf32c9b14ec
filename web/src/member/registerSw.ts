/**
 * Registers the service worker of production builds. In development there is none: Vite serves
 * changing modules, and a cache in front of them would only get in the way.
 */
export function registerServiceWorker() {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((err: unknown) => {
      // Without a worker the app still works online; note why for whoever looks at the console.
      console.warn('CCM: service worker registration failed', err);
    });
  });
}
