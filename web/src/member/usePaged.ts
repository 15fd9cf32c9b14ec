/** A cursor-paginated list loaded page by page, with removal of items the member deletes. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../shared/api.ts';
import { isAbort } from '../shared/api.ts';
import { toApiError } from '../shared/useAsync.ts';

export interface Paged<T> {
  items: T[];
  nextCursor: string | null;
  status: 'loading' | 'ready' | 'loadingMore' | 'error';
  error?: ApiError;
}

export function usePaged<T>(
  key: string,
  load: (
    cursor: string | undefined,
    signal: AbortSignal,
  ) => Promise<{ items: T[]; nextCursor: string | null }>,
) {
  const [state, setState] = useState<Paged<T>>({ items: [], nextCursor: null, status: 'loading' });
  const loader = useRef(load);
  loader.current = load;
  const inFlight = useRef<AbortController | null>(null);

  const fetchPage = useCallback((cursor?: string) => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    setState((s) => ({ ...s, status: cursor ? 'loadingMore' : 'loading', error: undefined }));
    loader.current(cursor, controller.signal).then(
      (page) =>
        setState((s) => ({
          items: cursor ? [...s.items, ...page.items] : page.items,
          nextCursor: page.nextCursor,
          status: 'ready',
        })),
      (err: unknown) => {
        if (!isAbort(err)) setState((s) => ({ ...s, status: 'error', error: toApiError(err) }));
      },
    );
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the reload trigger
  useEffect(() => {
    fetchPage();
    return () => inFlight.current?.abort();
  }, [key, fetchPage]);

  return {
    ...state,
    loadMore: () => state.nextCursor && state.status === 'ready' && fetchPage(state.nextCursor),
    retry: () => fetchPage(),
    remove: (keep: (item: T) => boolean) => setState((s) => ({ ...s, items: s.items.filter(keep) })),
    clear: () => setState({ items: [], nextCursor: null, status: 'ready' }),
  };
}
