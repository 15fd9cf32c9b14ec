/** The moderation mode of each column: pre (new comments wait for a moderator) or post (the default). */
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { listColumns } from '../content/service.ts';
import { commentColumnSettings, type ModerationMode } from './tables.ts';

export async function moderationModeOf(db: Db, columnId: string): Promise<ModerationMode> {
  const [row] = await db
    .select({ mode: commentColumnSettings.mode })
    .from(commentColumnSettings)
    .where(eq(commentColumnSettings.columnId, columnId));
  return row?.mode ?? 'post';
}

export async function columnModes(db: Db, lang: 'zh-CN' | 'en') {
  const [cols, rows] = await Promise.all([listColumns(db, lang), db.select().from(commentColumnSettings)]);
  const modes = new Map(rows.map((r) => [r.columnId, r]));
  return cols.map((c) => ({
    columnId: c.id,
    name: c.name,
    mode: modes.get(c.id)?.mode ?? ('post' as ModerationMode),
    updatedAt: modes.get(c.id)?.updatedAt.toISOString() ?? null,
  }));
}

export async function setColumnMode(
  ctx: AppContext,
  staffId: number,
  columnId: string,
  mode: ModerationMode,
) {
  const cols = await listColumns(ctx.db, 'zh-CN');
  if (!cols.some((c) => c.id === columnId)) {
    throw new AppError('comment.column_unknown', `No column has the id ${columnId}.`);
  }
  const now = ctx.clock.now();
  await ctx.db
    .insert(commentColumnSettings)
    .values({ columnId, mode, updatedBy: staffId, updatedAt: now })
    .onConflictDoUpdate({
      target: commentColumnSettings.columnId,
      set: { mode, updatedBy: staffId, updatedAt: now },
    });
  return { columnId, mode };
}
