/**
 * Security incidents (PIPL art. 57, policy part V) and the notices sent about them, plus the one
 * row that says whether the service is ending (policy II.3, requirement 18 and part VII's 30 days).
 * An incident record describes an event, not a person; the people told of it are in
 * `incident_notices`, which hold nothing but a member's id and when they were told.
 */
import { bigint, boolean, index, integer, jsonb, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { ccmTable, notPersonal, personal, RETAIN } from '../../platform/personal-data.ts';
import { staffUsers } from '../staff/tables.ts';

export const INCIDENT_AUDIENCES = ['all', 'listed', 'announcement'] as const;
export type IncidentAudience = (typeof INCIDENT_AUDIENCES)[number];
export const INCIDENT_STATUSES = ['draft', 'notified', 'closed'] as const;

/** Text in both languages of the app, as the compliance officer wrote it. */
export interface Bilingual {
  zh: string;
  en: string;
}

const incidentText = (note: string) =>
  notPersonal(`${note}; written by staff about the event, never about a person`);

export const incidents = ccmTable(
  'incidents',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** INC-<year>-<n>: what an SMS can carry, and what a member quotes when they call. */
    reference: text('reference').notNull(),
    title: jsonb('title').$type<Bilingual>().notNull(),
    /** Category ids of personal-data.ts that the incident may have touched. */
    categories: jsonb('categories').$type<string[]>().notNull(),
    cause: jsonb('cause').$type<Bilingual>().notNull(),
    possibleHarm: jsonb('possible_harm').$type<Bilingual>().notNull(),
    measures: jsonb('measures').$type<Bilingual>().notNull(),
    advice: jsonb('advice').$type<Bilingual>().notNull(),
    contact: text('contact').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }),
    discoveredAt: timestamp('discovered_at', { withTimezone: true }).notNull(),
    audience: text('audience', { enum: INCIDENT_AUDIENCES }).notNull(),
    /** For the `listed` audience: the member ids affected, as the investigation found them. */
    affectedUserIds: jsonb('affected_user_ids').$type<number[]>().notNull().default([]),
    status: text('status', { enum: INCIDENT_STATUSES }).notNull().default('draft'),
    createdBy: bigint('created_by', { mode: 'number' })
      .notNull()
      .references(() => staffUsers.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
    /** Counts of the notice run, for the regulator report. */
    notifiedMembers: integer('notified_members').notNull().default(0),
    notifiedBySms: integer('notified_by_sms').notNull().default(0),
    notifiedGuardians: integer('notified_guardians').notNull().default(0),
  },
  {
    columns: {
      id: notPersonal('internal surrogate key'),
      reference: notPersonal(),
      title: incidentText('title'),
      categories: notPersonal('category ids, not values'),
      cause: incidentText('cause'),
      possibleHarm: incidentText('possible harm'),
      measures: incidentText('measures taken'),
      advice: incidentText('what people can do themselves'),
      contact: notPersonal('the company’s contact point for the incident'),
      occurredAt: notPersonal(),
      discoveredAt: notPersonal(),
      audience: notPersonal(),
      affectedUserIds: notPersonal(
        'member ids only; the notices table is the per-person record, erased members’ ids identify no one',
      ),
      status: notPersonal(),
      createdBy: notPersonal('the staff account that recorded the incident'),
      createdAt: notPersonal(),
      notifiedAt: notPersonal(),
      notifiedMembers: notPersonal('a count'),
      notifiedBySms: notPersonal('a count'),
      notifiedGuardians: notPersonal('a count'),
    },
  },
  (t) => [uniqueIndex('incidents_reference_idx').on(t.reference)],
);

const noticeRecord = personal({
  category: 'notice.record',
  purposes: ['legal-compliance'],
  legalBasis: 'legal-obligation',
  sensitive: false,
  retention: RETAIN.days(365 * 3, 'created'),
  erasure: {
    action: 'keep-legal-hold',
    reason: {
      zh: '证明已依法将安全事件告知受影响的个人（个人信息保护法第57条）；仅含账号编号与时间',
      en: 'proves that the people affected were told of a security incident (PIPL art. 57); holds only an account id and times',
    },
  },
});

/** One row per member told of an incident: in the app always, by SMS where a number was known. */
export const incidentNotices = ccmTable(
  'incident_notices',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    incidentId: bigint('incident_id', { mode: 'number' })
      .notNull()
      .references(() => incidents.id),
    // No foreign key: the proof of notice outlives an erased account.
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    /** True when the member is a child and the SMS went to the guardian (requirement 13). */
    viaGuardian: boolean('via_guardian').notNull().default(false),
    smsSent: boolean('sms_sent').notNull().default(false),
    notifiedAt: timestamp('notified_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  {
    subject: 'userId',
    retentionClock: { created: 'notifiedAt' },
    columns: {
      id: notPersonal(),
      incidentId: notPersonal(),
      userId: notPersonal('link to the data subject'),
      viaGuardian: noticeRecord,
      smsSent: noticeRecord,
      notifiedAt: noticeRecord,
      readAt: noticeRecord,
    },
  },
  (t) => [
    uniqueIndex('incident_notices_once_idx').on(t.incidentId, t.userId),
    index('incident_notices_user_idx').on(t.userId, t.id),
  ],
);

export const SERVICE_MODES = ['normal', 'ending'] as const;

/** A single row (id 1): whether the service is ending, when, and what the members were told. */
export const serviceStatus = ccmTable(
  'service_status',
  {
    id: integer('id').primaryKey(),
    mode: text('mode', { enum: SERVICE_MODES }).notNull(),
    announcedAt: timestamp('announced_at', { withTimezone: true }),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    message: jsonb('message').$type<Bilingual>(),
    /** Set when the final deletion has run. */
    endedAt: timestamp('ended_at', { withTimezone: true }),
    updatedBy: bigint('updated_by', { mode: 'number' }).references(() => staffUsers.id),
  },
  {
    columns: {
      id: notPersonal(),
      mode: notPersonal(),
      announcedAt: notPersonal(),
      endsAt: notPersonal(),
      message: notPersonal('the announcement, written by staff'),
      endedAt: notPersonal(),
      updatedBy: notPersonal('the staff account that announced or withdrew the end'),
    },
  },
);
