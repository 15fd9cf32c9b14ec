/** The web app manifest of the member app (the console is not installable: it is a staff tool). */
export const THEME_COLOR = '#1d232b';
export const BACKGROUND_COLOR = '#f4f5f7';

export const ICONS = {
  svg: '/icons/icon.svg',
  png192: '/icons/icon-192.png',
  png512: '/icons/icon-512.png',
  maskable512: '/icons/icon-maskable-512.png',
  appleTouch: '/icons/apple-touch-icon.png',
} as const;

export function webManifest() {
  return {
    id: '/',
    name: '工程机械CCM',
    short_name: 'CCM',
    description: '工程机械行业资讯：行业动态、市场数据、新品与会展。',
    lang: 'zh-CN',
    dir: 'ltr',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    orientation: 'portrait',
    background_color: BACKGROUND_COLOR,
    theme_color: THEME_COLOR,
    categories: ['news', 'business'],
    icons: [
      { src: ICONS.svg, sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
      { src: ICONS.png192, sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: ICONS.png512, sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: ICONS.maskable512, sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}
