/**
 * Search: a box with suggestions while typing, filters (column, machine class, dates), results with
 * the matched words marked, "load more", and the history of this device with a clear button.
 */
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { ApiError, isAbort } from '../../shared/api.ts';
import { calendarDate } from '../../shared/date.ts';
import { Link, navigate, useLocation } from '../../shared/router.tsx';
import { useTitle } from '../../shared/useTitle.ts';
import { LoadMore } from '../components/LoadMore.tsx';
import { EmptyState, ErrorState } from '../components/States.tsx';
import { clicksOf } from '../engagement.ts';
import { useReference } from '../reference.tsx';
import {
  clearHistory,
  highlightPieces,
  readHistory,
  rememberQuery,
  type SearchFilters,
  type SearchItem,
  type Suggestion,
  searchArticles,
  suggest,
} from '../search.ts';
import '../search.css';

function Marked({ html }: { html: string }) {
  return (
    <>
      {highlightPieces(html).map((p, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one string never reorder
        p.mark ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>,
      )}
    </>
  );
}

function filtersFrom(search: URLSearchParams): SearchFilters {
  const get = (k: string) => search.get(k) || undefined;
  return {
    q: search.get('q')?.trim() ?? '',
    column: get('column'),
    tag: get('tag'),
    from: get('from'),
    to: get('to'),
  };
}

function urlOf(f: SearchFilters): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
  return `/search?${p.toString()}`;
}

function useSuggestions(text: string, lang: string): Suggestion[] {
  const [items, setItems] = useState<Suggestion[]>([]);
  useEffect(() => {
    const q = text.trim();
    if (!q || q.length > 40) {
      setItems([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      suggest(q, lang, controller.signal)
        .then((r) => setItems(r.items))
        .catch((err) => isAbort(err) || setItems([]));
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, lang]);
  return items;
}

export function SearchPage() {
  const { t, lang } = useI18n();
  const { search } = useLocation();
  const filters = filtersFrom(search);
  const { reference } = useReference();
  const [text, setText] = useState(filters.q);
  const [typing, setTyping] = useState(false);
  const [history, setHistory] = useState<string[]>(() => readHistory());
  const [items, setItems] = useState<SearchItem[] | undefined>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const suggestions = useSuggestions(typing ? text : '', lang);
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const key = urlOf(filters);
  const [attempt, setAttempt] = useState(0);
  useTitle(`${t('search.title')} · ${t('app.name')}`);

  // A new query or filter in the URL starts a fresh result list; `attempt` re-runs it after an error.
  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt is the retry trigger
  useEffect(() => {
    const f = filtersFrom(new URL(`http://x${key}`).searchParams);
    setText(f.q);
    setItems(undefined);
    setError(undefined);
    if (!f.q) return;
    setHistory(rememberQuery(f.q));
    const controller = new AbortController();
    setLoading(true);
    searchArticles(f, undefined, controller.signal)
      .then((page) => {
        setItems(page.items);
        setCursor(page.nextCursor);
      })
      .catch(
        (err) =>
          isAbort(err) || setError(err instanceof ApiError ? err : new ApiError(0, 'network', 'network')),
      )
      .finally(() => setLoading(false));
    return () => controller.abort();
  }, [key, attempt]);

  const go = (next: Partial<SearchFilters>) => {
    setTyping(false);
    navigate(urlOf({ ...filters, ...next }));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const q = text.trim();
    if (q) go({ q });
  };
  const loadMore = () => {
    if (!cursor || loading) return;
    setLoading(true);
    searchArticles(filters, cursor)
      .then((page) => {
        setItems((prev) => [...(prev ?? []), ...page.items]);
        setCursor(page.nextCursor);
      })
      .catch((err) => setError(err instanceof ApiError ? err : new ApiError(0, 'network', 'network')))
      .finally(() => setLoading(false));
  };
  const pick = (s: Suggestion) => {
    if (s.kind === 'title') navigate(`/articles/${s.id}`);
    else go({ q: s.text });
  };

  const classes = reference?.tags.filter((tag) => tag.parentId === null) ?? [];
  return (
    <div className="search-page">
      <form className="search-form" aria-label={t('search.title')} onSubmit={submit}>
        <label htmlFor={`${listId}-q`} className="visually-hidden">
          {t('search.label')}
        </label>
        <div className="search-box">
          <input
            ref={input}
            id={`${listId}-q`}
            type="search"
            name="q"
            value={text}
            maxLength={100}
            autoComplete="off"
            enterKeyHint="search"
            placeholder={t('search.placeholder')}
            aria-controls={`${listId}-list`}
            onChange={(e) => {
              setText(e.target.value);
              setTyping(true);
            }}
          />
          <button type="submit" className="button">
            {t('search.submit')}
          </button>
        </div>
        {suggestions.length > 0 && (
          <ul id={`${listId}-list`} aria-label={t('search.suggestions')} className="search-suggestions">
            {suggestions.map((s) => (
              <li key={`${s.kind}:${s.id}`}>
                <button type="button" onClick={() => pick(s)}>
                  <span className="chip">{t(`search.suggest.${s.kind}`)}</span> {s.text}
                </button>
              </li>
            ))}
          </ul>
        )}
        <fieldset className="search-filters">
          <legend>{t('search.filters')}</legend>
          <label>
            {t('search.column')}
            <select
              value={filters.column ?? ''}
              onChange={(e) => go({ column: e.target.value || undefined })}
            >
              <option value="">{t('search.any')}</option>
              {reference?.columns.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('search.tag')}
            <select value={filters.tag ?? ''} onChange={(e) => go({ tag: e.target.value || undefined })}>
              <option value="">{t('search.any')}</option>
              {classes.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('search.from')}
            <input
              type="date"
              value={filters.from ?? ''}
              onChange={(e) => go({ from: e.target.value || undefined })}
            />
          </label>
          <label>
            {t('search.to')}
            <input
              type="date"
              value={filters.to ?? ''}
              onChange={(e) => go({ to: e.target.value || undefined })}
            />
          </label>
        </fieldset>
      </form>

      {!filters.q && (
        <section className="search-history" aria-label={t('search.history')}>
          {history.length > 0 ? (
            <>
              <h2>{t('search.history')}</h2>
              <ul className="chips" data-testid="search-history">
                {history.map((h) => (
                  <li key={h}>
                    <button type="button" className="chip" onClick={() => go({ q: h })}>
                      {h}
                    </button>
                  </li>
                ))}
              </ul>
              <p className="hint">{t('search.history.note')}</p>
              <button
                type="button"
                className="button button-quiet"
                onClick={() => {
                  clearHistory();
                  setHistory([]);
                }}
              >
                {t('search.history.clear')}
              </button>
            </>
          ) : (
            <EmptyState title={t('search.start.title')} body={t('search.start.body')} />
          )}
        </section>
      )}

      {error && <ErrorState error={error} onRetry={() => setAttempt((n) => n + 1)} compact />}
      {filters.q && items?.length === 0 && (
        <EmptyState title={t('search.empty.title')} body={t('search.empty.body')} />
      )}
      {items && items.length > 0 && (
        // Opening a result records a click (source `search`, its place in the list); the server keeps
        // it in the member's record only under personalisation consent.
        // biome-ignore lint/a11y/useKeyWithClickEvents: records link clicks; the links are the controls
        <section aria-label={t('search.results')} onClick={clicksOf('search')}>
          <ol className="search-results">
            {items.map((item) => (
              <li key={item.id} className="feed-card" data-testid="search-result">
                <div className="feed-card-text">
                  <h2 lang={item.language}>
                    <Link to={`/articles/${item.id}`}>
                      <Marked html={item.highlight.title} />
                    </Link>
                  </h2>
                  <p className="summary" lang={item.language}>
                    <Marked html={item.highlight.summary} />
                  </p>
                  <div className="meta">
                    <span className="chip chip-column">
                      {reference?.columnName(item.column) ?? item.column}
                    </span>
                    <time dateTime={item.publishedAt}>{calendarDate(item.publishedAt, lang)}</time>
                  </div>
                </div>
              </li>
            ))}
          </ol>
          <LoadMore hasMore={cursor !== null} loading={loading} onLoad={loadMore} />
        </section>
      )}
    </div>
  );
}
