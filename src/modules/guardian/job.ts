/**
 * The server's daily age re-evaluation: once soon after start (to catch up after downtime and to
 * encrypt any plain values left from before), then every day at 00:05 China time, just after the
 * birthdays of the day began. Timers are unref'd, so they never keep a stopping process alive.
 *
 * With several instances each schedules it, and the first to claim the China date runs it (a
 * one-per-day counter in rate_limits); a run that failed is caught up the next day, because each
 * run computes the groups from the birthdays, not from what the last run did.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { hit } from '../security/rate-limit.ts';
import { chinaDate } from './age.ts';
import { type AgeReport, reevaluateAgeGroups } from './reevaluate.ts';

const DAY_MS = 86_400_000;
const RUN_AT_MS = 5 * 60_000; // 00:05
const CHINA_OFFSET_MS = 8 * 3_600_000; // China has kept UTC+8 without daylight saving since 1991

/** Milliseconds from `now` to the next 00:05 in China (a full day when it is 00:05 exactly). */
export function msUntilNextRun(now: Date): number {
  const intoChinaDay = (now.getTime() + CHINA_OFFSET_MS) % DAY_MS;
  return (RUN_AT_MS - intoChinaDay + DAY_MS) % DAY_MS || DAY_MS;
}

export interface AgeJob {
  /** Runs now unless a run is under way (then answers that one) or today's run was claimed. */
  run(): Promise<AgeReport | undefined>;
  /** Clears the timers and waits for a run under way. */
  stop(): Promise<void>;
}

const jobs = new WeakMap<AppContext, AgeJob>();

/**
 * Schedules the daily re-evaluation on the app's context; call once after buildApp (src/server.ts).
 * The guardian routes stop it when the app closes.
 */
export function startAgeJob(app: FastifyInstance, options: { firstRunDelayMs?: number } = {}): AgeJob {
  const { ctx } = app;
  const existing = jobs.get(ctx);
  if (existing) return existing;

  let running: Promise<AgeReport | undefined> | undefined;
  let stopped = false;
  const runOnce = async (): Promise<AgeReport | undefined> => {
    try {
      const claim = await hit(ctx.db, ctx.clock, {
        key: `job:age-groups:${chinaDate(ctx.clock.now())}`,
        limit: 1,
        windowMs: DAY_MS,
      });
      if (!claim.allowed) return undefined;
      return await reevaluateAgeGroups(ctx);
    } catch (err) {
      ctx.log.error({ event: 'age.job_failed', err }, 'the age re-evaluation failed; it runs again tomorrow');
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

  const first = setTimeout(run, options.firstRunDelayMs ?? 10_000);
  let daily: NodeJS.Timeout | undefined;
  const aligned = setTimeout(() => {
    void run();
    daily = setInterval(run, DAY_MS);
    daily.unref();
  }, msUntilNextRun(ctx.clock.now()));
  first.unref();
  aligned.unref();

  const job: AgeJob = {
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

/** Stops the app's job, if one was started (the guardian routes call this when the app closes). */
export async function stopAgeJob(ctx: AppContext): Promise<void> {
  await jobs.get(ctx)?.stop();
}
