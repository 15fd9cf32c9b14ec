/**
 * The publish job: every CCM_PUBLISH_INTERVAL_MS it publishes the scheduled articles whose time
 * has come (service.ts publishDue). Several instances may run it at once; the claim is the
 * conditional UPDATE, so each article is published once. Timers are unref'd and stopped when the
 * app closes, after a pass under way has finished.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { publishDue } from './service.ts';

const jobs = new WeakMap<AppContext, { stop(): Promise<void> }>();

export function startPublishJob(app: FastifyInstance, options: { intervalMs?: number } = {}): void {
  const { ctx } = app;
  if (jobs.has(ctx)) return;
  let stopped = false;
  let current: Promise<unknown> | undefined;
  const tick = () => {
    if (stopped || current) return;
    current = publishDue(ctx)
      .catch((err: unknown) =>
        ctx.log.error(
          { event: 'editorial.publish_failed', error: (err as Error)?.name },
          'the publish job failed',
        ),
      )
      .finally(() => {
        current = undefined;
      });
  };
  const every = setInterval(tick, options.intervalMs ?? ctx.config.CCM_PUBLISH_INTERVAL_MS);
  every.unref();
  jobs.set(ctx, {
    async stop() {
      stopped = true;
      clearInterval(every);
      await current;
      jobs.delete(ctx);
    },
  });
}

export async function stopPublishJob(ctx: AppContext): Promise<void> {
  await jobs.get(ctx)?.stop();
}
