/**
 * Console: erasure receipts (compliance) and retention (compliance reads; an admin may run the
 * sweep now). Receipts and sweeps hold no personal data, so reading them is not an access to log.
 */
import { desc, lt } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { problemResponses } from '../../platform/openapi.ts';
import { CATEGORIES } from '../../platform/personal-data.ts';
import { requireStaff } from '../staff/guard.ts';
import { latestSweeps, retentionRules, runRetentionSweep } from './retention.ts';
import { ReceiptPage, ReceiptQuery, RetentionOverview, Sweep } from './schemas.ts';
import { erasureReceipts } from './tables.ts';

const security = [{ staffSession: [] }];
const tags = ['console'];
const PAGE = 20;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

async function listReceipts(ctx: AppContext, before?: string) {
  let cursor: Date | undefined;
  if (before !== undefined) {
    cursor = new Date(before);
    if (Number.isNaN(cursor.getTime()))
      throw new AppError('validation.failed', 'The cursor is not valid.', {
        errors: [{ path: 'querystring.before', message: 'not a cursor from nextCursor' }],
      });
  }
  const rows = await ctx.db
    .select()
    .from(erasureReceipts)
    .where(cursor ? lt(erasureReceipts.createdAt, cursor) : undefined)
    .orderBy(desc(erasureReceipts.createdAt), desc(erasureReceipts.id))
    .limit(PAGE + 1);
  const page = rows.slice(0, PAGE);
  return {
    items: page.map((r) => ({
      id: r.id,
      userId: r.userId,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      startedAt: iso(r.startedAt),
      finishedAt: iso(r.finishedAt),
      steps: r.steps.map(({ files: _files, ...s }) => s),
      verification: r.verification ?? null,
      error: r.error,
    })),
    nextCursor: rows.length > PAGE ? page.at(-1)!.createdAt.toISOString() : null,
  };
}

const sweepOut = (s: Awaited<ReturnType<typeof latestSweeps>>[number]) => ({
  id: s.id,
  trigger: s.trigger,
  startedAt: s.startedAt.toISOString(),
  finishedAt: iso(s.finishedAt),
  tables: s.tables,
  error: s.error,
});

async function retentionOverview(ctx: AppContext) {
  const sweeps = await latestSweeps(ctx, 30);
  return {
    rules: retentionRules().map((rule) => {
      const last = sweeps
        .flatMap((s) => s.tables)
        .find((t) => t.table === rule.table && t.rule === `${rule.days}d after ${rule.after}`);
      return {
        ...rule,
        categories: rule.categories.map((id) => ({ id, label: CATEGORIES[id] })),
        lastSweep: last ?? null,
      };
    }),
    lastSweep: sweeps[0] ? sweepOut(sweeps[0]) : null,
  };
}

export async function erasureConsoleRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const compliance = requireStaff(app, 'compliance');

  r.get(
    '/erasures',
    {
      preHandler: compliance,
      schema: {
        operationId: 'consoleListErasureReceipts',
        tags,
        summary: 'Erasure receipts of cancelled accounts, newest first: per table the action and rows',
        security,
        querystring: ReceiptQuery,
        response: { 200: ReceiptPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => listReceipts(ctx, req.query.before),
  );

  r.get(
    '/retention',
    {
      preHandler: compliance,
      schema: {
        operationId: 'consoleGetRetention',
        tags,
        summary: 'Each retention rule of the annotations, with the last sweep of its table',
        security,
        response: { 200: RetentionOverview, ...problemResponses(401, 403) },
      },
    },
    async () => retentionOverview(ctx),
  );

  r.post(
    '/retention/sweeps',
    {
      preHandler: requireStaff(app, 'admin'),
      schema: {
        operationId: 'consoleRunRetentionSweep',
        tags,
        summary: 'Run the retention sweep now (admins)',
        security,
        response: { 201: Sweep, ...problemResponses(401, 403) },
      },
    },
    async (_req, reply) => reply.code(201).send(sweepOut(await runRetentionSweep(ctx, 'staff'))),
  );
}
