/**
 * Member accounts: registration with an SMS code, sign-in by password or SMS code, password reset.
 * Phone numbers are found through their blind index and stored only encrypted. Sign-in answers the
 * same, after the same work, whether the phone is unknown or the password wrong.
 */
import { eq, inArray, type Placeholder, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { type Db, isUniqueViolation, preparedPerDatabase } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { dummyHash, hashPassword, verifyPassword } from '../../platform/passwords.ts';
import { recordRegistrationConsents } from '../consent/service.ts';
import { brands, tags } from '../content/tables.ts';
import { follows } from '../engagement/tables.ts';
import { keyForNewMember, wrappedKeyOf } from '../keys/member-keys.ts';
import { clear, clearing, enforce, hit, limitRowsJson, statesOf } from '../security/rate-limit.ts';
import { verifyCode } from '../sms/service.ts';
import { checkNewPassword } from './password-rules.ts';
import { checkRegistrationConsents } from './policy-version.ts';
import { presentMe, tagIdsOf } from './profile.ts';
import { createSession, type Device, newSession, revokeOtherSessions } from './sessions.ts';
import { memberSessions, users, userTags } from './tables.ts';

const PHONE_CONTEXT = 'users.phone';
const MINUTE = 60_000;

export const phoneIndexOf = (ctx: AppContext, e164: string) => ctx.keyring.blindIndex('phone', e164);

export async function findUserByPhone(ctx: AppContext, e164: string) {
  const [user] = await ctx.db
    .select()
    .from(users)
    .where(eq(users.phoneIndex, phoneIndexOf(ctx, e164)))
    .limit(1);
  return user;
}

export interface RegisterInput {
  phone: string;
  code: string;
  password: string;
  policyVersion: string;
  consents: Record<string, boolean>;
  tags?: string[];
  brands?: string[];
}

export async function register(ctx: AppContext, input: RegisterInput, device: Device) {
  await checkRegistrationConsents(ctx, input.policyVersion, input.consents);
  checkNewPassword(input.password);
  const tagIds = [...new Set(input.tags ?? [])];
  if (tagIds.length > 0) {
    const known = await ctx.db.select({ id: tags.id }).from(tags).where(inArray(tags.id, tagIds));
    const unknown = tagIds.filter((id) => !known.some((k) => k.id === id));
    if (unknown.length > 0) {
      throw new AppError('validation.failed', 'Some tags do not exist.', {
        errors: [{ path: 'body.tags', message: `unknown tag ids: ${unknown.join(', ')}` }],
      });
    }
  }
  const brandIds = [...new Set(input.brands ?? [])];
  if (brandIds.length > 0) {
    const known = await ctx.db.select({ id: brands.id }).from(brands).where(inArray(brands.id, brandIds));
    const unknown = brandIds.filter((id) => !known.some((k) => k.id === id));
    if (unknown.length > 0) {
      throw new AppError('validation.failed', 'Some brands do not exist.', {
        errors: [{ path: 'body.brands', message: `unknown brand ids: ${unknown.join(', ')}` }],
      });
    }
  }
  await verifyCode(ctx, { phone: input.phone, purpose: 'register', code: input.code });
  if (await findUserByPhone(ctx, input.phone)) {
    throw new AppError(
      'account.phone_taken',
      'This phone number already has an account: sign in or reset the password.',
    );
  }
  const userId = await createMember(ctx, {
    phone: input.phone,
    passwordHash: await hashPassword(input.password),
    policyVersion: input.policyVersion,
    consents: input.consents,
    tagIds,
    brandIds,
    ipRegion: device.ipRegion ?? null,
  });
  return { userId, token: await createSession(ctx.db, ctx.clock, userId, device) };
}

export interface NewMember {
  /** E.164, verified by an SMS code. */
  phone: string;
  passwordHash: string | null;
  policyVersion: string;
  consents: Record<string, boolean>;
  tagIds?: string[];
  /** Brands chosen at registration, followed from the start. */
  brandIds?: string[];
  nickname?: string | null;
  ipRegion?: string | null;
}

/**
 * Creates the account row with its phone encrypted, the consents (in the consent ledger) and tags,
 * in one transaction.
 * Used by registration and by the first third-party sign-in once a phone is bound.
 */
export async function createMember(ctx: AppContext, m: NewMember): Promise<number> {
  const now = ctx.clock.now();
  const dataKey = keyForNewMember(ctx);
  return ctx.db
    .transaction(async (tx) => {
      const [row] = await tx
        .insert(users)
        .values({
          phoneCiphertext: dataKey.cipher.encrypt(m.phone, PHONE_CONTEXT),
          phoneIndex: phoneIndexOf(ctx, m.phone),
          passwordHash: m.passwordHash,
          nickname: m.nickname ?? null,
          ipRegion: m.ipRegion ?? null,
          createdAt: now,
          updatedAt: now,
          lastLoginAt: now,
        })
        .returning({ id: users.id });
      await dataKey.store(tx as unknown as Db, row.id, now);
      // The consents go to the ledger with the policy in force and its hash (modules/consent); the
      // old registration_consents table is kept readable for accounts made before the ledger.
      await recordRegistrationConsents(ctx, tx, row.id, m.consents, m.ipRegion ?? null);
      const tagIds = m.tagIds ?? [];
      if (tagIds.length > 0)
        await tx.insert(userTags).values(tagIds.map((tagId) => ({ userId: row.id, tagId })));
      const brandIds = m.brandIds ?? [];
      if (brandIds.length > 0)
        await tx
          .insert(follows)
          .values(
            brandIds.map((id) => ({ userId: row.id, kind: 'brand' as const, targetId: id, createdAt: now })),
          );
      return row.id;
    })
    .catch((err: unknown) => {
      // Two registrations of one phone at the same moment: the unique blind index decides.
      if (isUniqueViolation(err))
        throw new AppError('account.phone_taken', 'This phone number already has an account.');
      throw err;
    });
}

/** Failed sign-ins: 5 per account in 15 minutes, then 20 per account per day; 50 per IP in 15 minutes. */
const LOGIN_LIMITS = [
  { prefix: 'login-fail:acct15m', limit: 5, windowMs: 15 * MINUTE },
  { prefix: 'login-fail:acct1d', limit: 20, windowMs: 24 * 60 * MINUTE },
  { prefix: 'login-fail:ip15m', limit: 50, windowMs: 15 * MINUTE },
] as const;

function loginLimits(ctx: AppContext, e164: string, ip: string) {
  const account = phoneIndexOf(ctx, e164);
  const address = ctx.keyring.blindIndex('ip', ip);
  return LOGIN_LIMITS.map(({ prefix, limit, windowMs }, i) => ({
    key: `${prefix}:${i < 2 ? account : address}`,
    limit,
    windowMs,
  }));
}

async function recordFailure(ctx: AppContext, limits: ReturnType<typeof loginLimits>, userId?: number) {
  const states = await Promise.all(limits.map((limit) => hit(ctx.db, ctx.clock, limit)));
  if (userId !== undefined && states.slice(0, 2).some((s) => s.hits === limits[states.indexOf(s)].limit)) {
    // Until the inbox exists, the lockout notice goes to the log (the user id only).
    ctx.log.warn({ event: 'account.locked', userId }, 'sign-in locked after repeated failures');
  }
}

/**
 * A password sign-in sends two statements, both prepared once per database: every statement is a
 * socket write, a reply to parse and (unprepared) a query to build on the event loop that readers
 * share, and sign-ins at full speed must not hold readers up (docs/performance.md).
 */
const signInRead = preparedPerDatabase((db: Db) =>
  db
    .select({
      user: users,
      tags: tagIdsOf,
      wrappedKey: wrappedKeyOf(users.id),
      limits: limitRowsJson(LOGIN_LIMITS.map((_, i) => sql.placeholder(`limit${i}`))),
    })
    .from(sql`(SELECT 1) AS one`)
    .leftJoin(users, eq(users.phoneIndex, sql.placeholder('phoneIndex')))
    .prepare('accounts_sign_in_read'),
);

/** The session, the account's last sign-in and region, and its failed-attempt counters cleared. */
const signInWrite = preparedPerDatabase((db: Db) => {
  const placeholders = <K extends string>(...names: K[]) =>
    Object.fromEntries(names.map((n) => [n, sql.placeholder(n)])) as unknown as Record<K, Placeholder>;
  const touched = db.$with('touched_user').as(
    db
      .update(users)
      .set({
        lastLoginAt: sql`${sql.placeholder('signedInAt')}::timestamptz`,
        ipRegion: sql`coalesce(${sql.placeholder('ipRegion')}, ${users.ipRegion})`,
      })
      .where(eq(users.id, sql.placeholder('userId')))
      .returning({ id: users.id }),
  );
  const cleared = clearing(db, [sql.placeholder('limit0'), sql.placeholder('limit1')]);
  return db
    .with(touched, cleared)
    .insert(memberSessions)
    .values(
      placeholders(
        'tokenHash',
        'id',
        'userId',
        'deviceName',
        'userAgent',
        'platform',
        'appVersion',
        'ipRegion',
        'createdAt',
        'lastSeenAt',
        'expiresAt',
      ),
    )
    .prepare('accounts_sign_in_write');
});

export async function loginWithPassword(
  ctx: AppContext,
  input: { phone: string; password: string },
  ip: string,
  device: Device,
) {
  const limits = loginLimits(ctx, input.phone, ip);
  const keys = Object.fromEntries(limits.map((l, i) => [`limit${i}`, l.key]));
  // The failed-attempt counters, the account and its tags in one round trip.
  const [read] = await signInRead(ctx.db).execute({ phoneIndex: phoneIndexOf(ctx, input.phone), ...keys });
  for (const state of statesOf(ctx.clock, limits, read.limits)) {
    enforce(state, 'Too many failed sign-ins. Wait before trying again.');
  }
  const { user } = read;
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), input.password);
  if (!user?.passwordHash || !ok || user.status !== 'active') {
    await recordFailure(ctx, limits, user?.id);
    throw new AppError('auth.invalid_credentials', 'The phone number or password is not correct.');
  }
  const { token, row } = await openSession(ctx, user.id, device, keys);
  // The answer comes from the row read above, as the sign-in has just written it.
  const me = await presentMe(
    ctx,
    { ...user, ipRegion: row.ipRegion ?? user.ipRegion },
    read.tags ?? [],
    read.wrappedKey,
  );
  return { userId: user.id, token, me };
}

export async function loginWithSms(ctx: AppContext, input: { phone: string; code: string }, device: Device) {
  await verifyCode(ctx, { phone: input.phone, purpose: 'login', code: input.code });
  const user = await findUserByPhone(ctx, input.phone);
  // A code is only ever sent for login to a registered phone; this covers a cancelled account.
  if (user?.status !== 'active')
    throw new AppError('auth.invalid_credentials', 'The phone number or code is not correct.');
  // Proof of the phone, as a password reset is: the account's failed-password counters end too.
  const keys = Object.fromEntries(loginLimits(ctx, input.phone, '').map((l, i) => [`limit${i}`, l.key]));
  return { userId: user.id, token: (await openSession(ctx, user.id, device, keys)).token };
}

/**
 * Opens the session of a sign-in with the prepared write: the session row, the account's last
 * sign-in and region, and the account's failed-password counters (`limit0`, `limit1`) cleared.
 */
async function openSession(ctx: AppContext, userId: number, device: Device, keys: Record<string, string>) {
  const session = newSession(userId, device, ctx.clock.now());
  const { row } = session;
  await signInWrite(ctx.db).execute({ ...row, signedInAt: row.createdAt.toISOString(), ...keys });
  return session;
}

/** A new password after an SMS code; every session of the account ends (it may have been stolen). */
export async function resetPassword(
  ctx: AppContext,
  input: { phone: string; code: string; newPassword: string },
) {
  checkNewPassword(input.newPassword, 'body.newPassword');
  await verifyCode(ctx, { phone: input.phone, purpose: 'reset-password', code: input.code });
  const user = await findUserByPhone(ctx, input.phone);
  if (!user) throw new AppError('sms.code_invalid');
  await ctx.db
    .update(users)
    .set({ passwordHash: await hashPassword(input.newPassword), updatedAt: ctx.clock.now() })
    .where(eq(users.id, user.id));
  await revokeOtherSessions(ctx.db, user.id);
  await clear(
    ctx.db,
    ...loginLimits(ctx, input.phone, '')
      .slice(0, 2)
      .map((l) => l.key),
  );
}

/** A password change while signed in: the other devices are signed out. */
export async function changePassword(
  ctx: AppContext,
  userId: number,
  currentSessionId: string,
  input: { currentPassword: string; newPassword: string },
) {
  checkNewPassword(input.newPassword, 'body.newPassword');
  const [user] = await ctx.db.select().from(users).where(eq(users.id, userId));
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError('auth.invalid_credentials', 'The current password is not correct.');
  }
  await ctx.db
    .update(users)
    .set({ passwordHash: await hashPassword(input.newPassword), updatedAt: ctx.clock.now() })
    .where(eq(users.id, userId));
  await revokeOtherSessions(ctx.db, userId, currentSessionId);
}
