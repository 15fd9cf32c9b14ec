/**
 * Identities linked to accounts. A provider's user id is found through a keyed blind index and
 * kept encrypted; the email, when the member chose to import it, is kept here and not in users.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { isUniqueViolation } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { memberCipher, writerFor } from '../keys/member-keys.ts';
import { IDENTITY_CONTEXT, type ProviderId, userIdentities } from './tables.ts';

const subjectIndex = (ctx: AppContext, provider: ProviderId, subject: string) =>
  ctx.keyring.blindIndex('oauth-subject', `${provider}:${subject}`);

/** The account the identity is linked to, noting the sign-in; undefined when none is. */
export async function linkedUser(
  ctx: AppContext,
  provider: ProviderId,
  subject: string,
): Promise<number | undefined> {
  const [row] = await ctx.db
    .update(userIdentities)
    .set({ lastUsedAt: ctx.clock.now() })
    .where(
      and(
        eq(userIdentities.provider, provider),
        eq(userIdentities.subjectIndex, subjectIndex(ctx, provider, subject)),
      ),
    )
    .returning({ userId: userIdentities.userId });
  return row?.userId;
}

export async function hasIdentity(ctx: AppContext, userId: number, provider: ProviderId): Promise<boolean> {
  const [row] = await ctx.db
    .select({ id: userIdentities.id })
    .from(userIdentities)
    .where(and(eq(userIdentities.userId, userId), eq(userIdentities.provider, provider)))
    .limit(1);
  return Boolean(row);
}

export async function linkIdentity(
  ctx: AppContext,
  input: { userId: number; provider: ProviderId; subject: string; email: string | null },
): Promise<void> {
  const now = ctx.clock.now();
  const cipher = await writerFor(ctx, input.userId);
  await ctx.db
    .insert(userIdentities)
    .values({
      userId: input.userId,
      provider: input.provider,
      subjectIndex: subjectIndex(ctx, input.provider, input.subject),
      subjectCiphertext: cipher.encrypt(input.subject, IDENTITY_CONTEXT.subject),
      emailCiphertext: input.email === null ? null : cipher.encrypt(input.email, IDENTITY_CONTEXT.email),
      createdAt: now,
      lastUsedAt: now,
    })
    .catch((err: unknown) => {
      // Either index: the identity was linked meanwhile (a second completion of the same sign-in),
      // or the account got another identity of this provider at the same moment.
      if (isUniqueViolation(err))
        throw new AppError('oauth.provider_taken', 'This identity or provider is already linked.');
      throw err;
    });
}

export async function listIdentities(ctx: AppContext, userId: number) {
  const rows = await ctx.db
    .select()
    .from(userIdentities)
    .where(eq(userIdentities.userId, userId))
    .orderBy(asc(userIdentities.provider));
  const cipher = await memberCipher(ctx, userId);
  return rows.map((row) => ({
    provider: row.provider,
    email: row.emailCiphertext ? cipher.decrypt(row.emailCiphertext, IDENTITY_CONTEXT.email) : null,
    linkedAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
  }));
}

/** Unlinks the account's identity of this provider; false when there is none. */
export async function unlinkIdentity(
  ctx: AppContext,
  userId: number,
  provider: ProviderId,
): Promise<boolean> {
  const rows = await ctx.db
    .delete(userIdentities)
    .where(and(eq(userIdentities.userId, userId), eq(userIdentities.provider, provider)))
    .returning({ id: userIdentities.id });
  return rows.length > 0;
}
