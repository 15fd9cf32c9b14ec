/**
 * A small in-process cache for read-mostly public content (published articles), with a TTL and
 * LRU eviction. When Redis is configured, invalidations are published so that every instance drops
 * the entry; without Redis there is one instance and the local drop is enough.
 */
import type { Redis } from 'ioredis';

const CHANNEL = 'ccm:cache:invalidate';

/**
 * Evicts the least recently used entry, to within half the cache: a read moves its entry to the
 * newest end only when the entry has fallen into the older half (more than maxEntries / 2
 * insertions or moves since its own), so the hottest entries are read without rewriting the map
 * (a delete and an insert on every hit was a measurable share of the personalised feed's time).
 * An entry read while in the newer half keeps its place: it survives at least maxEntries / 2 more
 * insertions after that read.
 */
export class TtlCache<V, K extends string | number = string> {
  private readonly entries = new Map<K, { value: V; expires: number; stamp: number }>();
  /** Insertions and moves so far: an entry's stamp says when it was last put at the newest end. */
  private stamp = 0;
  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    // Refresh recency: Map keeps insertion order, so re-inserting moves the key to the end.
    if (this.stamp - entry.stamp >= this.maxEntries >>> 1) {
      this.entries.delete(key);
      this.entries.set(key, entry);
      entry.stamp = ++this.stamp;
    }
    return entry.value;
  }

  set(key: K, value: V): void {
    if (this.ttlMs <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { value, expires: this.now() + this.ttlMs, stamp: ++this.stamp });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Named caches whose invalidations reach every instance through Redis when it is configured. */
export class CacheBus {
  private readonly caches = new Map<string, TtlCache<unknown, string | number>>();
  /** Caches keyed by numbers: an invalidation's key (always a string on the bus) is read as one. */
  private readonly numeric = new Set<string>();
  private constructor(
    private readonly publisher?: Redis,
    private readonly subscriber?: Redis,
  ) {}

  static async create(redisUrl?: string): Promise<CacheBus> {
    if (!redisUrl) return new CacheBus();
    const { Redis } = await import('ioredis');
    const options = { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: false };
    const publisher = new Redis(redisUrl, options);
    const subscriber = new Redis(redisUrl, options);
    await Promise.all([publisher.connect(), subscriber.connect()]);
    const bus = new CacheBus(publisher, subscriber);
    await subscriber.subscribe(CHANNEL);
    subscriber.on('message', (_channel, message: string) => {
      const [name, key] = JSON.parse(message) as [string, string | null];
      bus.dropLocal(name, key);
    });
    return bus;
  }

  cache<V>(name: string, maxEntries: number, ttlMs: number): TtlCache<V> {
    let cache = this.caches.get(name);
    if (!cache) {
      cache = new TtlCache<unknown>(maxEntries, ttlMs);
      this.caches.set(name, cache);
    }
    return cache as TtlCache<V>;
  }

  /**
   * A cache keyed by numbers (ids): a lookup neither makes a string of the id nor hashes one.
   * Invalidations still name the key as a string (`invalidate(name, String(id))`).
   */
  numberCache<V>(name: string, maxEntries: number, ttlMs: number): TtlCache<V, number> {
    this.numeric.add(name);
    return this.cache<V>(name, maxEntries, ttlMs) as unknown as TtlCache<V, number>;
  }

  /** Drops a key (or, with null, the whole cache) here and on every other instance. */
  async invalidate(name: string, key: string | null): Promise<void> {
    this.dropLocal(name, key);
    if (this.publisher) await this.publisher.publish(CHANNEL, JSON.stringify([name, key]));
  }

  async ping(): Promise<void> {
    if (this.publisher) await this.publisher.ping();
  }

  get redis(): Redis | undefined {
    return this.publisher;
  }

  async close(): Promise<void> {
    this.subscriber?.disconnect();
    this.publisher?.disconnect();
  }

  private dropLocal(name: string, key: string | null): void {
    const cache = this.caches.get(name);
    if (!cache) return;
    if (key === null) cache.clear();
    else cache.delete(this.numeric.has(name) ? Number(key) : key);
  }
}
