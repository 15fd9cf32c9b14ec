import { useI18n } from '../../i18n/index.tsx';
import { Link } from '../../shared/router.tsx';
import { useAsync } from '../../shared/useAsync.ts';
import { Loadable } from '../components/Loadable.tsx';
import { ARTICLE_STATES, getOverview, getRequestSummary, type Overview } from '../consoleApi.ts';
import { useSession } from '../session.tsx';
import './requests.css';

export function OverviewPage() {
  const { t } = useI18n();
  const overview = useAsync('overview', getOverview);
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" className="page-title">
        {t('console.nav.overview')}
      </h1>
      <Loadable state={overview}>{(data) => <OverviewView data={data} />}</Loadable>
      <RequestCounts />
    </section>
  );
}

function OverviewView({ data }: { data: Overview }) {
  const { t, tMaybe } = useI18n();
  const total = Object.values(data.articles).reduce((a, b) => a + b, 0);
  // Known states in workflow order, then any state this page does not know yet.
  const states = [
    ...ARTICLE_STATES,
    ...Object.keys(data.articles).filter((s) => !ARTICLE_STATES.includes(s as never)),
  ];
  const db = tMaybe(`console.db.${data.database}`) ?? data.database;
  return (
    <div className="overview">
      <div className="stats" data-testid="overview-stats">
        <Stat label={t('console.overview.articlesTotal')} value={total} />
        <Stat label={t('console.overview.members')} value={data.members} testId="stat-members" />
        <Stat label={t('console.overview.staff')} value={data.staff} testId="stat-staff" />
        <Stat label={t('console.overview.region')} value={data.storageRegion} />
        <Stat label={t('console.overview.database')} value={db} testId="stat-database" />
      </div>
      <div className="card">
        <h2>{t('console.overview.articles')}</h2>
        <dl className="state-counts">
          {states.map((s) => (
            <div key={s}>
              <dt>
                <span className={`status status-${s}`}>{tMaybe(`console.state.${s}`) ?? s}</span>
              </dt>
              <dd>{data.articles[s] ?? 0}</dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
}

function Stat({ label, value, testId }: { label: string; value: string | number; testId?: string }) {
  return (
    <div className="stat" data-testid={testId}>
      <span className="stat-label">{label}</span>
      <strong className="stat-value">{value}</strong>
    </div>
  );
}

/** Rights requests waiting, due within 3 working days and overdue (for the roles that handle them). */
function RequestCounts() {
  const { staff } = useSession();
  if (!['support', 'compliance', 'admin'].includes(staff.role)) return null;
  return <RequestCountsCard />;
}

function RequestCountsCard() {
  const { t } = useI18n();
  const summary = useAsync('request-summary', getRequestSummary);
  if (summary.status !== 'ready') return null;
  const { pending, dueSoon, overdue } = summary.data;
  return (
    <div className="card request-counts" data-testid="request-counts">
      <h2>
        <Link to="/console/requests">{t('console.nav.requests')}</Link>
      </h2>
      <div className="stats">
        <Stat label={t('console.requests.pending')} value={pending} />
        <Stat label={t('console.requests.dueSoon')} value={dueSoon} testId="stat-due-soon" />
        <Stat label={t('console.requests.overdue')} value={overdue} testId="stat-overdue" />
      </div>
    </div>
  );
}
