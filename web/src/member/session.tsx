/**
 * Who is reading: GET /me at start (401 → anonymous), the member or null for every page, and
 * sign-out. A session that ends elsewhere (this device signed out from another one, expiry) is
 * noticed on the next API answer `auth.unauthenticated` and the app turns anonymous at once.
 * The member's My Column (the home tabs) is loaded with the member. A child's account that waits
 * for a guardian's consent (any member call answering `guardian.consent_required`) is sent to the
 * guardian page.
 */

import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, onUnauthenticated } from '../shared/api.ts';
import { navigate } from '../shared/router.tsx';
import { toApiError } from '../shared/useAsync.ts';
import { getMe, getMyColumns, guardianGated, logout, type Me, onGuardianRequired } from './account.ts';
import { forgetKeptFeeds } from './useFeed.ts';

export type SessionStatus = 'loading' | 'anonymous' | 'member' | 'unreachable';

export interface Session {
  status: SessionStatus;
  member: Me | null;
  /** Why GET /me failed when the status is 'unreachable' (offline, server down). */
  error?: ApiError;
  retry(): void;
  /** After register, login or a bound third-party sign-in. */
  signedIn(member: Me): void;
  /** After a profile change: the fields the server answered with. */
  update(patch: Partial<Me>): void;
  signOut(): Promise<void>;
  /** GET /me again (after a guardian's consent), without the loading state in between. */
  refresh(): Promise<void>;
  /** The server ended the session itself (a guardian refused): anonymous, with `message` for home. */
  ended(message: string): void;
  /** A one-off message for the signed-out home page (after `ended`), until dismissed. */
  message: string | null;
  clearMessage(): void;
  /** The member's My Column in order; null when not customised (or unknown): every column shows. */
  myColumns: string[] | null;
  setMyColumns(columns: string[]): void;
}

const SessionContext = createContext<Session | null>(null);

type State = { status: SessionStatus; member: Me | null; error?: ApiError };

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ status: 'loading', member: null });
  const [attempt, setAttempt] = useState(0);
  const [myColumns, setMyColumnsState] = useState<string[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the check on retry
  useEffect(() => {
    const controller = new AbortController();
    getMe(controller.signal).then(
      (member) => setState({ status: 'member', member }),
      (err: unknown) => {
        if (controller.signal.aborted) return;
        const error = toApiError(err);
        setState(
          error.status === 401
            ? { status: 'anonymous', member: null }
            : { status: 'unreachable', member: null, error },
        );
      },
    );
    return () => controller.abort();
  }, [attempt]);

  useEffect(
    () =>
      onUnauthenticated(() =>
        setState((s) => (s.status === 'member' ? { status: 'anonymous', member: null } : s)),
      ),
    [],
  );

  useEffect(() => onGuardianRequired(() => navigate('/me/guardian')), []);

  const memberId = state.member?.id;
  const gated = guardianGated(state.member);
  useEffect(() => {
    setMyColumnsState(null);
    // Signed in or out: the feed's order is someone else's now.
    forgetKeptFeeds();
    // A child waiting for a guardian has no My Column yet (the server would refuse).
    if (memberId === undefined || gated) return;
    const controller = new AbortController();
    getMyColumns(controller.signal).then(
      (answer) => setMyColumnsState(answer.columns.length > 0 ? answer.columns : null),
      // Not available (yet): the home page shows every column, as for a reader without an account.
      () => undefined,
    );
    return () => controller.abort();
  }, [memberId, gated]);

  const signedIn = useCallback((member: Me) => setState({ status: 'member', member }), []);
  const update = useCallback(
    (patch: Partial<Me>) =>
      setState((s) => (s.member ? { status: 'member', member: { ...s.member, ...patch } } : s)),
    [],
  );
  const signOut = useCallback(async () => {
    try {
      await logout();
    } catch (err) {
      // Already signed out on the server: the signed-out state is right anyway.
      if (!(err instanceof ApiError && err.status === 401)) throw toApiError(err);
    }
    setState({ status: 'anonymous', member: null });
  }, []);
  const refresh = useCallback(async () => {
    const member = await getMe();
    setState({ status: 'member', member });
  }, []);
  const ended = useCallback((text: string) => {
    setState({ status: 'anonymous', member: null });
    setMessage(text);
  }, []);
  const clearMessage = useCallback(() => setMessage(null), []);
  const retry = useCallback(() => {
    setState({ status: 'loading', member: null });
    setAttempt((n) => n + 1);
  }, []);
  const setMyColumns = useCallback(
    (columns: string[]) => setMyColumnsState(columns.length > 0 ? columns : null),
    [],
  );

  const value = useMemo<Session>(
    () => ({
      ...state,
      retry,
      signedIn,
      update,
      signOut,
      refresh,
      ended,
      message,
      clearMessage,
      myColumns,
      setMyColumns,
    }),
    [state, retry, signedIn, update, signOut, refresh, ended, message, clearMessage, myColumns, setMyColumns],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession needs a <SessionProvider> above it');
  return value;
}
