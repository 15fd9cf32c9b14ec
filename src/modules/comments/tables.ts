/**
 * Comments on published articles: the comments themselves (one level of replies), likes, abuse
 * reports, the moderation mode of each column and the moderation log.
 *
 * What a cancelled member's comments become: their text, province, likes and reports are deleted
 * with the account. A comment others have replied to stays as a "已删除" placeholder without text
 * or author (the trigger of migration `comments_keep_threads`), so erasing one member never takes
 * other members' replies with it; any other comment row is deleted outright.
 */
import { sql } from 'drizzle-orm';
import { bigint, index, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import {
  ccmTable,
  notPersonal,
  type PersonalDeclaration,
  personal,
  RETAIN,
} from '../../platform/personal-data.ts';
import { users } from '../accounts/tables.ts';
import { articles, columns } from '../content/tables.ts';
import { staffUsers } from '../staff/tables.ts';

/**
 * pending: waits for a moderator (pre-moderated column or a banned word); visible: shown to
 * readers; hidden: taken down by a moderator (its author still sees it, marked); deleted: a
 * placeholder kept only because others replied to it (no text, no author).
 */
export const COMMENT_STATUSES = ['pending', 'visible', 'hidden', 'deleted'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];
/** Why a comment waits: its column is pre-moderated, or it contains a banned word. */
export const HELD_FOR = ['pre-moderation', 'banned-word'] as const;
export type HeldFor = (typeof HELD_FOR)[number];
export const REPORT_REASONS = ['spam', 'abuse', 'illegal', 'pornography', 'fraud', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];
export const MODERATION_MODES = ['pre', 'post'] as const;
export type ModerationMode = (typeof MODERATION_MODES)[number];
export const MODERATION_ACTIONS = ['approve', 'hide', 'restore', 'delete'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

const memberContent = (category: PersonalDeclaration['category'], note?: string) =>
  personal({
    category,
    purposes: ['account'],
    legalBasis: 'contract',
    sensitive: false,
    retention: RETAIN.accountLifetime,
    erasure: { action: 'delete' },
    note,
  });

export const comments = ccmTable(
  'comments',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    articleId: bigint('article_id', { mode: 'number' })
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    /** Null only on a "deleted" placeholder: the author is forgotten with the text. */
    userId: bigint('user_id', { mode: 'number' }).references(() => users.id, { onDelete: 'cascade' }),
    /** The top-level comment of the thread; null for a top-level comment itself. */
    threadId: bigint('thread_id', { mode: 'number' }),
    /** The comment this one answers (the top-level one, or a reply in the same thread). */
    replyToId: bigint('reply_to_id', { mode: 'number' }),
    /** Plain text, normalised (service.ts); null once deleted. Never rendered as HTML. */
    body: text('body'),
    /** The province of the address it was posted from (the IP属地 shown beside it). */
    ipRegion: text('ip_region'),
    status: text('status', { enum: COMMENT_STATUSES }).notNull(),
    heldFor: text('held_for', { enum: HELD_FOR }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  {
    subject: 'userId',
    columns: {
      id: notPersonal(),
      articleId: notPersonal(),
      userId: notPersonal('link to the data subject'),
      threadId: notPersonal('thread structure'),
      replyToId: notPersonal('thread structure'),
      body: memberContent('content.user-generated', 'plain text the member posted under an article'),
      ipRegion: personal({
        category: 'location.region',
        purposes: ['legal-compliance'],
        legalBasis: 'legal-obligation',
        sensitive: false,
        retention: RETAIN.accountLifetime,
        erasure: { action: 'delete' },
        note: 'province only, shown beside the comment as the IP属地 rule requires; the address is not kept',
      }),
      status: notPersonal(),
      heldFor: notPersonal(),
      createdAt: notPersonal('meaningful only with the text'),
      updatedAt: notPersonal(),
    },
  },
  (t) => [
    // Top-level comments of an article, newest first (the list a reader pages through).
    index('comments_article_top_idx').on(t.articleId, t.id.desc()).where(sql`${t.threadId} is null`),
    index('comments_thread_idx').on(t.threadId, t.id).where(sql`${t.threadId} is not null`),
    index('comments_user_idx').on(t.userId, t.id.desc()),
    index('comments_pending_idx').on(t.id).where(sql`${t.status} = 'pending'`),
  ],
);

export const commentLikes = ccmTable(
  'comment_likes',
  {
    commentId: bigint('comment_id', { mode: 'number' })
      .notNull()
      .references(() => comments.id, { onDelete: 'cascade' }),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  {
    subject: 'userId',
    columns: {
      commentId: memberContent('content.user-generated', 'a like (点赞) the member gave a comment'),
      userId: notPersonal('link to the data subject'),
      createdAt: notPersonal(),
    },
  },
  (t) => [primaryKey({ columns: [t.commentId, t.userId] }), index('comment_likes_user_idx').on(t.userId)],
);

export const commentReports = ccmTable(
  'comment_reports',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    commentId: bigint('comment_id', { mode: 'number' })
      .notNull()
      .references(() => comments.id, { onDelete: 'cascade' }),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reason: text('reason', { enum: REPORT_REASONS }).notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** When a moderator decided on the comment (approved it or hid it). */
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  {
    subject: 'userId',
    columns: {
      id: notPersonal(),
      commentId: memberContent('content.user-generated', 'which comment the member reported'),
      userId: notPersonal('link to the data subject (the reporter)'),
      reason: notPersonal('one of a fixed list; meaningful only with the reporter'),
      note: memberContent('content.user-generated', 'optional words the reporter added'),
      createdAt: notPersonal(),
      resolvedAt: notPersonal(),
    },
  },
  (t) => [
    uniqueIndex('comment_reports_once_idx').on(t.commentId, t.userId),
    index('comment_reports_open_idx').on(t.commentId).where(sql`${t.resolvedAt} is null`),
  ],
);

/** Pre- or post-moderation per column; a column without a row is post-moderated. */
export const commentColumnSettings = ccmTable(
  'comment_column_settings',
  {
    columnId: text('column_id')
      .primaryKey()
      .references(() => columns.id, { onDelete: 'cascade' }),
    mode: text('mode', { enum: MODERATION_MODES }).notNull(),
    updatedBy: bigint('updated_by', { mode: 'number' }).references(() => staffUsers.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  {
    columns: {
      columnId: notPersonal(),
      mode: notPersonal(),
      updatedBy: notPersonal('links to a staff account; staff identity is declared there'),
      updatedAt: notPersonal(),
    },
  },
);

const moderationRecord = (note: string) =>
  personal({
    category: 'staff.identity',
    purposes: ['security', 'legal-compliance'],
    legalBasis: 'legal-obligation',
    sensitive: false,
    retention: RETAIN.days(365 * 3, 'created'),
    erasure: {
      action: 'keep-legal-hold',
      reason: {
        zh: '评论管理记录用于证明对用户内容的处置有据可查',
        en: 'the moderation log shows what was done to members’ content, by whom and why',
      },
    },
    note,
  });

/** Every moderation action: who, what, why, when. Rows are only ever added. */
export const commentModerationLog = ccmTable(
  'comment_moderation_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    // No foreign keys: the log outlives the comment and its author's account.
    commentId: bigint('comment_id', { mode: 'number' }).notNull(),
    authorId: bigint('author_id', { mode: 'number' }),
    staffId: bigint('staff_id', { mode: 'number' })
      .notNull()
      .references(() => staffUsers.id),
    action: text('action', { enum: MODERATION_ACTIONS }).notNull(),
    reason: text('reason').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  {
    subject: 'authorId',
    retentionClock: { created: 'at' },
    columns: {
      id: notPersonal(),
      commentId: notPersonal('which comment; its text is not copied here'),
      authorId: notPersonal('link to the data subject (the comment’s author)'),
      staffId: moderationRecord('who acted: the staff account'),
      action: notPersonal(),
      reason: moderationRecord('why, as the moderator typed it'),
      at: notPersonal(),
    },
  },
  (t) => [
    index('comment_moderation_log_comment_idx').on(t.commentId, t.id),
    index('comment_moderation_log_author_idx').on(t.authorId),
  ],
);

/**
 * Articles whose comment counter must be recounted: a visible comment went without the service
 * counting it (the erasure engine deleting a cancelled member's rows). The trigger of migration
 * `comment_recounts_mark` adds the article; the next read of its comments settles it.
 */
export const commentRecounts = ccmTable(
  'comment_recounts',
  {
    articleId: bigint('article_id', { mode: 'number' })
      .primaryKey()
      .references(() => articles.id, { onDelete: 'cascade' }),
  },
  { columns: { articleId: notPersonal() } },
);
