/** Operator-console accounts and their sign-in sessions. */
import { bigint, boolean, index, text, timestamp } from 'drizzle-orm/pg-core';
import { ccmTable, notPersonal, personal, RETAIN } from '../../platform/personal-data.ts';

export const STAFF_ROLES = ['admin', 'editor', 'reviewer', 'contributor', 'support', 'compliance'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

const staffIdentity = personal({
  category: 'staff.identity',
  purposes: ['staff-administration', 'security'],
  legalBasis: 'employment',
  sensitive: false,
  retention: RETAIN.accountLifetime,
  erasure: { action: 'anonymise' },
});

export const staffUsers = ccmTable(
  'staff_users',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: STAFF_ROLES }).notNull(),
    passwordHash: text('password_hash').notNull(),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  },
  {
    subject: 'id',
    subjectKind: 'staff',
    columns: {
      id: notPersonal('internal surrogate key'),
      username: staffIdentity,
      displayName: { ...staffIdentity, note: 'shown as the byline of articles the person writes' },
      role: notPersonal(),
      passwordHash: personal({
        category: 'credential.password',
        purposes: ['security'],
        legalBasis: 'employment',
        sensitive: false,
        retention: RETAIN.accountLifetime,
        erasure: { action: 'delete' },
        note: 'argon2id hash; the password itself is never stored',
      }),
      disabled: notPersonal(),
      createdAt: notPersonal(),
      lastLoginAt: personal({
        category: 'credential.session',
        purposes: ['security'],
        legalBasis: 'employment',
        sensitive: false,
        retention: RETAIN.accountLifetime,
        erasure: { action: 'delete' },
      }),
    },
  },
);

const sessionData = personal({
  category: 'credential.session',
  purposes: ['security'],
  legalBasis: 'employment',
  sensitive: false,
  retention: RETAIN.days(30, 'last-activity'),
  erasure: { action: 'delete' },
});

export const staffSessions = ccmTable(
  'staff_sessions',
  {
    /** SHA-256 of the opaque token; the token itself is never stored. */
    tokenHash: text('token_hash').primaryKey(),
    staffId: bigint('staff_id', { mode: 'number' })
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  {
    subject: 'staffId',
    subjectKind: 'staff',
    columns: {
      tokenHash: sessionData,
      staffId: notPersonal('link to the data subject'),
      createdAt: sessionData,
      lastSeenAt: sessionData,
      expiresAt: notPersonal(),
      ip: personal({ ...sessionData, category: 'network.ip' }),
      userAgent: personal({ ...sessionData, category: 'device.info' }),
    },
  },
  (t) => [index('staff_sessions_staff_idx').on(t.staffId)],
);
