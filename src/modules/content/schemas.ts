/** Wire shapes of the content API. */
import { z } from 'zod';
import { PROVINCE_IDS } from '../location/regions.ts';

export const ColumnOut = z.object({
  id: z.string(),
  name: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
});
export const TagOut = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
});
export const BrandOut = z.object({
  id: z.string(),
  name: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  country: z.string(),
});

export const SeriesOut = z.object({
  id: z.string(),
  brandId: z.string(),
  classTagId: z.string(),
  name: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
});

/** Taxonomy ids are slugs: lower-case letters, digits and hyphens, starting with a letter or digit. */
export const TaxonomyId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, {
  message: 'expected an id of lower-case letters, digits and hyphens (at most 40)',
});

export const Lang = z.enum(['zh-CN', 'en']).default('zh-CN');

/**
 * Why an item stands where it does, when the feed says so: every item of a personalised feed, and
 * the regional lead of `GET /feed?region=` (kind 'region' with the province id). General items
 * have none.
 */
export const FeedWhy = z.object({
  kind: z.enum(['follow', 'interest', 'hot', 'fresh', 'explore', 'pinned', 'region']),
  region: z.string().optional(),
  entity: z
    .object({ kind: z.enum(['tag', 'brand', 'column', 'author']), id: z.string(), name: z.string() })
    .optional(),
});

export const FeedItem = z.object({
  id: z.number().int(),
  title: z.string(),
  summary: z.string(),
  coverUrl: z.string().nullable(),
  column: z.string(),
  tags: z.array(z.string()),
  language: z.string(),
  publishedAt: z.string(),
  /** Personalised feed only: why this item is shown, as a short phrase in the requested language. */
  reason: z.string().optional(),
  /** The same reason as data: its kind and the followed or matching entity, if any. */
  why: FeedWhy.optional(),
  pinned: z.boolean().optional().describe('true when editors pinned it to the top of the column'),
});

export const FeedQuery = z
  .object({
    sort: z
      .enum(['hot', 'new'])
      .default('hot')
      .describe('hot: freshness and engagement with time decay (the default); new: newest first'),
    column: z.string().min(1).max(40).optional(),
    tag: TaxonomyId.optional(),
    brand: TaxonomyId.optional(),
    series: TaxonomyId.optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
    lang: Lang.describe('language of the personalised reasons'),
    region: z
      .enum(PROVINCE_IDS, { message: 'expected a province id of GET /regions' })
      .optional()
      .describe(
        'a province: the first page leads with up to 3 regional news, events and used-equipment items',
      ),
  })
  .superRefine((q, ctx) => {
    // One filter at a time: each walks an index of its own, so its pages stay cheap at any depth.
    const given = (['column', 'tag', 'brand', 'series'] as const).filter((k) => q[k] !== undefined);
    if (given.length > 1)
      ctx.addIssue({
        code: 'custom',
        path: [given[1]],
        message: `filter by one of column, tag, brand or series at a time (got ${given.join(', ')})`,
      });
  });

export const Feed = z.object({
  items: z.array(FeedItem),
  nextCursor: z.string().nullable(),
  personalized: z.boolean(),
});

export const ArticleParams = z.object({
  id: z.coerce
    .number({ message: 'expected an article id (a positive whole number)' })
    .int({ message: 'expected an article id (a positive whole number)' })
    .positive({ message: 'expected an article id (a positive whole number)' })
    .max(Number.MAX_SAFE_INTEGER),
});

export const Article = FeedItem.extend({
  body: z.string(),
  source: z.string(),
  author: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  brands: z.array(z.string()),
  series: z.array(z.string()),
  counts: z.object({
    views: z.number().int(),
    comments: z.number().int(),
    favorites: z.number().int(),
    shares: z.number().int(),
  }),
});
export type ArticleT = z.infer<typeof Article>;
export type FeedItemT = z.infer<typeof FeedItem>;
export type FeedWhyT = z.infer<typeof FeedWhy>;

// Console: the taxonomy editor.
const Name = z
  .string()
  .trim()
  .min(1, { message: 'expected a name' })
  .max(60, { message: 'at most 60 characters' });
const Position = z.number().int().min(0).max(100_000);
const Country = z.string().regex(/^[A-Z]{2}$/, { message: 'expected a two-letter country code (ISO 3166)' });

export const TaxonomyIdParams = z.object({ id: TaxonomyId });
export const ColumnIn = z.object({
  id: TaxonomyId,
  nameZh: Name,
  nameEn: Name,
  position: Position.optional(),
});
export const TagIn = ColumnIn.extend({ parentId: TaxonomyId.nullable().default(null) });
export const BrandIn = ColumnIn.extend({ country: Country });
export const SeriesIn = ColumnIn.extend({ brandId: TaxonomyId, classTagId: TaxonomyId });
const namesPatch = { nameZh: Name.optional(), nameEn: Name.optional(), position: Position.optional() };
export const ColumnPatch = z.object(namesPatch).strict();
export const TagPatch = z.object({ ...namesPatch, parentId: TaxonomyId.nullable().optional() }).strict();
export const BrandPatch = z.object({ ...namesPatch, country: Country.optional() }).strict();
export const SeriesPatch = z
  .object({ ...namesPatch, brandId: TaxonomyId.optional(), classTagId: TaxonomyId.optional() })
  .strict();
export const OrderIn = z.object({
  ids: z
    .array(TaxonomyId)
    .min(1)
    .max(500)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'ids must not repeat' }),
});

const Entry = z.object({
  id: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  position: z.number().int(),
});
export const ColumnEntry = Entry;
export const TagEntry = Entry.extend({ parentId: z.string().nullable() });
export const BrandEntry = Entry.extend({ country: z.string() });
export const SeriesEntry = Entry.extend({ brandId: z.string(), classTagId: z.string() });
export const TaxonomyOut = z.object({
  columns: z.array(ColumnEntry),
  tags: z.array(TagEntry),
  brands: z.array(BrandEntry),
  series: z.array(SeriesEntry),
});
export const ArticleSeriesIn = z.object({ series: z.array(TaxonomyId).max(20) });
