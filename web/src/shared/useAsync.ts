/**
 * Loads something when `key` changes, cancelling the previous load, with a `reload` for retry
 * buttons. The loader is read from a ref so callers can pass an inline function.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, isAbort } from './api.ts';

export type AsyncState<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: ApiError };

export const toApiError = (err: unknown) =>
  err instanceof ApiError
    ? err
    : new ApiError(0, 'client.error', err instanceof Error ? err.message : String(err));

export function useAsync<T>(
  key: string,
  load: (signal: AbortSignal) => Promise<T>,
): AsyncState<T> & { reload(): void } {
  const [state, setState] = useState<AsyncState<T> & { key: string }>({ status: 'loading', key });
  const [attempt, setAttempt] = useState(0);
  const loader = useRef(load);
  loader.current = load;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry trigger
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading', key });
    loader.current(controller.signal).then(
      (data) => setState({ status: 'ready', data, key }),
      (err: unknown) => {
        if (!isAbort(err)) setState({ status: 'error', error: toApiError(err), key });
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  // Until the effect for a new key has run, the previous key's data must not show.
  if (state.key !== key) return { status: 'loading', reload };
  return { ...state, reload };
}
