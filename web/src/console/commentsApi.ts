/** Console API of comment moderation (src/modules/comments/console-routes.ts). */
import { api } from '../shared/api.ts';
import { consoleCsrf } from './consoleApi.ts';

export const QUEUES = ['pending', 'reported', 'hidden'] as const;
export type Queue = (typeof QUEUES)[number];
export type ModerationMode = 'pre' | 'post';

export interface QueuedComment {
  id: number;
  articleId: number;
  articleTitle: string | null;
  threadId: number | null;
  body: string | null;
  status: 'pending' | 'visible' | 'hidden' | 'deleted';
  heldFor: 'pre-moderation' | 'banned-word' | null;
  author: { nickname: string | null; ipRegion: string | null } | null;
  createdAt: string;
  reports: { reason: string; note: string | null }[];
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
export interface LogEntry {
  id: number;
  commentId: number;
  staffId: number;
  action: 'approve' | 'hide' | 'restore' | 'delete';
  reason: string;
  at: string;
}
export interface ColumnMode {
  columnId: string;
  name: string;
  mode: ModerationMode;
}
export interface BannedWord {
  id: number;
  word: string;
  kind: string;
}

export const commentQueue = (queue: Queue, cursor?: string | null) =>
  api<Page<QueuedComment>>('/console/comments', { query: { queue, cursor } });

export const moderateComment = (
  id: number,
  action: 'approve' | 'hide' | 'restore' | 'delete',
  reason: string,
) =>
  api<unknown>(`/console/comments/${id}/${action}`, {
    method: 'POST',
    body: reason ? { reason } : {},
    headers: consoleCsrf(),
  });

export const moderationLog = (cursor?: string | null) =>
  api<Page<LogEntry>>('/console/comment-moderation-log', { query: { cursor } });

export const columnModes = (lang: string) =>
  api<ColumnMode[]>('/console/comment-settings/columns', { query: { lang } });

export const setColumnMode = (columnId: string, mode: ModerationMode) =>
  api<unknown>(`/console/comment-settings/columns/${encodeURIComponent(columnId)}`, {
    method: 'PUT',
    body: { mode },
    headers: consoleCsrf(),
  });

export const commentWords = () =>
  api<Page<BannedWord>>('/console/banned-words', { query: { kind: 'comment' } });

export const addCommentWord = (word: string) =>
  api<BannedWord>('/console/banned-words', {
    method: 'POST',
    body: { word, kind: 'comment' },
    headers: consoleCsrf(),
  });

export const removeWord = (id: number) =>
  api<void>(`/console/banned-words/${id}`, { method: 'DELETE', headers: consoleCsrf() });
