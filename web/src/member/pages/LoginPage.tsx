/**
 * Sign-in: by password or by SMS code (two tabs), "忘记密码" to the reset page, and a button for
 * each configured third-party provider (none configured: no buttons). Afterwards the reader goes
 * back to `?returnTo=` (a path inside the app) or to the home page.
 */
import { type FormEvent, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { ApiError } from '../../shared/api.ts';
import { Link, navigate, useLocation } from '../../shared/router.tsx';
import { useAsync } from '../../shared/useAsync.ts';
import { useTitle } from '../../shared/useTitle.ts';
import {
  compactPhone,
  getProviders,
  isPhone,
  loginWithCode,
  loginWithPassword,
  oauthStartUrl,
  safeReturnTo,
} from '../account.ts';
import { Notice, PasswordField, PhoneField } from '../components/Form.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { SmsCodeField } from '../components/SmsCodeField.tsx';
import { errorMessage, fieldErrors } from '../errors.ts';
import { useSession } from '../session.tsx';

type Mode = 'password' | 'code';
type Errors = Partial<Record<'phone' | 'password' | 'code' | 'form', string>>;

export function LoginPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const { search } = useLocation();
  const returnTo = safeReturnTo(search.get('returnTo'), '/');
  const [mode, setMode] = useState<Mode>('password');
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
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
  const providers = useAsync('providers', (signal) => getProviders(signal));
  useTitle(`${t('login.title')} · ${t('app.name')}`);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Errors = {};
    if (!isPhone(phone)) found.phone = t('field.phone.invalid');
    if (mode === 'password' && !password) found.password = t('field.password.missing');
    if (mode === 'code' && !/^\d{6}$/.test(code)) found.code = t('field.code.format');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const member =
        mode === 'password'
          ? await loginWithPassword(compactPhone(phone), password)
          : await loginWithCode(compactPhone(phone), code);
      session.signedIn(member);
      navigate(returnTo, { replace: true });
    } catch (err) {
      setBusy(false);
      const fields = fieldErrors(i18n, err);
      if (Object.keys(fields).length > 0) setErrors(fields);
      else if (mode === 'code' && err instanceof ApiError && err.code.startsWith('sms.'))
        setErrors({ code: errorMessage(i18n, err) });
      else
        setErrors({
          form: errorMessage(i18n, err, {
            'auth.invalid_credentials':
              mode === 'password' ? 'auth.error.invalidCredentials' : 'auth.error.invalidCode',
          }),
        });
      // A refused password is cleared so the next attempt starts clean; the phone stays.
      setPassword('');
    }
  };

  const switchTo = (next: Mode) => {
    setMode(next);
    setErrors({});
  };

  const signedInProviders = providers.status === 'ready' ? providers.data : [];
  const reset = search.get('reset') === '1';

  return (
    <div className="account-page">
      <PageHeader title={t('login.title')} fallback="/me" />
      {reset && <Notice kind="ok">{t('reset.done')}</Notice>}
      <div
        className="segmented"
        role="tablist"
        aria-label={t('login.modes')}
        onKeyDown={(e) => {
          // Arrow keys move between the two tabs, as the ARIA tabs pattern expects.
          if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
          const next = mode === 'password' ? 'code' : 'password';
          switchTo(next);
          document.getElementById(`login-tab-${next}`)?.focus();
        }}
      >
        {(['password', 'code'] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            id={`login-tab-${m}`}
            aria-selected={mode === m}
            tabIndex={mode === m ? 0 : -1}
            aria-controls="login-form"
            onClick={() => switchTo(m)}
          >
            {m === 'password' ? t('login.byPassword') : t('login.byCode')}
          </button>
        ))}
      </div>
      <form
        id="login-form"
        role="tabpanel"
        aria-labelledby={`login-tab-${mode}`}
        className="account-form"
        onSubmit={submit}
        noValidate
      >
        {errors.form && <Notice>{errors.form}</Notice>}
        <PhoneField value={phone} onValue={edited('phone', setPhone)} error={errors.phone} />
        {mode === 'password' ? (
          <PasswordField
            label={t('field.password')}
            autoComplete="current-password"
            value={password}
            onValue={edited('password', setPassword)}
            error={errors.password}
          />
        ) : (
          <SmsCodeField
            phone={phone}
            purpose="login"
            value={code}
            onValue={edited('code', setCode)}
            error={errors.code}
            onPhoneError={(message) => setErrors((e) => ({ ...e, phone: message }))}
          />
        )}
        <div className="form-actions">
          <button type="submit" className="button button-wide" disabled={busy}>
            {busy ? t('login.submitting') : t('auth.login')}
          </button>
        </div>
        <p className="form-links">
          <Link to="/reset-password">{t('auth.forgot')}</Link>
          <Link to="/register">{t('login.register')}</Link>
          <Link to="/guardian" data-testid="login-guardian">
            {t('ga.entry')}
          </Link>
        </p>
      </form>
      {signedInProviders.length > 0 && (
        <section className="providers" aria-labelledby="providers-title">
          <h2 id="providers-title">{t('login.providers')}</h2>
          <div className="provider-buttons">
            {signedInProviders.map((p) => (
              <a key={p.id} className="button button-quiet" href={oauthStartUrl(p.id, returnTo)}>
                {t('login.withProvider', { name: p.name })}
              </a>
            ))}
          </div>
          <p className="form-hint">{t('login.providersHint')}</p>
        </section>
      )}
    </div>
  );
}
