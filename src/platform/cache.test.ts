import { describe, expect, it } from 'vitest';
import { CacheBus, TtlCache } from './cache.ts';

describe('TtlCache', () => {
  it('expires entries after the TTL and evicts the least recently used', () => {
    let now = 0;
    const cache = new TtlCache<string>(2, 1000, () => now);
    cache.set('a', '1');
    cache.set('b', '2');
    expect(cache.get('a')).toBe('1'); // a is now the most recent
    cache.set('c', '3'); // evicts b
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('1');
    now = 1001;
    expect(cache.get('a')).toBeUndefined();
  });

  it('keeps every entry read within the newest half of the cache', () => {
    const cache = new TtlCache<number>(100, 60_000);
    for (let i = 0; i < 100; i++) cache.set(`k${i}`, i);
    // Read k0 while it is the oldest entry: it moves to the newest end.
    expect(cache.get('k0')).toBe(0);
    // 50 more entries evict k1…k50, never k0.
    for (let i = 100; i < 150; i++) cache.set(`k${i}`, i);
    expect(cache.get('k0')).toBe(0);
    expect(cache.get('k1')).toBeUndefined();
    expect(cache.get('k50')).toBeUndefined();
    expect(cache.get('k51')).toBe(51);
    expect(cache.size).toBe(100);
    // An entry read often stays however many others come and go, as long as it is read at least
    // once every 50 insertions.
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 49; i++) cache.set(`r${round}-${i}`, i);
      expect(cache.get('k0')).toBe(0);
    }
    expect(cache.size).toBe(100);
  });

  it('stores nothing with a TTL of zero', () => {
    const cache = new TtlCache<string>(10, 0);
    cache.set('a', '1');
    expect(cache.get('a')).toBeUndefined();
  });
});

describe('CacheBus', () => {
  it('drops an entry of a number-keyed cache when its key is invalidated as a string', async () => {
    const bus = await CacheBus.create();
    const articles = bus.numberCache<string>('articles-by-id', 10, 60_000);
    articles.set(42, 'old');
    articles.set(43, 'kept');
    await bus.invalidate('articles-by-id', '42');
    expect(articles.get(42)).toBeUndefined();
    expect(articles.get(43)).toBe('kept');
    await bus.invalidate('articles-by-id', null);
    expect(articles.size).toBe(0);
  });
});

describe.runIf(process.env.REDIS_URL)('CacheBus over Redis', () => {
  it('drops an entry on every instance when one invalidates it', async () => {
    const one = await CacheBus.create(process.env.REDIS_URL);
    const two = await CacheBus.create(process.env.REDIS_URL);
    try {
      const name = `test-${Math.random()}`;
      two.cache<string>(name, 10, 60_000).set('42', 'old');
      await one.invalidate(name, '42');
      for (let i = 0; i < 50 && two.cache<string>(name, 10, 60_000).get('42') !== undefined; i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(two.cache<string>(name, 10, 60_000).get('42')).toBeUndefined();
      // A number-keyed cache on the other instance drops its entry too.
      const numbered = `${name}-n`;
      two.numberCache<string>(numbered, 10, 60_000).set(7, 'old');
      await one.invalidate(numbered, '7');
      for (let i = 0; i < 50 && two.numberCache<string>(numbered, 10, 60_000).get(7) !== undefined; i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(two.numberCache<string>(numbered, 10, 60_000).get(7)).toBeUndefined();
    } finally {
      await one.close();
      await two.close();
    }
  });
});
