/**
 * One generated article as a row: the composed text plus column, language, byline, state, dates
 * and engagement counters. The demo and the scale generator both build their rows here.
 */
import { type Composed, composeArticle, type Lang } from './article.ts';
import { int, pick, type Rng } from './prng.ts';
import { drawStory, storyRegion } from './story.ts';
import type { ColumnId } from './taxonomy.ts';
import { SOURCES_EN, SOURCES_ZH } from './text/vocab.ts';

export type ArticleState = 'draft' | 'in_review' | 'scheduled' | 'published';

export interface GeneratedArticle extends Composed {
  columnId: ColumnId;
  language: Lang;
  source: string;
  status: ArticleState;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  authorId: number | null;
  viewCount: number;
  commentCount: number;
  favoriteCount: number;
  shareCount: number;
  /** Province and city of a regional article (news, events, used equipment); else null. */
  region: string | null;
  city: string | null;
}

export interface ArticleSpec {
  column: ColumnId;
  lang: Lang;
  status: ArticleState;
  /** Publication time (published or scheduled); null for drafts and articles in review. */
  publishedAt: Date | null;
  /** The moment of seeding: drafts date from shortly before it. */
  now: Date;
  authorIds: number[];
  size: 'full' | 'short';
}

const HOUR = 3_600_000;

export function generateArticle(rng: Rng, spec: ArticleSpec): GeneratedArticle {
  const when = spec.publishedAt ?? spec.now;
  const story = drawStory(rng, spec.column, when);
  const composed = composeArticle(rng, story, spec.lang, spec.size);
  // Written a few hours to a few days before it went out (or, for drafts, before now).
  const createdAt = new Date(when.getTime() - int(rng, 1, 72) * HOUR);
  const live = spec.status === 'published';
  const views = live ? int(rng, 120, 24000) : 0;
  const place = storyRegion(story);
  return {
    ...composed,
    region: place?.region ?? null,
    city: place?.city ?? null,
    columnId: spec.column,
    language: spec.lang,
    source: pick(rng, spec.lang === 'en' ? SOURCES_EN : SOURCES_ZH),
    status: spec.status,
    publishedAt: spec.publishedAt,
    createdAt,
    updatedAt: spec.status === 'draft' ? createdAt : (spec.publishedAt ?? createdAt),
    authorId: spec.authorIds.length > 0 ? pick(rng, spec.authorIds) : null,
    viewCount: views,
    // Engagement scales with readership, as it does in the app's analytics. The demo writes no
    // comments, so it counts none (the draw is still made: the rest of the demo stays the same).
    commentCount: live ? drawnButUnused(rng) : 0,
    favoriteCount: live ? Math.floor(views * rng() * 0.012) : 0,
    shareCount: live ? Math.floor(views * rng() * 0.006) : 0,
  };
}

function drawnButUnused(rng: () => number): 0 {
  rng();
  return 0;
}

const NICK_HEADS = [
  '挖机',
  '吊车',
  '铲车',
  '泵车',
  '压路机',
  '叉车',
  '高空车',
  '工地',
  '基建',
  '矿山',
  '机手',
  '设备',
];
const NICK_MIDS = ['老', '小', '大', '阿'];
const NICK_TAILS = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
];

/** Member nicknames in the style of an industry app's users (“挖机老王”, “叉车小陈37”). */
export function nickname(rng: Rng): string {
  const base = `${pick(rng, NICK_HEADS)}${pick(rng, NICK_MIDS)}${pick(rng, NICK_TAILS)}`;
  return rng() < 0.6 ? `${base}${int(rng, 1, 999)}` : base;
}
