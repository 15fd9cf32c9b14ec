/**
 * The banned-words list: operators add and remove words in the console; nicknames and bios are
 * checked against it. Words are stored normalised and the text is normalised the same way, so a
 * match is found anywhere in it whatever the width, case or spacing.
 */
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { type BannedWordKind, bannedWords } from './tables.ts';
import { normaliseForMatching } from './text-rules.ts';

export type CheckedField = 'nickname' | 'bio' | 'comment';

/** True when the text contains a word banned for this field. The word itself is not returned. */
export async function containsBannedWord(db: Db, field: CheckedField, text: string): Promise<boolean> {
  const normalised = normaliseForMatching(text);
  if (normalised.length === 0) return false;
  // A scan of a list of (at most) thousands of short words, done in the database: profile edits
  // are rare, and no instance has to hold or refresh a copy of the list.
  const [hit] = await db
    .select({ id: bannedWords.id })
    .from(bannedWords)
    .where(
      and(inArray(bannedWords.kind, [field, 'all']), sql`strpos(${normalised}, ${bannedWords.word}) > 0`),
    )
    .limit(1);
  return hit !== undefined;
}

/** Throws 400 profile.banned_word naming the field, never the word (it would teach evasion). */
export async function refuseBannedWords(db: Db, fields: Partial<Record<CheckedField, string | null>>) {
  for (const field of ['nickname', 'bio'] as const) {
    const text = fields[field];
    if (text && (await containsBannedWord(db, field, text))) {
      throw new AppError('profile.banned_word', `The ${field} contains a word that is not allowed.`, {
        errors: [{ path: `body.${field}`, message: 'contains a word that is not allowed' }],
      });
    }
  }
}

const view = (row: typeof bannedWords.$inferSelect) => ({
  id: row.id,
  word: row.word,
  kind: row.kind,
  createdBy: row.createdBy,
  createdAt: row.createdAt.toISOString(),
});
export type BannedWordView = ReturnType<typeof view>;

export async function addBannedWord(
  db: Db,
  clock: Clock,
  input: { word: string; kind: BannedWordKind },
  staffId: number,
): Promise<BannedWordView> {
  const word = normaliseForMatching(input.word);
  if (word.length === 0) {
    throw new AppError('validation.failed', 'The word is empty once spaces are removed.', {
      errors: [{ path: 'body.word', message: 'expected at least one visible character' }],
    });
  }
  try {
    const [row] = await db
      .insert(bannedWords)
      .values({ word, kind: input.kind, createdBy: staffId, createdAt: clock.now() })
      .returning();
    return view(row);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('banned_word.exists', `"${word}" is already banned here.`);
    throw err;
  }
}

export const BANNED_WORDS_PAGE = 100;

/** Newest first, a page at a time (`before`: the last id of the previous page). */
export async function listBannedWords(db: Db, query: { kind?: BannedWordKind; before?: number }) {
  const rows = await db
    .select()
    .from(bannedWords)
    .where(
      and(
        query.kind ? eq(bannedWords.kind, query.kind) : undefined,
        query.before ? lt(bannedWords.id, query.before) : undefined,
      ),
    )
    .orderBy(desc(bannedWords.id))
    .limit(BANNED_WORDS_PAGE + 1);
  const page = rows.slice(0, BANNED_WORDS_PAGE);
  return {
    items: page.map(view),
    nextCursor: rows.length > BANNED_WORDS_PAGE ? String(page.at(-1)!.id) : null,
  };
}

export async function removeBannedWord(db: Db, id: number): Promise<void> {
  const rows = await db.delete(bannedWords).where(eq(bannedWords.id, id)).returning({ id: bannedWords.id });
  if (rows.length === 0) throw new AppError('banned_word.not_found');
}
