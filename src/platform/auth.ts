/**
 * Opaque session tokens (stored only as SHA-256 hashes), cookies and the CSRF rule: an unsafe
 * request authenticated by a cookie must echo the `ccm_csrf` cookie in the X-CSRF-Token header
 * (double submit). Bearer-token requests need no CSRF token.
 */
import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

export const CSRF_COOKIE = 'ccm_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export const newToken = () => randomBytes(32).toString('base64url');
/** One-shot hashing (crypto.hash): every signed-in request hashes its token, and this is half the cost of a Hash object. */
export const hashToken = (token: string) => hash('sha256', token, 'hex');

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function cookieOptions(request: FastifyRequest, maxAgeSeconds: number, httpOnly = true) {
  return {
    path: '/',
    httpOnly,
    sameSite: 'lax' as const,
    secure: request.protocol === 'https',
    maxAge: maxAgeSeconds,
  };
}

/** Sets a fresh CSRF cookie (readable by the page's script) and returns its value. */
export function issueCsrf(request: FastifyRequest, reply: FastifyReply, maxAgeSeconds: number): string {
  const token = newToken();
  reply.setCookie(CSRF_COOKIE, token, cookieOptions(request, maxAgeSeconds, false));
  return token;
}

/** Throws auth.csrf_failed for an unsafe cookie-authenticated request without the matching header. */
export function checkCsrf(request: FastifyRequest): void {
  if (!UNSAFE.has(request.method)) return;
  const header = request.headers[CSRF_HEADER];
  const cookie = request.cookies[CSRF_COOKIE];
  if (typeof header !== 'string' || !cookie || header.length !== cookie.length) {
    throw new AppError('auth.csrf_failed', 'Reload the page and try again.');
  }
  if (!timingSafeEqual(Buffer.from(header), Buffer.from(cookie))) {
    throw new AppError('auth.csrf_failed', 'Reload the page and try again.');
  }
}
