/**
 * Where behaviour and profile changes are reported to personalisation. Every write that can move
 * a member's interest profile (a read, a favourite, a share, a comment, a follow, a "not
 * interested" mark, a deleted interest, a consent change) calls `profileChanged`: the member's
 * stored ranked lists are deleted (every instance reads them from the database), and this process
 * rebuilds the profile from its sources before it ranks for the member again.
 *
 * Kept free of imports from the modules that call it, so engagement and comments can report here
 * without a cycle through the recommendations module.
 */
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { memberFeeds } from './tables.ts';

/**
 * Members whose profile is older than their behaviour, in this process. Another instance ranks
 * from the profile as last built (reads are still left out: they come from the records) until
 * the profile's age limit (feed.ts PROFILE_MAX_AGE_MS) or its own next change.
 */
const stale = new Set<number>();

export async function profileChanged(
  ctx: Pick<AppContext, 'db'>,
  userId: number,
  options: { rebuilt?: boolean } = {},
): Promise<void> {
  // A caller that has just rebuilt the profile (a "not interested" mark) spares the next feed a second rebuild.
  if (!options.rebuilt) stale.add(userId);
  await ctx.db.delete(memberFeeds).where(eq(memberFeeds.userId, userId));
}

/** Whether the profile must be rebuilt before ranking; clears the mark (the caller rebuilds). */
export function takeStale(userId: number): boolean {
  return stale.delete(userId);
}
