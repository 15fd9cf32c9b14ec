/**
 * The privacy policy version members accept at registration, until the privacy capability serves
 * versioned policies from the database; then this check moves there.
 */
import { AppError } from '../../platform/errors.ts';
import type { PURPOSES } from '../../platform/personal-data.ts';

export const CURRENT_POLICY_VERSION = '2026-11-25';

/** Consent purposes of the API contract; `account` is required to have an account at all. */
export const CONSENT_PURPOSES = [
  'account',
  'personalization',
  'personalized-ads',
  'location',
  'notifications',
  'calendar',
  'analytics',
  'third-party-login',
  'conference',
] as const satisfies readonly (keyof typeof PURPOSES)[];

export function checkRegistrationConsents(policyVersion: string, consents: Record<string, boolean>): void {
  if (policyVersion !== CURRENT_POLICY_VERSION) {
    throw new AppError('validation.failed', 'Read the current privacy policy first.', {
      errors: [
        {
          path: 'body.policyVersion',
          message: `expected the current policy version ${CURRENT_POLICY_VERSION}`,
        },
      ],
    });
  }
  if (consents.account !== true) {
    throw new AppError('validation.failed', 'An account cannot be created without agreeing to its purpose.', {
      errors: [{ path: 'body.consents.account', message: 'expected true: the account purpose is required' }],
    });
  }
}
