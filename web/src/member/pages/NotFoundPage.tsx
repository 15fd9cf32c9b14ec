import { useI18n } from '../../i18n/index.tsx';
import { Link } from '../../shared/router.tsx';
import { useTitle } from '../../shared/useTitle.ts';
import { EmptyState } from '../components/States.tsx';

export function NotFoundPage() {
  const { t } = useI18n();
  useTitle(`${t('notFound.title')} · CCM`);
  return (
    <EmptyState title={t('notFound.title')} body={t('notFound.body')}>
      <Link to="/" className="button">
        {t('article.backHome')}
      </Link>
    </EmptyState>
  );
}
