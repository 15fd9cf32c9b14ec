import { describe, expect, it } from 'vitest';
import { type Candidate, hotOrder, RANKING_PARAMS, type RankingProfile, rank } from './ranking.ts';

const NOW = new Date('2026-11-20T12:00:00Z');
const HOUR = 3_600_000;

function article(id: number, over: Partial<Candidate> = {}): Candidate {
  return {
    id,
    tags: ['crane'],
    brands: [],
    column: 'news',
    author: null,
    publishedAt: new Date(NOW.getTime() - id * HOUR),
    counts: { views: 1000, comments: 0, favorites: 0, shares: 0 },
    ...over,
  };
}

const EMPTY: RankingProfile = {
  weights: [],
  follows: [],
  read: [],
  notInterested: { articleIds: [], entities: [] },
};
const profile = (p: Partial<RankingProfile>): RankingProfile => ({ ...EMPTY, ...p });

/** Twenty varied articles: columns, tags and brands rotate, older ones get more views. */
function catalogue(): Candidate[] {
  const tags = ['excavator', 'crane', 'loader', 'road-roller'];
  const brands = ['sany', 'xcmg', 'zoomlion', 'liugong', 'cat'];
  const cols = ['news', 'products', 'market', 'policy'];
  return Array.from({ length: 20 }, (_, i) =>
    article(i + 1, {
      tags: [tags[i % 4]!],
      brands: [brands[i % 5]!],
      column: cols[i % 4]!,
      counts: { views: 500 + ((i * 37) % 11) * 300, comments: i % 3, favorites: i % 4, shares: 0 },
    }),
  );
}

describe('personalised ranking', () => {
  it('puts the article matching the member’s interest first, with an interest reason', () => {
    const items = catalogue();
    const out = rank({
      candidates: items,
      profile: profile({ weights: [{ kind: 'tag', id: 'road-roller', weight: 2 }] }),
      now: NOW,
      seed: 1,
    });
    const first = items.find((c) => c.id === out[0]!.id)!;
    expect(first.tags).toContain('road-roller');
    expect(out[0]!.reason).toEqual({ kind: 'interest', entity: { kind: 'tag', id: 'road-roller' } });
  });

  it('gives a follow reason naming the followed brand', () => {
    const out = rank({
      candidates: catalogue(),
      profile: profile({ follows: [{ kind: 'brand', id: 'sany' }] }),
      now: NOW,
      seed: 1,
    });
    expect(out[0]!.reason).toEqual({ kind: 'follow', entity: { kind: 'brand', id: 'sany' } });
    expect(out.filter((r) => r.reason.kind === 'follow').length).toBe(4); // every sany article
  });

  it('never returns an article already read or marked not interested', () => {
    const out = rank({
      candidates: catalogue(),
      profile: profile({ read: [1, 2, 3], notInterested: { articleIds: [4], entities: [] } }),
      now: NOW,
      seed: 1,
    });
    const ids = out.map((r) => r.id);
    for (const id of [1, 2, 3, 4]) expect(ids).not.toContain(id);
    expect(ids).toHaveLength(16);
  });

  it('pushes articles similar to a not-interested one below the others', () => {
    const items = catalogue();
    const base = profile({ weights: [{ kind: 'column', id: 'news', weight: 1 }] });
    const before = rank({
      candidates: items,
      profile: base,
      now: NOW,
      seed: 1,
      params: { ...RANKING_PARAMS, exploration: { share: 0 } },
    });
    const after = rank({
      candidates: items,
      profile: { ...base, notInterested: { articleIds: [1], entities: [{ kind: 'tag', id: 'excavator' }] } },
      now: NOW,
      seed: 1,
      params: { ...RANKING_PARAMS, exploration: { share: 0 } },
    });
    const excavators = new Set(items.filter((c) => c.tags.includes('excavator')).map((c) => c.id));
    const meanRank = (list: { id: number }[]) => {
      const ranks = list.flatMap((r, i) => (excavators.has(r.id) ? [i] : []));
      return ranks.reduce((a, b) => a + b, 0) / ranks.length;
    };
    expect(meanRank(after)).toBeGreaterThan(meanRank(before) + 3);
    expect(after.slice(-4).every((r) => excavators.has(r.id))).toBe(true);
  });

  it('never explores an article of an entity the member pushed down', () => {
    const items = catalogue();
    const p = profile({
      weights: [{ kind: 'tag', id: 'crane', weight: 1 }],
      notInterested: { articleIds: [], entities: [{ kind: 'tag', id: 'loader' }] },
    });
    const byId = new Map(items.map((c) => [c.id, c]));
    for (let seed = 0; seed < 50; seed++) {
      const explored = rank({ candidates: items, profile: p, now: NOW, seed }).filter(
        (r) => r.reason.kind === 'explore',
      );
      expect(explored.length).toBeGreaterThanOrEqual(1);
      for (const r of explored) expect(byId.get(r.id)!.tags).not.toContain('loader');
    }
  });

  it('labels a new article that is not yet hot as fresh, the others as hot, with the machine class', () => {
    const items = [
      article(1, {
        publishedAt: new Date(NOW.getTime() - 2 * HOUR),
        counts: { views: 1, comments: 0, favorites: 0, shares: 0 },
      }),
      article(2, {
        publishedAt: new Date(NOW.getTime() - 3 * HOUR),
        counts: { views: 90_000, comments: 0, favorites: 0, shares: 0 },
      }),
      ...Array.from({ length: 8 }, (_, i) =>
        article(10 + i, {
          publishedAt: new Date(NOW.getTime() - 5 * HOUR),
          counts: { views: 50_000, comments: 0, favorites: 0, shares: 0 },
        }),
      ),
    ];
    const out = rank({ candidates: items, profile: EMPTY, now: NOW, seed: 1 });
    expect(out.find((r) => r.id === 1)!.reason).toEqual({
      kind: 'fresh',
      entity: { kind: 'tag', id: 'crane' },
    });
    expect(out.find((r) => r.id === 2)!.reason).toEqual({
      kind: 'hot',
      entity: { kind: 'tag', id: 'crane' },
    });
  });

  it('shows no wall of one brand even when the member only likes that brand', () => {
    const items = catalogue().map((c, i) => (i < 12 ? { ...c, brands: ['sany'] } : c));
    const out = rank({
      candidates: items,
      profile: profile({ weights: [{ kind: 'brand', id: 'sany', weight: 5 }] }),
      now: NOW,
      seed: 1,
    });
    const { window, maxPerBrand } = RANKING_PARAMS.diversity;
    const byId = new Map(items.map((c) => [c.id, c]));
    // While there are other articles to interleave, every window keeps the limit.
    const head = out.slice(0, 12).map((r) => byId.get(r.id)!);
    for (let i = 0; i + window <= head.length; i++) {
      const n = head.slice(i, i + window).filter((c) => c.brands.includes('sany')).length;
      expect(n).toBeLessThanOrEqual(maxPerBrand);
    }
    expect(head[0]!.brands).toContain('sany');
  });

  it('gives the same list for the same input and seed, exploration included', () => {
    const input = {
      candidates: catalogue(),
      profile: profile({ weights: [{ kind: 'tag' as const, id: 'crane', weight: 1 }] }),
      now: NOW,
      seed: 42,
    };
    const a = rank(input);
    expect(rank(input)).toEqual(a);
    expect(rank({ ...input, candidates: [...input.candidates].reverse() })).toEqual(a);
    expect(a.some((r) => r.reason.kind === 'explore')).toBe(true);
    expect(a.filter((r) => r.reason.kind === 'explore').length).toBe(Math.floor(20 / 10));
    const crane = new Set(input.candidates.filter((c) => c.tags.includes('crane')).map((c) => c.id));
    for (const r of a.filter((x) => x.reason.kind === 'explore')) expect(crane.has(r.id)).toBe(false);
    expect(rank({ ...input, seed: 43 })).not.toEqual(a); // the seed, not chance, fixes the picks
  });

  it('returns exactly the general hot order for an empty profile', () => {
    const items = catalogue();
    const out = rank({ candidates: items, profile: EMPTY, now: NOW, seed: 7 });
    expect(out.map((r) => r.id)).toEqual(hotOrder(items).map((c) => c.id));
    expect(out.every((r) => r.reason.kind === 'hot' || r.reason.kind === 'fresh')).toBe(true);
  });

  it('prefers a fresh article to an old one of equal interest and hotness', () => {
    const old = article(1, { publishedAt: new Date(NOW.getTime() - 60 * 24 * HOUR), tags: ['loader'] });
    const fresh = article(2, { publishedAt: new Date(NOW.getTime() - 2 * HOUR), tags: ['loader'] });
    const out = rank({
      candidates: [old, fresh],
      profile: profile({ weights: [{ kind: 'tag', id: 'loader', weight: 1 }] }),
      now: NOW,
      seed: 1,
      params: { ...RANKING_PARAMS, hotWeight: 0 },
    });
    expect(out.map((r) => r.id)).toEqual([2, 1]);
  });

  it('lists an article offered by two sources once', () => {
    const items = catalogue();
    const p = profile({ weights: [{ kind: 'tag', id: 'crane', weight: 1 }] });
    const out = rank({ candidates: [...items, ...items.slice(0, 5)], profile: p, now: NOW, seed: 1 });
    expect(out.map((r) => r.id).sort((a, b) => a - b)).toEqual(items.map((c) => c.id));
    expect(rank({ candidates: [...items, items[0]!], profile: EMPTY, now: NOW, seed: 1 })).toHaveLength(20);
  });

  it('returns nothing for no candidates and honours the limit', () => {
    expect(rank({ candidates: [], profile: EMPTY, now: NOW, seed: 1 })).toEqual([]);
    const p = profile({ weights: [{ kind: 'tag', id: 'crane', weight: 1 }] });
    expect(rank({ candidates: catalogue(), profile: p, now: NOW, seed: 1, limit: 5 })).toHaveLength(5);
  });
});
