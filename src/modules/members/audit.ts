/**
 * The staff access log (privacy requirement 17). `logStaffAccess` is the one way in: callers log
 * before they hand out the data, so an access that could not be recorded does not happen. The
 * privacy capability builds the full audit trail on this table; keep this file small and general.
 */
import { and, desc, eq, lt } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { staffUsers } from '../staff/tables.ts';
import { staffAccessLog } from './tables.ts';

/** `<object>.<verb>`, e.g. `member.view`; new capabilities add their own objects and verbs. */
export type StaffAction = `${string}.${string}`;

export interface StaffAccessEntry {
  staffId: number;
  action: StaffAction;
  /** The member whose data was read or changed; absent for actions on no one in particular (a list). */
  targetUserId?: number | null;
  /** What the staff member typed to justify a sensitive action. */
  reason?: string | null;
  /** The HTTP request id, to find the request's log lines. */
  requestId?: string | null;
}

/** Appends one entry. Pass a transaction as `db` when the action itself writes, so both commit together. */
export async function logStaffAccess(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  entry: StaffAccessEntry,
  db: Db = ctx.db,
): Promise<void> {
  await db.insert(staffAccessLog).values({
    staffId: entry.staffId,
    action: entry.action,
    targetUserId: entry.targetUserId ?? null,
    reason: entry.reason ?? null,
    at: ctx.clock.now(),
    requestId: entry.requestId ?? null,
  });
}

export const ACCESS_LOG_PAGE = 50;

/** The log, newest first, keyset-paged by id; optionally only what concerns one member. */
export async function listStaffAccess(db: Db, query: { before?: number; userId?: number }) {
  const rows = await db
    .select({
      id: staffAccessLog.id,
      at: staffAccessLog.at,
      action: staffAccessLog.action,
      targetUserId: staffAccessLog.targetUserId,
      reason: staffAccessLog.reason,
      requestId: staffAccessLog.requestId,
      staffId: staffUsers.id,
      staffUsername: staffUsers.username,
      staffName: staffUsers.displayName,
    })
    .from(staffAccessLog)
    .innerJoin(staffUsers, eq(staffUsers.id, staffAccessLog.staffId))
    .where(
      and(
        query.before ? lt(staffAccessLog.id, query.before) : undefined,
        query.userId ? eq(staffAccessLog.targetUserId, query.userId) : undefined,
      ),
    )
    .orderBy(desc(staffAccessLog.id))
    .limit(ACCESS_LOG_PAGE + 1);
  const page = rows.slice(0, ACCESS_LOG_PAGE);
  return {
    items: page.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      staff: { id: r.staffId, username: r.staffUsername, displayName: r.staffName },
      action: r.action,
      targetUserId: r.targetUserId,
      reason: r.reason,
      requestId: r.requestId,
    })),
    nextCursor: rows.length > ACCESS_LOG_PAGE ? String(page.at(-1)!.id) : null,
  };
}
