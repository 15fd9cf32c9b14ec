import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { dateTime } from '../../shared/date.ts';
import { goBack, Link } from '../../shared/router.tsx';
import { useAsync } from '../../shared/useAsync.ts';
import { useTitle } from '../../shared/useTitle.ts';
import { ArticleActions } from '../components/ArticleActions.tsx';
import { ArticleSeries } from '../components/ArticleSeries.tsx';
import { Comments } from '../components/Comments.tsx';
import { BackIcon } from '../components/icons.tsx';
import { ArticleSkeleton } from '../components/Skeleton.tsx';
import { EmptyState, ErrorState } from '../components/States.tsx';
import { type Article, getArticle } from '../content.ts';
import { type Reference, useReference } from '../reference.tsx';
import { entityPath } from '../taxonomy.ts';

/** Codes for which there is no article to show: gone, unpublished, or an id that cannot exist. */
const NOT_FOUND = new Set(['article.not_found', 'validation.failed']);

export function ArticlePage({ id }: { id: number }) {
  const { t } = useI18n();
  const { reference } = useReference();
  const article = useAsync(`article:${id}`, (signal) => getArticle(id, signal));
  useTitle(article.status === 'ready' ? `${article.data.title} · CCM` : undefined);

  let body: ReactNode;
  if (article.status === 'loading') body = <ArticleSkeleton label={t('feed.loading')} />;
  else if (article.status === 'error' && NOT_FOUND.has(article.error.code)) {
    body = (
      <EmptyState title={t('article.notFound.title')} body={t('article.notFound.body')}>
        <Link to="/" className="button">
          {t('article.backHome')}
        </Link>
      </EmptyState>
    );
  } else if (article.status === 'error') body = <ErrorState error={article.error} onRetry={article.reload} />;
  else body = <ArticleView article={article.data} reference={reference} />;

  return (
    <div className="article-page">
      <a
        className="back-link"
        href="/"
        onClick={(e) => {
          e.preventDefault();
          goBack('/');
        }}
      >
        <BackIcon />
        {t('article.back')}
      </a>
      {body}
      {article.status === 'ready' && <Comments articleId={id} count={article.data.counts.comments} />}
    </div>
  );
}

function ArticleView({ article, reference }: { article: Article; reference: Reference | undefined }) {
  const { t, lang } = useI18n();
  const name = (f: ((id: string) => string) | undefined, id: string) => (f ? f(id) : id);
  return (
    <article className="article" lang={article.language}>
      <Link to={`/?column=${encodeURIComponent(article.column)}`} className="chip chip-column">
        {name(reference?.columnName, article.column)}
      </Link>
      <h1>{article.title}</h1>
      <p className="byline">
        <span>{t('article.source', { source: article.source })}</span>
        {article.author && <span>{t('article.author', { name: article.author.name })}</span>}
        <time dateTime={article.publishedAt}>{dateTime(article.publishedAt, lang)}</time>
      </p>
      {article.coverUrl && <img className="article-cover" src={article.coverUrl} alt="" />}
      {/* The body is sanitised by the server (allow-listed tags and attributes) before it is stored. */}
      <div
        className="article-body"
        data-testid="article-body"
        // biome-ignore lint/security/noDangerouslySetInnerHtml: server-sanitised article HTML
        dangerouslySetInnerHTML={{ __html: article.body }}
      />
      {article.tags.length > 0 && (
        <section className="article-links" aria-label={t('article.tags')}>
          <h2>{t('article.tags')}</h2>
          <ul className="chips">
            {article.tags.map((tag) => (
              <li key={tag} className="chip">
                <Link to={entityPath('tag', tag)}>{name(reference?.tagName, tag)}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      {article.brands.length > 0 && (
        <section className="article-links" aria-label={t('article.brands')}>
          <h2>{t('article.brands')}</h2>
          <ul className="chips">
            {article.brands.map((brand) => (
              <li key={brand} className="chip chip-brand">
                <Link to={entityPath('brand', brand)}>{name(reference?.brandName, brand)}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <ArticleActions article={article} />
      <ArticleSeries ids={article.series ?? []} />
      {article.counts.views > 0 && (
        <p className="article-stats">{t('article.views', { n: article.counts.views })}</p>
      )}
    </article>
  );
}
