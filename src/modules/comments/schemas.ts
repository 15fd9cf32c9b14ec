/** Wire shapes of comments: the member API and the console's moderation. */
import { z } from 'zod';
import { QUEUES } from './moderation.ts';
import {
  COMMENT_STATUSES,
  HELD_FOR,
  MODERATION_ACTIONS,
  MODERATION_MODES,
  REPORT_REASONS,
} from './tables.ts';
import { COMMENT_MAX } from './text.ts';

export const ArticleParams = z.object({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});
export const CommentParams = ArticleParams;
export const CursorQuery = z.object({ cursor: z.string().max(100).optional() });

export const PostBody = z.object({
  // A generous bound before normalising; the service counts characters (1 to COMMENT_MAX).
  body: z
    .string()
    .max(COMMENT_MAX * 8)
    .describe(`plain text, 1 to ${COMMENT_MAX} characters once trimmed`),
  replyTo: z.number().int().positive().optional().describe('the comment answered, of the same article'),
});

export const ReportBody = z.object({
  reason: z.enum(REPORT_REASONS),
  note: z
    .string()
    .max(COMMENT_MAX * 8)
    .optional(),
});

const Author = z
  .object({
    nickname: z.string().nullable(),
    avatarUrl: z.string().nullable(),
    ipRegion: z.string().nullable().describe('province of the address the comment was posted from (IP属地)'),
  })
  .nullable();

export const CommentOut = z.object({
  id: z.number().int(),
  articleId: z.number().int(),
  threadId: z.number().int().nullable().describe('the top-level comment of the thread; null for one itself'),
  status: z
    .enum(COMMENT_STATUSES)
    .describe('readers see visible ones; authors also their pending and hidden'),
  body: z.string().nullable().describe('plain text, to be shown as text, never as HTML; null once deleted'),
  author: Author,
  replyTo: z.object({ id: z.number().int(), nickname: z.string().nullable() }).nullable(),
  mine: z.boolean(),
  likeCount: z.number().int(),
  likedByMe: z.boolean(),
  createdAt: z.string(),
});

export const ThreadOut = CommentOut.extend({
  replyCount: z.number().int(),
  replies: z.array(CommentOut).describe('the first replies, oldest first; more from /comments/{id}/replies'),
});

export const NewCommentOut = CommentOut.extend({ replyCount: z.number().int().optional() });
export const ThreadPage = z.object({ items: z.array(ThreadOut), nextCursor: z.string().nullable() });
export const CommentPage = z.object({ items: z.array(CommentOut), nextCursor: z.string().nullable() });
export const MyCommentPage = z.object({
  items: z.array(
    CommentOut.extend({ articleTitle: z.string().nullable(), heldFor: z.enum(HELD_FOR).nullable() }),
  ),
  nextCursor: z.string().nullable(),
});
export const LikeOut = z.object({ liked: z.boolean(), likeCount: z.number().int() });
export const ReportOut = z.object({
  id: z.number().int(),
  reason: z.enum(REPORT_REASONS),
  createdAt: z.string(),
});

// Console
export const Reason = z.string().trim().min(2).max(500);
export const ModerateBody = z.object({ reason: Reason });
export const ApproveBody = z.object({ reason: Reason.optional() });
export const DeleteQuery = z.object({
  reason: Reason.optional().describe('required when a moderator deletes (console session)'),
});
export const QueueQuery = CursorQuery.extend({ queue: z.enum(QUEUES).default('pending') });
export const QueuePage = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      articleId: z.number().int(),
      articleTitle: z.string().nullable(),
      threadId: z.number().int().nullable(),
      body: z.string().nullable(),
      status: z.enum(COMMENT_STATUSES),
      heldFor: z.enum(HELD_FOR).nullable(),
      author: z.object({ nickname: z.string().nullable(), ipRegion: z.string().nullable() }).nullable(),
      createdAt: z.string(),
      reports: z.array(z.object({ reason: z.enum(REPORT_REASONS), note: z.string().nullable() })),
    }),
  ),
  nextCursor: z.string().nullable(),
});
export const ModeratedOut = z.object({ id: z.number().int(), status: z.enum(COMMENT_STATUSES) });
export const LogQuery = CursorQuery.extend({ commentId: z.coerce.number().int().positive().optional() });
export const LogPage = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      commentId: z.number().int(),
      staffId: z.number().int(),
      action: z.enum(MODERATION_ACTIONS),
      reason: z.string(),
      at: z.string(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
export const ColumnModeOut = z.object({
  columnId: z.string(),
  name: z.string(),
  mode: z.enum(MODERATION_MODES),
  updatedAt: z.string().nullable(),
});
export const ColumnModeBody = z.object({ mode: z.enum(MODERATION_MODES) });
export const ColumnParams = z.object({ columnId: z.string().min(1).max(60) });
