/**
 * Member accounts: the person (users), their signed-in devices (member_sessions), the consents
 * given at registration, their user tags and My Column.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import {
  ccmTable,
  notPersonal,
  type PersonalDeclaration,
  personal,
  RETAIN,
} from '../../platform/personal-data.ts';
import { columns, tags } from '../content/tables.ts';

export const USER_STATUSES = ['active', 'suspended', 'cancelled'] as const;
export const GENDERS = ['male', 'female', 'undisclosed'] as const;
export const AGE_GROUPS = ['adult', 'minor', 'child'] as const;

const accountData = (over: Partial<PersonalDeclaration> = {}) =>
  personal({
    category: 'account.identifier',
    purposes: ['account'],
    legalBasis: 'contract',
    sensitive: false,
    retention: RETAIN.accountLifetime,
    erasure: { action: 'delete' },
    ...over,
  });

export const users = ccmTable(
  'users',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    phoneCiphertext: text('phone_ciphertext'),
    phoneIndex: text('phone_index'),
    passwordHash: text('password_hash'),
    nickname: text('nickname'),
    gender: text('gender', { enum: GENDERS }),
    birthday: date('birthday', { mode: 'string' }),
    bio: text('bio'),
    birthdayCiphertext: text('birthday_ciphertext'),
    bioCiphertext: text('bio_ciphertext'),
    avatarPath: text('avatar_path'),
    ipRegion: text('ip_region'),
    ageGroup: text('age_group', { enum: AGE_GROUPS }).notNull().default('adult'),
    status: text('status', { enum: USER_STATUSES }).notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  },
  {
    subject: 'id',
    columns: {
      id: accountData({
        erasure: {
          action: 'keep-legal-hold',
          reason: {
            zh: '仅保留无意义的编号作为注销标记，使关联记录可解析；其余字段全部删除或匿名化',
            en: 'only the bare number stays as a tombstone so references resolve; every other field is erased',
          },
        },
      }),
      phoneCiphertext: accountData({
        category: 'contact.phone',
        purposes: ['account', 'security'],
        encrypted: 'users.phone',
        note: 'AES-256-GCM; required to create an account (policy 1.1)',
      }),
      phoneIndex: accountData({
        category: 'contact.phone',
        note: 'keyed HMAC of the number, for sign-in lookups',
      }),
      passwordHash: accountData({
        category: 'credential.password',
        purposes: ['account', 'security'],
        note: 'argon2id',
      }),
      nickname: accountData({ category: 'profile.nickname', erasure: { action: 'anonymise' } }),
      gender: accountData({ category: 'profile.gender' }),
      // The plain columns are no longer written: bio and birthday are kept encrypted (below) for
      // everyone; values from before are moved there by the age job (modules/guardian/reevaluate.ts).
      birthday: accountData({
        category: 'profile.birthday',
        note: 'superseded by birthday_ciphertext; emptied by the age job',
      }),
      bio: accountData({
        category: 'profile.bio',
        note: 'superseded by bio_ciphertext; emptied by the age job',
      }),
      birthdayCiphertext: accountData({
        category: 'profile.birthday',
        sensitive: true,
        encrypted: 'users.birthday',
        note: 'AES-256-GCM for everyone; sensitive for children under 14 (PIPL art. 28); sets the age group',
      }),
      bioCiphertext: accountData({
        category: 'profile.bio',
        sensitive: true,
        encrypted: 'users.bio',
        note: 'AES-256-GCM for everyone; sensitive for children under 14 (PIPL art. 28)',
      }),
      avatarPath: accountData({ category: 'profile.avatar' }),
      ipRegion: accountData({
        category: 'location.region',
        purposes: ['account', 'legal-compliance'],
        legalBasis: 'legal-obligation',
        note: 'province of the last sign-in IP, shown on the profile as the account rules require',
      }),
      ageGroup: accountData({ category: 'profile.birthday', note: 'derived from the birthday' }),
      status: notPersonal(),
      createdAt: notPersonal(),
      updatedAt: notPersonal(),
      lastLoginAt: accountData({ category: 'credential.session', purposes: ['security'] }),
    },
  },
  (t) => [
    uniqueIndex('users_phone_index_idx').on(t.phoneIndex),
    uniqueIndex('users_nickname_idx').on(sql`lower(${t.nickname})`),
    // Children and minors, for the daily re-evaluation of age groups (modules/guardian/reevaluate.ts).
    index('users_non_adult_idx').on(t.id).where(sql`${t.ageGroup} <> 'adult'`),
  ],
);

const sessionData = (category: PersonalDeclaration['category'], note?: string) =>
  personal({
    category,
    purposes: ['security'],
    legalBasis: 'contract',
    sensitive: false,
    retention: RETAIN.days(30, 'last-activity'),
    erasure: { action: 'delete' },
    note,
  });

export const memberSessions = ccmTable(
  'member_sessions',
  {
    /** SHA-256 of the opaque token; the token itself is never stored. */
    tokenHash: text('token_hash').primaryKey(),
    /** A short public id for listing and revoking, so the hash never leaves the server. */
    id: text('id').notNull().unique(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    deviceName: text('device_name'),
    userAgent: text('user_agent'),
    platform: text('platform'),
    appVersion: text('app_version'),
    ipRegion: text('ip_region'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  {
    subject: 'userId',
    columns: {
      tokenHash: sessionData('credential.session'),
      id: sessionData('credential.session'),
      userId: notPersonal('link to the data subject'),
      deviceName: sessionData('device.info', 'as the device or browser names itself'),
      userAgent: sessionData('device.info'),
      platform: sessionData('device.info'),
      appVersion: sessionData('device.info'),
      ipRegion: sessionData('location.region', 'province only; the IP address is not kept'),
      createdAt: sessionData('credential.session'),
      lastSeenAt: sessionData('credential.session'),
      expiresAt: notPersonal(),
    },
  },
  (t) => [index('member_sessions_user_idx').on(t.userId)],
);

/**
 * What a member agreed to at registration: the policy version and each purpose. The privacy
 * capability's consent ledger takes these over as its first entries.
 */
export const registrationConsents = ccmTable(
  'registration_consents',
  {
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose').notNull(),
    granted: boolean('granted').notNull(),
    policyVersion: text('policy_version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  {
    subject: 'userId',
    columns: {
      userId: notPersonal('link to the data subject'),
      purpose: personal({
        category: 'consent.record',
        purposes: ['account', 'legal-compliance'],
        legalBasis: 'legal-obligation',
        sensitive: false,
        retention: RETAIN.days(365 * 3, 'account-closed'),
        erasure: {
          action: 'keep-legal-hold',
          reason: {
            zh: '同意记录须留存以证明处理合法',
            en: 'consent records prove that processing was lawful',
          },
        },
      }),
      granted: notPersonal('meaningful only with the purpose and person'),
      policyVersion: notPersonal(),
      createdAt: notPersonal(),
    },
  },
  (t) => [primaryKey({ columns: [t.userId, t.purpose, t.createdAt] })],
);

const preference = (category: PersonalDeclaration['category']) =>
  personal({
    category,
    purposes: ['account', 'personalization'],
    legalBasis: 'consent',
    sensitive: false,
    retention: RETAIN.accountLifetime,
    erasure: { action: 'delete' },
  });

export const userTags = ccmTable(
  'user_tags',
  {
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tagId: text('tag_id')
      .notNull()
      .references(() => tags.id),
  },
  {
    subject: 'userId',
    columns: { userId: notPersonal('link to the data subject'), tagId: preference('profile.tags') },
  },
  (t) => [primaryKey({ columns: [t.userId, t.tagId] })],
);

export const userColumns = ccmTable(
  'user_columns',
  {
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    columnId: text('column_id')
      .notNull()
      .references(() => columns.id),
    position: integer('position').notNull(),
  },
  {
    subject: 'userId',
    columns: {
      userId: notPersonal('link to the data subject'),
      columnId: preference('profile.tags'),
      position: notPersonal(),
    },
  },
  (t) => [primaryKey({ columns: [t.userId, t.columnId] })],
);
