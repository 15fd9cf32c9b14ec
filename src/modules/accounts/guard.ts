/**
 * The members' one guard: a bearer token (API clients) or the ccm_session cookie (the web app,
 * whose unsafe requests must also carry the CSRF token).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkCsrf, cookieOptions, issueCsrf } from '../../platform/auth.ts';
import { AppError } from '../../platform/errors.ts';
import { enforceGuardianGate } from '../guardian/gate.ts';
import { type MemberPrincipal, memberForToken, SESSION_DAYS } from './sessions.ts';

export const SESSION_COOKIE = 'ccm_session';

declare module 'fastify' {
  interface FastifyRequest {
    member?: MemberPrincipal;
  }
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const [scheme, token] = header.split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token) {
    throw new AppError('auth.unauthenticated', 'Send the token as "Authorization: Bearer <token>".');
  }
  return token;
}

/**
 * The request's session token without looking it up: the bearer token, else the session cookie
 * (with `bearer` false: a cookie needs the CSRF check on unsafe methods). A malformed
 * Authorization header gives undefined here; identifyMember refuses it.
 */
export function requestToken(request: FastifyRequest): { token: string; bearer: boolean } | undefined {
  try {
    const bearer = bearerToken(request);
    if (bearer) return { token: bearer, bearer: true };
  } catch {
    return undefined;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? { token: cookie, bearer: false } : undefined;
}

/** The signed-in member, or undefined for an anonymous request (features that need no account). */
export async function identifyMember(
  app: FastifyInstance,
  request: FastifyRequest,
): Promise<MemberPrincipal | undefined> {
  const bearer = bearerToken(request);
  const token = bearer ?? request.cookies[SESSION_COOKIE];
  if (!token) return undefined;
  const member = await memberForToken(app.ctx.db, app.ctx.clock, token);
  if (!member) throw new AppError('auth.unauthenticated', 'The session has ended. Sign in again.');
  if (!bearer) checkCsrf(request);
  return member;
}

/**
 * A signed-in member, or 401. A child's account without a guardian's consent gets 403
 * guardian.consent_required outside the routes open before consent (modules/guardian/gate.ts).
 */
export function requireMember(app: FastifyInstance) {
  return async (request: FastifyRequest) => {
    const member = await identifyMember(app, request);
    if (!member) throw new AppError('auth.unauthenticated', 'Sign in first.');
    enforceGuardianGate(request, member);
    request.member = member;
  };
}

/** Sets the session cookie and a fresh CSRF cookie for the web app; returns the CSRF token. */
export function setSessionCookies(request: FastifyRequest, reply: FastifyReply, token: string): string {
  const maxAge = SESSION_DAYS * 86_400;
  reply.setCookie(SESSION_COOKIE, token, cookieOptions(request, maxAge));
  return issueCsrf(request, reply, maxAge);
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
