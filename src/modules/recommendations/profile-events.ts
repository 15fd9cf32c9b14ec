/**
 * Where behaviour and profile changes are reported to personalisation. Every write that can move
 * a member's interest profile (a read, a favourite, a share, a comment, a follow, a "not
 * interested" mark, a deleted interest, a consent change) calls `profileChanged`: the member's
 * ranked lists are dropped on every instance (through the cache bus), and the profile is rebuilt
 * from its sources before the next personalised feed is ranked.
 *
 * Kept free of imports from the modules that call it, so engagement and comments can report here
 * without a cycle through the recommendations module.
 */
import type { AppContext } from '../../context.ts';

/** The cache of ranked lists, per member (see feed.ts). */
export const RECS_FEED_CACHE = 'recs-feed';

/**
 * Members whose profile is older than their behaviour, in this process. Another instance learns of
 * it through the dropped cache entry and the profile's age limit (feed.ts PROFILE_MAX_AGE_MS).
 */
const stale = new Set<number>();

export async function profileChanged(ctx: Pick<AppContext, 'caches'>, userId: number): Promise<void> {
  stale.add(userId);
  await ctx.caches.invalidate(RECS_FEED_CACHE, String(userId));
}

/** Whether the profile must be rebuilt before ranking; clears the mark (the caller rebuilds). */
export function takeStale(userId: number): boolean {
  return stale.delete(userId);
}
