import { useI18n } from '../../i18n/index.tsx';
import { calendarDate, relativeDate } from '../../shared/date.ts';
import { Link } from '../../shared/router.tsx';
import type { FeedItem } from '../content.ts';
import type { Reference } from '../reference.tsx';
import { entityPath } from '../taxonomy.ts';
import '../taxonomy.css';

/** At most this many tag chips on a card; the article page lists them all. */
const MAX_TAGS = 2;

export function FeedCard({
  item,
  reference,
  onNotInterested,
}: {
  item: FeedItem;
  reference: Reference | undefined;
  /** Offered on personalised items: the member dismisses the item and its kind. */
  onNotInterested?: (item: FeedItem) => void;
}) {
  const { t, lang } = useI18n();
  const name = (f: ((id: string) => string) | undefined, id: string) => (f ? f(id) : id);
  return (
    <article
      className="feed-card"
      data-testid="feed-card"
      data-column={item.column}
      data-pinned={item.pinned ? 'true' : undefined}
      data-reason={item.why?.kind}
    >
      <div className="feed-card-text">
        <h2 lang={item.language}>
          {/* The title link covers the whole card (see .feed-card a::after) */}
          <Link to={`/articles/${item.id}`}>{item.title}</Link>
        </h2>
        <p className="summary" lang={item.language}>
          {item.summary}
        </p>
        {item.reason && (
          <p className="feed-reason" data-testid="feed-reason" data-kind={item.why?.kind}>
            <span className="visually-hidden">{t('recs.why')}: </span>
            {item.reason}
            {onNotInterested && (
              <button
                type="button"
                className="feed-dismiss"
                data-testid="not-interested"
                aria-label={t('recs.notInterestedLabel', { title: item.title })}
                onClick={() => onNotInterested(item)}
              >
                {t('recs.notInterested')}
              </button>
            )}
          </p>
        )}
        <div className="meta">
          {item.pinned && <span className="chip chip-pinned">{t('feed.pinned')}</span>}
          {item.why?.kind === 'region' && (
            <span className="chip chip-region" data-testid="region-chip">
              {t('location.regionalChip')}
            </span>
          )}
          <span className="chip chip-column">{name(reference?.columnName, item.column)}</span>
          {item.tags.length > 0 && (
            <ul className="chips" aria-label={t('feed.tags')}>
              {item.tags.slice(0, MAX_TAGS).map((tag) => (
                <li key={tag} className="chip">
                  <Link to={entityPath('tag', tag)}>{name(reference?.tagName, tag)}</Link>
                </li>
              ))}
            </ul>
          )}
          <time dateTime={item.publishedAt} title={calendarDate(item.publishedAt, lang)}>
            {relativeDate(item.publishedAt, lang, t('date.justNow'))}
          </time>
        </div>
      </div>
      {item.coverUrl && <img className="cover" src={item.coverUrl} alt="" loading="lazy" decoding="async" />}
    </article>
  );
}
