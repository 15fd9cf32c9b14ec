/**
 * The confirmation step of a sensitive console action: the staff member writes why (at least five
 * characters, as the server requires), reads what will happen, then confirms or cancels. The
 * reason goes to the staff access log with the action.
 */
import { type FormEvent, useId, useState } from 'react';
import { type MessageKey, useI18n } from '../../i18n/index.tsx';
import { ApiError } from '../../shared/api.ts';
import { useSession } from '../session.tsx';

export const REASON_MIN = 5;

/** What to say for a refusal, by its stable code. */
function messageFor(err: unknown): MessageKey {
  if (!(err instanceof ApiError)) return 'error.server';
  if (err.status === 0) return 'error.network';
  const known: Record<string, MessageKey> = {
    'validation.failed': 'console.reason.tooShort',
    'member.no_phone': 'console.member.noPhone',
    'member.cancelled': 'console.member.isCancelled',
    'auth.forbidden': 'console.forbidden.title',
    'auth.csrf_failed': 'console.reason.reload',
  };
  return known[err.code] ?? 'error.server';
}

export function ReasonForm({
  label,
  hint,
  confirm,
  danger = false,
  onConfirm,
  onCancel,
}: {
  label: string;
  hint: string;
  confirm: string;
  danger?: boolean;
  onConfirm(reason: string): Promise<void>;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const { expire } = useSession();
  const id = useId();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const text = reason.trim();
    if ([...text].length < REASON_MIN) {
      setError('console.reason.tooShort');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm(text);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return expire();
      setError(messageFor(err));
      setBusy(false);
    }
  };

  return (
    <form className="reason-form" onSubmit={submit} noValidate>
      <label className="field">
        <span>{label}</span>
        <textarea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          rows={2}
          maxLength={500}
          aria-describedby={id}
          // biome-ignore lint/a11y/noAutofocus: the form opens on the staff member's own click
          autoFocus
        />
      </label>
      <p id={id} className="note">
        {hint}
      </p>
      {error && (
        <p className="error-text" role="alert">
          {t(error)}
        </p>
      )}
      <div className="reason-actions">
        <button type="submit" className={danger ? 'button button-danger' : 'button'} disabled={busy}>
          {busy ? t('console.reason.working') : confirm}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel} disabled={busy}>
          {t('console.reason.cancel')}
        </button>
      </div>
    </form>
  );
}
