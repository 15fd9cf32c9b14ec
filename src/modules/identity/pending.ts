/**
 * Identities waiting for a phone number (policy 1.2: no account without one). The web app gets an
 * opaque id (stored hashed); what the provider offered is kept encrypted for 15 minutes. Never
 * completing the binding leaves no account, no session and, after the sweep, no trace.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { hashToken } from '../../platform/auth.ts';
import { AppError } from '../../platform/errors.ts';
import type { ProviderProfile } from './providers/index.ts';
import { oauthPendingLinks, PENDING_CONTEXT, type ProviderId } from './tables.ts';

export const PENDING_TTL_MS = 15 * 60_000;

export interface PendingLink {
  provider: ProviderId;
  profile: ProviderProfile;
  returnTo: string;
  expiresAt: Date;
}

export async function createPendingLink(
  ctx: AppContext,
  provider: ProviderId,
  profile: ProviderProfile,
  returnTo: string,
): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  const seal = (value: string | undefined, context: string) =>
    value === undefined ? null : ctx.keyring.encrypt(value, context);
  const now = ctx.clock.now();
  await ctx.db.insert(oauthPendingLinks).values({
    idHash: hashToken(id),
    provider,
    subjectCiphertext: ctx.keyring.encrypt(profile.subject, PENDING_CONTEXT.subject),
    nicknameCiphertext: seal(profile.nickname, PENDING_CONTEXT.nickname),
    avatarUrlCiphertext: seal(profile.avatarUrl, PENDING_CONTEXT.avatarUrl),
    emailCiphertext: seal(profile.email, PENDING_CONTEXT.email),
    returnTo,
    createdAt: now,
    expiresAt: new Date(now.getTime() + PENDING_TTL_MS),
  });
  return id;
}

// An unknown id and an expired one answer alike: the sweep removes expired links, so the two
// cannot be told apart reliably, and telling them apart would help nobody.
const expired = () =>
  new AppError('oauth.link_expired', 'This sign-in has expired or was already used. Start it again.');

function open(ctx: AppContext, row: typeof oauthPendingLinks.$inferSelect): PendingLink {
  const unseal = (value: string | null, context: string) =>
    value === null ? undefined : ctx.keyring.decrypt(value, context);
  return {
    provider: row.provider,
    profile: {
      subject: ctx.keyring.decrypt(row.subjectCiphertext, PENDING_CONTEXT.subject),
      nickname: unseal(row.nicknameCiphertext, PENDING_CONTEXT.nickname),
      avatarUrl: unseal(row.avatarUrlCiphertext, PENDING_CONTEXT.avatarUrl),
      email: unseal(row.emailCiphertext, PENDING_CONTEXT.email),
    },
    returnTo: row.returnTo,
    expiresAt: row.expiresAt,
  };
}

/** The pending link, or oauth.link_expired (an expired one is removed on the spot). */
export async function readPendingLink(ctx: AppContext, id: string): Promise<PendingLink> {
  const [row] = await ctx.db
    .select()
    .from(oauthPendingLinks)
    .where(eq(oauthPendingLinks.idHash, hashToken(id)));
  if (!row) throw expired();
  if (row.expiresAt.getTime() <= ctx.clock.now().getTime()) {
    await ctx.db.delete(oauthPendingLinks).where(eq(oauthPendingLinks.idHash, row.idHash));
    throw expired();
  }
  return open(ctx, row);
}

/** Removes the pending link as it is used; oauth.link_expired if another request used it first. */
export async function takePendingLink(ctx: AppContext, id: string): Promise<PendingLink> {
  const [row] = await ctx.db
    .delete(oauthPendingLinks)
    .where(eq(oauthPendingLinks.idHash, hashToken(id)))
    .returning();
  if (!row || row.expiresAt.getTime() <= ctx.clock.now().getTime()) throw expired();
  return open(ctx, row);
}
