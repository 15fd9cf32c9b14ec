/**
 * The privacy policy version members accept at registration. The versions live in the database
 * (modules/consent: policy_versions); registration must name the one in force.
 */
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import type { PURPOSES } from '../../platform/personal-data.ts';

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

/**
 * The version in force, from the database. Imported lazily: the consent module imports the
 * purposes above, and this keeps the two modules free of an import cycle at load time.
 */
export async function currentPolicyVersion(ctx: Pick<AppContext, 'db' | 'clock'>): Promise<string> {
  const { currentPolicyRow } = await import('../consent/service.ts');
  return (await currentPolicyRow(ctx)).version;
}

export async function checkRegistrationConsents(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  policyVersion: string,
  consents: Record<string, boolean>,
): Promise<void> {
  const current = await currentPolicyVersion(ctx);
  if (policyVersion !== current) {
    throw new AppError('validation.failed', 'Read the current privacy policy first.', {
      currentVersion: current,
      errors: [{ path: 'body.policyVersion', message: `expected the current policy version ${current}` }],
    });
  }
  if (consents.account !== true) {
    throw new AppError('validation.failed', 'An account cannot be created without agreeing to its purpose.', {
      errors: [{ path: 'body.consents.account', message: 'expected true: the account purpose is required' }],
    });
  }
}
