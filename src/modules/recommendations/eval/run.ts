/**
 * Offline evaluation of the personalised ranking against the general hot feed, on synthetic members
 * over the demo catalogue. Everything is in memory and seeded: the same options give the same
 * figures on every machine.
 *
 * 1. Catalogue: the demo seed's published articles, generated in memory with the demo's own seed
 *    (same titles, tags, brands, columns, publication times and counters as a seeded database,
 *    relative to `now`).
 * 2. Members: each has hidden interests (one or two machine classes, up to two brands, one column);
 *    an article's affinity is 0.5 for a class match + 0.35 for a brand match + 0.15 for the column.
 *    The click probability of a shown article is base + affinity · interestClick + hotness · hotClick,
 *    so general popularity also draws clicks and the baseline is not a straw man.
 * 3. History: a few sessions of randomly drawn impressions over the last weeks; the clicks become
 *    the profile the way the product builds one from behaviour (each click adds 1 to the article's
 *    tags, brands, column and author, decayed with the profile half-life by the click's age; clicked
 *    articles count as read). Nothing is fitted: the ranking's parameters are RANKING_PARAMS as shipped.
 * 4. Test: later impressions of unread articles, clicks drawn from the same hidden model; each
 *    impression is ordered by the personalised ranking and by the general hot order, and scored
 *    MIND-style (AUC, MRR, nDCG@5, nDCG@10 per impression, averaged; impressions with no click or
 *    no non-click are skipped, as AUC is undefined there).
 */
import { DEMO_SEED } from '../../seed/demo.ts';
import { planDemoArticles } from '../../seed/demo-articles.ts';
import { mulberry32, type Rng, sample } from '../../seed/prng.ts';
import {
  type Candidate,
  type EntityRef,
  hotOrder,
  RANKING_PARAMS,
  type RankingParams,
  type RankingProfile,
  rank,
} from '../ranking.ts';
import { auc, mrr, ndcg } from './metrics.ts';

const DAY = 86_400_000;

export interface EvalOptions {
  seed: number;
  members: number;
  historySessions: number;
  testImpressions: number;
  impressionSize: number;
  /** Half-life of the in-memory profile's behaviour weights, in days. */
  profileHalfLifeDays: number;
  click: { base: number; interest: number; hot: number };
}

export const EVAL_OPTIONS: EvalOptions = {
  seed: 6,
  members: 1000,
  historySessions: 6,
  testImpressions: 5,
  impressionSize: 20,
  profileHalfLifeDays: 14,
  click: { base: 0.02, interest: 0.55, hot: 0.12 },
};

export interface Metrics {
  auc: number;
  mrr: number;
  ndcg5: number;
  ndcg10: number;
}

export interface EvalResult {
  catalogue: number;
  members: number;
  impressions: number;
  clicks: number;
  personalised: Metrics;
  baseline: Metrics;
}

/** The demo's published articles as ranking candidates (ids in plan order, from 1). */
export function demoCatalogue(now: Date): Candidate[] {
  const planned = planDemoArticles(mulberry32(DEMO_SEED), now, [1, 2]);
  return planned
    .filter((a) => a.status === 'published' && a.publishedAt !== null)
    .map((a, i) => ({
      id: i + 1,
      tags: a.tagIds,
      brands: a.brandIds,
      column: a.columnId,
      author: a.authorId,
      publishedAt: a.publishedAt!,
      counts: {
        views: a.viewCount,
        comments: a.commentCount,
        favorites: a.favoriteCount,
        shares: a.shareCount,
      },
    }));
}

interface Hidden {
  classes: Set<string>;
  brands: Set<string>;
  column: string;
}

function affinity(h: Hidden, c: Candidate): number {
  return (
    (c.tags.some((t) => h.classes.has(t)) ? 0.5 : 0) +
    (c.brands.some((b) => h.brands.has(b)) ? 0.35 : 0) +
    (h.column === c.column ? 0.15 : 0)
  );
}

/** The in-memory stand-in for the stored profile: clicks → decayed weights per entity. */
export function profileFromClicks(
  clicks: readonly { article: Candidate; at: Date }[],
  now: Date,
  halfLifeDays: number,
): RankingProfile {
  const weights = new Map<string, { ref: EntityRef; weight: number }>();
  const add = (ref: EntityRef, w: number) => {
    const k = `${ref.kind}:${ref.id}`;
    const cur = weights.get(k);
    if (cur) cur.weight += w;
    else weights.set(k, { ref, weight: w });
  };
  for (const { article: a, at } of clicks) {
    const w = 2 ** (-(now.getTime() - at.getTime()) / DAY / halfLifeDays);
    for (const id of a.tags) add({ kind: 'tag', id }, w);
    for (const id of a.brands) add({ kind: 'brand', id }, w);
    add({ kind: 'column', id: a.column }, w);
    if (a.author !== null) add({ kind: 'author', id: String(a.author) }, w);
  }
  return {
    weights: [...weights.values()].map(({ ref, weight }) => ({ ...ref, weight })),
    follows: [],
    read: [...new Set(clicks.map((c) => c.article.id))],
    notInterested: { articleIds: [], entities: [] },
  };
}

function score(labels: number[], order: readonly number[], ids: readonly number[]): Metrics {
  // A ranked list becomes scores by position: the first item scores highest.
  const pos = new Map(order.map((id, i) => [id, order.length - i]));
  const scores = ids.map((id) => pos.get(id)!);
  return {
    auc: auc(labels, scores),
    mrr: mrr(labels, scores),
    ndcg5: ndcg(labels, scores, 5),
    ndcg10: ndcg(labels, scores, 10),
  };
}

export function runEval(
  now: Date,
  options: EvalOptions = EVAL_OPTIONS,
  params: RankingParams = RANKING_PARAMS,
): EvalResult {
  const catalogue = demoCatalogue(now);
  const rng: Rng = mulberry32(options.seed);
  const classes = [...new Set(catalogue.map((c) => c.tags[0]!))].sort();
  const brands = [...new Set(catalogue.flatMap((c) => c.brands))].sort();
  const columns = [...new Set(catalogue.map((c) => c.column))].sort();
  const hotPct = new Map(hotOrder(catalogue).map((c, i) => [c.id, 1 - i / (catalogue.length - 1)]));
  const pClick = (h: Hidden, c: Candidate) =>
    Math.min(
      1,
      options.click.base + options.click.interest * affinity(h, c) + options.click.hot * hotPct.get(c.id)!,
    );

  const sums = { personalised: zero(), baseline: zero() };
  let impressions = 0;
  let clicks = 0;
  for (let m = 0; m < options.members; m++) {
    const hidden: Hidden = {
      classes: new Set(sample(rng, classes, 1 + Math.floor(rng() * 2))),
      brands: new Set(sample(rng, brands, Math.floor(rng() * 3))),
      column: columns[Math.floor(rng() * columns.length)]!,
    };
    const history: { article: Candidate; at: Date }[] = [];
    for (let s = 0; s < options.historySessions; s++) {
      const at = new Date(now.getTime() - (options.historySessions - s) * 3 * DAY);
      const shown = sample(
        rng,
        catalogue.filter((c) => c.publishedAt <= at),
        options.impressionSize,
      );
      for (const c of shown) if (rng() < pClick(hidden, c)) history.push({ article: c, at });
    }
    const profile = profileFromClicks(history, now, options.profileHalfLifeDays);
    const read = new Set(profile.read);
    const unread = catalogue.filter((c) => !read.has(c.id));
    for (let t = 0; t < options.testImpressions; t++) {
      const shown = sample(rng, unread, options.impressionSize);
      const labels = shown.map((c) => (rng() < pClick(hidden, c) ? 1 : 0));
      const clicked = labels.reduce<number>((a, b) => a + b, 0);
      if (clicked === 0 || clicked === labels.length) continue;
      const ids = shown.map((c) => c.id);
      const personal = rank({ candidates: shown, profile, now, seed: m * 1000 + t, params });
      add(
        sums.personalised,
        score(
          labels,
          personal.map((r) => r.id),
          ids,
        ),
      );
      add(
        sums.baseline,
        score(
          labels,
          hotOrder(shown).map((c) => c.id),
          ids,
        ),
      );
      impressions++;
      clicks += clicked;
    }
  }
  return {
    catalogue: catalogue.length,
    members: options.members,
    impressions,
    clicks,
    personalised: mean(sums.personalised, impressions),
    baseline: mean(sums.baseline, impressions),
  };
}

const zero = (): Metrics => ({ auc: 0, mrr: 0, ndcg5: 0, ndcg10: 0 });
function add(into: Metrics, m: Metrics) {
  into.auc += m.auc;
  into.mrr += m.mrr;
  into.ndcg5 += m.ndcg5;
  into.ndcg10 += m.ndcg10;
}
const mean = (m: Metrics, n: number): Metrics => ({
  auc: m.auc / n,
  mrr: m.mrr / n,
  ndcg5: m.ndcg5 / n,
  ndcg10: m.ndcg10 / n,
});
