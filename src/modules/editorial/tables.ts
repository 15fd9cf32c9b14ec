/**
 * The editorial record of articles: a snapshot of every saved revision (who saved it, when, which
 * fields changed) and every workflow step (submitted, approved, rejected with a note, scheduled,
 * published, archived). The article itself stays in content's `articles`.
 */
import { bigint, index, integer, jsonb, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { ccmTable, notPersonal, personal, RETAIN } from '../../platform/personal-data.ts';
import { articles } from '../content/tables.ts';
import { staffUsers } from '../staff/tables.ts';

/** The editable content of an article, as a revision keeps it. */
export interface ArticleSnapshot {
  title: string;
  summary: string;
  body: string;
  coverUrl: string | null;
  columnId: string;
  authorId: number | null;
  source: string;
  language: string;
  tagIds: string[];
  brandIds: string[];
  /** Absent in revisions saved before articles had series in the editor: read as none. */
  seriesIds?: string[];
  /** Absent in revisions saved before articles had a region: read as none. */
  region?: string | null;
}

export const WORKFLOW_ACTIONS = [
  'submit',
  'approve',
  'reject',
  'schedule',
  'unschedule',
  'publish',
  'archive',
  'reopen',
] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

/** Who did it: the staff account, kept while the account exists, then anonymised (set null). */
const actor = (note: string) =>
  personal({
    category: 'staff.identity',
    purposes: ['staff-administration'],
    legalBasis: 'employment',
    sensitive: false,
    retention: RETAIN.accountLifetime,
    erasure: { action: 'anonymise' },
    note,
  });

export const articleRevisions = ccmTable(
  'article_revisions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    articleId: bigint('article_id', { mode: 'number' })
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    staffId: bigint('staff_id', { mode: 'number' }).references(() => staffUsers.id, { onDelete: 'set null' }),
    /** Names of the snapshot fields that differ from the previous revision (all of them at first). */
    changed: text('changed').array().notNull(),
    snapshot: jsonb('snapshot').$type<ArticleSnapshot>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  {
    subject: 'staffId',
    subjectKind: 'staff',
    columns: {
      id: notPersonal(),
      articleId: notPersonal(),
      revision: notPersonal(),
      staffId: actor('the staff account that saved the revision'),
      changed: notPersonal(),
      snapshot: notPersonal('editorial content; the author is a staff id, declared on staff_users'),
      createdAt: notPersonal(),
    },
  },
  (t) => [unique('article_revisions_article_revision_uq').on(t.articleId, t.revision)],
);

export const articleEvents = ccmTable(
  'article_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    articleId: bigint('article_id', { mode: 'number' })
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    action: text('action', { enum: WORKFLOW_ACTIONS }).notNull(),
    /** The article's revision when it happened (an approval approves exactly this one). */
    revision: integer('revision').notNull(),
    /** Null for the publish job. */
    staffId: bigint('staff_id', { mode: 'number' }).references(() => staffUsers.id, { onDelete: 'set null' }),
    /** A reviewer's reason for sending an article back, shown to its writers. */
    note: text('note'),
    publishAt: timestamp('publish_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  {
    subject: 'staffId',
    subjectKind: 'staff',
    columns: {
      id: notPersonal(),
      articleId: notPersonal(),
      action: notPersonal(),
      revision: notPersonal(),
      staffId: actor('the staff account that took the step'),
      note: notPersonal('an editorial remark about the article, not about a person'),
      publishAt: notPersonal(),
      createdAt: notPersonal(),
    },
  },
  (t) => [index('article_events_article_idx').on(t.articleId, t.id)],
);
