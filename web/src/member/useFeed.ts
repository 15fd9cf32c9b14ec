/**
 * The feed of one column, page by page. Pages already loaded and the scroll position are kept in
 * memory per column, so coming back from an article shows the same list at the same place
 * instead of starting over.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Lang } from '../i18n/index.tsx';
import type { ApiError } from '../shared/api.ts';
import { isAbort } from '../shared/api.ts';
import { toApiError } from '../shared/useAsync.ts';
import { type FeedItem, getFeed } from './content.ts';

export interface FeedState {
  items: FeedItem[];
  nextCursor: string | null;
  /** Whether the server ranked this list for the member (reasons on each item). */
  personalized?: boolean;
  status: 'loading' | 'ready' | 'loadingMore' | 'error' | 'errorMore';
  error?: ApiError;
}

interface Kept {
  items: FeedItem[];
  nextCursor: string | null;
  personalized: boolean;
  scrollY: number;
  at: number;
}

/** Kept lists older than this are loaded afresh: news moves on. */
const KEEP_MS = 10 * 60_000;
const kept = new Map<string, Kept>();

function keptFor(key: string): Kept | undefined {
  const k = kept.get(key);
  if (k && Date.now() - k.at > KEEP_MS) kept.delete(key);
  return kept.get(key);
}

/**
 * Forgets every kept list: after a change that reorders the feed (personalisation switched, an
 * interest deleted, signing in or out) the next visit loads it afresh.
 */
export function forgetKeptFeeds(): void {
  kept.clear();
}

const keyOf = (lang: Lang, column: string | undefined, region: string | undefined) =>
  `${lang}|${column ?? ''}|${region ?? ''}`;

/** Where the reader was in this column's list, if it was seen before in this page's life. */
export const keptScroll = (column: string | undefined, lang: Lang, region?: string) =>
  keptFor(keyOf(lang, column, region))?.scrollY;

/** One column's feed; with `region`, the first page leads with that province's regional items. */
export function useFeed(column: string | undefined, lang: Lang, region?: string) {
  const key = keyOf(lang, column, region);
  const [state, setState] = useState<FeedState>(() => {
    const k = keptFor(key);
    return k
      ? { items: k.items, nextCursor: k.nextCursor, personalized: k.personalized, status: 'ready' }
      : { items: [], nextCursor: null, personalized: false, status: 'loading' };
  });
  const inFlight = useRef<AbortController | null>(null);

  const fetchPage = useCallback(
    (cursor?: string) => {
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      setState((s) => ({ ...s, status: cursor ? 'loadingMore' : 'loading', error: undefined }));
      getFeed({ column, cursor, lang, region }, controller.signal).then(
        (page) =>
          setState((s) => ({
            // A hot score that moved between two pages can bring an article back: show it once.
            items: cursor
              ? [...s.items, ...page.items.filter((i) => !s.items.some((x) => x.id === i.id))]
              : page.items,
            nextCursor: page.nextCursor,
            personalized: page.personalized,
            status: 'ready',
          })),
        (err: unknown) => {
          if (isAbort(err)) return;
          setState((s) => ({ ...s, status: cursor ? 'errorMore' : 'error', error: toApiError(err) }));
        },
      );
    },
    [column, lang, region],
  );

  // First page, unless this column's pages were kept from an earlier visit.
  useEffect(() => {
    if (!keptFor(key)) fetchPage();
    return () => inFlight.current?.abort();
  }, [key, fetchPage]);

  useEffect(() => {
    if (state.status !== 'ready') return;
    const previous = kept.get(key);
    kept.set(key, {
      items: state.items,
      nextCursor: state.nextCursor,
      personalized: state.personalized === true,
      scrollY: previous?.scrollY ?? 0,
      at: previous && previous.items.length > 0 ? previous.at : Date.now(),
    });
  }, [key, state]);

  // The position is recorded while scrolling: by the time the page is left it may already be reset.
  useEffect(() => {
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const k = kept.get(key);
        if (k) k.scrollY = window.scrollY;
      });
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', onScroll);
    };
  }, [key]);

  const loadMore = useCallback(() => {
    if (state.nextCursor && (state.status === 'ready' || state.status === 'errorMore'))
      fetchPage(state.nextCursor);
  }, [state.nextCursor, state.status, fetchPage]);

  const retry = useCallback(() => {
    if (state.status === 'errorMore') fetchPage(state.nextCursor ?? undefined);
    else fetchPage();
  }, [state.status, state.nextCursor, fetchPage]);

  /** Takes an item out of the list (marked "not interested"). */
  const remove = useCallback((id: number) => {
    setState((s) => ({ ...s, items: s.items.filter((i) => i.id !== id) }));
  }, []);

  return { ...state, loadMore, retry, remove };
}
