/** What a member sees of their own account (GET /me): the phone masked, never in full. */
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { maskPhone } from '../../platform/phone.ts';
import { guardianStatusOf } from '../guardian/consent.ts';
import { openProfile } from '../guardian/seal.ts';
import { cipherFromRow, wrappedKeyOf } from '../keys/member-keys.ts';
import { users, userTags } from './tables.ts';

/** The account row and its tag ids, as `meView` and a password sign-in read them. */
export const tagIdsOf = sql<
  string[]
>`array(SELECT ${userTags.tagId} FROM ${userTags} WHERE ${userTags.userId} = ${users.id} ORDER BY 1)`;

export async function meView(ctx: AppContext, userId: number) {
  // One round trip: the row, its tags and its wrapped data key (read on every app start).
  const [row] = await ctx.db
    .select({ user: users, tags: tagIdsOf, wrappedKey: wrappedKeyOf(users.id) })
    .from(users)
    .where(eq(users.id, userId));
  if (!row) throw new AppError('account.not_found');
  return presentMe(ctx, row.user, row.tags, row.wrappedKey);
}

/**
 * The member's view of an account row already read with its tags and wrapped data key (a
 * password sign-in reads them before checking the password).
 */
export async function presentMe(
  ctx: AppContext,
  user: typeof users.$inferSelect,
  tags: string[],
  wrappedKey: string | null,
) {
  const cipher = cipherFromRow(ctx, user.id, wrappedKey);
  const { bio, birthday } = openProfile(cipher, user);
  return {
    id: user.id,
    phone: user.phoneCiphertext ? maskPhone(cipher.decrypt(user.phoneCiphertext, 'users.phone')) : null,
    nickname: user.nickname,
    gender: user.gender,
    birthday,
    bio,
    avatarUrl: user.avatarPath ? `/media/${user.avatarPath}` : null,
    tags,
    ageGroup: user.ageGroup,
    ipRegion: user.ipRegion,
    // Requirement 14: everyone under 18 (children too) is told to read the policy with a guardian.
    guardianNotice: user.ageGroup !== 'adult',
    ...(user.ageGroup === 'child' ? { guardianStatus: (await guardianStatusOf(ctx, user.id)).status } : {}),
  };
}
