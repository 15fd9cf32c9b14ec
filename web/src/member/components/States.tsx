/** The empty and the failed states of a list or page: what happened, and what the reader can do. */
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import type { ApiError } from '../../shared/api.ts';
import { AlertIcon, InboxIcon } from './icons.tsx';

export function EmptyState({
  title,
  body,
  children,
}: {
  title: string;
  body?: string;
  children?: ReactNode;
}) {
  return (
    <div className="state" data-testid="empty-state">
      <InboxIcon />
      <h2>{title}</h2>
      {body && <p>{body}</p>}
      {children}
    </div>
  );
}

export function ErrorState({
  error,
  onRetry,
  compact,
}: {
  error: ApiError;
  onRetry(): void;
  compact?: boolean;
}) {
  const { t } = useI18n();
  const message = error.status === 0 ? t('error.network') : t('error.server');
  return (
    <div className={compact ? 'state state-compact' : 'state'} role="alert" data-testid="error-state">
      <AlertIcon />
      <h2>{t('error.title')}</h2>
      <p>{message}</p>
      <button type="button" className="button" onClick={onRetry}>
        {t('error.retry')}
      </button>
    </div>
  );
}
