/**
 * Form parts of the account screens: a labelled field with its hint and its error (tied to the
 * input by aria-describedby), a password field that can be shown, and the form-level notice.
 */
import { type InputHTMLAttributes, type ReactNode, useId, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'id'>;

interface FieldProps extends InputProps {
  label: string;
  value: string;
  onValue(value: string): void;
  hint?: ReactNode;
  error?: string;
  /** Beside the input, e.g. the "获取验证码" button. */
  addon?: ReactNode;
}

export function TextField({ label, value, onValue, hint, error, addon, ...input }: FieldProps) {
  const id = useId();
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'form-field has-error' : 'form-field'}>
      <label htmlFor={id}>{label}</label>
      <div className="form-input">
        <input
          id={id}
          value={value}
          onChange={(e) => onValue(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          {...input}
        />
        {addon}
      </div>
      {hint && (
        <p id={`${id}-hint`} className="form-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="form-error" data-testid="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

export function PhoneField(props: Omit<FieldProps, 'label' | 'type'> & { label?: string }) {
  const { t } = useI18n();
  return (
    <TextField
      label={props.label ?? t('field.phone')}
      type="tel"
      inputMode="tel"
      autoComplete="tel"
      placeholder={t('field.phone.placeholder')}
      maxLength={20}
      {...props}
    />
  );
}

export function PasswordField({
  autoComplete,
  ...props
}: Omit<FieldProps, 'type' | 'addon'> & { autoComplete: 'current-password' | 'new-password' }) {
  const { t } = useI18n();
  const [shown, setShown] = useState(false);
  return (
    <TextField
      {...props}
      type={shown ? 'text' : 'password'}
      autoComplete={autoComplete}
      autoCapitalize="none"
      spellCheck={false}
      maxLength={128}
      addon={
        <button
          type="button"
          className="input-addon"
          aria-pressed={shown}
          aria-label={t('field.password.show')}
          onClick={() => setShown((s) => !s)}
        >
          {shown ? t('field.password.hideShort') : t('field.password.showShort')}
        </button>
      }
    />
  );
}

/** The form's own message: an error (alert) or a confirmation (status). */
export function Notice({
  kind = 'error',
  children,
}: {
  kind?: 'error' | 'ok' | 'info';
  children: ReactNode;
}) {
  return (
    <div
      className={`form-notice form-notice-${kind}`}
      role={kind === 'error' ? 'alert' : 'status'}
      data-testid={`notice-${kind}`}
    >
      {children}
    </div>
  );
}
