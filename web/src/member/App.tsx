/** The member app: top bar, the page for the current path, and the bottom tab bar. */
import { type ReactNode, useLayoutEffect } from 'react';
import { navigationType, useLocation } from '../shared/router.tsx';
import { GuardianGate, SessionMessage } from './components/GuardianGate.tsx';
import { ServiceBanner } from './components/ServiceBanner.tsx';
import { type Tab, TabBar } from './components/TabBar.tsx';
import { TopBar } from './components/TopBar.tsx';
import { ArticlePage } from './pages/ArticlePage.tsx';
import { BindPhonePage } from './pages/BindPhonePage.tsx';
import { CancelAccountPage } from './pages/CancelAccountPage.tsx';
import { ColumnsPage } from './pages/ColumnsPage.tsx';
import { FavoritesPage, FollowsPage, HistoryPage } from './pages/EngagementPages.tsx';
import { EntityPage } from './pages/EntityPage.tsx';
import { ExportPage } from './pages/ExportPage.tsx';
import { GuardianAccessPage } from './pages/GuardianAccessPage.tsx';
import { GuardianPage } from './pages/GuardianPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { IdentitiesPage } from './pages/IdentitiesPage.tsx';
import { InterestsPage } from './pages/InterestsPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { MePage } from './pages/MePage.tsx';
import { MyCommentsPage } from './pages/MyCommentsPage.tsx';
import { NearbyPage } from './pages/NearbyPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { NoticesPage } from './pages/NoticesPage.tsx';
import { PasswordPage } from './pages/PasswordPage.tsx';
import { PolicyPage } from './pages/PolicyPage.tsx';
import { PrivacyPage } from './pages/PrivacyPage.tsx';
import { ProfilePage } from './pages/ProfilePage.tsx';
import { RegisterPage } from './pages/RegisterPage.tsx';
import { RequestsPage } from './pages/RequestsPage.tsx';
import { ResetPasswordPage } from './pages/ResetPasswordPage.tsx';
import { SearchHistoryPage } from './pages/SearchHistoryPage.tsx';
import { SearchPage } from './pages/SearchPage.tsx';
import { SessionsPage } from './pages/SessionsPage.tsx';
import { TagsPage } from './pages/TagsPage.tsx';
import { ReferenceProvider } from './reference.tsx';
import { SessionProvider } from './session.tsx';

/** Pages without a tab of their own (account forms, sub-pages of 我的). */
const PAGES: Record<string, () => ReactNode> = {
  '/login': () => <LoginPage />,
  '/register': () => <RegisterPage />,
  '/reset-password': () => <ResetPasswordPage />,
  '/bind-phone': () => <BindPhonePage />,
  '/privacy': () => <PrivacyPage />,
  '/privacy/policy': () => <PolicyPage />,
  '/me/profile': () => <ProfilePage />,
  '/me/tags': () => <TagsPage />,
  '/me/columns': () => <ColumnsPage />,
  '/me/sessions': () => <SessionsPage />,
  '/me/identities': () => <IdentitiesPage />,
  '/me/password': () => <PasswordPage />,
  '/me/guardian': () => <GuardianPage />,
  '/me/favorites': () => <FavoritesPage />,
  '/me/follows': () => <FollowsPage />,
  '/me/history': () => <HistoryPage />,
  '/me/comments': () => <MyCommentsPage />,
  '/me/search-history': () => <SearchHistoryPage />,
  '/me/interests': () => <InterestsPage />,
  '/guardian': () => <GuardianAccessPage />,
  '/notices': () => <NoticesPage />,
  '/search': () => <SearchPage />,
  '/nearby': () => <NearbyPage />,
  '/privacy/requests': () => <RequestsPage />,
  '/privacy/export': () => <ExportPage />,
  '/privacy/cancel': () => <CancelAccountPage />,
};

function route(pathname: string): { page: ReactNode; tab?: Tab } {
  if (pathname === '/') return { page: <HomePage />, tab: 'home' };
  if (pathname === '/me') return { page: <MePage />, tab: 'me' };
  const page = PAGES[pathname];
  if (page) return { page: page() };
  const article = /^\/articles\/(\d{1,15})$/.exec(pathname);
  if (article) {
    const id = Number(article[1]);
    return { page: <ArticlePage key={id} id={id} /> };
  }
  const entity = /^\/(tags|brands|series)\/([a-z0-9][a-z0-9-]{0,39})$/.exec(pathname);
  if (entity) {
    const kind = entity[1] === 'series' ? 'series' : entity[1] === 'tags' ? 'tag' : 'brand';
    return { page: <EntityPage key={pathname} kind={kind} id={entity[2]} /> };
  }
  return { page: <NotFoundPage /> };
}

export function App() {
  const { pathname } = useLocation();
  const { page, tab } = route(pathname.replace(/\/+$/, '') || '/');
  // Back/forward to a page other than the feed (which restores its own position) starts at the top.
  useLayoutEffect(() => {
    if (navigationType() === 'pop' && pathname !== '/') window.scrollTo(0, 0);
  }, [pathname]);
  return (
    <ReferenceProvider>
      <SessionProvider>
        <div className={tab ? 'app with-tab-bar' : 'app'}>
          <TopBar />
          <GuardianGate />
          <ServiceBanner />
          <main>
            <SessionMessage />
            {page}
          </main>
          {tab && <TabBar active={tab} />}
        </div>
      </SessionProvider>
    </ReferenceProvider>
  );
}
