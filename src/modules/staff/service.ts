/** Console staff: accounts, password sign-in with lockout, and cookie sessions. */
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { StaffPrincipal } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { hashToken, newToken } from '../../platform/auth.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { dummyHash, hashPassword, verifyPassword } from '../../platform/passwords.ts';
import { type StaffRole, staffSessions, staffUsers } from './tables.ts';

export const STAFF_SESSION_HOURS = 12;
const MAX_FAILURES = 5;
const LOCK_MS = 15 * 60 * 1000;

export async function createStaff(
  db: Db,
  input: { username: string; displayName: string; role: StaffRole; password: string },
): Promise<number> {
  const [row] = await db
    .insert(staffUsers)
    .values({
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      passwordHash: await hashPassword(input.password),
    })
    .returning({ id: staffUsers.id });
  return row.id;
}

export async function setStaffPassword(db: Db, username: string, password: string): Promise<boolean> {
  const rows = await db
    .update(staffUsers)
    .set({ passwordHash: await hashPassword(password) })
    .where(eq(staffUsers.username, username))
    .returning({ id: staffUsers.id });
  if (rows.length > 0) await db.delete(staffSessions).where(eq(staffSessions.staffId, rows[0].id));
  return rows.length > 0;
}

/**
 * Failed sign-ins per username, in memory: after MAX_FAILURES the account is locked for LOCK_MS.
 * One instance's view; the accounts capability moves limits to Redis for several instances.
 */
const failures = new Map<string, { count: number; until: number }>();

export async function signIn(
  db: Db,
  clock: Clock,
  input: { username: string; password: string; ip: string; userAgent?: string },
): Promise<{ token: string; staff: Omit<StaffPrincipal, 'sessionHash'> }> {
  const key = input.username.toLowerCase();
  const now = clock.now().getTime();
  const state = failures.get(key);
  if (state && state.count >= MAX_FAILURES && state.until > now) {
    throw new AppError('rate_limited', 'Too many failed sign-ins. Try again later.', {
      headers: { 'retry-after': String(Math.ceil((state.until - now) / 1000)) },
    });
  }
  const [user] = await db.select().from(staffUsers).where(eq(staffUsers.username, input.username)).limit(1);
  // The same work whether or not the user exists, so timing does not reveal usernames.
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), input.password);
  if (!user || !ok || user.disabled) {
    const count = (state && state.until > now ? state.count : 0) + 1;
    failures.set(key, { count, until: now + LOCK_MS });
    throw new AppError('auth.invalid_credentials', 'The username or password is not correct.');
  }
  failures.delete(key);
  const token = newToken();
  await db.insert(staffSessions).values({
    tokenHash: hashToken(token),
    staffId: user.id,
    createdAt: clock.now(),
    lastSeenAt: clock.now(),
    expiresAt: new Date(now + STAFF_SESSION_HOURS * 3600 * 1000),
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 300),
  });
  await db.update(staffUsers).set({ lastLoginAt: clock.now() }).where(eq(staffUsers.id, user.id));
  return {
    token,
    staff: { id: user.id, username: user.username, displayName: user.displayName, role: user.role },
  };
}

export async function staffForToken(
  db: Db,
  clock: Clock,
  token: string,
): Promise<StaffPrincipal | undefined> {
  const tokenHash = hashToken(token);
  const [row] = await db
    .select({ s: staffSessions, u: staffUsers })
    .from(staffSessions)
    .innerJoin(staffUsers, eq(staffUsers.id, staffSessions.staffId))
    .where(and(eq(staffSessions.tokenHash, tokenHash), gt(staffSessions.expiresAt, clock.now())))
    .limit(1);
  if (!row || row.u.disabled) return undefined;
  if (clock.now().getTime() - row.s.lastSeenAt.getTime() > 60_000) {
    await db
      .update(staffSessions)
      .set({ lastSeenAt: clock.now() })
      .where(eq(staffSessions.tokenHash, tokenHash));
  }
  return {
    id: row.u.id,
    username: row.u.username,
    displayName: row.u.displayName,
    role: row.u.role,
    sessionHash: tokenHash,
  };
}

export async function signOut(db: Db, sessionHash: string): Promise<void> {
  await db.delete(staffSessions).where(eq(staffSessions.tokenHash, sessionHash));
}

export async function staffCount(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(staffUsers);
  return row.n;
}

/** Test hook: forget failed sign-ins. */
export function resetSignInFailures(): void {
  failures.clear();
}

/** Staff who can be named as an article's author (active accounts of the writing roles), by name. */
export async function listAuthors(db: Db): Promise<{ id: number; displayName: string }[]> {
  return db
    .select({ id: staffUsers.id, displayName: staffUsers.displayName })
    .from(staffUsers)
    .where(and(eq(staffUsers.disabled, false), inArray(staffUsers.role, ['admin', 'editor', 'contributor'])))
    .orderBy(staffUsers.displayName, staffUsers.id);
}

/** The display names of the given staff ids (for bylines and histories). */
export async function staffNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: staffUsers.id, displayName: staffUsers.displayName })
    .from(staffUsers)
    .where(inArray(staffUsers.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.displayName]));
}
