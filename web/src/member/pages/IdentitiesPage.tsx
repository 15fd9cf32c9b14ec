/**
 * 第三方账号: the providers linked to the account, with link and unlink. Linking sends the browser
 * to the provider and back here; nothing is imported from it (the profile is the member's own).
 */
import { useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { useLocation } from '../../shared/router.tsx';
import { useAsync } from '../../shared/useAsync.ts';
import { useTitle } from '../../shared/useTitle.ts';
import {
  getProviders,
  type LinkedIdentity,
  linkProvider,
  listIdentities,
  type Me,
  unlinkProvider,
} from '../account.ts';
import { Notice } from '../components/Form.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { SignedInOnly } from '../components/SignedInOnly.tsx';
import { ErrorState } from '../components/States.tsx';
import { errorMessage } from '../errors.ts';

export function IdentitiesPage() {
  const { t } = useI18n();
  useTitle(`${t('identities.title')} · ${t('app.name')}`);
  return (
    <div className="account-page">
      <PageHeader title={t('identities.title')} fallback="/me" />
      <SignedInOnly>{(member) => <Identities member={member} />}</SignedInOnly>
    </div>
  );
}

function Identities({ member }: { member: Me }) {
  const i18n = useI18n();
  const { t } = i18n;
  const location = useLocation();
  const refused = new URLSearchParams(location.search).get('error') === 'oauth.provider_taken';
  const data = useAsync(`identities:${member.id}`, async (signal) => {
    const [providers, linked] = await Promise.all([getProviders(signal), listIdentities(signal)]);
    return { providers, linked };
  });
  const [busy, setBusy] = useState<string>();
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();

  if (data.status === 'loading') return <p className="page-status">{t('console.loading')}</p>;
  if (data.status === 'error') return <ErrorState error={data.error} onRetry={data.reload} />;

  const linkedOf = (provider: string): LinkedIdentity | undefined =>
    data.data.linked.find((i) => i.provider === provider);
  const act = async (provider: string, action: () => Promise<void>) => {
    setBusy(provider);
    setMessage(undefined);
    try {
      await action();
    } catch (err) {
      setMessage({ kind: 'error', text: errorMessage(i18n, err) });
    } finally {
      setBusy(undefined);
      data.reload();
    }
  };
  const link = (provider: string) =>
    act(provider, async () => {
      window.location.assign(await linkProvider(provider, '/me/identities'));
    });
  const unlink = (provider: string) =>
    act(provider, async () => {
      await unlinkProvider(provider);
      setMessage({ kind: 'ok', text: t('identities.unlinked') });
    });

  return (
    <div className="account-form">
      <p className="form-intro">{t('identities.intro')}</p>
      {refused && <Notice kind="error">{t('identities.taken')}</Notice>}
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {data.data.providers.length === 0 ? (
        <p className="muted">{t('identities.none')}</p>
      ) : (
        <ul className="panel device-list" aria-label={t('identities.title')}>
          {data.data.providers.map((p) => {
            const linked = linkedOf(p.id);
            return (
              <li key={p.id} className="device" data-testid="identity">
                <div className="device-text">
                  <strong>{p.name}</strong>
                  <small>
                    {linked ? (linked.email ?? t('identities.linked')) : t('identities.notLinked')}
                  </small>
                </div>
                <button
                  type="button"
                  className="button button-quiet button-small"
                  disabled={busy !== undefined}
                  onClick={() => (linked ? unlink(p.id) : link(p.id))}
                >
                  {linked ? t('identities.unlink') : t('identities.link')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
