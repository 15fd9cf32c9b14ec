/**
 * 停止运营 (admin announces, compliance reads): the end of the service, announced at least 30 days
 * ahead; from then on CCM collects nothing new, and on the day every member's data is erased.
 */
import { type FormEvent, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { ApiError } from '../../shared/api.ts';
import { dateTime } from '../../shared/date.ts';
import { useAsync } from '../../shared/useAsync.ts';
import { Loadable } from '../components/Loadable.tsx';
import { announceServiceEnd, getServiceEnd, withdrawServiceEnd } from '../incidentsApi.ts';
import { useSession } from '../session.tsx';

export function ServiceEndPage() {
  const { t, lang } = useI18n();
  const { staff } = useSession();
  const status = useAsync('service-end', (signal) => getServiceEnd(signal));
  const [endsAt, setEndsAt] = useState('');
  const [message, setMessage] = useState({ zh: '', en: '' });
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      status.reload();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const announce = (e: FormEvent) => {
    e.preventDefault();
    if (!window.confirm(t('console.serviceEnd.confirm'))) return;
    void run(() => announceServiceEnd(new Date(endsAt).toISOString(), message));
  };
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" className="page-title">
        {t('console.nav.serviceEnd')}
      </h1>
      <p className="lead">{t('console.serviceEnd.intro')}</p>
      <Loadable state={status}>
        {(s) =>
          s.mode === 'ending' && s.endsAt ? (
            <div className="panel" data-testid="service-end-status">
              <p>
                <strong>{t('console.serviceEnd.announced', { date: dateTime(s.endsAt, lang) })}</strong>
              </p>
              {s.message && <p>{lang === 'en' ? s.message.en : s.message.zh}</p>}
              {s.endedAt ? (
                <p>{t('console.serviceEnd.ended', { date: dateTime(s.endedAt, lang) })}</p>
              ) : (
                staff.role === 'admin' && (
                  <button
                    type="button"
                    className="button button-quiet"
                    disabled={busy}
                    onClick={() => run(withdrawServiceEnd)}
                  >
                    {t('console.serviceEnd.withdraw')}
                  </button>
                )
              )}
            </div>
          ) : staff.role === 'admin' ? (
            <form className="panel" onSubmit={announce}>
              <label className="field">
                <span>{t('console.serviceEnd.endsAt')}</span>
                <input type="date" required value={endsAt} onChange={(e) => setEndsAt(e.target.value)} />
              </label>
              {(['zh', 'en'] as const).map((l) => (
                <label key={l} className="field">
                  <span>
                    {t('console.serviceEnd.message')} ({l === 'zh' ? '中文' : 'English'})
                  </span>
                  <textarea
                    required
                    rows={3}
                    value={message[l]}
                    onChange={(e) => setMessage({ ...message, [l]: e.target.value })}
                  />
                </label>
              ))}
              <button type="submit" className="button" disabled={busy}>
                {t('console.serviceEnd.announce')}
              </button>
            </form>
          ) : (
            <p className="muted">{t('console.serviceEnd.none')}</p>
          )
        }
      </Loadable>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
