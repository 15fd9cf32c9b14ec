/**
 * Per-member data keys (crypto-shredding). Each member has one random 256-bit data key, stored only
 * wrapped by the keyring's primary key (`member_keys`, AAD `member-key:<id>`). The member's
 * encrypted columns are sealed under it (`m1:<iv>.<ciphertext+tag>`, the column context as AAD).
 * Cancellation deletes the key row first: every copy of those columns, in a backup or anywhere
 * else, can no longer be read by anyone holding the keyring. Keyring rotation rewraps the data
 * keys (reencrypt.ts) instead of rewriting the columns.
 *
 * Values written before the data keys (`<keyId>.…`) keep decrypting through the keyring, and
 * `npm run keys -- reencrypt` moves them onto the member's key. Rows that belong to no member yet
 * (pending third-party sign-ins, SMS codes) stay under the keyring.
 *
 * Unwrapped keys are kept in a small in-process cache for a minute, so one request (or one page of
 * a batch job) costs at most one look-up; it only holds keys read from committed rows, and
 * destroying a key drops it. Keys never reach a log or an error message.
 */
import { randomBytes } from 'node:crypto';
import { inArray, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { AppContext } from '../../context.ts';
import { type Db, queryRows } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import {
  type FieldCipher,
  type Keyring,
  MEMBER_CIPHERTEXT,
  openWith,
  sealWith,
} from '../../platform/field-crypto.ts';
import { memberKeys } from './tables.ts';

export type KeyContext = Pick<AppContext, 'db' | 'keyring'>;

const TTL_MS = 60_000;
const MAX_CACHED = 10_000;

interface Cached {
  key: Buffer;
  until: number;
}
/** Per keyring (one per app), user id → unwrapped data key. */
const caches = new WeakMap<Keyring, Map<number, Cached>>();

function cacheOf(keyring: Keyring): Map<number, Cached> {
  let cache = caches.get(keyring);
  if (!cache) {
    cache = new Map();
    caches.set(keyring, cache);
  }
  return cache;
}

function cached(keyring: Keyring, userId: number): Buffer | undefined {
  const cache = cacheOf(keyring);
  const hit = cache.get(userId);
  if (!hit) return undefined;
  if (hit.until > Date.now()) return hit.key;
  cache.delete(userId);
  return undefined;
}

function remember(keyring: Keyring, userId: number, key: Buffer): void {
  const cache = cacheOf(keyring);
  cache.delete(userId);
  // A Map iterates in insertion order: the first entry is the oldest.
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as number);
  cache.set(userId, { key, until: Date.now() + TTL_MS });
}

/** Drops the app's cached keys (tests, and after a key is destroyed). */
export function forgetMemberKey(keyring: Keyring, userId?: number): void {
  if (userId === undefined) cacheOf(keyring).clear();
  else cacheOf(keyring).delete(userId);
}

/**
 * One member's cipher. It writes under the data key and reads both forms: member-key values with
 * the data key, older values with the keyring. Without a data key (none made yet, or destroyed) it
 * reads only the older values, and refuses to write.
 */
export class MemberCipher implements FieldCipher {
  constructor(
    readonly userId: number,
    private readonly keyring: Keyring,
    private readonly dataKey: Buffer | undefined,
  ) {}

  get hasKey(): boolean {
    return this.dataKey !== undefined;
  }

  encrypt(plaintext: string, context: string): string {
    if (!this.dataKey) throw new Error(`member ${this.userId} has no data key to encrypt with`);
    return `${MEMBER_CIPHERTEXT}${sealWith(this.dataKey, plaintext, context)}`;
  }

  decrypt(value: string, context: string): string {
    if (!value.startsWith(MEMBER_CIPHERTEXT)) return this.keyring.decrypt(value, context);
    if (!this.dataKey) throw new Error(`cannot decrypt: member ${this.userId} has no data key`);
    return openWith(this.dataKey, value.slice(MEMBER_CIPHERTEXT.length), context).toString('utf8');
  }
}

export const isMemberCiphertext = (value: string) => value.startsWith(MEMBER_CIPHERTEXT);

/** A fresh data key and its wrapped form, for a member whose row is written in the same transaction. */
export function newDataKey(keyring: Keyring, userId: number): { key: Buffer; wrapped: string } {
  const key = randomBytes(32);
  return { key, wrapped: keyring.wrapDataKey(userId, key) };
}

/**
 * The wrapped key of the member a query row is about, as a scalar subquery: select it beside the
 * row (`cipherFromRow`) so the read path costs no extra round trip.
 */
export const wrappedKeyOf = (userId: AnyPgColumn | SQL): SQL<string | null> =>
  sql<
    string | null
  >`(SELECT ${memberKeys.wrappedKey} FROM ${memberKeys} WHERE ${memberKeys.userId} = ${userId})`;

/** The cipher of a member from a wrapped key read with the row (null: the member has no key). */
export function cipherFromRow(ctx: KeyContext, userId: number, wrapped: string | null): MemberCipher {
  let key = cached(ctx.keyring, userId);
  if (!key && wrapped) {
    key = ctx.keyring.unwrapDataKey(userId, wrapped);
    remember(ctx.keyring, userId, key);
  }
  return new MemberCipher(userId, ctx.keyring, key);
}

export interface CipherOptions {
  /** The transaction to read (and create) the keys in; ctx.db by default. */
  db?: Db;
  /** Make a data key for members without one (to write); refused for a cancelled account. */
  create?: boolean;
}

/**
 * The ciphers of several members, with one query for those not cached (and one more to create the
 * missing keys when asked to). A member whose key cannot be made (cancelled) gets a keyless cipher.
 */
export async function memberCiphers(
  ctx: KeyContext,
  userIds: readonly number[],
  options: CipherOptions = {},
): Promise<Map<number, MemberCipher>> {
  const db = options.db ?? ctx.db;
  // Keys read inside a caller's transaction may yet be rolled back: only committed reads are cached.
  const committed = db === ctx.db;
  const keys = new Map<number, Buffer>();
  const missing: number[] = [];
  for (const id of new Set(userIds)) {
    const hit = cached(ctx.keyring, id);
    if (hit) keys.set(id, hit);
    else missing.push(id);
  }
  if (missing.length > 0) {
    const rows = await db
      .select({ userId: memberKeys.userId, wrapped: memberKeys.wrappedKey })
      .from(memberKeys)
      .where(inArray(memberKeys.userId, missing));
    for (const r of rows) {
      const key = ctx.keyring.unwrapDataKey(r.userId, r.wrapped);
      keys.set(r.userId, key);
      if (committed) remember(ctx.keyring, r.userId, key);
    }
    const toMake = missing.filter((id) => !keys.has(id));
    if (options.create && toMake.length > 0) {
      for (const [id, key] of await createKeys(ctx, db, toMake)) keys.set(id, key);
    }
  }
  return new Map(userIds.map((id) => [id, new MemberCipher(id, ctx.keyring, keys.get(id))]));
}

/** One member's cipher (see memberCiphers). */
export async function memberCipher(
  ctx: KeyContext,
  userId: number,
  options: CipherOptions = {},
): Promise<MemberCipher> {
  return (await memberCiphers(ctx, [userId], options)).get(userId)!;
}

/**
 * Inserts data keys for members that have none, only for accounts not cancelled; a key made at the
 * same moment by another transaction wins and is read back.
 */
async function createKeys(ctx: KeyContext, db: Db, userIds: number[]): Promise<Map<number, Buffer>> {
  const made = new Map(userIds.map((id) => [id, newDataKey(ctx.keyring, id)]));
  const values = sql.join(
    [...made].map(([id, k]) => sql`(${id}::bigint, ${k.wrapped})`),
    sql`, `,
  );
  const inserted = await queryRows<{ user_id: string | number }>(
    db,
    sql`INSERT INTO member_keys (user_id, wrapped_key, created_at)
        SELECT v.id, v.wrapped, now() FROM (VALUES ${values}) AS v(id, wrapped)
        JOIN users u ON u.id = v.id AND u.status <> 'cancelled'
        ON CONFLICT (user_id) DO NOTHING RETURNING user_id`,
  );
  const keys = new Map<number, Buffer>();
  for (const r of inserted) {
    const id = Number(r.user_id);
    keys.set(id, made.get(id)!.key);
  }
  const raced = userIds.filter((id) => !keys.has(id));
  if (raced.length > 0) {
    const rows = await db
      .select({ userId: memberKeys.userId, wrapped: memberKeys.wrappedKey })
      .from(memberKeys)
      .where(inArray(memberKeys.userId, raced));
    for (const r of rows) keys.set(r.userId, ctx.keyring.unwrapDataKey(r.userId, r.wrapped));
  }
  return keys;
}

/** The cipher to write a member's fields with; a cancelled account has none to write to. */
export async function writerFor(ctx: KeyContext, userId: number, db?: Db): Promise<MemberCipher> {
  const cipher = await memberCipher(ctx, userId, { db, create: true });
  if (!cipher.hasKey) throw new AppError('member.cancelled', 'This account is cancelled.');
  return cipher;
}

/**
 * Destroys the member's data key (crypto-shredding); answers the rows deleted (0 or 1). Runs in
 * the caller's transaction; the cached copy in this process is dropped at once.
 */
export async function destroyMemberKey(ctx: KeyContext, db: Db, userId: number): Promise<number> {
  forgetMemberKey(ctx.keyring, userId);
  const [{ n }] = await queryRows<{ n: number }>(
    db,
    sql`WITH d AS (DELETE FROM member_keys WHERE user_id = ${userId} RETURNING 1) SELECT count(*)::int AS n FROM d`,
  );
  return n;
}

/**
 * A data key for an account whose row is about to be inserted: encrypt its fields with `cipher`,
 * insert the row, then `store` the key under the new id in the same transaction.
 */
export function keyForNewMember(ctx: KeyContext) {
  const key = randomBytes(32);
  return {
    cipher: new MemberCipher(0, ctx.keyring, key),
    store: async (db: Db, userId: number, now: Date) => {
      await db
        .insert(memberKeys)
        .values({ userId, wrappedKey: ctx.keyring.wrapDataKey(userId, key), createdAt: now });
    },
  };
}
