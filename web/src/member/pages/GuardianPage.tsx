/**
 * 监护人同意 (/me/guardian): a child under 14 asks a guardian, who reads the notice on children's
 * personal information here, receives a code on their own phone and decides on this device:
 * 同意 releases the account, 不同意 signs it out. For a consent already given it is 监护人管理,
 * where the guardian can withdraw (a refusal with a new code). The notice is plain text, never HTML.
 */
import { type ReactNode, useEffect, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { ApiError } from '../../shared/api.ts';
import { Link, navigate } from '../../shared/router.tsx';
import { useAsync } from '../../shared/useAsync.ts';
import { useTitle } from '../../shared/useTitle.ts';
import {
  compactPhone,
  decideGuardian,
  type GuardianNotice,
  type GuardianState,
  getGuardianNotice,
  getGuardianState,
  isPhone,
  requestGuardianCode,
} from '../account.ts';
import { Notice, PhoneField, TextField } from '../components/Form.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { SignedInOnly } from '../components/SignedInOnly.tsx';
import { ErrorState } from '../components/States.tsx';
import { errorMessage, fieldErrors } from '../errors.ts';
import { useSession } from '../session.tsx';
import '../guardian.css';

export function GuardianPage() {
  const { t } = useI18n();
  useTitle(`${t('guardian.title')} · ${t('app.name')}`);
  return (
    <div className="account-page guardian-page">
      <PageHeader title={t('guardian.title')} fallback="/me" />
      <SignedInOnly>{() => <GuardianFlow />}</SignedInOnly>
    </div>
  );
}

function GuardianFlow() {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const notice = useAsync(`guardian-notice-${lang}`, (signal) => getGuardianNotice(lang, signal));
  const state = useAsync('guardian-state', (signal) => getGuardianState(signal));

  if (notice.status === 'error') return <ErrorState error={notice.error} onRetry={notice.reload} />;
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={state.reload} />;
  if (notice.status === 'loading' || state.status === 'loading') {
    return (
      <p className="page-status" role="status">
        {t('console.loading')}
      </p>
    );
  }
  if (!state.data.required) {
    return (
      <div className="state" data-testid="guardian-not-required">
        <p>{t('guardian.notRequired')}</p>
        <Link to="/me" className="button">
          {t('me.title')}
        </Link>
      </div>
    );
  }
  const granted = state.data.status === 'granted';
  return (
    <>
      {granted ? (
        <Notice kind="ok">{t('guardian.granted')}</Notice>
      ) : (
        <Notice kind="info">{t('guardian.intro')}</Notice>
      )}
      <NoticeText notice={notice.data} />
      <DecisionForm notice={notice.data} state={state.data} withdraw={granted} reloadNotice={notice.reload} />
      <LeaveActions />
    </>
  );
}

/** The notice as the server wrote it: paragraphs on blank lines, "• " lines as list items. */
function NoticeText({ notice }: { notice: GuardianNotice }) {
  const { t } = useI18n();
  return (
    <article className="panel guardian-notice" id="notice" aria-labelledby="guardian-notice-title">
      <h2 id="guardian-notice-title">{notice.title}</h2>
      <PlainText text={notice.intro} />
      {notice.sections.map((section) => (
        <section key={section.id} aria-labelledby={`guardian-${section.id}`}>
          <h3 id={`guardian-${section.id}`}>{section.heading}</h3>
          <PlainText text={section.body} />
        </section>
      ))}
      <dl className="guardian-officer" data-testid="guardian-officer">
        <dt>{t('guardian.officer')}</dt>
        <dd>{notice.officer.name}</dd>
        <dt>{t('guardian.contact')}</dt>
        <dd>{notice.officer.contact}</dd>
      </dl>
      <p className="hint">{t('guardian.version', { version: notice.version })}</p>
    </article>
  );
}

function PlainText({ text }: { text: string }) {
  const blocks: ReactNode[] = [];
  text.split(/\n\s*\n/).forEach((paragraph, p) => {
    let items: string[] = [];
    let lines: string[] = [];
    const flush = (key: string) => {
      if (lines.length > 0) blocks.push(<p key={`${key}-p`}>{lines.join('\n')}</p>);
      if (items.length > 0)
        blocks.push(
          <ul key={`${key}-ul`}>
            {items.map((item, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: fixed text, never reordered
              <li key={i}>{item}</li>
            ))}
          </ul>,
        );
      items = [];
      lines = [];
    };
    paragraph.split('\n').forEach((line, l) => {
      const trimmed = line.trim();
      if (!trimmed) return;
      if (trimmed.startsWith('• ')) {
        if (lines.length > 0) flush(`${p}-${l}`);
        items.push(trimmed.slice(2));
      } else {
        if (items.length > 0) flush(`${p}-${l}`);
        lines.push(trimmed);
      }
    });
    flush(`${p}-end`);
  });
  return <>{blocks}</>;
}

function DecisionForm({
  notice,
  state,
  withdraw,
  reloadNotice,
}: {
  notice: GuardianNotice;
  state: GuardianState;
  withdraw: boolean;
  reloadNotice(): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const [phone, setPhone] = useState('');
  const [phoneError, setPhoneError] = useState<string>();
  const [sentTo, setSentTo] = useState<string | null>(state.requestPending ? state.guardianPhone : null);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string>();
  const [message, setMessage] = useState<{ kind: 'ok' | 'error' | 'info'; text: string }>();
  const [busy, setBusy] = useState<'send' | 'accept' | 'refuse' | null>(null);
  const [until, setUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
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
    if (!isPhone(phone)) {
      setPhoneError(t('field.phone.invalid'));
      return;
    }
    setPhoneError(undefined);
    setMessage(undefined);
    setBusy('send');
    try {
      const answer = await requestGuardianCode(compactPhone(phone));
      setSentTo(answer.guardianPhone);
      countDown(answer.retryAfterSeconds);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'guardian.not_required') {
        navigate('/me', { replace: true });
        return;
      }
      const fields = fieldErrors(i18n, err);
      if (fields.guardianPhone) setPhoneError(fields.guardianPhone);
      else setMessage({ kind: 'error', text: errorMessage(i18n, err) });
      if (err instanceof ApiError && err.status === 429) countDown(err.retryAfterSeconds ?? 60);
    } finally {
      setBusy(null);
    }
  };

  const decide = async (decision: 'accept' | 'refuse') => {
    if (!/^\d{6}$/.test(code)) {
      setCodeError(t('field.code.format'));
      return;
    }
    setCodeError(undefined);
    setMessage(undefined);
    setBusy(decision);
    try {
      await decideGuardian({ code, decision, noticeVersion: notice.version });
      if (decision === 'accept') {
        await session.refresh();
        navigate('/me', { replace: true });
      } else {
        session.ended(t(withdraw ? 'guardian.withdrawn' : 'guardian.refused'));
        navigate('/', { replace: true });
      }
    } catch (err) {
      if (err instanceof ApiError && err.code === 'guardian.notice_outdated') {
        reloadNotice();
        setMessage({ kind: 'info', text: t('guardian.outdated') });
      } else if (err instanceof ApiError && err.code === 'guardian.no_request') {
        setMessage({ kind: 'error', text: t('guardian.noRequest') });
      } else {
        const fields = fieldErrors(i18n, err);
        if (fields.code) setCodeError(fields.code);
        else setMessage({ kind: 'error', text: errorMessage(i18n, err) });
      }
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="panel account-form guardian-form" aria-labelledby="guardian-form-title">
      <h2 id="guardian-form-title">{t(withdraw ? 'guardian.withdrawTitle' : 'guardian.askTitle')}</h2>
      <p className="hint">{t(withdraw ? 'guardian.withdrawBody' : 'guardian.askBody')}</p>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <PhoneField
        label={t('guardian.phone')}
        value={phone}
        onValue={(v) => {
          setPhone(v);
          setPhoneError(undefined);
        }}
        error={phoneError}
        autoComplete="off"
        addon={
          <button
            type="button"
            className="input-addon code-button"
            onClick={send}
            disabled={busy !== null || left > 0}
          >
            {busy === 'send'
              ? t('sms.sending')
              : left > 0
                ? t('sms.resendIn', { n: left })
                : t('guardian.send')}
          </button>
        }
      />
      {sentTo && (
        <p className="form-hint form-hint-ok" role="status" data-testid="guardian-sent">
          {t('guardian.sent', { phone: sentTo })}
        </p>
      )}
      {sentTo && (
        <>
          <TextField
            label={t('guardian.code')}
            value={code}
            onValue={(v) => {
              setCode(v.replace(/\D/g, '').slice(0, 6));
              setCodeError(undefined);
            }}
            inputMode="numeric"
            autoComplete="one-time-code"
            placeholder={t('field.code.placeholder')}
            maxLength={6}
            error={codeError}
          />
          <div className="form-actions guardian-actions">
            {withdraw ? (
              <button
                type="button"
                className="button button-danger button-wide"
                onClick={() => decide('refuse')}
                disabled={busy !== null}
              >
                {t('guardian.withdraw')}
              </button>
            ) : (
              <>
                <button
                  type="button"
                  className="button"
                  onClick={() => decide('accept')}
                  disabled={busy !== null}
                >
                  {t('guardian.accept')}
                </button>
                <button
                  type="button"
                  className="button button-quiet"
                  onClick={() => decide('refuse')}
                  disabled={busy !== null}
                >
                  {t('guardian.refuse')}
                </button>
              </>
            )}
          </div>
          {!withdraw && <p className="hint">{t('guardian.refuseHint')}</p>}
        </>
      )}
    </section>
  );
}

function LeaveActions() {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const [error, setError] = useState<string>();
  const [leaving, setLeaving] = useState(false);
  const signOut = async () => {
    setLeaving(true);
    setError(undefined);
    try {
      await session.signOut();
      navigate('/', { replace: true });
    } catch (err) {
      setError(errorMessage(i18n, err));
      setLeaving(false);
    }
  };
  return (
    <div className="guardian-leave">
      <Link to="/me/profile" className="button button-quiet button-wide">
        {t('guardian.fixBirthday')}
      </Link>
      {error && <Notice>{error}</Notice>}
      <button type="button" className="button button-danger button-wide" onClick={signOut} disabled={leaving}>
        {t('auth.logout')}
      </button>
    </div>
  );
}
