/**
 * Binding a phone to a pending identity (policy 1.2): the phone is proven by an SMS code, the
 * member agrees to the policy and the third-party-login purpose, and only the profile fields they
 * ticked are imported, one by one.
 *
 * The phone proves itself with a `bind-phone` code, which the SMS service sends whether or not the
 * number has an account (so the answer reveals nothing). A new number gets a new account without
 * a password (it signs in through the provider, or by phone and SMS code); a registered number is
 * linked to the account it has: holding its SMS code is the same proof that signs in to it.
 */
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { checkRegistrationConsents } from '../accounts/policy-version.ts';
import { createMember, findUserByPhone } from '../accounts/service.ts';
import { createSession, type Device } from '../accounts/sessions.ts';
import { recordRegistrationConsents } from '../consent/service.ts';
import { verifyCode } from '../sms/service.ts';
import { hasIdentity, linkIdentity } from './identities.ts';
import { readPendingLink, takePendingLink } from './pending.ts';
import { type FieldOutcome, importAvatar, importNickname } from './profile-import.ts';
import type { ProviderProfile } from './providers/index.ts';

export interface ImportChoice {
  nickname: boolean;
  avatar: boolean;
  email: boolean;
}

export interface BindingInput {
  /** E.164 */
  phone: string;
  code: string;
  policyVersion: string;
  consents: Record<string, boolean>;
  import: ImportChoice;
}

function checkThirdPartyConsent(consents: Record<string, boolean>): void {
  if (consents['third-party-login'] !== true) {
    throw new AppError('validation.failed', 'Signing in through a provider needs its consent.', {
      errors: [
        { path: 'body.consents.third-party-login', message: 'expected true to sign in through a provider' },
      ],
    });
  }
}

/** Imports each ticked field the provider offered; the outcome of each is told to the member. */
async function importChosen(ctx: AppContext, userId: number, profile: ProviderProfile, chosen: ImportChoice) {
  const pick = async (
    wanted: boolean,
    value: string | undefined,
    act: (v: string) => Promise<FieldOutcome>,
  ) => (!wanted ? 'not-chosen' : value === undefined ? 'not-offered' : act(value));
  return {
    nickname: await pick(chosen.nickname, profile.nickname, (v) => importNickname(ctx, userId, v)),
    avatar: await pick(chosen.avatar, profile.avatarUrl, (v) => importAvatar(ctx, userId, v)),
    // Stored with the identity by linkIdentity; nothing else to do.
    email: await pick(chosen.email, profile.email, async () => 'imported' as const),
  };
}

export async function completeBinding(ctx: AppContext, linkId: string, input: BindingInput, device: Device) {
  await checkRegistrationConsents(ctx, input.policyVersion, input.consents);
  checkThirdPartyConsent(input.consents);
  const pending = await readPendingLink(ctx, linkId);
  const existing = await findUserByPhone(ctx, input.phone);
  await verifyCode(ctx, { phone: input.phone, purpose: 'bind-phone', code: input.code });
  if (existing) {
    if (existing.status !== 'active') throw new AppError('auth.forbidden', 'This account cannot sign in.');
    if (await hasIdentity(ctx, existing.id, pending.provider)) {
      throw new AppError(
        'oauth.provider_taken',
        'This account is already linked to another identity of this provider. Unlink it first.',
      );
    }
  }
  // A new account records the policy version and the consents with it (createMember); an existing
  // account records its consent to third-party sign-in in the ledger (below).
  const { provider, profile, returnTo } = await takePendingLink(ctx, linkId);
  const userId =
    existing?.id ??
    (await createMember(ctx, {
      phone: input.phone,
      passwordHash: null,
      policyVersion: input.policyVersion,
      consents: input.consents,
      ipRegion: device.ipRegion ?? null,
    }));
  if (existing) {
    await recordRegistrationConsents(
      ctx,
      ctx.db,
      existing.id,
      { 'third-party-login': true },
      device.ipRegion ?? null,
      'web',
    );
  }
  const email = input.import.email ? (profile.email ?? null) : null;
  await linkIdentity(ctx, { userId, provider, subject: profile.subject, email });
  const imported = await importChosen(ctx, userId, profile, input.import);
  const token = await createSession(ctx.db, ctx.clock, userId, device);
  ctx.log.info(
    { event: 'oauth.linked', provider, userId, newAccount: !existing },
    'third-party identity linked to an account',
  );
  return { userId, token, imported, returnTo };
}
