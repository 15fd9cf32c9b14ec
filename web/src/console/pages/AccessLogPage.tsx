/**
 * 访问记录 (compliance and admin): the staff access audit — every time staff read or acted on a
 * member's personal data, and every read of a child's data (marked), newest first; filtered by
 * member (?userId=, linked from the member's record), staff member and China dates.
 */
import { type FormEvent, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { dateTime } from '../../shared/date.ts';
import { navigate, useLocation } from '../../shared/router.tsx';
import { useAsync } from '../../shared/useAsync.ts';
import { Loadable } from '../components/Loadable.tsx';
import { TableFoot } from '../components/TableFoot.tsx';
import { type AuditEntry, type AuditQuery, getAudit } from '../consoleApi.ts';
import { useMorePages } from '../useMorePages.ts';
import './members.css';
import './requests.css';

const PATH = '/console/access-log';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function idParam(value: string | null): number | undefined {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

function queryOf(search: URLSearchParams): AuditQuery {
  const date = (name: string) => {
    const v = search.get(name) ?? '';
    return DATE.test(v) ? v : undefined;
  };
  return {
    userId: idParam(search.get('userId')),
    staffId: idParam(search.get('staffId')),
    from: date('from'),
    to: date('to'),
  };
}

function urlOf(q: AuditQuery): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${PATH}?${qs}` : PATH;
}

export function AccessLogPage() {
  const { t } = useI18n();
  const { search } = useLocation();
  const query = queryOf(search);
  const [draft, setDraft] = useState({
    userId: query.userId ? String(query.userId) : '',
    staffId: query.staffId ? String(query.staffId) : '',
    from: query.from ?? '',
    to: query.to ?? '',
  });
  const filter = (e: FormEvent) => {
    e.preventDefault();
    navigate(
      urlOf({
        userId: idParam(draft.userId.trim()),
        staffId: idParam(draft.staffId.trim()),
        from: DATE.test(draft.from) ? draft.from : undefined,
        to: DATE.test(draft.to) ? draft.to : undefined,
      }),
      { replace: true },
    );
  };
  const filtered = Object.values(query).some((v) => v !== undefined);
  const input = (key: keyof typeof draft, label: string, type: 'numeric' | 'date') => (
    <label className="field">
      <span>{label}</span>
      <input
        type={type === 'date' ? 'date' : 'text'}
        inputMode={type === 'date' ? undefined : 'numeric'}
        value={draft[key]}
        maxLength={type === 'date' ? 10 : 19}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
      />
    </label>
  );
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" className="page-title">
        {t('console.nav.accessLog')}
      </h1>
      <p className="lead">{t('console.access.intro')}</p>
      <form className="request-filters audit-filters" onSubmit={filter}>
        {input('userId', t('console.access.member'), 'numeric')}
        {input('staffId', t('console.access.staffId'), 'numeric')}
        {input('from', t('console.access.from'), 'date')}
        {input('to', t('console.access.to'), 'date')}
        <button type="submit" className="button">
          {t('console.access.filter')}
        </button>
        {filtered && (
          <button
            type="button"
            className="button button-quiet"
            onClick={() => {
              setDraft({ userId: '', staffId: '', from: '', to: '' });
              navigate(PATH, { replace: true });
            }}
          >
            {t('console.access.all')}
          </button>
        )}
      </form>
      <LogTable key={urlOf(query)} query={query} />
    </section>
  );
}

function LogTable({ query }: { query: AuditQuery }) {
  const first = useAsync(`audit:${urlOf(query)}`, (signal) => getAudit(query, signal));
  return <Loadable state={first}>{(page) => <Rows first={page} query={query} />}</Loadable>;
}

function Rows({
  first,
  query,
}: {
  first: { items: AuditEntry[]; nextCursor: string | null };
  query: AuditQuery;
}) {
  const { t, tMaybe, lang } = useI18n();
  const { items, cursor, loading, error, loadMore } = useMorePages(first, (c) =>
    getAudit({ ...query, cursor: c }),
  );

  if (items.length === 0) return <p className="muted">{t('console.access.empty')}</p>;
  return (
    <>
      <div className="table-wrap">
        <table className="table" data-testid="access-log-table">
          <thead>
            <tr>
              <th scope="col">{t('console.access.at')}</th>
              <th scope="col">{t('console.access.staff')}</th>
              <th scope="col">{t('console.access.action')}</th>
              <th scope="col">{t('console.access.member')}</th>
              <th scope="col">{t('console.access.reason')}</th>
              <th scope="col">{t('console.access.request')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={`${e.source}.${e.id}`}>
                <td className="nowrap">{dateTime(e.at, lang)}</td>
                <td className="nowrap">
                  {e.staff.displayName} <span className="muted">({e.staff.username})</span>
                </td>
                <td className="nowrap">
                  {tMaybe(`console.access.do.${e.action}`) ?? e.action}
                  {e.child && <span className="badge badge-overdue">{t('console.access.childData')}</span>}
                </td>
                <td className="num">{e.targetUserId ?? '—'}</td>
                <td>{e.reason ?? '—'}</td>
                <td className="mono muted">{e.requestId ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <TableFoot
        shown={t('console.access.shown', { n: items.length })}
        moreLabel={t('console.access.more')}
        cursor={cursor}
        loading={loading}
        error={error}
        onMore={loadMore}
      />
    </>
  );
}
