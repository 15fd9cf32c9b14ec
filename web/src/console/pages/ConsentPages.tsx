/**
 * Compliance console: policy versions (history and the publish form), the consent ledger (search
 * and chain verification) and the third parties (list, add, edit, remove).
 */
import { type FormEvent, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { ApiError } from '../../shared/api.ts';
import { dateTime } from '../../shared/date.ts';
import { useAsync } from '../../shared/useAsync.ts';
import { Loadable } from '../components/Loadable.tsx';
import {
  type ChainVerdict,
  createThirdParty,
  deleteThirdParty,
  type LedgerRow,
  listPolicyVersions,
  listThirdPartiesConsole,
  PURPOSE_IDS,
  publishPolicyVersion,
  searchLedger,
  THIRD_PARTY_KINDS,
  type ThirdParty,
  type ThirdPartyInput,
  updateThirdParty,
  verifyLedger,
} from '../consentApi.ts';
import './members.css';

const problemText = (err: unknown) => {
  if (!(err instanceof ApiError)) return String(err);
  const fields = err.problem?.errors?.map((e) => `${e.path}: ${e.message}`).join('; ');
  return fields ? `${err.problem?.detail ?? err.message} (${fields})` : (err.problem?.detail ?? err.message);
};

export function PolicyVersionsPage() {
  const { t, lang } = useI18n();
  const [reloadKey, setReloadKey] = useState(0);
  const versions = useAsync(`policy-versions:${reloadKey}`, (signal) => listPolicyVersions(signal));
  const [form, setForm] = useState({
    version: '',
    kind: 'minor' as 'major' | 'minor',
    changed: [] as string[],
    bodyZh: '',
    bodyEn: '',
    effectiveAt: '',
  });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    try {
      await publishPolicyVersion({
        version: form.version.trim(),
        kind: form.kind,
        changedPurposes: form.changed,
        bodyZh: form.bodyZh,
        bodyEn: form.bodyEn,
        effectiveAt: form.effectiveAt ? new Date(form.effectiveAt).toISOString() : undefined,
      });
      setMessage({ ok: true, text: t('console.policy.published') });
      setReloadKey((k) => k + 1);
    } catch (err) {
      setMessage({ ok: false, text: problemText(err) });
    }
  };
  const toggle = (p: string) =>
    setForm((f) => ({
      ...f,
      changed: f.changed.includes(p) ? f.changed.filter((x) => x !== p) : [...f.changed, p],
    }));

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" className="page-title">
        {t('console.nav.policy')}
      </h1>
      <p className="lead">{t('console.policy.intro')}</p>
      <h2>{t('console.policy.list')}</h2>
      <Loadable state={versions}>
        {(list) => (
          <div className="table-wrap">
            <table className="data-table" data-testid="policy-versions">
              <thead>
                <tr>
                  <th>{t('console.policy.version')}</th>
                  <th>{t('console.policy.kind')}</th>
                  <th>{t('console.policy.changed')}</th>
                  <th>{t('console.policy.effectiveAt')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((v) => (
                  <tr key={v.version}>
                    <td>
                      {v.version}
                      {v.current ? ' ✓' : ''}
                    </td>
                    <td>{v.kind}</td>
                    <td>{v.changedPurposes.join(', ') || '—'}</td>
                    <td>{dateTime(v.effectiveAt, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Loadable>
      <form className="stack-form" onSubmit={submit} data-testid="publish-form">
        <label className="field">
          <span>{t('console.policy.version')}</span>
          <input
            value={form.version}
            placeholder="2026-12-01"
            onChange={(e) => setForm({ ...form, version: e.target.value })}
          />
        </label>
        <label className="field">
          <span>{t('console.policy.kind')}</span>
          <select
            value={form.kind}
            onChange={(e) => setForm({ ...form, kind: e.target.value as 'major' | 'minor' })}
          >
            <option value="minor">minor</option>
            <option value="major">major</option>
          </select>
        </label>
        {form.kind === 'major' && (
          <fieldset className="field">
            <legend>{t('console.policy.changed')}</legend>
            {PURPOSE_IDS.map((p) => (
              <label key={p} className="check">
                <input type="checkbox" checked={form.changed.includes(p)} onChange={() => toggle(p)} /> {p}
              </label>
            ))}
          </fieldset>
        )}
        <label className="field">
          <span>{t('console.policy.bodyZh')}</span>
          <textarea
            rows={8}
            value={form.bodyZh}
            onChange={(e) => setForm({ ...form, bodyZh: e.target.value })}
          />
        </label>
        <label className="field">
          <span>{t('console.policy.bodyEn')}</span>
          <textarea
            rows={8}
            value={form.bodyEn}
            onChange={(e) => setForm({ ...form, bodyEn: e.target.value })}
          />
        </label>
        <label className="field">
          <span>{t('console.policy.effectiveAt')}</span>
          <input
            type="datetime-local"
            value={form.effectiveAt}
            onChange={(e) => setForm({ ...form, effectiveAt: e.target.value })}
          />
        </label>
        <button type="submit" className="button">
          {t('console.policy.publish')}
        </button>
        {message && (
          <p className={message.ok ? 'notice' : 'notice notice-error'} role="status">
            {message.text}
          </p>
        )}
      </form>
    </section>
  );
}

export function LedgerPage() {
  const { t, lang } = useI18n();
  const [filter, setFilter] = useState({ userId: '', purpose: '', from: '', to: '' });
  const [rows, setRows] = useState<LedgerRow[] | null>(null);
  const [cursor, setCursor] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [verdict, setVerdict] = useState<ChainVerdict | null>(null);
  const load = async (more: boolean) => {
    setError(null);
    try {
      const page = await searchLedger({
        userId: filter.userId.trim() || undefined,
        purpose: filter.purpose || undefined,
        from: filter.from ? new Date(filter.from).toISOString() : undefined,
        to: filter.to ? new Date(filter.to).toISOString() : undefined,
        cursor: more ? (cursor ?? undefined) : undefined,
      });
      setRows((r) => (more && r ? [...r, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (err) {
      setError(problemText(err));
    }
  };
  const verify = async () => {
    setVerdict(null);
    try {
      setVerdict(await verifyLedger());
    } catch (err) {
      setError(problemText(err));
    }
  };
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" className="page-title">
        {t('console.nav.ledger')}
      </h1>
      <p className="lead">{t('console.ledger.intro')}</p>
      <p>
        <button type="button" className="button" onClick={verify} data-testid="verify-chain">
          {t('console.ledger.verify')}
        </button>
      </p>
      {verdict && (
        <p
          className={verdict.ok ? 'notice' : 'notice notice-error'}
          role="status"
          data-testid="chain-verdict"
        >
          {verdict.ok
            ? t('console.ledger.ok', {
                length: verdict.length,
                chains: verdict.chains ?? 0,
                expiredChains: verdict.expiredChains ?? 0,
                expiredRecords: verdict.expiredRecords ?? 0,
              })
            : t('console.ledger.broken', {
                id: verdict.brokenId ?? '-',
                reason: verdict.reason ?? '',
                detail: verdict.detail ?? '',
              })}
        </p>
      )}
      <form
        className="member-search"
        onSubmit={(e) => {
          e.preventDefault();
          load(false);
        }}
      >
        <label className="field">
          <span>{t('console.ledger.userId')}</span>
          <input
            inputMode="numeric"
            value={filter.userId}
            onChange={(e) => setFilter({ ...filter, userId: e.target.value })}
          />
        </label>
        <label className="field">
          <span>{t('console.ledger.purpose')}</span>
          <select value={filter.purpose} onChange={(e) => setFilter({ ...filter, purpose: e.target.value })}>
            <option value="">—</option>
            {PURPOSE_IDS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('console.ledger.from')}</span>
          <input
            type="datetime-local"
            value={filter.from}
            onChange={(e) => setFilter({ ...filter, from: e.target.value })}
          />
        </label>
        <label className="field">
          <span>{t('console.ledger.to')}</span>
          <input
            type="datetime-local"
            value={filter.to}
            onChange={(e) => setFilter({ ...filter, to: e.target.value })}
          />
        </label>
        <button type="submit" className="button">
          {t('console.ledger.search')}
        </button>
      </form>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {rows && rows.length === 0 && <p className="muted">{t('console.ledger.empty')}</p>}
      {rows && rows.length > 0 && (
        <div className="table-wrap">
          <table className="data-table" data-testid="ledger-rows">
            <thead>
              <tr>
                <th>#</th>
                <th>{t('console.ledger.userId')}</th>
                <th>{t('console.ledger.purpose')}</th>
                <th />
                <th>{t('console.policy.version')}</th>
                <th>channel</th>
                <th>region</th>
                <th>at</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.id}</td>
                  <td>{r.userId}</td>
                  <td>{r.purpose}</td>
                  <td>{r.granted ? t('console.ledger.granted') : t('console.ledger.withdrawn')}</td>
                  <td>{r.policyVersion}</td>
                  <td>{r.channel}</td>
                  <td>{r.ipRegion ?? '—'}</td>
                  <td>{dateTime(r.at, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cursor !== null && (
        <button type="button" className="button button-quiet" onClick={() => load(true)}>
          {t('console.ledger.more')}
        </button>
      )}
    </section>
  );
}

const EMPTY: ThirdPartyInput = {
  name: '',
  kind: 'processor',
  purposeZh: '',
  purposeEn: '',
  dataZh: '',
  dataEn: '',
  region: '',
  policyUrl: null,
};
const FIELDS = ['name', 'purposeZh', 'purposeEn', 'dataZh', 'dataEn', 'region'] as const;

export function ThirdPartiesPage() {
  const { t } = useI18n();
  const [reloadKey, setReloadKey] = useState(0);
  const list = useAsync(`third-parties:${reloadKey}`, (signal) => listThirdPartiesConsole(signal));
  const [editing, setEditing] = useState<{ id: number | null; input: ThirdPartyInput } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!editing) return;
    setError(null);
    try {
      const input = { ...editing.input, policyUrl: editing.input.policyUrl?.trim() || null };
      if (editing.id === null) await createThirdParty(input);
      else await updateThirdParty(editing.id, input);
      setEditing(null);
      setReloadKey((k) => k + 1);
    } catch (err) {
      setError(problemText(err));
    }
  };
  const remove = async (p: ThirdParty) => {
    if (!window.confirm(`${t('console.tp.remove')}: ${p.name}?`)) return;
    try {
      await deleteThirdParty(p.id);
      setReloadKey((k) => k + 1);
    } catch (err) {
      setError(problemText(err));
    }
  };
  const label = (f: (typeof FIELDS)[number]) => t(`console.tp.${f}`);
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" className="page-title">
        {t('console.nav.thirdParties')}
      </h1>
      <p className="lead">{t('console.tp.intro')}</p>
      <Loadable state={list}>
        {(parties) => (
          <div className="table-wrap">
            <table className="data-table" data-testid="third-party-rows">
              <thead>
                <tr>
                  <th>{t('console.tp.name')}</th>
                  <th>{t('console.tp.kind')}</th>
                  <th>{t('console.tp.purposeZh')}</th>
                  <th>{t('console.tp.region')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {parties.map((p) => (
                  <tr key={p.id}>
                    <td>{p.name}</td>
                    <td>{p.kind}</td>
                    <td>{p.purposeZh}</td>
                    <td>{p.region}</td>
                    <td>
                      <button
                        type="button"
                        className="button button-quiet"
                        onClick={() => setEditing({ id: p.id, input: { ...p } })}
                      >
                        {t('console.tp.edit')}
                      </button>
                      <button type="button" className="button button-quiet" onClick={() => remove(p)}>
                        {t('console.tp.remove')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Loadable>
      {!editing && (
        <button type="button" className="button" onClick={() => setEditing({ id: null, input: EMPTY })}>
          {t('console.tp.add')}
        </button>
      )}
      {editing && (
        <form className="stack-form" onSubmit={save} data-testid="third-party-form">
          {FIELDS.map((f) => (
            <label key={f} className="field">
              <span>{label(f)}</span>
              <input
                value={editing.input[f]}
                onChange={(e) => setEditing({ ...editing, input: { ...editing.input, [f]: e.target.value } })}
              />
            </label>
          ))}
          <label className="field">
            <span>{t('console.tp.kind')}</span>
            <select
              value={editing.input.kind}
              onChange={(e) => setEditing({ ...editing, input: { ...editing.input, kind: e.target.value } })}
            >
              {THIRD_PARTY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('console.tp.policyUrl')}</span>
            <input
              type="url"
              value={editing.input.policyUrl ?? ''}
              onChange={(e) =>
                setEditing({ ...editing, input: { ...editing.input, policyUrl: e.target.value } })
              }
            />
          </label>
          <button type="submit" className="button">
            {t('console.tp.save')}
          </button>
          <button type="button" className="button button-quiet" onClick={() => setEditing(null)}>
            {t('console.tp.cancel')}
          </button>
        </form>
      )}
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
