/**
 * Turns a story into an article: picks templates, assembles an HTML body from paragraphs (and a
 * headed list), and derives the tags and brand links from what the text actually says.
 */
import { seriesOf } from './brands.ts';
import { type Html, h2, p, ul } from './html.ts';
import { chance, int, type Rng } from './prng.ts';
import { type Story, storyTags } from './story.ts';
import { en } from './text/en/index.ts';
import type { LanguageTexts } from './text/types.ts';
import { zh } from './text/zh/index.ts';

export type Lang = 'zh-CN' | 'en';

export interface Composed {
  title: string;
  summary: string;
  body: string;
  tagIds: string[];
  brandIds: string[];
  /** Demo model series whose models the text names. */
  seriesIds: string[];
}

type Template<T> = (s: Story) => T | undefined;

/** The first template, from a random starting point, that has what it needs from the story. */
function firstFit<T>(rng: Rng, templates: Template<T>[], s: Story): T | undefined {
  const start = Math.floor(rng() * templates.length);
  for (let i = 0; i < templates.length; i++) {
    const out = templates[(start + i) % templates.length](s);
    if (out !== undefined) return out;
  }
  return undefined;
}

/** Output of up to `n` different templates, starting at a random one and walking either way. */
function someFit<T>(rng: Rng, templates: Template<T>[], s: Story, n: number): T[] {
  const out: T[] = [];
  const start = Math.floor(rng() * templates.length);
  const step = chance(rng, 0.5) ? 1 : templates.length - 1;
  for (let i = 0; i < templates.length && out.length < n; i++) {
    const value = templates[(start + i * step) % templates.length](s);
    if (value !== undefined) out.push(value);
  }
  return out;
}

function required<T>(value: T | undefined, what: string, s: Story): T {
  // Every column has templates that need nothing optional, so this means a template bug.
  if (value === undefined) throw new Error(`no ${what} template fits a ${s.column} story`);
  return value;
}

/**
 * `full` bodies (the demo) have 4–7 paragraphs and sometimes a headed list; `short` bodies (the
 * scale generator) have 3–4 paragraphs: the same voice at a fraction of the cost.
 */
export function composeArticle(rng: Rng, s: Story, lang: Lang, size: 'full' | 'short'): Composed {
  const texts: LanguageTexts = lang === 'en' ? en : zh;
  const col = texts.columns[s.column];
  const title = required(firstFit(rng, col.titles, s), 'title', s);
  const summary = required(firstFit(rng, col.summaries, s), 'summary', s);
  const extras: Html[] = [];
  const electric = s.electric ? firstFit(rng, texts.electric, s) : undefined;
  const parts = s.parts ? firstFit(rng, texts.parts, s) : undefined;
  if (electric) extras.push(electric);
  if (parts && (size === 'full' || !electric)) extras.push(parts);
  // Full bodies stay within 4–7 paragraphs: lead, 2–4 middle ones, the extras, a closing one.
  const middleCount = size === 'full' ? Math.max(2, Math.min(int(rng, 2, 4), 5 - extras.length)) : 1;
  const blocks: Html[] = [p(required(firstFit(rng, col.leads, s), 'lead', s))];
  const middle = someFit(rng, col.paragraphs, s, middleCount);
  blocks.push(...middle.slice(0, 1).map(p));
  if (size === 'full' && col.lists.length > 0 && chance(rng, 0.55)) {
    const list = firstFit(rng, col.lists, s);
    if (list) blocks.push(h2(list.heading), ul(list.items));
  }
  blocks.push(...middle.slice(1).map(p), ...extras.map(p));
  blocks.push(p(required(firstFit(rng, texts.closings, s), 'closing', s)));
  const body = blocks.join('\n');
  const text = `${title}\n${summary}\n${body}`;
  const brandIds: string[] = [];
  const seriesIds: string[] = [];
  for (const maker of [s.b, s.b2]) {
    if (maker && text.includes(lang === 'en' ? maker.en : maker.zh)) brandIds.push(maker.id);
    const series = maker && text.includes(maker.model) ? seriesOf(maker.id, maker.seriesCode) : undefined;
    if (series && !seriesIds.includes(series)) seriesIds.push(series);
  }
  return { title, summary, body, tagIds: storyTags(s), brandIds, seriesIds };
}
