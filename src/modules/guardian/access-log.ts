/**
 * Staff access to children's data is logged (requirement 13): every console read of a child's
 * account calls childDataAccessed. The log is append-only: written here, read here, never changed.
 */
import { desc, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { queryRows } from '../../db/client.ts';
import { users } from '../accounts/tables.ts';
import { childDataAccessLog } from './tables.ts';

/** A kind of data ("profile", "profile.bio", "sessions"), never a value that could be personal. */
const WHAT = /^[a-z][a-z0-9._-]{0,59}$/;

/**
 * Records that a staff member read `what` of the account, when the account is a child's; answers
 * whether a row was written. Safe to call for any member: the age check and the insert are one
 * statement, so a read of an adult leaves nothing and a child is never missed.
 */
export async function childDataAccessed(
  ctx: AppContext,
  staffId: number,
  userId: number,
  what: string,
): Promise<boolean> {
  if (!WHAT.test(what)) throw new Error(`childDataAccessed: "what" must name a kind of data, like "profile"`);
  const rows = await queryRows<{ id: number }>(
    ctx.db,
    sql`INSERT INTO ${childDataAccessLog} (staff_id, user_id, what, at)
        SELECT ${staffId}, ${users.id}, ${what}, ${ctx.clock.now().toISOString()}::timestamptz
        FROM ${users} WHERE ${users.id} = ${userId} AND ${users.ageGroup} = 'child'
        RETURNING id`,
  );
  return rows.length > 0;
}

/** The log of one child's account, newest first (for the console and the child's data export). */
export async function childDataAccesses(ctx: AppContext, userId: number, limit = 100) {
  return ctx.db
    .select({
      staffId: childDataAccessLog.staffId,
      what: childDataAccessLog.what,
      at: childDataAccessLog.at,
    })
    .from(childDataAccessLog)
    .where(eq(childDataAccessLog.userId, userId))
    .orderBy(desc(childDataAccessLog.at), desc(childDataAccessLog.id))
    .limit(limit);
}
