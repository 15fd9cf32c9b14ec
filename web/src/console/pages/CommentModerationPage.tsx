/**
 * 评论审核: the queues (pending, reported, hidden) with approve, hide, restore and delete, each
 * with a reason that goes to the moderation log; the moderation mode of each column; the banned
 * words for comments; and the log itself. Comment text is shown as text, never as HTML.
 */
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { ApiError } from '../../shared/api.ts';
import { dateTime } from '../../shared/date.ts';
import {
  addCommentWord,
  type BannedWord,
  type ColumnMode,
  columnModes,
  commentQueue,
  commentWords,
  type LogEntry,
  moderateComment,
  moderationLog,
  QUEUES,
  type Queue,
  type QueuedComment,
  removeWord,
  setColumnMode,
} from '../commentsApi.ts';
import './comments.css';
import { useSession } from '../session.tsx';

type Action = 'approve' | 'hide' | 'restore' | 'delete';

function useFailure() {
  const { t } = useI18n();
  const { expire } = useSession();
  return useCallback(
    (err: unknown): string | undefined => {
      if (err instanceof ApiError && err.status === 401) {
        expire();
        return undefined;
      }
      if (err instanceof ApiError && err.status === 403) return t('comments.console.forbidden');
      return t('comments.console.failed');
    },
    [t, expire],
  );
}

export function CommentModerationPage() {
  const { t } = useI18n();
  const [logVersion, setLogVersion] = useState(0);
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" className="page-title">
        {t('comments.console.title')}
      </h1>
      <QueuePanel onActed={() => setLogVersion((n) => n + 1)} />
      <ModesPanel />
      <WordsPanel />
      <LogPanel version={logVersion} />
    </section>
  );
}

function QueuePanel({ onActed }: { onActed(): void }) {
  const { t, lang } = useI18n();
  const failure = useFailure();
  const [queue, setQueue] = useState<Queue>('pending');
  const [items, setItems] = useState<QueuedComment[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string>();

  const load = useCallback(
    async (q: Queue, cursor: string | null) => {
      try {
        const page = await commentQueue(q, cursor);
        setItems((old) => (cursor && old ? [...old, ...page.items] : page.items));
        setNext(page.nextCursor);
        setError(undefined);
      } catch (err) {
        setError(failure(err));
      }
    },
    [failure],
  );
  useEffect(() => {
    setItems(null);
    void load(queue, null);
  }, [queue, load]);

  return (
    <section className="card moderation-card" aria-labelledby="queue-title">
      <h2 id="queue-title">{t('comments.console.queue')}</h2>
      <label className="field field-inline">
        <span>{t('comments.console.queue')}</span>
        <select value={queue} onChange={(e) => setQueue(e.target.value as Queue)}>
          {QUEUES.map((q) => (
            <option key={q} value={q}>
              {t(`comments.console.queue.${q}`)}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {items && items.length === 0 && <p className="muted">{t('comments.console.empty')}</p>}
      <ol className="moderation-list" data-testid="moderation-queue">
        {items?.map((c) => (
          <li key={c.id} className="moderation-item" data-testid="queued-comment" data-comment-id={c.id}>
            <p className="muted">
              {t('comments.console.article', { title: c.articleTitle ?? `#${c.articleId}` })} ·{' '}
              {dateTime(c.createdAt, lang)}
            </p>
            <p className="moderation-body">{c.body}</p>
            <p className="muted">
              {t('comments.console.by', {
                name: c.author?.nickname ?? t('comments.anonymous'),
                region: c.author?.ipRegion ?? '—',
              })}
              {c.heldFor && ` · ${t(`comments.console.heldFor.${c.heldFor}`)}`}
              {c.reports.length > 0 && ` · ${t('comments.console.reports', { n: c.reports.length })}`}
            </p>
            {c.reports.length > 0 && (
              <ul className="muted">
                {c.reports.map((r, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: reports have no id on the wire
                  <li key={i}>
                    {t(`comments.reason.${r.reason as 'spam'}`)}
                    {r.note ? `：${r.note}` : ''}
                  </li>
                ))}
              </ul>
            )}
            <Actions
              comment={c}
              onDone={() => {
                setItems((old) => old?.filter((x) => x.id !== c.id) ?? null);
                onActed();
              }}
            />
          </li>
        ))}
      </ol>
      {next && (
        <button type="button" className="button button-quiet" onClick={() => load(queue, next)}>
          {t('comments.console.more')}
        </button>
      )}
    </section>
  );
}

function Actions({ comment, onDone }: { comment: QueuedComment; onDone(): void }) {
  const { t } = useI18n();
  const failure = useFailure();
  const [action, setAction] = useState<Action | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const offered: Action[] =
    comment.status === 'hidden' ? ['restore', 'delete'] : ['approve', 'hide', 'delete'];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!action) return;
    const text = reason.trim();
    if (action !== 'approve' && [...text].length < 2) return setError(t('comments.console.reasonRequired'));
    setBusy(true);
    try {
      await moderateComment(comment.id, action, text);
      onDone();
    } catch (err) {
      setError(failure(err));
      setBusy(false);
    }
  };

  if (!action) {
    return (
      <div className="reason-actions">
        {offered.map((a) => (
          <button
            key={a}
            type="button"
            className={
              a === 'approve' || a === 'restore' ? 'button button-small' : 'button button-small button-quiet'
            }
            onClick={() => setAction(a)}
          >
            {t(`comments.console.${a}`)}
          </button>
        ))}
      </div>
    );
  }
  return (
    <form className="reason-form" onSubmit={submit} noValidate>
      <label className="field">
        <span>{t('comments.console.reason')}</span>
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={500} />
      </label>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <div className="reason-actions">
        <button type="submit" className="button button-small" disabled={busy}>
          {t('comments.console.confirm')} · {t(`comments.console.${action}`)}
        </button>
        <button type="button" className="button button-small button-quiet" onClick={() => setAction(null)}>
          {t('comments.console.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The column modes and the banned words are editorial settings: editors and admins change them. */
function useCanEdit() {
  const { staff } = useSession();
  return staff.role === 'editor' || staff.role === 'admin';
}

function ModesPanel() {
  const { t, lang } = useI18n();
  const canEdit = useCanEdit();
  const failure = useFailure();
  const [modes, setModes] = useState<ColumnMode[]>([]);
  const [error, setError] = useState<string>();
  useEffect(() => {
    columnModes(lang).then(setModes, (err) => setError(failure(err)));
  }, [lang, failure]);
  const change = async (columnId: string, mode: ColumnMode['mode']) => {
    try {
      await setColumnMode(columnId, mode);
      setModes((old) => old.map((m) => (m.columnId === columnId ? { ...m, mode } : m)));
      setError(undefined);
    } catch (err) {
      setError(failure(err));
    }
  };
  return (
    <section className="card moderation-card" aria-labelledby="modes-title">
      <h2 id="modes-title">{t('comments.console.modes')}</h2>
      <p className="muted">{t('comments.console.modesHint')}</p>
      {!canEdit && <p className="note">{t('comments.console.editorsOnly')}</p>}
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <table className="table">
        <tbody>
          {modes.map((m) => (
            <tr key={m.columnId}>
              <th scope="row">{m.name}</th>
              <td>
                <select
                  aria-label={m.name}
                  disabled={!canEdit}
                  value={m.mode}
                  onChange={(e) => change(m.columnId, e.target.value as ColumnMode['mode'])}
                >
                  <option value="post">{t('comments.console.mode.post')}</option>
                  <option value="pre">{t('comments.console.mode.pre')}</option>
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function WordsPanel() {
  const { t } = useI18n();
  const canEdit = useCanEdit();
  const failure = useFailure();
  const [words, setWords] = useState<BannedWord[] | null>(null);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!canEdit) return;
    commentWords().then(
      (page) => setWords(page.items),
      (err) => setError(failure(err)),
    );
  }, [failure, canEdit]);
  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft.trim()) return;
    try {
      const w = await addCommentWord(draft.trim());
      setWords((old) => [w, ...(old ?? [])]);
      setDraft('');
      setError(undefined);
    } catch (err) {
      setError(failure(err));
    }
  };
  const remove = async (id: number) => {
    try {
      await removeWord(id);
      setWords((old) => old?.filter((w) => w.id !== id) ?? null);
    } catch (err) {
      setError(failure(err));
    }
  };
  return (
    <section className="card moderation-card" aria-labelledby="words-title">
      <h2 id="words-title">{t('comments.console.words')}</h2>
      <p className="muted">{t('comments.console.wordsHint')}</p>
      {!canEdit && <p className="note">{t('comments.console.editorsOnly')}</p>}
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {words && (
        <>
          <form className="page-head" onSubmit={add}>
            <label className="field field-inline">
              <span>{t('comments.console.word')}</span>
              <input value={draft} onChange={(e) => setDraft(e.target.value)} maxLength={50} />
            </label>
            <button type="submit" className="button button-small">
              {t('comments.console.addWord')}
            </button>
          </form>
          <ul className="chips">
            {words.map((w) => (
              <li key={w.id} className="chip">
                {w.word}{' '}
                <button
                  type="button"
                  className="button button-small button-quiet"
                  onClick={() => remove(w.id)}
                >
                  {t('comments.console.removeWord')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function LogPanel({ version }: { version: number }) {
  const { t, lang } = useI18n();
  const [entries, setEntries] = useState<LogEntry[]>([]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` reloads after an action
  useEffect(() => {
    moderationLog().then(
      (page) => setEntries(page.items),
      () => setEntries([]),
    );
  }, [version]);
  return (
    <section className="card moderation-card" aria-labelledby="log-title">
      <h2 id="log-title">{t('comments.console.log')}</h2>
      <ol className="moderation-log" data-testid="moderation-log">
        {entries.map((e) => (
          <li key={e.id}>
            <time dateTime={e.at}>{dateTime(e.at, lang)}</time>{' '}
            {t('comments.console.log.entry', {
              comment: e.commentId,
              action: t(`comments.console.action.${e.action}`),
              staff: e.staffId,
              reason: e.reason,
            })}
          </li>
        ))}
      </ol>
    </section>
  );
}
