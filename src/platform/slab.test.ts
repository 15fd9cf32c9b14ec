import { describe, expect, it } from 'vitest';
import { BufferSlab } from './slab.ts';

describe('BufferSlab', () => {
  it('hands out bodies that never share a byte, across slabs', () => {
    const slab = new BufferSlab(64 * 1024);
    const bodies: Buffer[] = [];
    // Enough bodies of uneven sizes to fill several slabs.
    for (let i = 0; i < 200; i++) {
      const body = slab.take(1000 + ((i * 37) % 900));
      body.fill(i % 251);
      bodies.push(body);
    }
    // Writing each body did not change any earlier one.
    for (const [i, body] of bodies.entries()) {
      expect(body.every((b) => b === i % 251)).toBe(true);
    }
    // Bodies cut from the same slab are disjoint and start on 8-byte boundaries.
    for (let i = 1; i < bodies.length; i++) {
      const [a, b] = [bodies[i - 1], bodies[i]];
      expect(b.byteOffset % 8).toBe(0);
      if (a.buffer === b.buffer) expect(b.byteOffset).toBeGreaterThanOrEqual(a.byteOffset + a.length);
    }
    expect(new Set(bodies.map((b) => b.buffer)).size).toBeGreaterThan(1);
  });

  it('gives a body larger than an eighth of a slab a buffer of its own', () => {
    const slab = new BufferSlab(64 * 1024);
    const small = slab.take(100);
    const large = slab.take(8 * 1024 + 1);
    expect(large.length).toBe(8 * 1024 + 1);
    expect(large.buffer).not.toBe(small.buffer);
    // The slab was not used up by the large body: the next small one follows the first.
    expect(slab.take(100).buffer).toBe(small.buffer);
  });

  it('fills a slab to its end before starting the next', () => {
    const slab = new BufferSlab(1024, 512);
    const a = slab.take(512);
    const b = slab.take(512);
    expect(b.buffer).toBe(a.buffer);
    expect(b.byteOffset - a.byteOffset).toBe(512);
    const c = slab.take(8);
    expect(c.buffer).not.toBe(a.buffer);
    expect(c.length).toBe(8);
  });
});
