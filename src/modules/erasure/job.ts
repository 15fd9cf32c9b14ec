/**
 * The cancellation job. Its state lives in the database (the receipt and its step list), so it is
 * run right after the route records it (not awaited), again soon after the server starts, and by a
 * timer every few minutes: whatever stopped it, the next run takes the next step. Timers are
 * unref'd and stopped when the app closes, like the age job (modules/guardian/job.ts).
 */

import { inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { type AfterStep, runSteps } from './erase.ts';
import { erasureReceipts } from './tables.ts';

const RESUME_EVERY_MS = 5 * 60_000;

/** Runs under way per app, so one receipt is never run twice at once in a process. */
const running = new WeakMap<AppContext, Map<string, Promise<string | undefined>>>();

/** Runs one receipt to its end (or to the first error); another run of it under way is joined. */
export function runErasure(ctx: AppContext, receiptId: string, afterStep?: AfterStep) {
  let mine = running.get(ctx);
  if (!mine) {
    mine = new Map();
    running.set(ctx, mine);
  }
  const existing = mine.get(receiptId);
  if (existing) return existing;
  const map = mine;
  const run = runSteps(ctx, receiptId, afterStep).finally(() => map.delete(receiptId));
  map.set(receiptId, run);
  return run;
}

/** Starts the receipt's job without waiting; a failure is logged and left to the next resume. */
export function kickErasure(ctx: AppContext, receiptId: string): void {
  runErasure(ctx, receiptId).catch((err: unknown) => {
    ctx.log.error(
      { event: 'erasure.step_failed', receiptId, error: (err as Error)?.name ?? 'Error' },
      'an erasure step failed; it is resumed later',
    );
  });
}

/** Runs every receipt not yet finished; answers how many were run. Tests call it directly. */
export async function resumeErasures(ctx: AppContext): Promise<number> {
  const open = await ctx.db
    .select({ id: erasureReceipts.id })
    .from(erasureReceipts)
    .where(inArray(erasureReceipts.status, ['pending', 'running']));
  for (const { id } of open) {
    await runErasure(ctx, id).catch((err: unknown) => {
      ctx.log.error(
        { event: 'erasure.step_failed', receiptId: id, error: (err as Error)?.name ?? 'Error' },
        'an erasure step failed; it is resumed later',
      );
    });
  }
  return open.length;
}

const timers = new WeakMap<AppContext, { stop(): Promise<void> }>();

/** Resumes unfinished erasures soon after start and every five minutes; call once after buildApp. */
export function startErasureJob(app: FastifyInstance, options: { firstRunDelayMs?: number } = {}) {
  const { ctx } = app;
  if (timers.has(ctx)) return;
  let stopped = false;
  let current: Promise<unknown> | undefined;
  const tick = () => {
    if (stopped || current) return;
    current = resumeErasures(ctx)
      .catch(() => undefined)
      .finally(() => {
        current = undefined;
      });
  };
  const first = setTimeout(tick, options.firstRunDelayMs ?? 5_000);
  const every = setInterval(tick, RESUME_EVERY_MS);
  first.unref();
  every.unref();
  timers.set(ctx, {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(every);
      await current;
      await Promise.allSettled([...(running.get(ctx)?.values() ?? [])]);
      timers.delete(ctx);
    },
  });
}

export async function stopErasureJob(ctx: AppContext): Promise<void> {
  await timers.get(ctx)?.stop();
  // Runs kicked by the route must not outlive the database either.
  await Promise.allSettled([...(running.get(ctx)?.values() ?? [])]);
}
