/** The "关注" tab on home: newest articles of what the member follows, or what to do when empty. */
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { Link } from '../../shared/router.tsx';
import type { Column } from '../content.ts';
import { clicksOf, getFollowingFeed } from '../engagement.ts';
import type { Reference } from '../reference.tsx';
import { usePaged } from '../usePaged.ts';
import { FeedCard } from './FeedCard.tsx';
import { LoadMore } from './LoadMore.tsx';
import { FeedSkeleton } from './Skeleton.tsx';
import { EmptyState, ErrorState } from './States.tsx';

/** The tab's id among the column tabs; no column id starts with "@". */
export const FOLLOWING_TAB = '@following';

/** The column tabs with "关注" after "全部", for signed-in members only. */
export function withFollowingTab(
  columns: Column[] | undefined,
  member: unknown,
  t: (key: 'engage.tab') => string,
): Column[] | undefined {
  if (!columns || !member) return columns;
  const name = t('engage.tab');
  return [{ id: FOLLOWING_TAB, name, nameZh: name, nameEn: name }, ...columns];
}

export function FollowingFeed({ reference }: { reference?: Reference }) {
  const { t } = useI18n();
  const feed = usePaged('following', getFollowingFeed);
  let body: ReactNode;
  if (feed.status === 'loading') body = <FeedSkeleton label={t('feed.loading')} />;
  else if (feed.status === 'error' && feed.error)
    body = <ErrorState error={feed.error} onRetry={feed.retry} />;
  else if (feed.items.length === 0)
    body = (
      <EmptyState title={t('engage.feedEmpty.title')} body={t('engage.feedEmpty.body')}>
        <Link to="/me/follows" className="button">
          {t('engage.feedEmpty.action')}
        </Link>
      </EmptyState>
    );
  else
    body = (
      <>
        {/* biome-ignore lint/a11y/useKeyWithClickEvents: records link clicks; the links are the controls */}
        <ul className="feed-list" onClick={clicksOf('following')}>
          {feed.items.map((item) => (
            <li key={item.id}>
              <FeedCard item={item} reference={reference} />
            </li>
          ))}
        </ul>
        <LoadMore
          hasMore={feed.nextCursor !== null}
          loading={feed.status === 'loadingMore'}
          onLoad={feed.loadMore}
        />
      </>
    );
  return (
    <section id="feed" role="tabpanel" className="feed" data-testid="following-feed">
      {body}
    </section>
  );
}
