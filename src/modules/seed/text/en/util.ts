/** Small phrasing helpers shared by the English templates. */
import type { Story } from '../../story.ts';
import { MONTHS_EN } from '../vocab.ts';

export const monthName = (s: Story) => MONTHS_EN[s.month - 1];
export const trend = (s: Story) => `${s.up ? 'up' : 'down'} ${s.pct}% year on year`;
/** Sentence-initial form of a lowercase noun phrase. */
export const cap = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);
/** Title Case for headline nouns such as “mini excavators”. */
export const title = (t: string) => t.replace(/\b[a-z]/g, (c) => c.toUpperCase());
/** Thousands separators, as English copy prints them (“12,480 units”). */
export const num = (n: number) => n.toLocaleString('en-US');
/** Singular of a plural machine noun (“truck cranes” → “truck crane”); mass nouns stay as they are. */
export const one = (t: string) => (t.endsWith('s') && !t.endsWith('ss') ? t.slice(0, -1) : t);
/** “a” or “an” before a phrase, by sound: an 8-year-old, an airport, a utility-scale base. */
export const an = (t: string) => (/^(?!us|uti|uni)([aeiou]|8|11\b|18\b)/i.test(t) ? `an ${t}` : `a ${t}`);
