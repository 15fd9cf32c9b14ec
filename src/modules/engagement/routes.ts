/**
 * Favourites, shares, follows, the following feed, behaviour records and the member's browsing
 * history. Favourites, follows and history need an account; views, clicks and shares are open to
 * anonymous readers, who only move aggregate counters.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { problemResponses } from '../../platform/openapi.ts';
import { identifyMember, requireMember } from '../accounts/guard.ts';
import { Feed } from '../content/schemas.ts';
import {
  ArticleActions,
  ArticleParams,
  EventsBody,
  EventsOut,
  FavoritePage,
  FavoriteParams,
  FavoriteState,
  FollowList,
  FollowParams,
  HistoryPage,
  LangQuery,
  PageQuery,
  ShareBody,
  ShareOut,
  ViewBody,
} from './schemas.ts';
import {
  addFavorite,
  articleActions,
  clearHistory,
  deleteHistoryItem,
  favoriteOf,
  follow,
  followingFeedOf,
  listFavorites,
  listFollows,
  listHistory,
  recordClicks,
  recordView,
  removeFavorite,
  shareArticle,
  unfollow,
} from './service.ts';

const security: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];
const optionalSecurity: Record<string, string[]>[] = [{}, ...security];
const tags = ['engagement'];

export async function engagementRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const member = requireMember(app);

  /**
   * The member on an open route, or undefined: a signed-out reader, a session that has ended, a
   * request without its CSRF token, and a child's account awaiting a guardian all count as
   * anonymous, so nothing is tied to them.
   */
  async function optionalMember(req: FastifyRequest): Promise<number | undefined> {
    const m = await identifyMember(app, req).catch(() => undefined);
    if (!m) return undefined;
    return m.guardianGateClosed ? undefined : m.userId;
  }

  r.put(
    '/me/favorites/:articleId',
    {
      preHandler: member,
      schema: {
        operationId: 'addFavorite',
        tags,
        summary: 'Favourite a published article (idempotent)',
        security,
        params: FavoriteParams,
        response: { 204: z.null(), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await addFavorite(ctx, req.member!.userId, req.params.articleId);
      return reply.code(204).send(null);
    },
  );

  r.delete(
    '/me/favorites/:articleId',
    {
      preHandler: member,
      schema: {
        operationId: 'removeFavorite',
        tags,
        summary: 'Remove a favourite (idempotent)',
        security,
        params: FavoriteParams,
        response: { 204: z.null(), ...problemResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      await removeFavorite(ctx, req.member!.userId, req.params.articleId);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/me/favorites',
    {
      preHandler: member,
      schema: {
        operationId: 'listFavorites',
        tags,
        summary: 'The member’s favourites, newest first',
        security,
        querystring: PageQuery,
        response: { 200: FavoritePage, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => listFavorites(ctx, req.member!.userId, req.query),
  );

  r.get(
    '/me/favorites/:articleId',
    {
      preHandler: member,
      schema: {
        operationId: 'getFavorite',
        tags,
        summary: 'Whether the member has favourited this article (404 when not)',
        security,
        params: FavoriteParams,
        response: { 200: FavoriteState, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const at = await favoriteOf(ctx, req.member!.userId, req.params.articleId);
      if (!at) throw new AppError('favorite.not_found', 'This article is not among the favourites.');
      return { articleId: req.params.articleId, favorited: true as const, favoritedAt: at.toISOString() };
    },
  );

  r.post(
    '/articles/:id/shares',
    {
      schema: {
        operationId: 'shareArticle',
        tags,
        summary: 'Count a share and get the article’s stable public address; no account needed',
        security: optionalSecurity,
        params: ArticleParams,
        body: ShareBody,
        response: { 200: ShareOut, ...problemResponses(400, 404) },
      },
    },
    async (req) => {
      const origin = ctx.config.CCM_PUBLIC_URL ?? `${req.protocol}://${req.host}`;
      return shareArticle(ctx, await optionalMember(req), req.params.id, req.body.channel, origin);
    },
  );

  r.get(
    '/articles/:id/actions',
    {
      schema: {
        operationId: 'getArticleActions',
        tags,
        summary: 'The actions bar of an article: favourite state and what can be followed',
        security: optionalSecurity,
        params: ArticleParams,
        querystring: LangQuery,
        response: { 200: ArticleActions, ...problemResponses(400, 404) },
      },
    },
    async (req) => articleActions(ctx, await optionalMember(req), req.params.id, req.query.lang),
  );

  r.put(
    '/me/follows/:kind/:id',
    {
      preHandler: member,
      schema: {
        operationId: 'follow',
        tags,
        summary: 'Follow an author, column, tag or brand (idempotent)',
        security,
        params: FollowParams,
        response: { 204: z.null(), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await follow(ctx, req.member!.userId, req.params.kind, req.params.id);
      return reply.code(204).send(null);
    },
  );

  r.delete(
    '/me/follows/:kind/:id',
    {
      preHandler: member,
      schema: {
        operationId: 'unfollow',
        tags,
        summary: 'Stop following (idempotent)',
        security,
        params: FollowParams,
        response: { 204: z.null(), ...problemResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      await unfollow(ctx, req.member!.userId, req.params.kind, req.params.id);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/me/follows',
    {
      preHandler: member,
      schema: {
        operationId: 'listFollows',
        tags,
        summary: 'What the member follows, newest first, with display names',
        security,
        querystring: LangQuery,
        response: { 200: FollowList, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => ({ items: await listFollows(ctx, req.member!.userId, req.query.lang) }),
  );

  r.get(
    '/me/following/feed',
    {
      preHandler: member,
      schema: {
        operationId: 'getFollowingFeed',
        tags,
        summary: 'The “following” tab: newest published articles of what the member follows',
        security,
        querystring: PageQuery,
        response: { 200: Feed, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => ({ ...(await followingFeedOf(ctx, req.member!.userId, req.query)), personalized: false }),
  );

  r.post(
    '/articles/:id/views',
    {
      schema: {
        operationId: 'recordArticleView',
        tags,
        summary: 'Count a read; a member’s browsing record is kept only under personalisation consent',
        security: optionalSecurity,
        params: ArticleParams,
        body: ViewBody,
        response: { 204: z.null(), ...problemResponses(400, 404) },
      },
    },
    async (req, reply) => {
      await recordView(ctx, await optionalMember(req), req.params.id, req.body.dwellMs);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/events',
    {
      schema: {
        operationId: 'recordEvents',
        tags,
        summary: 'Clicks in lists, batched; recorded only for members under personalisation consent',
        security: optionalSecurity,
        body: EventsBody,
        response: { 202: EventsOut, ...problemResponses(400) },
      },
    },
    async (req, reply) => {
      const recorded = await recordClicks(ctx, await optionalMember(req), req.body.events);
      return reply.code(202).send({ recorded });
    },
  );

  r.get(
    '/me/history',
    {
      preHandler: member,
      schema: {
        operationId: 'listBrowsingHistory',
        tags,
        summary: 'Articles the member read, last read first',
        security,
        querystring: PageQuery,
        response: { 200: HistoryPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => listHistory(ctx, req.member!.userId, req.query),
  );

  r.delete(
    '/me/history/:articleId',
    {
      preHandler: member,
      schema: {
        operationId: 'deleteBrowsingHistoryItem',
        tags,
        summary: 'Delete the record of one article read (and the clicks on it); idempotent',
        security,
        params: FavoriteParams,
        response: { 204: z.null(), ...problemResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      await deleteHistoryItem(ctx, req.member!.userId, req.params.articleId);
      return reply.code(204).send(null);
    },
  );

  r.delete(
    '/me/history',
    {
      preHandler: member,
      schema: {
        operationId: 'clearBrowsingHistory',
        tags,
        summary: 'Delete the whole browsing history and every click record',
        security,
        response: { 204: z.null(), ...problemResponses(401, 403) },
      },
    },
    async (req, reply) => {
      await clearHistory(ctx, req.member!.userId);
      return reply.code(204).send(null);
    },
  );
}
