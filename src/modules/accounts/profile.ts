/** What a member sees of their own account (GET /me): the phone masked, never in full. */
import { asc, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { maskPhone } from '../../platform/phone.ts';
import { users, userTags } from './tables.ts';

export async function meView(ctx: AppContext, userId: number) {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new AppError('account.not_found');
  const tagRows = await ctx.db
    .select({ id: userTags.tagId })
    .from(userTags)
    .where(eq(userTags.userId, userId))
    .orderBy(asc(userTags.tagId));
  return {
    id: user.id,
    phone: user.phoneCiphertext ? maskPhone(ctx.keyring.decrypt(user.phoneCiphertext, 'users.phone')) : null,
    nickname: user.nickname,
    gender: user.gender,
    birthday: user.birthday,
    bio: user.bio,
    avatarUrl: user.avatarPath ? `/media/${user.avatarPath}` : null,
    tags: tagRows.map((t) => t.id),
    ageGroup: user.ageGroup,
    ipRegion: user.ipRegion,
  };
}
