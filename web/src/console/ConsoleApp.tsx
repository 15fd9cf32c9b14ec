/**
 * The console shell: restore the session on load (GET /console/session), otherwise the sign-in
 * form; once signed in, the header (who, role, language, sign out), the navigation and the page.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { ApiError } from '../shared/api.ts';
import { LanguageSwitch } from '../shared/LanguageSwitch.tsx';
import { Link, navigate, useLocation } from '../shared/router.tsx';
import { useTitle } from '../shared/useTitle.ts';
import { restoreSession, type Staff, signOut } from './consoleApi.ts';
import { AccessLogPage } from './pages/AccessLogPage.tsx';
import { ArticleEditorPage } from './pages/ArticleEditorPage.tsx';
import { ArticlesPage } from './pages/ArticlesPage.tsx';
import { CalendarPage } from './pages/CalendarPage.tsx';
import { CommentModerationPage } from './pages/CommentModerationPage.tsx';
import { LedgerPage, PolicyVersionsPage, ThirdPartiesPage } from './pages/ConsentPages.tsx';
import { ArticleHistoryPage, ReviewQueuePage, ScheduledPage } from './pages/EditorialPages.tsx';
import { ErasuresPage } from './pages/ErasuresPage.tsx';
import { ExplainPage } from './pages/ExplainPage.tsx';
import { IncidentsPage } from './pages/IncidentsPage.tsx';
import { InventoryPage } from './pages/InventoryPage.tsx';
import { MembersPage } from './pages/MembersPage.tsx';
import { OverviewPage } from './pages/OverviewPage.tsx';
import { PinsPage } from './pages/PinsPage.tsx';
import { RankingParamsPage } from './pages/RankingParamsPage.tsx';
import { RequestsPage } from './pages/RequestsPage.tsx';
import { RetentionPage } from './pages/RetentionPage.tsx';
import { ServiceEndPage } from './pages/ServiceEndPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { TaxonomyPage } from './pages/TaxonomyPage.tsx';
import { type ConsoleSession, SessionContext } from './session.tsx';

type Auth =
  | { status: 'checking' }
  | { status: 'signedOut'; notice?: MessageKey }
  | { status: 'signedIn'; staff: Staff }
  | { status: 'unreachable'; error: ApiError };

const PAGES = [
  { path: '/console', label: 'console.nav.overview', Page: OverviewPage },
  { path: '/console/articles', label: 'console.nav.articles', Page: ArticlesPage },
  { path: '/console/review', label: 'console.nav.review', Page: ReviewQueuePage },
  { path: '/console/scheduled', label: 'console.nav.scheduled', Page: ScheduledPage },
  { path: '/console/taxonomy', label: 'console.nav.taxonomy', Page: TaxonomyPage },
  { path: '/console/pins', label: 'console.nav.pins', Page: PinsPage },
  { path: '/console/recommendation-params', label: 'console.nav.recParams', Page: RankingParamsPage },
  { path: '/console/recommendations/explain', label: 'console.nav.recExplain', Page: ExplainPage },
  { path: '/console/members', label: 'console.nav.members', Page: MembersPage },
  { path: '/console/comments', label: 'comments.console.nav', Page: CommentModerationPage },
  { path: '/console/inventory', label: 'console.nav.inventory', Page: InventoryPage },
  { path: '/console/access-log', label: 'console.nav.accessLog', Page: AccessLogPage },
  { path: '/console/incidents', label: 'console.nav.incidents', Page: IncidentsPage },
  { path: '/console/service-end', label: 'console.nav.serviceEnd', Page: ServiceEndPage },
  { path: '/console/requests', label: 'console.nav.requests', Page: RequestsPage },
  { path: '/console/calendar', label: 'console.nav.calendar', Page: CalendarPage },
  { path: '/console/erasures', label: 'console.nav.erasures', Page: ErasuresPage },
  { path: '/console/retention', label: 'console.nav.retention', Page: RetentionPage },
  { path: '/console/policy', label: 'console.nav.policy', Page: PolicyVersionsPage },
  { path: '/console/consents', label: 'console.nav.ledger', Page: LedgerPage },
  { path: '/console/third-parties', label: 'console.nav.thirdParties', Page: ThirdPartiesPage },
] as const;

/** Pages reached from other pages, not from the navigation. */
const INNER_PAGES = [
  { path: '/console/articles/edit', label: 'editor.editTitle', Page: ArticleEditorPage },
  { path: '/console/articles/history', label: 'editor.history', Page: ArticleHistoryPage },
] as const;

export function ConsoleApp() {
  const { t } = useI18n();
  const [auth, setAuth] = useState<Auth>({ status: 'checking' });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the check on retry
  useEffect(() => {
    let live = true;
    restoreSession().then(
      (staff) => live && setAuth({ status: 'signedIn', staff }),
      (err: unknown) => {
        if (!live) return;
        if (err instanceof ApiError && err.status === 401) setAuth({ status: 'signedOut' });
        else
          setAuth({
            status: 'unreachable',
            error: err instanceof ApiError ? err : new ApiError(0, 'client.error', String(err)),
          });
      },
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  const expire = useCallback(() => setAuth({ status: 'signedOut', notice: 'console.signIn.expired' }), []);

  if (auth.status === 'checking') {
    return (
      <p className="boot muted" role="status">
        {t('console.loading')}
      </p>
    );
  }
  if (auth.status === 'unreachable') {
    return (
      <div className="boot notice notice-error" role="alert">
        <p>{auth.error.status === 0 ? t('error.network') : t('error.server')}</p>
        <button type="button" className="button button-quiet" onClick={() => setAttempt((n) => n + 1)}>
          {t('error.retry')}
        </button>
      </div>
    );
  }
  if (auth.status === 'signedOut') {
    return <SignInPage notice={auth.notice} onSignedIn={(staff) => setAuth({ status: 'signedIn', staff })} />;
  }
  return <SignedIn staff={auth.staff} expire={expire} onSignedOut={() => setAuth({ status: 'signedOut' })} />;
}

function SignedIn({ staff, expire, onSignedOut }: { staff: Staff; expire(): void; onSignedOut(): void }) {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const [leaving, setLeaving] = useState(false);
  const path = pathname.replace(/\/+$/, '');
  const current = [...PAGES, ...INNER_PAGES].find((p) => p.path === path);
  const session = useMemo<ConsoleSession>(() => ({ staff, expire }), [staff, expire]);
  useTitle(`${current ? t(current.label) : t('notFound.title')} · ${t('console.title')}`);

  const leave = async () => {
    setLeaving(true);
    try {
      await signOut();
    } catch (err) {
      // Already signed out on the server (401): the form is the right place to be anyway.
      if (!(err instanceof ApiError && err.status === 401)) {
        setLeaving(false);
        return;
      }
    }
    navigate('/console', { replace: true });
    onSignedOut();
  };

  return (
    <SessionContext.Provider value={session}>
      <div className="console">
        <header className="console-header">
          <Link to="/console" className="console-brand">
            <img src="/icons/icon.svg" alt="" width="28" height="28" />
            <span>{t('console.title')}</span>
          </Link>
          <div className="console-user">
            <span className="who" data-testid="signed-in-as">
              <span className="visually-hidden">{t('console.signedInAs')}</span>
              <strong>{staff.displayName}</strong>
              <span className="role">{t(`console.role.${staff.role}`)}</span>
            </span>
            <LanguageSwitch />
            <button type="button" className="button button-small" onClick={leave} disabled={leaving}>
              {t('console.signOut')}
            </button>
          </div>
        </header>
        <nav className="console-nav" aria-label={t('console.nav')}>
          {PAGES.map((p) => (
            <Link key={p.path} to={p.path} aria-current={p.path === path ? 'page' : undefined}>
              {t(p.label)}
            </Link>
          ))}
        </nav>
        <main className="console-main">
          {current ? (
            <current.Page />
          ) : (
            <div className="notice">
              <h1 className="page-title">{t('notFound.title')}</h1>
              <p>{t('notFound.body')}</p>
            </div>
          )}
        </main>
      </div>
    </SessionContext.Provider>
  );
}
