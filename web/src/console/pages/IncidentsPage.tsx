/**
 * 安全事件 (compliance and admin): record an incident, tell the people affected (in the app and by
 * SMS, guardians for children) or publish an announcement, and download the regulator report.
 */
import { type FormEvent, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { ApiError } from '../../shared/api.ts';
import { dateTime } from '../../shared/date.ts';
import { useAsync } from '../../shared/useAsync.ts';
import { Loadable } from '../components/Loadable.tsx';
import { getInventory } from '../consoleApi.ts';
import {
  AUDIENCES,
  type Audience,
  closeIncident,
  createIncident,
  type Incident,
  listIncidents,
  notifyIncident,
  reportUrl,
} from '../incidentsApi.ts';

export function IncidentsPage() {
  const { t } = useI18n();
  const list = useAsync('incidents', (signal) => listIncidents(undefined, signal));
  const [creating, setCreating] = useState(false);
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" className="page-title">
        {t('console.nav.incidents')}
      </h1>
      <p className="lead">{t('console.incidents.intro')}</p>
      {creating ? (
        <IncidentForm
          onDone={() => {
            setCreating(false);
            list.reload();
          }}
        />
      ) : (
        <button type="button" className="button" onClick={() => setCreating(true)}>
          {t('console.incidents.new')}
        </button>
      )}
      <Loadable state={list}>
        {(page) =>
          page.items.length === 0 ? (
            <p className="muted">{t('console.incidents.empty')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="incidents-table">
                <thead>
                  <tr>
                    <th scope="col">{t('console.incidents.reference')}</th>
                    <th scope="col">{t('console.incidents.title')}</th>
                    <th scope="col">{t('console.incidents.audience')}</th>
                    <th scope="col">{t('console.incidents.status')}</th>
                    <th scope="col">{t('console.incidents.told')}</th>
                    <th scope="col">{t('console.incidents.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((i) => (
                    <Row key={i.id} incident={i} onChange={list.reload} />
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loadable>
    </section>
  );
}

function Row({ incident: i, onChange }: { incident: Incident; onChange(): void }) {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const act = async (action: () => Promise<unknown>, confirmText?: string) => {
    if (confirmText && !window.confirm(confirmText)) return;
    setBusy(true);
    setError(undefined);
    try {
      await action();
      onChange();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <tr>
      <td className="mono nowrap">{i.reference}</td>
      <td>{lang === 'en' ? i.title.en : i.title.zh}</td>
      <td className="nowrap">{t(`console.incidents.to.${i.audience}`)}</td>
      <td className="nowrap">
        {t(`console.incidents.state.${i.status}`)}
        {i.notifiedAt && <div className="muted">{dateTime(i.notifiedAt, lang)}</div>}
      </td>
      <td className="num">
        {i.status === 'draft'
          ? '—'
          : t('console.incidents.counts', {
              m: i.notifiedMembers,
              s: i.notifiedBySms,
              g: i.notifiedGuardians,
            })}
      </td>
      <td className="nowrap">
        {i.status === 'draft' && (
          <button
            type="button"
            className="button button-small"
            disabled={busy}
            onClick={() => act(() => notifyIncident(i.id), t('console.incidents.confirmNotify'))}
          >
            {t('console.incidents.notify')}
          </button>
        )}
        {i.status === 'notified' && (
          <button
            type="button"
            className="button button-small button-quiet"
            disabled={busy}
            onClick={() => act(() => closeIncident(i.id))}
          >
            {t('console.incidents.close')}
          </button>
        )}{' '}
        <a href={reportUrl(i.id, 'zh-CN')} download>
          {t('console.incidents.reportZh')}
        </a>{' '}
        <a href={reportUrl(i.id, 'en')} download>
          {t('console.incidents.reportEn')}
        </a>
        {error && (
          <div className="notice notice-error" role="alert">
            {error}
          </div>
        )}
      </td>
    </tr>
  );
}

const empty = { zh: '', en: '' };

function IncidentForm({ onDone }: { onDone(): void }) {
  const { t, lang } = useI18n();
  const inventory = useAsync('inventory', getInventory);
  const [form, setForm] = useState({
    title: empty,
    cause: empty,
    possibleHarm: empty,
    measures: empty,
    advice: empty,
    contact: '',
    discoveredAt: '',
    occurredAt: '',
    audience: 'listed' as Audience,
    affected: '',
    categories: [] as string[],
  });
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const text = (key: 'title' | 'cause' | 'possibleHarm' | 'measures' | 'advice', multiline = true) =>
    (['zh', 'en'] as const).map((l) => {
      const id = `incident-${key}-${l}`;
      const change = (value: string) => setForm({ ...form, [key]: { ...form[key], [l]: value } });
      return (
        <div key={l} className="field">
          <label htmlFor={id}>
            {t(`console.incidents.field.${key}`)} ({l === 'zh' ? '中文' : 'English'})
          </label>
          {multiline ? (
            <textarea
              id={id}
              required
              rows={3}
              value={form[key][l]}
              onChange={(e) => change(e.target.value)}
            />
          ) : (
            <input id={id} required value={form[key][l]} onChange={(e) => change(e.target.value)} />
          )}
        </div>
      );
    });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await createIncident({
        title: form.title,
        cause: form.cause,
        possibleHarm: form.possibleHarm,
        measures: form.measures,
        advice: form.advice,
        contact: form.contact,
        categories: form.categories,
        discoveredAt: new Date(form.discoveredAt).toISOString(),
        occurredAt: form.occurredAt ? new Date(form.occurredAt).toISOString() : null,
        audience: form.audience,
        affectedUserIds:
          form.audience === 'listed'
            ? form.affected
                .split(/[\s,，]+/)
                .filter(Boolean)
                .map(Number)
            : undefined,
      });
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const categories =
    inventory.status === 'ready'
      ? [...new Map(inventory.data.rows.map((r) => [r.category.id, r.category.label])).entries()]
      : [];
  return (
    <form className="panel incident-form" onSubmit={submit} aria-label={t('console.incidents.new')}>
      {text('title', false)}
      <fieldset>
        <legend>{t('console.incidents.field.categories')}</legend>
        {categories.map(([id, label]) => (
          <label key={id} className="option">
            <input
              type="checkbox"
              checked={form.categories.includes(id)}
              onChange={(e) =>
                setForm({
                  ...form,
                  categories: e.target.checked
                    ? [...form.categories, id]
                    : form.categories.filter((c) => c !== id),
                })
              }
            />
            {lang === 'en' ? label.en : label.zh}
          </label>
        ))}
      </fieldset>
      {text('cause')}
      {text('possibleHarm')}
      {text('measures')}
      {text('advice')}
      <label className="field">
        <span>{t('console.incidents.field.contact')}</span>
        <input
          required
          value={form.contact}
          onChange={(e) => setForm({ ...form, contact: e.target.value })}
        />
      </label>
      <label className="field">
        <span>{t('console.incidents.field.discoveredAt')}</span>
        <input
          type="datetime-local"
          required
          value={form.discoveredAt}
          onChange={(e) => setForm({ ...form, discoveredAt: e.target.value })}
        />
      </label>
      <label className="field">
        <span>{t('console.incidents.field.occurredAt')}</span>
        <input
          type="datetime-local"
          value={form.occurredAt}
          onChange={(e) => setForm({ ...form, occurredAt: e.target.value })}
        />
      </label>
      <label className="field">
        <span>{t('console.incidents.audience')}</span>
        <select
          value={form.audience}
          onChange={(e) => setForm({ ...form, audience: e.target.value as Audience })}
        >
          {AUDIENCES.map((a) => (
            <option key={a} value={a}>
              {t(`console.incidents.to.${a}`)}
            </option>
          ))}
        </select>
      </label>
      {form.audience === 'listed' && (
        <label className="field">
          <span>{t('console.incidents.field.affected')}</span>
          <textarea
            rows={2}
            value={form.affected}
            onChange={(e) => setForm({ ...form, affected: e.target.value })}
          />
        </label>
      )}
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {t('console.incidents.save')}
        </button>
        <button type="button" className="button button-quiet" onClick={onDone}>
          {t('console.incidents.cancel')}
        </button>
      </div>
    </form>
  );
}
