/**
 * A small seeded PRNG (mulberry32) and the choice helpers the generators use. Seeded so the demo
 * is the same on every machine: reviewers, screenshots and tests see identical content.
 */

export type Rng = () => number;

/** mulberry32: 32-bit state, fast, good enough for picking words (not for anything secret). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer in [min, max], both inclusive. */
export function int(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** A number in [min, max] rounded to `digits` decimals, as industry reports print percentages. */
export function decimal(rng: Rng, min: number, max: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round((min + rng() * (max - min)) * f) / f;
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

export function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

/** `n` distinct items in random order (partial Fisher–Yates on a copy). */
export function sample<T>(rng: Rng, items: readonly T[], n: number): T[] {
  const copy = items.slice();
  const k = Math.min(n, copy.length);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rng() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, k);
}

/** Picks by weight: `weights[i]` is the relative frequency of `items[i]`. */
export function weighted<T>(rng: Rng, items: readonly T[], weights: readonly number[]): T {
  let total = 0;
  for (const w of weights) total += w;
  let r = rng() * total;
  for (let i = 0; i < items.length; i++) {
    r -= weights[i];
    if (r < 0) return items[i];
  }
  return items[items.length - 1];
}
