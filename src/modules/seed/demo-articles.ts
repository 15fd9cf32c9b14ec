/**
 * The demo's article plan: per column 32 published Chinese and 4 published English articles over
 * the last 120 days, plus a few drafts, articles in review and scheduled ones so every state of the
 * console's workflow has something in it. Titles are unique across the demo.
 */
import type { Lang } from './article.ts';
import { type ArticleState, type GeneratedArticle, generateArticle } from './generate.ts';
import { int, type Rng } from './prng.ts';
import { COLUMN_IDS, type ColumnId } from './taxonomy.ts';

export const DEMO_ZH_PER_COLUMN = 32;
export const DEMO_EN_PER_COLUMN = 4;
const DAY = 86_400_000;
const MINUTE = 60_000;

interface Slot {
  column: ColumnId;
  lang: Lang;
  status: ArticleState;
}

function slots(): Slot[] {
  const out: Slot[] = [];
  for (const column of COLUMN_IDS) {
    for (let i = 0; i < DEMO_ZH_PER_COLUMN; i++) out.push({ column, lang: 'zh-CN', status: 'published' });
    for (let i = 0; i < DEMO_EN_PER_COLUMN; i++) out.push({ column, lang: 'en', status: 'published' });
  }
  const workflow: [ColumnId, ArticleState][] = [
    ['news', 'draft'],
    ['products', 'draft'],
    ['market', 'draft'],
    ['technology', 'draft'],
    ['news', 'in_review'],
    ['policy', 'in_review'],
    ['events', 'in_review'],
    ['products', 'scheduled'],
    ['market', 'scheduled'],
    ['used', 'scheduled'],
  ];
  for (const [column, status] of workflow) out.push({ column, lang: 'zh-CN', status });
  return out;
}

function publicationTime(rng: Rng, status: ArticleState, now: Date): Date | null {
  const base = Math.floor(now.getTime() / MINUTE) * MINUTE;
  if (status === 'published') return new Date(base - int(rng, 10, 120 * 24 * 60) * MINUTE);
  if (status === 'scheduled') return new Date(base + int(rng, 1, 7) * DAY + int(rng, 0, 23) * 60 * MINUTE);
  return null;
}

export function planDemoArticles(rng: Rng, now: Date, authorIds: number[]): GeneratedArticle[] {
  const seen = new Set<string>();
  const out: GeneratedArticle[] = [];
  for (const slot of slots()) {
    const publishedAt = publicationTime(rng, slot.status, now);
    // Redraw on a duplicate title; with this many templates and fillers a few tries always suffice.
    for (let attempt = 0; ; attempt++) {
      const article = generateArticle(rng, { ...slot, publishedAt, now, authorIds, size: 'full' });
      if (!seen.has(article.title)) {
        seen.add(article.title);
        out.push(article);
        break;
      }
      if (attempt > 50) throw new Error(`could not find a fresh title for a ${slot.column} article`);
    }
  }
  return out;
}
