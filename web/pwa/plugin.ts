/**
 * The PWA part of the build: icons (SVG and PNGs drawn from one description), the web manifest,
 * and a service worker that knows this build's file names. The member page links the manifest;
 * both pages get the icon. In `vite dev` the manifest and icons are served from memory.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Plugin, Rolldown } from 'vite';
import { iconPng, iconSvg } from './icon.ts';
import { ICONS, THEME_COLOR, webManifest } from './manifest.ts';

const MANIFEST = '/manifest.webmanifest';
const SW_TEMPLATE = new URL('./sw.js', import.meta.url);

/** The static PWA files, keyed by URL path. Drawn once per process: rasterising takes a moment. */
let files: Map<string, { body: string | Buffer; type: string }> | undefined;
function pwaFiles() {
  files ??= new Map<string, { body: string | Buffer; type: string }>([
    [ICONS.svg, { body: iconSvg(true), type: 'image/svg+xml' }],
    [ICONS.png192, { body: iconPng(192, true), type: 'image/png' }],
    [ICONS.png512, { body: iconPng(512, true), type: 'image/png' }],
    [ICONS.maskable512, { body: iconPng(512, false), type: 'image/png' }],
    // iOS draws its own rounded corners and shows transparency as black: full bleed, no alpha.
    [ICONS.appleTouch, { body: iconPng(180, false), type: 'image/png' }],
    [MANIFEST, { body: `${JSON.stringify(webManifest(), null, 2)}\n`, type: 'application/manifest+json' }],
  ]);
  return files;
}

/** The member entry chunk and everything it loads statically: the JS and CSS of the app shell. */
function shellAssets(bundle: Rolldown.OutputBundle, htmlFile: string): string[] {
  const chunks = Object.values(bundle).filter((o): o is Rolldown.OutputChunk => o.type === 'chunk');
  const entry = chunks.find(
    (c) => c.isEntry && c.facadeModuleId?.replaceAll('\\', '/').endsWith(`/${htmlFile}`),
  );
  if (!entry) throw new Error(`ccm-pwa: no entry chunk for ${htmlFile} in the bundle`);
  const seen = new Set<string>();
  const visit = (chunk: Rolldown.OutputChunk) => {
    if (seen.has(chunk.fileName)) return;
    seen.add(chunk.fileName);
    for (const css of chunk.viteMetadata?.importedCss ?? []) seen.add(css);
    for (const asset of chunk.viteMetadata?.importedAssets ?? []) seen.add(asset);
    for (const name of chunk.imports) {
      const imported = bundle[name];
      if (imported?.type === 'chunk') visit(imported);
    }
  };
  visit(entry);
  return [...seen].sort();
}

export function serviceWorkerSource(version: string, precache: string[]): string {
  const template = readFileSync(SW_TEMPLATE, 'utf8');
  const placeholders = /^const VERSION = 'dev';\nconst PRECACHE = \[\];$/m;
  if (!placeholders.test(template))
    throw new Error('ccm-pwa: sw.js lost its VERSION/PRECACHE placeholder lines');
  return template.replace(
    placeholders,
    `const VERSION = ${JSON.stringify(version)};\nconst PRECACHE = ${JSON.stringify(precache, null, 2)};`,
  );
}

export function pwa(): Plugin {
  return {
    name: 'ccm-pwa',
    // After Vite's own HTML plugin, so the built index.html is in the bundle for the version hash.
    enforce: 'post',

    transformIndexHtml(_html, ctx) {
      const member = ctx.path === '/' || ctx.path.endsWith('/index.html');
      const tags = [
        {
          tag: 'link',
          attrs: { rel: 'icon', href: ICONS.svg, type: 'image/svg+xml' },
          injectTo: 'head' as const,
        },
        { tag: 'meta', attrs: { name: 'theme-color', content: THEME_COLOR }, injectTo: 'head' as const },
      ];
      if (!member) return tags;
      return [
        ...tags,
        { tag: 'link', attrs: { rel: 'manifest', href: MANIFEST }, injectTo: 'head' as const },
        {
          tag: 'link',
          attrs: { rel: 'apple-touch-icon', href: ICONS.appleTouch },
          injectTo: 'head' as const,
        },
      ];
    },

    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const file = pwaFiles().get((req.url ?? '').split('?')[0]);
        if (!file) return next();
        res.setHeader('content-type', file.type);
        res.end(file.body);
      });
    },

    generateBundle(_options, bundle) {
      for (const [url, file] of pwaFiles()) {
        this.emitFile({ type: 'asset', fileName: url.slice(1), source: file.body });
      }
      const html = bundle['index.html'];
      if (html?.type !== 'asset') throw new Error('ccm-pwa: index.html is not in the bundle');
      const precache = [
        '/',
        '/index.html',
        ...shellAssets(bundle, 'index.html').map((f) => `/${f}`),
        MANIFEST,
        ICONS.svg,
        ICONS.png192,
      ];
      // Hashed names cover the JS and CSS; the page, the manifest, the icons and the worker's own
      // code are hashed by content. A new worker comes exactly when something it serves changed.
      const hash = createHash('sha256').update(precache.join('\n')).update(html.source);
      for (const file of pwaFiles().values()) hash.update(file.body);
      const version = hash.update(readFileSync(SW_TEMPLATE)).digest('hex').slice(0, 16);
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: serviceWorkerSource(version, precache) });
    },
  };
}
