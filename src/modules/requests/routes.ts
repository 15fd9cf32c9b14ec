/** The member's rights requests: POST /me/requests (contract), GET /me/requests, GET /me/requests/{id}. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/openapi.ts';
import { requireMember } from '../accounts/guard.ts';
import { seedCalendar } from './calendar.ts';
import { stopRequestReminderJob } from './job.ts';
import { IdParams, MemberRequest, NewRequest, RequestCreated } from './schemas.ts';
import { myRequest, myRequests, openRequest } from './service.ts';

const security: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];
const tags = ['privacy'];

export async function requestRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const member = requireMember(app);
  // The current and next year's calendar, when they have no rows yet.
  app.addHook('onReady', async () => {
    await seedCalendar(ctx);
  });
  app.addHook('onClose', () => stopRequestReminderJob(ctx));

  r.post(
    '/me/requests',
    {
      preHandler: member,
      schema: {
        operationId: 'openRightsRequest',
        tags,
        summary:
          'Ask for access, correction, deletion or an explanation, or complain; answered within 15 working days',
        security,
        body: NewRequest,
        response: { 201: RequestCreated, ...problemResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const { id, dueAt } = await openRequest(ctx, req.member!.userId, req.body);
      return reply.code(201).send({ id, dueAt });
    },
  );

  r.get(
    '/me/requests',
    {
      preHandler: member,
      schema: {
        operationId: 'listMyRightsRequests',
        tags,
        summary: 'The member’s requests, newest first, with their status, due time and answer',
        security,
        response: { 200: z.object({ items: z.array(MemberRequest) }), ...problemResponses(401, 403) },
      },
    },
    async (req) => ({ items: await myRequests(ctx, req.member!.userId) }),
  );

  r.get(
    '/me/requests/:id',
    {
      preHandler: member,
      schema: {
        operationId: 'getMyRightsRequest',
        tags,
        summary: 'One of the member’s requests',
        security,
        params: IdParams,
        response: { 200: MemberRequest, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => myRequest(ctx, req.member!.userId, req.params.id),
  );
}
