/**
 * Serves the built web app: hashed assets from dist/web, the console shell under /console, and the
 * member app shell for every other page. Article pages get their title, description and image in
 * the HTML itself so that link previews work without running the app's script.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { notFound } from '../../platform/http.ts';
import { getPublishedArticle } from '../content/service.ts';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Replaces the shell's default title and description with the article's own, for link previews. */
export function withPreviewTags(
  html: string,
  meta: { title: string; description: string; image?: string | null; url: string },
) {
  const tags = [
    `<title>${escapeHtml(meta.title)} · CCM</title>`,
    `<meta name="description" content="${escapeHtml(meta.description)}">`,
    `<meta property="og:type" content="article">`,
    `<meta property="og:title" content="${escapeHtml(meta.title)}">`,
    `<meta property="og:description" content="${escapeHtml(meta.description)}">`,
    `<meta property="og:url" content="${escapeHtml(meta.url)}">`,
    ...(meta.image ? [`<meta property="og:image" content="${escapeHtml(meta.image)}">`] : []),
    `<meta name="twitter:card" content="summary">`,
  ].join('\n    ');
  return html
    .replace(/<title>[^<]*<\/title>/, '')
    .replace(/<meta name="description"[^>]*>/, '')
    .replace('</head>', `    ${tags}\n  </head>`);
}

/**
 * The shells load only our own scripts: even if an article body carried a script past the
 * sanitiser, the browser would not run it. Images may come from HTTPS hosts (article pictures).
 */
export const SHELL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

async function webRoutesPlugin(app: FastifyInstance, options: { distDir: string }) {
  const distDir = path.resolve(options.distDir);
  const memberShell = readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const consoleShell = readFileSync(path.join(distDir, 'console.html'), 'utf8');

  await app.register(fastifyStatic, {
    root: distDir,
    wildcard: false,
    index: false,
    setHeaders(res, filePath) {
      const name = path.basename(filePath);
      if (filePath.includes(`${path.sep}assets${path.sep}`))
        res.header('cache-control', 'public, max-age=31536000, immutable');
      else if (name === 'sw.js') res.header('cache-control', 'no-cache');
    },
  });

  const html = (reply: FastifyReply, body: string) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('content-security-policy', SHELL_CSP)
      .send(body);

  app.get('/', { schema: { hide: true } }, (_req, reply) => html(reply, memberShell));

  app.get(
    '/articles/:id',
    { schema: { hide: true } },
    async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
      const id = Number(req.params.id);
      if (!Number.isSafeInteger(id) || id <= 0) return html(reply.code(404), memberShell);
      try {
        const article = await getPublishedArticle(app.ctx.db, id);
        const origin = app.ctx.config.CCM_PUBLIC_URL ?? `${req.protocol}://${req.host}`;
        return html(
          reply,
          withPreviewTags(memberShell, {
            title: article.title,
            description: article.summary,
            image: article.coverUrl && new URL(article.coverUrl, origin).href,
            url: `${origin}/articles/${id}`,
          }),
        );
      } catch {
        return html(reply.code(404), memberShell);
      }
    },
  );

  app.setNotFoundHandler((req, reply) => {
    const pathname = req.url.split('?')[0];
    const isPage =
      (req.method === 'GET' || req.method === 'HEAD') &&
      !pathname.startsWith('/api/') &&
      !path.extname(pathname);
    if (!isPage) return notFound(req, reply);
    if (pathname === '/console' || pathname.startsWith('/console/')) {
      return html(reply.header('x-frame-options', 'DENY'), consoleShell);
    }
    return html(reply, memberShell);
  });
}

export const webRoutes = fp(webRoutesPlugin, { name: 'ccm-web' });
