/**
 * 搜索记录: the searches the server keeps for the member (only under the personalisation
 * consent), each deletable, or all at once. The search box's own history lives on the device.
 */
import { useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { dateTime } from '../../shared/date.ts';
import { useAsync } from '../../shared/useAsync.ts';
import { useTitle } from '../../shared/useTitle.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { SignedInOnly } from '../components/SignedInOnly.tsx';
import { EmptyState, ErrorState } from '../components/States.tsx';
import { clearKeptSearches, deleteKeptSearch, getKeptSearches, type KeptSearch } from '../search.ts';
import '../engagement.css';

export function SearchHistoryPage() {
  const { t } = useI18n();
  useTitle(`${t('mydata.searches.title')} · ${t('app.name')}`);
  return (
    <div className="engage-page">
      <PageHeader title={t('mydata.searches.title')} fallback="/privacy" />
      <p className="hint">{t('mydata.searches.note')}</p>
      <SignedInOnly>{() => <KeptSearches />}</SignedInOnly>
    </div>
  );
}

function KeptSearches() {
  const { t, lang } = useI18n();
  const list = useAsync('kept-searches', (signal) => getKeptSearches(signal));
  const [gone, setGone] = useState<Set<number>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState<string>();
  if (list.status === 'loading') return <p className="page-status">{t('console.loading')}</p>;
  if (list.status === 'error') return <ErrorState error={list.error} onRetry={list.reload} />;
  const items = list.data.items.filter((s) => !gone.has(s.id));
  const remove = async (s: KeptSearch) => {
    try {
      await deleteKeptSearch(s.id);
      setGone((prev) => new Set(prev).add(s.id));
      setNote(t('mydata.searches.deleted'));
    } catch {
      setNote(t('mydata.searches.failed'));
    }
  };
  const clearAll = async () => {
    try {
      await clearKeptSearches();
      setGone(new Set(list.data.items.map((s) => s.id)));
      setConfirming(false);
      setNote(t('mydata.searches.cleared'));
    } catch {
      setNote(t('mydata.searches.failed'));
    }
  };
  return (
    <>
      <div role="status" className="action-message">
        {note}
      </div>
      {items.length === 0 ? (
        <EmptyState title={t('mydata.searches.empty')} />
      ) : (
        <>
          <div className="engage-clear">
            {confirming ? (
              <>
                <p>{t('mydata.searches.clearConfirm')}</p>
                <button type="button" className="button button-danger" onClick={clearAll}>
                  {t('mydata.searches.clear')}
                </button>
                <button type="button" className="button button-quiet" onClick={() => setConfirming(false)}>
                  {t('mydata.searches.cancel')}
                </button>
              </>
            ) : (
              <button type="button" className="button button-quiet" onClick={() => setConfirming(true)}>
                {t('mydata.searches.clear')}
              </button>
            )}
          </div>
          <ul className="panel panel-list" data-testid="kept-searches">
            {items.map((s) => (
              <li key={s.id} className="row-link">
                <span>
                  {s.query} <small>{dateTime(s.createdAt, lang)}</small>
                </span>
                <button
                  type="button"
                  className="button button-quiet"
                  aria-label={t('mydata.searches.deleteLabel', { query: s.query })}
                  onClick={() => remove(s)}
                >
                  {t('mydata.searches.delete')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
