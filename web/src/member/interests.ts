/** The member's interest profile on the server: list, delete one, clear all. */
import type { Lang } from '../i18n/index.tsx';
import { api } from '../shared/api.ts';

export type InterestKind = 'tag' | 'brand' | 'column' | 'author';
export type InterestSource =
  | 'registration'
  | 'view'
  | 'favorite'
  | 'comment'
  | 'share'
  | 'follow'
  | 'not_interested';

export interface Interest {
  tag: string;
  kind: InterestKind;
  id: string;
  name: string;
  weight: number;
  source: InterestSource;
  sources: { source: InterestSource; at: string | null; delta: number; articleId?: number }[];
  reinforcedAt: string | null;
}

export const getInterests = (lang: Lang, signal?: AbortSignal) =>
  api<Interest[]>('/me/interests', { query: { lang }, signal });
export const deleteInterest = (key: string) =>
  api<void>(`/me/interests/${encodeURIComponent(key)}`, { method: 'DELETE' });
export const clearInterests = (behaviour: boolean) =>
  api<void>('/me/interests', { method: 'DELETE', query: { behaviour: String(behaviour) } });
