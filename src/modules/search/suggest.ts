/**
 * Suggestions while the user types: brands, tags and model series
 * whose names contain the input, read from a small in-process list refreshed every minute, and
 * the newest titles whose words start with it (one bounded walk of the title index).
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { listBrands, listSeries, listTags } from '../content/service.ts';
import { queryTerms, tsqueryOfPrefix } from './segment.ts';

export interface Suggestion {
  kind: 'title' | 'tag' | 'brand' | 'series';
  text: string;
  id: string;
}

interface Entity {
  kind: 'tag' | 'brand' | 'series';
  id: string;
  nameZh: string;
  nameEn: string;
}

const REFRESH_MS = 60_000;
const lists = new WeakMap<Db, { at: number; entities: Promise<Entity[]> }>();

async function loadEntities(db: Db): Promise<Entity[]> {
  const [brands, tags, series] = await Promise.all([
    listBrands(db, 'zh-CN'),
    listTags(db, 'zh-CN'),
    listSeries(db, 'zh-CN'),
  ]);
  return [
    ...brands.map((b) => ({ kind: 'brand' as const, id: b.id, nameZh: b.nameZh, nameEn: b.nameEn })),
    ...tags.map((t) => ({ kind: 'tag' as const, id: t.id, nameZh: t.nameZh, nameEn: t.nameEn })),
    ...series.map((s) => ({ kind: 'series' as const, id: s.id, nameZh: s.nameZh, nameEn: s.nameEn })),
  ];
}

function entities(db: Db, now: number): Promise<Entity[]> {
  const cached = lists.get(db);
  if (cached && now - cached.at < REFRESH_MS) return cached.entities;
  const entry = { at: now, entities: loadEntities(db) };
  entry.entities.catch(() => lists.delete(db));
  lists.set(db, entry);
  return entry.entities;
}

export async function suggest(
  db: Db,
  q: string,
  lang: 'zh-CN' | 'en',
  now: Date,
  limit = 8,
): Promise<Suggestion[]> {
  const needle = q.normalize('NFKC').trim().toLowerCase();
  const out: Suggestion[] = [];
  for (const e of await entities(db, now.getTime())) {
    if (e.nameZh.toLowerCase().includes(needle) || e.nameEn.toLowerCase().includes(needle))
      out.push({ kind: e.kind, id: e.id, text: lang === 'en' ? e.nameEn : e.nameZh });
    if (out.length >= Math.ceil(limit / 2)) break;
  }
  const terms = queryTerms(q);
  if (terms.length > 0) {
    const titles = await queryRows<{ article_id: number | string; title: string }>(
      db,
      sql`SELECT article_id, title FROM article_search WHERE title_terms @@ ${tsqueryOfPrefix(terms)}::tsquery
          ORDER BY published_at DESC, article_id DESC LIMIT ${limit - out.length}`,
    );
    for (const t of titles) out.push({ kind: 'title', id: String(t.article_id), text: t.title });
  }
  return out;
}
