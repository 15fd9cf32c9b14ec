/**
 * The verification-code field with its "获取验证码" button: asks the server for a code for the
 * phone and purpose, then counts down from the server's `retryAfterSeconds` (also after a 429).
 */
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { ApiError } from '../../shared/api.ts';
import { compactPhone, isPhone, requestSmsCode, type SmsPurpose } from '../account.ts';
import { errorMessage, fieldErrors } from '../errors.ts';
import { requestGuardianAccessCode } from '../guardian-access.ts';
import { TextField } from './Form.tsx';

interface Props {
  phone: string;
  /** guardian-access goes to the guardian's own route (guardian-access.ts), not /auth/sms-codes. */
  purpose: SmsPurpose | 'guardian-access';
  value: string;
  onValue(value: string): void;
  error?: string;
  /** The phone number is not one the server accepts: the phone field says so. */
  onPhoneError(message: string | undefined): void;
  /** False stops the request (e.g. the consent is not given yet: nothing may be sent). */
  beforeSend?(): boolean;
}

export function SmsCodeField({ phone, purpose, value, onValue, error, onPhoneError, beforeSend }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const [until, setUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const [sending, setSending] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>();
  const left = Math.max(0, Math.ceil((until - now) / 1000));

  useEffect(() => {
    if (until <= Date.now()) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [until]);

  const countDown = (seconds: number) => {
    setNow(Date.now());
    setUntil(Date.now() + seconds * 1000);
  };

  const send = async () => {
    if (beforeSend && !beforeSend()) return;
    if (!isPhone(phone)) {
      onPhoneError(t('field.phone.invalid'));
      return;
    }
    onPhoneError(undefined);
    setSending(true);
    setMessage(undefined);
    try {
      const answer =
        purpose === 'guardian-access'
          ? await requestGuardianAccessCode(compactPhone(phone))
          : await requestSmsCode(compactPhone(phone), purpose);
      countDown(answer.retryAfterSeconds);
      setMessage({ kind: 'ok', text: t('sms.sent') });
    } catch (err) {
      const phoneError = fieldErrors(i18n, err).phone;
      if (phoneError) onPhoneError(phoneError);
      else setMessage({ kind: 'error', text: errorMessage(i18n, err) });
      if (err instanceof ApiError && err.status === 429) countDown(err.retryAfterSeconds ?? 60);
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="sms-code">
      <TextField
        label={t('field.code')}
        value={value}
        onValue={(v) => onValue(v.replace(/\D/g, '').slice(0, 6))}
        inputMode="numeric"
        autoComplete="one-time-code"
        placeholder={t('field.code.placeholder')}
        maxLength={6}
        error={error}
        addon={
          <button
            type="button"
            className="input-addon code-button"
            onClick={send}
            disabled={sending || left > 0}
          >
            {sending ? t('sms.sending') : left > 0 ? t('sms.resendIn', { n: left }) : t('sms.get')}
          </button>
        }
      />
      {message && (
        <p
          className={message.kind === 'ok' ? 'form-hint form-hint-ok' : 'form-error'}
          role={message.kind === 'ok' ? 'status' : 'alert'}
          data-testid="sms-message"
        >
          {message.text}
        </p>
      )}
    </div>
  );
}
