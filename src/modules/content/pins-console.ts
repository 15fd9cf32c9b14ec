/**
 * Editors' pins, console side: list a column's pins, pin a published article at a position, unpin,
 * reorder. Each change runs in one transaction that locks the column's row (so two editors cannot
 * both take the last slot), renumbers the positions 0..n-1, and appends a `column_pin_events` row
 * (who, what, the resulting order); afterwards the feed cache is dropped on every instance.
 */
import { and, asc, desc, eq, gt, isNull, or } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { staffUsers } from '../staff/tables.ts';
import { PIN_LIMIT } from './pins.ts';
import { FEED_CACHE } from './routes.ts';
import { articles, columnPinEvents, columnPins, columns, type PinAction } from './tables.ts';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'caches'>;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export const PIN_EVENTS_SHOWN = 20;

export async function listPins(ctx: Pick<AppContext, 'db' | 'clock'>, column: string) {
  await requireColumn(ctx.db, column);
  const now = ctx.clock.now();
  const rows = await ctx.db
    .select({
      articleId: columnPins.articleId,
      position: columnPins.position,
      pinnedAt: columnPins.pinnedAt,
      expiresAt: columnPins.expiresAt,
      pinnedById: staffUsers.id,
      pinnedByName: staffUsers.displayName,
      title: articles.title,
      status: articles.status,
      articleColumn: articles.columnId,
    })
    .from(columnPins)
    .innerJoin(articles, eq(articles.id, columnPins.articleId))
    .leftJoin(staffUsers, eq(staffUsers.id, columnPins.pinnedBy))
    .where(eq(columnPins.columnId, column))
    .orderBy(asc(columnPins.position), asc(columnPins.pinnedAt));
  const events = await ctx.db
    .select({
      id: columnPinEvents.id,
      articleId: columnPinEvents.articleId,
      action: columnPinEvents.action,
      order: columnPinEvents.order,
      at: columnPinEvents.at,
      staffId: staffUsers.id,
      staffName: staffUsers.displayName,
    })
    .from(columnPinEvents)
    .leftJoin(staffUsers, eq(staffUsers.id, columnPinEvents.staffId))
    .where(eq(columnPinEvents.columnId, column))
    .orderBy(desc(columnPinEvents.id))
    .limit(PIN_EVENTS_SHOWN);
  return {
    column,
    limit: PIN_LIMIT,
    items: rows.map((r) => ({
      articleId: r.articleId,
      title: r.title,
      status: r.status,
      articleColumn: r.articleColumn,
      position: r.position,
      pinnedAt: r.pinnedAt.toISOString(),
      pinnedBy: r.pinnedById === null ? null : { id: r.pinnedById, displayName: r.pinnedByName ?? '' },
      expiresAt: r.expiresAt?.toISOString() ?? null,
      // What readers see: published and not expired.
      live: r.status === 'published' && (r.expiresAt === null || r.expiresAt > now),
    })),
    events: events.map((e) => ({
      id: e.id,
      articleId: e.articleId,
      action: e.action,
      order: e.order,
      at: e.at.toISOString(),
      staff: e.staffId === null ? null : { id: e.staffId, displayName: e.staffName ?? '' },
    })),
  };
}

export interface PinInput {
  articleId: number;
  /** 0 is the top; beyond the end (or left out) appends. */
  position?: number;
  expiresAt?: Date | null;
}

export async function pinArticle(ctx: Ctx, staffId: number, column: string, input: PinInput) {
  const now = ctx.clock.now();
  if (input.expiresAt && input.expiresAt <= now)
    throw new AppError('validation.failed', 'A pin must expire in the future.', {
      errors: [{ path: 'body.expiresAt', message: 'expected a time in the future' }],
    });
  await ctx.db.transaction(async (tx) => {
    await lockColumn(tx, column);
    const [article] = await tx
      .select({ status: articles.status })
      .from(articles)
      .where(eq(articles.id, input.articleId));
    if (!article) throw new AppError('article.not_found');
    if (article.status !== 'published') throw new AppError('pin.not_published');
    const order = await orderOf(tx, column);
    if (order.includes(input.articleId)) throw new AppError('pin.exists');
    // Expired pins no longer take a slot; they stay listed until someone unpins them.
    const taken = await tx
      .select({ articleId: columnPins.articleId })
      .from(columnPins)
      .where(and(eq(columnPins.columnId, column), notExpired(now)));
    if (taken.length >= PIN_LIMIT)
      throw new AppError('pin.limit_reached', `A column holds at most ${PIN_LIMIT} pins.`, {
        limit: PIN_LIMIT,
      });
    const at = Math.min(input.position ?? order.length, order.length);
    order.splice(at, 0, input.articleId);
    await tx.insert(columnPins).values({
      columnId: column,
      articleId: input.articleId,
      position: at,
      pinnedBy: staffId,
      pinnedAt: now,
      expiresAt: input.expiresAt ?? null,
    });
    await renumber(tx, column, order);
    await record(tx, { column, articleId: input.articleId, action: 'pin', order, staffId, at: now });
  });
  await ctx.caches.invalidate(FEED_CACHE, null);
}

export async function unpinArticle(ctx: Ctx, staffId: number, column: string, articleId: number) {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await lockColumn(tx, column);
    const order = await orderOf(tx, column);
    if (!order.includes(articleId)) throw new AppError('pin.not_found');
    await tx
      .delete(columnPins)
      .where(and(eq(columnPins.columnId, column), eq(columnPins.articleId, articleId)));
    const rest = order.filter((id) => id !== articleId);
    await renumber(tx, column, rest);
    await record(tx, { column, articleId, action: 'unpin', order: rest, staffId, at: now });
  });
  await ctx.caches.invalidate(FEED_CACHE, null);
}

/** `articleIds` must name every pin of the column exactly once, in the new order. */
export async function reorderPins(ctx: Ctx, staffId: number, column: string, articleIds: number[]) {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await lockColumn(tx, column);
    const order = await orderOf(tx, column);
    const same =
      order.length === articleIds.length &&
      new Set(articleIds).size === articleIds.length &&
      articleIds.every((id) => order.includes(id));
    if (!same) throw new AppError('pin.order_mismatch', undefined, { pins: order });
    await renumber(tx, column, articleIds);
    await record(tx, { column, articleId: null, action: 'reorder', order: articleIds, staffId, at: now });
  });
  await ctx.caches.invalidate(FEED_CACHE, null);
}

const notExpired = (now: Date) => or(isNull(columnPins.expiresAt), gt(columnPins.expiresAt, now));

async function requireColumn(db: Db, column: string): Promise<void> {
  const [row] = await db.select({ id: columns.id }).from(columns).where(eq(columns.id, column));
  if (!row) throw new AppError('pin.column_not_found', `There is no column "${column}".`);
}

/** Serialises pin changes of one column (and proves it exists). */
async function lockColumn(tx: Tx, column: string): Promise<void> {
  const [row] = await tx.select({ id: columns.id }).from(columns).where(eq(columns.id, column)).for('update');
  if (!row) throw new AppError('pin.column_not_found', `There is no column "${column}".`);
}

async function orderOf(tx: Tx, column: string): Promise<number[]> {
  const rows = await tx
    .select({ articleId: columnPins.articleId })
    .from(columnPins)
    .where(eq(columnPins.columnId, column))
    .orderBy(asc(columnPins.position), asc(columnPins.pinnedAt));
  return rows.map((r) => r.articleId);
}

async function renumber(tx: Tx, column: string, order: number[]): Promise<void> {
  for (const [position, articleId] of order.entries())
    await tx
      .update(columnPins)
      .set({ position })
      .where(and(eq(columnPins.columnId, column), eq(columnPins.articleId, articleId)));
}

async function record(
  tx: Tx,
  e: {
    column: string;
    articleId: number | null;
    action: PinAction;
    order: number[];
    staffId: number;
    at: Date;
  },
): Promise<void> {
  await tx.insert(columnPinEvents).values({
    columnId: e.column,
    articleId: e.articleId,
    action: e.action,
    order: e.order,
    staffId: e.staffId,
    at: e.at,
  });
}
