/**
 * 登录设备: where the account is signed in (device, IP 属地, last seen, 本机), with sign-out of one
 * device or of every other one.
 */
import { useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { relativeDate } from '../../shared/date.ts';
import { useAsync } from '../../shared/useAsync.ts';
import { useTitle } from '../../shared/useTitle.ts';
import { type DeviceSession, listSessions, type Me, revokeOtherSessions, revokeSession } from '../account.ts';
import { Notice } from '../components/Form.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { SignedInOnly } from '../components/SignedInOnly.tsx';
import { ErrorState } from '../components/States.tsx';
import { deviceLabel } from '../device.ts';
import { errorMessage } from '../errors.ts';

export function SessionsPage() {
  const { t } = useI18n();
  useTitle(`${t('sessions.title')} · ${t('app.name')}`);
  return (
    <div className="account-page">
      <PageHeader title={t('sessions.title')} fallback="/me" />
      <SignedInOnly>{(member) => <SessionsList member={member} />}</SignedInOnly>
    </div>
  );
}

function SessionsList({ member }: { member: Me }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const sessions = useAsync(`sessions:${member.id}`, (signal) => listSessions(signal));
  const [busy, setBusy] = useState<string>();
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();

  if (sessions.status === 'loading') return <p className="page-status">{t('console.loading')}</p>;
  if (sessions.status === 'error') return <ErrorState error={sessions.error} onRetry={sessions.reload} />;

  const act = async (key: string, action: () => Promise<void>, done: string) => {
    setBusy(key);
    setMessage(undefined);
    try {
      await action();
      setMessage({ kind: 'ok', text: done });
    } catch (err) {
      setMessage({ kind: 'error', text: errorMessage(i18n, err) });
    } finally {
      setBusy(undefined);
      sessions.reload();
    }
  };

  const others = sessions.data.filter((s) => !s.current);
  const row = (s: DeviceSession) => (
    <li key={s.id} className="device" data-testid="device" data-current={s.current || undefined}>
      <div className="device-text">
        <strong>
          {deviceLabel(s) ?? t('sessions.unknownDevice')}
          {s.current && <span className="badge-current">{t('sessions.current')}</span>}
        </strong>
        <small>
          {t('me.ipRegion', { region: s.ipRegion ?? t('me.ipRegionUnknown') })}
          {' · '}
          <time dateTime={s.lastSeenAt}>
            {t('sessions.lastSeen', { when: relativeDate(s.lastSeenAt, lang, t('date.justNow')) })}
          </time>
        </small>
      </div>
      {!s.current && (
        <button
          type="button"
          className="button button-quiet button-small"
          disabled={busy !== undefined}
          onClick={() => act(s.id, () => revokeSession(s.id), t('sessions.revoked'))}
        >
          {t('sessions.revoke')}
        </button>
      )}
    </li>
  );

  return (
    <div className="account-form">
      <p className="form-intro">{t('sessions.intro')}</p>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <ul className="panel device-list" aria-label={t('sessions.title')}>
        {sessions.data.map(row)}
      </ul>
      {others.length > 0 && (
        <div className="form-actions">
          <button
            type="button"
            className="button button-danger button-wide"
            disabled={busy !== undefined}
            onClick={() => act('others', revokeOtherSessions, t('sessions.othersRevoked'))}
          >
            {t('sessions.revokeOthers')}
          </button>
        </div>
      )}
    </div>
  );
}
