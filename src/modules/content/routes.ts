/** Public content API: columns, tags, brands, the feed and articles. No account needed. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CacheBus } from '../../platform/cache.ts';
import { problemResponses } from '../../platform/openapi.ts';
import { requestToken } from '../accounts/guard.ts';
import {
  feedSession,
  personalFeed,
  RECS_ARTICLES_CACHE,
  RECS_CANDIDATES_CACHE,
  RECS_ITEMS_CACHE,
  type StoredList,
} from '../recommendations/feed.ts';
import { feedWithRegionalLead } from './regional.ts';
import {
  Article,
  ArticleParams,
  BrandOut,
  ColumnOut,
  Feed,
  FeedQuery,
  Lang,
  SeriesOut,
  TagOut,
  TaxonomyId,
} from './schemas.ts';
import { getPublishedArticle, listBrands, listColumns, listSeries, listTags } from './service.ts';

export const ARTICLE_CACHE = 'articles';
export const FEED_CACHE = 'feed';

/** Call after any write that changes what readers see of an article (edit, publish, archive). */
export async function invalidateArticle(caches: CacheBus, id: number): Promise<void> {
  await caches.invalidate(ARTICLE_CACHE, String(id));
  await caches.invalidate(FEED_CACHE, null);
  // Personalised lists hold the article too: its details and the shared candidate lists go, so an
  // archived article leaves every feed at once (stored lists skip what is no longer published).
  await caches.invalidate(RECS_ARTICLES_CACHE, String(id));
  await caches.invalidate(RECS_ITEMS_CACHE, String(id));
  await caches.invalidate(RECS_CANDIDATES_CACHE, null);
}

/**
 * Whether a feed request is personalised: a signed-in member whose personalisation consent is in
 * force, asking for the default order (hot) of everything or of one column. A tag, brand or series
 * filter, or newest-first, is the reader's own choice of order and stays general. A session that
 * has ended reads the public feed (this route needs no account).
 */
async function personalisedFor(
  app: FastifyInstance,
  request: FastifyRequest,
  q: {
    sort: string;
    tag?: string;
    brand?: string;
    series?: string;
    column?: string;
    cursor?: string;
    limit: number;
  },
): Promise<{ userId: number; stored: StoredList | null } | undefined> {
  if (q.sort !== 'hot' || q.tag || q.brand || q.series) return undefined;
  const token = requestToken(request);
  if (!token) return undefined;
  const session = await feedSession(app.ctx, token.token, q);
  return session?.consented ? { userId: session.userId, stored: session.stored } : undefined;
}

export async function contentRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const LangQuery = z.object({ lang: Lang });
  const { config, caches } = app.ctx;
  const ttl = config.CCM_CONTENT_CACHE_TTL * 1000;
  // Both keep the UTF-8 they send: a response is a copy of bytes, not an encoding of text.
  const articleCache = caches.cache<Buffer>(ARTICLE_CACHE, 20_000, ttl);
  // The general feed is the same for every reader: its pages are kept a few seconds at most.
  const feedCache = caches.cache<Buffer>(FEED_CACHE, 2_000, Math.min(ttl, 5_000));
  const feedLoads = new Map<string, Promise<Buffer>>();

  r.get(
    '/columns',
    {
      schema: {
        operationId: 'listColumns',
        tags: ['content'],
        summary: 'Information types (columns), in display order',
        querystring: LangQuery,
        response: { 200: z.array(ColumnOut), ...problemResponses(400) },
      },
    },
    async (req) => listColumns(app.ctx.db, req.query.lang),
  );

  r.get(
    '/tags',
    {
      schema: {
        operationId: 'listTags',
        tags: ['content'],
        summary: 'Industry tags: machine classes and their subdivisions',
        querystring: LangQuery,
        response: { 200: z.array(TagOut), ...problemResponses(400) },
      },
    },
    async (req) => listTags(app.ctx.db, req.query.lang),
  );

  r.get(
    '/brands',
    {
      schema: {
        operationId: 'listBrands',
        tags: ['content'],
        summary: 'Manufacturers that articles link to',
        querystring: LangQuery,
        response: { 200: z.array(BrandOut), ...problemResponses(400) },
      },
    },
    async (req) => listBrands(app.ctx.db, req.query.lang),
  );

  r.get(
    '/series',
    {
      schema: {
        operationId: 'listSeries',
        tags: ['content'],
        summary: 'Model series (of one brand with ?brand=), in display order',
        querystring: z.object({ lang: Lang, brand: TaxonomyId.optional() }),
        response: { 200: z.array(SeriesOut), ...problemResponses(400) },
      },
    },
    async (req) => listSeries(app.ctx.db, req.query.lang, req.query.brand),
  );

  r.get(
    '/feed',
    {
      schema: {
        operationId: 'getFeed',
        tags: ['content'],
        summary:
          'The feed: published articles, hot (freshness and engagement with time decay) or newest first, optionally of one column, tag, brand or series; with region, regional items lead the first page',
        querystring: FeedQuery,
        response: { 200: Feed, ...problemResponses(400) },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const member = await personalisedFor(app, req, q);
      if (member !== undefined) {
        // The page's JSON bytes, joined from typed parts (feed.ts): sent as they are, not validated again.
        const json = await personalFeed(app.ctx, member.userId, q, member.stored);
        return reply
          .header('cache-control', 'private, no-store')
          .type('application/json; charset=utf-8')
          .send(json as never);
      }
      const key = `${q.sort}|${q.column ?? ''}|${q.tag ?? ''}|${q.brand ?? ''}|${q.series ?? ''}|${q.cursor ?? ''}|${q.limit}|${q.region ?? ''}`;
      let json = feedCache.get(key);
      if (json === undefined) {
        // One query per page however many readers miss it at once (every 5 s, the popular pages).
        let pending = feedLoads.get(key);
        if (!pending) {
          pending = feedWithRegionalLead(app.ctx.db, { ...q, now: app.ctx.clock.now() })
            .then((page) => {
              const bytes = Buffer.from(JSON.stringify(Feed.parse({ ...page, personalized: false })));
              feedCache.set(key, bytes);
              return bytes;
            })
            .finally(() => feedLoads.delete(key));
          feedLoads.set(key, pending);
        }
        json = await pending;
      }
      return reply.type('application/json; charset=utf-8').send(json as never);
    },
  );

  r.get(
    '/articles/:id',
    {
      schema: {
        operationId: 'getArticle',
        tags: ['content'],
        summary: 'One published article with its sanitised body',
        params: ArticleParams,
        response: { 200: Article, ...problemResponses(400, 404) },
      },
    },
    async (req, reply) => {
      const key = String(req.params.id);
      let json = articleCache.get(key);
      if (json === undefined) {
        // Validate once against the schema, then keep the serialised form for the next readers.
        json = Buffer.from(
          JSON.stringify(Article.parse(await getPublishedArticle(app.ctx.db, req.params.id))),
        );
        articleCache.set(key, json);
      }
      // The JSON bytes are sent as they are: the response schema was applied when they were made.
      return reply.type('application/json; charset=utf-8').send(json as never);
    },
  );
}
