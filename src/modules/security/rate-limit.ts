/**
 * Fixed-window rate limits kept in the database, so every instance shares them (PGlite and a
 * PostgreSQL server alike). One atomic statement per hit. Keys carry blind indexes, never raw
 * phone numbers or IP addresses.
 */
import { inArray, type Placeholder, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { rateLimits } from './tables.ts';

export interface Limit {
  key: string;
  limit: number;
  windowMs: number;
}

export interface LimitState {
  allowed: boolean;
  hits: number;
  retryAfterSeconds: number;
}

/** Counts one hit against the limit and says whether it is still within it. */
export async function hit(db: Db, clock: Clock, { key, limit, windowMs }: Limit): Promise<LimitState> {
  const now = clock.now();
  const expired = new Date(now.getTime() - windowMs);
  const [row] = await queryRows<{ hits: number; window_started_at: Date | string }>(
    db,
    sql`INSERT INTO ${rateLimits} (key, window_started_at, hits) VALUES (${key}, ${now.toISOString()}::timestamptz, 1)
        ON CONFLICT (key) DO UPDATE SET
          hits = CASE WHEN ${rateLimits.windowStartedAt} <= ${expired.toISOString()}::timestamptz THEN 1 ELSE ${rateLimits.hits} + 1 END,
          window_started_at = CASE WHEN ${rateLimits.windowStartedAt} <= ${expired.toISOString()}::timestamptz
            THEN excluded.window_started_at ELSE ${rateLimits.windowStartedAt} END
        RETURNING hits, window_started_at`,
  );
  const started = new Date(row.window_started_at).getTime();
  return {
    allowed: row.hits <= limit,
    hits: row.hits,
    retryAfterSeconds: Math.max(1, Math.ceil((started + windowMs - now.getTime()) / 1000)),
  };
}

/** The current count without adding to it. */
export async function peek(db: Db, clock: Clock, limit: Limit): Promise<LimitState> {
  return (await peekAll(db, clock, [limit]))[0];
}

/** The state of several limits in one round trip (sign-in checks three on every attempt). */
export async function peekAll(db: Db, clock: Clock, limits: Limit[]): Promise<LimitState[]> {
  const rows = await db
    .select()
    .from(rateLimits)
    .where(
      inArray(
        rateLimits.key,
        limits.map((l) => l.key),
      ),
    );
  return statesOf(clock, limits, rows);
}

/**
 * The current rows of `limits` as a JSON array, to read inside another statement (a sign-in reads
 * its counters and the account in one round trip); `statesOf` turns them into states.
 */
export const limitRowsJson = (keys: (string | Placeholder)[]) =>
  sql<{ key: string; hits: number; windowStartedAt: string }[]>`(SELECT coalesce(json_agg(json_build_object(
    'key', ${rateLimits.key}, 'hits', ${rateLimits.hits}, 'windowStartedAt', ${rateLimits.windowStartedAt})), '[]'::json)
    FROM ${rateLimits} WHERE ${inArray(rateLimits.key, keys)})`;

export function statesOf(
  clock: Clock,
  limits: Limit[],
  rows: { key: string; hits: number; windowStartedAt: Date | string }[],
): LimitState[] {
  const now = clock.now().getTime();
  return limits.map(({ key, limit, windowMs }) => {
    const row = rows.find((r) => r.key === key);
    const started = row ? new Date(row.windowStartedAt).getTime() : 0;
    if (!row || started + windowMs <= now) return { allowed: true, hits: 0, retryAfterSeconds: 0 };
    return {
      allowed: row.hits < limit,
      hits: row.hits,
      retryAfterSeconds: Math.max(1, Math.ceil((started + windowMs - now) / 1000)),
    };
  });
}

export async function clear(db: Db, ...keys: string[]): Promise<void> {
  if (keys.length > 0) await db.delete(rateLimits).where(inArray(rateLimits.key, keys));
}

/** The same as `clear`, as a WITH clause to run inside another statement. */
export const clearing = (db: Db, keys: (string | Placeholder)[]) =>
  db
    .$with('cleared_limits')
    .as(db.delete(rateLimits).where(inArray(rateLimits.key, keys)).returning({ key: rateLimits.key }));

/** Throws 429 rate_limited with Retry-After when the state is over its limit. */
export function enforce(state: LimitState, detail: string): void {
  if (!state.allowed) {
    throw new AppError('rate_limited', detail, {
      retryAfterSeconds: state.retryAfterSeconds,
      headers: { 'retry-after': String(state.retryAfterSeconds) },
    });
  }
}
