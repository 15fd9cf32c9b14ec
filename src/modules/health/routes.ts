/** Liveness and readiness probes for process managers and load balancers. */

import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { migrationsApplied, queryRows } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { sendProblem } from '../../platform/http.ts';

const Ready = z.object({
  status: z.literal('ready'),
  database: z.enum(['pglite', 'postgres']),
  migrations: z.literal('applied'),
  redis: z.enum(['ok', 'not-configured']),
});

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Probes are polled often: log them only at warn, unless the configured level is quieter still.
  const quiet = ['error', 'fatal', 'silent'].includes(app.ctx.config.LOG_LEVEL)
    ? app.ctx.config.LOG_LEVEL
    : 'warn';

  r.get(
    '/healthz',
    {
      schema: {
        operationId: 'getHealth',
        tags: ['health'],
        summary: 'The process is up',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
      logLevel: quiet,
    },
    async () => ({ status: 'ok' as const }),
  );

  r.get(
    '/readyz',
    {
      schema: {
        operationId: 'getReadiness',
        tags: ['health'],
        summary: 'The database is reachable and every migration is applied',
        response: { 200: Ready },
      },
      logLevel: quiet,
    },
    async (request, reply) => {
      const { db, database, caches, config } = app.ctx;
      try {
        await queryRows(db, sql`SELECT 1`);
      } catch (err) {
        request.log.warn({ err }, 'readiness: database unreachable');
        return sendProblem(reply, new AppError('service.unavailable', 'The database is not reachable.'));
      }
      if (!(await migrationsApplied(db))) {
        return sendProblem(
          reply,
          new AppError('service.unavailable', 'Database migrations are not applied yet.'),
        );
      }
      if (config.REDIS_URL) {
        try {
          await caches.ping();
        } catch {
          return sendProblem(reply, new AppError('service.unavailable', 'Redis is not reachable.'));
        }
      }
      return {
        status: 'ready' as const,
        database: database.engine,
        migrations: 'applied' as const,
        redis: config.REDIS_URL ? ('ok' as const) : ('not-configured' as const),
      };
    },
  );
}
