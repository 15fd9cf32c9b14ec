/**
 * Moderation in the console: the queues (pending, reported, hidden), approve, hide, restore and
 * delete, each with its reason written to the moderation log (who, what, why, when).
 */
import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { publicProfiles } from '../accounts/public-profile.ts';
import { publishedTitles } from '../content/titles.ts';
import { countedHere, countVisible, findComment, refreshArticle } from './service.ts';
import {
  type CommentStatus,
  commentModerationLog,
  commentReports,
  comments,
  type ModerationAction,
} from './tables.ts';
import { decodeCursor, encodeCursor } from './text.ts';

export const QUEUES = ['pending', 'reported', 'hidden'] as const;
export type Queue = (typeof QUEUES)[number];
export const QUEUE_PAGE = 30;

/** A queue, newest first: the comment in full, its author's public face, and open reports. */
export async function moderationQueue(ctx: AppContext, queue: Queue, cursor?: string) {
  const before = decodeCursor(cursor);
  const openReport = sql`exists (select 1 from ${commentReports} where ${commentReports.commentId} = ${comments.id} and ${commentReports.resolvedAt} is null)`;
  const rows = await ctx.db
    .select()
    .from(comments)
    .where(
      and(
        queue === 'reported'
          ? and(inArray(comments.status, ['visible', 'pending']), openReport)
          : eq(comments.status, queue),
        before !== undefined ? lt(comments.id, before) : undefined,
      ),
    )
    .orderBy(desc(comments.id))
    .limit(QUEUE_PAGE + 1);
  const page = rows.slice(0, QUEUE_PAGE);
  const ids = page.map((r) => r.id);
  const [profiles, titles, reports] = await Promise.all([
    publicProfiles(
      ctx.db,
      page.map((r) => r.userId).filter((id): id is number => id !== null),
    ),
    publishedTitles(
      ctx.db,
      page.map((r) => r.articleId),
    ),
    ids.length === 0
      ? Promise.resolve([])
      : ctx.db
          .select({
            commentId: commentReports.commentId,
            reason: commentReports.reason,
            note: commentReports.note,
          })
          .from(commentReports)
          .where(and(inArray(commentReports.commentId, ids), isNull(commentReports.resolvedAt))),
  ]);
  return {
    items: page.map((r) => {
      const profile = r.userId !== null ? profiles.get(r.userId) : undefined;
      const open = reports.filter((x) => x.commentId === r.id);
      return {
        id: r.id,
        articleId: r.articleId,
        articleTitle: titles.get(r.articleId) ?? null,
        threadId: r.threadId,
        body: r.body,
        status: r.status,
        heldFor: r.heldFor,
        author: profile ? { nickname: profile.nickname, ipRegion: r.ipRegion } : null,
        createdAt: r.createdAt.toISOString(),
        reports: open.map((x) => ({ reason: x.reason, note: x.note })),
      };
    }),
    nextCursor: rows.length > QUEUE_PAGE ? encodeCursor(page.at(-1)!.id) : null,
  };
}

/** Which states each action starts from, and where it leads. */
const TRANSITIONS: Record<
  Exclude<ModerationAction, 'delete'>,
  { from: CommentStatus[]; to: CommentStatus }
> = {
  // Approving a visible comment that was reported keeps it and closes the reports.
  approve: { from: ['pending', 'visible'], to: 'visible' },
  hide: { from: ['pending', 'visible'], to: 'hidden' },
  restore: { from: ['hidden'], to: 'visible' },
};

const shift = (from: CommentStatus, to: CommentStatus) =>
  (to === 'visible' ? 1 : 0) - (from === 'visible' ? 1 : 0);

async function log(
  db: Db,
  ctx: AppContext,
  entry: {
    commentId: number;
    authorId: number | null;
    staffId: number;
    action: ModerationAction;
    reason: string;
  },
) {
  await db.insert(commentModerationLog).values({ ...entry, at: ctx.clock.now() });
}

export async function moderate(
  ctx: AppContext,
  staffId: number,
  id: number,
  action: Exclude<ModerationAction, 'delete'>,
  reason: string,
) {
  const row = await findComment(ctx.db, id);
  if (!row || row.status === 'deleted')
    throw new AppError('comment.not_found', `No comment has the id ${id}.`);
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(row.status)) {
    throw new AppError('comment.not_allowed', `A ${row.status} comment cannot be given "${action}".`);
  }
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    // Only from the state read: a concurrent action on the same comment counts once.
    const moved = await db
      .update(comments)
      .set({ status: rule.to, heldFor: rule.to === 'pending' ? row.heldFor : null, updatedAt: now })
      .where(and(eq(comments.id, id), eq(comments.status, row.status)))
      .returning({ id: comments.id });
    if (moved.length === 0)
      throw new AppError('comment.not_allowed', 'The comment changed meanwhile; reload.');
    await countVisible(db, row.articleId, shift(row.status, rule.to));
    if (action !== 'restore') {
      await db
        .update(commentReports)
        .set({ resolvedAt: now })
        .where(and(eq(commentReports.commentId, id), isNull(commentReports.resolvedAt)));
    }
    await log(db, ctx, { commentId: id, authorId: row.userId, staffId, action, reason });
  });
  if (shift(row.status, rule.to) !== 0) await refreshArticle(ctx, row.articleId);
  return { id, status: rule.to };
}

/** A moderator deletes a comment (as its author could), with the reason logged. */
export async function moderatorDelete(ctx: AppContext, staffId: number, id: number, reason: string) {
  const row = await findComment(ctx.db, id);
  if (!row || row.status === 'deleted')
    throw new AppError('comment.not_found', `No comment has the id ${id}.`);
  await ctx.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    await countedHere(db);
    await db.delete(comments).where(eq(comments.id, id));
    if (row.status === 'visible') await countVisible(db, row.articleId, -1);
    await log(db, ctx, { commentId: id, authorId: row.userId, staffId, action: 'delete', reason });
  });
  if (row.status === 'visible') await refreshArticle(ctx, row.articleId);
}

/** The log, newest first, of one comment or of all. */
export async function moderationLog(ctx: AppContext, query: { commentId?: number; cursor?: string }) {
  const before = decodeCursor(query.cursor);
  const rows = await ctx.db
    .select()
    .from(commentModerationLog)
    .where(
      and(
        query.commentId !== undefined ? eq(commentModerationLog.commentId, query.commentId) : undefined,
        before !== undefined ? lt(commentModerationLog.id, before) : undefined,
      ),
    )
    .orderBy(desc(commentModerationLog.id))
    .limit(QUEUE_PAGE + 1);
  const page = rows.slice(0, QUEUE_PAGE);
  return {
    items: page.map((r) => ({
      id: r.id,
      commentId: r.commentId,
      staffId: r.staffId,
      action: r.action,
      reason: r.reason,
      at: r.at.toISOString(),
    })),
    nextCursor: rows.length > QUEUE_PAGE ? encodeCursor(page.at(-1)!.id) : null,
  };
}
