/** Wire shapes of the profile API: PATCH /me, tags, My Column, and the console's banned words. */
import { z } from 'zod';
import { GENDERS } from '../accounts/tables.ts';
import { BANNED_WORD_KINDS } from './tables.ts';
import {
  BIO_MAX,
  codePoints,
  hasUnsafeCharacters,
  NICKNAME_MAX,
  NICKNAME_MIN,
  NICKNAME_PATTERN,
} from './text-rules.ts';

export const EARLIEST_BIRTHDAY = '1900-01-01';

/** A real calendar day written YYYY-MM-DD (2023-02-30 is refused). */
function isCalendarDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const Nickname = z
  .string()
  .max(200) // long before counting code points: a cheap bound on what is examined
  .refine((s) => codePoints(s) >= NICKNAME_MIN && codePoints(s) <= NICKNAME_MAX, {
    message: `expected ${NICKNAME_MIN} to ${NICKNAME_MAX} characters`,
  })
  .refine((s) => NICKNAME_PATTERN.test(s), {
    message: 'expected only letters, digits, _, - and ·',
  });

const Bio = z
  .string()
  .max(BIO_MAX * 4)
  .refine((s) => codePoints(s) <= BIO_MAX, { message: `expected at most ${BIO_MAX} characters` })
  .refine((s) => !hasUnsafeCharacters(s, true), { message: 'contains control characters' });

const Birthday = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a date as YYYY-MM-DD' })
  .refine(isCalendarDate, { message: 'is not a date of the calendar' })
  .refine((s) => s >= EARLIEST_BIRTHDAY, { message: `expected ${EARLIEST_BIRTHDAY} or later` });

export const ProfilePatch = z
  .strictObject({
    nickname: Nickname,
    gender: z.enum(GENDERS).nullable(),
    birthday: Birthday.nullable().describe('YYYY-MM-DD; not in the future'),
    bio: Bio.nullable().describe(`at most ${BIO_MAX} characters; line breaks allowed`),
  })
  .partial()
  .refine((o) => Object.keys(o).length > 0, {
    message: 'expected at least one of nickname, gender, birthday, bio',
  });
export type ProfilePatch = z.infer<typeof ProfilePatch>;

const Id = z.string().min(1).max(60);

export const TagsBody = z.object({
  tags: z.array(Id).max(50).describe('industry subdivision or machine class ids (GET /tags)'),
});

export const ColumnsBody = z.object({
  columns: z
    .array(Id)
    .min(1)
    .max(50)
    .superRefine((ids, ctx) => {
      ids.forEach((id, i) => {
        if (ids.indexOf(id) !== i)
          ctx.addIssue({ code: 'custom', path: [i], message: `"${id}" is listed twice` });
      });
    })
    .describe('column ids (GET /columns) in the order the member wants them'),
});

export const BannedWordBody = z.object({
  word: z.string().min(1).max(50),
  kind: z.enum(BANNED_WORD_KINDS).describe('nickname, bio, comment, or all (every kind)'),
});

export const BannedWordOut = z.object({
  id: z.number().int(),
  word: z.string().describe('as stored: lower case, half-width, without spaces'),
  kind: z.enum(BANNED_WORD_KINDS),
  createdBy: z.number().int().describe('the staff account that added it'),
  createdAt: z.string(),
});
