/**
 * What other members may see of an account beside what it posts (a comment): the nickname, the
 * avatar and the province (the IP属地 rule), never the phone. And whether the account may post.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { users } from './tables.ts';

export interface PublicProfile {
  nickname: string | null;
  avatarUrl: string | null;
  ipRegion: string | null;
}

/** The public face of each account, one query for any number of them. */
export async function publicProfiles(db: Db, ids: readonly number[]): Promise<Map<number, PublicProfile>> {
  const map = new Map<number, PublicProfile>();
  const unique = [...new Set(ids)];
  if (unique.length === 0) return map;
  const rows = await db
    .select({
      id: users.id,
      nickname: users.nickname,
      avatarPath: users.avatarPath,
      ipRegion: users.ipRegion,
    })
    .from(users)
    .where(inArray(users.id, unique));
  for (const r of rows) {
    map.set(r.id, {
      nickname: r.nickname,
      avatarUrl: r.avatarPath ? `/media/${r.avatarPath}` : null,
      ipRegion: r.ipRegion,
    });
  }
  return map;
}

/**
 * Whether the account may publish content: it must be active and have a verified phone (every
 * phone on an account was proved by an SMS code; third-party sign-in binds one before use).
 */
export async function postingStanding(
  db: Db,
  userId: number,
): Promise<{ active: boolean; hasPhone: boolean; ipRegion: string | null } | undefined> {
  const [row] = await db
    .select({ status: users.status, phoneIndex: users.phoneIndex, ipRegion: users.ipRegion })
    .from(users)
    .where(eq(users.id, userId));
  if (!row) return undefined;
  return { active: row.status === 'active', hasPhone: row.phoneIndex !== null, ipRegion: row.ipRegion };
}
