/**
 * 注销凭证 (compliance and admin): each cancelled account's erasure receipt, newest first, with what
 * was done to each table and how many rows, and the verification run's result.
 */
import { useI18n } from '../../i18n/index.tsx';
import { dateTime } from '../../shared/date.ts';
import { useAsync } from '../../shared/useAsync.ts';
import { Loadable } from '../components/Loadable.tsx';
import { TableFoot } from '../components/TableFoot.tsx';
import { type ErasureReceipt, listErasures, type ReceiptPage } from '../erasureApi.ts';
import { useMorePages } from '../useMorePages.ts';
import './members.css';

export function ErasuresPage() {
  const { t } = useI18n();
  const first = useAsync('erasures', (signal) => listErasures(undefined, signal));
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" className="page-title">
        {t('console.nav.erasures')}
      </h1>
      <p className="lead">{t('console.erasures.intro')}</p>
      <Loadable state={first}>{(page) => <Receipts first={page} />}</Loadable>
    </section>
  );
}

function Receipts({ first }: { first: ReceiptPage }) {
  const { t } = useI18n();
  const { items, cursor, loading, error, loadMore } = useMorePages(first, (before) => listErasures(before));
  if (items.length === 0) return <p className="muted">{t('console.erasures.empty')}</p>;
  return (
    <>
      {items.map((r) => (
        <Receipt key={r.id} receipt={r} />
      ))}
      <TableFoot
        shown={t('console.erasures.shown', { n: items.length })}
        moreLabel={t('console.erasures.more')}
        cursor={cursor}
        loading={loading}
        error={error}
        onMore={loadMore}
      />
    </>
  );
}

function Receipt({ receipt: r }: { receipt: ErasureReceipt }) {
  const { t, lang } = useI18n();
  return (
    <details className="panel erasure-receipt" data-testid="erasure-receipt">
      <summary>
        <span className="mono">{r.id}</span> · {t('console.erasures.user', { id: r.userId })} ·{' '}
        <strong>{t(`console.erasures.status.${r.status}`)}</strong> · {dateTime(r.createdAt, lang)}
        {r.verification && (
          <>
            {' '}
            ·{' '}
            {r.verification.ok
              ? t('console.erasures.verified')
              : t('console.erasures.residue', { list: r.verification.residue.join(', ') })}
          </>
        )}
      </summary>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('console.erasures.table')}</th>
              <th scope="col">{t('console.erasures.action')}</th>
              <th scope="col">{t('console.erasures.rows')}</th>
              <th scope="col">{t('console.erasures.kept')}</th>
            </tr>
          </thead>
          <tbody>
            {r.steps.map((s) => (
              <tr key={s.table}>
                <td className="mono">{s.table}</td>
                <td>{t(`console.erasures.do.${s.action}`)}</td>
                <td className="num">{s.done ? s.rows : t('console.erasures.notYet')}</td>
                <td className="mono muted">{s.kept.join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
