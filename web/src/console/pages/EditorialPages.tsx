/**
 * The editorial lists and the history: 审核队列 (articles in review, oldest first to read),
 * 定时发布 (scheduled articles and their times), and 修订历史 (every saved revision and step of an
 * article, with a word-level diff between any two revisions).
 */
import { useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { dateTime } from '../../shared/date.ts';
import { Link, useLocation } from '../../shared/router.tsx';
import { useAsync } from '../../shared/useAsync.ts';
import { Loadable } from '../components/Loadable.tsx';
import { TableFoot } from '../components/TableFoot.tsx';
import { type ArticlePage, type ArticleState, listArticles } from '../consoleApi.ts';
import { getDiff, getHistory, type History } from '../editorialApi.ts';
import { useMorePages } from '../useMorePages.ts';
import './editorial.css';

export function ReviewQueuePage() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" className="page-title">
        {t('console.nav.review')}
      </h1>
      <p className="lead">{t('editorial.reviewIntro')}</p>
      <StateList status="in_review" />
    </section>
  );
}

export function ScheduledPage() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" className="page-title">
        {t('console.nav.scheduled')}
      </h1>
      <p className="lead">{t('editorial.scheduledIntro')}</p>
      <StateList status="scheduled" />
    </section>
  );
}

function StateList({ status }: { status: ArticleState }) {
  const first = useAsync(`editorial-list:${status}`, (signal) => listArticles({ status }, signal));
  return <Loadable state={first}>{(page) => <StateRows first={page} status={status} />}</Loadable>;
}

function StateRows({ first, status }: { first: ArticlePage; status: ArticleState }) {
  const { t, lang } = useI18n();
  const { items, cursor, loading, error, loadMore } = useMorePages(first, (before) =>
    listArticles({ status, before }),
  );
  if (items.length === 0) return <p className="muted">{t('console.articles.empty')}</p>;
  const rows =
    status === 'scheduled'
      ? [...items].sort((a, b) => (a.publishAt ?? '').localeCompare(b.publishAt ?? ''))
      : items;
  return (
    <>
      <div className="table-wrap">
        <table className="table" data-testid={`${status}-table`}>
          <thead>
            <tr>
              <th scope="col">{t('console.articles.id')}</th>
              <th scope="col">{t('console.articles.title')}</th>
              <th scope="col">{status === 'scheduled' ? t('editor.publishAt') : t('editorial.review')}</th>
              <th scope="col">{t('console.articles.updatedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.id}>
                <td className="num">{a.id}</td>
                <td className="title-cell">
                  <Link to={`/console/articles/edit?id=${a.id}`}>{a.title}</Link>
                </td>
                <td className="nowrap">
                  {status === 'scheduled'
                    ? a.publishAt && dateTime(a.publishAt, lang)
                    : a.approved
                      ? t('editor.approved')
                      : t('editor.awaiting')}
                </td>
                <td className="nowrap">{dateTime(a.updatedAt, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <TableFoot
        shown={t('console.articles.shown', { n: items.length })}
        moreLabel={t('console.articles.more')}
        cursor={cursor}
        loading={loading}
        error={error}
        onMore={loadMore}
      />
    </>
  );
}

export function ArticleHistoryPage() {
  const { t } = useI18n();
  const { search } = useLocation();
  const id = Number(search.get('id'));
  const history = useAsync(`history:${id}`, (signal) => getHistory(id, signal));
  return (
    <section aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title" className="page-title">
          {t('editorial.historyTitle', { id })}
        </h1>
        <Link to={`/console/articles/edit?id=${id}`} className="button button-small">
          {t('editorial.backToEditor')}
        </Link>
      </div>
      <Loadable state={history}>{(h) => <HistoryView id={id} history={h} />}</Loadable>
    </section>
  );
}

function HistoryView({ id, history }: { id: number; history: History }) {
  const { t, lang } = useI18n();
  // By default the last two saved revisions (articles seeded without the editor may have fewer).
  const last = history.revisions.at(-1)?.revision ?? 0;
  const [from, setFrom] = useState(history.revisions.at(-2)?.revision ?? last);
  const [to, setTo] = useState(last);
  const field = (f: string) => t(`editorial.field.${f}` as 'editorial.field.title');
  return (
    <div className="history-layout">
      <div>
        <h2>{t('editorial.revisions')}</h2>
        <div className="table-wrap">
          <table className="table" data-testid="revisions-table">
            <thead>
              <tr>
                <th scope="col">{t('editor.revision')}</th>
                <th scope="col">{t('editorial.by')}</th>
                <th scope="col">{t('editorial.at')}</th>
                <th scope="col">{t('editorial.changed')}</th>
                <th scope="col">{t('editorial.compareFrom')}</th>
                <th scope="col">{t('editorial.compareTo')}</th>
              </tr>
            </thead>
            <tbody>
              {history.revisions.map((r) => (
                <tr key={r.revision}>
                  <td className="num">{r.revision}</td>
                  <td>{r.by?.name ?? '—'}</td>
                  <td className="nowrap">{dateTime(r.at, lang)}</td>
                  <td>{r.changed.map(field).join('、')}</td>
                  <td>
                    <input
                      type="radio"
                      name="diff-from"
                      aria-label={t('editorial.compareFromN', { n: r.revision })}
                      checked={from === r.revision}
                      onChange={() => setFrom(r.revision)}
                    />
                  </td>
                  <td>
                    <input
                      type="radio"
                      name="diff-to"
                      aria-label={t('editorial.compareToN', { n: r.revision })}
                      checked={to === r.revision}
                      onChange={() => setTo(r.revision)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {history.revisions.length > 1 && (
          <>
            <h2>{t('editorial.diffTitle', { from, to })}</h2>
            <DiffView id={id} from={from} to={to} />
          </>
        )}
      </div>
      <div>
        <h2>{t('editorial.steps')}</h2>
        {history.events.length === 0 ? (
          <p className="muted">{t('editorial.noSteps')}</p>
        ) : (
          <ol className="history-steps">
            {history.events.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the list is append-only and never reordered
              <li key={i}>
                <strong>{t(`editor.step.${e.action}`)}</strong> · {e.by?.name ?? t('editorial.job')} ·{' '}
                <span className="muted">{dateTime(e.at, lang)}</span> · {t('editor.revision')} {e.revision}
                {e.publishAt && <> · {dateTime(e.publishAt, lang)}</>}
                {e.note && <blockquote>{e.note}</blockquote>}
              </li>
            ))}
          </ol>
        )}
      </div>
    </div>
  );
}

function DiffView({ id, from, to }: { id: number; from: number; to: number }) {
  const { t } = useI18n();
  const diff = useAsync(`diff:${id}:${from}:${to}`, (signal) => getDiff(id, from, to, signal));
  return (
    <Loadable state={diff}>
      {(d) =>
        d.fields.length === 0 ? (
          <p className="muted">{t('editorial.noChanges')}</p>
        ) : (
          <div data-testid="diff">
            {d.fields.map((f) => (
              <div key={f.field} className="diff-field">
                <h3>{t(`editorial.field.${f.field}` as 'editorial.field.title')}</h3>
                <p className="diff-text">
                  {f.parts.map((p, i) =>
                    p.added ? (
                      // biome-ignore lint/suspicious/noArrayIndexKey: parts are a fixed sequence
                      <ins key={i}>{p.value}</ins>
                    ) : p.removed ? (
                      // biome-ignore lint/suspicious/noArrayIndexKey: parts are a fixed sequence
                      <del key={i}>{p.value}</del>
                    ) : (
                      // biome-ignore lint/suspicious/noArrayIndexKey: parts are a fixed sequence
                      <span key={i}>{p.value}</span>
                    ),
                  )}
                </p>
              </div>
            ))}
          </div>
        )
      }
    </Loadable>
  );
}
