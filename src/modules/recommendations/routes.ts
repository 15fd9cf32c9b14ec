/**
 * The member's control over the interest profile: see every weight with where it came from,
 * delete one or all, and mark an article "not interested".
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/openapi.ts';
import { requireMember } from '../accounts/guard.ts';
import { clearInterests, deleteInterest, listInterests, markNotInterested } from './interests.ts';
import {
  ArticleParams,
  ClearQuery,
  InterestList,
  InterestParams,
  InterestQuery,
  NotInterestedOut,
} from './schemas.ts';

const security: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];
const tags = ['recommendations'];

export async function recommendationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const member = requireMember(app);

  r.get(
    '/me/interests',
    {
      preHandler: member,
      schema: {
        operationId: 'listInterests',
        tags,
        summary:
          'The interest weights personalisation uses, each with where it came from (empty without consent)',
        security,
        querystring: InterestQuery,
        response: { 200: InterestList, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => listInterests(ctx, req.member!.userId, req.query.lang),
  );

  r.delete(
    '/me/interests/:tag',
    {
      preHandler: member,
      schema: {
        operationId: 'deleteInterest',
        tags,
        summary: 'Delete one interest; the same past behaviour does not bring it back',
        security,
        params: InterestParams,
        response: { 204: z.null(), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await deleteInterest(ctx, req.member!.userId, req.params.tag);
      return reply.code(204).send(null);
    },
  );

  r.delete(
    '/me/interests',
    {
      preHandler: member,
      schema: {
        operationId: 'clearInterests',
        tags,
        summary:
          'Delete the whole interest profile; with behaviour=true also the behaviour records behind it',
        security,
        querystring: ClearQuery,
        response: { 204: z.null(), ...problemResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      await clearInterests(ctx, req.member!.userId, { behaviour: req.query.behaviour });
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/articles/:id/not-interested',
    {
      preHandler: member,
      schema: {
        operationId: 'markNotInterested',
        tags,
        summary: 'Not interested in this article: pushes its tags and brands down (kept only under consent)',
        security,
        params: ArticleParams,
        response: { 200: NotInterestedOut, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => markNotInterested(ctx, req.member!.userId, req.params.id),
  );
}
