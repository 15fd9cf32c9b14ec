/**
 * The way back from the provider: check the attempt, let the adapter verify the answer, then sign
 * in the account the identity is linked to, or keep the identity pending until a phone is bound.
 */
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { createSession, type Device } from '../accounts/sessions.ts';
import { users } from '../accounts/tables.ts';
import { consumeFlow, sweepExpired } from './flows.ts';
import { hasIdentity, linkedUser, linkIdentity } from './identities.ts';
import { createPendingLink } from './pending.ts';
import { failureReason, providerFailure } from './providers/failures.ts';
import type { IdentityProvider } from './providers/index.ts';

/**
 * Whether the account may sign in. (Reads the accounts' table directly until the accounts service
 * offers a lookup by id; a suspended or cancelled account gets no session.)
 */
async function accountIsActive(ctx: AppContext, userId: number): Promise<boolean> {
  const [row] = await ctx.db.select({ status: users.status }).from(users).where(eq(users.id, userId));
  return row?.status === 'active';
}

export type SignInOutcome =
  | { kind: 'signed-in'; userId: number; token: string; returnTo: string }
  | { kind: 'linked'; userId: number; returnTo: string }
  | { kind: 'link-refused'; code: 'oauth.provider_taken'; returnTo: string }
  | { kind: 'pending'; linkId: string; returnTo: string }
  | { kind: 'cancelled'; returnTo: string };

export async function finishSignIn(
  ctx: AppContext,
  provider: IdentityProvider,
  input: { params: URLSearchParams; browserKey: string | undefined; device: Device },
): Promise<SignInOutcome> {
  await sweepExpired(ctx);
  const flow = await consumeFlow(ctx, {
    provider: provider.id,
    state: input.params.get('state') ?? undefined,
    browserKey: input.browserKey,
  });
  // The person declined at the provider: back to where they were, still anonymous.
  if (input.params.has('error')) {
    ctx.log.info({ event: 'oauth.declined', provider: provider.id }, 'third-party sign-in declined');
    return { kind: 'cancelled', returnTo: flow.returnTo };
  }

  const profile = await provider
    .finish({
      params: input.params,
      redirectUri: flow.redirectUri,
      state: flow.state,
      nonce: flow.nonce,
      codeVerifier: flow.codeVerifier,
    })
    .catch((err: unknown) => {
      const failure = providerFailure(err);
      ctx.log.warn(
        { event: 'oauth.failed', provider: provider.id, ...failureReason(failure) },
        'third-party sign-in failed',
      );
      throw failure;
    });

  const userId = await linkedUser(ctx, provider.id, profile.subject);
  if (flow.linkUserId !== null) {
    // A signed-in member linking this provider: no sign-in, no phone binding, nothing imported.
    if (userId !== flow.linkUserId) {
      // The browser is on its way back to the app: say why on the page, not in a bare error.
      if (userId !== undefined || (await hasIdentity(ctx, flow.linkUserId, provider.id))) {
        return { kind: 'link-refused', code: 'oauth.provider_taken', returnTo: flow.returnTo };
      }
      await linkIdentity(ctx, {
        userId: flow.linkUserId,
        provider: provider.id,
        subject: profile.subject,
        email: null,
      });
      ctx.log.info(
        { event: 'oauth.linked', provider: provider.id, userId: flow.linkUserId },
        'provider linked from the profile',
      );
    }
    return { kind: 'linked', userId: flow.linkUserId, returnTo: flow.returnTo };
  }
  if (userId === undefined) {
    const linkId = await createPendingLink(ctx, provider.id, profile, flow.returnTo);
    return { kind: 'pending', linkId, returnTo: flow.returnTo };
  }
  if (!(await accountIsActive(ctx, userId))) {
    throw new AppError('auth.forbidden', 'This account cannot sign in.');
  }
  const token = await createSession(ctx.db, ctx.clock, userId, input.device);
  ctx.log.info({ event: 'oauth.signed_in', provider: provider.id, userId }, 'signed in through a provider');
  return { kind: 'signed-in', userId, token, returnTo: flow.returnTo };
}
