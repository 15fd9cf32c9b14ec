/**
 * Guardian consent for children under 14 (requirement 13): the pending request to a guardian's
 * phone, the ledger of the guardians' decisions, and the log of staff reads of children's data.
 *
 * The ledger and the access log are append-only: this module exports inserts and reads of them,
 * never an update or a delete, and they reference the account without ON DELETE CASCADE, because
 * they are the proof that processing was lawful and that staff access was recorded.
 */
import { bigint, index, text, timestamp } from 'drizzle-orm/pg-core';
import {
  ccmTable,
  notPersonal,
  type PersonalDeclaration,
  personal,
  RETAIN,
} from '../../platform/personal-data.ts';
import { users } from '../accounts/tables.ts';
import { staffUsers } from '../staff/tables.ts';

export const GUARDIAN_DECISIONS = ['granted', 'refused'] as const;
export type GuardianDecision = (typeof GUARDIAN_DECISIONS)[number];

/** What the web app shows: no guardian asked yet, a code sent, consent given, consent refused. */
export const GUARDIAN_STATUSES = ['none', 'pending', 'granted', 'refused'] as const;
export type GuardianStatus = (typeof GUARDIAN_STATUSES)[number];

/** Kept as long as the law asks for proof of consent, then erased with the rest. */
const LEGAL_HOLD = {
  action: 'keep-legal-hold',
  reason: {
    zh: '监护人同意记录须留存以证明处理儿童个人信息合法',
    en: 'guardian consent records prove that processing a child’s data was lawful',
  },
} as const;

/** The guardian's phone: it relates to a child, so it is sensitive (PIPL art. 28) and encrypted. */
const guardianPhone = (over: Partial<PersonalDeclaration>) =>
  personal({
    category: 'contact.phone',
    purposes: ['account', 'legal-compliance'],
    legalBasis: 'legal-obligation',
    sensitive: true,
    retention: RETAIN.accountLifetime,
    erasure: { action: 'delete' },
    ...over,
  });

/** One open request per child: the guardian's phone that was sent a code, until a decision. */
export const guardianRequests = ccmTable(
  'guardian_requests',
  {
    userId: bigint('user_id', { mode: 'number' })
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    guardianPhoneCiphertext: text('guardian_phone_ciphertext').notNull(),
    guardianPhoneIndex: text('guardian_phone_index').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
  },
  {
    retentionClock: { created: 'requestedAt' },
    subject: 'userId',
    columns: {
      userId: notPersonal('link to the data subject (the child)'),
      guardianPhoneCiphertext: guardianPhone({
        encrypted: 'guardian_requests.guardian_phone',
        retention: RETAIN.days(30, 'created'),
        note: 'AES-256-GCM; the number a guardian code was sent to; removed at the decision',
      }),
      guardianPhoneIndex: guardianPhone({
        retention: RETAIN.days(30, 'created'),
        note: 'keyed HMAC of the number',
      }),
      requestedAt: notPersonal(),
    },
  },
);

/** Every decision of a guardian, granted or refused (a withdrawal is a refusal), never rewritten. */
export const guardianConsents = ccmTable(
  'guardian_consents',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id),
    decision: text('decision', { enum: GUARDIAN_DECISIONS }).notNull(),
    guardianPhoneIndex: text('guardian_phone_index').notNull(),
    guardianPhoneCiphertext: text('guardian_phone_ciphertext'),
    noticeVersion: text('notice_version').notNull(),
    noticeHash: text('notice_hash').notNull(),
    channel: text('channel').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
  },
  {
    subject: 'userId',
    columns: {
      id: notPersonal(),
      userId: notPersonal('link to the data subject (the child)'),
      decision: personal({
        category: 'consent.record',
        purposes: ['legal-compliance'],
        legalBasis: 'legal-obligation',
        sensitive: true,
        retention: RETAIN.days(365 * 3, 'account-closed'),
        erasure: LEGAL_HOLD,
      }),
      guardianPhoneIndex: guardianPhone({
        retention: RETAIN.days(365 * 3, 'account-closed'),
        erasure: LEGAL_HOLD,
        note: 'who consented: keyed HMAC of the guardian’s number (same domain as account phones)',
      }),
      guardianPhoneCiphertext: guardianPhone({
        encrypted: 'guardian_consents.guardian_phone',
        note: 'AES-256-GCM; kept while the account exists so guardians can be told of incidents',
      }),
      noticeVersion: notPersonal(),
      noticeHash: notPersonal('content hash of the notice the guardian was shown'),
      channel: notPersonal(),
      decidedAt: notPersonal(),
    },
  },
  (t) => [index('guardian_consents_user_idx').on(t.userId, t.id)],
);

/** Every staff read of a child's data (requirement 13: staff access is logged). */
export const childDataAccessLog = ccmTable(
  'child_data_access_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    staffId: bigint('staff_id', { mode: 'number' })
      .notNull()
      .references(() => staffUsers.id),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id),
    what: text('what').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  {
    retentionClock: { created: 'at' },
    subject: 'userId',
    columns: {
      id: notPersonal(),
      staffId: personal({
        category: 'staff.identity',
        purposes: ['legal-compliance', 'staff-administration'],
        legalBasis: 'legal-obligation',
        sensitive: false,
        retention: RETAIN.days(365 * 3, 'created'),
        erasure: {
          action: 'keep-legal-hold',
          reason: {
            zh: '工作人员访问儿童个人信息的记录须留存以备核查',
            en: 'records of staff access to children’s data are kept for audit',
          },
        },
      }),
      userId: notPersonal('link to the data subject (the child)'),
      what: notPersonal('the kind of data viewed, such as "profile"; never a value'),
      at: notPersonal(),
    },
  },
  (t) => [index('child_data_access_log_user_idx').on(t.userId, t.at)],
);

/**
 * A guardian's session (requirement 13, policy part VII): opened with an SMS code of purpose
 * `guardian-access` sent to the guardian's own phone, short-lived, and naming the guardian only by
 * the phone's blind index. Which children it reaches is worked out on every request from
 * guardian_consents, so a withdrawal (or a newer guardian) takes effect at once.
 */
export const guardianSessions = ccmTable(
  'guardian_sessions',
  {
    /** SHA-256 of the opaque token; the token itself is never stored. */
    tokenHash: text('token_hash').primaryKey(),
    guardianPhoneIndex: text('guardian_phone_index').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  {
    retentionClock: { created: 'createdAt' },
    columns: {
      tokenHash: personal({
        category: 'credential.session',
        purposes: ['account', 'security'],
        legalBasis: 'legal-obligation',
        sensitive: false,
        retention: RETAIN.days(1, 'created'),
        erasure: { action: 'delete' },
        note: 'SHA-256 of the guardian’s session token',
      }),
      guardianPhoneIndex: guardianPhone({
        retention: RETAIN.days(1, 'created'),
        note: 'keyed HMAC of the guardian’s number (same domain as account phones), never the number',
      }),
      createdAt: notPersonal(),
      expiresAt: notPersonal(),
    },
  },
  (t) => [index('guardian_sessions_created_idx').on(t.createdAt)],
);

export const GUARDIAN_ACTIONS = [
  'signed-in',
  'viewed',
  'export-requested',
  'export-downloaded',
  'profile-corrected',
  'request-opened',
  'account-cancelled',
] as const;
export type GuardianAction = (typeof GUARDIAN_ACTIONS)[number];

/**
 * What a guardian did with a child's account, one row per action, never rewritten: the action and
 * the kinds of data it touched (field names, a request type), never a value, and the guardian only
 * by the phone's blind index. It is the child's data (the child's export shows it) and proof kept
 * under legal hold, like the consent decisions it rests on.
 */
export const guardianActions = ccmTable(
  'guardian_actions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id),
    guardianPhoneIndex: text('guardian_phone_index').notNull(),
    action: text('action', { enum: GUARDIAN_ACTIONS }).notNull(),
    what: text('what'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  {
    subject: 'userId',
    columns: {
      id: notPersonal(),
      userId: notPersonal('link to the data subject (the child)'),
      guardianPhoneIndex: guardianPhone({
        retention: RETAIN.days(365 * 3, 'account-closed'),
        erasure: LEGAL_HOLD,
        note: 'which guardian acted: keyed HMAC of the number, never the number',
      }),
      action: notPersonal(),
      what: notPersonal('kinds of data touched: field names, a request type, an export id; never a value'),
      at: notPersonal(),
    },
  },
  (t) => [index('guardian_actions_user_idx').on(t.userId, t.id)],
);
