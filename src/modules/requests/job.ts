/**
 * The daily rights-request pass (reminders before the due date, overdue flags): once soon after
 * start, then every day at 08:30 China time, before the support desk opens. Each instance
 * schedules it; the first to claim the China date runs it (a one-per-day counter in rate_limits).
 * A missed day is caught up by the next run, which looks at every pending request.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { CHINA_OFFSET_MS, chinaDateOf } from '../../platform/workdays.ts';
import { hit } from '../security/rate-limit.ts';
import { type ReminderReport, remindRequests } from './service.ts';

const DAY_MS = 86_400_000;
const RUN_AT_MS = (8 * 60 + 30) * 60_000; // 08:30

/** Milliseconds from `now` to the next 08:30 in China (a full day when it is 08:30 exactly). */
export function msUntilNextReminderRun(now: Date): number {
  const intoChinaDay = (now.getTime() + CHINA_OFFSET_MS) % DAY_MS;
  return (RUN_AT_MS - intoChinaDay + DAY_MS) % DAY_MS || DAY_MS;
}

export interface ReminderJob {
  run(): Promise<ReminderReport | undefined>;
  stop(): Promise<void>;
}

const jobs = new WeakMap<AppContext, ReminderJob>();

/** Schedules the daily pass on the app's context; call once after buildApp (src/server.ts). */
export function startRequestReminderJob(
  app: FastifyInstance,
  options: { firstRunDelayMs?: number } = {},
): ReminderJob {
  const { ctx } = app;
  const existing = jobs.get(ctx);
  if (existing) return existing;

  let running: Promise<ReminderReport | undefined> | undefined;
  let stopped = false;
  const runOnce = async (): Promise<ReminderReport | undefined> => {
    try {
      const claim = await hit(ctx.db, ctx.clock, {
        key: `job:request-reminders:${chinaDateOf(ctx.clock.now())}`,
        limit: 1,
        windowMs: DAY_MS,
      });
      if (!claim.allowed) return undefined;
      return await remindRequests(ctx);
    } catch (err) {
      ctx.log.error(
        { event: 'requests.job_failed', err },
        'the request reminders failed; they run again tomorrow',
      );
      return undefined;
    }
  };
  const run = () => {
    if (stopped) return Promise.resolve(undefined);
    running ??= runOnce().finally(() => {
      running = undefined;
    });
    return running;
  };

  const first = setTimeout(run, options.firstRunDelayMs ?? 15_000);
  let daily: NodeJS.Timeout | undefined;
  const aligned = setTimeout(() => {
    void run();
    daily = setInterval(run, DAY_MS);
    daily.unref();
  }, msUntilNextReminderRun(ctx.clock.now()));
  first.unref();
  aligned.unref();

  const job: ReminderJob = {
    run,
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearTimeout(aligned);
      if (daily) clearInterval(daily);
      await running;
      jobs.delete(ctx);
    },
  };
  jobs.set(ctx, job);
  return job;
}

export async function stopRequestReminderJob(ctx: AppContext): Promise<void> {
  await jobs.get(ctx)?.stop();
}
