/**
 * The guardian gate (requirement 13): a child's account, until a guardian consents, reaches only
 * registration and the guardian flow. The member guard (accounts/guard.ts) asks here on every
 * member route; features that need no account (feed, articles, search) never pass the guard.
 */
import { desc, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { users } from '../accounts/tables.ts';
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
 * True when the account is a child's without a guardian's standing consent (none asked, pending,
 * refused or withdrawn). One read: the account with its newest ledger entry. Routes that
 * serve members optionally (identifyMember) should treat such an account as anonymous.
 */
export async function guardianGateCloses(ctx: AppContext, userId: number): Promise<boolean> {
  // A join (not a correlated subquery) so that Drizzle qualifies every column.
  const [row] = await ctx.db
    .select({ ageGroup: users.ageGroup, decision: guardianConsents.decision })
    .from(users)
    .leftJoin(guardianConsents, eq(guardianConsents.userId, users.id))
    .where(eq(users.id, userId))
    .orderBy(desc(guardianConsents.id))
    .limit(1);
  return row?.ageGroup === 'child' && row.decision !== 'granted';
}

/** Throws 403 guardian.consent_required on a closed gate, unless the route is open before consent. */
export async function enforceGuardianGate(
  ctx: AppContext,
  request: FastifyRequest,
  userId: number,
): Promise<void> {
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  if (OPEN_BEFORE_GUARDIAN_CONSENT.has(`${method} ${request.routeOptions.url}`)) return;
  if (await guardianGateCloses(ctx, userId)) {
    throw new AppError(
      'guardian.consent_required',
      'This account belongs to a child under 14: a guardian must agree first (GET /api/v1/guardian/notice).',
    );
  }
}
