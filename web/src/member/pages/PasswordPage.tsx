/** 修改密码: the current password and a new one; every other device is signed out by the server. */
import { type FormEvent, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { useTitle } from '../../shared/useTitle.ts';
import { changePassword } from '../account.ts';
import { Notice, PasswordField } from '../components/Form.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { SignedInOnly } from '../components/SignedInOnly.tsx';
import { errorMessage, fieldErrors } from '../errors.ts';

type Errors = Partial<Record<'currentPassword' | 'newPassword' | 'form', string>>;

export function PasswordPage() {
  const { t } = useI18n();
  useTitle(`${t('password.title')} · ${t('app.name')}`);
  return (
    <div className="account-page">
      <PageHeader title={t('password.title')} fallback="/me" />
      <SignedInOnly>{() => <PasswordForm />}</SignedInOnly>
    </div>
  );
}

function PasswordForm() {
  const i18n = useI18n();
  const { t } = i18n;
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  /** Editing a field takes its error (and the form's) away: it was about the old value. */
  const edited =
    <K extends keyof Errors>(field: K, set: (value: string) => void) =>
    (value: string) => {
      set(value);
      setErrors((e) => (e[field] || e.form ? { ...e, [field]: undefined, form: undefined } : e));
    };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    const found: Errors = {};
    if (!current) found.currentPassword = t('field.password.missing');
    if (next.length < 8) found.newPassword = t('field.password.short');
    else if (next === current) found.newPassword = t('password.same');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await changePassword(current, next);
      setCurrent('');
      setNext('');
      setDone(true);
    } catch (err) {
      const fields = fieldErrors(i18n, err);
      if (Object.keys(fields).length > 0) setErrors(fields);
      else if ((err as { code?: string }).code === 'auth.invalid_credentials')
        setErrors({ currentPassword: t('password.wrongCurrent') });
      else setErrors({ form: errorMessage(i18n, err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="account-form" onSubmit={submit} noValidate>
      <Notice kind="info">{t('password.othersSignedOut')}</Notice>
      {errors.form && <Notice>{errors.form}</Notice>}
      {done && <Notice kind="ok">{t('password.changed')}</Notice>}
      <PasswordField
        label={t('field.currentPassword')}
        autoComplete="current-password"
        value={current}
        onValue={edited('currentPassword', setCurrent)}
        error={errors.currentPassword}
      />
      <PasswordField
        label={t('field.newPassword')}
        autoComplete="new-password"
        value={next}
        onValue={edited('newPassword', setNext)}
        error={errors.newPassword}
        hint={t('field.password.rules')}
      />
      <div className="form-actions">
        <button type="submit" className="button button-wide" disabled={busy}>
          {busy ? t('form.saving') : t('password.submit')}
        </button>
      </div>
    </form>
  );
}
