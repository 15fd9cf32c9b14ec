/**
 * Comment text: plain text, never HTML. It is stored as the member typed it, normalised so that
 * what is stored is what every reader sees: NFC, line endings unified, control and
 * direction-override characters turned into spaces, runs of blank lines shortened, trimmed.
 * Lengths count code points, as a member counting characters would.
 */
import { AppError } from '../../platform/errors.ts';

export const COMMENT_MAX = 500;

/** Control characters but the line feed, bidirectional overrides and isolates, lone surrogates. */
const UNSAFE = /(?!\n)[\p{Cc}\u202a-\u202e\u2066-\u2069\p{Cs}]+/gu;

export function normaliseComment(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(UNSAFE, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The normalised text, or 400 validation.failed when it is empty or longer than COMMENT_MAX. */
export function commentText(raw: string, path = 'body.body'): string {
  const text = normaliseComment(raw);
  const length = [...text].length;
  if (length === 0 || length > COMMENT_MAX) {
    throw new AppError('validation.failed', `A comment has 1 to ${COMMENT_MAX} characters.`, {
      errors: [
        {
          path,
          message: length === 0 ? 'expected some text' : `expected at most ${COMMENT_MAX} characters`,
        },
      ],
    });
  }
  return text;
}

/** Opaque cursors over comment ids. */
export const encodeCursor = (id: number) => Buffer.from(`c${id}`).toString('base64url');

export function decodeCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const m = /^c(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) {
    throw new AppError('validation.failed', 'The cursor is not valid.', {
      errors: [{ path: 'querystring.cursor', message: 'expected a cursor returned by a previous page' }],
    });
  }
  return Number(m[1]);
}
