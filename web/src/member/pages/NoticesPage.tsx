/**
 * 安全通知: the security incidents the member was told of (what happened, which information, the
 * possible harm, what CCM did, what they can do, whom to contact), and public announcements.
 */
import { useEffect } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { dateTime } from '../../shared/date.ts';
import { useAsync } from '../../shared/useAsync.ts';
import { useTitle } from '../../shared/useTitle.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { ErrorState } from '../components/States.tsx';
import {
  type Announcement,
  listAnnouncements,
  listNotices,
  markNoticeRead,
  type Notice,
} from '../notices.ts';
import { useSession } from '../session.tsx';

export function NoticesPage() {
  const { t } = useI18n();
  useTitle(`${t('notices.title')} · ${t('app.name')}`);
  const session = useSession();
  const signedIn = session.status === 'member';
  const mine = useAsync(`notices:${session.member?.id ?? 'none'}`, (signal) =>
    signedIn ? listNotices(signal) : Promise.resolve({ items: [] as Notice[] }),
  );
  const announced = useAsync('announcements', (signal) => listAnnouncements(signal));

  // Opening the page is reading what it shows.
  useEffect(() => {
    if (mine.status !== 'ready') return;
    for (const n of mine.data.items) if (!n.readAt) void markNoticeRead(n.id).catch(() => {});
  }, [mine]);

  return (
    <div className="account-page">
      <PageHeader title={t('notices.title')} fallback="/me" />
      <p className="lead">{t('notices.intro')}</p>
      {mine.status === 'error' && <ErrorState error={mine.error} onRetry={mine.reload} />}
      {mine.status === 'ready' &&
        (mine.data.items.length === 0 ? (
          <p className="muted">{signedIn ? t('notices.none') : t('notices.signInToSee')}</p>
        ) : (
          mine.data.items.map((n) => (
            <IncidentCard key={n.id} item={n} at={n.notifiedAt} unread={!n.readAt} />
          ))
        ))}
      <h2>{t('notices.announcements')}</h2>
      {announced.status === 'error' && <ErrorState error={announced.error} onRetry={announced.reload} />}
      {announced.status === 'ready' &&
        (announced.data.items.length === 0 ? (
          <p className="muted">{t('notices.noAnnouncements')}</p>
        ) : (
          announced.data.items.map((a) => <IncidentCard key={a.reference} item={a} at={a.publishedAt} />)
        ))}
    </div>
  );
}

function IncidentCard({
  item,
  at,
  unread,
}: {
  item: Notice | Announcement;
  at: string | null;
  unread?: boolean;
}) {
  const { t, lang } = useI18n();
  const pick = (b: { zh: string; en: string }) => (lang === 'en' ? b.en : b.zh);
  return (
    <article className="panel incident" data-testid="incident-notice" aria-label={item.reference}>
      <h3>
        {pick(item.title)} {unread && <span className="badge">{t('notices.new')}</span>}
      </h3>
      <p className="muted">
        {item.reference}
        {at ? ` · ${dateTime(at, lang)}` : ''}
        {'viaGuardian' in item && item.viaGuardian ? ` · ${t('notices.viaGuardian')}` : ''}
      </p>
      <dl>
        <dt>{t('notices.categories')}</dt>
        <dd>{item.categories.map((c) => pick(c.label)).join(lang === 'en' ? ', ' : '、')}</dd>
        <dt>{t('notices.cause')}</dt>
        <dd>{pick(item.cause)}</dd>
        <dt>{t('notices.harm')}</dt>
        <dd>{pick(item.possibleHarm)}</dd>
        <dt>{t('notices.measures')}</dt>
        <dd>{pick(item.measures)}</dd>
        <dt>{t('notices.advice')}</dt>
        <dd>{pick(item.advice)}</dd>
        <dt>{t('notices.contact')}</dt>
        <dd>{item.contact}</dd>
      </dl>
    </article>
  );
}
