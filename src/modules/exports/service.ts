/** Asking for a copy of one's data, following its preparation, and downloading it. */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { and, desc, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { enforce, hit } from '../security/rate-limit.ts';
import { exportFilePath, exportJob } from './job.ts';
import { dataExports, type ExportLanguage } from './tables.ts';

/** Exports a member may ask for in a rolling day (one at a time in any case). */
export const DAILY_EXPORTS = 3;
const DAY_MS = 86_400_000;
/** What a client is told to wait while an export is being prepared. */
const PENDING_RETRY_SECONDS = 30;

type Row = typeof dataExports.$inferSelect;

export interface ExportView {
  id: string;
  status: Row['status'];
  language: ExportLanguage;
  requestedAt: string;
  readyAt?: string;
  expiresAt?: string;
  expired: boolean;
  sizeBytes?: number;
  downloadUrl?: string;
}

export const downloadPath = (id: string) => `/api/v1/me/exports/${id}/download`;

function isExpired(ctx: AppContext, row: Row): boolean {
  return row.status === 'ready' && (!row.fileName || !row.expiresAt || row.expiresAt <= ctx.clock.now());
}

export function exportView(ctx: AppContext, row: Row): ExportView {
  const expired = isExpired(ctx, row);
  return {
    id: row.id,
    status: row.status,
    language: row.language,
    requestedAt: row.requestedAt.toISOString(),
    ...(row.readyAt ? { readyAt: row.readyAt.toISOString() } : {}),
    ...(row.expiresAt ? { expiresAt: row.expiresAt.toISOString() } : {}),
    expired,
    ...(row.sizeBytes !== null && row.status === 'ready' ? { sizeBytes: row.sizeBytes } : {}),
    ...(row.status === 'ready' && !expired ? { downloadUrl: downloadPath(row.id) } : {}),
  };
}

/**
 * Records the request and starts the build without waiting for it. One export in preparation at
 * a time (429 export.in_progress), and DAILY_EXPORTS a day (429 rate_limited), both with Retry-After.
 */
export async function requestExport(
  ctx: AppContext,
  userId: number,
  language: ExportLanguage,
  /** Runs once the export exists and before its build starts, so what it records is in the copy. */
  beforeBuild?: (exportId: string) => Promise<void>,
): Promise<ExportView> {
  const inProgress = () =>
    new AppError('export.in_progress', 'Your previous export is still being prepared; wait for it.', {
      retryAfterSeconds: PENDING_RETRY_SECONDS,
      headers: { 'retry-after': String(PENDING_RETRY_SECONDS) },
    });
  const [pending] = await ctx.db
    .select({ id: dataExports.id })
    .from(dataExports)
    .where(and(eq(dataExports.userId, userId), eq(dataExports.status, 'pending')))
    .limit(1);
  if (pending) throw inProgress();
  // Like every rate-limit key, the member is named by a keyed hash, not by the account number.
  const key = `export:user-day:${ctx.keyring.blindIndex('rate-limit.user', String(userId))}`;
  enforce(
    await hit(ctx.db, ctx.clock, { key, limit: DAILY_EXPORTS, windowMs: DAY_MS }),
    `At most ${DAILY_EXPORTS} exports a day.`,
  );
  // The partial unique index keeps one pending export per member even when two requests race.
  const [row] = await ctx.db
    .insert(dataExports)
    .values({
      id: randomBytes(16).toString('hex'),
      userId,
      status: 'pending',
      language,
      requestedAt: ctx.clock.now(),
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw inProgress();
  await beforeBuild?.(row.id);
  exportJob(ctx).kick(row.id);
  return exportView(ctx, row);
}

export async function listExports(ctx: AppContext, userId: number): Promise<ExportView[]> {
  const rows = await ctx.db
    .select()
    .from(dataExports)
    .where(eq(dataExports.userId, userId))
    .orderBy(desc(dataExports.requestedAt), desc(dataExports.id))
    .limit(50);
  return rows.map((r) => exportView(ctx, r));
}

/** The member's own export; another member's, or none, is 404 alike (no existence leak). */
async function ownExport(ctx: AppContext, userId: number, id: string): Promise<Row> {
  const [row] = await ctx.db
    .select()
    .from(dataExports)
    .where(and(eq(dataExports.id, id), eq(dataExports.userId, userId)));
  if (!row) throw new AppError('export.not_found');
  return row;
}

export async function getExport(ctx: AppContext, userId: number, id: string): Promise<ExportView> {
  return exportView(ctx, await ownExport(ctx, userId, id));
}

export interface Download {
  stream: Readable;
  size: number;
  /** For Content-Disposition: the date the copy was made. */
  fileName: string;
}

export async function openDownload(ctx: AppContext, userId: number, id: string): Promise<Download> {
  const row = await ownExport(ctx, userId, id);
  if (row.status !== 'ready')
    throw new AppError(
      'export.not_ready',
      row.status === 'failed'
        ? 'This export failed; ask for a new one.'
        : 'The export is still being prepared.',
    );
  const file = exportFilePath(ctx.config.dataDir, row.fileName);
  if (isExpired(ctx, row) || !file) throw new AppError('export.expired', 'Ask for a new export.');
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw new AppError('export.expired', 'The file is no longer available; ask for a new export.');
  }
  const day = (row.readyAt ?? row.requestedAt).toISOString().slice(0, 10).replace(/-/g, '');
  return { stream: createReadStream(file), size, fileName: `ccm-my-data-${day}.zip` };
}
