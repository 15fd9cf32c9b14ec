import { useI18n } from '../../i18n/index.tsx';
import { LanguageSwitch } from '../../shared/LanguageSwitch.tsx';
import { Link } from '../../shared/router.tsx';
import { SearchIcon } from './icons.tsx';

export function TopBar() {
  const { t } = useI18n();
  return (
    <header className="top-bar">
      <Link to="/" className="brand" aria-label={t('app.name')}>
        <img src="/icons/icon.svg" alt="" width="28" height="28" />
        <span className="brand-name">{t('app.name')}</span>
      </Link>
      <Link to="/search" className="top-bar-search" aria-label={t('search.open')} data-testid="open-search">
        <SearchIcon />
      </Link>
      <LanguageSwitch />
    </header>
  );
}
