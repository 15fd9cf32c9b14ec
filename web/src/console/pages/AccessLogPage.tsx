/**
 * 访问记录 (compliance and admin): every time staff read or acted on a member's personal data,
 * newest first, optionally only for one member (?userId=, linked from the member's record).
 */
import { type FormEvent, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { dateTime } from '../../shared/date.ts';
import { navigate, useLocation } from '../../shared/router.tsx';
import { useAsync } from '../../shared/useAsync.ts';
import { Loadable } from '../components/Loadable.tsx';
import { TableFoot } from '../components/TableFoot.tsx';
import { getAccessLog, type AccessLogPage as Page } from '../consoleApi.ts';
import { useMorePages } from '../useMorePages.ts';
import './members.css';

const PATH = '/console/access-log';

export function AccessLogPage() {
  const { t } = useI18n();
  const { search } = useLocation();
  const param = Number(search.get('userId'));
  const userId = Number.isSafeInteger(param) && param > 0 ? param : undefined;
  const [draft, setDraft] = useState(userId ? String(userId) : '');
  const filter = (e: FormEvent) => {
    e.preventDefault();
    const id = draft.trim();
    navigate(/^\d+$/.test(id) ? `${PATH}?userId=${id}` : PATH, { replace: true });
  };
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" className="page-title">
        {t('console.nav.accessLog')}
      </h1>
      <p className="lead">{t('console.access.intro')}</p>
      <form className="member-search" onSubmit={filter}>
        <label className="field">
          <span>{t('console.access.member')}</span>
          <input
            inputMode="numeric"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            maxLength={19}
          />
        </label>
        <button type="submit" className="button">
          {t('console.access.filter')}
        </button>
        {userId && (
          <button
            type="button"
            className="button button-quiet"
            onClick={() => {
              setDraft('');
              navigate(PATH, { replace: true });
            }}
          >
            {t('console.access.all')}
          </button>
        )}
      </form>
      <LogTable key={userId ?? 'all'} userId={userId} />
    </section>
  );
}

function LogTable({ userId }: { userId?: number }) {
  const first = useAsync(`access-log:${userId ?? ''}`, (signal) => getAccessLog({ userId }, signal));
  return <Loadable state={first}>{(page) => <Rows first={page} userId={userId} />}</Loadable>;
}

function Rows({ first, userId }: { first: Page; userId?: number }) {
  const { t, tMaybe, lang } = useI18n();
  const { items, cursor, loading, error, loadMore } = useMorePages(first, (before) =>
    getAccessLog({ userId, before }),
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
              <tr key={e.id}>
                <td className="nowrap">{dateTime(e.at, lang)}</td>
                <td className="nowrap">
                  {e.staff.displayName} <span className="muted">({e.staff.username})</span>
                </td>
                <td className="nowrap">{tMaybe(`console.access.do.${e.action}`) ?? e.action}</td>
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
