/**
 * 权利申请: members' requests by due time (due-soon and overdue badges, filters by status, type
 * and deadline), and one request beside the table: the member (phone masked), what they asked,
 * the history, taking it, and answering or refusing with a reason. Opening one is recorded in
 * the staff access log.
 */
import { type FormEvent, type ReactNode, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { ApiError } from '../../shared/api.ts';
import { calendarDate, dateTime } from '../../shared/date.ts';
import { useAsync } from '../../shared/useAsync.ts';
import { Loadable } from '../components/Loadable.tsx';
import { TableFoot } from '../components/TableFoot.tsx';
import {
  answerRequest,
  assignRequest,
  getRequest,
  listRequests,
  REQUEST_STATUSES,
  REQUEST_TYPES,
  type RequestQuery,
  type RequestStatus,
  type RightsRequestDetail,
  type RightsRequestItem,
} from '../consoleApi.ts';
import { useSession } from '../session.tsx';
import { useMorePages } from '../useMorePages.ts';
import './members.css';
import './requests.css';

const keyOf = (q: RequestQuery) => `${q.status ?? ''}:${q.type ?? ''}:${q.due ?? ''}`;

export function RequestsPage() {
  const { t } = useI18n();
  const [query, setQuery] = useState<RequestQuery>({});
  const [openId, setOpenId] = useState<number>();
  const [version, setVersion] = useState(0);
  const select = <K extends keyof RequestQuery>(key: K, value: string) =>
    setQuery((q) => ({ ...q, [key]: (value || undefined) as RequestQuery[K] }));
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" className="page-title">
        {t('console.nav.requests')}
      </h1>
      <p className="lead">{t('console.requests.intro')}</p>
      <div className="request-filters">
        <label className="field field-inline">
          <span>{t('console.requests.status')}</span>
          <select value={query.status ?? ''} onChange={(e) => select('status', e.target.value)}>
            <option value="">{t('console.requests.any')}</option>
            {REQUEST_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`requests.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-inline">
          <span>{t('console.requests.type')}</span>
          <select value={query.type ?? ''} onChange={(e) => select('type', e.target.value)}>
            <option value="">{t('console.requests.any')}</option>
            {REQUEST_TYPES.map((s) => (
              <option key={s} value={s}>
                {t(`requests.type.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-inline">
          <span>{t('console.requests.deadline')}</span>
          <select value={query.due ?? ''} onChange={(e) => select('due', e.target.value)}>
            <option value="">{t('console.requests.any')}</option>
            <option value="soon">{t('console.requests.dueSoon')}</option>
            <option value="overdue">{t('console.requests.overdue')}</option>
          </select>
        </label>
      </div>
      <div className={openId ? 'members-layout members-layout-open' : 'members-layout'}>
        <RequestsTable key={`${keyOf(query)}:${version}`} query={query} openId={openId} onOpen={setOpenId} />
        {openId !== undefined && (
          <RequestPanel
            key={openId}
            id={openId}
            onClose={() => setOpenId(undefined)}
            onChanged={() => setVersion((v) => v + 1)}
          />
        )}
      </div>
    </section>
  );
}

function RequestsTable(props: { query: RequestQuery; openId?: number; onOpen(id: number): void }) {
  const first = useAsync(`requests:${keyOf(props.query)}`, (signal) => listRequests(props.query, signal));
  return <Loadable state={first}>{(page) => <Rows first={page} {...props} />}</Loadable>;
}

export function DueBadge({ r }: { r: Pick<RightsRequestItem, 'overdue' | 'dueSoon' | 'workingDaysLeft'> }) {
  const { t } = useI18n();
  if (r.overdue) return <span className="badge badge-overdue">{t('console.requests.overdue')}</span>;
  if (r.dueSoon) {
    return (
      <span className="badge badge-due-soon">{t('console.requests.dueIn', { n: r.workingDaysLeft })}</span>
    );
  }
  return null;
}

function Rows({
  first,
  query,
  openId,
  onOpen,
}: {
  first: { items: RightsRequestItem[]; nextCursor: string | null };
  query: RequestQuery;
  openId?: number;
  onOpen(id: number): void;
}) {
  const { t, lang } = useI18n();
  const { items, cursor, loading, error, loadMore } = useMorePages(first, (c) =>
    listRequests({ ...query, cursor: c }),
  );
  if (items.length === 0) return <p className="muted">{t('console.requests.empty')}</p>;
  return (
    <div className="members-list">
      <div className="table-wrap">
        <table className="table" data-testid="requests-table">
          <thead>
            <tr>
              <th scope="col">{t('console.requests.due')}</th>
              <th scope="col">{t('console.requests.type')}</th>
              <th scope="col">{t('console.requests.status')}</th>
              <th scope="col">{t('console.requests.member')}</th>
              <th scope="col">{t('console.requests.assignee')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('console.members.open')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr
                key={r.id}
                aria-current={r.id === openId ? 'true' : undefined}
                className={r.id === openId ? 'row-open' : undefined}
              >
                <td className="nowrap">
                  {calendarDate(r.dueAt, lang)} <DueBadge r={r} />
                </td>
                <td className="nowrap">
                  {t(`requests.type.${r.type}`)}
                  {r.channel === 'guardian' && (
                    <span className="badge badge-guardian" data-testid="request-by-guardian">
                      {t('console.requests.byGuardian')}
                    </span>
                  )}
                  {r.repeated && (
                    <span className="badge badge-repeated">{t('console.requests.repeated')}</span>
                  )}
                </td>
                <td className="nowrap">
                  <span className={`request-status request-status-${r.status}`}>
                    {t(`requests.status.${r.status}`)}
                  </span>
                </td>
                <td className="num">{r.userId}</td>
                <td className="nowrap">{r.assignedTo?.displayName ?? '—'}</td>
                <td className="nowrap">
                  <button
                    type="button"
                    className="button button-small button-quiet"
                    onClick={() => onOpen(r.id)}
                  >
                    {t('console.members.open')}
                  </button>
                </td>
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
    </div>
  );
}

function RequestPanel({ id, onClose, onChanged }: { id: number; onClose(): void; onChanged(): void }) {
  const { t } = useI18n();
  const record = useAsync(`request:${id}`, (signal) => getRequest(id, signal));
  return (
    <aside className="member-panel" aria-labelledby="request-title" data-testid="request-detail">
      <div className="member-panel-head">
        <h2 id="request-title">{t('console.requests.title', { id })}</h2>
        <button type="button" className="button button-small button-quiet" onClick={onClose}>
          {t('console.member.close')}
        </button>
      </div>
      <Loadable state={record}>{(r) => <RequestRecord initial={r} onChanged={onChanged} />}</Loadable>
    </aside>
  );
}

function RequestRecord({ initial, onChanged }: { initial: RightsRequestDetail; onChanged(): void }) {
  const { t, tMaybe, lang } = useI18n();
  const { staff, expire } = useSession();
  const [r, setR] = useState(initial);
  const [mode, setMode] = useState<'done' | 'refused'>();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const pending = r.status === 'open' || r.status === 'in-progress';

  const act = async (action: () => Promise<RightsRequestDetail>) => {
    setBusy(true);
    setError(undefined);
    try {
      setR(await action());
      setMode(undefined);
      setText('');
      onChanged();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return expire();
      const code = err instanceof ApiError ? err.code : '';
      setError(
        code === 'validation.failed'
          ? t(mode === 'refused' ? 'console.requests.reasonNeeded' : 'console.requests.answerNeeded')
          : code === 'request.closed'
            ? t('console.requests.closed')
            : t('error.server'),
      );
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const value = text.trim();
    if (mode === 'refused' && [...value].length < 5) return setError(t('console.requests.reasonNeeded'));
    if (mode === 'done' && !value) return setError(t('console.requests.answerNeeded'));
    void act(() =>
      answerRequest(
        r.id,
        mode === 'done' ? { outcome: 'done', answer: value } : { outcome: 'refused', reason: value },
      ),
    );
  };

  const row = (label: string, value: ReactNode) => (
    <div>
      <dt>{label}</dt>
      <dd>{value === null || value === undefined || value === '' ? '—' : value}</dd>
    </div>
  );
  return (
    <div className="member-record">
      {r.member.ageGroup === 'child' && (
        <p className="notice notice-child" role="note">
          {t('console.member.childNotice')}
        </p>
      )}
      <dl className="member-fields">
        {row(t('console.requests.type'), t(`requests.type.${r.type}`))}
        {row(
          t('console.requests.status'),
          <span className={`request-status request-status-${r.status}`}>
            {t(`requests.status.${r.status as RequestStatus}`)}
          </span>,
        )}
        {row(
          t('console.requests.due'),
          <>
            {dateTime(r.dueAt, lang)} <DueBadge r={r} />
          </>,
        )}
        {row(t('console.requests.opened'), dateTime(r.createdAt, lang))}
        {row(t('console.requests.assignee'), r.assignedTo?.displayName)}
        {row(
          t('console.requests.member'),
          <>
            <span className="mono">{r.member.id}</span> {r.member.nickname ?? ''}{' '}
            <span className="mono">{r.member.phone ?? ''}</span>
          </>,
        )}
        {row(
          t('console.requests.recent'),
          <>
            {r.member.requestsLast30Days}
            {r.channel === 'guardian' && (
              <span className="badge badge-guardian">{t('console.requests.byGuardian')}</span>
            )}
            {r.repeated && <span className="badge badge-repeated">{t('console.requests.repeated')}</span>}
          </>,
        )}
        {row(t('console.requests.detail'), r.detail && <span className="request-text">{r.detail}</span>)}
        {r.answer && row(t('requests.answer'), <span className="request-text">{r.answer}</span>)}
        {r.refusalReason &&
          row(t('requests.refusalReason'), <span className="request-text">{r.refusalReason}</span>)}
      </dl>
      {r.repeated && pending && <p className="note">{t('console.requests.repeatedHint')}</p>}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {pending && !mode && (
        <div className="member-actions">
          {r.assignedTo?.id !== staff.id && (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => act(() => assignRequest(r.id))}
            >
              {t('console.requests.assign')}
            </button>
          )}
          <button type="button" className="button" disabled={busy} onClick={() => setMode('done')}>
            {t('console.requests.answer')}
          </button>
          <button
            type="button"
            className="button button-danger"
            disabled={busy}
            onClick={() => setMode('refused')}
          >
            {t('console.requests.refuse')}
          </button>
        </div>
      )}
      {pending && mode && (
        <form className="reason-form" onSubmit={submit} noValidate>
          <label className="field">
            <span>
              {mode === 'done' ? t('console.requests.answerLabel') : t('console.requests.reasonLabel')}
            </span>
            <textarea value={text} onChange={(e) => setText(e.target.value)} rows={4} maxLength={2000} />
          </label>
          <p className="note">
            {mode === 'done' ? t('console.requests.answerHint') : t('console.requests.reasonHint')}
          </p>
          <div className="reason-actions">
            <button
              type="submit"
              className={mode === 'refused' ? 'button button-danger' : 'button'}
              disabled={busy}
            >
              {mode === 'done' ? t('console.requests.sendAnswer') : t('console.requests.sendRefusal')}
            </button>
            <button
              type="button"
              className="button button-quiet"
              disabled={busy}
              onClick={() => setMode(undefined)}
            >
              {t('console.reason.cancel')}
            </button>
          </div>
        </form>
      )}
      <h3 className="request-history-title">{t('console.requests.history')}</h3>
      <ul className="plain request-history" data-testid="request-history">
        {r.history.map((h, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the history is append-only and ordered
          <li key={i}>
            <span className="nowrap">{dateTime(h.at, lang)}</span> ·{' '}
            {tMaybe(`console.requests.event.${h.action}`) ?? h.action}
            {h.staff && <span className="muted"> · {h.staff.displayName}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
