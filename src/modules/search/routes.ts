/** Search (no account needed), suggestions, and a member's own server-side search history. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/openapi.ts';
import { identifyMember, requireMember } from '../accounts/guard.ts';
import { clearSearchHistory, deleteSearchQuery, listSearchHistory, logSearch } from './history.ts';
import { search } from './query.ts';
import { HistoryList, HistoryParams, SearchPage, SearchQuery, Suggestions, SuggestQuery } from './schemas.ts';
import { suggest } from './suggest.ts';

const security: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];

export async function searchRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  r.get(
    '/search',
    {
      schema: {
        operationId: 'search',
        tags: ['search'],
        summary: 'Full-text search of published articles, by relevance (Chinese and English)',
        querystring: SearchQuery,
        response: { 200: SearchPage, ...problemResponses(400) },
      },
    },
    async (req) => {
      const page = await search(ctx.db, { ...req.query, now: ctx.clock.now() });
      if (!req.query.cursor) {
        // Logged only for a member who consents to personalisation; an ended session searches anonymously.
        const member = await identifyMember(app, req).catch(() => undefined);
        if (member) await logSearch(ctx, member.userId, req.query.q);
      }
      return page;
    },
  );

  r.get(
    '/search/suggest',
    {
      schema: {
        operationId: 'searchSuggest',
        tags: ['search'],
        summary: 'Suggestions while typing: brands, tags and recent titles',
        querystring: SuggestQuery,
        response: { 200: Suggestions, ...problemResponses(400) },
      },
    },
    async (req) => ({ items: await suggest(ctx.db, req.query.q, req.query.lang, ctx.clock.now()) }),
  );

  r.get(
    '/me/search-history',
    {
      preHandler: requireMember(app),
      schema: {
        operationId: 'listSearchHistory',
        tags: ['search'],
        summary: 'The searches the server keeps for me (only with the personalisation consent)',
        security,
        response: { 200: HistoryList, ...problemResponses(401) },
      },
    },
    async (req) => listSearchHistory(ctx.db, req.member!.userId),
  );

  r.delete(
    '/me/search-history/:id',
    {
      preHandler: requireMember(app),
      schema: {
        operationId: 'deleteSearchHistoryEntry',
        tags: ['search'],
        summary: 'Delete one search from my server-side history',
        security,
        params: HistoryParams,
        response: { 204: z.null(), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await deleteSearchQuery(ctx.db, req.member!.userId, req.params.id);
      return reply.code(204).send(null);
    },
  );

  r.delete(
    '/me/search-history',
    {
      preHandler: requireMember(app),
      schema: {
        operationId: 'clearSearchHistory',
        tags: ['search'],
        summary: 'Delete my whole server-side search history',
        security,
        response: { 200: z.object({ deleted: z.number().int() }), ...problemResponses(401, 403) },
      },
    },
    async (req) => ({ deleted: await clearSearchHistory(ctx.db, req.member!.userId) }),
  );
}
