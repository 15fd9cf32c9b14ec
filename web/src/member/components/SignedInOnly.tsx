/**
 * Pages of the signed-in member: while the session is checked, a placeholder; for a reader
 * without an account, an invitation to sign in that comes back to this page afterwards.
 */
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { Link, useLocation } from '../../shared/router.tsx';
import type { Me } from '../account.ts';
import { useSession } from '../session.tsx';
import { ErrorState } from './States.tsx';

export function SignedInOnly({ children }: { children(member: Me): ReactNode }) {
  const { t } = useI18n();
  const session = useSession();
  const { pathname } = useLocation();
  if (session.status === 'loading') {
    return (
      <p className="page-status" role="status">
        {t('console.loading')}
      </p>
    );
  }
  if (session.status === 'unreachable' && session.error)
    return <ErrorState error={session.error} onRetry={session.retry} />;
  if (!session.member) {
    return (
      <div className="state" data-testid="sign-in-required">
        <h2>{t('auth.required.title')}</h2>
        <p>{t('auth.required.body')}</p>
        <Link to={`/login?returnTo=${encodeURIComponent(pathname)}`} className="button">
          {t('auth.login')}
        </Link>
      </div>
    );
  }
  return <>{children(session.member)}</>;
}
