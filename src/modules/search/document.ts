/**
 * An article as a row of the search index. The tsvector is built here, in Node, from jieba's
 * tokens and sent in its text form (no parser on the database side), so PGlite, the server and
 * the COPY bulk path store exactly the same thing.
 */
import { BRAND_ALIASES } from './dictionary.ts';
import { indexTokens, plainText } from './segment.ts';

export interface Named {
  id: string;
  nameZh: string;
  nameEn: string;
}

/** What the index needs of a published article. */
export interface IndexSource {
  id: number;
  title: string;
  summary: string;
  body: string;
  coverUrl: string | null;
  columnId: string;
  language: string;
  publishedAt: Date;
  tags: Named[];
  brands: Named[];
  /** The model series the article is linked to (absent where a loader does not know them). */
  series?: Named[];
}

export interface SearchRow {
  articleId: number;
  title: string;
  summary: string;
  coverUrl: string | null;
  columnId: string;
  language: string;
  tagIds: string[];
  publishedAt: Date;
  document: string;
  titleTerms: string;
  facets: string[];
}

/** tsvector positions stop at 16383; later occurrences keep the last position. */
const MAX_POS = 16_383;
const MAX_POSITIONS = 8;
type Weight = 'A' | 'B' | 'C' | 'D';

class VectorBuilder {
  private readonly entries = new Map<string, string[]>();
  private pos = 0;

  add(tokens: string[], weight: Weight): void {
    for (const t of tokens) {
      this.pos = Math.min(this.pos + 1, MAX_POS);
      const list = this.entries.get(t);
      // Ranking saturates after a few occurrences; fewer positions keep rows small and ts_rank fast.
      const item = weight === 'D' ? String(this.pos) : `${this.pos}${weight}`;
      if (!list) this.entries.set(t, [item]);
      else if (list.length < MAX_POSITIONS) list.push(item);
    }
  }

  toString(): string {
    let out = '';
    for (const [lexeme, positions] of this.entries) {
      if (out) out += ' ';
      out += `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}':${positions.join(',')}`;
    }
    return out;
  }
}

/** The names under which a brand is found: Chinese, English, aliases. */
function brandText(b: Named): string {
  return [b.nameZh, b.nameEn, ...(BRAND_ALIASES[b.id] ?? [])].join(' ');
}

export function searchRow(a: IndexSource): SearchRow {
  const titleTokens = indexTokens(a.title);
  const doc = new VectorBuilder();
  doc.add(titleTokens, 'A');
  doc.add(
    indexTokens(
      [
        ...a.tags.map((t) => `${t.nameZh} ${t.nameEn}`),
        ...a.brands.map(brandText),
        ...(a.series ?? []).map((s) => `${s.nameZh} ${s.nameEn}`),
      ].join(' '),
    ),
    'B',
  );
  doc.add(indexTokens(a.summary), 'C');
  doc.add(indexTokens(plainText(a.body)), 'D');
  const title = new VectorBuilder();
  title.add(titleTokens, 'A');
  return {
    articleId: a.id,
    title: a.title,
    summary: a.summary,
    coverUrl: a.coverUrl,
    columnId: a.columnId,
    language: a.language,
    tagIds: a.tags.map((t) => t.id),
    publishedAt: a.publishedAt,
    document: doc.toString(),
    titleTerms: title.toString(),
    facets: [
      `c:${a.columnId}`,
      ...a.tags.map((t) => `t:${t.id}`),
      ...a.brands.map((b) => `b:${b.id}`),
      ...(a.series ?? []).map((s) => `s:${s.id}`),
    ],
  };
}
