/**
 * The daily rights-request pass (reminders before the due date, overdue flags): once soon after
 * start, then every day at 08:30 China time, before the support desk opens. Each instance
 * schedules it; the first to claim the China date runs it (a one-per-day counter in rate_limits).
 * A missed day is caught up by the next run, which looks at every pending request.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { type DailyJob, msUntilChinaTime, startDailyJob, stopDailyJob } from '../security/daily-job.ts';
import { type ReminderReport, remindRequests } from './service.ts';

const NAME = 'request-reminders';
const RUN_AT_MS = (8 * 60 + 30) * 60_000; // 08:30

/** Milliseconds from `now` to the next 08:30 in China (a full day when it is 08:30 exactly). */
export const msUntilNextReminderRun = (now: Date) => msUntilChinaTime(now, RUN_AT_MS);

export type ReminderJob = DailyJob<ReminderReport>;

/** Schedules the daily pass on the app's context; call once after buildApp (src/server.ts). */
export function startRequestReminderJob(
  app: FastifyInstance,
  options: { firstRunDelayMs?: number } = {},
): ReminderJob {
  return startDailyJob(app, {
    name: NAME,
    atChinaMs: RUN_AT_MS,
    firstRunDelayMs: options.firstRunDelayMs ?? 15_000,
    work: remindRequests,
    failure: 'the request reminders failed; they run again tomorrow',
  });
}

export const stopRequestReminderJob = (ctx: AppContext) => stopDailyJob(ctx, NAME);
