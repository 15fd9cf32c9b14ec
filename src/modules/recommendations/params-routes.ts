/**
 * Console: the recommendation parameters. Every console role may read them and their change log
 * (the algorithm is meant to be visible); only admins change or reset them, with a reason.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { problemResponses } from '../../platform/openapi.ts';
import { FeedWhy, Lang, TaxonomyId } from '../content/schemas.ts';
import { unknownTaxonomy } from '../content/service.ts';
import { requireStaff } from '../staff/guard.ts';
import { explainFeed } from './feed.ts';
import { INTEREST_PARAMS } from './interests.ts';
import { changeRankingParams, RankingParamsSchema, rankingParamsView } from './params.ts';

const security = [{ staffSession: [] }];
const tags = ['console'];

const Reason = z
  .string()
  .trim()
  .min(5, { message: 'say why, in at least 5 characters' })
  .max(500, { message: 'at most 500 characters' });
const Version = z
  .number()
  .int()
  .min(0)
  .optional()
  .describe('the version read; another current version is 409');
const Params = z.record(z.string(), z.unknown());

const Entity = z.object({
  kind: z.enum(['tag', 'brand', 'column', 'author']),
  id: z.string().min(1).max(40),
});
const ExplainBody = z
  .object({
    tags: z.array(TaxonomyId).max(20).default([]),
    brands: z.array(TaxonomyId).max(20).default([]),
    follows: z.array(Entity).max(20).default([]),
    column: z.string().min(1).max(40).optional(),
    lang: Lang,
    limit: z.number().int().min(1).max(50).default(20),
  })
  .strict();
const ExplainOut = z.object({
  params: RankingParamsSchema,
  candidates: z.number().int(),
  items: z.array(
    z.object({
      position: z.number().int(),
      id: z.number().int(),
      title: z.string(),
      column: z.string(),
      score: z.number(),
      reason: z.string(),
      why: FeedWhy,
      sources: z.array(z.string()),
      matches: z.array(Entity.extend({ weight: z.number(), followed: z.boolean(), pushedDown: z.boolean() })),
    }),
  ),
});

const ParamsView = z.object({
  params: RankingParamsSchema.describe('what the ranking uses now'),
  defaults: RankingParamsSchema.describe('the shipped values'),
  version: z.number().int().describe('0 until the first change'),
  updatedAt: z.string().nullable(),
  updatedBy: z.object({ id: z.number().int(), displayName: z.string() }).nullable(),
  changedFromDefaults: z.array(z.string()).describe('paths (group.name) that differ from the defaults'),
  log: z
    .array(
      z.object({
        version: z.number().int(),
        action: z.enum(['update', 'reset']),
        at: z.string(),
        staff: z.object({ id: z.number().int(), displayName: z.string() }),
        reason: z.string(),
        before: Params,
        after: Params,
        changes: z.array(z.object({ path: z.string(), before: z.unknown(), after: z.unknown() })),
      }),
    )
    .describe('the latest changes, newest first'),
});

export async function rankingParamsConsoleRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const anyStaff = requireStaff(app);
  const admin = requireStaff(app, 'admin');
  // Editors curate the feed; the explanation uses a made-up member, so no member's data is read.
  const curators = requireStaff(app, 'admin', 'editor');

  r.get(
    '/recommendation-params',
    {
      preHandler: anyStaff,
      schema: {
        operationId: 'consoleGetRankingParams',
        tags,
        summary: 'The recommendation parameters in use, the defaults and the change log',
        security,
        response: { 200: ParamsView, ...problemResponses(401, 403) },
      },
    },
    async () => rankingParamsView(ctx),
  );

  r.put(
    '/recommendation-params',
    {
      preHandler: admin,
      schema: {
        operationId: 'consolePutRankingParams',
        tags,
        summary: 'Change the recommendation parameters (admins), with the reason for the change log',
        security,
        body: z.object({ params: RankingParamsSchema, reason: Reason, version: Version }).strict(),
        response: { 200: ParamsView, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (req) => {
      await changeRankingParams(ctx, req.staff!.id, req.body);
      return rankingParamsView(ctx);
    },
  );

  r.post(
    '/recommendation-params/reset',
    {
      preHandler: admin,
      schema: {
        operationId: 'consoleResetRankingParams',
        tags,
        summary: 'Go back to the shipped recommendation parameters (admins), with the reason',
        security,
        body: z.object({ reason: Reason, version: Version }).strict(),
        response: { 200: ParamsView, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (req) => {
      await changeRankingParams(ctx, req.staff!.id, { params: null, ...req.body });
      return rankingParamsView(ctx);
    },
  );

  r.post(
    '/recommendations/explain',
    {
      preHandler: curators,
      schema: {
        operationId: 'consoleExplainRecommendations',
        tags,
        summary:
          'Rank the feed for a test member composed here (chosen tags, brands, follows) and say why each item was chosen',
        security,
        body: ExplainBody,
        response: { 200: ExplainOut, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const b = req.body;
      const unknown = await unknownTaxonomy(ctx.db, {
        columnId: b.column ?? '',
        tagIds: [...b.tags, ...b.follows.filter((f) => f.kind === 'tag').map((f) => f.id)],
        brandIds: [...b.brands, ...b.follows.filter((f) => f.kind === 'brand').map((f) => f.id)],
        seriesIds: [],
      });
      const errors = [
        ...(b.column !== undefined && unknown.column
          ? [{ path: 'body.column', message: 'no such column' }]
          : []),
        ...(unknown.tags.length
          ? [{ path: 'body.tags', message: `unknown tags: ${unknown.tags.join(', ')}` }]
          : []),
        ...(unknown.brands.length
          ? [{ path: 'body.brands', message: `unknown brands: ${unknown.brands.join(', ')}` }]
          : []),
      ];
      if (errors.length > 0)
        throw new AppError('validation.failed', 'The test member names unknown entities.', { errors });
      // A chosen tag or brand weighs as a registration choice does; follows count as follows.
      const profile = {
        weights: [
          ...b.tags.map((id) => ({ kind: 'tag' as const, id, weight: INTEREST_PARAMS.registrationTag })),
          ...b.brands.map((id) => ({ kind: 'brand' as const, id, weight: INTEREST_PARAMS.registrationTag })),
          ...b.follows.map((f) => ({ ...f, weight: INTEREST_PARAMS.follow })),
        ],
        follows: b.follows,
        read: [],
        notInterested: { articleIds: [], entities: [] },
      };
      return explainFeed(ctx, profile, { column: b.column, lang: b.lang, limit: b.limit, seed: 1 });
    },
  );
}
