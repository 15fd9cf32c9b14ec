/**
 * Comments under published articles: post (with one level of replies), list, delete, like and
 * report. Moderation (the console) is in moderation.ts.
 */

import { and, desc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { type Db, isUniqueViolation } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { postingStanding } from '../accounts/public-profile.ts';
import { ARTICLE_CACHE } from '../content/routes.ts';
import { adjustArticleCount, getPublishedArticle, requirePublishedArticle } from '../content/service.ts';
import { publishedTitles } from '../content/titles.ts';
import { containsBannedWord } from '../profile/banned-words.ts';
import { profileChanged } from '../recommendations/profile-events.ts';
import { enforce, hit } from '../security/rate-limit.ts';
import { moderationModeOf } from './settings.ts';
import {
  type CommentStatus,
  commentLikes,
  commentRecounts,
  commentReports,
  comments,
  type HeldFor,
  type ReportReason,
} from './tables.ts';
import { commentText, decodeCursor, encodeCursor } from './text.ts';
import {
  type CommentRow,
  type CommentView,
  present,
  presentThreads,
  seenBy,
  type ThreadView,
} from './views.ts';

export const COMMENTS_PAGE = 20;
export const REPLIES_PAGE = 20;
/** Per member: a burst of 5 a minute, and 100 a day. */
export const COMMENT_LIMITS = [
  { scope: 'comment:user-min', limit: 5, windowMs: 60_000 },
  { scope: 'comment:user-day', limit: 100, windowMs: 86_400_000 },
] as const;

const notFound = (id: number) => new AppError('comment.not_found', `No comment has the id ${id}.`);

/**
 * The article's counter and its cached answer move together. Only the article's own key is
 * dropped: the feed shows no counts, so a comment need not empty every instance's feed pages.
 */
export async function countVisible(db: Db, articleId: number, by: number): Promise<void> {
  if (by === 0) return;
  await adjustArticleCount(db, articleId, 'commentCount', by);
}
export const refreshArticle = (ctx: AppContext, articleId: number) =>
  ctx.caches.invalidate(ARTICLE_CACHE, String(articleId));

/**
 * Tells the delete trigger that this transaction counts the comments it deletes itself, so it
 * does not mark the article for a recount (migration comment_recounts_mark).
 */
export async function countedHere(db: Db): Promise<void> {
  await db.execute(sql`SELECT set_config('ccm.comment_counted', 'on', true)`);
}

/**
 * Settles a recount the trigger asked for (a cancelled member's visible comments were erased):
 * the counter moves by the difference to the visible comments there are.
 */
async function settleRecount(ctx: AppContext, articleId: number): Promise<void> {
  const marked = await ctx.db
    .delete(commentRecounts)
    .where(eq(commentRecounts.articleId, articleId))
    .returning({ id: commentRecounts.articleId });
  if (marked.length === 0) return;
  const [{ n }] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(comments)
    .where(and(eq(comments.articleId, articleId), eq(comments.status, 'visible')));
  const shown = (await getPublishedArticle(ctx.db, articleId)).counts.comments;
  if (n !== shown) {
    await countVisible(ctx.db, articleId, n - shown);
    await refreshArticle(ctx, articleId);
  }
}

export async function postComment(
  ctx: AppContext,
  input: { userId: number; articleId: number; body: string; replyTo?: number; ipRegion: string | null },
): Promise<CommentView & { replyCount?: number }> {
  // The real-name rule for comment services: a verified phone, and an account in good standing.
  const standing = await postingStanding(ctx.db, input.userId);
  if (!standing) throw new AppError('auth.unauthenticated');
  if (!standing.hasPhone) {
    throw new AppError('comment.phone_required', 'Bind and verify a phone number before commenting.');
  }
  if (!standing.active) throw new AppError('comment.member_inactive');
  const article = await requirePublishedArticle(ctx.db, input.articleId);
  const body = commentText(input.body);

  let threadId: number | null = null;
  if (input.replyTo !== undefined) {
    const [parent] = await ctx.db
      .select({ id: comments.id, threadId: comments.threadId })
      .from(comments)
      .where(
        and(
          eq(comments.id, input.replyTo),
          eq(comments.articleId, article.id),
          eq(comments.status, 'visible'),
        ),
      );
    if (!parent) throw notFound(input.replyTo);
    // One level of replies: a reply to a reply joins the top-level comment's thread.
    threadId = parent.threadId ?? parent.id;
  }

  const who = ctx.keyring.blindIndex('rate-limit.user', String(input.userId));
  for (const l of COMMENT_LIMITS) {
    enforce(
      await hit(ctx.db, ctx.clock, { key: `${l.scope}:${who}`, limit: l.limit, windowMs: l.windowMs }),
      'Too many comments; wait a little.',
    );
  }

  let status: CommentStatus = 'visible';
  let heldFor: HeldFor | null = null;
  if (await containsBannedWord(ctx.db, 'comment', body)) [status, heldFor] = ['pending', 'banned-word'];
  else if ((await moderationModeOf(ctx.db, article.columnId)) === 'pre') {
    [status, heldFor] = ['pending', 'pre-moderation'];
  }
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(comments)
      .values({
        articleId: article.id,
        userId: input.userId,
        threadId,
        replyToId: input.replyTo ?? null,
        body,
        ipRegion: input.ipRegion ?? standing.ipRegion,
        status,
        heldFor,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (status === 'visible') await countVisible(tx as unknown as Db, article.id, 1);
    return inserted;
  });
  if (status === 'visible') await refreshArticle(ctx, article.id);
  await profileChanged(ctx, input.userId);
  const [view] = await present(ctx.db, [row], input.userId);
  return threadId === null ? { ...view, replyCount: 0 } : view;
}

/** Top-level comments of a published article, newest first, each with its first replies. */
export async function listComments(
  ctx: AppContext,
  input: { articleId: number; viewerId?: number; cursor?: string; limit?: number },
): Promise<{ items: ThreadView[]; nextCursor: string | null }> {
  const before = decodeCursor(input.cursor);
  await requirePublishedArticle(ctx.db, input.articleId);
  await settleRecount(ctx, input.articleId);
  const limit = input.limit ?? COMMENTS_PAGE;
  const rows = await ctx.db
    .select()
    .from(comments)
    .where(
      and(
        eq(comments.articleId, input.articleId),
        isNull(comments.threadId),
        before !== undefined ? lt(comments.id, before) : undefined,
        seenBy(input.viewerId),
      ),
    )
    .orderBy(desc(comments.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: await presentThreads(ctx.db, page, input.viewerId),
    nextCursor: rows.length > limit ? encodeCursor(page.at(-1)!.id) : null,
  };
}

/** The replies of one thread, oldest first (the rest after the first ones shown in the list). */
export async function listReplies(
  ctx: AppContext,
  input: { commentId: number; viewerId?: number; cursor?: string },
): Promise<{ items: CommentView[]; nextCursor: string | null }> {
  const after = decodeCursor(input.cursor);
  const root = await readableRoot(ctx, input.commentId, input.viewerId);
  const rows = await ctx.db
    .select()
    .from(comments)
    .where(
      and(
        eq(comments.threadId, root.id),
        after !== undefined ? gt(comments.id, after) : undefined,
        seenBy(input.viewerId),
      ),
    )
    .orderBy(comments.id)
    .limit(REPLIES_PAGE + 1);
  const page = rows.slice(0, REPLIES_PAGE);
  return {
    items: await present(ctx.db, page, input.viewerId),
    nextCursor: rows.length > REPLIES_PAGE ? encodeCursor(page.at(-1)!.id) : null,
  };
}

async function readableRoot(ctx: AppContext, id: number, viewerId?: number): Promise<CommentRow> {
  const [row] = await ctx.db
    .select()
    .from(comments)
    .where(and(eq(comments.id, id), isNull(comments.threadId), seenBy(viewerId)));
  if (!row) throw notFound(id);
  await requirePublishedArticle(ctx.db, row.articleId).catch(() => {
    throw notFound(id);
  });
  return row;
}

/**
 * Removes a comment. One with replies becomes a "deleted" placeholder (text and author gone) so
 * the thread stays; the database decides that (trigger of migration comments_keep_threads).
 */
export async function removeComment(ctx: AppContext, row: CommentRow): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await countedHere(tx as unknown as Db);
    await tx.delete(comments).where(eq(comments.id, row.id));
    if (row.status === 'visible') await countVisible(tx as unknown as Db, row.articleId, -1);
  });
  if (row.status === 'visible') await refreshArticle(ctx, row.articleId);
}

/** A member deletes their own comment; another member's is 403, an unseen one 404. */
export async function deleteOwnComment(ctx: AppContext, userId: number, id: number): Promise<void> {
  const row = await findComment(ctx.db, id);
  if (!row || row.status === 'deleted') throw notFound(id);
  if (row.userId !== userId) {
    if (row.status !== 'visible') throw notFound(id);
    throw new AppError('auth.forbidden', 'Only its author or a moderator may delete a comment.');
  }
  await removeComment(ctx, row);
}

export async function findComment(db: Db, id: number): Promise<CommentRow | undefined> {
  const [row] = await db.select().from(comments).where(eq(comments.id, id));
  return row;
}

/** A visible comment of a published article, for likes and reports. */
async function visibleComment(ctx: AppContext, id: number): Promise<CommentRow> {
  const row = await findComment(ctx.db, id);
  if (row?.status !== 'visible') throw notFound(id);
  await requirePublishedArticle(ctx.db, row.articleId).catch(() => {
    throw notFound(id);
  });
  return row;
}

/** Like or unlike: one like per member, idempotent both ways. */
export async function setLike(
  ctx: AppContext,
  userId: number,
  id: number,
  liked: boolean,
): Promise<{ liked: boolean; likeCount: number }> {
  await visibleComment(ctx, id);
  if (liked) {
    await ctx.db
      .insert(commentLikes)
      .values({ commentId: id, userId, createdAt: ctx.clock.now() })
      .onConflictDoNothing();
  } else {
    await ctx.db
      .delete(commentLikes)
      .where(and(eq(commentLikes.commentId, id), eq(commentLikes.userId, userId)));
  }
  const [{ n }] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(commentLikes)
    .where(eq(commentLikes.commentId, id));
  return { liked, likeCount: n };
}

/** One report per member per comment (409 comment.already_reported the second time). */
export async function reportComment(
  ctx: AppContext,
  userId: number,
  id: number,
  input: { reason: ReportReason; note?: string },
): Promise<{ id: number; reason: ReportReason; createdAt: string }> {
  await visibleComment(ctx, id);
  const note = input.note === undefined ? null : commentText(input.note, 'body.note');
  try {
    const [row] = await ctx.db
      .insert(commentReports)
      .values({ commentId: id, userId, reason: input.reason, note, createdAt: ctx.clock.now() })
      .returning();
    return { id: row.id, reason: row.reason, createdAt: row.createdAt.toISOString() };
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('comment.already_reported');
    throw err;
  }
}

export interface MyComment extends CommentView {
  articleTitle: string | null;
  heldFor: HeldFor | null;
}

/** The member's own comments, newest first, with the title of each article (null if unpublished). */
export async function myComments(
  ctx: AppContext,
  userId: number,
  cursor?: string,
): Promise<{ items: MyComment[]; nextCursor: string | null }> {
  const before = decodeCursor(cursor);
  const rows = await ctx.db
    .select()
    .from(comments)
    .where(
      and(
        eq(comments.userId, userId),
        inArray(comments.status, ['visible', 'pending', 'hidden']),
        before !== undefined ? lt(comments.id, before) : undefined,
      ),
    )
    .orderBy(desc(comments.id))
    .limit(COMMENTS_PAGE + 1);
  const page = rows.slice(0, COMMENTS_PAGE);
  const [cards, titles] = await Promise.all([
    present(ctx.db, page, userId),
    publishedTitles(
      ctx.db,
      page.map((r) => r.articleId),
    ),
  ]);
  return {
    items: cards.map((c, i) => ({
      ...c,
      articleTitle: titles.get(c.articleId) ?? null,
      heldFor: page[i].heldFor,
    })),
    nextCursor: rows.length > COMMENTS_PAGE ? encodeCursor(page.at(-1)!.id) : null,
  };
}

/** The articles the member commented on, with the latest comment's time, most recent first. */
export async function commentedArticlesOf(db: Db, userId: number, limit: number) {
  return db
    .select({
      articleId: comments.articleId,
      at: sql<Date>`max(${comments.createdAt})`.mapWith(comments.createdAt),
    })
    .from(comments)
    .where(eq(comments.userId, userId))
    .groupBy(comments.articleId)
    .orderBy(desc(sql`max(${comments.createdAt})`))
    .limit(limit);
}
