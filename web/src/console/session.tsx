/** Who is signed in, for every console page; `expire` returns to the sign-in form. */
import { createContext, useContext } from 'react';
import type { Staff } from './consoleApi.ts';

export interface ConsoleSession {
  staff: Staff;
  /** The server no longer knows the session (expired, signed out elsewhere). */
  expire(): void;
}

export const SessionContext = createContext<ConsoleSession | null>(null);

export function useSession(): ConsoleSession {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession needs a signed-in console');
  return value;
}
