import { type ReactNode, useLayoutEffect, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { Link, navigationType } from '../../shared/router.tsx';
import { type FeedItem, markNotInterested } from '../content.ts';
import type { Reference } from '../reference.tsx';
import { keptScroll, useFeed } from '../useFeed.ts';
import { FeedCard } from './FeedCard.tsx';
import { LoadMore } from './LoadMore.tsx';
import { FeedSkeleton } from './Skeleton.tsx';
import { EmptyState, ErrorState } from './States.tsx';

/** One column's feed. Mounted with `key={column}`, so each column has its own state. */
export function Feed({
  column,
  region,
  reference,
  onRetry,
}: {
  column?: string;
  /** A province: its regional items lead the first page. */
  region?: string;
  reference?: Reference;
  onRetry(): void;
}) {
  const { t, lang } = useI18n();
  const feed = useFeed(column, lang, region);
  const [notice, setNotice] = useState<string | null>(null);

  // Back from an article: return to where the reader was in the list.
  useLayoutEffect(() => {
    const y = keptScroll(column, lang, region);
    if (navigationType() === 'pop' && y !== undefined) window.scrollTo(0, y);
  }, [column, lang, region]);

  const dismiss = async (item: FeedItem) => {
    try {
      await markNotInterested(item.id);
      feed.remove(item.id);
      setNotice(t('recs.dismissed'));
    } catch {
      setNotice(t('recs.dismissFailed'));
    }
  };

  let body: ReactNode;
  if (feed.status === 'loading') body = <FeedSkeleton label={t('feed.loading')} />;
  else if (feed.status === 'error' && feed.error) {
    body = (
      <ErrorState
        error={feed.error}
        onRetry={() => {
          onRetry();
          feed.retry();
        }}
      />
    );
  } else if (feed.items.length === 0)
    body = <EmptyState title={t('feed.empty.title')} body={t('feed.empty.body')} />;
  else {
    body = (
      <>
        {feed.personalized && <RecommendationNotice />}
        {notice && (
          <p className="feed-notice" role="status">
            {notice}
          </p>
        )}
        <ul className="feed-list">
          {feed.items.map((item) => (
            <li key={item.id}>
              <FeedCard
                item={item}
                reference={reference}
                onNotInterested={feed.personalized ? dismiss : undefined}
              />
            </li>
          ))}
        </ul>
        {feed.status === 'errorMore' && feed.error ? (
          <ErrorState error={feed.error} onRetry={feed.retry} compact />
        ) : (
          <LoadMore
            hasMore={feed.nextCursor !== null}
            loading={feed.status === 'loadingMore'}
            onLoad={feed.loadMore}
          />
        )}
      </>
    );
  }
  return (
    <section id="feed" role="tabpanel" className="feed">
      {body}
    </section>
  );
}

/**
 * Said plainly above a personalised list: the order is algorithmic, what it is based on, and where
 * the member sees the interests and switches personalisation off.
 */
function RecommendationNotice() {
  const { t } = useI18n();
  return (
    <aside className="recs-notice" data-testid="recs-notice">
      <p>{t('recs.notice')}</p>
      <p className="recs-links">
        <Link to="/me/interests">{t('recs.manage')}</Link>
        <Link to="/privacy#pc-choices">{t('recs.switch')}</Link>
      </p>
    </aside>
  );
}
