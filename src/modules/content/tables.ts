/** Content tables: columns (information types), industry tags, brands and articles. */
import { sql } from 'drizzle-orm';
import { bigint, doublePrecision, index, integer, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { ccmTable, notPersonal, personal, RETAIN } from '../../platform/personal-data.ts';
import { staffUsers } from '../staff/tables.ts';

export const columns = ccmTable(
  'columns',
  {
    id: text('id').primaryKey(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    position: integer('position').notNull().default(0),
  },
  { columns: { id: notPersonal(), nameZh: notPersonal(), nameEn: notPersonal(), position: notPersonal() } },
);

export const tags = ccmTable(
  'tags',
  {
    id: text('id').primaryKey(),
    parentId: text('parent_id'),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    position: integer('position').notNull().default(0),
  },
  {
    columns: {
      id: notPersonal(),
      parentId: notPersonal('parent machine class of a subdivision'),
      nameZh: notPersonal(),
      nameEn: notPersonal(),
      position: notPersonal(),
    },
  },
);

export const brands = ccmTable(
  'brands',
  {
    id: text('id').primaryKey(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    country: text('country').notNull(),
    position: integer('position').notNull().default(0),
  },
  {
    columns: {
      id: notPersonal(),
      nameZh: notPersonal(),
      nameEn: notPersonal(),
      country: notPersonal('the manufacturer’s home country'),
      position: notPersonal(),
    },
  },
);

export const ARTICLE_STATES = ['draft', 'in_review', 'scheduled', 'published', 'archived'] as const;

export const articles = ccmTable(
  'articles',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    body: text('body').notNull(),
    coverUrl: text('cover_url'),
    columnId: text('column_id')
      .notNull()
      .references(() => columns.id),
    authorId: bigint('author_id', { mode: 'number' }).references(() => staffUsers.id, {
      onDelete: 'set null',
    }),
    source: text('source').notNull(),
    language: text('language').notNull().default('zh-CN'),
    status: text('status', { enum: ARTICLE_STATES }).notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    viewCount: integer('view_count').notNull().default(0),
    commentCount: integer('comment_count').notNull().default(0),
    favoriteCount: integer('favorite_count').notNull().default(0),
    shareCount: integer('share_count').notNull().default(0),
    /** Bumped by every saved edit; a save names the revision it started from (optimistic concurrency). */
    revision: integer('revision').notNull().default(1),
    /** The revision a reviewer approved; approval holds only while it equals `revision`. */
    approvedRevision: integer('approved_revision'),
    /** When a scheduled article goes live (the publish job); null unless scheduled. */
    publishAt: timestamp('publish_at', { withTimezone: true }),
    /**
     * The general feed's ranking key, kept by the `articles_hot_score` trigger from the publication
     * time and the counters (formula in `hot-score.ts`); never written by the application.
     */
    hotScore: doublePrecision('hot_score'),
    /** The province the article is about (location/regions.ts ids), for regional content first. */
    region: text('region'),
    /** A city of that province, when the article is about one place. */
    city: text('city'),
  },
  {
    columns: {
      id: notPersonal(),
      title: notPersonal('editorial content'),
      summary: notPersonal('editorial content'),
      body: notPersonal('editorial content'),
      coverUrl: notPersonal(),
      columnId: notPersonal(),
      authorId: notPersonal('the byline links to a staff account; staff identity is declared there'),
      source: notPersonal(),
      language: notPersonal(),
      status: notPersonal(),
      publishedAt: notPersonal(),
      createdAt: notPersonal(),
      updatedAt: notPersonal(),
      viewCount: notPersonal('aggregate, not linked to any person'),
      commentCount: notPersonal('aggregate'),
      favoriteCount: notPersonal('aggregate'),
      shareCount: notPersonal('aggregate'),
      revision: notPersonal(),
      approvedRevision: notPersonal('who approved is kept in article_events'),
      publishAt: notPersonal(),
      hotScore: notPersonal('derived from the publication time and the aggregate counters'),
      region: notPersonal('where the news, event or listing is, set by the editors'),
      city: notPersonal('where the news, event or listing is, set by the editors'),
    },
  },
  (t) => [
    index('articles_published_feed_idx')
      .on(t.publishedAt.desc(), t.id.desc())
      .where(sql`${t.status} = 'published'`),
    index('articles_column_feed_idx')
      .on(t.columnId, t.publishedAt.desc(), t.id.desc())
      .where(sql`${t.status} = 'published'`),
    index('articles_scheduled_idx').on(t.publishAt).where(sql`${t.status} = 'scheduled'`),
    // The following feed reads each followed author's newest articles (engagement module).
    index('articles_author_feed_idx')
      .on(t.authorId, t.publishedAt.desc(), t.id.desc())
      .where(sql`${t.status} = 'published'`),
    index('articles_hot_feed_idx')
      .on(t.hotScore.desc().nullsLast(), t.id.desc().nullsLast())
      .where(sql`${t.status} = 'published'`),
    index('articles_column_hot_feed_idx')
      .on(t.columnId, t.hotScore.desc().nullsLast(), t.id.desc().nullsLast())
      .where(sql`${t.status} = 'published'`),
    // The regional lead of the feed: one region's published articles, hot or newest first.
    index('articles_region_hot_idx')
      .on(t.region, t.hotScore.desc().nullsLast(), t.id.desc().nullsLast())
      .where(sql`${t.status} = 'published' AND ${t.region} IS NOT NULL`),
    index('articles_region_new_idx')
      .on(t.region, t.publishedAt.desc(), t.id.desc())
      .where(sql`${t.status} = 'published' AND ${t.region} IS NOT NULL`),
  ],
);

/**
 * The sort keys of a link row's article, copied by triggers while the article is published and
 * NULL otherwise, so a feed filtered by tag, brand or series walks one index of the link table.
 */
const feedKeys = () => ({
  hotScore: doublePrecision('hot_score'),
  publishedAt: timestamp('published_at', { withTimezone: true }),
});
const feedKeyNotes = {
  hotScore: notPersonal('copy of the article’s hot score while it is published'),
  publishedAt: notPersonal('copy of the article’s publication time while it is published'),
};

export const articleTags = ccmTable(
  'article_tags',
  {
    articleId: bigint('article_id', { mode: 'number' })
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    tagId: text('tag_id')
      .notNull()
      .references(() => tags.id),
    ...feedKeys(),
  },
  { columns: { articleId: notPersonal(), tagId: notPersonal(), ...feedKeyNotes } },
  (t) => [
    primaryKey({ columns: [t.articleId, t.tagId] }),
    index('article_tags_tag_idx').on(t.tagId),
    index('article_tags_hot_feed_idx')
      .on(t.tagId, t.hotScore.desc().nullsLast(), t.articleId.desc().nullsLast())
      .where(sql`${t.hotScore} IS NOT NULL`),
    index('article_tags_new_feed_idx')
      .on(t.tagId, t.publishedAt.desc().nullsLast(), t.articleId.desc().nullsLast())
      .where(sql`${t.publishedAt} IS NOT NULL`),
  ],
);

export const articleBrands = ccmTable(
  'article_brands',
  {
    articleId: bigint('article_id', { mode: 'number' })
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    brandId: text('brand_id')
      .notNull()
      .references(() => brands.id),
    ...feedKeys(),
  },
  { columns: { articleId: notPersonal(), brandId: notPersonal(), ...feedKeyNotes } },
  (t) => [
    primaryKey({ columns: [t.articleId, t.brandId] }),
    index('article_brands_brand_idx').on(t.brandId),
    index('article_brands_hot_feed_idx')
      .on(t.brandId, t.hotScore.desc().nullsLast(), t.articleId.desc().nullsLast())
      .where(sql`${t.hotScore} IS NOT NULL`),
    index('article_brands_new_feed_idx')
      .on(t.brandId, t.publishedAt.desc().nullsLast(), t.articleId.desc().nullsLast())
      .where(sql`${t.publishedAt} IS NOT NULL`),
  ],
);

/** Model series of a brand within a machine class (e.g. a brand’s 21-tonne excavators). */
export const modelSeries = ccmTable(
  'model_series',
  {
    id: text('id').primaryKey(),
    brandId: text('brand_id')
      .notNull()
      .references(() => brands.id),
    classTagId: text('class_tag_id')
      .notNull()
      .references(() => tags.id),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    position: integer('position').notNull().default(0),
  },
  {
    columns: {
      id: notPersonal(),
      brandId: notPersonal(),
      classTagId: notPersonal('the machine class (a top-level tag) the series belongs to'),
      nameZh: notPersonal(),
      nameEn: notPersonal(),
      position: notPersonal(),
    },
  },
  (t) => [index('model_series_brand_idx').on(t.brandId, t.position)],
);

export const articleSeries = ccmTable(
  'article_series',
  {
    articleId: bigint('article_id', { mode: 'number' })
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    seriesId: text('series_id')
      .notNull()
      .references(() => modelSeries.id),
    ...feedKeys(),
  },
  { columns: { articleId: notPersonal(), seriesId: notPersonal(), ...feedKeyNotes } },
  (t) => [
    primaryKey({ columns: [t.articleId, t.seriesId] }),
    index('article_series_hot_feed_idx')
      .on(t.seriesId, t.hotScore.desc().nullsLast(), t.articleId.desc().nullsLast())
      .where(sql`${t.hotScore} IS NOT NULL`),
    index('article_series_new_feed_idx')
      .on(t.seriesId, t.publishedAt.desc().nullsLast(), t.articleId.desc().nullsLast())
      .where(sql`${t.publishedAt} IS NOT NULL`),
  ],
);

/** Who pinned or changed a pin: the staff account, kept while it exists, then anonymised (set null). */
const pinActor = (note: string) =>
  personal({
    category: 'staff.identity',
    purposes: ['staff-administration'],
    legalBasis: 'employment',
    sensitive: false,
    retention: RETAIN.accountLifetime,
    erasure: { action: 'anonymise' },
    note,
  });

/**
 * Editors' pins: published articles shown first, in `position` order, on the first page of a
 * column's general feed (content/pins.ts). A pin whose article is no longer published, or whose
 * `expires_at` has passed, is simply not shown.
 */
export const columnPins = ccmTable(
  'column_pins',
  {
    columnId: text('column_id')
      .notNull()
      .references(() => columns.id),
    articleId: bigint('article_id', { mode: 'number' })
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    pinnedBy: bigint('pinned_by', { mode: 'number' }).references(() => staffUsers.id, {
      onDelete: 'set null',
    }),
    pinnedAt: timestamp('pinned_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  {
    subject: 'pinnedBy',
    subjectKind: 'staff',
    columns: {
      columnId: notPersonal(),
      articleId: notPersonal(),
      position: notPersonal(),
      pinnedBy: pinActor('the editor who pinned the article'),
      pinnedAt: notPersonal(),
      expiresAt: notPersonal(),
    },
  },
  (t) => [
    primaryKey({ columns: [t.columnId, t.articleId] }),
    index('column_pins_order_idx').on(t.columnId, t.position),
  ],
);

export const PIN_ACTIONS = ['pin', 'unpin', 'reorder'] as const;
export type PinAction = (typeof PIN_ACTIONS)[number];

/** Every pin change: who, which column and article, what, when. No foreign keys: it outlives both. */
export const columnPinEvents = ccmTable(
  'column_pin_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    columnId: text('column_id').notNull(),
    /** Null for a reorder (it concerns the whole column; `order` holds the new order). */
    articleId: bigint('article_id', { mode: 'number' }),
    action: text('action', { enum: PIN_ACTIONS }).notNull(),
    /** The article ids of the column's pins after the change, in order. */
    order: bigint('order', { mode: 'number' }).array().notNull(),
    staffId: bigint('staff_id', { mode: 'number' }).references(() => staffUsers.id, { onDelete: 'set null' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  {
    subject: 'staffId',
    subjectKind: 'staff',
    columns: {
      id: notPersonal(),
      columnId: notPersonal(),
      articleId: notPersonal(),
      action: notPersonal(),
      order: notPersonal(),
      staffId: pinActor('the editor who changed the pins'),
      at: notPersonal(),
    },
  },
  (t) => [index('column_pin_events_column_idx').on(t.columnId, t.id)],
);
