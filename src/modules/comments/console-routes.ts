/**
 * Console: comment moderation. Moderators are editors and reviewers (and admins): reviewers
 * already judge content before it is published, and the product gives comment moderation to the
 * editorial staff; support and compliance read members' data for other purposes and do not
 * moderate. The column modes are an editorial setting: editors (and admins) only.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/openapi.ts';
import { Lang } from '../content/schemas.ts';
import { requireStaff } from '../staff/guard.ts';
import type { StaffRole } from '../staff/tables.ts';
import { moderate, moderationLog, moderationQueue, moderatorDelete } from './moderation.ts';
import {
  ApproveBody,
  ColumnModeBody,
  ColumnModeOut,
  ColumnParams,
  CommentParams,
  LogPage,
  LogQuery,
  ModerateBody,
  ModeratedOut,
  QueuePage,
  QueueQuery,
} from './schemas.ts';
import { columnModes, setColumnMode } from './settings.ts';

export const MODERATORS: StaffRole[] = ['editor', 'reviewer'];
const security = [{ staffSession: [] }];
const tags = ['console'];

export async function commentConsoleRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const moderators = requireStaff(app, ...MODERATORS);
  const editors = requireStaff(app, 'editor');

  r.get(
    '/comments',
    {
      preHandler: moderators,
      schema: {
        operationId: 'consoleCommentQueue',
        tags,
        summary: 'Comments waiting for review, reported, or hidden; newest first',
        security,
        querystring: QueueQuery,
        response: { 200: QueuePage, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => moderationQueue(ctx, req.query.queue, req.query.cursor),
  );

  for (const action of ['approve', 'hide', 'restore'] as const) {
    r.post(
      `/comments/:id/${action}`,
      {
        preHandler: moderators,
        schema: {
          operationId: `console${action[0].toUpperCase()}${action.slice(1)}Comment`,
          tags,
          summary: {
            approve: 'Publish a pending comment, or keep a reported one (its reports are closed)',
            hide: 'Hide a comment from readers, with the reason (its author still sees it, marked)',
            restore: 'Show a hidden comment again, with the reason',
          }[action],
          security,
          params: CommentParams,
          body: action === 'approve' ? ApproveBody : ModerateBody,
          response: { 200: ModeratedOut, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) =>
        moderate(ctx, req.staff!.id, req.params.id, action, req.body.reason ?? '通过审核 / approved'),
    );
  }

  r.post(
    '/comments/:id/delete',
    {
      preHandler: moderators,
      schema: {
        operationId: 'consoleDeleteComment',
        tags,
        summary: 'Delete a comment for good (a thread keeps a placeholder), with the reason',
        security,
        params: CommentParams,
        body: ModerateBody,
        response: { 204: z.null(), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await moderatorDelete(ctx, req.staff!.id, req.params.id, req.body.reason);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/comment-moderation-log',
    {
      preHandler: moderators,
      schema: {
        operationId: 'consoleCommentModerationLog',
        tags,
        summary: 'Moderation actions, newest first: who, what, why, when',
        security,
        querystring: LogQuery,
        response: { 200: LogPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => moderationLog(ctx, req.query),
  );

  r.get(
    '/comment-settings/columns',
    {
      preHandler: moderators,
      schema: {
        operationId: 'consoleCommentColumnModes',
        tags,
        summary: 'The moderation mode of each column: pre (held until approved) or post',
        security,
        querystring: z.object({ lang: Lang }),
        response: { 200: z.array(ColumnModeOut), ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => columnModes(ctx.db, req.query.lang),
  );

  r.put(
    '/comment-settings/columns/:columnId',
    {
      preHandler: editors,
      schema: {
        operationId: 'consoleSetCommentColumnMode',
        tags,
        summary: 'Set a column to pre- or post-moderation; it applies to comments posted from now on',
        security,
        params: ColumnParams,
        body: ColumnModeBody,
        response: {
          200: z.object({ columnId: z.string(), mode: ColumnModeBody.shape.mode }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (req) => setColumnMode(ctx, req.staff!.id, req.params.columnId, req.body.mode),
  );
}
