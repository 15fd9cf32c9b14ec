import { useI18n } from '../../i18n/index.tsx';
import { navigate, useLocation } from '../../shared/router.tsx';
import { useTitle } from '../../shared/useTitle.ts';
import { ColumnTabs } from '../components/ColumnTabs.tsx';
import { Feed } from '../components/Feed.tsx';
import { useReference } from '../reference.tsx';

export function HomePage() {
  const { t } = useI18n();
  const { search } = useLocation();
  const column = search.get('column') || undefined;
  const { reference, error, reload } = useReference();
  useTitle(`${t('app.name')} · ${t('app.tagline')}`);

  const select = (next: string | undefined) => {
    // Replace, not push: tabs are a view of one page, and "back" should leave the page.
    navigate(next ? `/?column=${encodeURIComponent(next)}` : '/', { replace: true });
    window.scrollTo(0, 0);
  };

  return (
    <>
      <ColumnTabs columns={reference?.columns} active={column} onSelect={select} />
      <Feed key={column ?? ''} column={column} reference={reference} onRetry={() => error && reload()} />
    </>
  );
}
