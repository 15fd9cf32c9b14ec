/**
 * Members: the incident notices they received (their in-app inbox of such notices). Everyone:
 * published incident announcements and whether the service is ending.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/openapi.ts';
import { requireMember } from '../accounts/guard.ts';
import { Announcement, IncidentParams, MemberNotice, ServiceStatus } from './schemas.ts';
import { markNoticeRead, memberNotices, publicAnnouncements } from './service.ts';
import { getServiceStatus, stopServiceEndJob } from './service-end.ts';

export async function incidentRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const tags = ['privacy'];
  app.addHook('onClose', () => stopServiceEndJob(ctx));

  r.get(
    '/me/notices',
    {
      preHandler: requireMember(app),
      schema: {
        operationId: 'listMyIncidentNotices',
        tags,
        summary: 'Security incidents this member was told of: what happened, the harm, what was done, advice',
        response: { 200: z.object({ items: z.array(MemberNotice) }), ...problemResponses(401) },
      },
    },
    async (req) => ({ items: await memberNotices(ctx, req.member!.userId) }),
  );

  r.post(
    '/me/notices/:id/read',
    {
      preHandler: requireMember(app),
      schema: {
        operationId: 'markIncidentNoticeRead',
        tags,
        summary: 'Marks one of the member’s notices as read',
        params: IncidentParams,
        response: { 204: z.null(), ...problemResponses(400, 401, 404) },
      },
    },
    async (req, reply) => {
      await markNoticeRead(ctx, req.member!.userId, req.params.id);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/announcements',
    {
      schema: {
        operationId: 'listAnnouncements',
        tags,
        summary: 'Incident announcements published when telling each person was impossible',
        response: { 200: z.object({ items: z.array(Announcement) }) },
      },
    },
    async () => ({ items: await publicAnnouncements(ctx) }),
  );

  r.get(
    '/service-status',
    {
      schema: {
        operationId: 'getServiceStatus',
        tags,
        summary: 'Whether the service is ending, and when (announced at least 30 days ahead)',
        response: { 200: ServiceStatus },
      },
    },
    async () => {
      const { mode, announcedAt, endsAt, message, endedAt } = await getServiceStatus(ctx);
      return { mode, announcedAt, endsAt, message, endedAt };
    },
  );
}
