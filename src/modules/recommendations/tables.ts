/**
 * The member's interest profile: weights over tags, brands, columns and authors, each with the
 * recent contributions that made it (its provenance), and the member's "not interested" marks.
 * Built and read only while the member's personalisation consent is in force.
 */
import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, primaryKey, real, text, timestamp } from 'drizzle-orm/pg-core';
import { ccmTable, notPersonal, personal, RETAIN } from '../../platform/personal-data.ts';
import { users } from '../accounts/tables.ts';
import { articles } from '../content/tables.ts';
import { staffUsers } from '../staff/tables.ts';

export const INTEREST_KINDS = ['tag', 'brand', 'column', 'author'] as const;
export type InterestKind = (typeof INTEREST_KINDS)[number];

/** What can create or move a weight. */
export const INTEREST_SOURCES = [
  'registration',
  'view',
  'favorite',
  'comment',
  'share',
  'follow',
  'not_interested',
] as const;
export type InterestSource = (typeof INTEREST_SOURCES)[number];

/** One contribution to a weight: its source, when it happened, and its weight today. */
export interface InterestContribution {
  source: InterestSource;
  /** ISO time of the behaviour (registration tags: null, they carry no time). */
  at: string | null;
  delta: number;
  articleId?: number;
}

/** Behaviour records are kept this many days; the profile derived from them no longer. */
export const NOT_INTERESTED_RETENTION_DAYS = 180;

const profileColumn = personal({
  category: 'profile.tags',
  purposes: ['personalization'],
  legalBasis: 'consent',
  sensitive: false,
  retention: RETAIN.accountLifetime,
  erasure: { action: 'delete' },
  note: 'derived from chosen tags and behaviour; deleted with the consent withdrawal on request, and at erasure',
});

export const interestWeights = ccmTable(
  'interest_weights',
  {
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: INTEREST_KINDS }).notNull(),
    targetId: text('target_id').notNull(),
    /** Decayed sum of the contributions at the last rebuild; negative pushes down. */
    weight: real('weight').notNull().default(0),
    /** The latest behaviour that moved the weight (null when only chosen tags made it). */
    reinforcedAt: timestamp('reinforced_at', { withTimezone: true }),
    /** The largest contributions, capped (INTEREST_PARAMS.provenanceCap). */
    sources: jsonb('sources').$type<InterestContribution[]>().notNull().default([]),
    /**
     * Set when the member deleted this interest: behaviour up to this time no longer counts, and a
     * chosen registration tag not at all, so a rebuild does not bring it back.
     */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  {
    subject: 'userId',
    columns: {
      userId: notPersonal('link to the data subject'),
      kind: profileColumn,
      targetId: profileColumn,
      weight: profileColumn,
      reinforcedAt: profileColumn,
      sources: profileColumn,
      deletedAt: profileColumn,
      updatedAt: profileColumn,
    },
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.kind, t.targetId] }),
    index('interest_weights_user_weight_idx').on(t.userId, t.weight.desc()),
  ],
);

const notInterestedColumn = personal({
  category: 'behaviour.click',
  purposes: ['personalization'],
  legalBasis: 'consent',
  sensitive: false,
  retention: RETAIN.days(NOT_INTERESTED_RETENTION_DAYS, 'created'),
  erasure: { action: 'delete' },
});

/** "Not interested" on an article: pushes its tags and brands down; recorded only under consent. */
export const notInterested = ccmTable(
  'not_interested',
  {
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    articleId: bigint('article_id', { mode: 'number' })
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  {
    subject: 'userId',
    columns: {
      userId: notPersonal('link to the data subject'),
      articleId: notInterestedColumn,
      createdAt: notInterestedColumn,
    },
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.articleId] }),
    index('not_interested_created_idx').on(t.createdAt),
  ],
);

/**
 * What an admin has changed of the ranking's parameters (RANKING_PARAMS in ranking.ts): one row
 * holding the override (a full or partial RankingParams; `{}` after a reset), merged over the
 * defaults by params.ts. No row means the defaults.
 */
export const rankingParams = ccmTable(
  'ranking_params',
  {
    id: integer('id').primaryKey().default(1),
    override: jsonb('override').$type<Record<string, unknown>>().notNull(),
    /** Raised by every change; the change log's version of the change that made this row. */
    version: integer('version').notNull(),
    updatedBy: bigint('updated_by', { mode: 'number' }).references(() => staffUsers.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  {
    columns: {
      id: notPersonal('always 1: there is one set of parameters'),
      override: notPersonal(),
      version: notPersonal(),
      updatedBy: notPersonal('links to a staff account; staff identity is declared there'),
      updatedAt: notPersonal(),
    },
  },
  (t) => [check('ranking_params_one_row', sql`${t.id} = 1`)],
);

/** Who changed the parameters: kept with the record of the change, as the governance rules ask. */
const governanceRecord = (note: string) =>
  personal({
    category: 'staff.identity',
    purposes: ['legal-compliance'],
    legalBasis: 'legal-obligation',
    sensitive: false,
    retention: RETAIN.days(365 * 3, 'created'),
    erasure: {
      action: 'keep-legal-hold',
      reason: {
        zh: '推荐算法参数的变更记录用于说明算法何时、由谁、为何调整',
        en: 'the change log of the recommendation parameters shows when, by whom and why the algorithm changed',
      },
    },
    note,
  });

/** Every change of the ranking parameters, append-only (migration ranking_param_changes_append_only). */
export const rankingParamChanges = ccmTable(
  'ranking_param_changes',
  {
    version: integer('version').primaryKey(),
    staffId: bigint('staff_id', { mode: 'number' })
      .notNull()
      .references(() => staffUsers.id),
    action: text('action', { enum: ['update', 'reset'] }).notNull(),
    /** The effective parameters before and after the change (defaults merged with the override). */
    before: jsonb('before').$type<Record<string, unknown>>().notNull(),
    after: jsonb('after').$type<Record<string, unknown>>().notNull(),
    reason: text('reason').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  {
    retentionClock: { created: 'at' },
    columns: {
      version: notPersonal(),
      staffId: governanceRecord('who changed the parameters'),
      action: notPersonal(),
      before: notPersonal(),
      after: notPersonal(),
      reason: notPersonal('why the algorithm was changed, as the admin typed it'),
      at: notPersonal(),
    },
  },
  (t) => [check('ranking_param_changes_reason', sql`length(trim(${t.reason})) > 0`)],
);

/**
 * A member's ranked feed (per column; '' is the home feed), computed from the profile and kept so
 * that a page is one read: written when a feed is asked for and none is fresh, or ahead of time by
 * `npm run recs -- precompute`; deleted by every behaviour or profile change and by a consent
 * change (profile-events.ts), and served only while the personalisation consent is in force.
 */
export const memberFeeds = ccmTable(
  'member_feeds',
  {
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    columnId: text('column_id').notNull().default(''),
    /** The ranked article ids, best first. */
    articleIds: bigint('article_ids', { mode: 'number' }).array().notNull(),
    /** Each item's reason, encoded (feed.ts encodeReason): kind, or kind:entityKind:entityId. */
    reasons: text('reasons').array().notNull(),
    /** Hash of the ranking parameters it was made with: a change of parameters makes it stale. */
    paramsHash: text('params_hash').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  {
    subject: 'userId',
    columns: {
      userId: notPersonal('link to the data subject'),
      columnId: notPersonal('which column the list is of (a column id)'),
      articleIds: profileColumn,
      reasons: profileColumn,
      paramsHash: notPersonal('hash of the ranking parameters, the same for every member'),
      computedAt: profileColumn,
    },
  },
  (t) => [primaryKey({ columns: [t.userId, t.columnId] })],
);
