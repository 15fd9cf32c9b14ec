import { useI18n } from '../../i18n/index.tsx';
import { navigate, useLocation } from '../../shared/router.tsx';
import { useTitle } from '../../shared/useTitle.ts';
import { ColumnTabs } from '../components/ColumnTabs.tsx';
import { Feed } from '../components/Feed.tsx';
import type { Column } from '../content.ts';
import { useReference } from '../reference.tsx';
import { useSession } from '../session.tsx';

/** The member's My Column, in their order; every column for readers without one. */
function tabColumns(all: Column[] | undefined, mine: string[] | null): Column[] | undefined {
  if (!all || !mine) return all;
  const chosen = mine.map((id) => all.find((c) => c.id === id)).filter((c): c is Column => Boolean(c));
  return chosen.length > 0 ? chosen : all;
}

export function HomePage() {
  const { t } = useI18n();
  const { search } = useLocation();
  const column = search.get('column') || undefined;
  const { reference, error, reload } = useReference();
  const { member, myColumns } = useSession();
  useTitle(`${t('app.name')} · ${t('app.tagline')}`);

  const select = (next: string | undefined) => {
    // Replace, not push: tabs are a view of one page, and "back" should leave the page.
    navigate(next ? `/?column=${encodeURIComponent(next)}` : '/', { replace: true });
    window.scrollTo(0, 0);
  };

  return (
    <>
      <ColumnTabs
        columns={tabColumns(reference?.columns, member ? myColumns : null)}
        active={column}
        onSelect={select}
      />
      <Feed key={column ?? ''} column={column} reference={reference} onRetry={() => error && reload()} />
    </>
  );
}
