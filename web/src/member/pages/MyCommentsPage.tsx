/** 我的评论: the member's own comments, newest first, each with its article and a delete button. */
import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { relativeDate } from '../../shared/date.ts';
import { Link } from '../../shared/router.tsx';
import { useTitle } from '../../shared/useTitle.ts';
import { deleteComment, type MyComment, myComments } from '../comments.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { SignedInOnly } from '../components/SignedInOnly.tsx';
import { EmptyState } from '../components/States.tsx';
import '../comments.css';

export function MyCommentsPage() {
  const { t } = useI18n();
  useTitle(`${t('comments.mine.title')} · ${t('app.name')}`);
  return (
    <div className="my-comments-page">
      <PageHeader title={t('comments.mine.title')} fallback="/me" />
      <SignedInOnly>{() => <MyCommentList />}</SignedInOnly>
    </div>
  );
}

function MyCommentList() {
  const { t, lang } = useI18n();
  const [items, setItems] = useState<MyComment[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  const [confirming, setConfirming] = useState<number | null>(null);

  const load = useCallback(async (cursor: string | null) => {
    setState('loading');
    try {
      const page = await myComments(cursor);
      setItems((old) => (cursor ? [...old, ...page.items] : page.items));
      setNext(page.nextCursor);
      setState('ready');
    } catch {
      setState('error');
    }
  }, []);
  useEffect(() => {
    void load(null);
  }, [load]);

  const remove = async (id: number) => {
    try {
      await deleteComment(id);
      setItems((old) => old.filter((c) => c.id !== id));
    } catch {
      setState('error');
    }
    setConfirming(null);
  };

  if (state === 'ready' && items.length === 0) return <EmptyState title={t('comments.mine.empty')} />;
  return (
    <section className="panel">
      <ol className="comment-list">
        {items.map((c) => (
          <li key={c.id} className="my-comment" data-testid="my-comment">
            {c.articleTitle ? (
              <Link to={`/articles/${c.articleId}`} className="comment-article">
                {c.articleTitle}
              </Link>
            ) : (
              <span className="comment-article muted">{t('comments.mine.articleGone')}</span>
            )}
            <p className="comment-body">{c.body}</p>
            <p className="comment-foot">
              <time dateTime={c.createdAt}>{relativeDate(c.createdAt, lang, t('date.justNow'))}</time>
              {c.status === 'pending' && <span className="badge">{t('comments.pending')}</span>}
              {c.status === 'hidden' && <span className="badge badge-warn">{t('comments.hidden')}</span>}
            </p>
            {confirming === c.id ? (
              <div className="comment-confirm">
                <button
                  type="button"
                  className="button button-danger button-small"
                  onClick={() => remove(c.id)}
                >
                  {t('comments.deleteConfirm')}
                </button>
                <button
                  type="button"
                  className="button button-quiet button-small"
                  onClick={() => setConfirming(null)}
                >
                  {t('comments.cancel')}
                </button>
              </div>
            ) : (
              <button type="button" className="link-button" onClick={() => setConfirming(c.id)}>
                {t('comments.delete')}
              </button>
            )}
          </li>
        ))}
      </ol>
      {state === 'error' && (
        <button type="button" className="button button-quiet" onClick={() => load(null)}>
          {t('error.retry')}
        </button>
      )}
      {next && state === 'ready' && (
        <button type="button" className="button button-quiet button-wide" onClick={() => load(next)}>
          {t('comments.loadMore')}
        </button>
      )}
    </section>
  );
}
