/**
 * The guardian gate (requirement 13): a child's account, until a guardian consents, reaches only
 * registration and the guardian flow. The member guard (accounts/guard.ts) asks here on every
 * member route; features that need no account (feed, articles, search) never pass the guard, and
 * serve such an account as they serve a reader who is not signed in (the feed is not personalised).
 */
import { sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { guardianConsents } from './tables.ts';

const API = '/api/v1'; // app.ts's API_PREFIX; not imported, so the guard does not depend on the app

/**
 * The member routes a child may use before a guardian consents: reading and correcting the
 * profile (a wrong birthday must be fixable), the guardian flow itself, and leaving (signing out,
 * ending sessions, cancelling the account once that route exists). Everything else is refused.
 * Keys are "METHOD route-pattern", as Fastify reports them in routeOptions.url.
 */
export const OPEN_BEFORE_GUARDIAN_CONSENT: ReadonlySet<string> = new Set([
  `GET ${API}/me`,
  `PATCH ${API}/me`,
  `GET ${API}/me/guardian`,
  `POST ${API}/me/guardian`,
  `POST ${API}/me/guardian/decision`,
  `POST ${API}/auth/logout`,
  `GET ${API}/me/sessions`,
  `DELETE ${API}/me/sessions`,
  `DELETE ${API}/me/sessions/:id`,
  `POST ${API}/me/cancellation`,
  `GET ${API}/me/cancellation/preview`,
]);

/**
 * The gate as a column of a statement that reads the account as `users`: true for a child's
 * account without a guardian's standing consent (none asked, pending, refused or withdrawn), from
 * its newest ledger entry. Statements that find a member by session token select it with the
 * session (accounts/sessions.ts, the personalised feed's read), so no request reads it apart.
 * Routes that serve members optionally should treat such an account as anonymous.
 */
export const guardianGateClosed = sql<boolean>`(users.age_group = 'child' AND coalesce((SELECT g.decision
    FROM ${guardianConsents} g WHERE g.user_id = users.id ORDER BY g.id DESC LIMIT 1), '') <> 'granted')`;

/** Throws 403 guardian.consent_required on a closed gate, unless the route is open before consent. */
export function enforceGuardianGate(request: FastifyRequest, member: { guardianGateClosed: boolean }): void {
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  if (OPEN_BEFORE_GUARDIAN_CONSENT.has(`${method} ${request.routeOptions.url}`)) return;
  if (member.guardianGateClosed) {
    throw new AppError(
      'guardian.consent_required',
      'This account belongs to a child under 14: a guardian must agree first (GET /api/v1/guardian/notice).',
    );
  }
}
