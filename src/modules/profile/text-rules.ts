/**
 * Rules for the text members write on their profile. Lengths count Unicode code points, so a
 * Chinese character or an emoji counts as one, as a member counting them would.
 */

export const NICKNAME_MIN = 2;
export const NICKNAME_MAX = 20;
export const BIO_MAX = 200;

export const codePoints = (text: string) => [...text].length;

/** Letters of any script (CJK included), digits, `_`, `-` and the middle dot of 外国人名 (·). */
export const NICKNAME_PATTERN = /^[\p{L}\p{Nd}_\-·]+$/u;

/**
 * Characters refused in any profile text: control characters (line feed aside, which a bio may
 * use), bidirectional overrides that make text display differently from what it is, and lone
 * surrogates (the database cannot store them).
 */
const UNSAFE = /[\p{Cc}\u202a-\u202e\u2066-\u2069\p{Cs}]/u;
const UNSAFE_EXCEPT_LINE_FEED = /(?!\n)[\p{Cc}\u202a-\u202e\u2066-\u2069\p{Cs}]/u;

export function hasUnsafeCharacters(text: string, allowLineFeed = false): boolean {
  return (allowLineFeed ? UNSAFE_EXCEPT_LINE_FEED : UNSAFE).test(text);
}

/**
 * The form banned words are stored in and profile text is compared in, so that "ＡＢＣ", "a b c"
 * and "Abc" all match "abc": NFKC (full-width letters, digits and spaces become half-width, and
 * other compatibility forms their plain ones), lower case, then every space and invisible format
 * character (zero-width spaces and joiners) removed.
 */
export function normaliseForMatching(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{Cf}]/gu, '');
}
