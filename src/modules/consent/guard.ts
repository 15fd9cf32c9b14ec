/**
 * The one consent guard. Every feature asks here whether it may use a member's data for a
 * purpose; nothing else reads the ledger. A withdrawal is in force for the very next request (no
 * cache), and a purpose changed by a major policy version counts as withdrawn until renewed.
 *
 * Anonymous visitors keep their analytics choice on the device and send it as `X-CCM-Analytics:
 * on|off`; without `on` nothing is counted. A member's device saying `off` wins over the account.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { identifyMember } from '../accounts/guard.ts';
import type { LedgerPurpose } from './policy-text.ts';
import { purposeInForce } from './service.ts';

export const ANALYTICS_HEADER = 'x-ccm-analytics';

export async function hasConsent(
  ctx: Pick<AppContext, 'db' | 'clock'> & { caches?: AppContext['caches'] },
  userId: number,
  purpose: LedgerPurpose,
): Promise<boolean> {
  return purposeInForce(ctx, userId, purpose);
}

/** The device's own analytics choice: true (on), false (off), or undefined (not said). */
export function deviceAnalyticsChoice(request: FastifyRequest): boolean | undefined {
  const v = request.headers[ANALYTICS_HEADER];
  const value = (Array.isArray(v) ? v[0] : v)?.trim().toLowerCase();
  return value === 'on' ? true : value === 'off' ? false : undefined;
}

/**
 * Consent for this request: the signed-in member's ledger state, or for an anonymous visitor the
 * device's own choice (analytics only; anything else needs an account).
 */
export async function requestHasConsent(
  app: FastifyInstance,
  request: FastifyRequest,
  purpose: LedgerPurpose,
): Promise<boolean> {
  const device = purpose === 'analytics' ? deviceAnalyticsChoice(request) : undefined;
  if (device === false) return false;
  const member = request.member ?? (await identifyMember(app, request).catch(() => undefined));
  if (!member) return device === true;
  return hasConsent(app.ctx, member.userId, purpose);
}

/**
 * A preHandler refusing with 403 consent.required unless the purpose is consented to. Put it after
 * requireMember for member routes; on open routes it decides by the device's choice.
 */
export function requireConsent(app: FastifyInstance, purpose: LedgerPurpose) {
  return async (request: FastifyRequest) => {
    if (!(await requestHasConsent(app, request, purpose))) {
      throw new AppError('consent.required', `This needs your consent to “${purpose}”.`, { purpose });
    }
  };
}
