/**
 * The end of the feed: a "加载更多" button that also loads by itself when it scrolls into view
 * (infinite scroll), or "没有更多了" when the last page is shown.
 */
import { useEffect, useRef } from 'react';
import { useI18n } from '../../i18n/index.tsx';

interface Props {
  hasMore: boolean;
  loading: boolean;
  onLoad(): void;
}

export function LoadMore({ hasMore, loading, onLoad }: Props) {
  const { t } = useI18n();
  const button = useRef<HTMLButtonElement>(null);
  const latest = useRef(onLoad);
  latest.current = onLoad;

  useEffect(() => {
    const el = button.current;
    if (!el || !hasMore || loading || typeof IntersectionObserver === 'undefined') return;
    // Start loading a little before the end is reached, so scrolling rarely has to wait. A new
    // observer after each load reports at once if the button is still near the viewport.
    const observer = new IntersectionObserver(
      (entries) => entries.some((e) => e.isIntersecting) && latest.current(),
      {
        rootMargin: '400px 0px',
      },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasMore, loading]);

  if (!hasMore) return <p className="feed-end">{t('feed.end')}</p>;
  return (
    <div className="load-more">
      <button
        ref={button}
        type="button"
        className="button button-quiet"
        data-testid="load-more"
        disabled={loading}
        aria-busy={loading}
        onClick={onLoad}
      >
        {loading ? t('feed.loadingMore') : t('feed.loadMore')}
      </button>
    </div>
  );
}
