import { type ReactNode, useLayoutEffect } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { navigationType } from '../../shared/router.tsx';
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
  const { t } = useI18n();
  const feed = useFeed(column, region);

  // Back from an article: return to where the reader was in the list.
  useLayoutEffect(() => {
    const y = keptScroll(column, region);
    if (navigationType() === 'pop' && y !== undefined) window.scrollTo(0, y);
  }, [column, region]);

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
        <ul className="feed-list">
          {feed.items.map((item) => (
            <li key={item.id}>
              <FeedCard item={item} reference={reference} />
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
