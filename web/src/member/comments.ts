/** The comments API as the member app uses it (shapes from src/modules/comments/schemas.ts). */
import { api } from '../shared/api.ts';

export type CommentStatus = 'pending' | 'visible' | 'hidden' | 'deleted';
export const REPORT_REASONS = ['spam', 'abuse', 'illegal', 'pornography', 'fraud', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export interface CommentItem {
  id: number;
  articleId: number;
  threadId: number | null;
  status: CommentStatus;
  /** Plain text: rendered as a text node, never as HTML. */
  body: string | null;
  author: { nickname: string | null; avatarUrl: string | null; ipRegion: string | null } | null;
  replyTo: { id: number; nickname: string | null } | null;
  mine: boolean;
  likeCount: number;
  likedByMe: boolean;
  createdAt: string;
}

export interface Thread extends CommentItem {
  replyCount: number;
  replies: CommentItem[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface MyComment extends CommentItem {
  articleTitle: string | null;
  heldFor: 'pre-moderation' | 'banned-word' | null;
}

export const listComments = (articleId: number, cursor?: string | null, signal?: AbortSignal) =>
  api<Page<Thread>>(`/articles/${articleId}/comments`, { query: { cursor }, signal });

export const listReplies = (commentId: number, cursor?: string | null) =>
  api<Page<CommentItem>>(`/comments/${commentId}/replies`, { query: { cursor } });

export const postComment = (articleId: number, body: string, replyTo?: number) =>
  api<CommentItem>(`/articles/${articleId}/comments`, {
    method: 'POST',
    body: replyTo ? { body, replyTo } : { body },
  });

export const deleteComment = (id: number) => api<void>(`/comments/${id}`, { method: 'DELETE' });

export const setLike = (id: number, liked: boolean) =>
  api<{ liked: boolean; likeCount: number }>(`/comments/${id}/like`, { method: liked ? 'PUT' : 'DELETE' });

export const reportComment = (id: number, reason: ReportReason, note?: string) =>
  api<{ id: number }>(`/comments/${id}/reports`, {
    method: 'POST',
    body: note ? { reason, note } : { reason },
  });

export const myComments = (cursor?: string | null, signal?: AbortSignal) =>
  api<Page<MyComment>>('/me/comments', { query: { cursor }, signal });
