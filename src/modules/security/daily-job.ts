/**
 * A job run once a day at a China time, and once soon after start to catch up after downtime.
 * Every instance schedules it; the first to claim the China date runs it (a one-per-day counter in
 * rate_limits), so several instances run it once. A failure is logged and the next day's run
 * catches up. Timers are unref'd, so they never keep a stopping process alive.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { hit } from './rate-limit.ts';

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000; // UTC+8 all year, no daylight saving since 1991

/** Milliseconds from `now` to the next `atMs` into a China day (a full day when it is that time exactly). */
export function msUntilChinaTime(now: Date, atMs: number): number {
  const intoChinaDay = (now.getTime() + CHINA_OFFSET_MS) % DAY_MS;
  return (atMs - intoChinaDay + DAY_MS) % DAY_MS || DAY_MS;
}

const chinaDate = (now: Date) => new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);

export interface DailyJob<T> {
  /** Runs now unless a run is under way (then answers that one) or today's run was claimed. */
  run(): Promise<T | undefined>;
  /** Clears the timers and waits for a run under way. */
  stop(): Promise<void>;
}

export interface DailyJobSpec<T> {
  /** Names the day's claim (`job:<name>:<China date>`) and the failure event (`<name>.job_failed`). */
  name: string;
  /** When in the China day, in milliseconds after midnight. */
  atChinaMs: number;
  firstRunDelayMs: number;
  work(ctx: AppContext): Promise<T>;
  /** What the failure log line says. */
  failure: string;
}

const jobs = new WeakMap<AppContext, Map<string, DailyJob<unknown>>>();

/** Schedules the job on the app's context once (a second call answers the first job). */
export function startDailyJob<T>(app: FastifyInstance, spec: DailyJobSpec<T>): DailyJob<T> {
  const { ctx } = app;
  const mine = jobs.get(ctx) ?? new Map<string, DailyJob<unknown>>();
  jobs.set(ctx, mine);
  const existing = mine.get(spec.name);
  if (existing) return existing as DailyJob<T>;

  let running: Promise<T | undefined> | undefined;
  let stopped = false;
  const runOnce = async (): Promise<T | undefined> => {
    try {
      const claim = await hit(ctx.db, ctx.clock, {
        key: `job:${spec.name}:${chinaDate(ctx.clock.now())}`,
        limit: 1,
        windowMs: DAY_MS,
      });
      if (!claim.allowed) return undefined;
      return await spec.work(ctx);
    } catch (err) {
      ctx.log.error({ event: `${spec.name}.job_failed`, err }, spec.failure);
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

  const first = setTimeout(run, spec.firstRunDelayMs);
  let daily: NodeJS.Timeout | undefined;
  const aligned = setTimeout(
    () => {
      void run();
      daily = setInterval(run, DAY_MS);
      daily.unref();
    },
    msUntilChinaTime(ctx.clock.now(), spec.atChinaMs),
  );
  first.unref();
  aligned.unref();

  const job: DailyJob<T> = {
    run,
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearTimeout(aligned);
      if (daily) clearInterval(daily);
      await running;
      mine.delete(spec.name);
    },
  };
  mine.set(spec.name, job as DailyJob<unknown>);
  return job;
}

export async function stopDailyJob(ctx: AppContext, name: string): Promise<void> {
  await jobs.get(ctx)?.get(name)?.stop();
}
