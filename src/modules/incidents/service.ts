/**
 * Security incidents (PIPL art. 57): a compliance officer records what happened, who may be
 * affected, and CCM tells each of them in the app and by SMS (a child's guardian instead of the
 * child), or publishes an announcement when telling each person is impossible. The notice run is
 * resumable: a member already told is never told twice, so a run cut short is simply run again.
 */
import { and, asc, desc, eq, gt, inArray, lt, ne, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { CATEGORIES } from '../../platform/personal-data.ts';
import { users } from '../accounts/tables.ts';
import { guardianConsents } from '../guardian/tables.ts';
import { memberCiphers } from '../keys/member-keys.ts';
import { deliver } from '../sms/delivery.ts';
import { serviceNoticeText } from '../sms/texts.ts';
import { type Bilingual, type IncidentAudience, incidentNotices, incidents } from './tables.ts';

export interface IncidentInput {
  title: Bilingual;
  categories: string[];
  cause: Bilingual;
  possibleHarm: Bilingual;
  measures: Bilingual;
  advice: Bilingual;
  contact: string;
  occurredAt?: Date | null;
  discoveredAt: Date;
  audience: IncidentAudience;
  affectedUserIds?: number[];
}

/** Members are walked in batches of this size: a large audience never holds one long transaction. */
const BATCH = 500;

function checkInput(input: IncidentInput) {
  const unknown = input.categories.filter((c) => !(c in CATEGORIES));
  if (unknown.length > 0 || input.categories.length === 0) {
    throw new AppError(
      'validation.failed',
      'Name at least one category of personal information, from the list.',
      {
        errors: [
          { path: 'body.categories', message: unknown.length ? `unknown: ${unknown.join(', ')}` : 'empty' },
        ],
      },
    );
  }
  if (input.audience === 'listed' && !(input.affectedUserIds?.length ?? 0)) {
    throw new AppError(
      'validation.failed',
      'List the members affected, or choose everyone or an announcement.',
      {
        errors: [{ path: 'body.affectedUserIds', message: 'required when the audience is "listed"' }],
      },
    );
  }
}

export async function createIncident(ctx: AppContext, staffId: number, input: IncidentInput) {
  checkInput(input);
  const now = ctx.clock.now();
  const year = now.getUTCFullYear();
  // The reference counts the year's incidents; the unique index settles a race, the retry finds the next.
  for (let attempt = 0; ; attempt++) {
    const [{ n }] = await ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(incidents)
      .where(sql`${incidents.reference} LIKE ${`INC-${year}-%`}`);
    const reference = `INC-${year}-${String(n + 1 + attempt).padStart(4, '0')}`;
    const rows = await ctx.db
      .insert(incidents)
      .values({
        ...input,
        occurredAt: input.occurredAt ?? null,
        affectedUserIds: input.audience === 'listed' ? [...new Set(input.affectedUserIds)] : [],
        reference,
        createdBy: staffId,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (rows[0]) return rows[0];
  }
}

export async function getIncident(ctx: AppContext, id: number) {
  const [row] = await ctx.db.select().from(incidents).where(eq(incidents.id, id));
  if (!row) throw new AppError('incident.not_found');
  return row;
}

export async function updateIncident(ctx: AppContext, id: number, input: IncidentInput) {
  checkInput(input);
  const current = await getIncident(ctx, id);
  if (current.status !== 'draft') throw new AppError('incident.already_notified');
  const [row] = await ctx.db
    .update(incidents)
    .set({
      ...input,
      occurredAt: input.occurredAt ?? null,
      affectedUserIds: input.audience === 'listed' ? [...new Set(input.affectedUserIds)] : [],
    })
    .where(and(eq(incidents.id, id), eq(incidents.status, 'draft')))
    .returning();
  if (!row) throw new AppError('incident.already_notified');
  return row;
}

export async function listIncidents(ctx: AppContext, opts: { before?: number; limit: number }) {
  const rows = await ctx.db
    .select()
    .from(incidents)
    .where(opts.before ? lt(incidents.id, opts.before) : undefined)
    .orderBy(desc(incidents.id))
    .limit(opts.limit + 1);
  return {
    items: rows.slice(0, opts.limit),
    next: rows.length > opts.limit ? rows[opts.limit - 1].id : undefined,
  };
}

/** Where to send an SMS about a member: their own phone, or a child's guardian's. */
export async function smsTargets(
  ctx: AppContext,
  batch: { id: number; ageGroup: string; phoneCiphertext: string | null }[],
) {
  const children = batch.filter((u) => u.ageGroup === 'child').map((u) => u.id);
  const guardianPhone = new Map<number, string>();
  if (children.length > 0) {
    // The latest granted decision names the guardian to tell.
    const rows = await ctx.db
      .select({ userId: guardianConsents.userId, phone: guardianConsents.guardianPhoneCiphertext })
      .from(guardianConsents)
      .where(and(inArray(guardianConsents.userId, children), eq(guardianConsents.decision, 'granted')))
      .orderBy(asc(guardianConsents.id));
    for (const r of rows) if (r.phone) guardianPhone.set(r.userId, r.phone);
  }
  const ciphers = await memberCiphers(
    ctx,
    batch.map((u) => u.id),
  );
  return batch.map((u) => {
    const cipher = ciphers.get(u.id)!;
    if (u.ageGroup === 'child') {
      const c = guardianPhone.get(u.id);
      return {
        userId: u.id,
        viaGuardian: true,
        to: c ? cipher.decrypt(c, 'guardian_consents.guardian_phone') : null,
      };
    }
    return {
      userId: u.id,
      viaGuardian: false,
      to: u.phoneCiphertext ? cipher.decrypt(u.phoneCiphertext, 'users.phone') : null,
    };
  });
}

/** Members who still have an account (all, or those of `only`), in batches, by id. */
export async function* memberBatches(ctx: AppContext, only?: number[]) {
  let after = 0;
  for (;;) {
    const batch = await ctx.db
      .select({ id: users.id, ageGroup: users.ageGroup, phoneCiphertext: users.phoneCiphertext })
      .from(users)
      .where(
        and(gt(users.id, after), ne(users.status, 'cancelled'), only ? inArray(users.id, only) : undefined),
      )
      .orderBy(asc(users.id))
      .limit(BATCH);
    if (batch.length === 0) return;
    after = batch[batch.length - 1].id;
    yield batch;
  }
}

/**
 * Tells everyone affected (or publishes the announcement) and marks the incident notified. Run
 * again after an interruption, it continues where it stopped.
 */
export async function notifyIncident(ctx: AppContext, id: number) {
  const incident = await getIncident(ctx, id);
  if (incident.status !== 'draft') throw new AppError('incident.already_notified');
  const now = ctx.clock.now();
  const signName = ctx.config.CCM_SMS_SIGN_NAME;
  let members = 0;
  let bySms = 0;
  let guardians = 0;
  if (incident.audience !== 'announcement') {
    const only = incident.audience === 'listed' ? incident.affectedUserIds : undefined;
    for await (const batch of memberBatches(ctx, only)) {
      const targets = await smsTargets(ctx, batch);
      const fresh = await ctx.db
        .insert(incidentNotices)
        .values(
          targets.map((t) => ({
            incidentId: id,
            userId: t.userId,
            viaGuardian: t.viaGuardian,
            smsSent: t.to !== null,
            notifiedAt: now,
          })),
        )
        .onConflictDoNothing()
        .returning({ userId: incidentNotices.userId });
      const told = new Set(fresh.map((f) => f.userId));
      for (const t of targets) {
        if (!told.has(t.userId)) continue;
        if (t.to) {
          const params = { reference: incident.reference, contact: incident.contact };
          await deliver(
            ctx.sms,
            {
              to: t.to,
              purpose: 'incident',
              kind: 'service-notice',
              code: '',
              params,
              text: serviceNoticeText(signName, 'incident', params),
            },
            ctx.log,
          );
        }
      }
    }
    // The counts come from the notices, so that a resumed run reports the whole of it.
    const [counts] = await ctx.db
      .select({
        members: sql<number>`count(*)::int`,
        bySms: sql<number>`count(*) FILTER (WHERE ${incidentNotices.smsSent})::int`,
        guardians: sql<number>`count(*) FILTER (WHERE ${incidentNotices.viaGuardian} AND ${incidentNotices.smsSent})::int`,
      })
      .from(incidentNotices)
      .where(eq(incidentNotices.incidentId, id));
    ({ members, bySms, guardians } = counts);
  }
  const [row] = await ctx.db
    .update(incidents)
    .set({
      status: 'notified',
      notifiedAt: now,
      notifiedMembers: members,
      notifiedBySms: bySms,
      notifiedGuardians: guardians,
    })
    .where(eq(incidents.id, id))
    .returning();
  ctx.log.warn(
    { event: 'incident.notified', incident: incident.reference, members, bySms, guardians },
    'the people affected by a security incident were told',
  );
  return row;
}

export async function closeIncident(ctx: AppContext, id: number) {
  const incident = await getIncident(ctx, id);
  if (incident.status === 'draft')
    throw new AppError('validation.failed', 'Tell the people affected before closing.');
  const [row] = await ctx.db
    .update(incidents)
    .set({ status: 'closed' })
    .where(eq(incidents.id, id))
    .returning();
  return row;
}

/** What people are told of an incident, in the app and in an announcement. */
const PUBLIC_TEXT = {
  reference: incidents.reference,
  title: incidents.title,
  categories: incidents.categories,
  cause: incidents.cause,
  possibleHarm: incidents.possibleHarm,
  measures: incidents.measures,
  advice: incidents.advice,
  contact: incidents.contact,
};

/** Category ids with their labels, for people to read. */
const labelled = <T extends { categories: string[] }>(row: T) => ({
  ...row,
  categories: row.categories
    .filter((id): id is keyof typeof CATEGORIES => id in CATEGORIES)
    .map((id) => ({ id, label: CATEGORIES[id] })),
});

/** What a member sees in the app: the incidents they were told of, newest first. */
export async function memberNotices(ctx: AppContext, userId: number) {
  const rows = await ctx.db
    .select({
      id: incidentNotices.id,
      ...PUBLIC_TEXT,
      viaGuardian: incidentNotices.viaGuardian,
      notifiedAt: incidentNotices.notifiedAt,
      readAt: incidentNotices.readAt,
    })
    .from(incidentNotices)
    .innerJoin(incidents, eq(incidents.id, incidentNotices.incidentId))
    .where(eq(incidentNotices.userId, userId))
    .orderBy(desc(incidentNotices.id))
    .limit(100);
  return rows.map(labelled);
}

export async function markNoticeRead(ctx: AppContext, userId: number, noticeId: number) {
  const rows = await ctx.db
    .update(incidentNotices)
    .set({ readAt: ctx.clock.now() })
    .where(and(eq(incidentNotices.id, noticeId), eq(incidentNotices.userId, userId)))
    .returning({ id: incidentNotices.id });
  if (rows.length === 0) throw new AppError('incident.not_found');
}

/** Incidents published as announcements, for everyone, signed in or not. */
export async function publicAnnouncements(ctx: AppContext) {
  const rows = await ctx.db
    .select({
      ...PUBLIC_TEXT,
      publishedAt: incidents.notifiedAt,
    })
    .from(incidents)
    .where(and(eq(incidents.audience, 'announcement'), ne(incidents.status, 'draft')))
    .orderBy(desc(incidents.notifiedAt))
    .limit(50);
  return rows.map(labelled);
}
