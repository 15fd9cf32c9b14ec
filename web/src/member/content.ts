/** The public content API as the member app uses it (shapes from src/modules/content/schemas.ts). */

import type { Lang } from '../i18n/index.tsx';
import { api } from '../shared/api.ts';

export interface Named {
  id: string;
  name: string;
}
export interface Column extends Named {
  nameZh: string;
  nameEn: string;
}
export interface Tag extends Named {
  parentId: string | null;
}
export interface Brand extends Named {
  country: string;
}

export interface FeedItem {
  id: number;
  title: string;
  summary: string;
  coverUrl: string | null;
  column: string;
  tags: string[];
  language: string;
  publishedAt: string;
  /** Personalised feed only: why the item is shown, in the requested language. */
  reason?: string;
  /** The same reason as data; `region` for the regional lead of `?region=`. */
  why?: {
    kind: 'follow' | 'interest' | 'hot' | 'fresh' | 'explore' | 'pinned' | 'region';
    region?: string;
    entity?: { kind: string; id: string; name: string };
  };
  /** Pinned by the editors to the top of the column. */
  pinned?: boolean;
}

export interface FeedPage {
  items: FeedItem[];
  nextCursor: string | null;
  personalized: boolean;
}

export interface Article extends FeedItem {
  body: string;
  source: string;
  author: { id: number; name: string } | null;
  brands: string[];
  series?: string[];
  counts: { views: number; comments: number; favorites: number; shares: number };
}

/** Page size of the feed: ten cards fill two phone screens and come back fast on slow networks. */
export const FEED_PAGE_SIZE = 10;

export const getColumns = (lang: Lang, signal?: AbortSignal) =>
  api<Column[]>('/columns', { query: { lang }, signal });
export const getTags = (lang: Lang, signal?: AbortSignal) => api<Tag[]>('/tags', { query: { lang }, signal });
export const getBrands = (lang: Lang, signal?: AbortSignal) =>
  api<Brand[]>('/brands', { query: { lang }, signal });

export const getFeed = (
  options: { column?: string; cursor?: string; lang: Lang; region?: string },
  signal?: AbortSignal,
) => api<FeedPage>('/feed', { query: { ...options, limit: FEED_PAGE_SIZE }, signal });

/** "Not interested": the article leaves the member's feed and its tags and brands are pushed down. */
export const markNotInterested = (id: number) =>
  api<{ recorded: boolean }>(`/articles/${id}/not-interested`, { method: 'POST' });

export const getArticle = (id: number, signal?: AbortSignal) => api<Article>(`/articles/${id}`, { signal });
