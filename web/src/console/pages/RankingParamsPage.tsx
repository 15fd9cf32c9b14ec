/**
 * 推荐参数: every parameter of the personalised ranking with its meaning, current and default
 * value; admins change them (with a reason) or restore the defaults; everyone sees the change log.
 */
import { type FormEvent, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { ApiError } from '../../shared/api.ts';
import { dateTime } from '../../shared/date.ts';
import { useAsync } from '../../shared/useAsync.ts';
import { Loadable } from '../components/Loadable.tsx';
import {
  getParams,
  PARAM_BOUNDS,
  PARAM_PATHS,
  type ParamPath,
  type Params,
  type ParamsView,
  paramAt,
  putParams,
  resetParams,
  withParam,
} from '../recsApi.ts';
import { useSession } from '../session.tsx';
import './curation.css';

export function RankingParamsPage() {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const view = useAsync(`ranking-params:${version}`, getParams);
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" className="page-title">
        {t('console.nav.recParams')}
      </h1>
      <p className="lead">{t('recs.intro')}</p>
      <Loadable state={view}>
        {(data) => <ParamsEditor key={data.version} view={data} onChanged={() => setVersion((v) => v + 1)} />}
      </Loadable>
    </section>
  );
}

const isParamPath = (p: string): p is ParamPath => (PARAM_PATHS as readonly string[]).includes(p);

function ParamsEditor({ view, onChanged }: { view: ParamsView; onChanged(): void }) {
  const { t, lang } = useI18n();
  const { staff, expire } = useSession();
  const admin = staff.role === 'admin';
  const [draft, setDraft] = useState<Params>(view.params);
  const [text, setText] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string }>();
  const label = (path: string) => (isParamPath(path) ? t(`recs.param.${path}`) : path);

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setMessage(undefined);
    try {
      await action();
      setMessage({ error: false, text: t('recs.saved') });
      onChanged();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return expire();
      const e = err instanceof ApiError ? err : undefined;
      const detail = e?.problem?.errors
        ?.map((x) => {
          const path = x.path.replace(/^body\.(params\.)?/, '');
          return `${label(path)}: ${x.message}`;
        })
        .join('; ');
      const known: Record<string, string> = {
        'ranking_params.version_conflict': t('recs.error.conflict'),
        'validation.failed': t('recs.error.fields', { detail: detail ?? '' }),
      };
      setMessage({ error: true, text: (e && known[e.code]) ?? t('error.server') });
    } finally {
      setBusy(false);
    }
  };

  const save = (e: FormEvent) => {
    e.preventDefault();
    void run(() => putParams({ params: draft, reason, version: view.version }));
  };

  const show = (v: unknown) => (typeof v === 'number' ? String(v) : JSON.stringify(v));

  return (
    <>
      <p className="muted" data-testid="params-version">
        {t('recs.version', { v: view.version })} ·{' '}
        {view.updatedAt && view.updatedBy
          ? t('recs.updated', { who: view.updatedBy.displayName, at: dateTime(view.updatedAt, lang) })
          : t('recs.neverChanged')}
      </p>
      {!admin && <p className="notice">{t('recs.readOnly')}</p>}
      <form onSubmit={save} noValidate data-testid="params-form">
        <div className="table-wrap">
          <table className="table params-table">
            <thead>
              <tr>
                <th scope="col">{t('recs.param')}</th>
                <th scope="col">{t('recs.meaning')}</th>
                <th scope="col">{t('recs.current')}</th>
                <th scope="col">{t('recs.default')}</th>
              </tr>
            </thead>
            <tbody>
              {PARAM_PATHS.map((path) => {
                const bounds = PARAM_BOUNDS[path];
                const current = paramAt(draft, path);
                const changed = view.changedFromDefaults.includes(path);
                return (
                  <tr key={path}>
                    <th scope="row">
                      <label htmlFor={`param-${path}`}>{t(`recs.param.${path}`)}</label>
                      <div className="muted">
                        <code>{path}</code>
                        {changed && <span className="badge">{t('recs.changed')}</span>}
                      </div>
                    </th>
                    <td>{t(`recs.param.${path}.help`)}</td>
                    <td className="nowrap">
                      {admin ? (
                        <input
                          id={`param-${path}`}
                          name={path}
                          type="number"
                          inputMode="decimal"
                          min={bounds.min}
                          max={bounds.max}
                          step={bounds.step}
                          value={text[path] ?? String(current)}
                          onChange={(e) => {
                            setText({ ...text, [path]: e.target.value });
                            const n = Number(e.target.value);
                            if (e.target.value.trim() !== '' && Number.isFinite(n))
                              setDraft(withParam(draft, path, n));
                          }}
                        />
                      ) : (
                        <span id={`param-${path}`}>{current}</span>
                      )}
                    </td>
                    <td className="nowrap num">{paramAt(view.defaults, path)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {admin && (
          <div className="calendar-form">
            <label className="field">
              <span>{t('recs.reason')}</span>
              <textarea
                name="reason"
                value={reason}
                maxLength={500}
                rows={2}
                aria-describedby="recs-reason-hint"
                onChange={(e) => setReason(e.target.value)}
              />
              <small id="recs-reason-hint" className="muted">
                {t('recs.reasonHint')}
              </small>
            </label>
            <button type="submit" className="button" disabled={busy}>
              {t('recs.save')}
            </button>
            <button
              type="button"
              className="button button-quiet"
              disabled={busy}
              onClick={() => run(() => resetParams({ reason, version: view.version }))}
            >
              {t('recs.reset')}
            </button>
          </div>
        )}
      </form>
      {message && (
        <p className={message.error ? 'error-text' : 'muted'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}

      <h2 className="section-title">{t('recs.log')}</h2>
      {view.log.length === 0 ? (
        <p className="muted">{t('recs.log.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="params-log">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('recs.log.when')}</th>
                <th scope="col">{t('recs.log.who')}</th>
                <th scope="col">{t('recs.reason')}</th>
                <th scope="col">{t('recs.log.what')}</th>
              </tr>
            </thead>
            <tbody>
              {view.log.map((c) => (
                <tr key={c.version}>
                  <td className="num">{c.version}</td>
                  <td className="nowrap">{dateTime(c.at, lang)}</td>
                  <td className="nowrap">{c.staff.displayName}</td>
                  <td>{c.reason}</td>
                  <td>
                    {c.action === 'reset' && <div>{t('recs.log.reset')}</div>}
                    {c.changes.length === 0 ? (
                      <span className="muted">{t('recs.log.none')}</span>
                    ) : (
                      <ul className="plain">
                        {c.changes.map((d) => (
                          <li key={d.path}>
                            {label(d.path)}: <del>{show(d.before)}</del> → <ins>{show(d.after)}</ins>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
