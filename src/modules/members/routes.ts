/**
 * Console: members (support and compliance, and admin) and the staff access log (compliance and
 * admin). Every member route records itself in the access log through the service.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/openapi.ts';
import { requireStaff } from '../staff/guard.ts';
import { listStaffAccess } from './audit.ts';
import {
  AccessLogPage,
  AccessLogQuery,
  MemberDetail,
  MemberListQuery,
  MemberPage,
  MemberParams,
  ReasonBody,
  StatusChange,
} from './schemas.ts';
import { type Actor, listMembers, memberDetail, revealPhone, setSuspended } from './service.ts';

const security = [{ staffSession: [] }];
const tags = ['console'];
const actor = (req: FastifyRequest): Actor => ({ staffId: req.staff!.id, requestId: req.id });

export async function memberConsoleRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const memberStaff = requireStaff(app, 'support', 'compliance');

  r.get(
    '/members',
    {
      preHandler: memberStaff,
      schema: {
        operationId: 'consoleListMembers',
        tags,
        summary: 'Members, newest first, phones masked; found by whole phone number or nickname prefix',
        security,
        querystring: MemberListQuery,
        response: { 200: MemberPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => listMembers(ctx, actor(req), req.query),
  );

  r.get(
    '/members/:id',
    {
      preHandler: memberStaff,
      schema: {
        operationId: 'consoleGetMember',
        tags,
        summary: 'One member’s record (phone masked): profile, tags, devices, registration consents',
        security,
        params: MemberParams,
        response: { 200: MemberDetail, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => memberDetail(ctx, actor(req), req.params.id),
  );

  r.post(
    '/members/:id/reveal-phone',
    {
      preHandler: memberStaff,
      schema: {
        operationId: 'consoleRevealMemberPhone',
        tags,
        summary: 'The full phone number; recorded in the access log with the reason given',
        security,
        params: MemberParams,
        body: ReasonBody,
        response: { 200: z.object({ phone: z.string() }), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => ({ phone: await revealPhone(ctx, actor(req), req.params.id, req.body.reason) }),
  );

  for (const [verb, suspend] of [
    ['suspend', true],
    ['unsuspend', false],
  ] as const) {
    r.post(
      `/members/:id/${verb}`,
      {
        preHandler: memberStaff,
        schema: {
          operationId: suspend ? 'consoleSuspendMember' : 'consoleUnsuspendMember',
          tags,
          summary: suspend
            ? 'Suspend a member: every session ends and sign-in is refused until restored'
            : 'Restore a suspended member',
          security,
          params: MemberParams,
          body: ReasonBody,
          response: { 200: StatusChange, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => setSuspended(ctx, actor(req), req.params.id, suspend, req.body.reason),
    );
  }

  r.get(
    '/access-log',
    {
      preHandler: requireStaff(app, 'compliance'),
      schema: {
        operationId: 'consoleAccessLog',
        tags,
        summary: 'The staff access log, newest first',
        security,
        querystring: AccessLogQuery,
        response: { 200: AccessLogPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => listStaffAccess(ctx.db, req.query),
  );
}
