import { type FormEvent, useState } from 'react';
import { type MessageKey, useI18n } from '../../i18n/index.tsx';
import { ApiError } from '../../shared/api.ts';
import { LanguageSwitch } from '../../shared/LanguageSwitch.tsx';
import { useTitle } from '../../shared/useTitle.ts';
import { type Staff, signIn } from '../consoleApi.ts';

/** What the form says for each refusal; anything else is a network or server failure. */
const MESSAGES: Record<string, MessageKey> = {
  'auth.invalid_credentials': 'console.signIn.invalid',
  rate_limited: 'console.signIn.rateLimited',
  'validation.failed': 'console.signIn.missing',
};

export function SignInPage({ notice, onSignedIn }: { notice?: MessageKey; onSignedIn(staff: Staff): void }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey | undefined>();
  useTitle(`${t('console.signIn.title')} · ${t('console.title')}`);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) {
      setError('console.signIn.missing');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await signIn(username.trim(), password));
    } catch (err) {
      const code = err instanceof ApiError ? err.code : '';
      setError(
        MESSAGES[code] ?? (err instanceof ApiError && err.status === 0 ? 'error.network' : 'error.server'),
      );
      // A refused password is cleared so the next attempt starts clean; the username stays.
      setPassword('');
      setBusy(false);
    }
  };

  const message = error ?? notice;
  return (
    <div className="sign-in">
      <div className="sign-in-lang">
        <LanguageSwitch />
      </div>
      <form className="sign-in-card" onSubmit={submit} noValidate aria-labelledby="sign-in-title">
        <img src="/icons/icon.svg" alt="" width="48" height="48" />
        <h1 id="sign-in-title">{t('console.signIn.title')}</h1>
        <p className="muted">{t('console.signIn.hint')}</p>
        {message && (
          <p className={error ? 'notice notice-error' : 'notice'} role="alert" data-testid="sign-in-message">
            {t(message)}
          </p>
        )}
        <label className="field">
          <span>{t('console.signIn.username')}</span>
          <input
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </label>
        <label className="field">
          <span>{t('console.signIn.password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        <button type="submit" className="button button-wide" disabled={busy}>
          {busy ? t('console.signIn.submitting') : t('console.signIn.submit')}
        </button>
      </form>
    </div>
  );
}
