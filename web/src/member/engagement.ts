/**
 * Favourites, shares, follows, the following feed and browsing history as the member app uses them
 * (shapes from src/modules/engagement/schemas.ts), and the behaviour beacons: a view with its
 * dwell time when the reader leaves an article, and list clicks in small batches. The server keeps
 * a member's record of them only under personalisation consent; for everyone else they move the
 * aggregate counters and nothing more.
 */
import type { Lang } from '../i18n/index.tsx';
import { analyticsHeader } from '../shared/analytics-choice.ts';
import { api, apiUrl, readCookie } from '../shared/api.ts';
import type { FeedItem, FeedPage } from './content.ts';

export type FollowKind = 'author' | 'column' | 'tag' | 'brand';
export interface FollowTarget {
  kind: FollowKind;
  id: string;
  name: string;
  following: boolean;
}
export interface Follow {
  kind: FollowKind;
  id: string;
  name: string;
  followedAt: string;
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
export type FavoriteItem = FeedItem & { favoritedAt: string };
export type HistoryItem = FeedItem & { lastViewedAt: string; views: number };
export type ClickSource = 'feed' | 'following' | 'search' | 'favorites' | 'history' | 'article';

const PAGE = 20;

export const getArticleActions = (id: number, lang: Lang, signal?: AbortSignal) =>
  api<{ favorited: boolean; targets: FollowTarget[] }>(`/articles/${id}/actions`, {
    query: { lang },
    signal,
  });

export const setFavorite = (id: number, on: boolean) =>
  api<void>(`/me/favorites/${id}`, { method: on ? 'PUT' : 'DELETE' });
export const getFavorites = (cursor?: string, signal?: AbortSignal) =>
  api<Page<FavoriteItem>>('/me/favorites', { query: { cursor, limit: PAGE }, signal });

export const setFollow = (kind: FollowKind, id: string, on: boolean) =>
  api<void>(`/me/follows/${kind}/${encodeURIComponent(id)}`, { method: on ? 'PUT' : 'DELETE' });
export const getFollows = (lang: Lang, signal?: AbortSignal) =>
  api<{ items: Follow[] }>('/me/follows', { query: { lang }, signal });
export const getFollowingFeed = (cursor?: string, signal?: AbortSignal) =>
  api<FeedPage>('/me/following/feed', { query: { cursor, limit: 10 }, signal });

export const getHistory = (cursor?: string, signal?: AbortSignal) =>
  api<Page<HistoryItem>>('/me/history', { query: { cursor, limit: PAGE }, signal });
export const deleteHistoryItem = (id: number) => api<void>(`/me/history/${id}`, { method: 'DELETE' });
export const clearHistory = () => api<void>('/me/history', { method: 'DELETE' });

export type ShareChannel = 'system' | 'link';
export const shareArticle = (id: number, channel: ShareChannel) =>
  api<{ url: string }>(`/articles/${id}/shares`, { method: 'POST', body: { channel } });

/** A POST that outlives the page (the reader may be closing the tab); failures are ignored. */
function beacon(path: string, body: unknown) {
  const csrf = readCookie('ccm_csrf');
  fetch(apiUrl(path), {
    method: 'POST',
    keepalive: true,
    credentials: 'same-origin',
    headers: {
      'content-type': 'application/json',
      ...(csrf ? { 'x-csrf-token': csrf } : {}),
      ...analyticsHeader(),
    },
    body: JSON.stringify(body),
  }).catch(() => {});
}

/** Sent once when the reader leaves the article (or hides the tab), with the time spent reading. */
export function sendView(id: number, dwellMs: number) {
  beacon(`/articles/${id}/views`, { dwellMs: Math.max(0, Math.min(Math.round(dwellMs), 86_400_000)) });
}

const queue: { type: 'click'; articleId: number; source: ClickSource; position: number }[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;

function flush() {
  clearTimeout(timer);
  timer = undefined;
  while (queue.length > 0) beacon('/events', { events: queue.splice(0, 50) });
}
if (typeof window !== 'undefined') window.addEventListener('pagehide', flush);

/** Records a click on an article in a list; sent in batches a moment later. */
export function recordClick(articleId: number, source: ClickSource, position: number) {
  queue.push({ type: 'click', articleId, source, position });
  timer ??= setTimeout(flush, 2_000);
}

/**
 * A click handler for a list container: a click on an article link inside one of its `<li>`
 * records the article, the list and the item's position. Lists need no change of their own.
 */
export function clicksOf(source: ClickSource) {
  return (e: { target: EventTarget | null; currentTarget: HTMLElement }) => {
    const link = (e.target as Element | null)?.closest?.('a[href^="/articles/"]');
    if (!link) return;
    const id = Number(/^\/articles\/(\d+)/.exec(link.getAttribute('href') ?? '')?.[1]);
    if (!Number.isSafeInteger(id) || id <= 0) return;
    const item = link.closest('li');
    const items = item?.parentElement ? [...item.parentElement.children] : [];
    recordClick(id, source, item ? Math.max(0, items.indexOf(item)) : 0);
  };
}
