/**
 * Chinese and English segmentation for the search index and for queries: jieba (search mode, so
 * 挖掘机 also yields 挖掘) with the industry dictionary, NFKC and lower case, punctuation and a few
 * function words dropped. The index and the query go through the same normalisation, or they
 * would not meet.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { industryWords } from './dictionary.ts';

const jieba = Jieba.withDict(dict);
/** Words added on top of jieba's dictionary; long tokens are also indexed under those they contain. */
const known = new Set<string>();

/** Adds words (brand names, series names) to the segmenter; words already known are skipped. */
export function addWords(words: Iterable<string>): void {
  const fresh: string[] = [];
  for (const raw of words) {
    const w = raw.normalize('NFKC').trim();
    if (w.length < 2 || /\s/.test(w) || known.has(w)) continue;
    known.add(w);
    fresh.push(`${w} 200000 nz`);
  }
  if (fresh.length > 0) jieba.loadDict(Buffer.from(fresh.join('\n')));
}
addWords(industryWords());

const STOP = new Set([
  ...'的了和与及在是对将为把被也都而或之其于以等个这那有'.split(''),
  ...['a', 'an', 'and', 'are', 'as', 'at', 'by', 'for', 'from', 'in', 'is', 'it', 'its', 'of', 'on', 'or'],
  ...['the', 'to', 'with', 'was', 'were', 'be', 'this', 'that'],
]);
const WORDLIKE = /[\p{L}\p{N}]/u;
const HAN = /^\p{Script=Han}+$/u;
const MAX_TOKEN = 60;

export function normalizeToken(t: string): string | undefined {
  const n = t.normalize('NFKC').toLowerCase().trim();
  if (n.length === 0 || n.length > MAX_TOKEN || !WORDLIKE.test(n) || STOP.has(n)) return undefined;
  return n;
}

/**
 * Known words inside a long Chinese token (三一 in 三一重工, 高空作业平台 in 剪叉式高空作业平台);
 * a three-character token also yields its two halves, since the HMM coins words such as 纯电版
 * whose parts (纯电) jieba's dictionary does not list.
 */
function containedWords(token: string): string[] {
  if (token.length < 3 || !HAN.test(token)) return [];
  if (token.length === 3) return [token.slice(0, 2), token.slice(1)];
  const out: string[] = [];
  for (let i = 0; i < token.length; i++) {
    for (let j = i + 2; j <= token.length; j++) {
      if (j - i === token.length) continue;
      const w = token.slice(i, j);
      if (known.has(w)) out.push(w);
    }
  }
  return out;
}

/** Tokens of a text for the index, in reading order (sub-words follow their word). */
export function indexTokens(text: string): string[] {
  const out: string[] = [];
  for (const raw of jieba.cutForSearch(text.normalize('NFKC'), true)) {
    const t = normalizeToken(raw);
    if (!t) continue;
    out.push(t);
    for (const w of containedWords(raw)) out.push(w.toLowerCase());
  }
  return out;
}

/** The terms of a query: whole words (no sub-words), deduplicated, in order. */
export function queryTerms(q: string): string[] {
  const seen = new Set<string>();
  for (const raw of jieba.cut(q.normalize('NFKC'), true)) {
    const t = normalizeToken(raw);
    if (t) seen.add(t);
  }
  return [...seen];
}

/** Strips HTML tags and the common entities from an article body before segmentation. */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

const quote = (t: string) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
/** Model numbers (letters with digits) also match as prefixes: xe215 finds xe215da. */
const MODEL = /^(?=.*\d)[a-z0-9][a-z0-9.-]{2,}$/;
const ENGLISH = /^[a-z]{3,}$/;

/**
 * An English word and its singular or plural (excavator, excavators; battery, batteries): exact
 * lexemes OR-ed, which the GIN index answers without the recheck a prefix match needs.
 */
export function variantsOf(term: string): string[] {
  if (!ENGLISH.test(term)) return [term];
  const out = new Set([term]);
  if (term.endsWith('ies') && term.length > 4) out.add(`${term.slice(0, -3)}y`);
  else if (/(s|x|ch|sh)es$/.test(term)) out.add(term.slice(0, -2));
  else if (term.endsWith('s') && !term.endsWith('ss')) out.add(term.slice(0, -1));
  else if (/[^aeiou]y$/.test(term)) out.add(`${term.slice(0, -1)}ies`);
  else if (/(s|x|ch|sh)$/.test(term)) out.add(`${term}es`);
  else out.add(`${term}s`);
  return [...out];
}

function operand(t: string, prefix: boolean): string {
  if (prefix || MODEL.test(t)) return `${quote(t)}:*`;
  const v = variantsOf(t);
  return v.length === 1 ? quote(t) : `(${v.map(quote).join(' | ')})`;
}

/** A tsquery literal: the terms AND-ed (English words with their singular or plural). */
export function tsqueryOf(terms: readonly string[]): string {
  return terms.map((t) => operand(t, false)).join(' & ');
}

/** As tsqueryOf, but the last term (still being typed) matches as a prefix. */
export function tsqueryOfPrefix(terms: readonly string[]): string {
  return terms.map((t, i) => operand(t, i === terms.length - 1)).join(' & ');
}
