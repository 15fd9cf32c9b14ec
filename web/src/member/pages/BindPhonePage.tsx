/**
 * The end of a third-party sign-in (policy 1.2): the provider's offer (nickname, avatar, email),
 * each imported only if ticked (all unticked at first); the consent step; then the phone number
 * with its SMS code (purpose bind-phone). "不绑定，返回浏览" leaves without an account, and the
 * rest of the app stays usable.
 */
import { type FormEvent, type ReactNode, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { ApiError } from '../../shared/api.ts';
import { Link, navigate, useLocation } from '../../shared/router.tsx';
import { useAsync } from '../../shared/useAsync.ts';
import { useTitle } from '../../shared/useTitle.ts';
import {
  type Consents,
  compactPhone,
  completePendingLink,
  getPendingLink,
  isPhone,
  OPTIONAL_PURPOSES,
  type PendingLink,
  safeReturnTo,
} from '../account.ts';
import { ConsentStep } from '../components/ConsentStep.tsx';
import { Notice, PhoneField } from '../components/Form.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { SmsCodeField } from '../components/SmsCodeField.tsx';
import { EmptyState, ErrorState } from '../components/States.tsx';
import { errorMessage, fieldErrors } from '../errors.ts';
import { useSession } from '../session.tsx';
import { useCollection } from '../usePolicy.ts';

const REQUIRED = ['account', 'third-party-login'];
const OPTIONAL = OPTIONAL_PURPOSES.filter((p) => !REQUIRED.includes(p));

export function BindPhonePage() {
  const { t } = useI18n();
  const { search } = useLocation();
  const id = search.get('link') ?? '';
  const link = useAsync(`pending:${id}`, (signal) => getPendingLink(id, signal));
  const policy = useCollection();
  useTitle(`${t('bind.title')} · ${t('app.name')}`);

  let body: ReactNode;
  // Gone (410), never issued or malformed (400/404): the reader starts the sign-in again.
  if (!id || (link.status === 'error' && [400, 404, 410].includes(link.error.status))) {
    body = (
      <EmptyState title={t('bind.expired.title')} body={t('bind.expired.body')}>
        <Link to="/login" className="button">
          {t('auth.login')}
        </Link>
      </EmptyState>
    );
  } else if (link.status === 'error') body = <ErrorState error={link.error} onRetry={link.reload} />;
  else if (policy.status === 'error') body = <ErrorState error={policy.error} onRetry={policy.reload} />;
  else if (link.status === 'loading' || policy.status === 'loading')
    body = <p className="page-status">{t('console.loading')}</p>;
  else body = <BindForm id={id} link={link.data} policyVersion={policy.data.policyVersion} />;

  return (
    <div className="account-page">
      <PageHeader title={t('bind.title')} fallback="/login" />
      {body}
      <div className="form-actions">
        <button
          type="button"
          className="button button-quiet button-wide"
          onClick={() => navigate('/', { replace: true })}
        >
          {t('bind.leave')}
        </button>
      </div>
    </div>
  );
}

type Field = 'nickname' | 'avatar' | 'email';
type Errors = Partial<Record<'phone' | 'code' | 'consent' | 'form', string>>;

function BindForm({ id, link, policyVersion }: { id: string; link: PendingLink; policyVersion: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const [imports, setImports] = useState<Record<Field, boolean>>({
    nickname: false,
    avatar: false,
    email: false,
  });
  const [consents, setConsents] = useState<Consents>(
    Object.fromEntries([...REQUIRED, ...OPTIONAL].map((p) => [p, false])),
  );
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  /** Editing a field takes its error (and the form's) away: it was about the old value. */
  const edited =
    <K extends keyof Errors>(field: K, set: (value: string) => void) =>
    (value: string) => {
      set(value);
      setErrors((e) => (e[field] || e.form ? { ...e, [field]: undefined, form: undefined } : e));
    };

  const consented = () => {
    if (REQUIRED.every((p) => consents[p])) return true;
    setErrors((e) => ({ ...e, consent: t('consent.error.required') }));
    return false;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Errors = {};
    if (!REQUIRED.every((p) => consents[p])) found.consent = t('consent.error.required');
    if (!isPhone(phone)) found.phone = t('field.phone.invalid');
    if (!/^\d{6}$/.test(code)) found.code = t('field.code.format');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const { user, returnTo } = await completePendingLink(id, {
        phone: compactPhone(phone),
        code,
        policyVersion,
        consents,
        import: imports,
      });
      session.signedIn(user);
      navigate(safeReturnTo(returnTo, '/'), { replace: true });
    } catch (err) {
      setBusy(false);
      const fields = fieldErrors(i18n, err);
      if (fields.phone || fields.code) setErrors({ phone: fields.phone, code: fields.code });
      else if (err instanceof ApiError && err.code.startsWith('sms.'))
        setErrors({ code: errorMessage(i18n, err) });
      else setErrors({ form: errorMessage(i18n, err) });
    }
  };

  const labels: Record<Field, string> = {
    nickname: t('bind.import.nickname'),
    avatar: t('bind.import.avatar'),
    email: t('bind.import.email'),
  };
  const offered = link.offered.map((o) => ({
    field: o.field,
    label: labels[o.field],
    value: o.preview ?? (o.field === 'avatar' ? t('bind.import.avatarPreview') : ''),
  }));

  return (
    <form className="account-form" onSubmit={submit} noValidate>
      <p className="form-intro">{t('bind.intro', { provider: link.providerName })}</p>
      {errors.form && <Notice>{errors.form}</Notice>}
      {offered.length > 0 && (
        <fieldset className="consent-group">
          <legend>{t('bind.import.title', { provider: link.providerName })}</legend>
          <p className="form-hint">{t('bind.import.hint')}</p>
          {offered.map((o) => (
            <label key={o.field} className="consent-check">
              <input
                type="checkbox"
                checked={imports[o.field]}
                onChange={(e) => setImports((s) => ({ ...s, [o.field]: e.target.checked }))}
              />
              <span>
                <strong>{o.label}</strong>
                <small className="offered-value">{o.value}</small>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      <ConsentStep
        policyVersion={policyVersion}
        required={REQUIRED}
        optional={OPTIONAL}
        consents={consents}
        onChange={(next) => {
          setConsents(next);
          if (REQUIRED.every((p) => next[p])) setErrors((e) => ({ ...e, consent: undefined }));
        }}
        error={errors.consent}
      />
      <fieldset className="consent-group">
        <legend>{t('bind.phone.title')}</legend>
        <p className="form-hint">{t('bind.phone.hint')}</p>
        <PhoneField value={phone} onValue={edited('phone', setPhone)} error={errors.phone} />
        <SmsCodeField
          phone={phone}
          purpose="bind-phone"
          value={code}
          onValue={edited('code', setCode)}
          error={errors.code}
          beforeSend={consented}
          onPhoneError={(message) => setErrors((e) => ({ ...e, phone: message }))}
        />
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button button-wide" disabled={busy}>
          {busy ? t('login.submitting') : t('bind.submit')}
        </button>
      </div>
    </form>
  );
}
