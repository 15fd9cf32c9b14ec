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
import { type DailyJob, msUntilChinaTime, startDailyJob, stopDailyJob } from '../security/daily-job.ts';
import { type AgeReport, reevaluateAgeGroups } from './reevaluate.ts';

const NAME = 'age-groups';
const RUN_AT_MS = 5 * 60_000; // 00:05

/** Milliseconds from `now` to the next 00:05 in China (a full day when it is 00:05 exactly). */
export const msUntilNextRun = (now: Date) => msUntilChinaTime(now, RUN_AT_MS);

export type AgeJob = DailyJob<AgeReport>;

/**
 * Schedules the daily re-evaluation on the app's context; call once after buildApp (src/server.ts).
 * The guardian routes stop it when the app closes.
 */
export function startAgeJob(app: FastifyInstance, options: { firstRunDelayMs?: number } = {}): AgeJob {
  return startDailyJob(app, {
    name: NAME,
    atChinaMs: RUN_AT_MS,
    firstRunDelayMs: options.firstRunDelayMs ?? 10_000,
    work: reevaluateAgeGroups,
    failure: 'the age re-evaluation failed; it runs again tomorrow',
  });
}

/** Stops the app's job, if one was started (the guardian routes call this when the app closes). */
export const stopAgeJob = (ctx: AppContext) => stopDailyJob(ctx, NAME);
