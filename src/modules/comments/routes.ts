/** Member API of comments: list and post under an article, replies, delete, like, report, mine. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { regionOfIp } from '../../platform/ip-region.ts';
import { problemResponses } from '../../platform/openapi.ts';
import { identifyMember, requireMember, SESSION_COOKIE } from '../accounts/guard.ts';
import { requireStaff, STAFF_COOKIE } from '../staff/guard.ts';
import { MODERATORS } from './console-routes.ts';
import { moderatorDelete } from './moderation.ts';
import {
  ArticleParams,
  CommentPage,
  CommentParams,
  CursorQuery,
  DeleteQuery,
  LikeOut,
  MyCommentPage,
  NewCommentOut,
  PostBody,
  ReportBody,
  ReportOut,
  ThreadPage,
} from './schemas.ts';
import {
  deleteOwnComment,
  listComments,
  listReplies,
  myComments,
  postComment,
  reportComment,
  setLike,
} from './service.ts';

const member: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];
const tags = ['comments'];

export async function commentRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const signedIn = requireMember(app);
  const moderators = requireStaff(app, ...MODERATORS);

  /** Reading needs no account; a signed-in reader also sees their own pending and hidden comments. */
  const viewerOf = async (req: FastifyRequest) => {
    try {
      return (await identifyMember(app, req))?.userId;
    } catch (err) {
      if (err instanceof AppError && err.code === 'auth.unauthenticated') return undefined;
      throw err;
    }
  };

  r.get(
    '/articles/:id/comments',
    {
      schema: {
        operationId: 'listComments',
        tags,
        summary: 'Top-level comments of a published article, newest first, each with its first replies',
        params: ArticleParams,
        querystring: CursorQuery,
        response: { 200: ThreadPage, ...problemResponses(400, 404) },
      },
    },
    async (req) =>
      listComments(ctx, {
        articleId: req.params.id,
        viewerId: await viewerOf(req),
        cursor: req.query.cursor,
      }),
  );

  r.post(
    '/articles/:id/comments',
    {
      preHandler: signedIn,
      schema: {
        operationId: 'postComment',
        tags,
        summary:
          'Comment on a published article, or reply (replyTo); needs a verified phone. A comment held for review answers status "pending"',
        security: member,
        params: ArticleParams,
        body: PostBody,
        response: { 201: NewCommentOut, ...problemResponses(400, 401, 403, 404, 429) },
      },
    },
    async (req, reply) =>
      reply.code(201).send(
        await postComment(ctx, {
          userId: req.member!.userId,
          articleId: req.params.id,
          body: req.body.body,
          replyTo: req.body.replyTo,
          ipRegion: regionOfIp(req.ip),
        }),
      ),
  );

  r.get(
    '/comments/:id/replies',
    {
      schema: {
        operationId: 'listCommentReplies',
        tags,
        summary: 'Replies of a top-level comment, oldest first',
        params: CommentParams,
        querystring: CursorQuery,
        response: { 200: CommentPage, ...problemResponses(400, 404) },
      },
    },
    async (req) =>
      listReplies(ctx, { commentId: req.params.id, viewerId: await viewerOf(req), cursor: req.query.cursor }),
  );

  r.delete(
    '/comments/:id',
    {
      // The member's own comment; or, from a console session alone, a moderator's with a reason.
      preHandler: async (req) => {
        const asMember =
          req.headers.authorization || req.cookies[SESSION_COOKIE] || !req.cookies[STAFF_COOKIE];
        return asMember ? signedIn(req) : moderators(req);
      },
      schema: {
        operationId: 'deleteComment',
        tags,
        summary:
          'Delete your comment (a thread keeps a placeholder); moderators may delete any, with a reason',
        security: [...member, { staffSession: [] }],
        params: CommentParams,
        querystring: DeleteQuery,
        response: { 204: z.null(), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      if (req.member) await deleteOwnComment(ctx, req.member.userId, req.params.id);
      else {
        if (!req.query.reason) {
          throw new AppError('validation.failed', 'A moderator gives a reason.', {
            errors: [{ path: 'querystring.reason', message: 'required when a moderator deletes' }],
          });
        }
        await moderatorDelete(ctx, req.staff!.id, req.params.id, req.query.reason);
      }
      return reply.code(204).send(null);
    },
  );

  for (const [method, liked] of [
    ['PUT', true],
    ['DELETE', false],
  ] as const) {
    r.route({
      method,
      url: '/comments/:id/like',
      preHandler: signedIn,
      schema: {
        operationId: liked ? 'likeComment' : 'unlikeComment',
        tags,
        summary: liked ? 'Like a comment (once; again changes nothing)' : 'Take a like back',
        security: member,
        params: CommentParams,
        response: { 200: LikeOut, ...problemResponses(400, 401, 404) },
      },
      handler: async (req) => setLike(ctx, req.member!.userId, req.params.id, liked),
    });
  }

  r.post(
    '/comments/:id/reports',
    {
      preHandler: signedIn,
      schema: {
        operationId: 'reportComment',
        tags,
        summary: 'Report a comment as abusive: a reason from the list and an optional note; once per member',
        security: member,
        params: CommentParams,
        body: ReportBody,
        response: { 201: ReportOut, ...problemResponses(400, 401, 404, 409) },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await reportComment(ctx, req.member!.userId, req.params.id, req.body)),
  );

  r.get(
    '/me/comments',
    {
      preHandler: signedIn,
      schema: {
        operationId: 'listMyComments',
        tags,
        summary: 'My comments, newest first, with the article title; pending and hidden ones marked',
        security: member,
        querystring: CursorQuery,
        response: { 200: MyCommentPage, ...problemResponses(400, 401) },
      },
    },
    async (req) => myComments(ctx, req.member!.userId, req.query.cursor),
  );
}
