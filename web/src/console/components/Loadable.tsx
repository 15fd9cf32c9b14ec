/**
 * Loading, failure and permission states shared by the console pages: 401 goes back to the
 * sign-in form, 403 says plainly that the role may not see the page.
 */
import { type ReactNode, useEffect } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import type { AsyncState } from '../../shared/useAsync.ts';
import { useSession } from '../session.tsx';

export function Loadable<T>({
  state,
  children,
}: {
  state: AsyncState<T> & { reload(): void };
  children(data: T): ReactNode;
}) {
  const { t } = useI18n();
  const { staff, expire } = useSession();
  const unauthenticated = state.status === 'error' && state.error.status === 401;
  useEffect(() => {
    if (unauthenticated) expire();
  }, [unauthenticated, expire]);

  if (state.status === 'loading') {
    return (
      <p className="muted" role="status">
        {t('console.loading')}
      </p>
    );
  }
  if (state.status === 'ready') return <>{children(state.data)}</>;
  if (unauthenticated) return null;
  if (state.error.code === 'auth.forbidden') return <Forbidden role={t(`console.role.${staff.role}`)} />;
  return (
    <div className="notice notice-error" role="alert">
      <p>
        <strong>{t('error.title')}</strong>{' '}
        {state.error.status === 0 ? t('error.network') : t('error.server')}
      </p>
      <button type="button" className="button button-quiet" onClick={state.reload}>
        {t('error.retry')}
      </button>
    </div>
  );
}

export function Forbidden({ role }: { role: string }) {
  const { t } = useI18n();
  return (
    <div className="notice notice-forbidden" role="alert" data-testid="forbidden">
      <h2>{t('console.forbidden.title')}</h2>
      <p>{t('console.forbidden.body', { role })}</p>
    </div>
  );
}
