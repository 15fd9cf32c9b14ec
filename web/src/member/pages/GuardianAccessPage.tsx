/**
 * 监护人服务 (/guardian, requirement 13, policy part VII): open without signing in. The guardian
 * verifies their own phone with an SMS code and, for 30 minutes, can view and correct each child's
 * profile, download a copy of the child's data, open rights requests for the child, and cancel the
 * child's account after reading what cancellation deletes. Withdrawing consent stays on the
 * child's device (我的 › 监护人管理), where it was given.
 */
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { ApiError, isAbort } from '../../shared/api.ts';
import { dateTime } from '../../shared/date.ts';
import { Link } from '../../shared/router.tsx';
import { useTitle } from '../../shared/useTitle.ts';
import { compactPhone, isPhone, type Me } from '../account.ts';
import type { CancellationItem } from '../cancellation.ts';
import { Notice, PhoneField } from '../components/Form.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { SmsCodeField } from '../components/SmsCodeField.tsx';
import { errorMessage } from '../errors.ts';
import type { DataExport } from '../exports.ts';
import {
  type ChildInCare,
  cancelChildAccount,
  correctChild,
  endGuardianSession,
  type GuardianSession,
  getChild,
  getChildCancellationPreview,
  getGuardianSession,
  listChildExports,
  listChildRequests,
  openChildRequest,
  openGuardianSession,
  requestChildExport,
} from '../guardian-access.ts';
import type { MyRequest } from '../requests.ts';
import { Preview } from './CancelAccountPage.tsx';
import { ExportItem, usePollWhilePreparing } from './ExportPage.tsx';
import { ProfileForm } from './ProfilePage.tsx';
import { NewRequestForm, RequestItem } from './RequestsPage.tsx';
import '../exports.css';
import '../guardian.css';
import './requests.css';

const ended = (err: unknown) => err instanceof ApiError && err.code === 'guardian.session_required';

export function GuardianAccessPage() {
  const { t } = useI18n();
  useTitle(`${t('ga.title')} · ${t('app.name')}`);
  // undefined while asking whether a guardian session is open on this browser.
  const [session, setSession] = useState<GuardianSession | null>();
  const [message, setMessage] = useState<string>();

  const refresh = useCallback(async (signal?: AbortSignal) => {
    try {
      setSession(await getGuardianSession(signal));
    } catch (err) {
      if (!isAbort(err)) setSession(null);
    }
  }, []);
  useEffect(() => {
    const abort = new AbortController();
    void refresh(abort.signal);
    return () => abort.abort();
  }, [refresh]);

  const expire = useCallback((text: string) => {
    setSession(null);
    setMessage(text);
  }, []);

  return (
    <div className="account-page guardian-access-page">
      <PageHeader title={t('ga.title')} fallback="/privacy" />
      {message && <Notice kind="info">{message}</Notice>}
      {session === undefined ? (
        <p className="page-status">{t('console.loading')}</p>
      ) : session === null ? (
        <SignIn
          onSignedIn={(s) => {
            setMessage(undefined);
            setSession(s);
          }}
        />
      ) : (
        <Children session={session} onRefresh={() => void refresh()} onEnded={expire} />
      )}
    </div>
  );
}

function SignIn({ onSignedIn }: { onSignedIn(session: GuardianSession): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<{ phone?: string; code?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!isPhone(phone)) {
      setErrors({ phone: t('field.phone.invalid') });
      return;
    }
    if (!/^\d{6}$/.test(code)) {
      setErrors({ code: t('cancel.codeMissing') });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      onSignedIn(await openGuardianSession(compactPhone(phone), code));
    } catch (err) {
      const text = errorMessage(i18n, err);
      if (err instanceof ApiError && err.code.startsWith('sms.')) setErrors({ code: text });
      else setErrors({ form: text });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel account-form" onSubmit={submit} noValidate data-testid="guardian-sign-in">
      <h2 className="form-title">{t('ga.signInTitle')}</h2>
      <p className="form-intro">{t('ga.signInIntro')}</p>
      <ul className="guardian-can">
        <li>{t('ga.canView')}</li>
        <li>{t('ga.canCorrect')}</li>
        <li>{t('ga.canRequest')}</li>
        <li>{t('ga.canCancel')}</li>
      </ul>
      <PhoneField label={t('ga.phone')} value={phone} onValue={setPhone} error={errors.phone} />
      <SmsCodeField
        phone={phone}
        purpose="guardian-access"
        value={code}
        onValue={setCode}
        error={errors.code}
        onPhoneError={(text) => setErrors((e) => ({ ...e, phone: text }))}
      />
      <p className="form-hint">{t('ga.codeHint')}</p>
      {errors.form && <Notice>{errors.form}</Notice>}
      <div className="form-actions">
        <button type="submit" className="button button-wide" disabled={busy}>
          {busy ? t('ga.verifying') : t('ga.verify')}
        </button>
      </div>
    </form>
  );
}

interface ChildrenProps {
  session: GuardianSession;
  onRefresh(): void;
  onEnded(message: string): void;
}

function Children({ session, onRefresh, onEnded }: ChildrenProps) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [selected, setSelected] = useState<number | null>(session.children[0]?.id ?? null);
  const child = session.children.find((c) => c.id === selected) ?? null;
  const expired = useCallback(() => onEnded(t('ga.expired')), [onEnded, t]);

  const signOut = async () => {
    try {
      await endGuardianSession();
    } catch {
      // Ended already: either way the guardian is signed out here.
    }
    onEnded(t('ga.signedOut'));
  };

  return (
    <>
      <section className="panel" aria-labelledby="ga-children">
        <div className="request-item-head">
          <h2 id="ga-children">{t('ga.children')}</h2>
          <button type="button" className="button button-quiet button-small" onClick={signOut}>
            {t('ga.signOut')}
          </button>
        </div>
        <p className="hint">{t('ga.until', { when: dateTime(session.expiresAt, lang) })}</p>
        {session.children.length === 0 ? (
          <p className="hint" data-testid="ga-no-children">
            {t('ga.noChildren')}
          </p>
        ) : (
          <div className="segmented" role="tablist" aria-label={t('ga.children')}>
            {session.children.map((c) => (
              <button
                key={c.id}
                type="button"
                role="tab"
                aria-selected={c.id === selected}
                className={c.id === selected ? 'active' : undefined}
                onClick={() => setSelected(c.id)}
                data-testid="ga-child"
              >
                {c.nickname ?? t('ga.unnamed', { id: c.id })}
              </button>
            ))}
          </div>
        )}
      </section>
      {child && <ChildPanel key={child.id} child={child} onExpired={expired} onRefresh={onRefresh} />}
    </>
  );
}

type Section = 'profile' | 'export' | 'requests' | 'cancel';
const SECTIONS: Section[] = ['profile', 'export', 'requests', 'cancel'];

interface PanelProps {
  child: ChildInCare;
  onExpired(): void;
  /** Reads the session again: a corrected nickname, or a cancelled account that left the list. */
  onRefresh(): void;
}

function ChildPanel({ child, onExpired, onRefresh }: PanelProps) {
  const { t } = useI18n();
  const [section, setSection] = useState<Section>('profile');
  const [receiptId, setReceiptId] = useState<string | null>(null);
  if (receiptId)
    return (
      <section className="panel account-form" aria-live="polite" data-testid="ga-cancelled">
        <Notice kind="ok">{t('ga.cancelDone')}</Notice>
        <p className="form-intro">{t('cancel.receipt', { id: receiptId })}</p>
        <p className="form-intro">{t('ga.cancelReceiptHint')}</p>
        <button type="button" className="button" onClick={onRefresh}>
          {t('ga.backToChildren')}
        </button>
      </section>
    );
  return (
    <>
      <div className="segmented ga-sections" role="tablist" aria-label={t('ga.sections')}>
        {SECTIONS.map((s) => (
          <button
            key={s}
            type="button"
            role="tab"
            aria-selected={s === section}
            className={s === section ? 'active' : undefined}
            onClick={() => setSection(s)}
            data-testid={`ga-section-${s}`}
          >
            {t(`ga.section.${s}`)}
          </button>
        ))}
      </div>
      {section === 'profile' && <ChildProfile child={child} onExpired={onExpired} onSaved={onRefresh} />}
      {section === 'export' && <ChildExports child={child} onExpired={onExpired} />}
      {section === 'requests' && <ChildRequests child={child} onExpired={onExpired} />}
      {section === 'cancel' && <ChildCancel child={child} onExpired={onExpired} onDone={setReceiptId} />}
      <section className="panel" aria-labelledby="ga-withdraw">
        <h2 id="ga-withdraw">{t('guardian.withdrawTitle')}</h2>
        <p className="hint">{t('ga.withdrawHint')}</p>
        <Link to="/me/guardian" className="row-link">
          {t('guardian.manage')}
        </Link>
      </section>
    </>
  );
}

/** Loads with the session's guard: an ended session returns the guardian to the code form. */
function useChildLoad<T>(load: (signal: AbortSignal) => Promise<T>, onExpired: () => void) {
  const i18n = useI18n();
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const reload = useCallback(
    async (signal?: AbortSignal) => {
      try {
        setData(await load(signal ?? new AbortController().signal));
        setError(undefined);
      } catch (err) {
        if (isAbort(err)) return;
        if (ended(err)) onExpired();
        else setError(errorMessage(i18n, err));
      }
    },
    [load, onExpired, i18n],
  );
  useEffect(() => {
    const abort = new AbortController();
    void reload(abort.signal);
    return () => abort.abort();
  }, [reload]);
  return { data, setData, error, reload };
}

interface ChildProps {
  child: ChildInCare;
  onExpired(): void;
}

function ChildProfile({ child, onExpired, onSaved }: ChildProps & { onSaved(): void }) {
  const { t } = useI18n();
  const load = useCallback((signal: AbortSignal) => getChild(child.id, signal), [child.id]);
  const { data: me, setData, error } = useChildLoad<Me>(load, onExpired);
  const save = async (patch: Parameters<typeof correctChild>[1]) => {
    try {
      return await correctChild(child.id, patch);
    } catch (err) {
      if (ended(err)) onExpired();
      throw err;
    }
  };
  if (error) return <Notice>{error}</Notice>;
  if (!me) return <p className="page-status">{t('console.loading')}</p>;
  return (
    <div className="ga-stack" data-testid="ga-profile">
      <section className="panel" aria-labelledby="ga-summary">
        <h2 id="ga-summary">{t('ga.summary')}</h2>
        <dl className="guardian-officer">
          <dt>{t('ga.accountPhone')}</dt>
          <dd>{me.phone ?? '—'}</dd>
          <dt>{t('profile.nickname')}</dt>
          <dd data-testid="ga-nickname">{me.nickname ?? '—'}</dd>
          <dt>{t('profile.birthday')}</dt>
          <dd>{me.birthday ?? '—'}</dd>
        </dl>
        <p className="hint">{t('ga.correctHint')}</p>
      </section>
      <ProfileForm
        member={me}
        save={save}
        onSaved={(saved) => {
          setData(saved);
          onSaved();
        }}
      />
    </div>
  );
}

function ChildExports({ child, onExpired }: ChildProps) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const load = useCallback((signal: AbortSignal) => listChildExports(child.id, signal), [child.id]);
  const { data: items, error, reload } = useChildLoad<DataExport[]>(load, onExpired);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const pending = usePollWhilePreparing(items, reload);

  const ask = async () => {
    setBusy(true);
    setMessage(undefined);
    try {
      await requestChildExport(child.id, lang);
      setMessage({ kind: 'ok', text: t('export.requested') });
    } catch (err) {
      if (ended(err)) return onExpired();
      setMessage({
        kind: 'error',
        text: errorMessage(i18n, err, { 'export.in_progress': 'export.error.inProgress' }),
      });
    } finally {
      setBusy(false);
    }
    await reload();
  };

  return (
    <section className="panel account-form" aria-labelledby="ga-export" data-testid="ga-exports">
      <h2 id="ga-export">{t('ga.exportTitle')}</h2>
      <p className="hint">{t('ga.exportHint')}</p>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {error && <Notice>{error}</Notice>}
      <div className="form-actions">
        <button
          type="button"
          className="button button-wide"
          onClick={ask}
          disabled={busy || pending}
          data-testid="ga-export-request"
        >
          {pending ? t('export.preparing') : t('ga.exportRequest')}
        </button>
      </div>
      {items &&
        (items.length === 0 ? (
          <p className="hint">{t('export.none')}</p>
        ) : (
          <ul className="device-list export-list" aria-live="polite">
            {items.map((e) => (
              <ExportItem key={e.id} item={e} />
            ))}
          </ul>
        ))}
    </section>
  );
}

function ChildRequests({ child, onExpired }: ChildProps) {
  const { t } = useI18n();
  const load = useCallback((signal: AbortSignal) => listChildRequests(child.id, signal), [child.id]);
  const { data: items, error, reload } = useChildLoad<MyRequest[]>(load, onExpired);
  const open = async (type: Parameters<typeof openChildRequest>[1], detail: string) => {
    try {
      return await openChildRequest(child.id, type, detail);
    } catch (err) {
      if (ended(err)) onExpired();
      throw err;
    }
  };
  return (
    <div className="ga-stack" data-testid="ga-requests">
      <p className="form-intro">{t('ga.requestsIntro')}</p>
      <NewRequestForm open={open} onOpened={() => void reload()} />
      {error && <Notice>{error}</Notice>}
      {items && items.length > 0 && (
        <ul className="request-list">
          {items.map((r) => (
            <RequestItem key={r.id} r={r} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ChildCancel({ child, onExpired, onDone }: ChildProps & { onDone(receiptId: string): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const load = useCallback(
    (signal: AbortSignal) => getChildCancellationPreview(child.id, signal),
    [child.id],
  );
  const { data: preview, error } = useChildLoad<{ items: CancellationItem[] }>(load, onExpired);
  const [understood, setUnderstood] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!understood) {
      setFormError(t('cancel.confirmMissing'));
      return;
    }
    setBusy(true);
    setFormError(undefined);
    try {
      onDone((await cancelChildAccount(child.id)).receiptId);
    } catch (err) {
      if (ended(err)) onExpired();
      else setFormError(errorMessage(i18n, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel account-form" onSubmit={submit} noValidate data-testid="ga-cancel">
      <h2 className="form-title">{t('ga.cancelTitle')}</h2>
      <Notice>{t('ga.cancelIrreversible')}</Notice>
      {error && <Notice>{error}</Notice>}
      {preview ? (
        <Preview items={preview.items} />
      ) : (
        !error && <p className="form-intro">{t('cancel.loading')}</p>
      )}
      <label className="cancel-confirm">
        <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />
        <span>{t('ga.cancelConfirm', { name: child.nickname ?? t('ga.unnamed', { id: child.id }) })}</span>
      </label>
      {formError && <Notice>{formError}</Notice>}
      <div className="form-actions">
        <button type="submit" className="button button-wide button-danger" disabled={busy || !preview}>
          {busy ? t('cancel.submitting') : t('ga.cancelSubmit')}
        </button>
      </div>
    </form>
  );
}
