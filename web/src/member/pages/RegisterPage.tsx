/**
 * Registration (policy 1.1, 1.3): first the consent step, so that nothing personal (not even the
 * phone number for the SMS code) is sent before the reader has seen the policy and agreed; then
 * phone, SMS code and password; then the optional user tags; then POST /auth/register, which
 * signs in and returns to the home page.
 *
 * The draft survives a visit to /privacy and back (kept in memory only, never in storage).
 */
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { type MessageKey, useI18n } from '../../i18n/index.tsx';
import { ApiError } from '../../shared/api.ts';
import { Link, navigate } from '../../shared/router.tsx';
import { useTitle } from '../../shared/useTitle.ts';
import { type Consents, compactPhone, isPhone, OPTIONAL_PURPOSES, register } from '../account.ts';
import { ConsentStep } from '../components/ConsentStep.tsx';
import { Notice, PasswordField, PhoneField } from '../components/Form.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { SmsCodeField } from '../components/SmsCodeField.tsx';
import { ErrorState } from '../components/States.tsx';
import { BrandPicker, TagPicker } from '../components/TagPicker.tsx';
import { errorMessage, fieldErrors } from '../errors.ts';
import { useReference } from '../reference.tsx';
import { useSession } from '../session.tsx';
import { useCollection } from '../usePolicy.ts';

type Step = 'consent' | 'account' | 'tags';
const STEPS: { id: Step; label: MessageKey }[] = [
  { id: 'consent', label: 'register.step.consent' },
  { id: 'account', label: 'register.step.account' },
  { id: 'tags', label: 'register.step.tags' },
];

interface Draft {
  step: Step;
  consents: Consents;
  phone: string;
  code: string;
  password: string;
  tags: string[];
  brands: string[];
}

const emptyDraft = (): Draft => ({
  step: 'consent',
  // Every optional purpose starts refused: a switch is turned on only by the reader.
  consents: Object.fromEntries(['account', ...OPTIONAL_PURPOSES].map((p) => [p, false])),
  phone: '',
  code: '',
  password: '',
  tags: [],
  brands: [],
});
let kept: Draft | undefined;

type Errors = Partial<Record<'phone' | 'code' | 'password' | 'consent' | 'form', string>>;

export function RegisterPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const policy = useCollection();
  const { reference } = useReference();
  const [draft, setDraft] = useState<Draft>(() => kept ?? emptyDraft());
  const [errors, setErrors] = useState<Errors>({});
  const [phoneTaken, setPhoneTaken] = useState(false);
  const [busy, setBusy] = useState(false);
  useTitle(`${t('register.title')} · ${t('app.name')}`);

  useEffect(() => {
    kept = draft;
  }, [draft]);

  const change = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  /** Editing a field takes its error (and the form's) away: it was about the old value. */
  const edit = (field: 'phone' | 'code' | 'password', value: string) => {
    change({ [field]: value });
    setErrors((e) => (e[field] || e.form ? { ...e, [field]: undefined, form: undefined } : e));
  };
  const go = (step: Step) => {
    change({ step });
    window.scrollTo(0, 0);
  };

  if (session.member) {
    return (
      <div className="account-page">
        <PageHeader title={t('register.title')} fallback="/me" />
        <Notice kind="info">{t('register.alreadySignedIn')}</Notice>
        <Link to="/" className="button button-wide">
          {t('article.backHome')}
        </Link>
      </div>
    );
  }

  const agree = () => {
    if (!draft.consents.account) {
      setErrors({ consent: t('consent.error.required') });
      return;
    }
    setErrors({});
    go('account');
  };

  const next = (e: FormEvent) => {
    e.preventDefault();
    const found: Errors = {};
    if (!isPhone(draft.phone)) found.phone = t('field.phone.invalid');
    if (!/^\d{6}$/.test(draft.code)) found.code = t('field.code.format');
    if (draft.password.length < 8) found.password = t('field.password.short');
    setErrors(found);
    setPhoneTaken(false);
    if (Object.keys(found).length === 0) go('tags');
  };

  const submit = async (tags: string[], brands: string[]) => {
    if (policy.status !== 'ready') return;
    setBusy(true);
    setErrors({});
    try {
      const member = await register({
        phone: compactPhone(draft.phone),
        code: draft.code,
        password: draft.password,
        policyVersion: policy.data.policyVersion,
        consents: draft.consents,
        tags: tags.length > 0 ? tags : undefined,
        brands: brands.length > 0 ? brands : undefined,
      });
      kept = undefined;
      session.signedIn(member);
      navigate('/', { replace: true });
    } catch (err) {
      setBusy(false);
      const fields = fieldErrors(i18n, err);
      const code = err instanceof ApiError ? err.code : '';
      if (fields['consents.account'] || fields.policyVersion) {
        setErrors({ consent: fields['consents.account'] ?? fields.policyVersion });
        go('consent');
      } else if (fields.phone || fields.code || fields.password) {
        setErrors({ phone: fields.phone, code: fields.code, password: fields.password });
        go('account');
      } else if (code.startsWith('sms.')) {
        setErrors({ code: errorMessage(i18n, err) });
        go('account');
      } else if (code === 'account.phone_taken') {
        setPhoneTaken(true);
        setErrors({ form: errorMessage(i18n, err) });
        go('account');
      } else setErrors({ form: fields.tags ?? errorMessage(i18n, err) });
    }
  };

  let body: ReactNode;
  if (policy.status === 'loading') body = <p className="page-status">{t('console.loading')}</p>;
  else if (policy.status === 'error') body = <ErrorState error={policy.error} onRetry={policy.reload} />;
  else if (draft.step === 'consent') {
    body = (
      <>
        <ConsentStep
          policyVersion={policy.data.policyVersion}
          required={['account']}
          consents={draft.consents}
          onChange={(consents) => {
            change({ consents });
            if (consents.account) setErrors({});
          }}
          error={errors.consent}
        />
        <div className="form-actions">
          <button type="button" className="button button-wide" onClick={agree}>
            {t('register.agreeAndContinue')}
          </button>
          <Link to="/" className="button button-quiet button-wide">
            {t('register.decline')}
          </Link>
        </div>
      </>
    );
  } else if (draft.step === 'account') {
    body = (
      <form onSubmit={next} noValidate className="account-form">
        {errors.form && (
          <Notice>
            <p>{errors.form}</p>
            {phoneTaken && (
              <p className="notice-links">
                <Link to="/login">{t('auth.login')}</Link>
                <Link to="/reset-password">{t('auth.forgot')}</Link>
              </p>
            )}
          </Notice>
        )}
        <PhoneField
          value={draft.phone}
          onValue={(phone) => edit('phone', phone)}
          error={errors.phone}
          hint={t('field.phone.hint')}
        />
        <SmsCodeField
          phone={draft.phone}
          purpose="register"
          value={draft.code}
          onValue={(code) => edit('code', code)}
          error={errors.code}
          onPhoneError={(phone) => setErrors((e) => ({ ...e, phone }))}
        />
        <PasswordField
          label={t('field.password')}
          autoComplete="new-password"
          value={draft.password}
          onValue={(password) => edit('password', password)}
          error={errors.password}
          hint={t('field.password.rules')}
        />
        <div className="form-actions">
          <button type="submit" className="button button-wide">
            {t('register.next')}
          </button>
          <button type="button" className="button button-quiet button-wide" onClick={() => go('consent')}>
            {t('register.previous')}
          </button>
        </div>
      </form>
    );
  } else {
    body = (
      <div className="account-form">
        <p className="form-intro">{t('register.tags.intro')}</p>
        {errors.form && <Notice>{errors.form}</Notice>}
        {reference ? (
          <>
            <TagPicker tags={reference.tags} selected={draft.tags} onChange={(tags) => change({ tags })} />
            <BrandPicker
              brands={reference.brands}
              selected={draft.brands}
              onChange={(brands) => change({ brands })}
            />
          </>
        ) : (
          <p className="page-status">{t('console.loading')}</p>
        )}
        <div className="form-actions form-actions-sticky">
          <button
            type="button"
            className="button button-wide"
            disabled={busy}
            onClick={() => submit(draft.tags, draft.brands)}
          >
            {busy
              ? t('register.submitting')
              : draft.tags.length > 0
                ? t('register.submitWithTags', { n: draft.tags.length })
                : t('register.submit')}
          </button>
          <button
            type="button"
            className="button button-quiet button-wide"
            disabled={busy}
            onClick={() => submit([], [])}
          >
            {t('register.skipTags')}
          </button>
        </div>
        <button type="button" className="button-link" disabled={busy} onClick={() => go('account')}>
          {t('register.previous')}
        </button>
      </div>
    );
  }

  const at = STEPS.findIndex((s) => s.id === draft.step);
  return (
    <div className="account-page">
      <PageHeader title={t('register.title')} fallback="/me" />
      <ol className="steps" aria-label={t('register.steps')}>
        {STEPS.map((s, i) => (
          <li key={s.id} aria-current={i === at ? 'step' : undefined} className={i < at ? 'done' : undefined}>
            <span className="step-number">{i + 1}</span>
            {t(s.label)}
          </li>
        ))}
      </ol>
      {body}
      <p className="account-switch">
        {t('register.haveAccount')} <Link to="/login">{t('auth.login')}</Link>
      </p>
    </div>
  );
}
