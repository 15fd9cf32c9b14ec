/**
 * 写文章 / 编辑文章: the article form (title, summary, column, tags, brands, series, author, source,
 * language, cover, body) and, for a saved article, its workflow panel with the steps the signed-in
 * role may take in the article's state. /console/articles/edit for a new article, ?id=N to edit.
 */
import { useId, useState } from 'react';
import { type MessageKey, useI18n } from '../../i18n/index.tsx';
import { ApiError } from '../../shared/api.ts';
import { dateTime } from '../../shared/date.ts';
import { Link, navigate, useLocation } from '../../shared/router.tsx';
import { useAsync } from '../../shared/useAsync.ts';
import { Loadable } from '../components/Loadable.tsx';
import { RegionSelect } from '../components/RegionSelect.tsx';
import { imageError, RichTextEditor } from '../components/RichTextEditor.tsx';
import { SeriesPicker } from '../components/SeriesPicker.tsx';
import {
  type ArticleInput,
  createArticle,
  type EditorArticle,
  getEditorArticle,
  listAuthors,
  listSeries,
  listTaxonomy,
  type Named,
  type SeriesNamed,
  STEP_ROLES,
  saveArticle,
  takeStep,
  uploadImage,
  WORKFLOW_ACTIONS,
  type WorkflowAction,
  WRITER_ROLES,
} from '../editorialApi.ts';
import { useSession } from '../session.tsx';
import './editorial.css';

interface Choices {
  columns: Named[];
  tags: Named[];
  brands: Named[];
  series: SeriesNamed[];
  authors: { id: number; displayName: string }[];
}

export function ArticleEditorPage() {
  const { search } = useLocation();
  const id = Number(search.get('id'));
  return Number.isSafeInteger(id) && id > 0 ? <ExistingArticle key={id} id={id} /> : <Editor key="new" />;
}

function ExistingArticle({ id }: { id: number }) {
  const state = useAsync(`editor-article:${id}`, (signal) => getEditorArticle(id, signal));
  return <Loadable state={state}>{(article) => <Editor initial={article} />}</Loadable>;
}

const EMPTY: ArticleInput = {
  title: '',
  summary: '',
  body: '',
  coverUrl: null,
  column: '',
  authorId: null,
  tags: [],
  brands: [],
  series: [],
  source: '',
  language: 'zh-CN',
  region: null,
};

const inputOf = (a: EditorArticle): ArticleInput => ({
  title: a.title,
  summary: a.summary,
  body: a.body,
  coverUrl: a.coverUrl,
  column: a.column,
  authorId: a.author?.id ?? null,
  tags: a.tags,
  brands: a.brands,
  series: a.series,
  source: a.source,
  language: a.language,
  region: a.region ?? null,
});

function Editor({ initial }: { initial?: EditorArticle }) {
  const { t, lang } = useI18n();
  const { staff } = useSession();
  const ids = useId();
  const [article, setArticle] = useState(initial);
  const [input, setInput] = useState<ArticleInput>(
    initial ? inputOf(initial) : { ...EMPTY, authorId: staff.id },
  );
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string; conflict?: boolean }>();
  const choices = useAsync(`editor-choices:${lang}`, async (signal): Promise<Choices> => {
    const [columns, tags, brands, series, authors] = await Promise.all([
      listTaxonomy('columns', lang, signal),
      listTaxonomy('tags', lang, signal),
      listTaxonomy('brands', lang, signal),
      listSeries(lang, signal),
      listAuthors(signal),
    ]);
    return { columns, tags, brands, series, authors };
  });
  const canWrite = WRITER_ROLES.includes(staff.role);
  const editable = !article || ['draft', 'in_review', 'scheduled'].includes(article.status);
  const readOnly = !canWrite || !editable;

  const set = <K extends keyof ArticleInput>(key: K, value: ArticleInput[K]) => {
    setInput((i) => ({ ...i, [key]: value }));
    setDirty(true);
  };

  const save = async () => {
    setSaving(true);
    setMessage(undefined);
    try {
      if (!article) {
        const created = await createArticle(input);
        setDirty(false);
        navigate(`/console/articles/edit?id=${created.id}`, { replace: true });
        return;
      }
      const saved = await saveArticle(article.id, article.revision, input);
      setArticle(saved);
      setInput(inputOf(saved));
      setDirty(false);
      setMessage({ kind: 'ok', text: t('editor.saved', { n: saved.revision }) });
    } catch (err) {
      setMessage(errorMessage(err, t));
    } finally {
      setSaving(false);
    }
  };

  const [coverBusy, setCoverBusy] = useState(false);
  const cover = async (file: File | undefined) => {
    if (!file) return;
    setCoverBusy(true);
    try {
      set('coverUrl', (await uploadImage(file, 'cover')).url);
    } catch (err) {
      setMessage({ kind: 'error', text: imageError(err, t) });
    } finally {
      setCoverBusy(false);
    }
  };

  const multi = (e: React.ChangeEvent<HTMLSelectElement>) =>
    [...e.target.selectedOptions].map((o) => o.value);

  return (
    <section aria-labelledby="page-title" className="editor-page">
      <div className="page-head">
        <h1 id="page-title" className="page-title">
          {article ? t('editor.editTitle') : t('editor.newTitle')}
        </h1>
        {article && (
          <Link to={`/console/articles/history?id=${article.id}`} className="button button-small">
            {t('editor.history')}
          </Link>
        )}
      </div>
      <Loadable state={choices}>
        {(c) => (
          <div className="editor-layout">
            <form
              className="editor-form"
              onSubmit={(e) => {
                e.preventDefault();
                save();
              }}
            >
              <fieldset disabled={readOnly || saving} className="plain">
                <label className="field">
                  <span>{t('editor.title')}</span>
                  <input
                    value={input.title}
                    maxLength={200}
                    required
                    onChange={(e) => set('title', e.target.value)}
                  />
                </label>
                <label className="field">
                  <span>{t('editor.summary')}</span>
                  <textarea
                    value={input.summary}
                    maxLength={500}
                    rows={2}
                    onChange={(e) => set('summary', e.target.value)}
                  />
                </label>
                <div className="editor-row">
                  <label className="field">
                    <span>{t('editor.column')}</span>
                    <select value={input.column} required onChange={(e) => set('column', e.target.value)}>
                      <option value="">{t('editor.choose')}</option>
                      {c.columns.map((col) => (
                        <option key={col.id} value={col.id}>
                          {col.name}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label className="field">
                    <span>{t('editor.author')}</span>
                    <select
                      value={input.authorId ?? ''}
                      onChange={(e) => set('authorId', e.target.value ? Number(e.target.value) : null)}
                    >
                      <option value="">{t('editor.noAuthor')}</option>
                      {c.authors.map((a) => (
                        <option key={a.id} value={a.id}>
                          {a.displayName}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label className="field">
                    <span>{t('editor.language')}</span>
                    <select value={input.language} onChange={(e) => set('language', e.target.value)}>
                      <option value="zh-CN">{t('lang.zhLong')}</option>
                      <option value="en">{t('lang.enLong')}</option>
                    </select>
                  </label>
                  <RegionSelect value={input.region} onChange={(v) => set('region', v)} />
                </div>
                <div className="editor-row">
                  <label className="field">
                    <span>{t('editor.tags')}</span>
                    <select multiple size={6} value={input.tags} onChange={(e) => set('tags', multi(e))}>
                      {c.tags.map((tag) => (
                        <option key={tag.id} value={tag.id}>
                          {tag.parentId ? `— ${tag.name}` : tag.name}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label className="field">
                    <span>{t('editor.brands')}</span>
                    <select multiple size={6} value={input.brands} onChange={(e) => set('brands', multi(e))}>
                      {c.brands.map((b) => (
                        <option key={b.id} value={b.id}>
                          {b.name}
                        </option>
                      ))}
                    </select>
                  </label>
                </div>
                <p className="muted note">{t('editor.multiHint')}</p>
                <SeriesPicker
                  series={c.series}
                  brands={input.brands}
                  value={input.series}
                  onChange={(v) => set('series', v)}
                />
                <label className="field">
                  <span>{t('editor.source')}</span>
                  <input
                    value={input.source}
                    maxLength={200}
                    onChange={(e) => set('source', e.target.value)}
                  />
                </label>
                <div className="field">
                  <span id={`${ids}-cover`}>{t('editor.cover')}</span>
                  {input.coverUrl && (
                    <img className="editor-cover" src={input.coverUrl} alt={t('editor.cover')} />
                  )}
                  <div className="editor-row-inline">
                    <input
                      type="file"
                      accept="image/jpeg,image/png,image/webp"
                      aria-labelledby={`${ids}-cover`}
                      disabled={coverBusy}
                      onChange={(e) => cover(e.target.files?.[0])}
                    />
                    {input.coverUrl && (
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => set('coverUrl', null)}
                      >
                        {t('editor.removeCover')}
                      </button>
                    )}
                  </div>
                </div>
                <div className="field">
                  <span id={`${ids}-body`}>{t('editor.body')}</span>
                  <RichTextEditor
                    labelId={`${ids}-body`}
                    value={input.body}
                    onChange={(html) => set('body', html)}
                  />
                </div>
              </fieldset>
              {message && (
                <div className={message.kind === 'ok' ? 'notice' : 'notice notice-error'} role="status">
                  <p>{message.text}</p>
                  {message.conflict && <p className="muted">{t('editor.conflictHint')}</p>}
                </div>
              )}
              {!readOnly && (
                <div className="editor-actions">
                  <button type="submit" className="button" disabled={saving}>
                    {saving ? t('editor.saving') : t('editor.save')}
                  </button>
                  {dirty && <span className="muted">{t('editor.unsaved')}</span>}
                </div>
              )}
              {canWrite && !editable && <p className="muted">{t('editor.notEditable')}</p>}
            </form>
            {article && (
              <Workflow
                article={article}
                dirty={dirty}
                onChange={(a) => {
                  setArticle(a);
                  setInput(inputOf(a));
                  setDirty(false);
                }}
              />
            )}
          </div>
        )}
      </Loadable>
      <p>
        <Link to="/console/articles">{t('editor.back')}</Link> ·{' '}
        {article?.updatedAt && (
          <span className="muted">
            {t('editor.updatedAt')} {dateTime(article.updatedAt, lang)}
          </span>
        )}
      </p>
    </section>
  );
}

function errorMessage(
  err: unknown,
  t: (key: MessageKey, params?: Record<string, string | number>) => string,
): { kind: 'error'; text: string; conflict?: boolean } {
  if (err instanceof ApiError) {
    if (err.code === 'article.edit_conflict')
      return { kind: 'error', text: t('editor.conflict'), conflict: true };
    if (err.code === 'article.invalid_transition') return { kind: 'error', text: t('editor.invalidStep') };
    if (err.code === 'article.not_editable') return { kind: 'error', text: t('editor.notEditable') };
    if (err.code === 'auth.forbidden') return { kind: 'error', text: t('editor.forbidden') };
    if (err.code === 'validation.failed') {
      const fields = (err.problem?.errors ?? []).map((e) => e.path.replace(/^body\./, '')).join(', ');
      return { kind: 'error', text: t('editor.invalid', { fields: fields || '—' }) };
    }
  }
  return { kind: 'error', text: t('error.server') };
}

/** A local datetime-local value an hour from now, the default of the schedule field. */
function inAnHour(): string {
  const d = new Date(Date.now() + 3_600_000);
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

function Workflow({
  article,
  dirty,
  onChange,
}: {
  article: EditorArticle;
  dirty: boolean;
  onChange(a: EditorArticle): void;
}) {
  const { t, lang } = useI18n();
  const { staff } = useSession();
  const ids = useId();
  const [note, setNote] = useState('');
  const [when, setWhen] = useState(inAnHour);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();

  const possible: Record<WorkflowAction, boolean> = {
    submit: article.status === 'draft',
    approve: article.status === 'in_review' && !article.approved,
    reject: article.status === 'in_review',
    schedule: (article.status === 'in_review' || article.status === 'scheduled') && article.approved,
    unschedule: article.status === 'scheduled',
    publish: (article.status === 'in_review' || article.status === 'scheduled') && article.approved,
    archive: article.status !== 'archived',
    reopen: article.status === 'archived',
  };
  const actions = WORKFLOW_ACTIONS.filter(
    (a) => possible[a] && (staff.role === 'admin' || STEP_ROLES[a].includes(staff.role)),
  );

  const act = async (action: WorkflowAction) => {
    setBusy(true);
    setMessage(undefined);
    try {
      const next = await takeStep(article.id, {
        action,
        revision: article.revision,
        note: action === 'reject' ? note.trim() : undefined,
        publishAt: action === 'schedule' ? new Date(when).toISOString() : undefined,
      });
      setNote('');
      onChange(next);
    } catch (err) {
      setMessage(errorMessage(err, t).text);
    } finally {
      setBusy(false);
    }
  };

  return (
    <aside className="card editor-workflow" aria-labelledby={`${ids}-wf`}>
      <h2 id={`${ids}-wf`}>{t('editor.workflow')}</h2>
      <dl className="editor-facts">
        <dt>{t('console.articles.status')}</dt>
        <dd data-testid="article-status">
          <span className={`status status-${article.status}`}>{t(`console.state.${article.status}`)}</span>
          {article.status === 'in_review' && (
            <span className="badge">{article.approved ? t('editor.approved') : t('editor.awaiting')}</span>
          )}
        </dd>
        <dt>{t('editor.revision')}</dt>
        <dd>{article.revision}</dd>
        {article.publishAt && (
          <>
            <dt>{t('editor.publishAt')}</dt>
            <dd>{dateTime(article.publishAt, lang)}</dd>
          </>
        )}
        {article.publishedAt && (
          <>
            <dt>{t('console.articles.publishedAt')}</dt>
            <dd>
              {dateTime(article.publishedAt, lang)}
              {article.status === 'published' && (
                <>
                  {' '}
                  <a href={`/articles/${article.id}`} target="_blank" rel="noopener">
                    {t('editor.view')}
                  </a>
                </>
              )}
            </dd>
          </>
        )}
      </dl>
      {article.reviewNote && (
        <div className="notice" role="note">
          <strong>{t('editor.reviewNote')}</strong> {article.reviewNote}
        </div>
      )}
      {dirty && actions.length > 0 ? (
        <p className="muted">{t('editor.saveFirst')}</p>
      ) : (
        <div className="editor-steps">
          {actions.includes('reject') && (
            <label className="field">
              <span>{t('editor.note')}</span>
              <textarea value={note} rows={2} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
            </label>
          )}
          {actions.includes('schedule') && (
            <label className="field">
              <span>{t('editor.publishAt')}</span>
              <input type="datetime-local" step={1} value={when} onChange={(e) => setWhen(e.target.value)} />
            </label>
          )}
          {actions.map((a) => (
            <button
              key={a}
              type="button"
              className={a === 'reject' || a === 'archive' ? 'button button-quiet' : 'button'}
              disabled={busy || (a === 'reject' && !note.trim()) || (a === 'schedule' && !when)}
              onClick={() => act(a)}
            >
              {t(`editor.step.${a}`)}
            </button>
          ))}
          {actions.length === 0 && <p className="muted">{t('editor.noSteps')}</p>}
        </div>
      )}
      {message && (
        <p className="error-text" role="alert">
          {message}
        </p>
      )}
    </aside>
  );
}
