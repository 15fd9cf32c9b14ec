/** Wire shapes of search. */
import { z } from 'zod';
import { FeedItem, Lang } from '../content/schemas.ts';

const dateParam = (name: string) =>
  z
    .string()
    .max(40)
    .refine(
      (s) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s)),
      {
        message: `expected ${name} as a date (YYYY-MM-DD) or an ISO date-time`,
      },
    )
    .transform((s) => new Date(s));

export const SearchQuery = z
  .object({
    q: z.string().trim().min(1, { message: 'expected something to search for' }).max(100),
    column: z.string().min(1).max(40).optional(),
    tag: z.string().min(1).max(60).optional(),
    from: dateParam('from').optional(),
    to: dateParam('to').optional(),
    cursor: z.string().max(300).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .refine((v) => !v.from || !v.to || v.from < v.to, { message: 'expected from before to', path: ['to'] });

export const SearchItem = FeedItem.extend({
  highlight: z.object({
    title: z.string().describe('the title, HTML-escaped, with matched words in <mark>'),
    summary: z.string().describe('the summary, HTML-escaped, with matched words in <mark>'),
  }),
});

export const SearchPage = z.object({ items: z.array(SearchItem), nextCursor: z.string().nullable() });

export const SuggestQuery = z.object({
  q: z.string().trim().min(1).max(40),
  lang: Lang,
});

export const Suggestions = z.object({
  items: z.array(
    z.object({ kind: z.enum(['title', 'tag', 'brand', 'series']), id: z.string(), text: z.string() }),
  ),
});

export const HistoryList = z.object({
  items: z.array(z.object({ id: z.number().int(), query: z.string(), createdAt: z.string() })),
});

export const HistoryParams = z.object({
  id: z.coerce
    .number({ message: 'expected an entry id' })
    .int({ message: 'expected an entry id' })
    .positive({ message: 'expected an entry id' })
    .max(Number.MAX_SAFE_INTEGER),
});
