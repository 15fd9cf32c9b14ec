/** The member app's tag, brand and series pages: their feeds and a brand's series (public API). */
import type { Lang } from '../i18n/index.tsx';
import { api } from '../shared/api.ts';
import { FEED_PAGE_SIZE, type FeedPage } from './content.ts';

export const ENTITY_KINDS = ['tag', 'brand', 'series'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export interface Series {
  id: string;
  brandId: string;
  classTagId: string;
  name: string;
}

/** The path of an entity's page: /tags/{id}, /brands/{id}, /series/{id}. */
export const entityPath = (kind: EntityKind, id: string) =>
  `/${kind === 'series' ? 'series' : `${kind}s`}/${encodeURIComponent(id)}`;

export const getEntityFeed = (
  kind: EntityKind,
  id: string,
  options: { sort: 'hot' | 'new'; cursor?: string },
  signal?: AbortSignal,
) => api<FeedPage>('/feed', { query: { [kind]: id, ...options, limit: FEED_PAGE_SIZE }, signal });

export const getSeries = (lang: Lang, brand: string | undefined, signal?: AbortSignal) =>
  api<Series[]>('/series', { query: { lang, brand }, signal });
