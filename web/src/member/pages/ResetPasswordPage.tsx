/**
 * "忘记密码": phone, an SMS code (purpose reset-password) and a new password. Every device of the
 * account is signed out by the server; the reader then signs in with the new password.
 */
import { type FormEvent, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { ApiError } from '../../shared/api.ts';
import { navigate } from '../../shared/router.tsx';
import { useTitle } from '../../shared/useTitle.ts';
import { compactPhone, isPhone, resetPassword } from '../account.ts';
import { Notice, PasswordField, PhoneField } from '../components/Form.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { SmsCodeField } from '../components/SmsCodeField.tsx';
import { errorMessage, fieldErrors } from '../errors.ts';

type Errors = Partial<Record<'phone' | 'code' | 'newPassword' | 'form', string>>;

export function ResetPasswordPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  /** Editing a field takes its error (and the form's) away: it was about the old value. */
  const edited =
    <K extends keyof Errors>(field: K, set: (value: string) => void) =>
    (value: string) => {
      set(value);
      setErrors((e) => (e[field] || e.form ? { ...e, [field]: undefined, form: undefined } : e));
    };
  useTitle(`${t('reset.title')} · ${t('app.name')}`);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Errors = {};
    if (!isPhone(phone)) found.phone = t('field.phone.invalid');
    if (!/^\d{6}$/.test(code)) found.code = t('field.code.format');
    if (password.length < 8) found.newPassword = t('field.password.short');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await resetPassword(compactPhone(phone), code, password);
      navigate('/login?reset=1', { replace: true });
    } catch (err) {
      setBusy(false);
      const fields = fieldErrors(i18n, err);
      if (Object.keys(fields).length > 0) setErrors(fields);
      else if (err instanceof ApiError && err.code.startsWith('sms.'))
        setErrors({ code: errorMessage(i18n, err) });
      else setErrors({ form: errorMessage(i18n, err) });
    }
  };

  return (
    <div className="account-page">
      <PageHeader title={t('reset.title')} fallback="/login" />
      <form className="account-form" onSubmit={submit} noValidate>
        <p className="form-intro">{t('reset.intro')}</p>
        {errors.form && <Notice>{errors.form}</Notice>}
        <PhoneField value={phone} onValue={edited('phone', setPhone)} error={errors.phone} />
        <SmsCodeField
          phone={phone}
          purpose="reset-password"
          value={code}
          onValue={edited('code', setCode)}
          error={errors.code}
          onPhoneError={(message) => setErrors((e) => ({ ...e, phone: message }))}
        />
        <PasswordField
          label={t('field.newPassword')}
          autoComplete="new-password"
          value={password}
          onValue={edited('newPassword', setPassword)}
          error={errors.newPassword}
          hint={t('field.password.rules')}
        />
        <p className="form-hint">{t('reset.signsOut')}</p>
        <div className="form-actions">
          <button type="submit" className="button button-wide" disabled={busy}>
            {busy ? t('form.saving') : t('reset.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
