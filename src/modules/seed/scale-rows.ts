/**
 * The rows the scale generator loads: published articles spread over the last three years (older
 * ids older, as in a real archive, which also keeps index inserts near the right edge of the
 * feed indexes) and members with nicknames. Both engines' loaders consume these same generators.
 */
import type { Lang } from './article.ts';
import { copyLine } from './copy.ts';
import { type GeneratedArticle, generateArticle, nickname } from './generate.ts';
import { type Rng, weighted } from './prng.ts';
import { COLUMN_IDS } from './taxonomy.ts';

export const ARCHIVE_DAYS = 3 * 365;
const DAY = 86_400_000;

/** Newsrooms publish more news and product stories than policy pieces. */
const COLUMN_WEIGHTS = [25, 18, 15, 9, 13, 10, 10];
const ENGLISH_SHARE = 0.08;

export interface ScalePlan {
  rng: Rng;
  firstId: number;
  count: number;
  now: Date;
  authorIds: number[];
  /** Series ids present in the database (a demo seeded before series existed has none). */
  knownSeries: ReadonlySet<string>;
}

export interface ScaleArticle {
  id: number;
  article: GeneratedArticle;
}

/** Articles `from` ≤ i < `to` of the plan; call with consecutive ranges (the PRNG is sequential). */
export function* scaleArticles(plan: ScalePlan, from: number, to: number): Generator<ScaleArticle> {
  const end = plan.now.getTime() - DAY;
  const span = ARCHIVE_DAYS * DAY;
  for (let i = from; i < to; i++) {
    const rng = plan.rng;
    const at = Math.floor(end - span + ((i + rng()) / plan.count) * span);
    const lang: Lang = rng() < ENGLISH_SHARE ? 'en' : 'zh-CN';
    const column = weighted(rng, COLUMN_IDS, COLUMN_WEIGHTS);
    const article = generateArticle(rng, {
      column,
      lang,
      status: 'published',
      publishedAt: new Date(at),
      now: plan.now,
      authorIds: plan.authorIds,
      size: 'short',
    });
    yield { id: plan.firstId + i, article };
  }
}

export const ARTICLE_COLUMNS = [
  'id',
  'title',
  'summary',
  'body',
  'cover_url',
  'column_id',
  'author_id',
  'source',
  'language',
  'status',
  'published_at',
  'created_at',
  'updated_at',
  'view_count',
  'comment_count',
  'favorite_count',
  'share_count',
  'region',
  'city',
];

/** An article as a COPY line, fields in ARTICLE_COLUMNS order. */
export function articleLine({ id, article: a }: ScaleArticle): string {
  return copyLine([
    id,
    a.title,
    a.summary,
    a.body,
    null,
    a.columnId,
    a.authorId,
    a.source,
    a.language,
    a.status,
    a.publishedAt,
    a.createdAt,
    a.updatedAt,
    a.viewCount,
    a.commentCount,
    a.favoriteCount,
    a.shareCount,
    a.region,
    a.city,
  ]);
}

export interface ScaleUser {
  nickname: string;
  createdAt: Date;
}

/**
 * `count` members who joined over the archive's time span, in joining order. Nicknames are unique
 * (they must be): each ends with `_<n>`, counting from `firstNumber`.
 */
export function* scaleUsers(rng: Rng, now: Date, count: number, firstNumber: number): Generator<ScaleUser> {
  const end = now.getTime() - DAY;
  const span = ARCHIVE_DAYS * DAY;
  for (let i = 0; i < count; i++) {
    yield {
      nickname: `${nickname(rng)}_${firstNumber + i}`,
      createdAt: new Date(Math.floor(end - span + ((i + rng()) / count) * span)),
    };
  }
}
