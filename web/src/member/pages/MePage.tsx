/**
 * "我的" (Personal Center): sign-in and registration for readers without an account; for members
 * their profile (avatar, nickname, masked phone, IP 属地), the account pages and sign-out. For
 * everyone: privacy and personal information (two taps from home), language, about CCM, the API.
 */
import { type ReactNode, useState } from 'react';
import { type Lang, useI18n } from '../../i18n/index.tsx';
import { Link } from '../../shared/router.tsx';
import { useTitle } from '../../shared/useTitle.ts';
import type { Me } from '../account.ts';
import { Avatar } from '../components/Avatar.tsx';
import { Notice } from '../components/Form.tsx';
import { ChevronIcon, ExternalIcon } from '../components/icons.tsx';
import { PolicyUpdateNotice } from '../components/PrivacyCenter.tsx';
import { ErrorState } from '../components/States.tsx';
import { errorMessage } from '../errors.ts';
import { useSession } from '../session.tsx';
import '../guardian.css';

export function MePage() {
  const i18n = useI18n();
  const { t, lang, setLang } = i18n;
  const session = useSession();
  const [leaving, setLeaving] = useState(false);
  const [signOutError, setSignOutError] = useState<string>();
  useTitle(`${t('me.title')} · ${t('app.name')}`);
  const languages: { value: Lang; label: string }[] = [
    { value: 'zh-CN', label: t('lang.zhLong') },
    { value: 'en', label: t('lang.enLong') },
  ];

  const signOut = async () => {
    setLeaving(true);
    setSignOutError(undefined);
    try {
      await session.signOut();
    } catch (err) {
      setSignOutError(errorMessage(i18n, err));
    } finally {
      setLeaving(false);
    }
  };

  let profile: ReactNode;
  if (session.status === 'loading') {
    profile = (
      <div
        className="profile-card skeleton"
        role="status"
        aria-label={t('console.loading')}
        aria-busy="true"
      />
    );
  } else if (session.status === 'unreachable' && session.error) {
    profile = <ErrorState error={session.error} onRetry={session.retry} compact />;
  } else if (session.member) {
    profile = <ProfileCard member={session.member} />;
  } else {
    profile = (
      <section className="profile-card profile-anonymous" aria-labelledby="me-welcome">
        <Avatar url={null} name={null} />
        <div>
          <h2 id="me-welcome">{t('me.welcome')}</h2>
          <p>{t('me.welcomeBody')}</p>
          <div className="profile-actions">
            <Link to="/login?returnTo=%2Fme" className="button">
              {t('auth.login')}
            </Link>
            <Link to="/register" className="button button-quiet">
              {t('auth.register')}
            </Link>
          </div>
        </div>
      </section>
    );
  }

  return (
    <div className="me-page">
      <h1 className="page-title">{t('me.title')}</h1>
      <PolicyUpdateNotice />
      {profile}

      {session.member && (
        <nav className="panel panel-list" aria-label={t('me.account')}>
          <RowLink to="/me/profile" label={t('me.editProfile')} />
          <RowLink to="/me/favorites" label={t('engage.favorites.title')} hint={t('engage.favorites.hint')} />
          <RowLink to="/me/follows" label={t('engage.follows.title')} hint={t('engage.follows.hint')} />
          <RowLink to="/me/history" label={t('engage.history.title')} hint={t('engage.history.hint')} />
          <RowLink to="/me/interests" label={t('interests.title')} hint={t('interests.hint')} />
          <RowLink to="/me/tags" label={t('me.tags')} hint={t('me.tagsHint')} />
          <RowLink to="/me/columns" label={t('me.columns')} hint={t('me.columnsHint')} />
          <RowLink to="/me/comments" label={t('comments.mine.title')} hint={t('comments.mine.hint')} />
          <RowLink to="/me/sessions" label={t('me.sessions')} />
          <RowLink to="/me/identities" label={t('identities.title')} />
          <RowLink to="/me/password" label={t('me.password')} />
          {session.member.ageGroup === 'child' && session.member.guardianStatus === 'granted' && (
            <RowLink to="/me/guardian" label={t('guardian.manage')} hint={t('guardian.manageHint')} />
          )}
        </nav>
      )}

      <nav className="panel panel-list" aria-label={t('me.privacySection')}>
        <RowLink to="/privacy" label={t('me.privacy')} hint={t('me.privacyHint')} />
        <RowLink to="/notices" label={t('notices.title')} hint={t('notices.hint')} />
        {session.member && (
          <>
            <RowLink to="/privacy/export" label={t('me.exportData')} hint={t('me.exportDataHint')} />
            <RowLink to="/privacy/requests" label={t('requests.title')} hint={t('requests.hint')} />
            <RowLink to="/privacy/cancel" label={t('cancel.title')} hint={t('cancel.meHint')} />
          </>
        )}
      </nav>

      <section className="panel" aria-labelledby="me-language">
        <h2 id="me-language">{t('me.language')}</h2>
        <div className="options" role="radiogroup" aria-labelledby="me-language">
          {languages.map((l) => (
            <label key={l.value} className="option" lang={l.value}>
              <input
                type="radio"
                name="lang"
                value={l.value}
                checked={lang === l.value}
                onChange={() => setLang(l.value)}
              />
              <span>{l.label}</span>
            </label>
          ))}
        </div>
        <p className="hint">{t('me.languageHint')}</p>
      </section>

      <section className="panel" aria-labelledby="me-about">
        <h2 id="me-about">{t('me.about')}</h2>
        <p>{t('me.aboutBody')}</p>
      </section>

      <section className="panel" aria-labelledby="me-developers">
        <h2 id="me-developers">{t('me.developers')}</h2>
        <a className="row-link" href="/api/docs">
          <span>
            <strong>{t('me.api')}</strong>
            <small>{t('me.apiHint')}</small>
          </span>
          <ExternalIcon />
        </a>
      </section>

      {session.member && (
        <div className="sign-out">
          {signOutError && <Notice>{signOutError}</Notice>}
          <button
            type="button"
            className="button button-danger button-wide"
            onClick={signOut}
            disabled={leaving}
          >
            {t('auth.logout')}
          </button>
        </div>
      )}
    </div>
  );
}

function ProfileCard({ member }: { member: Me }) {
  const { t } = useI18n();
  const minor = member.ageGroup === 'minor' || member.ageGroup === 'child';
  return (
    <section className="profile-card" aria-labelledby="me-nickname" data-testid="profile-card">
      <Avatar url={member.avatarUrl} name={member.nickname} />
      <div className="profile-text">
        <h2 id="me-nickname" data-testid="nickname">
          {member.nickname ?? t('me.noNickname')}
        </h2>
        {member.phone && (
          <p className="profile-phone" data-testid="masked-phone">
            <span className="visually-hidden">{t('field.phone')} </span>
            {member.phone}
          </p>
        )}
        <p className="profile-region" data-testid="ip-region">
          {t('me.ipRegion', { region: member.ipRegion ?? t('me.ipRegionUnknown') })}
        </p>
        {member.bio && <p className="profile-bio">{member.bio}</p>}
      </div>
      {minor && !member.guardianNotice && (
        <p className="minor-notice" role="note" data-testid="minor-notice">
          {t(member.ageGroup === 'child' ? 'me.childNotice' : 'me.minorNotice')}
        </p>
      )}
      {member.guardianNotice && (
        <p className="minor-notice guardian-banner" role="note" data-testid="guardian-banner">
          {t('guardian.banner')}
          <br />
          <Link to="/privacy">{t('guardian.bannerPrivacy')}</Link>
          {member.ageGroup === 'child' && (
            <Link to="/me/guardian#notice">{t('guardian.bannerChildren')}</Link>
          )}
        </p>
      )}
    </section>
  );
}

function RowLink({ to, label, hint }: { to: string; label: string; hint?: string }) {
  return (
    <Link to={to} className="row-link">
      <span>
        <strong>{label}</strong>
        {hint && <small>{hint}</small>}
      </span>
      <ChevronIcon />
    </Link>
  );
}
