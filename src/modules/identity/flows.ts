/**
 * Sign-in attempts in flight. Starting one stores its state (hashed), nonce and PKCE verifier with
 * the hash of a random cookie of the browser that started it; the callback consumes the row in one
 * statement, so a state works once, in that browser, within ten minutes. The browser check stops a
 * callback address from being replayed in someone else's browser (which would sign them in to the
 * sender's account, or bind the sender's identity to their phone).
 */
import { randomBytes } from 'node:crypto';
import { eq, lte } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { hashToken } from '../../platform/auth.ts';
import { AppError } from '../../platform/errors.ts';
import type { IdentityProvider } from './providers/index.ts';
import { oauthFlows, oauthPendingLinks } from './tables.ts';

export const FLOW_TTL_MS = 10 * 60_000;
const BROWSER_KEY = /^[A-Za-z0-9_-]{43}$/;

/**
 * The browser's key from its ccm_oauth cookie, or a new one. Kept across attempts, so that two
 * sign-ins started in two tabs of one browser both come back.
 */
export function browserKey(cookie: string | undefined): { key: string } {
  if (cookie && BROWSER_KEY.test(cookie)) return { key: cookie };
  return { key: randomBytes(32).toString('base64url') };
}

/** Removes expired attempts and pending links: nothing personal outlives its 15 minutes by much. */
export async function sweepExpired(ctx: AppContext): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.delete(oauthFlows).where(lte(oauthFlows.expiresAt, now));
  await ctx.db.delete(oauthPendingLinks).where(lte(oauthPendingLinks.expiresAt, now));
}

export async function startFlow(
  ctx: AppContext,
  provider: IdentityProvider,
  input: { redirectUri: string; returnTo: string; browserKey: string; linkUserId?: number },
): Promise<URL> {
  await sweepExpired(ctx);
  const request = await provider.begin(input.redirectUri);
  const now = ctx.clock.now();
  await ctx.db.insert(oauthFlows).values({
    stateHash: hashToken(request.state),
    provider: provider.id,
    nonce: request.nonce,
    codeVerifier: request.codeVerifier,
    redirectUri: input.redirectUri,
    returnTo: input.returnTo,
    browserHash: hashToken(input.browserKey),
    linkUserId: input.linkUserId ?? null,
    createdAt: now,
    expiresAt: new Date(now.getTime() + FLOW_TTL_MS),
  });
  return request.url;
}

const stateInvalid = () =>
  new AppError('oauth.state_invalid', 'This sign-in link is not valid here. Start the sign-in again.');

/** The attempt behind `state`, removed as it is read; oauth.state_invalid unless all checks hold. */
export async function consumeFlow(
  ctx: AppContext,
  input: { provider: string; state: string | undefined; browserKey: string | undefined },
) {
  if (!input.state) throw stateInvalid();
  const [flow] = await ctx.db
    .delete(oauthFlows)
    .where(eq(oauthFlows.stateHash, hashToken(input.state)))
    .returning();
  if (
    !flow ||
    flow.provider !== input.provider ||
    flow.expiresAt.getTime() <= ctx.clock.now().getTime() ||
    !input.browserKey ||
    flow.browserHash !== hashToken(input.browserKey)
  ) {
    throw stateInvalid();
  }
  return { ...flow, state: input.state };
}
