/**
 * 保存期限 (compliance and admin): each retention rule of the annotations, the column that starts
 * its clock and the last sweep of its table; an admin can run the sweep now.
 */
import { useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { dateTime } from '../../shared/date.ts';
import { useAsync } from '../../shared/useAsync.ts';
import { Loadable } from '../components/Loadable.tsx';
import { getRetention, runSweepNow } from '../erasureApi.ts';
import { useSession } from '../session.tsx';

export function RetentionPage() {
  const { t, lang } = useI18n();
  const { staff } = useSession();
  const state = useAsync('retention', getRetention);
  const [running, setRunning] = useState(false);
  const [failed, setFailed] = useState(false);
  const text = (l: { zh: string; en: string }) => (lang === 'en' ? l.en : l.zh);

  const runNow = async () => {
    setRunning(true);
    setFailed(false);
    try {
      await runSweepNow();
      state.reload();
    } catch {
      setFailed(true);
    } finally {
      setRunning(false);
    }
  };

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" className="page-title">
        {t('console.nav.retention')}
      </h1>
      <p className="lead">{t('console.retention.intro')}</p>
      {staff.role === 'admin' && (
        <p>
          <button type="button" className="button" onClick={runNow} disabled={running}>
            {running ? t('console.retention.running') : t('console.retention.runNow')}
          </button>
          {failed && <span className="notice-inline error"> {t('error.server')}</span>}
        </p>
      )}
      <Loadable state={state}>
        {(data) => (
          <>
            <p className="muted">
              {data.lastSweep
                ? t('console.retention.lastSweep', { at: dateTime(data.lastSweep.startedAt, lang) })
                : t('console.retention.never')}
            </p>
            <div className="table-wrap">
              <table className="table" data-testid="retention-table">
                <thead>
                  <tr>
                    <th scope="col">{t('console.retention.category')}</th>
                    <th scope="col">{t('console.retention.table')}</th>
                    <th scope="col">{t('console.retention.rule')}</th>
                    <th scope="col">{t('console.retention.clock')}</th>
                    <th scope="col">{t('console.retention.last')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.rules.map((r) => (
                    <tr key={`${r.table}:${r.after}:${r.days}`}>
                      <td>{r.categories.map((c) => text(c.label)).join('、')}</td>
                      <td className="mono">{r.table}</td>
                      <td>{text(r.label)}</td>
                      <td className="mono muted">{r.clock ?? t('console.retention.unsupported')}</td>
                      <td className="num">
                        {r.lastSweep
                          ? t('console.retention.rows', {
                              n: r.lastSweep.rows,
                              at: dateTime(r.lastSweep.finishedAt, lang),
                            })
                          : '—'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Loadable>
    </section>
  );
}
