/**
 * The stored side of verification codes: making, hashing, keeping and consuming them. A code is
 * 6 random digits kept only as an HMAC under the blind-index key, salted with the row's random
 * id, so the table gives away no code even to someone who reads it, and equal codes look unequal.
 */
import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Keyring } from '../../platform/field-crypto.ts';
import type { SmsPurpose } from './provider.ts';
import { smsCodes } from './tables.ts';
import { CODE_TTL_MINUTES } from './texts.ts';

export const CODE_TTL_MS = CODE_TTL_MINUTES * 60_000;
export const MAX_ATTEMPTS = 5;

export const newCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

const hashCode = (keyring: Keyring, id: string, code: string) =>
  keyring.blindIndex('sms-code', `${id}:${code}`);

export function codeMatches(keyring: Keyring, row: { id: string; codeHash: string }, code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const given = Buffer.from(hashCode(keyring, row.id, code));
  const kept = Buffer.from(row.codeHash);
  return given.length === kept.length && timingSafeEqual(given, kept);
}

/** Keeps a new code for the number and purpose, replacing the one before (and its tries). */
export async function storeCode(
  ctx: AppContext,
  input: { phoneIndex: string; purpose: SmsPurpose; code: string },
): Promise<void> {
  const id = randomUUID();
  const now = ctx.clock.now();
  const fresh = {
    id,
    codeHash: hashCode(ctx.keyring, id, input.code),
    createdAt: now,
    expiresAt: new Date(now.getTime() + CODE_TTL_MS),
    attempts: 0,
    consumedAt: null,
  };
  await ctx.db
    .insert(smsCodes)
    .values({ ...fresh, phoneIndex: input.phoneIndex, purpose: input.purpose })
    .onConflictDoUpdate({ target: [smsCodes.phoneIndex, smsCodes.purpose], set: fresh });
}

export async function currentCode(db: Db, phoneIndex: string, purpose: SmsPurpose) {
  const [row] = await db
    .select()
    .from(smsCodes)
    .where(and(eq(smsCodes.phoneIndex, phoneIndex), eq(smsCodes.purpose, purpose)));
  return row;
}

/**
 * Takes one try from the code, atomically: false when it has none left or is consumed. Counting
 * the try before comparing keeps concurrent guesses within the limit.
 */
export async function claimAttempt(db: Db, id: string): Promise<boolean> {
  const rows = await db
    .update(smsCodes)
    .set({ attempts: sql`${smsCodes.attempts} + 1` })
    .where(and(eq(smsCodes.id, id), isNull(smsCodes.consumedAt), lt(smsCodes.attempts, MAX_ATTEMPTS)))
    .returning({ id: smsCodes.id });
  return rows.length > 0;
}

/** Marks the code used; of concurrent callers exactly one gets true. */
export async function consume(db: Db, clock: Clock, id: string): Promise<boolean> {
  const rows = await db
    .update(smsCodes)
    .set({ consumedAt: clock.now() })
    .where(and(eq(smsCodes.id, id), isNull(smsCodes.consumedAt)))
    .returning({ id: smsCodes.id });
  return rows.length > 0;
}

/** Deletes codes made more than a day ago (the declared retention); returns how many. */
export async function deleteExpiredCodes(db: Db, clock: Clock): Promise<number> {
  const before = new Date(clock.now().getTime() - 24 * 60 * 60 * 1000);
  const rows = await db.delete(smsCodes).where(lt(smsCodes.createdAt, before)).returning({ id: smsCodes.id });
  return rows.length;
}
