/**
 * The article page's actions bar: favourite, share (the Web Share API where the browser has it,
 * the copied link otherwise), and follow chips for the author, column, brands and tags. Signed-out
 * taps lead to sign-in and back. It also sends the view beacon with the time spent reading when
 * the reader leaves the article.
 */
import { useEffect, useRef, useState } from 'react';
import { type MessageKey, useI18n } from '../../i18n/index.tsx';
import { ApiError } from '../../shared/api.ts';
import { navigate } from '../../shared/router.tsx';
import { useAsync } from '../../shared/useAsync.ts';
import type { Article } from '../content.ts';
import {
  type FollowTarget,
  getArticleActions,
  sendView,
  setFavorite,
  setFollow,
  shareArticle,
} from '../engagement.ts';
import { useSession } from '../session.tsx';
import '../engagement.css';

/** Counts the time the article is visible, and reports it once when the reader leaves. */
function useViewBeacon(id: number) {
  useEffect(() => {
    let visibleSince: number | null = document.visibilityState === 'visible' ? performance.now() : null;
    let dwell = 0;
    let sent = false;
    const send = () => {
      if (sent) return;
      sent = true;
      if (visibleSince !== null) dwell += performance.now() - visibleSince;
      sendView(id, dwell);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') {
        if (visibleSince !== null) dwell += performance.now() - visibleSince;
        visibleSince = null;
      } else visibleSince = performance.now();
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', send);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', send);
      send();
    };
  }, [id]);
}

const KIND_KEY: Record<FollowTarget['kind'], MessageKey> = {
  author: 'engage.kind.author',
  column: 'engage.kind.column',
  tag: 'engage.kind.tag',
  brand: 'engage.kind.brand',
};

export function ArticleActions({ article }: { article: Article }) {
  const { t, lang } = useI18n();
  const { member } = useSession();
  useViewBeacon(article.id);
  const state = useAsync(`actions:${article.id}:${lang}:${member?.id ?? ''}`, (signal) =>
    getArticleActions(article.id, lang, signal),
  );
  const [favorited, setFavorited] = useState<boolean>();
  const [favorites, setFavorites] = useState(article.counts.favorites);
  const [shares, setShares] = useState(article.counts.shares);
  const [following, setFollowing] = useState<Record<string, boolean>>({});
  const [message, setMessage] = useState<string>();
  const [manualUrl, setManualUrl] = useState<string>();
  const [busy, setBusy] = useState(false);
  const manualInput = useRef<HTMLInputElement>(null);

  const ready = state.status === 'ready' ? state.data : undefined;
  const isFavorited = favorited ?? ready?.favorited ?? false;
  const signIn = () => navigate(`/login?returnTo=${encodeURIComponent(`/articles/${article.id}`)}`);

  useEffect(() => {
    if (manualUrl) manualInput.current?.select();
  }, [manualUrl]);

  const toggleFavorite = async () => {
    if (!member) return signIn();
    const next = !isFavorited;
    setBusy(true);
    setMessage(undefined);
    try {
      await setFavorite(article.id, next);
      setFavorited(next);
      setFavorites((n) => Math.max(0, n + (next ? 1 : -1)));
    } catch (err) {
      const full = err instanceof ApiError && err.code === 'favorite.limit_reached';
      setMessage(t(full ? 'engage.error.favoriteLimit' : 'engage.favoriteFailed'));
    } finally {
      setBusy(false);
    }
  };

  const share = async () => {
    setMessage(undefined);
    setManualUrl(undefined);
    const native = typeof navigator.share === 'function';
    try {
      const { url } = await shareArticle(article.id, native ? 'system' : 'link');
      setShares((n) => n + 1);
      if (native) {
        await navigator.share({ title: article.title, text: article.summary, url }).catch(() => {});
        return;
      }
      try {
        await navigator.clipboard.writeText(url);
        setMessage(t('engage.shareCopied'));
      } catch {
        setManualUrl(url); // no clipboard: the link is shown, selected, to copy by hand
      }
    } catch {
      setMessage(t('engage.shareFailed'));
    }
  };

  const toggleFollow = async (target: FollowTarget) => {
    if (!member) return signIn();
    const key = `${target.kind}:${target.id}`;
    const next = !(following[key] ?? target.following);
    setMessage(undefined);
    try {
      await setFollow(target.kind, target.id, next);
      setFollowing((f) => ({ ...f, [key]: next }));
    } catch (err) {
      const full = err instanceof ApiError && err.code === 'follow.limit_reached';
      setMessage(t(full ? 'engage.error.followLimit' : 'engage.actionFailed'));
    }
  };

  return (
    <section className="article-actions" aria-label={t('engage.actions')}>
      <div className="article-actions-bar">
        <button
          type="button"
          className={isFavorited ? 'action action-on' : 'action'}
          aria-pressed={isFavorited}
          disabled={busy}
          onClick={toggleFavorite}
        >
          <span aria-hidden="true">{isFavorited ? '★' : '☆'}</span>
          {isFavorited ? t('engage.favorited') : t('engage.favorite')}
          <span className="action-count">{t('engage.count.favorites', { n: favorites })}</span>
        </button>
        <button type="button" className="action" onClick={share}>
          <span aria-hidden="true">↗</span>
          {t('engage.share')}
          <span className="action-count">{t('engage.count.shares', { n: shares })}</span>
        </button>
      </div>
      <div role="status" className="action-message">
        {message}
        {manualUrl && (
          <label className="share-manual">
            {t('engage.shareManual')}
            <input ref={manualInput} readOnly value={manualUrl} aria-label={t('engage.shareLink')} />
          </label>
        )}
      </div>
      {ready && ready.targets.length > 0 && (
        <div className="follow-targets">
          <h2>{t('engage.followTargets')}</h2>
          {!member && <p className="hint">{t('engage.signInToUse')}</p>}
          <ul className="chips">
            {ready.targets.map((target) => {
              const key = `${target.kind}:${target.id}`;
              const on = following[key] ?? target.following;
              return (
                <li key={key}>
                  <button
                    type="button"
                    className={on ? 'chip follow-chip follow-on' : 'chip follow-chip'}
                    aria-pressed={on}
                    data-follow={key}
                    onClick={() => toggleFollow(target)}
                  >
                    <span className="follow-kind">{t(KIND_KEY[target.kind])}</span>
                    {target.name}
                    <span className="follow-state">
                      {on ? t('engage.following') : `+ ${t('engage.follow')}`}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}
