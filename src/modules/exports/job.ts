/**
 * Building exports in the background, and removing them when their link expires.
 *
 * A request kicks the build of its export at once, without waiting for it. A periodic sweep (soon
 * after start, then every minute) picks up exports left pending by a crash or a failed attempt and
 * deletes the files of expired exports. A build first claims its row (started_at), so two
 * instances never build the same export; a claim older than BUILD_TIMEOUT_MS is taken over. Timers
 * are unref'd and stopped when the app closes, after the builds under way have finished.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { and, asc, eq, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { buildExportZip } from './build.ts';
import { dataExports } from './tables.ts';

export const LINK_DAYS = 7;
const DAY_MS = 86_400_000;
export const BUILD_TIMEOUT_MS = 10 * 60_000;
const MAX_ATTEMPTS = 3;
const SWEEP_BATCH = 20;

export const exportsDir = (dataDir: string) => path.join(dataDir, 'exports');
const FILE_NAME = /^[0-9a-f]{32}\.zip$/;
/** Only a name of our own shape ever becomes a path to read or delete. */
export function exportFilePath(dataDir: string, fileName: string | null): string | undefined {
  return fileName && FILE_NAME.test(fileName) ? path.join(exportsDir(dataDir), fileName) : undefined;
}

/** Builds one export if it is pending and no other build holds it; returns whether it became ready. */
export async function buildExport(ctx: AppContext, id: string): Promise<boolean> {
  const now = ctx.clock.now();
  const [claimed] = await ctx.db
    .update(dataExports)
    .set({ startedAt: now, attempts: sql`${dataExports.attempts} + 1` })
    .where(
      and(
        eq(dataExports.id, id),
        eq(dataExports.status, 'pending'),
        or(
          isNull(dataExports.startedAt),
          lt(dataExports.startedAt, new Date(now.getTime() - BUILD_TIMEOUT_MS)),
        ),
      ),
    )
    .returning({
      userId: dataExports.userId,
      language: dataExports.language,
      attempts: dataExports.attempts,
    });
  if (!claimed) return false;

  const started = performance.now();
  let file: string | undefined;
  try {
    const zip = await buildExportZip(ctx, claimed.userId, {
      exportId: id,
      language: claimed.language,
      generatedAt: now,
    });
    const dir = exportsDir(ctx.config.dataDir);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const fileName = `${randomBytes(16).toString('hex')}.zip`;
    file = path.join(dir, fileName);
    const partial = `${file}.part`;
    await writeFile(partial, zip, { mode: 0o600, flag: 'wx' });
    await rename(partial, file);
    const readyAt = ctx.clock.now();
    const [done] = await ctx.db
      .update(dataExports)
      .set({
        status: 'ready',
        readyAt,
        expiresAt: new Date(readyAt.getTime() + LINK_DAYS * DAY_MS),
        fileName,
        sizeBytes: zip.length,
      })
      .where(and(eq(dataExports.id, id), eq(dataExports.status, 'pending')))
      .returning({ id: dataExports.id });
    if (!done) {
      await unlink(file).catch(() => {});
      return false;
    }
    ctx.log.info(
      { event: 'export.ready', bytes: zip.length, ms: Math.round(performance.now() - started) },
      'data export ready',
    );
    return true;
  } catch (err) {
    if (file) await unlink(file).catch(() => {});
    const failed = claimed.attempts >= MAX_ATTEMPTS;
    ctx.log.error(
      { event: 'export.build_failed', err, attempts: claimed.attempts, final: failed },
      'data export build failed',
    );
    // Released for the next sweep to retry, or given up after MAX_ATTEMPTS.
    await ctx.db
      .update(dataExports)
      .set(failed ? { status: 'failed', startedAt: null } : { startedAt: null })
      .where(and(eq(dataExports.id, id), eq(dataExports.status, 'pending')))
      .catch(() => {});
    return false;
  }
}

/** Deletes the files of exports whose link expired; the rows stay (the list shows them as expired). */
export async function removeExpiredFiles(ctx: AppContext): Promise<number> {
  const expired = await ctx.db
    .select({ id: dataExports.id, fileName: dataExports.fileName })
    .from(dataExports)
    .where(and(isNotNull(dataExports.fileName), lte(dataExports.expiresAt, ctx.clock.now())))
    .limit(500);
  for (const row of expired) {
    const file = exportFilePath(ctx.config.dataDir, row.fileName);
    if (file) {
      try {
        await unlink(file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
          ctx.log.warn({ event: 'export.cleanup_failed', code: (err as NodeJS.ErrnoException).code });
          continue;
        }
      }
    }
    await ctx.db.update(dataExports).set({ fileName: null }).where(eq(dataExports.id, row.id));
  }
  return expired.length;
}

/**
 * Deletes the files of every export of a member and leaves the rows (the erasure engine deletes
 * them, and counts them on its receipt). Safe to run again: a file already gone is skipped.
 */
export async function removeMemberExportFiles(ctx: AppContext, userId: number): Promise<number> {
  const rows = await ctx.db
    .select({ fileName: dataExports.fileName })
    .from(dataExports)
    .where(eq(dataExports.userId, userId));
  let removed = 0;
  for (const row of rows) {
    const file = exportFilePath(ctx.config.dataDir, row.fileName);
    if (file)
      await unlink(file).then(
        () => removed++,
        () => {},
      );
  }
  return removed;
}

/** Removes every export of a member, files first. */
export async function removeMemberExports(ctx: AppContext, userId: number): Promise<number> {
  const rows = await ctx.db
    .select({ id: dataExports.id, fileName: dataExports.fileName })
    .from(dataExports)
    .where(eq(dataExports.userId, userId));
  for (const row of rows) {
    const file = exportFilePath(ctx.config.dataDir, row.fileName);
    if (file) await unlink(file).catch(() => {});
  }
  await ctx.db.delete(dataExports).where(eq(dataExports.userId, userId));
  return rows.length;
}

/** Pending exports no build holds (left by a crash or a failed attempt), oldest first. */
async function orphanedPending(ctx: AppContext): Promise<string[]> {
  const stale = new Date(ctx.clock.now().getTime() - BUILD_TIMEOUT_MS);
  const rows = await ctx.db
    .select({ id: dataExports.id })
    .from(dataExports)
    .where(
      and(
        eq(dataExports.status, 'pending'),
        or(isNull(dataExports.startedAt), lt(dataExports.startedAt, stale)),
      ),
    )
    .orderBy(asc(dataExports.requestedAt))
    .limit(SWEEP_BATCH);
  return rows.map((r) => r.id);
}

export interface ExportJob {
  /** Starts building one export without waiting for it. */
  kick(id: string): void;
  /** Builds orphaned pending exports and removes expired files. */
  sweep(): Promise<void>;
  /** Resolves when every build and sweep under way has finished (tests, shutdown). */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

const jobs = new WeakMap<AppContext, ExportJob>();
const stoppedContexts = new WeakSet<AppContext>();

/** The export job of this app's context, created on first use (timers only by startExportJob). */
export function exportJob(ctx: AppContext): ExportJob {
  const existing = jobs.get(ctx);
  if (existing) return existing;
  const inFlight = new Set<Promise<unknown>>();
  const timers: NodeJS.Timeout[] = [];
  const track = (p: Promise<unknown>) => {
    const tracked = p
      .catch((err) => ctx.log.error({ event: 'export.job_failed', err }, 'export job failed'))
      .finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };
  let sweeping: Promise<void> | undefined;
  const job: ExportJob & { timers: NodeJS.Timeout[] } = {
    timers,
    kick(id) {
      if (stoppedContexts.has(ctx)) return;
      track(buildExport(ctx, id));
    },
    sweep() {
      if (stoppedContexts.has(ctx)) return Promise.resolve();
      sweeping ??= (async () => {
        try {
          for (const id of await orphanedPending(ctx)) await buildExport(ctx, id);
          await removeExpiredFiles(ctx);
        } finally {
          sweeping = undefined;
        }
      })();
      const current = sweeping;
      track(current);
      return current;
    },
    async settled() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    async stop() {
      stoppedContexts.add(ctx);
      for (const t of timers) clearTimeout(t);
      await job.settled();
    },
  };
  jobs.set(ctx, job);
  return job;
}

/** Schedules the sweep: soon after start, then every minute. Call once after buildApp (server.ts). */
export function startExportJob(
  app: FastifyInstance,
  options: { firstRunDelayMs?: number; intervalMs?: number } = {},
): ExportJob {
  const job = exportJob(app.ctx) as ExportJob & { timers: NodeJS.Timeout[] };
  if (job.timers.length > 0) return job;
  const run = () => {
    job.sweep().catch(() => {});
  };
  const first = setTimeout(run, options.firstRunDelayMs ?? 5_000);
  const every = setInterval(run, options.intervalMs ?? 60_000);
  first.unref();
  every.unref();
  job.timers.push(first, every);
  return job;
}

/** Stops the context's job, if any: the exports routes call this when the app closes. */
export async function stopExportJob(ctx: AppContext): Promise<void> {
  stoppedContexts.add(ctx);
  await jobs.get(ctx)?.stop();
}
