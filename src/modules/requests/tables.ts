/**
 * Rights requests (privacy requirements 10–12): a member asks for access, correction, deletion,
 * an explanation of the processing rules, or complains; support agents answer within 15 working
 * days of the Chinese calendar, which is itself data here (calendar_days).
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, text, timestamp } from 'drizzle-orm/pg-core';
import { ccmTable, notPersonal, personal, RETAIN } from '../../platform/personal-data.ts';
import { users } from '../accounts/tables.ts';
import { staffUsers } from '../staff/tables.ts';

export const REQUEST_TYPES = ['access', 'correction', 'deletion', 'explanation', 'complaint'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];
/** Who opened the request: the member, or a child's guardian on the child's behalf (guardian/access.ts). */
export const REQUEST_CHANNELS = ['member', 'guardian'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];
export const REQUEST_STATUSES = ['open', 'in-progress', 'done', 'refused'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
/** Still waiting for an answer: counts towards "due soon" and "overdue". */
export const PENDING_STATUSES = ['open', 'in-progress'] as const satisfies readonly RequestStatus[];

export const CALENDAR_KINDS = ['holiday', 'workday'] as const;

/** Public holidays and make-up working days; the rest of the year follows Monday to Friday. */
export const calendarDays = ccmTable(
  'calendar_days',
  {
    date: date('date', { mode: 'string' }).primaryKey(),
    kind: text('kind', { enum: CALENDAR_KINDS }).notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    note: text('note'),
    /** Seeded from the statutory dates before the State Council published the year's schedule. */
    provisional: boolean('provisional').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  {
    columns: {
      date: notPersonal('a calendar date'),
      kind: notPersonal(),
      nameZh: notPersonal('the holiday’s name'),
      nameEn: notPersonal('the holiday’s name'),
      note: notPersonal('an operator’s note about the schedule'),
      provisional: notPersonal(),
      updatedAt: notPersonal(),
    },
  },
);

const requestText = (note: string) =>
  personal({
    category: 'content.user-generated',
    purposes: ['legal-compliance'],
    legalBasis: 'legal-obligation',
    sensitive: false,
    retention: RETAIN.days(365 * 3, 'created'),
    erasure: { action: 'delete' },
    note,
  });

const handler = (note: string) =>
  personal({
    category: 'staff.identity',
    purposes: ['legal-compliance', 'staff-administration'],
    legalBasis: 'legal-obligation',
    sensitive: false,
    retention: RETAIN.days(365 * 3, 'created'),
    erasure: { action: 'delete' },
    note,
  });

export const rightsRequests = ccmTable(
  'rights_requests',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type', { enum: REQUEST_TYPES }).notNull(),
    status: text('status', { enum: REQUEST_STATUSES }).notNull().default('open'),
    detail: text('detail'),
    channel: text('channel', { enum: REQUEST_CHANNELS }).notNull().default('member'),
    /** Beyond the reasonable rate, or a duplicate of an open request of the same type. */
    repeated: boolean('repeated').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    assignedTo: bigint('assigned_to', { mode: 'number' }).references(() => staffUsers.id),
    answer: text('answer'),
    refusalReason: text('refusal_reason'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    /** The last reminder the daily job recorded (one a day at most). */
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    /** When the daily job first found the request past its due time unanswered. */
    overdueAt: timestamp('overdue_at', { withTimezone: true }),
  },
  {
    subject: 'userId',
    columns: {
      id: notPersonal(),
      userId: notPersonal('link to the data subject'),
      type: notPersonal('which right the member exercises'),
      status: notPersonal(),
      detail: requestText('what the member wrote; may describe or quote their own personal information'),
      channel: notPersonal('who opened it: the member, or their guardian on a child’s behalf'),
      repeated: notPersonal('a flag for the agent, computed from counts'),
      createdAt: notPersonal(),
      dueAt: notPersonal(),
      assignedTo: handler('the support agent handling the request'),
      answer: requestText('the answer written to the member; may quote their personal information'),
      refusalReason: requestText('why the request was refused, as told to the member'),
      answeredAt: notPersonal(),
      remindedAt: notPersonal(),
      overdueAt: notPersonal(),
    },
  },
  (t) => [
    index('rights_requests_user_idx').on(t.userId, t.createdAt),
    index('rights_requests_due_idx').on(t.dueAt, t.id),
    check(
      'rights_requests_refusal_has_reason',
      sql`${t.status} <> 'refused' OR ${t.refusalReason} IS NOT NULL`,
    ),
  ],
);

export const REQUEST_ACTIONS = ['opened', 'assigned', 'answered', 'refused', 'reminded', 'overdue'] as const;

/** What happened to a request, in order; the text itself stays on the request. */
export const rightsRequestEvents = ccmTable(
  'rights_request_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    requestId: bigint('request_id', { mode: 'number' })
      .notNull()
      .references(() => rightsRequests.id, { onDelete: 'cascade' }),
    action: text('action', { enum: REQUEST_ACTIONS }).notNull(),
    /** The agent who acted; null for the member (opened) and the daily job (reminded, overdue). */
    staffId: bigint('staff_id', { mode: 'number' }).references(() => staffUsers.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  {
    retentionClock: { created: 'at' },
    columns: {
      id: notPersonal(),
      requestId: notPersonal('the request; its member is found through it'),
      action: notPersonal(),
      staffId: handler('the agent who acted'),
      at: notPersonal(),
    },
  },
  (t) => [index('rights_request_events_request_idx').on(t.requestId, t.id)],
);
