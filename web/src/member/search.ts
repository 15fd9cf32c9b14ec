/** The search API as the member app uses it, and the device-side search history. */
import { api } from '../shared/api.ts';
import type { FeedItem } from './content.ts';

export interface SearchItem extends FeedItem {
  highlight: { title: string; summary: string };
}
export interface SearchPage {
  items: SearchItem[];
  nextCursor: string | null;
}
export interface Suggestion {
  kind: 'title' | 'tag' | 'brand' | 'series';
  id: string;
  text: string;
}
export interface SearchFilters {
  q: string;
  column?: string;
  tag?: string;
  from?: string;
  to?: string;
}

export const SEARCH_PAGE_SIZE = 10;

export const searchArticles = (f: SearchFilters, cursor: string | undefined, signal?: AbortSignal) =>
  api<SearchPage>('/search', { query: { ...f, cursor, limit: SEARCH_PAGE_SIZE }, signal });

export const suggest = (q: string, lang: string, signal?: AbortSignal) =>
  api<{ items: Suggestion[] }>('/search/suggest', { query: { q, lang }, signal });

/** The search history lives in this browser only (policy 2.4); the server is never sent it. */
const HISTORY_KEY = 'ccm.search.history';
const HISTORY_MAX = 10;

export function readHistory(): string[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(HISTORY_KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, HISTORY_MAX) : [];
  } catch {
    return [];
  }
}

export function rememberQuery(q: string): string[] {
  const next = [q, ...readHistory().filter((x) => x !== q)].slice(0, HISTORY_MAX);
  try {
    localStorage.setItem(HISTORY_KEY, JSON.stringify(next));
  } catch {}
  return next;
}

export function clearHistory(): void {
  try {
    localStorage.removeItem(HISTORY_KEY);
  } catch {}
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};
const unescapeHtml = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]);

/**
 * A highlight string from the server (escaped text with <mark> around matches) as pieces to render
 * as text nodes: nothing from it is ever parsed as HTML.
 */
export function highlightPieces(s: string): { text: string; mark: boolean }[] {
  return s
    .split(/(<mark>.*?<\/mark>)/)
    .filter(Boolean)
    .map((part) =>
      part.startsWith('<mark>') && part.endsWith('</mark>')
        ? { text: unescapeHtml(part.slice(6, -7)), mark: true }
        : { text: unescapeHtml(part), mark: false },
    );
}

/** A search the server keeps for the member (only under the personalisation consent). */
export interface KeptSearch {
  id: number;
  query: string;
  createdAt: string;
}
export const getKeptSearches = (signal?: AbortSignal) =>
  api<{ items: KeptSearch[] }>('/me/search-history', { signal });
export const deleteKeptSearch = (id: number) => api<void>(`/me/search-history/${id}`, { method: 'DELETE' });
export const clearKeptSearches = () => api<{ deleted: number }>('/me/search-history', { method: 'DELETE' });
