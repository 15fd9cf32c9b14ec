/** Moderation of profile text: the banned-words list that operators edit in the console. */
import { bigint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { ccmTable, notPersonal } from '../../platform/personal-data.ts';
import { staffUsers } from '../staff/tables.ts';

/**
 * Where a word is refused: in nicknames, in bios, or in both ('all'); 'comment' words hold a
 * comment for review instead of refusing it (modules/comments), and 'all' applies there too.
 */
export const BANNED_WORD_KINDS = ['nickname', 'bio', 'comment', 'all'] as const;
export type BannedWordKind = (typeof BANNED_WORD_KINDS)[number];

export const bannedWords = ccmTable(
  'banned_words',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** Stored normalised (see moderation.ts), the form profile text is compared in. */
    word: text('word').notNull(),
    kind: text('kind', { enum: BANNED_WORD_KINDS }).notNull(),
    createdBy: bigint('created_by', { mode: 'number' })
      .notNull()
      .references(() => staffUsers.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  {
    columns: {
      id: notPersonal(),
      word: notPersonal('moderation vocabulary, about no person'),
      kind: notPersonal(),
      createdBy: notPersonal('links to a staff account; staff identity is declared there'),
      createdAt: notPersonal(),
    },
  },
  (t) => [uniqueIndex('banned_words_word_kind_idx').on(t.word, t.kind)],
);
