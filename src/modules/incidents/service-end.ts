/**
 * The end of the service (policy II.3, part VII, requirement 18's spirit): announced at least 30
 * days ahead, in the app and by SMS; from the announcement on, CCM collects no new personal
 * information (no sign-ups, no profile changes, no new consents); when the day comes, every
 * member's data is erased by the same engine as an account cancellation.
 */
import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { deliver } from '../sms/delivery.ts';
import { serviceNoticeText } from '../sms/texts.ts';
import { memberBatches, smsTargets } from './service.ts';
import { type Bilingual, serviceStatus } from './tables.ts';

export const NOTICE_DAYS = 30;
const DAY_MS = 86_400_000;

export async function getServiceStatus(ctx: Pick<AppContext, 'db'>) {
  const [row] = await ctx.db.select().from(serviceStatus).where(eq(serviceStatus.id, 1));
  return (
    row ?? { id: 1, mode: 'normal' as const, announcedAt: null, endsAt: null, message: null, endedAt: null }
  );
}

/** Announces the end; members are told in the app (the status) and by SMS. */
export async function announceServiceEnd(
  ctx: AppContext,
  staffId: number,
  input: { endsAt: Date; message: Bilingual },
) {
  const now = ctx.clock.now();
  if (input.endsAt.getTime() - now.getTime() < NOTICE_DAYS * DAY_MS)
    throw new AppError('service.notice_too_short');
  const values = {
    id: 1,
    mode: 'ending' as const,
    announcedAt: now,
    endsAt: input.endsAt,
    message: input.message,
    endedAt: null,
    updatedBy: staffId,
  };
  await ctx.db
    .insert(serviceStatus)
    .values(values)
    .onConflictDoUpdate({ target: serviceStatus.id, set: values });
  // China date of the end, as the SMS says it.
  const date = new Date(input.endsAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const signName = ctx.config.CCM_SMS_SIGN_NAME;
  let told = 0;
  for await (const batch of memberBatches(ctx)) {
    for (const t of await smsTargets(ctx, batch)) {
      if (!t.to) continue;
      await deliver(
        ctx.sms,
        {
          to: t.to,
          purpose: 'service-ending',
          kind: 'service-notice',
          code: '',
          params: { date },
          text: serviceNoticeText(signName, 'service-ending', { date }),
        },
        ctx.log,
      );
      told += 1;
    }
  }
  ctx.log.warn(
    { event: 'service.end_announced', endsAt: input.endsAt.toISOString(), told },
    'service end announced',
  );
  return getServiceStatus(ctx);
}

export async function withdrawServiceEnd(ctx: AppContext, staffId: number) {
  const status = await getServiceStatus(ctx);
  if (status.mode !== 'ending' || status.endedAt) throw new AppError('service.not_ending');
  await ctx.db
    .update(serviceStatus)
    .set({ mode: 'normal', announcedAt: null, endsAt: null, message: null, updatedBy: staffId })
    .where(eq(serviceStatus.id, 1));
  return getServiceStatus(ctx);
}

/**
 * On the announced day: erases every member with `erase` (the cancellation engine) and records
 * the end. Safe to run again: erased members are skipped by the batches, and the end is set last.
 */
export async function runServiceEndIfDue(ctx: AppContext, erase: (userId: number) => Promise<void>) {
  const status = await getServiceStatus(ctx);
  if (status.mode !== 'ending' || !status.endsAt || status.endedAt) return { ran: false, erased: 0 };
  if (status.endsAt.getTime() > ctx.clock.now().getTime()) return { ran: false, erased: 0 };
  let erased = 0;
  for await (const batch of memberBatches(ctx)) {
    for (const member of batch) {
      await erase(member.id);
      erased += 1;
    }
  }
  await ctx.db.update(serviceStatus).set({ endedAt: ctx.clock.now() }).where(eq(serviceStatus.id, 1));
  ctx.log.warn({ event: 'service.ended', erased }, 'the service ended; every member’s data was erased');
  return { ran: true, erased };
}

/** Requests that would collect new personal information, by method and route pattern. */
export const COLLECTING: { method: string; url: string; when?: (req: FastifyRequest) => boolean }[] = [
  { method: 'POST', url: '/api/v1/auth/register' },
  {
    method: 'POST',
    url: '/api/v1/auth/sms-codes',
    when: (req) =>
      ['register', 'bind-phone', 'guardian'].includes((req.body as { purpose?: string })?.purpose ?? ''),
  },
  { method: 'PATCH', url: '/api/v1/me' },
  { method: 'PUT', url: '/api/v1/me/avatar' },
  { method: 'PUT', url: '/api/v1/me/tags' },
  { method: 'PUT', url: '/api/v1/me/columns' },
  { method: 'PUT', url: '/api/v1/me/favorites/:articleId' },
  { method: 'PUT', url: '/api/v1/me/follows/:kind/:id' },
  { method: 'POST', url: '/api/v1/articles/:id/comments' },
  {
    method: 'PUT',
    url: '/api/v1/me/consents/:purpose',
    when: (req) => (req.body as { granted?: boolean })?.granted === true,
  },
];

/**
 * From the announcement on, requests that would collect answer 409 service.ending. The check is
 * attached to the collecting routes as they are declared (before their own preHandlers), so the
 * other routes, reads above all, run no hook for it.
 */
export function stopCollectionWhenEnding(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    const methods = new Set([route.method].flat());
    const rule = COLLECTING.find((c) => methods.has(c.method as never) && c.url === route.url);
    if (!rule) return;
    const refuseWhenEnding = async (req: FastifyRequest) => {
      if (req.method !== rule.method || (rule.when && !rule.when(req))) return;
      const status = await getServiceStatus(app.ctx);
      if (status.mode === 'ending') throw new AppError('service.ending');
    };
    route.preHandler = [refuseWhenEnding, ...[route.preHandler ?? []].flat()];
  });
}

const HOUR_MS = 3_600_000;
const jobs = new WeakMap<AppContext, { timer: NodeJS.Timeout; running(): Promise<unknown> | undefined }>();

/**
 * Checks every hour whether the announced end has come, and then erases every member with
 * `erase`. Timers are unref'd; the incident routes stop the job when the app closes.
 */
export function startServiceEndJob(app: FastifyInstance, erase: (userId: number) => Promise<void>) {
  const { ctx } = app;
  if (jobs.has(ctx)) return;
  let running: Promise<unknown> | undefined;
  const tick = () => {
    running ??= runServiceEndIfDue(ctx, erase)
      .catch((err: unknown) =>
        ctx.log.error({ event: 'service.end_failed', err }, 'the end-of-service run failed'),
      )
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, HOUR_MS);
  timer.unref();
  jobs.set(ctx, { timer, running: () => running });
}

export async function stopServiceEndJob(ctx: AppContext) {
  const job = jobs.get(ctx);
  if (!job) return;
  clearInterval(job.timer);
  jobs.delete(ctx);
  await job.running();
}
