/**
 * Highlights for a page of results, built in Node: the text is HTML-escaped and the query's
 * terms are wrapped in <mark>, which is then the only markup in the string.
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const ASCII_WORD = /^[a-z0-9]/;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** `text` escaped, with every case-insensitive occurrence of a term marked (English terms to the word's end). */
export function highlight(text: string, terms: readonly string[]): string {
  const lower = text.toLowerCase();
  // Offsets of the lowered text must be those of the text (true except for a few rare letters).
  if (lower.length !== text.length) return escapeHtml(text);
  const ranges: [number, number][] = [];
  for (const term of terms) {
    if (!term) continue;
    for (let at = lower.indexOf(term); at !== -1; at = lower.indexOf(term, at + 1)) {
      let end = at + term.length;
      if (ASCII_WORD.test(term)) {
        // Whole English words only, but a prefix may run on (excavator → excavators).
        if (at > 0 && WORD_CHAR.test(lower[at - 1]) && /[a-z0-9]/.test(lower[at - 1])) continue;
        while (end < lower.length && /[a-z0-9]/.test(lower[end])) end++;
      }
      ranges.push([at, end]);
    }
  }
  if (ranges.length === 0) return escapeHtml(text);
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let out = '';
  let pos = 0;
  let open: [number, number] | undefined;
  const merged: [number, number][] = [];
  for (const r of ranges) {
    if (open && r[0] <= open[1]) open[1] = Math.max(open[1], r[1]);
    else {
      if (open) merged.push(open);
      open = [...r];
    }
  }
  if (open) merged.push(open);
  for (const [from, to] of merged) {
    out += `${escapeHtml(text.slice(pos, from))}<mark>${escapeHtml(text.slice(from, to))}</mark>`;
    pos = to;
  }
  return out + escapeHtml(text.slice(pos));
}
