/**
 * Console: the recommendation parameters. Every console role may read them and their change log
 * (the algorithm is meant to be visible); only admins change or reset them, with a reason.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/openapi.ts';
import { requireStaff } from '../staff/guard.ts';
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
}
