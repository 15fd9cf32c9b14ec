import { describe, expect, it } from 'vitest';
import { auc, mrr, ndcg } from './metrics.ts';
import { EVAL_OPTIONS, profileFromClicks, runEval } from './run.ts';

const NOW = new Date('2026-11-20T08:00:00Z');

describe('MIND-style metrics', () => {
  it('computes AUC over clicked vs non-clicked pairs, ties counting half', () => {
    expect(auc([1, 0, 0], [3, 2, 1])).toBe(1);
    expect(auc([0, 0, 1], [3, 2, 1])).toBe(0);
    expect(auc([1, 0, 1, 0], [4, 3, 2, 1])).toBe(0.75);
    expect(auc([1, 0], [1, 1])).toBe(0.5);
    expect(auc([1, 1], [2, 1])).toBeNaN();
  });

  it('computes MRR as the mean reciprocal rank of all clicked items', () => {
    expect(mrr([0, 1, 0, 1], [4, 3, 2, 1])).toBeCloseTo((1 / 2 + 1 / 4) / 2, 10);
  });

  it('computes nDCG@k with binary gains', () => {
    expect(ndcg([1, 0, 0], [3, 2, 1], 5)).toBe(1);
    expect(ndcg([0, 1], [2, 1], 5)).toBeCloseTo(1 / Math.log2(3), 10);
    expect(ndcg([0, 0, 1], [3, 2, 1], 2)).toBe(0);
  });
});

describe('offline evaluation', () => {
  it('builds the profile from clicks with decayed weights and marks clicked articles read', () => {
    const a = {
      id: 9,
      tags: ['excavator'],
      brands: ['sany'],
      column: 'news',
      author: 1,
      publishedAt: NOW,
      counts: { views: 0, comments: 0, favorites: 0, shares: 0 },
    };
    const p = profileFromClicks(
      [
        { article: a, at: NOW },
        { article: a, at: new Date(NOW.getTime() - 14 * 86_400_000) },
      ],
      NOW,
      14,
    );
    expect(p.read).toEqual([9]);
    expect(p.weights.find((w) => w.kind === 'brand' && w.id === 'sany')?.weight).toBeCloseTo(1.5, 10);
  });

  it('has the personalised ranking beat the general hot feed on AUC, MRR, nDCG@5 and nDCG@10', () => {
    const result = runEval(NOW, { ...EVAL_OPTIONS, members: 200, seed: 11 });
    expect(result.impressions).toBeGreaterThan(500);
    for (const k of ['auc', 'mrr', 'ndcg5', 'ndcg10'] as const)
      expect(result.personalised[k]).toBeGreaterThan(result.baseline[k]);
    // Same seed, same figures.
    expect(runEval(NOW, { ...EVAL_OPTIONS, members: 20, seed: 3 })).toEqual(
      runEval(NOW, { ...EVAL_OPTIONS, members: 20, seed: 3 }),
    );
  });
});
