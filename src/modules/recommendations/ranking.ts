/**
 * The personalised ranking: a pure function from candidate articles, a member's interest profile,
 * a moment and the parameters to an ordered list with a machine reason per item. No database, no
 * clock, no global randomness: the same input gives the same output (exploration draws from a PRNG
 * seeded by the caller). The feed route gathers candidates and the profile; this module only
 * orders them. All tunables live in RANKING_PARAMS.
 *
 * Steps: drop already-read and not-interested articles; score the rest
 *   score = interestWeight · (interest + followBoost · followed − penalty · pushedDown) · freshness
 *         + hotWeight · hotness
 * where interest sums the profile weights of the article's entities (normalised so the profile's
 * strongest weight is 1, scaled per entity kind), freshness = floor + (1 − floor) · 2^(−age/halfLife)
 * and hotness is the article's percentile in the general hot order (1 = hottest); then fill the
 * list greedily by score under the diversity limits, reserving a share of slots for exploration.
 *
 * An empty profile (no weights, follows, reads or not-interested marks) returns exactly the general
 * hot order: someone we know nothing about sees the same feed as an anonymous visitor.
 */
import { hotScore } from '../content/hot-score.ts';
import { mulberry32 } from '../seed/prng.ts';

export type EntityKind = 'tag' | 'brand' | 'column' | 'author';
export interface EntityRef {
  kind: EntityKind;
  id: string;
}

export interface Candidate {
  id: number;
  tags: readonly string[];
  brands: readonly string[];
  column: string;
  author: number | null;
  publishedAt: Date;
  counts: { views: number; comments: number; favorites: number; shares: number };
}

export interface RankingProfile {
  /** Interest weights per entity, already decayed by the profile; non-positive weights are ignored. */
  weights: readonly (EntityRef & { weight: number })[];
  /** Entities the member follows. */
  follows: readonly EntityRef[];
  /** Article ids already read: never recommended again. */
  read: readonly number[];
  /** Articles marked "not interested" and the entities that mark pushes down. */
  notInterested: { articleIds: readonly number[]; entities: readonly EntityRef[] };
}

export type ReasonKind = 'follow' | 'interest' | 'hot' | 'fresh' | 'explore';
export interface Reason {
  kind: ReasonKind;
  entity?: EntityRef;
}

export interface RankedItem {
  id: number;
  score: number;
  reason: Reason;
}

export interface RankingParams {
  /**
   * How many candidates the feed route fetches from each source before ranking (the source mix):
   * articles matching the profile's strongest interests, from followed entities, the general hot
   * order and the newest. Overlaps are fine (rank keeps each article once); exploration draws from
   * the hot and fresh candidates that match nothing in the profile.
   */
  sourceMix: { interest: number; follow: number; hot: number; fresh: number };
  /** How much the member's interest (and follows) count against general hotness. */
  interestWeight: number;
  hotWeight: number;
  /** Extra relevance for each followed entity on the article. */
  followBoost: number;
  /** Relevance taken off for each entity pushed down by a "not interested" mark. */
  notInterestedPenalty: number;
  /** Relative weight of a matching entity by kind (a brand or tag says more than a column). */
  kindWeights: Record<EntityKind, number>;
  freshness: { halfLifeHours: number; floor: number; freshHours: number };
  /** At most maxPerBrand of one brand and maxPerColumn of one column in any `window` consecutive items. */
  diversity: { window: number; maxPerBrand: number; maxPerColumn: number };
  /**
   * Share of slots (every round(1/share)-th position) given to a seeded random article matching
   * none of the profile's tags, brands or follows (column and author are too broad to count).
   */
  exploration: { share: number };
  /** Hotness percentile from which an item without a personal reason is labelled "hot" (else "fresh" or "hot"). */
  hotReasonPercentile: number;
}

export const RANKING_PARAMS: RankingParams = {
  sourceMix: { interest: 120, follow: 60, hot: 100, fresh: 40 },
  interestWeight: 1,
  hotWeight: 0.3,
  followBoost: 0.5,
  notInterestedPenalty: 0.6,
  kindWeights: { tag: 1, brand: 1, column: 0.3, author: 0.2 },
  freshness: { halfLifeHours: 24 * 14, floor: 0.5, freshHours: 24 },
  diversity: { window: 5, maxPerBrand: 2, maxPerColumn: 3 },
  exploration: { share: 0.1 },
  hotReasonPercentile: 0.8,
};

const key = (e: EntityRef) => `${e.kind}:${e.id}`;

/** The entities an article is about: its tags, brands, column and author. */
export function entitiesOf(c: Candidate): EntityRef[] {
  const out: EntityRef[] = [];
  for (const id of c.tags) out.push({ kind: 'tag', id });
  for (const id of c.brands) out.push({ kind: 'brand', id });
  out.push({ kind: 'column', id: c.column });
  if (c.author !== null) out.push({ kind: 'author', id: String(c.author) });
  return out;
}

/**
 * The general feed's order: hot score descending, then id descending (as the database pages it).
 * A candidate that appears twice (sources overlap) is kept once.
 */
export function hotOrder(candidates: readonly Candidate[]): Candidate[] {
  const unique = new Map<number, Candidate>();
  for (const c of candidates) if (!unique.has(c.id)) unique.set(c.id, c);
  const scored = [...unique.values()].map((c) => ({ c, s: hotScore(c.publishedAt, c.counts) }));
  scored.sort((a, b) => b.s - a.s || b.c.id - a.c.id);
  return scored.map((x) => x.c);
}

export function isEmptyProfile(p: RankingProfile): boolean {
  return (
    !p.weights.some((w) => w.weight > 0) &&
    p.follows.length === 0 &&
    p.read.length === 0 &&
    p.notInterested.articleIds.length === 0 &&
    p.notInterested.entities.length === 0
  );
}

interface Scored {
  c: Candidate;
  score: number;
  hotRank: number;
  /** Tag, brand and follow matches: zero means the article lies outside what the profile knows. */
  specific: number;
  /** Matches an entity a not-interested mark pushes down: never explored. */
  pushedDown: boolean;
  reason: Reason;
}

export interface RankInput {
  candidates: readonly Candidate[];
  profile: RankingProfile;
  now: Date;
  /** Seeds exploration (for example member id and day): same seed, same list. */
  seed: number;
  params?: RankingParams;
  /** Length of the list to return (default: all remaining candidates). */
  limit?: number;
}

export function rank(input: RankInput): RankedItem[] {
  const params = input.params ?? RANKING_PARAMS;
  const hot = hotOrder(input.candidates);
  const limit = input.limit ?? hot.length;
  const n = hot.length;
  const hotness = (i: number) => (n <= 1 ? 1 : 1 - i / (n - 1));

  if (isEmptyProfile(input.profile)) {
    return hot.slice(0, limit).map((c, i) => ({
      id: c.id,
      score: hotness(i),
      reason: generalReason(c, hotness(i), ageHoursOf(c, input.now), params),
    }));
  }

  const profile = input.profile;
  let maxWeight = 0;
  for (const w of profile.weights) if (w.weight > maxWeight) maxWeight = w.weight;
  const weights = new Map<string, number>();
  for (const w of profile.weights) if (w.weight > 0) weights.set(key(w), w.weight / maxWeight);
  const follows = new Set(profile.follows.map(key));
  const pushed = new Set(profile.notInterested.entities.map(key));
  const removed = new Set<number>([...profile.read, ...profile.notInterested.articleIds]);

  const scored: Scored[] = [];
  hot.forEach((c, i) => {
    if (removed.has(c.id)) return;
    let interest = 0;
    let followed = 0;
    let penalty = 0;
    let specific = 0;
    let best: { e: EntityRef; v: number; follow: boolean } | null = null;
    for (const e of entitiesOf(c)) {
      const k = key(e);
      const kindWeight = params.kindWeights[e.kind];
      const w = (weights.get(k) ?? 0) * kindWeight;
      const f = follows.has(k) ? params.followBoost * kindWeight : 0;
      interest += w;
      followed += f;
      if (e.kind === 'tag' || e.kind === 'brand' || f > 0) specific += w + f;
      if (pushed.has(k)) penalty += params.notInterestedPenalty * kindWeight;
      // A follow is the strongest reason to show; among interests, the largest contribution.
      const v = w + f;
      if (v > 0 && (best === null || (f > 0 && !best.follow) || (f > 0 === best.follow && v > best.v)))
        best = { e, v, follow: f > 0 };
    }
    const ageHours = ageHoursOf(c, input.now);
    const { halfLifeHours, floor } = params.freshness;
    const fresh = floor + (1 - floor) * 2 ** (-ageHours / halfLifeHours);
    const relevance = interest + followed - penalty;
    const score = params.interestWeight * relevance * fresh + params.hotWeight * hotness(i);
    const reason: Reason =
      best !== null && relevance > 0
        ? { kind: best.follow ? 'follow' : 'interest', entity: best.e }
        : generalReason(c, hotness(i), ageHours, params);
    scored.push({ c, score, hotRank: i, specific, pushedDown: penalty > 0, reason });
  });
  // Stable and total: score, then the general hot order.
  scored.sort((a, b) => b.score - a.score || a.hotRank - b.hotRank);

  // Seeded (the demo's own small PRNG), so exploration is the same for the same input.
  return diversify(scored, Math.min(limit, scored.length), params, mulberry32(input.seed));
}

const ageHoursOf = (c: Candidate, now: Date) =>
  Math.max(0, (now.getTime() - c.publishedAt.getTime()) / 3_600_000);

/** Why an article without a personal match is shown: new and not yet hot, or hot; named by its machine class. */
function generalReason(c: Candidate, hotness: number, ageHours: number, params: RankingParams): Reason {
  const tag = c.tags[0];
  const entity: EntityRef | undefined = tag === undefined ? undefined : { kind: 'tag', id: tag };
  if (ageHours <= params.freshness.freshHours && hotness < params.hotReasonPercentile)
    return { kind: 'fresh', ...(entity ? { entity } : {}) };
  return { kind: 'hot', ...(entity ? { entity } : {}) };
}

/**
 * Greedy fill: each position takes the best remaining item that keeps the diversity limits in the
 * window ending here (relaxed only when nothing fits); every exploration slot takes a seeded
 * random pick among items the profile does not match.
 */
function diversify(items: Scored[], limit: number, params: RankingParams, rng: () => number): RankedItem[] {
  const out: RankedItem[] = [];
  const chosen: Candidate[] = [];
  const left = [...items];
  const { window, maxPerBrand, maxPerColumn } = params.diversity;
  const every = params.exploration.share > 0 ? Math.max(2, Math.round(1 / params.exploration.share)) : 0;

  const fits = (c: Candidate) => {
    const recent = chosen.slice(Math.max(0, chosen.length - (window - 1)));
    if (recent.filter((r) => r.column === c.column).length + 1 > maxPerColumn) return false;
    for (const b of c.brands)
      if (recent.filter((r) => r.brands.includes(b)).length + 1 > maxPerBrand) return false;
    return true;
  };

  while (out.length < limit && left.length > 0) {
    const position = out.length + 1;
    let index = -1;
    let explore = false;
    if (every > 0 && position % every === 0) {
      const outside = left
        .map((s, i) => ({ s, i }))
        .filter(({ s }) => s.specific === 0 && !s.pushedDown && fits(s.c));
      if (outside.length > 0) {
        index = outside[Math.floor(rng() * outside.length)]!.i;
        explore = true;
      }
    }
    if (index < 0) index = left.findIndex((s) => fits(s.c));
    if (index < 0) index = 0;
    const [s] = left.splice(index, 1) as [Scored];
    chosen.push(s.c);
    out.push({ id: s.c.id, score: s.score, reason: explore ? { kind: 'explore' } : s.reason });
  }
  return out;
}
