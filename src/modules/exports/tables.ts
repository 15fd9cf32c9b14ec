/**
 * Copies of a member's data they asked for (PIPL art. 45, access and copy): one row per request.
 *
 * The zip itself is a file under `<data dir>/exports/<random>.zip`, not bytes in the database:
 * a database backup then never holds full copies of people's data (backups outlive the 7-day
 * link, and per-user keys destroyed at cancellation could not reach plain bytes inside a backup),
 * the tables stay small, and the file is removed by the cleanup as soon as the link expires. The
 * data directory is already where uploads (avatars) live, so instances that share uploads share
 * exports the same way.
 */
import { sql } from 'drizzle-orm';
import { bigint, index, integer, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { ccmTable, notPersonal } from '../../platform/personal-data.ts';
import { users } from '../accounts/tables.ts';

export const EXPORT_STATUSES = ['pending', 'ready', 'failed'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];
export const EXPORT_LANGUAGES = ['zh-CN', 'en'] as const;
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number];

export const dataExports = ccmTable(
  'data_exports',
  {
    /** 128 random bits as 32 hex characters: unguessable, and the only handle a client has. */
    id: text('id').primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: EXPORT_STATUSES }).notNull().default('pending'),
    /** The language of index.html. */
    language: text('language', { enum: EXPORT_LANGUAGES }).notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    /** When a build last claimed the row; a claim older than the build timeout may be taken over. */
    startedAt: timestamp('started_at', { withTimezone: true }),
    /** Builds tried; after a few failures the export is marked failed. */
    attempts: integer('attempts').notNull().default(0),
    readyAt: timestamp('ready_at', { withTimezone: true }),
    /** The download answers 410 from this time on, and the cleanup removes the file. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    /** `<32 hex>.zip` under `<data dir>/exports/`; null before it is built and after the cleanup. */
    fileName: text('file_name'),
    sizeBytes: bigint('size_bytes', { mode: 'number' }),
  },
  {
    subject: 'userId',
    columns: {
      id: notPersonal('random, unguessable'),
      userId: notPersonal('link to the data subject'),
      status: notPersonal(),
      language: notPersonal('the language the member asked the copy in'),
      requestedAt: notPersonal('when the member asked; meaningful only with the person'),
      startedAt: notPersonal(),
      attempts: notPersonal(),
      readyAt: notPersonal(),
      expiresAt: notPersonal(),
      // The file is a copy of what the other tables hold, each value declared where it lives; the
      // name itself is random. The file goes with the row: at expiry (job.ts) and on cancellation
      // (removeMemberExports).
      fileName: notPersonal('a random file name'),
      sizeBytes: notPersonal(),
    },
  },
  (t) => [
    index('data_exports_user_idx').on(t.userId, t.requestedAt.desc()),
    // At most one export in preparation per member, kept by the database even under a race.
    uniqueIndex('data_exports_one_pending_idx').on(t.userId).where(sql`${t.status} = 'pending'`),
    index('data_exports_expires_idx').on(t.expiresAt).where(sql`${t.fileName} is not null`),
  ],
);
