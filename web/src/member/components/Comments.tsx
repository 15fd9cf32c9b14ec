/**
 * Comments under an article: the list (top-level comments newest first, each with its first
 * replies), writing and replying (signed-in members; readers get a sign-in prompt), likes,
 * deleting one's own and reporting. Comment text is plain text rendered as a React text node,
 * never as HTML, so markup in a comment shows as the characters typed.
 */
import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { ApiError } from '../../shared/api.ts';
import { relativeDate } from '../../shared/date.ts';
import { Link } from '../../shared/router.tsx';
import {
  type CommentItem,
  deleteComment,
  listComments,
  listReplies,
  postComment,
  REPORT_REASONS,
  type ReportReason,
  reportComment,
  setLike,
  type Thread,
} from '../comments.ts';
import { useSession } from '../session.tsx';
import { Avatar } from './Avatar.tsx';
import '../comments.css';

export const COMMENT_MAX = 500;
type Patch = (id: number, change: Partial<CommentItem> | null) => void;

function useErrorText() {
  const { t } = useI18n();
  return (err: unknown) => {
    if (!(err instanceof ApiError)) return t('comments.error.failed');
    if (err.code === 'comment.phone_required') return t('comments.bindPhone');
    if (err.code === 'rate_limited') return t('comments.error.rateLimited');
    if (err.code === 'comment.not_found') return t('comments.error.gone');
    if (err.code === 'comment.already_reported') return t('comments.alreadyReported');
    if (err.code === 'validation.failed') return t('comments.error.tooLong', { max: COMMENT_MAX });
    return err.status === 0 ? t('error.network') : t('comments.error.failed');
  };
}

export function Comments({ articleId, count }: { articleId: number; count: number }) {
  const { t } = useI18n();
  const session = useSession();
  const [threads, setThreads] = useState<Thread[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  const [notice, setNotice] = useState<string>();
  const signedIn = session.status === 'member';

  const load = useCallback(
    async (cursor: string | null) => {
      setState('loading');
      try {
        const page = await listComments(articleId, cursor);
        setThreads((old) => (cursor ? [...old, ...page.items] : page.items));
        setNext(page.nextCursor);
        setState('ready');
      } catch {
        setState('error');
      }
    },
    [articleId],
  );
  // Again when the session settles: a member also sees their own pending and hidden comments.
  useEffect(() => {
    if (session.status !== 'loading') void load(null);
  }, [load, session.status]);

  const patch: Patch = (id, change) =>
    setThreads((old) =>
      old.flatMap((th) => {
        if (th.id === id)
          return change
            ? [{ ...th, ...change }]
            : th.replyCount > 0
              ? [{ ...th, status: 'deleted' as const, body: null, author: null }]
              : [];
        const replies = th.replies.flatMap((r) => (r.id !== id ? [r] : change ? [{ ...r, ...change }] : []));
        return [{ ...th, replies, replyCount: th.replyCount - (th.replies.length - replies.length) }];
      }),
    );

  const posted = (c: CommentItem) => {
    if (c.status === 'pending') setNotice(t('comments.pendingNotice'));
    else setNotice(undefined);
    if (c.threadId === null) setThreads((old) => [{ ...c, replyCount: 0, replies: [] }, ...old]);
    else
      setThreads((old) =>
        old.map((th) =>
          th.id === c.threadId ? { ...th, replies: [...th.replies, c], replyCount: th.replyCount + 1 } : th,
        ),
      );
  };

  return (
    <section className="comments" aria-labelledby="comments-title" data-testid="comments">
      <h2 id="comments-title">{count > 0 ? t('comments.titleCount', { n: count }) : t('comments.title')}</h2>
      {signedIn ? (
        <Composer articleId={articleId} onPosted={posted} />
      ) : session.status !== 'loading' ? (
        <p className="comments-signin">
          {t('comments.signIn')}{' '}
          <Link
            to={`/login?returnTo=${encodeURIComponent(`/articles/${articleId}`)}`}
            className="button button-small"
          >
            {t('comments.signInAction')}
          </Link>
        </p>
      ) : null}
      {notice && (
        <p className="comments-notice" role="status" data-testid="comment-notice">
          {notice}
        </p>
      )}
      {state === 'ready' && threads.length === 0 && <p className="comments-empty">{t('comments.empty')}</p>}
      <ol className="comment-list">
        {threads.map((th) => (
          <ThreadView key={th.id} thread={th} signedIn={signedIn} patch={patch} onPosted={posted} />
        ))}
      </ol>
      {state === 'error' && (
        <button type="button" className="button button-quiet" onClick={() => load(null)}>
          {t('error.retry')}
        </button>
      )}
      {next && state !== 'loading' && (
        <button type="button" className="button button-quiet button-wide" onClick={() => load(next)}>
          {t('comments.loadMore')}
        </button>
      )}
    </section>
  );
}

function ThreadView({
  thread,
  signedIn,
  patch,
  onPosted,
}: {
  thread: Thread;
  signedIn: boolean;
  patch: Patch;
  onPosted(c: CommentItem): void;
}) {
  const { t } = useI18n();
  const [more, setMore] = useState<CommentItem[] | null>(null);
  const replies = more ?? thread.replies;
  const showAll = async () => {
    const items: CommentItem[] = [];
    let cursor: string | null = null;
    do {
      const page = await listReplies(thread.id, cursor);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    setMore(items);
  };
  return (
    <li className="thread">
      <CommentCard comment={thread} signedIn={signedIn} patch={patch} onPosted={onPosted} />
      {replies.length > 0 && (
        <ol className="replies">
          {replies.map((r) => (
            <li key={r.id}>
              <CommentCard comment={r} signedIn={signedIn} patch={patch} onPosted={onPosted} />
            </li>
          ))}
        </ol>
      )}
      {more === null && thread.replyCount > thread.replies.length && (
        <button type="button" className="link-button" onClick={showAll}>
          {t('comments.moreReplies', { n: thread.replyCount })}
        </button>
      )}
    </li>
  );
}

function CommentCard({
  comment: c,
  signedIn,
  patch,
  onPosted,
}: {
  comment: CommentItem;
  signedIn: boolean;
  patch: Patch;
  onPosted(c: CommentItem): void;
}) {
  const { t, lang } = useI18n();
  const errorText = useErrorText();
  const [open, setOpen] = useState<'reply' | 'report' | 'delete' | null>(null);
  const [message, setMessage] = useState<string>();
  if (c.status === 'deleted') {
    return (
      <article className="comment comment-deleted" data-testid="comment">
        <p className="muted">{t('comments.deleted')}</p>
      </article>
    );
  }
  const name = c.author?.nickname ?? t('comments.anonymous');
  const toggleLike = async () => {
    try {
      const res = await setLike(c.id, !c.likedByMe);
      patch(c.id, { likedByMe: res.liked, likeCount: res.likeCount });
    } catch (err) {
      setMessage(errorText(err));
    }
  };
  const remove = async () => {
    try {
      await deleteComment(c.id);
      patch(c.id, null);
    } catch (err) {
      setMessage(errorText(err));
    }
  };
  return (
    <article className="comment" data-testid="comment" data-comment-id={c.id}>
      <Avatar url={c.author?.avatarUrl ?? null} name={c.author?.nickname ?? null} size="small" />
      <div className="comment-main">
        <p className="comment-meta">
          <strong>{name}</strong>
          {c.replyTo && (
            <span className="comment-reply-to">
              {t('comments.replyTo', { name: c.replyTo.nickname ?? t('comments.anonymous') })}
            </span>
          )}
          {c.status === 'pending' && <span className="badge">{t('comments.pending')}</span>}
          {c.status === 'hidden' && <span className="badge badge-warn">{t('comments.hidden')}</span>}
        </p>
        <p className="comment-body" data-testid="comment-body">
          {c.body}
        </p>
        <p className="comment-foot">
          <time dateTime={c.createdAt}>{relativeDate(c.createdAt, lang, t('date.justNow'))}</time>
          {c.author?.ipRegion && <span>{t('comments.ipRegion', { region: c.author.ipRegion })}</span>}
        </p>
        {c.status === 'visible' && (
          <div className="comment-actions">
            <button
              type="button"
              className={c.likedByMe ? 'link-button liked' : 'link-button'}
              aria-pressed={c.likedByMe}
              aria-label={t(c.likedByMe ? 'comments.unlikeLabel' : 'comments.likeLabel', { n: c.likeCount })}
              disabled={!signedIn}
              onClick={toggleLike}
            >
              {t('comments.like', { n: c.likeCount })}
            </button>
            {signedIn && (
              <button
                type="button"
                className="link-button"
                onClick={() => setOpen(open === 'reply' ? null : 'reply')}
              >
                {t('comments.reply')}
              </button>
            )}
            {signedIn && !c.mine && (
              <button
                type="button"
                className="link-button"
                onClick={() => setOpen(open === 'report' ? null : 'report')}
              >
                {t('comments.report')}
              </button>
            )}
            {c.mine && (
              <button
                type="button"
                className="link-button"
                onClick={() => setOpen(open === 'delete' ? null : 'delete')}
              >
                {t('comments.delete')}
              </button>
            )}
          </div>
        )}
        {c.mine && c.status !== 'visible' && (
          <div className="comment-actions">
            <button
              type="button"
              className="link-button"
              onClick={() => setOpen(open === 'delete' ? null : 'delete')}
            >
              {t('comments.delete')}
            </button>
          </div>
        )}
        {open === 'delete' && (
          <div className="comment-confirm">
            <button type="button" className="button button-danger button-small" onClick={remove}>
              {t('comments.deleteConfirm')}
            </button>
            <button type="button" className="button button-quiet button-small" onClick={() => setOpen(null)}>
              {t('comments.cancel')}
            </button>
          </div>
        )}
        {open === 'reply' && (
          <Composer
            articleId={c.articleId}
            replyTo={{ id: c.id, name }}
            onPosted={(r) => {
              setOpen(null);
              onPosted(r);
            }}
            onCancel={() => setOpen(null)}
          />
        )}
        {open === 'report' && (
          <ReportForm
            id={c.id}
            onDone={(text) => {
              setOpen(null);
              setMessage(text);
            }}
          />
        )}
        {message && (
          <p className="comment-message" role="status">
            {message}
          </p>
        )}
      </div>
    </article>
  );
}

function Composer({
  articleId,
  replyTo,
  onPosted,
  onCancel,
}: {
  articleId: number;
  replyTo?: { id: number; name: string };
  onPosted(c: CommentItem): void;
  onCancel?(): void;
}) {
  const { t } = useI18n();
  const session = useSession();
  const errorText = useErrorText();
  const id = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const length = [...text.trim()].length;
  if (session.member && session.member.phone === null) {
    return <p className="comments-notice">{t('comments.bindPhone')}</p>;
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (length === 0) return setError(t('comments.error.empty'));
    if (length > COMMENT_MAX) return setError(t('comments.error.tooLong', { max: COMMENT_MAX }));
    setBusy(true);
    setError(undefined);
    try {
      const c = await postComment(articleId, text, replyTo?.id);
      setText('');
      onPosted(c);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const label = replyTo ? t('comments.replyLabel', { name: replyTo.name }) : t('comments.label');
  return (
    <form className="comment-form" onSubmit={submit} noValidate>
      <label htmlFor={id} className={replyTo ? 'visually-hidden' : 'comment-form-label'}>
        {label}
      </label>
      <textarea
        id={id}
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={replyTo ? 2 : 3}
        placeholder={replyTo ? label : t('comments.placeholder')}
        aria-invalid={error ? true : undefined}
        data-testid={replyTo ? 'reply-input' : 'comment-input'}
      />
      <div className="comment-form-foot">
        <span className={length > COMMENT_MAX ? 'counter over' : 'counter'} aria-live="polite">
          {t('comments.counter', { n: length, max: COMMENT_MAX })}
        </span>
        {onCancel && (
          <button type="button" className="button button-quiet button-small" onClick={onCancel}>
            {t('comments.cancel')}
          </button>
        )}
        <button type="submit" className="button button-small" disabled={busy}>
          {busy ? t('comments.sending') : t('comments.submit')}
        </button>
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function ReportForm({ id, onDone }: { id: number; onDone(message: string): void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [reason, setReason] = useState<ReportReason>('spam');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await reportComment(id, reason, note.trim() || undefined);
      onDone(t('comments.reported'));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'comment.already_reported') onDone(errorText(err));
      else setError(errorText(err));
    }
  };
  return (
    <form className="comment-form" onSubmit={submit}>
      <fieldset>
        <legend>{t('comments.reportReason')}</legend>
        {REPORT_REASONS.map((r) => (
          <label key={r} className="option">
            <input type="radio" name={`reason-${id}`} checked={reason === r} onChange={() => setReason(r)} />
            <span>{t(`comments.reason.${r}`)}</span>
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{t('comments.reportNote')}</span>
        <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={COMMENT_MAX} />
      </label>
      <button type="submit" className="button button-small">
        {t('comments.reportSubmit')}
      </button>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
