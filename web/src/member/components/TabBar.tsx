import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { Link } from '../../shared/router.tsx';
import { HomeIcon, MeIcon } from './icons.tsx';

export type Tab = 'home' | 'me';

export function TabBar({ active }: { active: Tab }) {
  const { t } = useI18n();
  const tabs: { id: Tab; to: string; label: string; icon: ReactNode }[] = [
    { id: 'home', to: '/', label: t('nav.home'), icon: <HomeIcon /> },
    { id: 'me', to: '/me', label: t('nav.me'), icon: <MeIcon /> },
  ];
  return (
    <nav className="tab-bar" aria-label={t('nav.main')}>
      {tabs.map((tab) => (
        <Link key={tab.id} to={tab.to} className="tab" aria-current={active === tab.id ? 'page' : undefined}>
          {tab.icon}
          <span>{tab.label}</span>
        </Link>
      ))}
    </nav>
  );
}
