/** The member's rights requests (src/modules/requests/routes.ts). */
import { api } from '../shared/api.ts';

export const REQUEST_TYPES = ['access', 'correction', 'deletion', 'explanation', 'complaint'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];
export type RequestStatus = 'open' | 'in-progress' | 'done' | 'refused';
export const DETAIL_MAX = 2000;
/** Every type but access needs the member to say what the request is about. */
export const detailRequired = (type: RequestType) => type !== 'access';

export interface MyRequest {
  id: number;
  type: RequestType;
  /** guardian: the child's guardian opened it on the child's behalf. */
  channel: 'member' | 'guardian';
  status: RequestStatus;
  detail: string | null;
  createdAt: string;
  dueAt: string;
  answer: string | null;
  refusalReason: string | null;
  answeredAt: string | null;
}

export const listMyRequests = (signal?: AbortSignal) =>
  api<{ items: MyRequest[] }>('/me/requests', { signal }).then((r) => r.items);

export const openRequest = (type: RequestType, detail: string) =>
  api<{ id: number; dueAt: string }>('/me/requests', {
    method: 'POST',
    body: detail ? { type, detail } : { type },
  });
