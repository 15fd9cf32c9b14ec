/**
 * A tiny History-API router: the current path as React state, `navigate`, and a `Link` that
 * navigates without reloading. Both apps have a handful of routes, which a dependency would not
 * make simpler.
 */
import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();

export type NavigationType = 'load' | 'push' | 'replace' | 'pop';
let lastNavigation: NavigationType = 'load';
/** How the current entry was reached: pages restore their scroll position only on 'pop' (back/forward). */
export const navigationType = () => lastNavigation;
// Registered at import, before any subscriber, so subscribers already see 'pop'.
window.addEventListener('popstate', () => {
  lastNavigation = 'pop';
});

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

/** History entries pushed by the app are marked, so "back" knows it stays inside the app. */
interface AppState {
  inApp: true;
}

export function navigate(to: string, options: { replace?: boolean } = {}) {
  if (to === snapshot()) return;
  const state: AppState = { inApp: true };
  lastNavigation = options.replace ? 'replace' : 'push';
  if (options.replace) window.history.replaceState(state, '', to);
  else {
    window.history.pushState(state, '', to);
    // A new page starts at its top; going back restores positions (see the feed cache).
    window.scrollTo(0, 0);
  }
  for (const listener of listeners) listener();
}

/** Back within the app when there is somewhere to go back to, otherwise to `fallback`. */
export function goBack(fallback: string) {
  if ((window.history.state as AppState | null)?.inApp) window.history.back();
  else navigate(fallback, { replace: true });
}

export function useLocation(): { pathname: string; search: URLSearchParams } {
  const current = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(current, window.location.origin);
  return { pathname: url.pathname, search: url.searchParams };
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string; replace?: boolean };

export function Link({ to, replace, onClick, ...rest }: LinkProps) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    // Let the browser handle new tabs, downloads and modified clicks.
    if (
      e.defaultPrevented ||
      e.button !== 0 ||
      e.metaKey ||
      e.ctrlKey ||
      e.shiftKey ||
      e.altKey ||
      rest.target
    )
      return;
    e.preventDefault();
    navigate(to, { replace });
  };
  return <a href={to} onClick={handle} {...rest} />;
}
