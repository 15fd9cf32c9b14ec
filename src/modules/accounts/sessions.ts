/**
 * Member sessions: an opaque random token, stored only as its SHA-256, with the device it came
 * from. The same session serves the web app (ccm_session cookie) and API clients (bearer token).
 */
import { randomBytes } from 'node:crypto';
import { and, desc, eq, gt, ne, type Placeholder, type SQL, sql } from 'drizzle-orm';
import { type Db, preparedPerDatabase } from '../../db/client.ts';
import { hashToken, newToken } from '../../platform/auth.ts';
import type { Clock } from '../../platform/clock.ts';
import { guardianGateClosed } from '../guardian/gate.ts';
import { memberSessions, users } from './tables.ts';

export const SESSION_DAYS = 30;

export interface Device {
  userAgent?: string;
  deviceName?: string;
  platform?: string;
  appVersion?: string;
  ipRegion?: string | null;
}

export interface MemberPrincipal {
  userId: number;
  sessionId: string;
  tokenHash: string;
  /** A child's account awaiting a guardian (guardian/gate.ts), read with the session. */
  guardianGateClosed: boolean;
}

const clip = (s: string | undefined, n: number) => (s ? s.slice(0, n) : null);

/** Opens a session and returns its token. */
export async function createSession(db: Db, clock: Clock, userId: number, device: Device): Promise<string> {
  const { token, row } = newSession(userId, device, clock.now());
  await db.insert(memberSessions).values(row);
  return token;
}

/** A new session's token and the row that keeps it (the token itself is never stored). */
export function newSession(userId: number, device: Device, now: Date) {
  const token = newToken();
  return {
    token,
    row: {
      tokenHash: hashToken(token),
      id: randomBytes(9).toString('base64url'),
      userId,
      deviceName: clip(device.deviceName, 80),
      userAgent: clip(device.userAgent, 300),
      platform: clip(device.platform, 40),
      appVersion: clip(device.appVersion, 40),
      ipRegion: device.ipRegion ?? null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_DAYS * 86_400_000),
    },
  };
}

/**
 * The member behind a token, if the session is live and the account active, with the guardian
 * gate. Every signed-in request runs this: prepared once per database (no per-request build or
 * plan), and one read for all a member route needs to let the request in.
 */
const sessionByToken = preparedPerDatabase((db: Db) =>
  db
    .select({
      id: memberSessions.id,
      userId: memberSessions.userId,
      lastSeenAt: memberSessions.lastSeenAt,
      guardianGateClosed: guardianGateClosed,
    })
    .from(memberSessions)
    .innerJoin(users, eq(users.id, memberSessions.userId))
    .where(liveSessionOfToken())
    .limit(1)
    .prepare('member_session_by_token'),
);

/**
 * What makes a token a live session, for a statement over member_sessions joined to users: the
 * token's session, not expired, of an active account. By default the token hash and the time are
 * the placeholders `tokenHash` and `now` of a prepared statement; a statement that looks up many
 * tokens at once passes its own expressions. Every statement that finds a member by token uses it.
 */
export const liveSessionOfToken = (
  tokenHash: SQL | SQL.Aliased | Placeholder = sql.placeholder('tokenHash'),
  now: SQL = sql`${sql.placeholder('now')}::timestamptz`,
) =>
  and(eq(memberSessions.tokenHash, tokenHash), gt(memberSessions.expiresAt, now), eq(users.status, 'active'));

export async function memberForToken(
  db: Db,
  clock: Clock,
  token: string,
): Promise<MemberPrincipal | undefined> {
  const tokenHash = hashToken(token);
  const [row] = await sessionByToken(db).execute({ tokenHash, now: clock.now().toISOString() });
  if (!row) return undefined;
  // Last-seen is for the device list; a minute's precision spares a write per request.
  if (clock.now().getTime() - row.lastSeenAt.getTime() > 60_000) markSeen(db, tokenHash, clock.now());
  return { userId: row.userId, sessionId: row.id, tokenHash, guardianGateClosed: row.guardianGateClosed };
}

/**
 * For a caller that read the session itself (the personalised feed reads it with the member's
 * consent and list in one statement): records the use as memberForToken does.
 */
export function sessionUsed(db: Db, tokenHash: string, lastSeenAt: Date, now: Date): void {
  if (now.getTime() - lastSeenAt.getTime() > 60_000) markSeen(db, tokenHash, now);
}

/** Sessions seen since the last write, per database, written together a moment later. */
const seen = new WeakMap<Db, Map<string, Date>>();
const SEEN_FLUSH_MS = 2_000;

/**
 * Records that a session was used. Many members reading at once would each cost a write (and a
 * commit) on their first request of the minute; instead the sessions seen are written in one
 * statement every SEEN_FLUSH_MS. A crash loses at most those seconds of a device list's "last seen".
 */
function markSeen(db: Db, tokenHash: string, at: Date): void {
  let pending = seen.get(db);
  if (!pending) {
    pending = new Map();
    seen.set(db, pending);
  }
  if (pending.size === 0) setTimeout(() => void flushSeen(db), SEEN_FLUSH_MS).unref();
  pending.set(tokenHash, at);
}

/**
 * The most sessions one last-seen statement writes. Joined to a few hundred hashes, the planner
 * looks each session up by its key; given thousands, it read the whole sessions table into a
 * hash instead (a member feed under load sees thousands of sessions in SEEN_FLUSH_MS), a cost
 * that grows with every session ever made rather than with those seen.
 */
const SEEN_PER_STATEMENT = 400;

/** Writes the pending last-seen times now (the device list calls it, so it shows them). */
export async function flushSeen(db: Db): Promise<void> {
  const pending = seen.get(db);
  if (!pending || pending.size === 0) return;
  seen.set(db, new Map());
  const all = [...pending];
  try {
    for (let from = 0; from < all.length; from += SEEN_PER_STATEMENT) {
      const chunk = all.slice(from, from + SEEN_PER_STATEMENT);
      // Token hashes are hex digests: safe inside an array literal.
      const hashes = chunk.map(([hash]) => hash).join(',');
      const ats = chunk.map(([, at]) => `"${at.toISOString()}"`).join(',');
      await db.execute(sql`UPDATE ${memberSessions} AS s SET last_seen_at = v.at
        FROM unnest(${`{${hashes}}`}::text[], ${`{${ats}}`}::timestamptz[]) AS v(hash, at)
        WHERE s.token_hash = v.hash AND s.last_seen_at < v.at`);
    }
  } catch {
    // The database closed under the timer (shutdown, the end of a test): the times are only a hint.
  }
}

export async function listSessions(db: Db, clock: Clock, userId: number) {
  await flushSeen(db);
  return db
    .select({
      id: memberSessions.id,
      deviceName: memberSessions.deviceName,
      userAgent: memberSessions.userAgent,
      platform: memberSessions.platform,
      appVersion: memberSessions.appVersion,
      ipRegion: memberSessions.ipRegion,
      createdAt: memberSessions.createdAt,
      lastSeenAt: memberSessions.lastSeenAt,
    })
    .from(memberSessions)
    .where(and(eq(memberSessions.userId, userId), gt(memberSessions.expiresAt, clock.now())))
    .orderBy(desc(memberSessions.lastSeenAt));
}

/** Revokes one of the member's sessions; false when no such session is theirs. */
export async function revokeSession(db: Db, userId: number, sessionId: string): Promise<boolean> {
  const rows = await db
    .delete(memberSessions)
    .where(and(eq(memberSessions.userId, userId), eq(memberSessions.id, sessionId)))
    .returning({ id: memberSessions.id });
  return rows.length > 0;
}

/** Revokes every session of the member except `keep` (the current one), or all of them. */
export async function revokeOtherSessions(db: Db, userId: number, keep?: string): Promise<void> {
  await db
    .delete(memberSessions)
    .where(and(eq(memberSessions.userId, userId), keep ? ne(memberSessions.id, keep) : undefined));
}
