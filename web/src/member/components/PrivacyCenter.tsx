/**
 * The Privacy Center's own parts, shown on the privacy page (/privacy): the renewal prompt after a
 * major policy version, one switch per optional purpose with what switching changes (a sensitive
 * purpose asks a separate confirmation naming its purpose and impact), the device's analytics
 * choice for visitors, the third parties, and the links to the rights pages.
 */

import { useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { type AnalyticsChoice, analyticsChoice, setAnalyticsChoice } from '../../shared/analytics-choice.ts';
import { ApiError } from '../../shared/api.ts';
import { Link } from '../../shared/router.tsx';
import { useAsync } from '../../shared/useAsync.ts';
import { clearInterests } from '../interests.ts';
import {
  getMyConsents,
  getPolicy,
  getThirdParties,
  type MyConsent,
  type PolicyPurpose,
  setMyConsent,
} from '../privacy.ts';
import { useSession } from '../session.tsx';
import { forgetKeptFeeds } from '../useFeed.ts';

export function PolicyLinks() {
  const { t } = useI18n();
  return (
    <nav className="panel panel-list" aria-label={t('pc.title')}>
      <Link to="/privacy/policy" className="row-link" data-testid="open-policy">
        {t('pc.readPolicy')}
      </Link>
      <Link to="/privacy/export" className="row-link">
        {t('pc.export')}
      </Link>
      <Link to="/privacy/requests" className="row-link">
        {t('pc.requests')}
      </Link>
      <Link to="/privacy/cancel" className="row-link">
        {t('pc.cancel')}
      </Link>
      <Link to="/guardian" className="row-link" data-testid="open-guardian">
        {t('ga.entry')}
      </Link>
    </nav>
  );
}

/** The records a member deletes item by item, without a request: one place to find them all. */
export function MyRecordsLinks() {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="pc-records">
      <h2 id="pc-records">{t('mydata.title')}</h2>
      <p className="hint">{t('mydata.hint')}</p>
      <nav className="panel-list" aria-labelledby="pc-records" data-testid="my-records">
        <Link to="/me/history" className="row-link">
          {t('engage.history.title')}
        </Link>
        <Link to="/me/search-history" className="row-link">
          {t('mydata.searches.title')}
        </Link>
        <Link to="/me/favorites" className="row-link">
          {t('engage.favorites.title')}
        </Link>
        <Link to="/me/follows" className="row-link">
          {t('engage.follows.title')}
        </Link>
        <Link to="/me/comments" className="row-link">
          {t('comments.mine.title')}
        </Link>
        <Link to="/me/interests" className="row-link">
          {t('interests.title')}
        </Link>
      </nav>
    </section>
  );
}

export function ConsentSwitches() {
  const { t, lang } = useI18n();
  const session = useSession();
  const policy = useAsync(`policy:${lang}`, (signal) => getPolicy(lang, undefined, signal));
  const member = session.status === 'member';
  const mine = useAsync(`my-consents:${member}`, (signal) =>
    member ? getMyConsents(signal) : Promise.resolve([] as MyConsent[]),
  );
  const [overrides, setOverrides] = useState<Record<string, MyConsent>>({});
  const [confirming, setConfirming] = useState<PolicyPurpose | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [offerDeletion, setOfferDeletion] = useState(false);

  if (policy.status !== 'ready') return null;
  if (!member) return <DeviceAnalytics />;
  // A child's account waiting for a guardian (403 guardian.consent_required) sees the policy, not switches.
  if (mine.status === 'error')
    return mine.error.code === 'guardian.consent_required' ? (
      <DeviceAnalytics />
    ) : (
      <p className="form-error">{t('error.server')}</p>
    );
  if (mine.status !== 'ready') return <p className="page-status">{t('console.loading')}</p>;

  const state = (id: string) => overrides[id] ?? mine.data.find((c) => c.purpose === id);
  const renewals = policy.data.purposes.filter((p) => state(p.id)?.renewalNeeded);
  const purposes = policy.data.purposes.filter((p) => !p.required && !p.guardianOnly);

  const change = async (purpose: PolicyPurpose, granted: boolean, acknowledged = false) => {
    setError(null);
    if (granted && purpose.sensitive && !acknowledged) {
      setConfirming(purpose);
      return;
    }
    setBusy(purpose.id);
    try {
      const record = await setMyConsent(purpose.id, granted, acknowledged || undefined);
      setOverrides((o) => ({ ...o, [purpose.id]: record }));
      // The feed's order may change with any choice: lists kept in memory are loaded afresh.
      forgetKeptFeeds();
      if (purpose.id === 'personalization' && !granted) setOfferDeletion(true);
    } catch (err) {
      setError(err instanceof ApiError ? (err.problem?.detail ?? err.message) : String(err));
    } finally {
      setBusy(null);
      setConfirming(null);
    }
  };

  return (
    <>
      {renewals.length > 0 && (
        <section className="panel notice renewal" role="alert" data-testid="renewal-banner">
          <h2>{t('pc.renewTitle', { version: policy.data.version })}</h2>
          <p>{t('pc.renewBody')}</p>
          <ul>
            {renewals.map((p) => (
              <li key={p.id}>
                <strong>{p.title}</strong> — {p.impact}{' '}
                <button type="button" className="button" onClick={() => change(p, true)}>
                  {t('pc.renew')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="panel" aria-labelledby="pc-choices">
        <h2 id="pc-choices">{t('pc.choices')}</h2>
        <p className="hint">{t('pc.choicesHint')}</p>
        {purposes.map((p) => {
          const granted = state(p.id)?.granted === true;
          return (
            <label key={p.id} className="consent-switch" data-testid={`consent-${p.id}`}>
              <span>
                <strong>
                  {p.title}
                  {p.sensitive && <em className="badge-sensitive">{t('consent.sensitive')}</em>}
                </strong>
                <small>{p.impact}</small>
              </span>
              <input
                type="checkbox"
                role="switch"
                aria-checked={granted}
                checked={granted}
                disabled={busy === p.id}
                onChange={(e) => change(p, e.target.checked)}
              />
            </label>
          );
        })}
        <p className="hint">{t('pc.accountRequired')}</p>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </section>
      {confirming && (
        <div className="sheet" role="dialog" aria-modal="true" aria-labelledby="pc-confirm-title">
          <div className="panel">
            <h2 id="pc-confirm-title">{t('pc.sensitiveTitle', { purpose: confirming.title })}</h2>
            <p>{confirming.impact}</p>
            <p className="hint">{t('pc.sensitiveHint')}</p>
            <div className="form-actions">
              <button
                type="button"
                className="button button-wide"
                data-testid="confirm-sensitive"
                onClick={() => change(confirming, true, true)}
              >
                {t('pc.sensitiveAgree')}
              </button>
              <button
                type="button"
                className="button button-quiet button-wide"
                onClick={() => setConfirming(null)}
              >
                {t('pc.sensitiveCancel')}
              </button>
            </div>
          </div>
        </div>
      )}
      {offerDeletion && <OfferProfileDeletion onDone={() => setOfferDeletion(false)} />}
      <DeviceAnalytics />
    </>
  );
}

/** Analytics on this device: stored here only, sent as a header the server honours. */
function DeviceAnalytics() {
  const { t } = useI18n();
  const [choice, setChoice] = useState<AnalyticsChoice | null>(analyticsChoice());
  const pick = (c: AnalyticsChoice) => {
    setAnalyticsChoice(c);
    setChoice(c);
  };
  return (
    <section className="panel" aria-labelledby="pc-device">
      <h2 id="pc-device">{t('pc.device')}</h2>
      <label className="consent-switch" data-testid="device-analytics">
        <span>
          <strong>{t('pc.deviceAnalytics')}</strong>
          <small>{t('pc.deviceAnalyticsHint')}</small>
        </span>
        <input
          type="checkbox"
          role="switch"
          aria-checked={choice === 'on'}
          checked={choice === 'on'}
          onChange={(e) => pick(e.target.checked ? 'on' : 'off')}
        />
      </label>
    </section>
  );
}

export function ThirdPartyList() {
  const { t, lang } = useI18n();
  const parties = useAsync('third-parties', (signal) => getThirdParties(signal));
  if (parties.status !== 'ready') return null;
  const zh = lang === 'zh-CN';
  return (
    <section className="panel" aria-labelledby="pc-third">
      <h2 id="pc-third">{t('pc.thirdParties')}</h2>
      <ul className="third-parties" data-testid="third-parties">
        {parties.data.map((p) => (
          <li key={p.id}>
            <strong>{p.name}</strong> <span className="muted">({p.kind})</span>
            <p>
              {t('pc.tpPurpose')}：{zh ? p.purposeZh : p.purposeEn}
            </p>
            <p>
              {t('pc.tpData')}：{zh ? p.dataZh : p.dataEn}
            </p>
            <p>
              {t('pc.tpRegion')}：{p.region}
              {p.policyUrl && (
                <>
                  {' · '}
                  <a href={p.policyUrl} target="_blank" rel="noopener noreferrer">
                    {t('pc.tpPolicy')}
                  </a>
                </>
              )}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

const SEEN_KEY = 'ccm.policySeen';

/**
 * Tells a reader that the policy changed since this device last saw it (a major version that asks
 * to renew a purpose says so on the privacy page itself). The first visit only remembers the
 * version: a new visitor meets the policy at registration.
 */
export function PolicyUpdateNotice() {
  const { t, lang } = useI18n();
  const policy = useAsync(`policy:${lang}`, (signal) => getPolicy(lang, undefined, signal));
  const [dismissed, setDismissed] = useState(false);
  if (policy.status !== 'ready' || dismissed) return null;
  const version = policy.data.version;
  let seen: string | null = null;
  try {
    seen = globalThis.localStorage?.getItem(SEEN_KEY) ?? null;
    if (!seen) globalThis.localStorage?.setItem(SEEN_KEY, version);
  } catch {
    return null;
  }
  if (!seen || seen === version) return null;
  const acknowledge = () => {
    try {
      globalThis.localStorage?.setItem(SEEN_KEY, version);
    } catch {
      // nothing to remember with
    }
    setDismissed(true);
  };
  return (
    <section className="panel notice renewal" role="status" data-testid="policy-updated">
      <p>{t('pc.updated', { version })}</p>
      <div className="form-actions">
        <Link to="/privacy/policy" className="button" onClick={acknowledge}>
          {t('pc.readPolicy')}
        </Link>
        <button type="button" className="button button-quiet" onClick={acknowledge}>
          {t('pc.updatedDismiss')}
        </button>
      </div>
    </section>
  );
}

/**
 * Shown once personalisation is switched off: the profile and the behaviour behind it can go too
 * (the switch alone stops their use; this deletes them).
 */
function OfferProfileDeletion({ onDone }: { onDone(): void }) {
  const { t } = useI18n();
  const [state, setState] = useState<'asking' | 'busy' | 'done' | 'failed'>('asking');
  const remove = async (behaviour: boolean) => {
    setState('busy');
    try {
      await clearInterests(behaviour);
      setState('done');
    } catch {
      setState('failed');
    }
  };
  return (
    <div className="sheet" role="dialog" aria-modal="true" aria-labelledby="recs-off-title">
      <div className="panel" data-testid="recs-off">
        <h2 id="recs-off-title">{t('recs.offTitle')}</h2>
        <p>{t('recs.offBody')}</p>
        {state === 'done' || state === 'failed' ? (
          <>
            <p role="status">{t(state === 'done' ? 'recs.offDone' : 'interests.failed')}</p>
            <button type="button" className="button button-wide" onClick={onDone}>
              {t('recs.offClose')}
            </button>
          </>
        ) : (
          <div className="form-actions">
            <button
              type="button"
              className="button button-wide"
              disabled={state === 'busy'}
              onClick={() => remove(false)}
            >
              {t('recs.offDeleteProfile')}
            </button>
            <button
              type="button"
              className="button button-wide"
              data-testid="recs-off-delete-all"
              disabled={state === 'busy'}
              onClick={() => remove(true)}
            >
              {t('recs.offDeleteAll')}
            </button>
            <button type="button" className="button button-quiet button-wide" onClick={onDone}>
              {t('recs.offKeep')}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
