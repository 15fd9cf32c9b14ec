/** 我的收藏, 浏览记录 and 我的关注: the member's own lists, with remove, delete, clear and unfollow. */
import { type ReactNode, useState } from 'react';
import { type MessageKey, useI18n } from '../../i18n/index.tsx';
import { dateTime } from '../../shared/date.ts';
import { Link } from '../../shared/router.tsx';
import { useAsync } from '../../shared/useAsync.ts';
import { useTitle } from '../../shared/useTitle.ts';
import { FeedCard } from '../components/FeedCard.tsx';
import { LoadMore } from '../components/LoadMore.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { FeedSkeleton } from '../components/Skeleton.tsx';
import { EmptyState, ErrorState } from '../components/States.tsx';
import type { FeedItem } from '../content.ts';
import {
  type ClickSource,
  clearHistory,
  clicksOf,
  deleteHistoryItem,
  type Follow,
  getFavorites,
  getFollows,
  getHistory,
  setFavorite,
  setFollow,
} from '../engagement.ts';
import { useReference } from '../reference.tsx';
import { useSession } from '../session.tsx';
import { usePaged } from '../usePaged.ts';
import '../engagement.css';

/** Pages of 我的 need an account; signed out, they say so and offer sign-in. */
function SignedIn({ path, children }: { path: string; children: ReactNode }) {
  const { t } = useI18n();
  const { member, status } = useSession();
  if (status === 'loading') return <FeedSkeleton label={t('feed.loading')} />;
  if (!member)
    return (
      <EmptyState title={t('engage.signInToUse')}>
        <Link to={`/login?returnTo=${encodeURIComponent(path)}`} className="button">
          {t('auth.login')}
        </Link>
      </EmptyState>
    );
  return <>{children}</>;
}

function ArticleList<T extends FeedItem>({
  list,
  source,
  empty,
  emptyBody,
  action,
  meta,
}: {
  list: ReturnType<typeof usePaged<T>>;
  source: ClickSource;
  empty: string;
  emptyBody?: string;
  action(item: T): { label: string; text: string; run(): Promise<void> };
  meta?(item: T): string;
}) {
  const { t } = useI18n();
  const { reference } = useReference();
  const [failed, setFailed] = useState<string>();
  if (list.status === 'loading') return <FeedSkeleton label={t('feed.loading')} />;
  if (list.status === 'error' && list.error) return <ErrorState error={list.error} onRetry={list.retry} />;
  if (list.items.length === 0) return <EmptyState title={empty} body={emptyBody} />;
  return (
    <>
      {failed && (
        <p role="alert" className="action-message">
          {failed}
        </p>
      )}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: records link clicks; the links are the controls */}
      <ul className="feed-list engage-list" onClick={clicksOf(source)}>
        {list.items.map((item) => {
          const a = action(item);
          return (
            <li key={item.id} className="engage-item">
              <FeedCard item={item} reference={reference} />
              <div className="engage-item-foot">
                {meta && <span className="hint">{meta(item)}</span>}
                <button
                  type="button"
                  className="button button-quiet button-small"
                  aria-label={a.label}
                  onClick={() =>
                    a.run().then(
                      () => {
                        setFailed(undefined);
                        list.remove((x) => x.id !== item.id);
                      },
                      () => setFailed(t('engage.actionFailed')),
                    )
                  }
                >
                  {a.text}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <LoadMore
        hasMore={list.nextCursor !== null}
        loading={list.status === 'loadingMore'}
        onLoad={list.loadMore}
      />
    </>
  );
}

export function FavoritesPage() {
  const { t } = useI18n();
  useTitle(`${t('engage.favorites.title')} · ${t('app.name')}`);
  return (
    <div className="engage-page">
      <PageHeader title={t('engage.favorites.title')} fallback="/me" />
      <SignedIn path="/me/favorites">
        <Favorites />
      </SignedIn>
    </div>
  );
}

function Favorites() {
  const { t } = useI18n();
  const list = usePaged('favorites', getFavorites);
  return (
    <ArticleList
      list={list}
      source="favorites"
      empty={t('engage.favorites.empty')}
      emptyBody={t('engage.favorites.emptyBody')}
      action={(item) => ({
        label: t('engage.favorites.removeLabel', { title: item.title }),
        text: t('engage.favorites.remove'),
        run: () => setFavorite(item.id, false),
      })}
    />
  );
}

export function HistoryPage() {
  const { t } = useI18n();
  useTitle(`${t('engage.history.title')} · ${t('app.name')}`);
  return (
    <div className="engage-page">
      <PageHeader title={t('engage.history.title')} fallback="/me" />
      <p className="hint">{t('engage.history.consentNote')}</p>
      <SignedIn path="/me/history">
        <History />
      </SignedIn>
    </div>
  );
}

function History() {
  const { t, lang } = useI18n();
  const list = usePaged('history', getHistory);
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState<string>();
  const clearAll = async () => {
    try {
      await clearHistory();
      list.clear();
      setConfirming(false);
      setNote(t('engage.history.cleared'));
    } catch {
      setNote(t('engage.actionFailed'));
    }
  };
  return (
    <>
      <div role="status" className="action-message">
        {note}
      </div>
      {list.items.length > 0 && (
        <div className="engage-clear">
          {confirming ? (
            <>
              <p>{t('engage.history.clearConfirm')}</p>
              <button type="button" className="button button-danger" onClick={clearAll}>
                {t('engage.history.clear')}
              </button>
              <button type="button" className="button button-quiet" onClick={() => setConfirming(false)}>
                {t('engage.cancel')}
              </button>
            </>
          ) : (
            <button type="button" className="button button-quiet" onClick={() => setConfirming(true)}>
              {t('engage.history.clear')}
            </button>
          )}
        </div>
      )}
      <ArticleList
        list={list}
        source="history"
        empty={t('engage.history.empty')}
        meta={(item) => t('engage.history.viewedAt', { when: dateTime(item.lastViewedAt, lang) })}
        action={(item) => ({
          label: t('engage.history.deleteLabel', { title: item.title }),
          text: t('engage.history.delete'),
          run: () => deleteHistoryItem(item.id),
        })}
      />
    </>
  );
}

const KIND_KEY: Record<Follow['kind'], MessageKey> = {
  author: 'engage.kind.author',
  column: 'engage.kind.column',
  tag: 'engage.kind.tag',
  brand: 'engage.kind.brand',
};

export function FollowsPage() {
  const { t } = useI18n();
  useTitle(`${t('engage.follows.title')} · ${t('app.name')}`);
  return (
    <div className="engage-page">
      <PageHeader title={t('engage.follows.title')} fallback="/me" />
      <SignedIn path="/me/follows">
        <Follows />
      </SignedIn>
    </div>
  );
}

function Follows() {
  const { t, lang } = useI18n();
  const { reference } = useReference();
  const [version, setVersion] = useState(0);
  const [failed, setFailed] = useState<string>();
  const follows = useAsync(`follows:${lang}:${version}`, (signal) => getFollows(lang, signal));
  const change = (kind: Follow['kind'], id: string, on: boolean) =>
    setFollow(kind, id, on).then(
      () => {
        setFailed(undefined);
        setVersion((v) => v + 1);
      },
      () => setFailed(t('engage.actionFailed')),
    );
  if (follows.status === 'loading') return <FeedSkeleton label={t('feed.loading')} />;
  if (follows.status === 'error') return <ErrorState error={follows.error} onRetry={follows.reload} />;
  const items = follows.data.items;
  const followed = new Set(items.filter((f) => f.kind === 'column').map((f) => f.id));
  const suggestions = (reference?.columns ?? []).filter((c) => !followed.has(c.id));
  return (
    <>
      {failed && (
        <p role="alert" className="action-message">
          {failed}
        </p>
      )}
      {items.length === 0 ? (
        <EmptyState title={t('engage.follows.empty')} body={t('engage.feedEmpty.body')} />
      ) : (
        <ul className="panel panel-list follow-list">
          {items.map((f) => (
            <li key={`${f.kind}:${f.id}`} className="follow-row">
              <span className="follow-kind">{t(KIND_KEY[f.kind])}</span>
              <span className="follow-name">{f.name}</span>
              <button
                type="button"
                className="button button-quiet button-small"
                aria-label={t('engage.follows.unfollowLabel', { kind: t(KIND_KEY[f.kind]), name: f.name })}
                onClick={() => change(f.kind, f.id, false)}
              >
                {t('engage.follows.unfollow')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {suggestions.length > 0 && (
        <section className="panel" aria-labelledby="follow-suggest">
          <h2 id="follow-suggest">{t('engage.follows.suggest')}</h2>
          <ul className="chips">
            {suggestions.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  className="chip follow-chip"
                  aria-label={t('engage.follows.followLabel', { name: c.name })}
                  onClick={() => change('column', c.id, true)}
                >
                  {c.name}
                  <span className="follow-state">+ {t('engage.follow')}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
