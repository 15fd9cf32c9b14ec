/**
 * How comments are shown: what a viewer may see of a thread, and the card of each comment (the
 * author's nickname, avatar and province, never the phone; likes; whom a reply answers).
 */
import { and, eq, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { publicProfiles } from '../accounts/public-profile.ts';
import { commentLikes, comments } from './tables.ts';

export type CommentRow = typeof comments.$inferSelect;

export interface CommentView {
  id: number;
  articleId: number;
  threadId: number | null;
  status: CommentRow['status'];
  body: string | null;
  author: { nickname: string | null; avatarUrl: string | null; ipRegion: string | null } | null;
  replyTo: { id: number; nickname: string | null } | null;
  mine: boolean;
  likeCount: number;
  likedByMe: boolean;
  createdAt: string;
}

export interface ThreadView extends CommentView {
  replyCount: number;
  replies: CommentView[];
}

/** Replies shown under each top-level comment in the list; the rest are fetched per thread. */
export const FIRST_REPLIES = 3;

const visibleReplyExists = sql`exists (select 1 from ${comments} r where r.thread_id = ${comments.id} and r.status = 'visible')`;

/**
 * What a viewer sees: visible comments, their own pending and hidden ones (marked), and the
 * "deleted" placeholder of a thread that still has visible replies.
 */
export function seenBy(viewerId: number | undefined): SQL {
  return or(
    eq(comments.status, 'visible'),
    viewerId !== undefined
      ? and(eq(comments.userId, viewerId), inArray(comments.status, ['pending', 'hidden']))
      : undefined,
    and(eq(comments.status, 'deleted'), visibleReplyExists),
  )!;
}

/** Cards for rows, in the given order: three queries whatever the number of rows. */
export async function present(db: Db, rows: CommentRow[], viewerId?: number): Promise<CommentView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  // Whom a reply to a reply answers (a reply to the top-level comment needs no name).
  const targetIds = rows
    .filter((r) => r.replyToId !== null && r.replyToId !== r.threadId)
    .map((r) => r.replyToId!);
  const [likes, targets] = await Promise.all([
    db
      .select({
        commentId: commentLikes.commentId,
        n: sql<number>`count(*)::int`,
        mine:
          viewerId === undefined
            ? sql<boolean>`false`
            : sql<boolean>`bool_or(${commentLikes.userId} = ${viewerId})`,
      })
      .from(commentLikes)
      .where(inArray(commentLikes.commentId, ids))
      .groupBy(commentLikes.commentId),
    targetIds.length === 0
      ? Promise.resolve([])
      : db
          .select({ id: comments.id, userId: comments.userId, status: comments.status })
          .from(comments)
          .where(inArray(comments.id, targetIds)),
  ]);
  const authorIds = [
    ...rows.map((r) => r.userId),
    ...targets.filter((t) => t.status !== 'deleted').map((t) => t.userId),
  ].filter((id): id is number => id !== null);
  const profiles = await publicProfiles(db, authorIds);
  const likeMap = new Map(likes.map((l) => [l.commentId, l]));
  const targetMap = new Map(targets.map((t) => [t.id, t]));
  return rows.map((r) => {
    const deleted = r.status === 'deleted';
    const profile = r.userId !== null ? profiles.get(r.userId) : undefined;
    const target = r.replyToId !== null ? targetMap.get(r.replyToId) : undefined;
    const like = likeMap.get(r.id);
    return {
      id: r.id,
      articleId: r.articleId,
      threadId: r.threadId,
      status: r.status,
      body: deleted ? null : r.body,
      author:
        deleted || !profile
          ? null
          : { nickname: profile.nickname, avatarUrl: profile.avatarUrl, ipRegion: r.ipRegion },
      replyTo: target
        ? {
            id: target.id,
            nickname:
              target.status !== 'deleted' && target.userId !== null
                ? (profiles.get(target.userId)?.nickname ?? null)
                : null,
          }
        : null,
      mine: viewerId !== undefined && r.userId === viewerId,
      likeCount: deleted ? 0 : (like?.n ?? 0),
      likedByMe: !deleted && (like?.mine ?? false),
      createdAt: r.createdAt.toISOString(),
    };
  });
}

/** Top-level cards with their reply counts and first replies, as the viewer may see them. */
export async function presentThreads(db: Db, roots: CommentRow[], viewerId?: number): Promise<ThreadView[]> {
  if (roots.length === 0) return [];
  const rootIds = roots.map((r) => r.id);
  const seen = seenBy(viewerId);
  const numbered = db
    .select({
      id: comments.id,
      rn: sql<number>`row_number() over (partition by ${comments.threadId} order by ${comments.id})`.as('rn'),
    })
    .from(comments)
    .where(and(inArray(comments.threadId, rootIds), seen))
    .as('numbered');
  const [counts, firstIds] = await Promise.all([
    db
      .select({ threadId: comments.threadId, n: sql<number>`count(*)::int` })
      .from(comments)
      .where(and(inArray(comments.threadId, rootIds), seen))
      .groupBy(comments.threadId),
    db.select({ id: numbered.id }).from(numbered).where(lte(numbered.rn, FIRST_REPLIES)),
  ]);
  const replyRows =
    firstIds.length === 0
      ? []
      : await db
          .select()
          .from(comments)
          .where(
            inArray(
              comments.id,
              firstIds.map((f) => f.id),
            ),
          )
          .orderBy(comments.id);
  const cards = await present(db, [...roots, ...replyRows], viewerId);
  const byId = new Map(cards.map((c) => [c.id, c]));
  const countMap = new Map(counts.map((c) => [c.threadId, c.n]));
  return roots.map((root) => ({
    ...byId.get(root.id)!,
    replyCount: countMap.get(root.id) ?? 0,
    replies: replyRows.filter((r) => r.threadId === root.id).map((r) => byId.get(r.id)!),
  }));
}
