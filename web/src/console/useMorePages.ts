/**
 * "More" paging for console tables: the first page comes from the loader, later ones are
 * appended as the operator asks for them. One place for the cursor, loading and error state.
 */
import { useState } from 'react';
import type { ApiError } from '../shared/api.ts';
import { toApiError } from '../shared/useAsync.ts';

export interface Paged<T> {
  items: T[];
  nextCursor: string | null;
}

export function useMorePages<T>(first: Paged<T>, fetchPage: (before: string) => Promise<Paged<T>>) {
  const [more, setMore] = useState<Paged<T>>({ items: [], nextCursor: null });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const items = [...first.items, ...more.items];
  const cursor = more.items.length > 0 ? more.nextCursor : first.nextCursor;

  const loadMore = async () => {
    if (!cursor) return;
    setLoading(true);
    setError(undefined);
    try {
      const page = await fetchPage(cursor);
      setMore((m) => ({ items: [...m.items, ...page.items], nextCursor: page.nextCursor }));
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setLoading(false);
    }
  };

  return { items, cursor, loading, error, loadMore };
}
