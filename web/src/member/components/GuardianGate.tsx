/**
 * The guardian gate in the app: a child's account waiting for a guardian's consent is sent from
 * the member pages to the guardian page (the few pages the server still serves stay open), and
 * the signed-out home says why the session ended after a guardian refused.
 */
import { useEffect } from 'react';
import { navigate, useLocation } from '../../shared/router.tsx';
import { guardianGated } from '../account.ts';
import { useSession } from '../session.tsx';
import { Notice } from './Form.tsx';

/** Pages a gated child may still open: correcting the birthday, devices, privacy, the flow itself. */
const OPEN = new Set(['/me/guardian', '/me/profile', '/me/sessions', '/privacy']);

export function GuardianGate() {
  const { pathname } = useLocation();
  const session = useSession();
  const gated = guardianGated(session.member);
  const path = pathname.replace(/\/+$/, '') || '/';
  useEffect(() => {
    if (gated && (path === '/me' || path.startsWith('/me/')) && !OPEN.has(path))
      navigate('/me/guardian', { replace: true });
  }, [gated, path]);
  return null;
}

/** The message left by a session the server ended, shown on the home page until the reader leaves it. */
export function SessionMessage() {
  const { pathname } = useLocation();
  const { message, clearMessage } = useSession();
  const home = pathname === '/';
  useEffect(() => {
    if (!home && message) clearMessage();
  }, [home, message, clearMessage]);
  if (!home || !message) return null;
  return (
    <div className="session-message" data-testid="session-message">
      <Notice kind="info">{message}</Notice>
    </div>
  );
}
