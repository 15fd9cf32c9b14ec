/** Wire shapes of the member's interest profile. */
import { z } from 'zod';
import { ArticleParams, Lang } from '../content/schemas.ts';
import { INTEREST_KINDS, INTEREST_SOURCES } from './tables.ts';

export { ArticleParams };

export const InterestSource = z
  .enum(INTEREST_SOURCES)
  .describe('registration: a tag chosen at sign-up; otherwise the recorded behaviour');

export const Contribution = z.object({
  source: InterestSource,
  at: z.string().nullable().describe('when the behaviour happened; null for chosen tags'),
  delta: z.number().describe('what it adds to the weight today, after decay'),
  articleId: z.number().int().optional(),
});

export const Interest = z.object({
  tag: z.string().describe('the key to delete it with: a tag id, or kind:id for other kinds'),
  kind: z.enum(INTEREST_KINDS),
  id: z.string(),
  name: z.string().describe('display name in the requested language; the id when the entity is gone'),
  weight: z.number().describe('negative pushes down'),
  source: InterestSource.describe('the largest contribution'),
  sources: z.array(Contribution).describe('the largest contributions, capped'),
  reinforcedAt: z.string().nullable(),
});
export const InterestList = z.array(Interest);

export const InterestQuery = z.object({ lang: Lang });
export const InterestParams = z.object({ tag: z.string().min(1).max(80) });
export const ClearQuery = z.object({
  behaviour: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('also delete the browsing history and click records behind the profile'),
});
export const NotInterestedOut = z.object({
  recorded: z.boolean().describe('false without personalisation consent: nothing was kept'),
});
