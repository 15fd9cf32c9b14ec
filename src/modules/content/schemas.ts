/** Wire shapes of the content API. */
import { z } from 'zod';

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

export const Lang = z.enum(['zh-CN', 'en']).default('zh-CN');

export const FeedItem = z.object({
  id: z.number().int(),
  title: z.string(),
  summary: z.string(),
  coverUrl: z.string().nullable(),
  column: z.string(),
  tags: z.array(z.string()),
  language: z.string(),
  publishedAt: z.string(),
  reason: z.string().optional(),
});

export const FeedQuery = z.object({
  column: z.string().min(1).max(40).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
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
  counts: z.object({
    views: z.number().int(),
    comments: z.number().int(),
    favorites: z.number().int(),
    shares: z.number().int(),
  }),
});
export type ArticleT = z.infer<typeof Article>;
export type FeedItemT = z.infer<typeof FeedItem>;
