/**
 * The guardian API: the public notice, and the child's side of asking a guardian (who then enters
 * the code and the decision on the child's device). Registered under /api/v1 in app.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problemResponses } from '../../platform/openapi.ts';
import { normalisePhone } from '../../platform/phone.ts';
import { clearSessionCookies, requireMember } from '../accounts/guard.ts';
import { guardianAccessRoutes } from './access-routes.ts';
import { decideGuardianConsent, guardianStatusOf, requestGuardianConsent } from './consent.ts';
import { stopAgeJob } from './job.ts';
import { guardianNotices, noticeSettingsOf } from './notice.ts';
import {
  DecisionBody,
  GuardianRequestBody,
  GuardianRequestOut,
  GuardianStatusOut,
  NoticeOut,
  NoticeQuery,
} from './schemas.ts';

const security: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];

export async function guardianRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const member = requireMember(app);
  // The daily age job (started by the server) must not outlive the database it uses.
  app.addHook('onClose', () => stopAgeJob(ctx));
  // The guardian's own session and the rights flows it opens (access-routes.ts).
  await app.register(guardianAccessRoutes);

  r.get(
    '/guardian/notice',
    {
      schema: {
        operationId: 'getGuardianNotice',
        tags: ['guardian'],
        summary: 'The notice on children’s personal information that a guardian reads before deciding',
        querystring: NoticeQuery,
        response: { 200: NoticeOut, ...problemResponses(400) },
      },
    },
    async (req) => guardianNotices(noticeSettingsOf(ctx.config))[req.query.lang],
  );

  r.get(
    '/me/guardian',
    {
      preHandler: member,
      schema: {
        operationId: 'getGuardianStatus',
        tags: ['guardian'],
        summary: 'Whether this account needs a guardian’s consent, and where that stands',
        security,
        response: { 200: GuardianStatusOut, ...problemResponses(401) },
      },
    },
    async (req) => guardianStatusOf(ctx, req.member!.userId),
  );

  r.post(
    '/me/guardian',
    {
      preHandler: member,
      schema: {
        operationId: 'requestGuardianConsent',
        tags: ['guardian'],
        summary: 'Send a code (SMS purpose guardian) to a guardian’s phone; the child’s account only',
        description:
          'Replaces any earlier request. The SMS limits apply (429 rate_limited). 409 ' +
          'guardian.not_required for accounts of members aged 14 or more.',
        security,
        body: GuardianRequestBody,
        response: { 202: GuardianRequestOut, ...problemResponses(400, 401, 403, 409, 429) },
      },
    },
    async (req, reply) => {
      const phone = normalisePhone(req.body.guardianPhone, 'body.guardianPhone');
      const answer = await requestGuardianConsent(ctx, req.member!.userId, phone, req.ip);
      return reply.code(202).send(answer);
    },
  );

  r.post(
    '/me/guardian/decision',
    {
      preHandler: member,
      schema: {
        operationId: 'decideGuardianConsent',
        tags: ['guardian'],
        summary: 'The guardian’s decision, with the code sent to their phone',
        description:
          'accept releases the account; refuse (also a withdrawal of an earlier consent) is recorded ' +
          'and signs the account out on every device, this one included. 409 guardian.notice_outdated ' +
          'when the notice changed since it was read (the code stays valid), guardian.no_request ' +
          'when no code was sent.',
        security,
        body: DecisionBody,
        response: { 200: GuardianStatusOut, ...problemResponses(400, 401, 403, 409, 429) },
      },
    },
    async (req, reply) => {
      const status = await decideGuardianConsent(ctx, req.member!.userId, req.body);
      if (req.body.decision === 'refuse') clearSessionCookies(reply);
      return status;
    },
  );
}
