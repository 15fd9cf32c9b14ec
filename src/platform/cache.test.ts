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

  it('stores nothing with a TTL of zero', () => {
    const cache = new TtlCache<string>(10, 0);
    cache.set('a', '1');
    expect(cache.get('a')).toBeUndefined();
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
    } finally {
      await one.close();
      await two.close();
    }
  });
});
