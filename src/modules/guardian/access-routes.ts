/**
 * The guardian's API (requirement 13): open a session with an SMS code to the guardian's own phone,
 * then, per child in their care, view and export the child's data, correct the profile, open rights
 * requests, and cancel the account, through the same services as the member's own flows.
 * Registered by guardianRoutes under /api/v1.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CSRF_COOKIE, checkCsrf, cookieOptions, issueCsrf } from '../../platform/auth.ts';
import { AppError } from '../../platform/errors.ts';
import { problemResponses } from '../../platform/openapi.ts';
import { normalisePhone } from '../../platform/phone.ts';
import { meView } from '../accounts/profile.ts';
import { Me } from '../accounts/schemas.ts';
import { SESSION_DAYS } from '../accounts/sessions.ts';
import { cancellationPreview, openCancellation } from '../erasure/cancellation.ts';
import { kickErasure } from '../erasure/job.ts';
import { CancellationAccepted, CancellationPreview } from '../erasure/schemas.ts';
import { languageOf } from '../exports/routes.ts';
import { ExportId, ExportOut, ExportRequestBody } from '../exports/schemas.ts';
import { type ExportView, getExport, listExports, openDownload, requestExport } from '../exports/service.ts';
import { ProfilePatch } from '../profile/schemas.ts';
import { updateProfile } from '../profile/service.ts';
import { MemberRequest, NewRequest, RequestCreated } from '../requests/schemas.ts';
import { myRequests, openRequest } from '../requests/service.ts';
import { SmsCodeAccepted } from '../sms/schemas.ts';
import {
  childInCare,
  childrenInCare,
  endGuardianSession,
  GUARDIAN_SESSION_MINUTES,
  type GuardianPrincipal,
  guardianForToken,
  openGuardianSession,
  recordGuardianAction,
  requestGuardianAccessCode,
} from './access.ts';

export const GUARDIAN_COOKIE = 'ccm_guardian';

declare module 'fastify' {
  interface FastifyRequest {
    guardian?: GuardianPrincipal;
  }
}

const security: Record<string, string[]>[] = [{ bearer: [] }, { guardianSession: [] }];
const tags = ['guardian'];

const PhoneBody = z.object({
  phone: z.string().max(32).describe('the guardian’s own mobile number, e.g. 13812345678'),
});
const SessionBody = PhoneBody.extend({
  code: z.string().regex(/^\d{6}$/, { message: 'expected the 6-digit code from the SMS' }),
});
const Child = z.object({
  id: z.number().int(),
  nickname: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  consentedAt: z.string().describe('when this guardian’s consent was recorded'),
});
const SessionOut = z.object({
  expiresAt: z.string().describe(`${GUARDIAN_SESSION_MINUTES} minutes after the code; never extended`),
  children: z.array(Child),
});
const SessionOpened = SessionOut.extend({
  token: z.string().describe('for API clients (Authorization: Bearer); the web app uses the cookie'),
});
const ChildParams = z.object({ childId: z.coerce.number().int().positive() });
const ExportParams = ChildParams.extend({ exportId: ExportId });
const CancelBody = z.object({
  confirm: z.literal(true).describe('the guardian read the preview and that cancellation cannot be undone'),
});

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const [scheme, token] = header.split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token) {
    throw new AppError('guardian.session_required', 'Send the token as "Authorization: Bearer <token>".');
  }
  return token;
}

/** A live guardian session (bearer, or the ccm_guardian cookie with the CSRF rule), or 401. */
function requireGuardian(app: FastifyInstance) {
  return async (request: FastifyRequest) => {
    const bearer = bearerToken(request);
    const token = bearer ?? request.cookies[GUARDIAN_COOKIE];
    const guardian = token ? await guardianForToken(app.ctx, token) : undefined;
    if (!guardian)
      throw new AppError('guardian.session_required', 'Verify your phone again to continue as a guardian.');
    if (!bearer) checkCsrf(request);
    request.guardian = guardian;
  };
}

function setGuardianCookies(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(GUARDIAN_COOKIE, token, cookieOptions(request, GUARDIAN_SESSION_MINUTES * 60));
  // A member signed in on the same browser keeps their CSRF cookie (and its lifetime).
  if (!request.cookies[CSRF_COOKIE]) issueCsrf(request, reply, SESSION_DAYS * 86_400);
}

/** The export as the guardian sees it: its download goes through the guardian's route. */
const guardianExport = (childId: number, view: ExportView): ExportView =>
  view.downloadUrl
    ? { ...view, downloadUrl: `/api/v1/guardian/children/${childId}/exports/${view.id}/download` }
    : view;

export async function guardianAccessRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const guardian = requireGuardian(app);
  /** The child of the route, checked to be in the guardian's care now. */
  const child = async (req: FastifyRequest) => {
    const { childId } = req.params as { childId: number };
    return childInCare(ctx, req.guardian!, childId);
  };
  const record = (
    req: FastifyRequest,
    userId: number,
    action: Parameters<typeof recordGuardianAction>[2]['action'],
    what?: string,
  ) => recordGuardianAction(ctx.db, ctx, { userId, phoneIndex: req.guardian!.phoneIndex, action, what });

  r.post(
    '/guardian/session/code',
    {
      schema: {
        operationId: 'requestGuardianAccessCode',
        tags,
        summary: 'Send a code (SMS purpose guardian-access) to a guardian’s own phone',
        description:
          'Answers 202 alike for every number; only the phone of a consenting guardian of a child’s ' +
          'account is sent a code. The SMS limits apply (429 rate_limited).',
        body: PhoneBody,
        response: { 202: SmsCodeAccepted, ...problemResponses(400, 429) },
      },
    },
    async (req, reply) => {
      const phone = normalisePhone(req.body.phone);
      return reply.code(202).send(await requestGuardianAccessCode(ctx, phone, req.ip));
    },
  );

  r.post(
    '/guardian/session',
    {
      schema: {
        operationId: 'openGuardianSession',
        tags,
        summary: `Open a ${GUARDIAN_SESSION_MINUTES}-minute guardian session with the code`,
        description:
          'Sets the ccm_guardian cookie (and a CSRF cookie) for the web app and answers the token for ' +
          'API clients. 400 sms.code_invalid for a wrong code and for a number that was sent none.',
        body: SessionBody,
        response: { 200: SessionOpened, ...problemResponses(400, 429) },
      },
    },
    async (req, reply) => {
      const phone = normalisePhone(req.body.phone);
      const opened = await openGuardianSession(ctx, phone, req.body.code);
      setGuardianCookies(req, reply, opened.token);
      return opened;
    },
  );

  r.get(
    '/guardian/session',
    {
      preHandler: guardian,
      schema: {
        operationId: 'getGuardianSession',
        tags,
        summary: 'The guardian session: when it ends, and the children in the guardian’s care now',
        security,
        response: { 200: SessionOut, ...problemResponses(401) },
      },
    },
    async (req) => ({
      expiresAt: req.guardian!.expiresAt.toISOString(),
      children: await childrenInCare(ctx, req.guardian!.phoneIndex),
    }),
  );

  r.delete(
    '/guardian/session',
    {
      preHandler: guardian,
      schema: {
        operationId: 'endGuardianSession',
        tags,
        summary: 'End the guardian session',
        security,
        response: { 204: z.null(), ...problemResponses(401, 403) },
      },
    },
    async (req, reply) => {
      await endGuardianSession(ctx, req.guardian!.tokenHash);
      reply.clearCookie(GUARDIAN_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/guardian/children/:childId',
    {
      preHandler: guardian,
      schema: {
        operationId: 'getGuardianChild',
        tags,
        summary: 'The child’s profile, as the child sees it on 我的',
        security,
        params: ChildParams,
        response: { 200: Me, ...problemResponses(400, 401, 404) },
      },
    },
    async (req) => {
      const { id } = await child(req);
      await record(req, id, 'viewed', 'profile');
      return meView(ctx, id);
    },
  );

  r.patch(
    '/guardian/children/:childId',
    {
      preHandler: guardian,
      schema: {
        operationId: 'correctGuardianChild',
        tags,
        summary: 'Correct the child’s nickname, gender, birthday or bio (the rules of PATCH /me)',
        description:
          'A birthday that makes the account a minor of 14 or more, or an adult, ends the guardian’s ' +
          'reach over it: from then on the account is the member’s own.',
        security,
        params: ChildParams,
        body: ProfilePatch,
        response: { 200: Me, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const { id } = await child(req);
      await updateProfile(ctx, id, req.body);
      await record(req, id, 'profile-corrected', Object.keys(req.body).sort().join(','));
      return meView(ctx, id);
    },
  );

  r.post(
    '/guardian/children/:childId/exports',
    {
      preHandler: guardian,
      schema: {
        operationId: 'requestGuardianChildExport',
        tags,
        summary: 'Ask for a copy of all the child’s data (the member export), built in the background',
        security,
        params: ChildParams,
        body: ExportRequestBody,
        response: { 202: ExportOut, ...problemResponses(400, 401, 403, 404, 429) },
      },
    },
    async (req, reply) => {
      const { id } = await child(req);
      const lang = req.body?.lang ?? languageOf(req.headers['accept-language']);
      // The guardian's request is recorded before the build starts: the copy shows it.
      const view = await requestExport(ctx, id, lang, (exportId) =>
        record(req, id, 'export-requested', exportId),
      );
      return reply.code(202).send(guardianExport(id, view));
    },
  );

  r.get(
    '/guardian/children/:childId/exports',
    {
      preHandler: guardian,
      schema: {
        operationId: 'listGuardianChildExports',
        tags,
        summary: 'The child’s data exports, newest first',
        security,
        params: ChildParams,
        response: { 200: z.object({ items: z.array(ExportOut) }), ...problemResponses(400, 401, 404) },
      },
    },
    async (req) => {
      const { id } = await child(req);
      return { items: (await listExports(ctx, id)).map((v) => guardianExport(id, v)) };
    },
  );

  r.get(
    '/guardian/children/:childId/exports/:exportId',
    {
      preHandler: guardian,
      schema: {
        operationId: 'getGuardianChildExport',
        tags,
        summary: 'One of the child’s data exports',
        security,
        params: ExportParams,
        response: { 200: ExportOut, ...problemResponses(400, 401, 404) },
      },
    },
    async (req) => {
      const { id } = await child(req);
      return guardianExport(id, await getExport(ctx, id, req.params.exportId));
    },
  );

  r.get(
    '/guardian/children/:childId/exports/:exportId/download',
    {
      preHandler: guardian,
      schema: {
        operationId: 'downloadGuardianChildExport',
        tags,
        summary: 'The zip of one of the child’s ready exports',
        security,
        params: ExportParams,
        response: {
          200: z.any().describe('application/zip'),
          ...problemResponses(400, 401, 404, 409, 410),
        },
      },
    },
    async (req, reply) => {
      const { id } = await child(req);
      const download = await openDownload(ctx, id, req.params.exportId);
      await record(req, id, 'export-downloaded', req.params.exportId);
      return reply
        .header('content-type', 'application/zip')
        .header('content-length', String(download.size))
        .header(
          'content-disposition',
          `attachment; filename="${download.fileName.replace('my-data', 'child-data')}"`,
        )
        .header('cache-control', 'private, no-store')
        .send(download.stream);
    },
  );

  r.post(
    '/guardian/children/:childId/requests',
    {
      preHandler: guardian,
      schema: {
        operationId: 'openGuardianChildRequest',
        tags,
        summary: 'Open a rights request on the child’s behalf (recorded with channel guardian)',
        security,
        params: ChildParams,
        body: NewRequest,
        response: { 201: RequestCreated, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { id } = await child(req);
      const opened = await openRequest(ctx, id, req.body, 'guardian');
      await record(req, id, 'request-opened', `${req.body.type}:${opened.id}`);
      return reply.code(201).send({ id: opened.id, dueAt: opened.dueAt });
    },
  );

  r.get(
    '/guardian/children/:childId/requests',
    {
      preHandler: guardian,
      schema: {
        operationId: 'listGuardianChildRequests',
        tags,
        summary: 'The child’s rights requests, by the child or the guardian, newest first',
        security,
        params: ChildParams,
        response: { 200: z.object({ items: z.array(MemberRequest) }), ...problemResponses(400, 401, 404) },
      },
    },
    async (req) => {
      const { id } = await child(req);
      return { items: await myRequests(ctx, id) };
    },
  );

  r.get(
    '/guardian/children/:childId/cancellation/preview',
    {
      preHandler: guardian,
      schema: {
        operationId: 'previewGuardianChildCancellation',
        tags,
        summary: 'What cancelling the child’s account deletes, anonymises or keeps, per category',
        security,
        params: ChildParams,
        response: { 200: CancellationPreview, ...problemResponses(400, 401, 404) },
      },
    },
    async (req) => {
      await child(req);
      return cancellationPreview();
    },
  );

  r.post(
    '/guardian/children/:childId/cancellation',
    {
      preHandler: guardian,
      schema: {
        operationId: 'cancelGuardianChildAccount',
        tags,
        summary: 'Cancel the child’s account, irreversibly; the erasure runs in the background',
        description:
          'The guardian’s phone was verified by SMS when the session opened (at most ' +
          `${GUARDIAN_SESSION_MINUTES} minutes ago). The child is signed out everywhere at once; the ` +
          'receipt id names the erasure receipt.',
        security,
        params: ChildParams,
        body: CancelBody,
        response: { 202: CancellationAccepted, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const { id } = await child(req);
      const receiptId = await openCancellation(ctx, id);
      await record(req, id, 'account-cancelled', receiptId);
      kickErasure(ctx, receiptId);
      return reply.code(202).send({ status: 'pending' as const, receiptId });
    },
  );
}
