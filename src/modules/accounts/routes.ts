/** Accounts API: registration, sign-in, sign-out, password reset, /me and signed-in devices. */

import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { regionOfIp } from '../../platform/ip-region.ts';
import { problemResponses } from '../../platform/openapi.ts';
import { normalisePhone } from '../../platform/phone.ts';
import { clearSessionCookies, requireMember, setSessionCookies } from './guard.ts';
import { meView } from './profile.ts';
import {
  ChangePasswordBody,
  LoginBody,
  Me,
  RegisterBody,
  ResetBody,
  SessionOut,
  SignedIn,
  SmsLoginBody,
} from './schemas.ts';
import { changePassword, loginWithPassword, loginWithSms, register, resetPassword } from './service.ts';
import { type Device, listSessions, revokeOtherSessions, revokeSession } from './sessions.ts';
import { memberSessions } from './tables.ts';

const security: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];

/**
 * What the device sends about itself, and the province its address belongs to; nothing else is
 * inferred from the request.
 */
export function deviceOf(request: FastifyRequest): Device {
  const header = (name: string) => {
    const v = request.headers[name];
    return typeof v === 'string' && v.length > 0 ? v.replace(/^"|"$/g, '') : undefined;
  };
  return {
    userAgent: header('user-agent'),
    deviceName: header('x-ccm-device-name'),
    platform: header('x-ccm-platform') ?? header('sec-ch-ua-platform'),
    appVersion: header('x-ccm-app-version'),
    // The province only (privacy requirement 20); the address itself is not kept.
    ipRegion: regionOfIp(request.ip),
  };
}

export async function accountRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  const answerSignedIn = async (
    req: FastifyRequest,
    reply: import('fastify').FastifyReply,
    s: { userId: number; token: string; me?: Awaited<ReturnType<typeof meView>> },
  ) => {
    const csrfToken = setSessionCookies(req, reply, s.token);
    return { token: s.token, csrfToken, user: s.me ?? (await meView(ctx, s.userId)) };
  };

  r.post(
    '/auth/register',
    {
      schema: {
        operationId: 'register',
        tags: ['accounts'],
        summary: 'Create an account with a phone number, its SMS code (purpose register) and a password',
        body: RegisterBody,
        response: { 201: SignedIn, ...problemResponses(400, 409, 429) },
      },
    },
    async (req, reply) => {
      const input = { ...req.body, phone: normalisePhone(req.body.phone) };
      const session = await register(ctx, input, deviceOf(req));
      return reply.code(201).send(await answerSignedIn(req, reply, session));
    },
  );

  r.post(
    '/auth/login',
    {
      schema: {
        operationId: 'login',
        tags: ['accounts'],
        summary: 'Sign in with phone number and password',
        body: LoginBody,
        response: { 200: SignedIn, ...problemResponses(400, 401, 429) },
      },
    },
    async (req, reply) => {
      const phone = normalisePhone(req.body.phone);
      const input = { phone, password: req.body.password };
      const session = ctx.signIns
        ? await ctx.signIns.signIn(ctx, input, req.ip, deviceOf(req))
        : await loginWithPassword(ctx, input, req.ip, deviceOf(req));
      return answerSignedIn(req, reply, session);
    },
  );

  r.post(
    '/auth/login/sms',
    {
      schema: {
        operationId: 'loginWithSmsCode',
        tags: ['accounts'],
        summary: 'Sign in with phone number and an SMS code (purpose login)',
        body: SmsLoginBody,
        response: { 200: SignedIn, ...problemResponses(400, 401, 429) },
      },
    },
    async (req, reply) => {
      const session = await loginWithSms(
        ctx,
        { phone: normalisePhone(req.body.phone), code: req.body.code },
        deviceOf(req),
      );
      return answerSignedIn(req, reply, session);
    },
  );

  r.post(
    '/auth/logout',
    {
      preHandler: requireMember(app),
      schema: {
        operationId: 'logout',
        tags: ['accounts'],
        summary: 'End this session',
        security,
        response: { 204: z.null(), ...problemResponses(401, 403) },
      },
    },
    async (req, reply) => {
      await ctx.db.delete(memberSessions).where(eq(memberSessions.tokenHash, req.member!.tokenHash));
      clearSessionCookies(reply);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/auth/password-reset',
    {
      schema: {
        operationId: 'resetPassword',
        tags: ['accounts'],
        summary: 'Set a new password with an SMS code (purpose reset-password); signs out every device',
        body: ResetBody,
        response: { 204: z.null(), ...problemResponses(400, 429) },
      },
    },
    async (req, reply) => {
      await resetPassword(ctx, { ...req.body, phone: normalisePhone(req.body.phone) });
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/me',
    {
      preHandler: requireMember(app),
      schema: {
        operationId: 'getMe',
        tags: ['accounts'],
        summary: 'The signed-in member',
        security,
        response: { 200: Me, ...problemResponses(401) },
      },
    },
    async (req) => meView(ctx, req.member!.userId),
  );

  r.put(
    '/me/password',
    {
      preHandler: requireMember(app),
      schema: {
        operationId: 'changePassword',
        tags: ['accounts'],
        summary: 'Change the password; every other device is signed out',
        security,
        body: ChangePasswordBody,
        response: { 204: z.null(), ...problemResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      await changePassword(ctx, req.member!.userId, req.member!.sessionId, req.body);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/me/sessions',
    {
      preHandler: requireMember(app),
      schema: {
        operationId: 'listSessions',
        tags: ['accounts'],
        summary: 'Devices signed in to this account',
        security,
        response: { 200: z.array(SessionOut), ...problemResponses(401) },
      },
    },
    async (req) => {
      const rows = await listSessions(ctx.db, ctx.clock, req.member!.userId);
      return rows.map((s) => ({
        ...s,
        createdAt: s.createdAt.toISOString(),
        lastSeenAt: s.lastSeenAt.toISOString(),
        current: s.id === req.member!.sessionId,
      }));
    },
  );

  r.delete(
    '/me/sessions/:id',
    {
      preHandler: requireMember(app),
      schema: {
        operationId: 'revokeSession',
        tags: ['accounts'],
        summary: 'Sign out one device',
        security,
        params: z.object({ id: z.string().min(1).max(40) }),
        response: { 204: z.null(), ...problemResponses(401, 403, 404) },
      },
    },
    async (req, reply) => {
      if (!(await revokeSession(ctx.db, req.member!.userId, req.params.id)))
        throw new AppError('session.not_found');
      return reply.code(204).send(null);
    },
  );

  r.delete(
    '/me/sessions',
    {
      preHandler: requireMember(app),
      schema: {
        operationId: 'revokeOtherSessions',
        tags: ['accounts'],
        summary: 'Sign out every other device',
        security,
        response: { 204: z.null(), ...problemResponses(401, 403) },
      },
    },
    async (req, reply) => {
      await revokeOtherSessions(ctx.db, req.member!.userId, req.member!.sessionId);
      return reply.code(204).send(null);
    },
  );
}
