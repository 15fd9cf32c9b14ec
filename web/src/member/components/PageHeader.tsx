/** The top of a sub-page: "返回" (back in the app's history, or to `fallback`) and the page's title. */
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { goBack } from '../../shared/router.tsx';
import { BackIcon } from './icons.tsx';

export function PageHeader({
  title,
  fallback,
  children,
}: {
  title: string;
  fallback: string;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <header className="page-header">
      <a
        className="back-link"
        href={fallback}
        onClick={(e) => {
          e.preventDefault();
          goBack(fallback);
        }}
      >
        <BackIcon />
        {t('article.back')}
      </a>
      <h1 className="page-title">{title}</h1>
      {children}
    </header>
  );
}
