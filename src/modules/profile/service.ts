/** Editing one's own profile: nickname, gender, birthday and bio (PATCH /me). */
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { isUniqueViolation } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { users } from '../accounts/tables.ts';
import { bioChanges, birthdayChanges } from '../guardian/seal.ts';
import { writerFor } from '../keys/member-keys.ts';
import { refuseBannedWords } from './banned-words.ts';
import type { ProfilePatch } from './schemas.ts';

/**
 * Today in China Standard Time (UTC+8, no daylight saving): a member born today in Beijing must
 * not be told their birthday lies in the future because UTC is still on yesterday.
 */
function todayInChina(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export async function updateProfile(ctx: AppContext, userId: number, patch: ProfilePatch): Promise<void> {
  if (patch.birthday && patch.birthday > todayInChina(ctx.clock.now())) {
    throw new AppError('validation.failed', 'One or more fields are not valid.', {
      errors: [{ path: 'body.birthday', message: 'is in the future' }],
    });
  }
  await refuseBannedWords(ctx.db, { nickname: patch.nickname, bio: patch.bio });
  const changes: Partial<typeof users.$inferInsert> = { updatedAt: ctx.clock.now() };
  if (patch.nickname !== undefined) changes.nickname = patch.nickname;
  if (patch.gender !== undefined) changes.gender = patch.gender;
  // Bio and birthday are stored encrypted (guardian/seal.ts); the birthday sets the age group at
  // once, so a child's account is gated from this request on, and a corrected one released.
  const cipher =
    patch.birthday !== undefined || patch.bio !== undefined ? await writerFor(ctx, userId) : ctx.keyring;
  if (patch.birthday !== undefined)
    Object.assign(changes, birthdayChanges(cipher, patch.birthday, ctx.clock.now()));
  if (patch.bio !== undefined) Object.assign(changes, bioChanges(cipher, patch.bio));
  try {
    await ctx.db.update(users).set(changes).where(eq(users.id, userId));
  } catch (err) {
    // The nickname is the only unique column changed here: users_nickname_idx on lower(nickname).
    if (isUniqueViolation(err)) {
      throw new AppError('profile.nickname_taken', 'Another member already uses this nickname.', {
        errors: [{ path: 'body.nickname', message: 'is already in use' }],
      });
    }
    throw err;
  }
}
