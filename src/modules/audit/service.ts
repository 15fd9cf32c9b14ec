/**
 * The staff access audit for compliance officers (privacy requirement 17, and 13 for children):
 * one list over both append-only logs — the staff access log (every console view of or action on
 * a member's data, written through members/audit.ts) and the children's data access log
 * (guardian/access-log.ts) — newest first, filtered by staff member, member and China dates.
 */
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { queryRows } from '../../db/client.ts';
import { addDays, chinaTime } from '../../platform/workdays.ts';
import { childDataAccessLog } from '../guardian/tables.ts';
import { logStaffAccess } from '../members/audit.ts';
import { staffAccessLog } from '../members/tables.ts';
import { staffUsers } from '../staff/tables.ts';

export const AUDIT_PAGE = 50;

export interface AuditQuery {
  staffId?: number;
  userId?: number;
  /** China dates, inclusive. */
  from?: string;
  to?: string;
  /** nextCursor of the previous page: "<ms>.<source>.<id>". */
  cursor?: string;
}

interface Row {
  source: 'staff' | 'child';
  id: number;
  at: Date | string;
  staff_id: number;
  username: string;
  display_name: string;
  target_user_id: number | null;
  action: string;
  reason: string | null;
  request_id: string | null;
}

/**
 * Reading the audit is itself recorded (`audit.view`, with the member filtered on, if any), so the
 * trail also shows who looked at whose trail.
 */
export async function listAudit(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  viewer: { staffId: number; requestId: string },
  query: AuditQuery,
) {
  await logStaffAccess(ctx, { ...viewer, action: 'audit.view', targetUserId: query.userId ?? null });
  const both = sql`
    SELECT 'staff' AS source, l.id, l.at, l.staff_id, l.target_user_id, l.action, l.reason, l.request_id
      FROM ${staffAccessLog} l
    UNION ALL
    SELECT 'child', c.id, c.at, c.staff_id, c.user_id, 'child.' || c.what, NULL, NULL
      FROM ${childDataAccessLog} c`;
  const conditions = [sql`TRUE`];
  if (query.staffId) conditions.push(sql`e.staff_id = ${query.staffId}`);
  if (query.userId) conditions.push(sql`e.target_user_id = ${query.userId}`);
  if (query.from) conditions.push(sql`e.at >= ${chinaTime(query.from, 0).toISOString()}::timestamptz`);
  if (query.to) conditions.push(sql`e.at < ${chinaTime(addDays(query.to, 1), 0).toISOString()}::timestamptz`);
  if (query.cursor) {
    const [ms, source, id] = query.cursor.split('.');
    conditions.push(
      sql`(e.at, e.source, e.id) < (${new Date(Number(ms)).toISOString()}::timestamptz, ${source}, ${Number(id)})`,
    );
  }
  const rows = await queryRows<Row>(
    ctx.db,
    sql`SELECT e.*, s.username, s.display_name
          FROM (${both}) e JOIN ${staffUsers} s ON s.id = e.staff_id
         WHERE ${sql.join(conditions, sql` AND `)}
         ORDER BY e.at DESC, e.source DESC, e.id DESC
         LIMIT ${AUDIT_PAGE + 1}`,
  );
  const page = rows.slice(0, AUDIT_PAGE);
  const at = (r: Row) => new Date(r.at);
  return {
    items: page.map((r) => ({
      source: r.source,
      id: Number(r.id),
      at: at(r).toISOString(),
      staff: { id: Number(r.staff_id), username: r.username, displayName: r.display_name },
      targetUserId: r.target_user_id === null ? null : Number(r.target_user_id),
      action: r.action,
      reason: r.reason,
      requestId: r.request_id,
      child: r.source === 'child',
    })),
    nextCursor:
      rows.length > AUDIT_PAGE
        ? `${at(page.at(-1)!).getTime()}.${page.at(-1)!.source}.${page.at(-1)!.id}`
        : null,
  };
}
