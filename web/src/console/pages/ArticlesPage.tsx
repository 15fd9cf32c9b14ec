/** Every article in any state, newest first, filtered by state and paged with "更多". */
import { useI18n } from '../../i18n/index.tsx';
import { api } from '../../shared/api.ts';
import { dateTime } from '../../shared/date.ts';
import { Link, navigate, useLocation } from '../../shared/router.tsx';
import { useAsync } from '../../shared/useAsync.ts';
import { Loadable } from '../components/Loadable.tsx';
import { TableFoot } from '../components/TableFoot.tsx';
import { ARTICLE_STATES, type ArticlePage, type ArticleState, listArticles } from '../consoleApi.ts';
import { WRITER_ROLES } from '../editorialApi.ts';
import { useSession } from '../session.tsx';
import { useMorePages } from '../useMorePages.ts';

const isState = (s: string | null): s is ArticleState => ARTICLE_STATES.includes(s as ArticleState);

export function ArticlesPage() {
  const { t } = useI18n();
  const { search } = useLocation();
  const param = search.get('status');
  const status = isState(param) ? param : undefined;
  const column = search.get('column') || undefined;
  const { staff } = useSession();
  const { lang } = useI18n();
  const columns = useAsync(`columns:${lang}`, (signal) =>
    api<{ id: string; name: string }[]>('/columns', { query: { lang }, signal }),
  );
  const go = (next: { status?: string; column?: string }) => {
    const q = new URLSearchParams();
    if (next.status) q.set('status', next.status);
    if (next.column) q.set('column', next.column);
    navigate(`/console/articles${q.size ? `?${q}` : ''}`, { replace: true });
  };
  return (
    <section aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title" className="page-title">
          {t('console.nav.articles')}
        </h1>
        <label className="field field-inline">
          <span>{t('console.articles.filter')}</span>
          <select value={status ?? ''} onChange={(e) => go({ status: e.target.value, column })}>
            <option value="">{t('console.state.all')}</option>
            {ARTICLE_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`console.state.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-inline">
          <span>{t('console.articles.columnFilter')}</span>
          <select value={column ?? ''} onChange={(e) => go({ status, column: e.target.value })}>
            <option value="">{t('console.articles.allColumns')}</option>
            {columns.status === 'ready' &&
              columns.data.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
          </select>
        </label>
        {WRITER_ROLES.includes(staff.role) && (
          <Link to="/console/articles/edit" className="button">
            {t('console.articles.new')}
          </Link>
        )}
      </div>
      <ArticlesTable key={`${status ?? ''}|${column ?? ''}`} status={status} column={column} />
    </section>
  );
}

function ArticlesTable({ status, column }: { status?: ArticleState; column?: string }) {
  const { lang } = useI18n();
  const first = useAsync(`articles:${status ?? ''}:${column ?? ''}`, (signal) =>
    listArticles({ status, column }, signal),
  );
  // Column names are a nicety: without them the table shows column ids.
  const columns = useAsync(`columns:${lang}`, (signal) =>
    api<{ id: string; name: string }[]>('/columns', { query: { lang }, signal }),
  );
  const names = new Map(columns.status === 'ready' ? columns.data.map((c) => [c.id, c.name]) : []);
  return (
    <Loadable state={first}>
      {(page) => (
        <Rows first={page} status={status} column={column} columnName={(id) => names.get(id) ?? id} />
      )}
    </Loadable>
  );
}

function Rows({
  first,
  status,
  column,
  columnName,
}: {
  first: ArticlePage;
  status?: ArticleState;
  column?: string;
  columnName(id: string): string;
}) {
  const { t, lang } = useI18n();
  const { items, cursor, loading, error, loadMore } = useMorePages(first, (before) =>
    listArticles({ status, column, before }),
  );

  if (items.length === 0) return <p className="muted">{t('console.articles.empty')}</p>;
  return (
    <>
      <div className="table-wrap">
        <table className="table" data-testid="articles-table">
          <thead>
            <tr>
              <th scope="col">{t('console.articles.id')}</th>
              <th scope="col">{t('console.articles.title')}</th>
              <th scope="col">{t('console.articles.column')}</th>
              <th scope="col">{t('console.articles.status')}</th>
              <th scope="col">{t('console.articles.language')}</th>
              <th scope="col">{t('console.articles.publishedAt')}</th>
              <th scope="col">{t('console.articles.updatedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.id}>
                <td className="num">{a.id}</td>
                <td className="title-cell">
                  <Link to={`/console/articles/edit?id=${a.id}`}>{a.title}</Link>
                </td>
                <td className="nowrap">{columnName(a.column)}</td>
                <td className="nowrap">
                  <span className={`status status-${a.status}`}>{t(`console.state.${a.status}`)}</span>
                  {a.status === 'in_review' && a.approved && (
                    <span className="badge">{t('console.articles.approvedMark')}</span>
                  )}
                </td>
                <td className="nowrap">{a.language}</td>
                <td className="nowrap">{a.publishedAt ? dateTime(a.publishedAt, lang) : '—'}</td>
                <td className="nowrap">{dateTime(a.updatedAt, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <TableFoot
        shown={t('console.articles.shown', { n: items.length })}
        moreLabel={t('console.articles.more')}
        cursor={cursor}
        loading={loading}
        error={error}
        onMore={loadMore}
      />
    </>
  );
}
