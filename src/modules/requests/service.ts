/**
 * Rights requests: the member opens one, a support agent takes and answers it within 15 working
 * days. The due time is 18:00 China time on the 15th working day after the day of the request
 * (that day itself not counted), computed on the calendar_days calendar when the request is made
 * and kept on the row, so a later calendar edit never moves a deadline already promised.
 */
import { and, asc, count, desc, eq, gt, gte, inArray, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { maskPhone } from '../../platform/phone.ts';
import {
  addWorkingDays,
  type ChinaDate,
  chinaDateOf,
  chinaTime,
  type WorkCalendar,
  workingDaysBetween,
} from '../../platform/workdays.ts';
import { users } from '../accounts/tables.ts';
import { childDataAccessed } from '../guardian/access-log.ts';
import { memberCipher } from '../keys/member-keys.ts';
import { logStaffAccess } from '../members/audit.ts';
import type { StaffRole } from '../staff/tables.ts';
import { staffUsers } from '../staff/tables.ts';
import { loadCalendarAround } from './calendar.ts';
import {
  PENDING_STATUSES,
  type RequestChannel,
  type RequestStatus,
  type RequestType,
  rightsRequestEvents,
  rightsRequests,
} from './tables.ts';

/** Working days a request may take (privacy requirement 11). */
export const DUE_WORKING_DAYS = 15;
/** The hour, China time, at which the due day ends. */
export const DUE_HOUR = 18;
/** "Due soon" means due within this many working days. */
export const DUE_SOON_WORKING_DAYS = 3;
/** More requests than this in REPEAT_WINDOW_DAYS are flagged as repeated. */
export const REPEAT_LIMIT = 5;
export const REPEAT_WINDOW_DAYS = 30;
export const REQUESTS_PAGE = 30;

const DAY_MS = 86_400_000;
const PHONE_CONTEXT = 'users.phone';
const iso = (d: Date | null) => d?.toISOString() ?? null;

/** 18:00 China time on the 15th working day after `at`'s China date. */
export function dueAtFor(at: Date, calendar: WorkCalendar): Date {
  return chinaTime(addWorkingDays(chinaDateOf(at), DUE_WORKING_DAYS, calendar), DUE_HOUR);
}

/** Deadline figures for the console, at `now`. */
export function deadlineOf(dueAt: Date, status: RequestStatus, now: Date, calendar: WorkCalendar) {
  const pending = (PENDING_STATUSES as readonly string[]).includes(status);
  const overdue = pending && now.getTime() > dueAt.getTime();
  const left = overdue ? 0 : workingDaysBetween(chinaDateOf(now), chinaDateOf(dueAt), calendar);
  return {
    dueAt: dueAt.toISOString(),
    overdue,
    dueSoon: pending && !overdue && left <= DUE_SOON_WORKING_DAYS,
    workingDaysLeft: left,
  };
}

/** The latest due time that still counts as "due soon" now. */
function dueSoonLimit(now: Date, calendar: WorkCalendar): Date {
  return chinaTime(addWorkingDays(chinaDateOf(now), DUE_SOON_WORKING_DAYS, calendar), DUE_HOUR);
}

export async function openRequest(
  ctx: AppContext,
  userId: number,
  input: { type: RequestType; detail?: string },
  channel: RequestChannel = 'member',
): Promise<{ id: number; dueAt: string; repeated: boolean }> {
  const now = ctx.clock.now();
  const calendar = await loadCalendarAround(ctx.db, chinaDateOf(now));
  const dueAt = dueAtFor(now, calendar);
  return ctx.db.transaction(async (tx) => {
    // One member's requests are counted under a lock on their account row, so two at once
    // cannot both be counted as the first.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
    const [recent] = await tx
      .select({ n: count() })
      .from(rightsRequests)
      .where(
        and(
          eq(rightsRequests.userId, userId),
          gt(rightsRequests.createdAt, new Date(now.getTime() - REPEAT_WINDOW_DAYS * DAY_MS)),
        ),
      );
    const [duplicate] = await tx
      .select({ n: count() })
      .from(rightsRequests)
      .where(
        and(
          eq(rightsRequests.userId, userId),
          eq(rightsRequests.type, input.type),
          inArray(rightsRequests.status, PENDING_STATUSES),
        ),
      );
    const repeated = Number(recent.n) >= REPEAT_LIMIT || Number(duplicate.n) > 0;
    const [row] = await tx
      .insert(rightsRequests)
      .values({
        userId,
        type: input.type,
        detail: input.detail || null,
        channel,
        repeated,
        createdAt: now,
        dueAt,
      })
      .returning({ id: rightsRequests.id });
    await tx.insert(rightsRequestEvents).values({ requestId: row.id, action: 'opened', at: now });
    ctx.log.info(
      { event: 'request.opened', requestId: row.id, type: input.type, channel, repeated },
      'rights request opened',
    );
    return { id: row.id, dueAt: dueAt.toISOString(), repeated };
  });
}

const memberView = (r: typeof rightsRequests.$inferSelect) => ({
  id: r.id,
  type: r.type,
  channel: r.channel,
  status: r.status,
  detail: r.detail,
  createdAt: r.createdAt.toISOString(),
  dueAt: r.dueAt.toISOString(),
  answer: r.answer,
  refusalReason: r.refusalReason,
  answeredAt: iso(r.answeredAt),
});

export async function myRequests(ctx: AppContext, userId: number) {
  const rows = await ctx.db
    .select()
    .from(rightsRequests)
    .where(eq(rightsRequests.userId, userId))
    .orderBy(desc(rightsRequests.createdAt), desc(rightsRequests.id))
    .limit(200);
  return rows.map(memberView);
}

/** One of the member's own requests; another member's is "not found", never "forbidden". */
export async function myRequest(ctx: AppContext, userId: number, id: number) {
  const [row] = await ctx.db
    .select()
    .from(rightsRequests)
    .where(and(eq(rightsRequests.id, id), eq(rightsRequests.userId, userId)));
  if (!row) throw new AppError('request.not_found');
  return memberView(row);
}

// The console.

export interface Agent {
  staffId: number;
  role: StaffRole;
  requestId: string;
}

const assignee = { id: staffUsers.id, displayName: staffUsers.displayName };

function consoleItem(
  r: typeof rightsRequests.$inferSelect,
  staff: { id: number; displayName: string } | null,
  now: Date,
  calendar: WorkCalendar,
) {
  return {
    id: r.id,
    userId: r.userId,
    type: r.type,
    channel: r.channel,
    status: r.status,
    repeated: r.repeated,
    createdAt: r.createdAt.toISOString(),
    assignedTo: staff?.id ? staff : null,
    ...deadlineOf(r.dueAt, r.status, now, calendar),
  };
}

const cursorOf = (r: { dueAt: Date; id: number }) => `${r.dueAt.getTime()}.${r.id}`;

export async function listRequests(
  ctx: AppContext,
  agent: Agent,
  query: { status?: RequestStatus; type?: RequestType; due?: 'soon' | 'overdue'; cursor?: string },
) {
  await logStaffAccess(ctx, { staffId: agent.staffId, requestId: agent.requestId, action: 'request.list' });
  const now = ctx.clock.now();
  const calendar = await loadCalendarAround(ctx.db, chinaDateOf(now));
  const pending = inArray(rightsRequests.status, PENDING_STATUSES);
  let due: SQL | undefined;
  if (query.due === 'overdue') due = and(pending, lt(rightsRequests.dueAt, now));
  if (query.due === 'soon') {
    due = and(
      pending,
      gte(rightsRequests.dueAt, now),
      lte(rightsRequests.dueAt, dueSoonLimit(now, calendar)),
    );
  }
  let after: SQL | undefined;
  if (query.cursor) {
    const [ms, id] = query.cursor.split('.').map(Number);
    const at = new Date(ms);
    after = or(gt(rightsRequests.dueAt, at), and(eq(rightsRequests.dueAt, at), gt(rightsRequests.id, id)));
  }
  const rows = await ctx.db
    .select({ r: rightsRequests, staff: assignee })
    .from(rightsRequests)
    .leftJoin(staffUsers, eq(staffUsers.id, rightsRequests.assignedTo))
    .where(
      and(
        query.status ? eq(rightsRequests.status, query.status) : undefined,
        query.type ? eq(rightsRequests.type, query.type) : undefined,
        due,
        after,
      ),
    )
    .orderBy(asc(rightsRequests.dueAt), asc(rightsRequests.id))
    .limit(REQUESTS_PAGE + 1);
  const page = rows.slice(0, REQUESTS_PAGE);
  return {
    items: page.map(({ r, staff }) => consoleItem(r, staff, now, calendar)),
    nextCursor: rows.length > REQUESTS_PAGE ? cursorOf(page.at(-1)!.r) : null,
  };
}

export async function requestSummary(ctx: AppContext) {
  const now = ctx.clock.now();
  const calendar = await loadCalendarAround(ctx.db, chinaDateOf(now));
  const [row] = await ctx.db
    .select({
      pending: count(),
      dueSoon: sql<number>`count(*) filter (where ${rightsRequests.dueAt} >= ${now.toISOString()}::timestamptz and ${rightsRequests.dueAt} <= ${dueSoonLimit(now, calendar).toISOString()}::timestamptz)`,
      overdue: sql<number>`count(*) filter (where ${rightsRequests.dueAt} < ${now.toISOString()}::timestamptz)`,
    })
    .from(rightsRequests)
    .where(inArray(rightsRequests.status, PENDING_STATUSES));
  return { pending: Number(row.pending), dueSoon: Number(row.dueSoon), overdue: Number(row.overdue) };
}

/** Roles that may handle a child's request (the elevated permission of requirement 13). */
export const CHILD_DATA_ROLES: readonly StaffRole[] = ['compliance', 'admin'];

/** The request, after checking that the agent may see its member's data. */
async function findRequest(ctx: AppContext, agent: Agent, id: number) {
  const [found] = await ctx.db
    .select({ r: rightsRequests, ageGroup: users.ageGroup })
    .from(rightsRequests)
    .innerJoin(users, eq(users.id, rightsRequests.userId))
    .where(eq(rightsRequests.id, id));
  if (!found) throw new AppError('request.not_found');
  if (found.ageGroup === 'child' && !CHILD_DATA_ROLES.includes(agent.role)) {
    throw new AppError('auth.forbidden', 'A child’s request is handled by a compliance officer.');
  }
  return found.r;
}

/**
 * Opening a request shows the member's data (what they wrote, their nickname and masked phone),
 * so it is recorded in the staff access log first, and in the children's log for a child.
 */
export async function requestDetail(ctx: AppContext, agent: Agent, id: number) {
  const request = await findRequest(ctx, agent, id);
  await logStaffAccess(ctx, {
    staffId: agent.staffId,
    requestId: agent.requestId,
    action: 'request.view',
    targetUserId: request.userId,
  });
  await childDataAccessed(ctx, agent.staffId, request.userId, 'rights-request');
  const now = ctx.clock.now();
  const [calendar, [member], [recent], history, [staff]] = await Promise.all([
    loadCalendarAround(ctx.db, chinaDateOf(now)),
    ctx.db
      .select({
        id: users.id,
        nickname: users.nickname,
        phoneCiphertext: users.phoneCiphertext,
        status: users.status,
        ageGroup: users.ageGroup,
      })
      .from(users)
      .where(eq(users.id, request.userId)),
    ctx.db
      .select({ n: count() })
      .from(rightsRequests)
      .where(
        and(
          eq(rightsRequests.userId, request.userId),
          gt(rightsRequests.createdAt, new Date(now.getTime() - REPEAT_WINDOW_DAYS * DAY_MS)),
        ),
      ),
    ctx.db
      .select({ action: rightsRequestEvents.action, at: rightsRequestEvents.at, staff: assignee })
      .from(rightsRequestEvents)
      .leftJoin(staffUsers, eq(staffUsers.id, rightsRequestEvents.staffId))
      .where(eq(rightsRequestEvents.requestId, id))
      .orderBy(asc(rightsRequestEvents.id)),
    request.assignedTo
      ? ctx.db.select(assignee).from(staffUsers).where(eq(staffUsers.id, request.assignedTo))
      : Promise.resolve([null]),
  ]);
  return {
    ...consoleItem(request, staff ?? null, now, calendar),
    detail: request.detail,
    answer: request.answer,
    refusalReason: request.refusalReason,
    answeredAt: iso(request.answeredAt),
    member: {
      id: member.id,
      nickname: member.nickname,
      phone: member.phoneCiphertext
        ? maskPhone((await memberCipher(ctx, member.id)).decrypt(member.phoneCiphertext, PHONE_CONTEXT))
        : null,
      status: member.status,
      ageGroup: member.ageGroup,
      requestsLast30Days: Number(recent.n),
    },
    history: history.map((h) => ({
      action: h.action,
      at: h.at.toISOString(),
      staff: h.staff?.id ? h.staff : null,
    })),
  };
}

/** The agent takes the request: it moves to in-progress (or changes hands while in progress). */
export async function assignToSelf(ctx: AppContext, agent: Agent, id: number) {
  await findRequest(ctx, agent, id);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const changed = await tx
      .update(rightsRequests)
      .set({ status: 'in-progress', assignedTo: agent.staffId })
      .where(and(eq(rightsRequests.id, id), inArray(rightsRequests.status, PENDING_STATUSES)))
      .returning({ userId: rightsRequests.userId });
    if (changed.length === 0) {
      await closedOrMissing(tx, id);
    }
    await tx
      .insert(rightsRequestEvents)
      .values({ requestId: id, action: 'assigned', staffId: agent.staffId, at: now });
    await logStaffAccess(
      ctx,
      {
        staffId: agent.staffId,
        requestId: agent.requestId,
        action: 'request.assign',
        targetUserId: changed[0].userId,
      },
      tx,
    );
  });
  return requestDetail(ctx, agent, id);
}

async function closedOrMissing(tx: Pick<AppContext['db'], 'select'>, id: number): Promise<never> {
  const [row] = await tx
    .select({ id: rightsRequests.id })
    .from(rightsRequests)
    .where(eq(rightsRequests.id, id));
  throw row ? new AppError('request.closed') : new AppError('request.not_found');
}

/** Done with an answer, or refused with the reason; either is final and the member sees it. */
export async function answerRequest(
  ctx: AppContext,
  agent: Agent,
  id: number,
  body: { outcome: 'done' | 'refused'; answer?: string; reason?: string },
) {
  await findRequest(ctx, agent, id);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const changed = await tx
      .update(rightsRequests)
      .set({
        status: body.outcome,
        answer: body.outcome === 'done' ? body.answer! : (body.answer ?? null),
        refusalReason: body.outcome === 'refused' ? body.reason! : null,
        answeredAt: now,
        assignedTo: sql`coalesce(${rightsRequests.assignedTo}, ${agent.staffId})`,
      })
      .where(and(eq(rightsRequests.id, id), inArray(rightsRequests.status, PENDING_STATUSES)))
      .returning({ userId: rightsRequests.userId });
    if (changed.length === 0) await closedOrMissing(tx, id);
    await tx.insert(rightsRequestEvents).values({
      requestId: id,
      action: body.outcome === 'done' ? 'answered' : 'refused',
      staffId: agent.staffId,
      at: now,
    });
    await logStaffAccess(
      ctx,
      {
        staffId: agent.staffId,
        requestId: agent.requestId,
        action: body.outcome === 'done' ? 'request.answer' : 'request.refuse',
        targetUserId: changed[0].userId,
      },
      tx,
    );
  });
  ctx.log.info({ event: 'request.closed', requestId: id, outcome: body.outcome }, 'rights request answered');
  return requestDetail(ctx, agent, id);
}

export interface ReminderReport {
  date: ChinaDate;
  reminded: number;
  overdue: number;
}

/**
 * The daily pass: a reminder event for each pending request due within 3 working days (once a
 * China day), and an "overdue" event the first time one is found past its due time. Logs counts only.
 */
export async function remindRequests(ctx: Pick<AppContext, 'db' | 'clock' | 'log'>): Promise<ReminderReport> {
  const now = ctx.clock.now();
  const today = chinaDateOf(now);
  const calendar = await loadCalendarAround(ctx.db, today);
  const startOfToday = chinaTime(today, 0);
  const pending = inArray(rightsRequests.status, PENDING_STATUSES);
  const report = await ctx.db.transaction(async (tx) => {
    const reminded = await tx
      .update(rightsRequests)
      .set({ remindedAt: now })
      .where(
        and(
          pending,
          gte(rightsRequests.dueAt, now),
          lte(rightsRequests.dueAt, dueSoonLimit(now, calendar)),
          or(sql`${rightsRequests.remindedAt} IS NULL`, lt(rightsRequests.remindedAt, startOfToday)),
        ),
      )
      .returning({ id: rightsRequests.id });
    const overdue = await tx
      .update(rightsRequests)
      .set({ overdueAt: now })
      .where(and(pending, lt(rightsRequests.dueAt, now), sql`${rightsRequests.overdueAt} IS NULL`))
      .returning({ id: rightsRequests.id });
    const events = [
      ...reminded.map((r) => ({ requestId: r.id, action: 'reminded' as const, at: now })),
      ...overdue.map((r) => ({ requestId: r.id, action: 'overdue' as const, at: now })),
    ];
    if (events.length) await tx.insert(rightsRequestEvents).values(events);
    return { date: today, reminded: reminded.length, overdue: overdue.length };
  });
  ctx.log.info({ event: 'requests.reminders', ...report }, 'rights request reminders recorded');
  return report;
}
