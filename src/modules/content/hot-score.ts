/**
 * The general feed's hot score, as the database computes it (`ccm_hot_score` in migration
 * 0025_hot_score_triggers.sql; a test keeps the two equal):
 *
 *   score = ⌊20 · ln(1 + views + 5·comments + 10·favourites + 10·shares) + ½⌋ / 20
 *           + (publishedAt − 2020-01-01) / 12 h
 *
 * Ordering by it is ordering by engagement · e^(−age / 12 h) at any moment (the "now" term is the
 * same for every article and drops out), so an article's engagement decays with a half-life of
 * about 8.3 hours against newer articles, yet the stored value never changes with the clock:
 * keyset pagination on (hot_score, id) stays stable. The engagement term moves in steps of 1/20
 * (about 5% more engagement), so most counter bumps leave the indexed value unchanged.
 */
export const HOT_EPOCH_SECONDS = 1_577_836_800; // 2020-01-01T00:00:00Z
export const HOT_TAU_SECONDS = 43_200;
export const HOT_WEIGHTS = { views: 1, comments: 5, favorites: 10, shares: 10 } as const;

export function hotScore(
  publishedAt: Date,
  counts: { views: number; comments: number; favorites: number; shares: number },
): number {
  const engagement = Math.max(
    0,
    counts.views * HOT_WEIGHTS.views +
      counts.comments * HOT_WEIGHTS.comments +
      counts.favorites * HOT_WEIGHTS.favorites +
      counts.shares * HOT_WEIGHTS.shares,
  );
  return (
    Math.floor(Math.log(1 + engagement) * 20 + 0.5) / 20 +
    (publishedAt.getTime() / 1000 - HOT_EPOCH_SECONDS) / HOT_TAU_SECONDS
  );
}
