/** Wire shapes of favourites, shares, follows, behaviour records and browsing history. */
import { z } from 'zod';
import { ArticleParams, FeedItem, Lang } from '../content/schemas.ts';
import { CLICK_SOURCES, FOLLOW_KINDS, SHARE_CHANNELS } from './tables.ts';

export { ArticleParams };

export const FavoriteParams = z.object({
  articleId: ArticleParams.shape.id,
});

export const PageQuery = z.object({
  cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const FavoriteItem = FeedItem.extend({ favoritedAt: z.string() });
export const FavoritePage = z.object({ items: z.array(FavoriteItem), nextCursor: z.string().nullable() });
export const FavoriteState = z.object({
  articleId: z.number().int(),
  favorited: z.literal(true),
  favoritedAt: z.string(),
});

export const HistoryItem = FeedItem.extend({
  lastViewedAt: z.string(),
  views: z.number().int(),
});
export const HistoryPage = z.object({ items: z.array(HistoryItem), nextCursor: z.string().nullable() });

export const ShareBody = z.object({ channel: z.enum(SHARE_CHANNELS) });
export const ShareOut = z.object({ url: z.string().describe('the article’s stable public address') });

export const FollowKind = z.enum(FOLLOW_KINDS);
export const FollowParams = z.object({
  kind: FollowKind,
  id: z
    .string()
    .min(1)
    .max(60)
    .regex(/^[\w.-]+$/, { message: 'expected an id of letters, digits, - _ .' }),
});
export const FollowOut = z.object({
  kind: FollowKind,
  id: z.string(),
  name: z.string().describe('display name in the requested language; the id when the entity is gone'),
  followedAt: z.string(),
});
export const FollowList = z.object({ items: z.array(FollowOut) });
export const LangQuery = z.object({ lang: Lang });

export const ArticleActions = z.object({
  favorited: z.boolean(),
  targets: z.array(z.object({ kind: FollowKind, id: z.string(), name: z.string(), following: z.boolean() })),
});

export const ViewBody = z.object({
  dwellMs: z
    .number()
    .int()
    .min(0)
    .max(24 * 3_600_000)
    .optional()
    .describe('time spent reading, in milliseconds (at most a day)'),
  source: z.enum(CLICK_SOURCES).optional(),
});

export const ClickEvent = z.object({
  type: z.literal('click'),
  articleId: ArticleParams.shape.id,
  source: z.enum(CLICK_SOURCES),
  position: z.number().int().min(0).max(10_000).optional(),
});
export const EventsBody = z.object({ events: z.array(ClickEvent).min(1).max(50) });
export const EventsOut = z.object({ recorded: z.number().int() });
