/**
 * A tag's, a brand's or a model series' page: its name, a brand's series, and its articles (hot
 * or newest), page by page. Opened from the chips of an article or a feed card; no account needed.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { isAbort } from '../../shared/api.ts';
import { Link } from '../../shared/router.tsx';
import { toApiError, useAsync } from '../../shared/useAsync.ts';
import { FeedCard } from '../components/FeedCard.tsx';
import { LoadMore } from '../components/LoadMore.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { FeedSkeleton } from '../components/Skeleton.tsx';
import { EmptyState, ErrorState } from '../components/States.tsx';
import { useReference } from '../reference.tsx';
import { type EntityKind, entityPath, getEntityFeed, getSeries } from '../taxonomy.ts';
import type { FeedState } from '../useFeed.ts';

export function EntityPage({ kind, id }: { kind: EntityKind; id: string }) {
  const { t, lang } = useI18n();
  const { reference } = useReference();
  const [sort, setSort] = useState<'hot' | 'new'>('hot');
  // Series names come from /series; tags and brands from the shared reference lists.
  const series = useAsync(`series:${lang}:${kind === 'brand' ? id : ''}`, (signal) =>
    kind === 'tag' ? Promise.resolve([]) : getSeries(lang, kind === 'brand' ? id : undefined, signal),
  );
  const seriesList = series.status === 'ready' ? series.data : [];
  const title =
    kind === 'tag'
      ? (reference?.tagName(id) ?? id)
      : kind === 'brand'
        ? (reference?.brandName(id) ?? id)
        : (seriesList.find((s) => s.id === id)?.name ?? id);

  return (
    <div className="entity-page" data-testid={`${kind}-page`}>
      <PageHeader title={title} fallback="/" />
      <p className="muted">{t(`tax.page.${kind}`)}</p>
      {kind === 'brand' && (
        <section className="article-links" aria-label={t('tax.page.series')}>
          <h2>{t('tax.page.series')}</h2>
          {seriesList.length === 0 ? (
            <p className="muted">{t('tax.page.noSeries')}</p>
          ) : (
            <ul className="chips">
              {seriesList.map((s) => (
                <li key={s.id} className="chip chip-brand">
                  <Link to={entityPath('series', s.id)}>{s.name}</Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <fieldset className="entity-sort">
        <legend className="visually-hidden">{t('tax.page.sort')}</legend>
        {(['hot', 'new'] as const).map((s) => (
          <button
            key={s}
            type="button"
            className={s === sort ? 'button button-small' : 'button button-small button-quiet'}
            aria-pressed={s === sort}
            onClick={() => setSort(s)}
          >
            {t(`tax.page.${s}`)}
          </button>
        ))}
      </fieldset>
      <EntityFeed key={`${kind}:${id}:${sort}`} kind={kind} id={id} sort={sort} />
    </div>
  );
}

function EntityFeed({ kind, id, sort }: { kind: EntityKind; id: string; sort: 'hot' | 'new' }) {
  const { t } = useI18n();
  const { reference } = useReference();
  const [feed, setFeed] = useState<FeedState>({ items: [], nextCursor: null, status: 'loading' });
  const inFlight = useRef<AbortController | null>(null);

  const fetchPage = useCallback(
    (cursor?: string) => {
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      setFeed((f) => ({ ...f, status: cursor ? 'loadingMore' : 'loading', error: undefined }));
      getEntityFeed(kind, id, { sort, cursor }, controller.signal).then(
        (page) =>
          setFeed((f) => ({
            // A score that moved between two pages can bring an article back: show it once.
            items: cursor
              ? [...f.items, ...page.items.filter((i) => !f.items.some((x) => x.id === i.id))]
              : page.items,
            nextCursor: page.nextCursor,
            status: 'ready',
          })),
        (err: unknown) => {
          if (!isAbort(err))
            setFeed((f) => ({ ...f, status: cursor ? 'errorMore' : 'error', error: toApiError(err) }));
        },
      );
    },
    [kind, id, sort],
  );

  useEffect(() => {
    fetchPage();
    return () => inFlight.current?.abort();
  }, [fetchPage]);

  if (feed.status === 'loading') return <FeedSkeleton label={t('feed.loading')} />;
  if (feed.status === 'error' && feed.error)
    return <ErrorState error={feed.error} onRetry={() => fetchPage()} />;
  if (feed.items.length === 0)
    return <EmptyState title={t('tax.page.notFound')} body={t('feed.empty.body')} />;
  return (
    <section className="feed" aria-label={t('tax.page.articles')}>
      <ul className="feed-list">
        {feed.items.map((item) => (
          <li key={item.id}>
            <FeedCard item={item} reference={reference} />
          </li>
        ))}
      </ul>
      {feed.status === 'errorMore' && feed.error ? (
        <ErrorState error={feed.error} onRetry={() => fetchPage(feed.nextCursor ?? undefined)} compact />
      ) : (
        <LoadMore
          hasMore={feed.nextCursor !== null}
          loading={feed.status === 'loadingMore'}
          onLoad={() => feed.nextCursor && fetchPage(feed.nextCursor)}
        />
      )}
    </section>
  );
}
