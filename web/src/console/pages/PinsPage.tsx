/**
 * 栏目置顶 (editors and admins): per column, the pinned articles in order with up, down and unpin,
 * the column's published articles with a 置顶 action, and the latest pin changes.
 */
import { useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { ApiError, api } from '../../shared/api.ts';
import { dateTime } from '../../shared/date.ts';
import { navigate, useLocation } from '../../shared/router.tsx';
import { useAsync } from '../../shared/useAsync.ts';
import { Loadable } from '../components/Loadable.tsx';
import { listArticles } from '../consoleApi.ts';
import { listPins, type PinList, pinArticle, reorderPins, unpinArticle } from '../recsApi.ts';
import { useSession } from '../session.tsx';
import './curation.css';

const MANAGERS = ['admin', 'editor'];

export function PinsPage() {
  const { t, lang } = useI18n();
  const { search } = useLocation();
  const { staff } = useSession();
  const columns = useAsync(`columns:${lang}`, (signal) =>
    api<{ id: string; name: string }[]>('/columns', { query: { lang }, signal }),
  );
  const chosen = search.get('column') || undefined;
  return (
    <section aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title" className="page-title">
          {t('console.nav.pins')}
        </h1>
        <label className="field field-inline">
          <span>{t('pins.column')}</span>
          <select
            name="column"
            value={chosen ?? ''}
            onChange={(e) =>
              navigate(`/console/pins?column=${encodeURIComponent(e.target.value)}`, { replace: true })
            }
          >
            <option value="">—</option>
            {columns.status === 'ready' &&
              columns.data.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
          </select>
        </label>
      </div>
      <p className="lead">{t('pins.intro', { n: 5 })}</p>
      {!MANAGERS.includes(staff.role) ? (
        <p className="notice">{t('pins.editorsOnly')}</p>
      ) : (
        chosen && <ColumnPins key={chosen} column={chosen} />
      )}
    </section>
  );
}

function ColumnPins({ column }: { column: string }) {
  const { t, lang } = useI18n();
  const { expire } = useSession();
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState<{ error: boolean; text: string }>();
  const [busy, setBusy] = useState(false);
  const [expiresAt, setExpiresAt] = useState('');
  const pins = useAsync(`pins:${column}:${version}`, (signal) => listPins(column, signal));
  const candidates = useAsync(`pin-candidates:${column}:${version}`, (signal) =>
    listArticles({ status: 'published', column }, signal),
  );

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setMessage(undefined);
    try {
      await action();
      setMessage({ error: false, text: t('pins.saved') });
      setVersion((v) => v + 1);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return expire();
      const e = err instanceof ApiError ? err : undefined;
      const detail = e?.problem?.errors
        ?.map((x) => `${x.path.replace(/^body\./, '')}: ${x.message}`)
        .join('; ');
      const known: Record<string, string> = {
        'pin.not_published': t('pins.error.notPublished'),
        'pin.exists': t('pins.error.exists'),
        'pin.limit_reached': t('pins.error.limit'),
        'pin.order_mismatch': t('pins.error.mismatch'),
        'validation.failed': t('pins.error.fields', { detail: detail ?? '' }),
      };
      setMessage({ error: true, text: (e && known[e.code]) ?? t('error.server') });
    } finally {
      setBusy(false);
    }
  };

  const move = (list: PinList, index: number, by: -1 | 1) => {
    const ids = list.items.map((p) => p.articleId);
    const j = index + by;
    if (j < 0 || j >= ids.length) return;
    [ids[index], ids[j]] = [ids[j]!, ids[index]!];
    void run(() => reorderPins(column, ids));
  };

  return (
    <Loadable state={pins}>
      {(list) => {
        const pinned = new Set(list.items.map((p) => p.articleId));
        const full =
          list.items.filter((p) => p.expiresAt === null || new Date(p.expiresAt) > new Date()).length >=
          list.limit;
        return (
          <>
            {message && (
              <p className={message.error ? 'error-text' : 'muted'} role={message.error ? 'alert' : 'status'}>
                {message.text}
              </p>
            )}
            <h2 className="section-title">{t('pins.pinned')}</h2>
            {list.items.length === 0 ? (
              <p className="muted">{t('pins.none')}</p>
            ) : (
              <div className="table-wrap">
                <table className="table" data-testid="pins-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('pins.position')}</th>
                      <th scope="col">{t('pins.title')}</th>
                      <th scope="col">{t('pins.state')}</th>
                      <th scope="col">{t('pins.pinnedBy')}</th>
                      <th scope="col">{t('pins.expiresAt')}</th>
                      <th scope="col">{t('pins.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.items.map((p, i) => (
                      <tr key={p.articleId}>
                        <td className="num">{i + 1}</td>
                        <td className="title-cell">{p.title}</td>
                        <td className="nowrap">
                          {p.live
                            ? t('pins.live')
                            : t('pins.hidden', {
                                state:
                                  p.status === 'published'
                                    ? t('pins.expired')
                                    : t(`console.state.${p.status}`),
                              })}
                        </td>
                        <td className="nowrap">{p.pinnedBy?.displayName ?? '—'}</td>
                        <td className="nowrap">
                          {p.expiresAt ? dateTime(p.expiresAt, lang) : t('pins.never')}
                        </td>
                        <td className="nowrap">
                          <button
                            type="button"
                            className="button button-small button-quiet"
                            disabled={busy || i === 0}
                            onClick={() => move(list, i, -1)}
                          >
                            {t('pins.up')}
                          </button>
                          <button
                            type="button"
                            className="button button-small button-quiet"
                            disabled={busy || i === list.items.length - 1}
                            onClick={() => move(list, i, 1)}
                          >
                            {t('pins.down')}
                          </button>
                          <button
                            type="button"
                            className="button button-small"
                            disabled={busy}
                            onClick={() => run(() => unpinArticle(column, p.articleId))}
                          >
                            {t('pins.unpin')}
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}

            <h2 className="section-title">{t('pins.candidates')}</h2>
            {full && <p className="muted">{t('pins.full', { n: list.limit })}</p>}
            <label className="field field-inline">
              <span>{t('pins.expiresLabel')}</span>
              <input
                type="datetime-local"
                name="expiresAt"
                value={expiresAt}
                onChange={(e) => setExpiresAt(e.target.value)}
              />
            </label>
            <Loadable state={candidates}>
              {(page) => (
                <div className="table-wrap">
                  <table className="table" data-testid="pin-candidates">
                    <thead>
                      <tr>
                        <th scope="col">{t('console.articles.id')}</th>
                        <th scope="col">{t('pins.title')}</th>
                        <th scope="col">{t('console.articles.publishedAt')}</th>
                        <th scope="col">{t('pins.actions')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {page.items.map((a) => (
                        <tr key={a.id}>
                          <td className="num">{a.id}</td>
                          <td className="title-cell">{a.title}</td>
                          <td className="nowrap">{a.publishedAt ? dateTime(a.publishedAt, lang) : '—'}</td>
                          <td className="nowrap">
                            {pinned.has(a.id) ? (
                              <span className="badge">{t('pins.isPinned')}</span>
                            ) : (
                              <button
                                type="button"
                                className="button button-small"
                                disabled={busy || full}
                                aria-label={`${t('pins.pin')} ${a.title}`}
                                onClick={() =>
                                  run(() =>
                                    pinArticle(column, {
                                      articleId: a.id,
                                      ...(expiresAt ? { expiresAt: new Date(expiresAt).toISOString() } : {}),
                                    }),
                                  )
                                }
                              >
                                {t('pins.pin')}
                              </button>
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </Loadable>

            {list.events.length > 0 && (
              <>
                <h2 className="section-title">{t('pins.events')}</h2>
                <ul className="plain" data-testid="pin-events">
                  {list.events.map((e) => (
                    <li key={e.id}>
                      {dateTime(e.at, lang)} · {e.staff?.displayName ?? '—'} · {t(`pins.event.${e.action}`)}
                      {e.articleId !== null && ` #${e.articleId}`} → [{e.order.join(', ')}]
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        );
      }}
    </Loadable>
  );
}
