/**
 * The privacy policy as versioned documents, the append-only consent ledger (one hash chain per
 * member, a head row per member, a global head that counts every record and serialises appends, and
 * an append-only, hash-chained log of the member chains expired by retention), and the third
 * parties the policy names.
 */

import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, text, timestamp } from 'drizzle-orm/pg-core';
import { ccmTable, notPersonal, personal, RETAIN } from '../../platform/personal-data.ts';
import { staffUsers } from '../staff/tables.ts';

export const POLICY_KINDS = ['major', 'minor'] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];
export const CONSENT_CHANNELS = ['web', 'api', 'guardian', 'registration'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
export const THIRD_PARTY_KINDS = ['sdk', 'processor', 'ad-partner', 'sign-in', 'other'] as const;

export const policyVersions = ccmTable(
  'policy_versions',
  {
    /** e.g. 2026-11-25, or 2026-11-25.2 for a second version published the same day. */
    version: text('version').primaryKey(),
    kind: text('kind', { enum: POLICY_KINDS }).notNull(),
    /** For a major version: the consent purposes it changes (asked again, withdrawn until then). */
    changedPurposes: text('changed_purposes').array().notNull().default(sql`'{}'::text[]`),
    bodyZh: text('body_zh').notNull(),
    bodyEn: text('body_en').notNull(),
    /** sha256 (hex) of the canonical bodies of both languages (service.ts policyHash). */
    contentHash: text('content_hash').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    effectiveAt: timestamp('effective_at', { withTimezone: true }).notNull(),
    /** The compliance officer who published it; null for the version installed with CCM. */
    publishedBy: bigint('published_by', { mode: 'number' }).references(() => staffUsers.id),
  },
  {
    subject: 'publishedBy',
    subjectKind: 'staff',
    columns: {
      version: notPersonal(),
      kind: notPersonal(),
      changedPurposes: notPersonal(),
      bodyZh: notPersonal('the policy text, the same for everyone'),
      bodyEn: notPersonal('the policy text, the same for everyone'),
      contentHash: notPersonal(),
      publishedAt: notPersonal(),
      effectiveAt: notPersonal(),
      publishedBy: personal({
        category: 'staff.identity',
        purposes: ['staff-administration', 'legal-compliance'],
        legalBasis: 'employment',
        sensitive: false,
        retention: RETAIN.accountLifetime,
        erasure: {
          action: 'keep-legal-hold',
          reason: {
            zh: '政策版本的发布人须留存，以证明每一版本由谁发布',
            en: 'who published each policy version is kept as proof of the publication',
          },
        },
        note: 'the staff account that published the version',
      }),
    },
  },
  (t) => [index('policy_versions_published_idx').on(t.publishedAt)],
);

const ledgerHold = (category: 'consent.record' | 'location.region', note: string) =>
  personal({
    category,
    purposes: ['legal-compliance'],
    legalBasis: 'legal-obligation',
    sensitive: false,
    retention: RETAIN.days(365 * 3, 'account-closed'),
    erasure: {
      action: 'keep-legal-hold',
      reason: {
        zh: '同意与撤回同意的记录用于证明处理合法，账号注销后仍依法留存三年；记录中不含手机号、昵称等直接标识',
        en: 'records of consent and withdrawal prove that processing was lawful and are kept three years after the account closes; they hold no direct identifier such as a phone number or nickname',
      },
    },
    note,
  });

/**
 * The consent ledger. Rows are only ever appended (a trigger refuses UPDATE and TRUNCATE, and a
 * DELETE unless the retention path has written the member's expiry tombstone in the same
 * transaction); each row's hash covers the previous row of the same member and its own content.
 */
export const consentRecords = ccmTable(
  'consent_records',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    // No foreign key: the proof must outlive the account row, and erasure must not cascade here.
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    purpose: text('purpose').notNull(),
    granted: boolean('granted').notNull(),
    policyVersion: text('policy_version').notNull(),
    policyHash: text('policy_hash').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    channel: text('channel', { enum: CONSENT_CHANNELS }).notNull(),
    /** Province of the request's IP (never the address). */
    ipRegion: text('ip_region'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  {
    subject: 'userId',
    appendOnly:
      'hash-chained per member and append-only: a member’s whole chain expires at once, through the ledger’s own path (consent/ledger.ts expireConsentChains), after an expiry tombstone',
    columns: {
      id: notPersonal('position in the ledger'),
      userId: notPersonal('link to the data subject (a bare number once the account is erased)'),
      purpose: ledgerHold('consent.record', 'which purpose was agreed to or withdrawn'),
      granted: ledgerHold('consent.record', 'agreed (true) or withdrawn (false)'),
      policyVersion: notPersonal(),
      policyHash: notPersonal(),
      at: ledgerHold('consent.record', 'when'),
      channel: ledgerHold('consent.record', 'web, api, guardian or registration'),
      ipRegion: ledgerHold('location.region', 'province of the request, never the IP address'),
      prevHash: notPersonal('hash of the same member’s previous record (zeros for the first)'),
      hash: notPersonal(),
    },
  },
  (t) => [
    // Also carries (granted, policy_version) for index-only reads of the latest record per purpose:
    // Drizzle cannot declare INCLUDE, so migration 0033 builds it.
    index('consent_records_user_idx').on(t.userId, t.purpose, t.id),
    index('consent_records_purpose_idx').on(t.purpose, t.id),
    index('consent_records_chain_idx').on(t.userId, t.id),
  ],
);

/**
 * One row (id 1), locked FOR UPDATE by every append and every expiry: the last record appended
 * (id and hash), how many records were ever appended and how many expired, and the head of the
 * expiry log. Live records plus expired records must equal `length`: a member's chain deleted
 * without a tombstone shows as missing records.
 */
export const consentChainHead = ccmTable(
  'consent_chain_head',
  {
    id: integer('id').primaryKey(),
    lastId: bigint('last_id', { mode: 'number' }),
    lastHash: text('last_hash').notNull(),
    length: bigint('length', { mode: 'number' }).notNull(),
    expired: bigint('expired', { mode: 'number' }).notNull().default(0),
    expiries: bigint('expiries', { mode: 'number' }).notNull().default(0),
    expiryHash: text('expiry_hash').notNull().default('0'.repeat(64)),
  },
  {
    columns: {
      id: notPersonal(),
      lastId: notPersonal(),
      lastHash: notPersonal(),
      length: notPersonal('records ever appended, expired ones included'),
      expired: notPersonal('records removed through expiry tombstones'),
      expiries: notPersonal('rows of consent_chain_expiries'),
      expiryHash: notPersonal('hash of the last expiry tombstone'),
    },
  },
  (t) => [check('consent_chain_head_single', sql`${t.id} = 1`)],
);

/** One row per member chain: its last record and length, locked FOR UPDATE by the member's appends. */
export const consentSubjectHeads = ccmTable(
  'consent_subject_heads',
  {
    userId: bigint('user_id', { mode: 'number' }).primaryKey(),
    lastId: bigint('last_id', { mode: 'number' }),
    lastHash: text('last_hash').notNull(),
    length: bigint('length', { mode: 'number' }).notNull(),
  },
  {
    // No subject: the head outlives the account with the records it closes, and expires with them.
    columns: {
      userId: notPersonal('the member number whose chain this closes (a bare number once erased)'),
      lastId: notPersonal(),
      lastHash: notPersonal(),
      length: notPersonal(),
    },
  },
);

/**
 * The expiry log (append-only, hash-chained): one tombstone per member chain removed by retention,
 * written before the records are deleted. It holds counts, ids and hashes, never a record's content.
 */
export const consentChainExpiries = ccmTable(
  'consent_chain_expiries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    records: bigint('records', { mode: 'number' }).notNull(),
    firstId: bigint('first_id', { mode: 'number' }).notNull(),
    lastId: bigint('last_id', { mode: 'number' }).notNull(),
    lastHash: text('last_hash').notNull(),
    rule: text('rule').notNull(),
    expiredAt: timestamp('expired_at', { withTimezone: true }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  {
    columns: {
      id: notPersonal(),
      userId: notPersonal('the number of an erased account whose chain expired; nothing else about it'),
      records: notPersonal(),
      firstId: notPersonal(),
      lastId: notPersonal(),
      lastHash: notPersonal('the expired chain’s last hash'),
      rule: notPersonal('the retention rule, e.g. 1095d after account-closed'),
      expiredAt: notPersonal(),
      prevHash: notPersonal(),
      hash: notPersonal(),
    },
  },
  (t) => [index('consent_chain_expiries_user_idx').on(t.userId)],
);

export const thirdParties = ccmTable(
  'third_parties',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    kind: text('kind', { enum: THIRD_PARTY_KINDS }).notNull(),
    purposeZh: text('purpose_zh').notNull(),
    purposeEn: text('purpose_en').notNull(),
    dataZh: text('data_zh').notNull(),
    dataEn: text('data_en').notNull(),
    region: text('region').notNull(),
    policyUrl: text('policy_url'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  {
    columns: {
      id: notPersonal(),
      name: notPersonal('a company or SDK name'),
      kind: notPersonal(),
      purposeZh: notPersonal(),
      purposeEn: notPersonal(),
      dataZh: notPersonal('describes kinds of data, holds none'),
      dataEn: notPersonal('describes kinds of data, holds none'),
      region: notPersonal(),
      policyUrl: notPersonal(),
      createdAt: notPersonal(),
      updatedAt: notPersonal(),
    },
  },
);
