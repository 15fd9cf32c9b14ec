/**
 * Search tables: the index of published articles (a derived copy, rebuilt by `npm run search --
 * reindex`) and the server-side query log, kept only for members who consent to personalisation.
 */
import { bigint, customType, index, text, timestamp } from 'drizzle-orm/pg-core';
import { ccmTable, notPersonal, personal, RETAIN } from '../../platform/personal-data.ts';
import { users } from '../accounts/tables.ts';
import { articles } from '../content/tables.ts';

/** tsvector values are built in Node (segmented by jieba) and sent as their text form. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const articleSearch = ccmTable(
  'article_search',
  {
    articleId: bigint('article_id', { mode: 'number' })
      .primaryKey()
      .references(() => articles.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    coverUrl: text('cover_url'),
    columnId: text('column_id').notNull(),
    language: text('language').notNull(),
    tagIds: text('tag_ids').array().notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    /** Title (weight A), tags and brands (B), summary (C), body (D). */
    document: tsvector('document').notNull(),
    /** The title alone: its own GIN index finds title hits without reading documents. */
    titleTerms: tsvector('title_terms').notNull(),
    /** Filter keys `c:<column>`, `t:<tag>`, `b:<brand>`, matched with `@>` on a GIN index. */
    facets: text('facets').array().notNull(),
  },
  {
    columns: {
      articleId: notPersonal(),
      title: notPersonal('editorial content'),
      summary: notPersonal('editorial content'),
      coverUrl: notPersonal(),
      columnId: notPersonal(),
      language: notPersonal(),
      tagIds: notPersonal(),
      publishedAt: notPersonal(),
      document: notPersonal('segmented editorial content'),
      titleTerms: notPersonal('segmented editorial content'),
      facets: notPersonal(),
    },
  },
  (t) => [
    index('article_search_document_idx').using('gin', t.document),
    index('article_search_title_idx').using('gin', t.titleTerms),
    index('article_search_facets_idx').using('gin', t.facets),
    index('article_search_recent_idx').on(t.publishedAt.desc(), t.articleId.desc()),
  ],
);

const searchLog = personal({
  category: 'behaviour.search',
  purposes: ['personalization'],
  legalBasis: 'consent',
  sensitive: false,
  retention: RETAIN.days(90, 'created'),
  erasure: { action: 'delete' },
  note: 'kept only while the member consents to personalised recommendations',
});

export const searchQueries = ccmTable(
  'search_queries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    query: text('query').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  {
    subject: 'userId',
    columns: {
      id: notPersonal(),
      userId: notPersonal('link to the data subject'),
      query: searchLog,
      createdAt: searchLog,
    },
  },
  (t) => [index('search_queries_user_idx').on(t.userId, t.createdAt.desc())],
);
