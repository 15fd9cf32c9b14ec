import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.ts';
import { uid } from '../../testing/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/harness.ts';
import { hit, peek } from './rate-limit.ts';

describe('rate limits', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.dispose());

  it('allow up to the limit in a window, then refuse until the window ends', async () => {
    const clock = fixedClock(new Date('2026-11-25T08:00:00Z'));
    const limit = { key: uid('test:'), limit: 3, windowMs: 60_000 };
    for (let i = 1; i <= 3; i++)
      expect(await hit(t.database.db, clock, limit)).toMatchObject({ allowed: true, hits: i });
    clock.advance(15_000);
    expect(await hit(t.database.db, clock, limit)).toEqual({
      allowed: false,
      hits: 4,
      retryAfterSeconds: 45,
    });
    expect((await peek(t.database.db, clock, limit)).allowed).toBe(false);
    clock.advance(45_000);
    expect(await hit(t.database.db, clock, limit)).toMatchObject({ allowed: true, hits: 1 });
  });

  it('count concurrent hits exactly', async () => {
    const clock = fixedClock(new Date('2026-11-25T08:00:00Z'));
    const limit = { key: uid('test:'), limit: 5, windowMs: 60_000 };
    const states = await Promise.all(Array.from({ length: 12 }, () => hit(t.database.db, clock, limit)));
    expect(states.filter((s) => s.allowed)).toHaveLength(5);
    expect(states.map((s) => s.hits).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
  });
});
