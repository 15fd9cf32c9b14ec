/**
 * Importing the profile fields a member ticked, through the profile module so that the same rules
 * hold as for a nickname or avatar they set themselves (length, characters, banned words,
 * uniqueness; avatars re-encoded without metadata). An import never replaces what the account
 * already has: linking a provider to an existing account must not overwrite its profile.
 */
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { meView } from '../accounts/profile.ts';
import { replaceAvatar } from '../profile/avatar.ts';
import { ProfilePatch } from '../profile/schemas.ts';
import { updateProfile } from '../profile/service.ts';
import { downloadAvatar } from './avatar-download.ts';

/**
 * imported; taken (another member has the nickname); refused (not a valid nickname here); kept
 * (the account already had one); failed (the avatar could not be fetched or read); not-chosen;
 * not-offered (the provider gave none).
 */
export type FieldOutcome =
  | 'imported'
  | 'taken'
  | 'refused'
  | 'kept'
  | 'failed'
  | 'not-chosen'
  | 'not-offered';

export async function importNickname(
  ctx: AppContext,
  userId: number,
  nickname: string,
): Promise<FieldOutcome> {
  if ((await meView(ctx, userId)).nickname !== null) return 'kept';
  const patch = ProfilePatch.safeParse({ nickname });
  if (!patch.success) return 'refused';
  try {
    await updateProfile(ctx, userId, patch.data);
    return 'imported';
  } catch (err) {
    if (err instanceof AppError && err.code === 'profile.nickname_taken') return 'taken';
    if (err instanceof AppError && err.code === 'profile.banned_word') return 'refused';
    throw err;
  }
}

export async function importAvatar(ctx: AppContext, userId: number, address: string): Promise<FieldOutcome> {
  if ((await meView(ctx, userId)).avatarUrl !== null) return 'kept';
  const bytes = await downloadAvatar(address);
  if (!bytes) return 'failed';
  try {
    await replaceAvatar(ctx, userId, bytes);
    return 'imported';
  } catch (err) {
    // Not an image we take (type, damage, size): the member can upload one themselves.
    if (err instanceof AppError && err.status < 500) return 'failed';
    throw err;
  }
}
