/**
 * Where avatars live: `<data dir>/uploads/avatars/<32 hex>.webp`, named at random so an address
 * reveals nothing and cannot be guessed, referenced from users.avatar_path as `avatars/<file>`.
 * A new avatar is written before the account points to it and the old file is removed only after,
 * so a failure at any step leaves the old avatar in place.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { users } from '../accounts/tables.ts';
import { renderAvatar } from './avatar-image.ts';

export const AVATAR_FILE = /^[0-9a-f]{32}\.webp$/;
const STORED_PATH = /^avatars\/([0-9a-f]{32}\.webp)$/;

export const avatarDir = (dataDir: string) => path.join(dataDir, 'uploads', 'avatars');
export const avatarUrlOf = (avatarPath: string) => `/media/${avatarPath}`;

/** Replaces the member's avatar with the uploaded picture; returns the new avatar's URL. */
export async function replaceAvatar(ctx: AppContext, userId: number, upload: Buffer): Promise<string> {
  const image = await renderAvatar(upload);
  const dir = avatarDir(ctx.config.dataDir);
  await mkdir(dir, { recursive: true });
  const file = `${randomBytes(16).toString('hex')}.webp`;
  await writeFile(path.join(dir, file), image, { flag: 'wx' });

  let previous: string | null;
  try {
    previous = await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .select({ avatarPath: users.avatarPath })
        .from(users)
        .where(eq(users.id, userId))
        .for('update');
      await tx
        .update(users)
        .set({ avatarPath: `avatars/${file}`, updatedAt: ctx.clock.now() })
        .where(eq(users.id, userId));
      return row?.avatarPath ?? null;
    });
  } catch (err) {
    await unlink(path.join(dir, file)).catch(() => {});
    throw err;
  }
  await removeStoredAvatar(ctx, previous);
  return avatarUrlOf(`avatars/${file}`);
}

/** Deletes an avatar file the account no longer points to; a leftover file is only logged. */
async function removeStoredAvatar(ctx: AppContext, stored: string | null): Promise<void> {
  // Only a path of our own shape is ever turned into a file to delete.
  const file = stored ? STORED_PATH.exec(stored)?.[1] : undefined;
  if (!file) return;
  try {
    await unlink(path.join(avatarDir(ctx.config.dataDir), file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT')
      ctx.log.warn({ event: 'avatar.cleanup_failed', code }, 'old avatar file not removed');
  }
}
