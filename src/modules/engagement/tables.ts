/**
 * Engagement: favourites and follows (features the member asks for, kept while the account
 * exists) and behaviour records (browsing and clicks, recorded only under the member's
 * personalisation consent and kept 180 days).
 */

import { bigint, index, integer, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { ccmTable, notPersonal, personal, RETAIN } from '../../platform/personal-data.ts';
import { users } from '../accounts/tables.ts';
import { articles } from '../content/tables.ts';

/** Behaviour records are kept this many days (browsing: after the last view; clicks: after the click). */
export const BEHAVIOUR_RETENTION_DAYS = 180;

const feature = (category: 'behaviour.favourite' | 'behaviour.follow') =>
  personal({
    category,
    purposes: ['member-features', 'personalization'],
    legalBasis: 'contract',
    sensitive: false,
    retention: RETAIN.accountLifetime,
    erasure: { action: 'delete' },
    note: 'kept because the member asked for it; used for recommendations only while personalisation is consented',
  });

const behaviour = (category: 'behaviour.browsing' | 'behaviour.click', after: 'created' | 'last-activity') =>
  personal({
    category,
    purposes: ['personalization', 'member-features'],
    legalBasis: 'consent',
    sensitive: false,
    retention: RETAIN.days(BEHAVIOUR_RETENTION_DAYS, after),
    erasure: { action: 'delete' },
  });

export const favorites = ccmTable(
  'favorites',
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
      articleId: feature('behaviour.favourite'),
      createdAt: feature('behaviour.favourite'),
    },
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.articleId] }),
    index('favorites_user_recent_idx').on(t.userId, t.createdAt.desc(), t.articleId.desc()),
  ],
);

export const FOLLOW_KINDS = ['author', 'column', 'tag', 'brand'] as const;
export type FollowKind = (typeof FOLLOW_KINDS)[number];

export const follows = ccmTable(
  'follows',
  {
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: FOLLOW_KINDS }).notNull(),
    /** The followed entity's id (a staff account's number for an author, as text). */
    targetId: text('target_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  {
    subject: 'userId',
    columns: {
      userId: notPersonal('link to the data subject'),
      kind: feature('behaviour.follow'),
      targetId: feature('behaviour.follow'),
      createdAt: feature('behaviour.follow'),
    },
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind, t.targetId] })],
);

/** One row per member and article read: the last view, the views and the time spent reading. */
export const browsingHistory = ccmTable(
  'browsing_history',
  {
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    articleId: bigint('article_id', { mode: 'number' })
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    views: integer('views').notNull().default(1),
    dwellMs: bigint('dwell_ms', { mode: 'number' }).notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastViewedAt: timestamp('last_viewed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  {
    subject: 'userId',
    retentionClock: { 'last-activity': 'lastViewedAt' },
    columns: {
      userId: notPersonal('link to the data subject'),
      articleId: behaviour('behaviour.browsing', 'last-activity'),
      views: behaviour('behaviour.browsing', 'last-activity'),
      dwellMs: behaviour('behaviour.browsing', 'last-activity'),
      createdAt: behaviour('behaviour.browsing', 'last-activity'),
      lastViewedAt: behaviour('behaviour.browsing', 'last-activity'),
    },
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.articleId] }),
    index('browsing_history_user_recent_idx').on(t.userId, t.lastViewedAt.desc(), t.articleId.desc()),
    index('browsing_history_last_viewed_idx').on(t.lastViewedAt),
  ],
);

/** Where a click happened: the list the article was opened from, or the share button. */
export const CLICK_SOURCES = ['feed', 'following', 'search', 'favorites', 'history', 'article'] as const;
export const SHARE_CHANNELS = ['wechat', 'moments', 'weibo', 'qq', 'link', 'system'] as const;
export const CLICK_KINDS = ['open', 'share'] as const;

export const clickRecords = ccmTable(
  'click_records',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: CLICK_KINDS }).notNull(),
    articleId: bigint('article_id', { mode: 'number' })
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    source: text('source', { enum: CLICK_SOURCES }).notNull(),
    position: integer('position'),
    channel: text('channel', { enum: SHARE_CHANNELS }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  {
    subject: 'userId',
    columns: {
      id: notPersonal(),
      userId: notPersonal('link to the data subject'),
      kind: behaviour('behaviour.click', 'created'),
      articleId: behaviour('behaviour.click', 'created'),
      source: behaviour('behaviour.click', 'created'),
      position: behaviour('behaviour.click', 'created'),
      channel: behaviour('behaviour.click', 'created'),
      createdAt: behaviour('behaviour.click', 'created'),
    },
  },
  (t) => [
    index('click_records_user_idx').on(t.userId, t.id),
    index('click_records_created_idx').on(t.createdAt),
  ],
);
