/**
 * The guardian's API (src/modules/guardian/access-routes.ts): a session opened with a code sent to
 * the guardian's own phone (the HttpOnly ccm_guardian cookie, 30 minutes), and per child the same
 * flows as the member's own: profile, exports, rights requests, cancellation.
 */
import { api } from '../shared/api.ts';
import type { Me, ProfilePatch } from './account.ts';
import type { CancellationItem } from './cancellation.ts';
import type { DataExport } from './exports.ts';
import type { MyRequest, RequestType } from './requests.ts';

export interface ChildInCare {
  id: number;
  nickname: string | null;
  avatarUrl: string | null;
  consentedAt: string;
}

export interface GuardianSession {
  expiresAt: string;
  children: ChildInCare[];
}

export const requestGuardianAccessCode = (phone: string) =>
  api<{ retryAfterSeconds: number }>('/guardian/session/code', { method: 'POST', body: { phone } });

export const openGuardianSession = (phone: string, code: string) =>
  api<GuardianSession>('/guardian/session', { method: 'POST', body: { phone, code } });

export const getGuardianSession = (signal?: AbortSignal) =>
  api<GuardianSession>('/guardian/session', { signal });

export const endGuardianSession = () => api<void>('/guardian/session', { method: 'DELETE' });

const child = (id: number) => `/guardian/children/${id}`;

export const getChild = (id: number, signal?: AbortSignal) => api<Me>(child(id), { signal });

export const correctChild = (id: number, patch: ProfilePatch) =>
  api<Me>(child(id), { method: 'PATCH', body: patch });

export const listChildExports = (id: number, signal?: AbortSignal) =>
  api<{ items: DataExport[] }>(`${child(id)}/exports`, { signal }).then((r) => r.items);

export const requestChildExport = (id: number, lang: 'zh-CN' | 'en') =>
  api<DataExport>(`${child(id)}/exports`, { method: 'POST', body: { lang } });

export const listChildRequests = (id: number, signal?: AbortSignal) =>
  api<{ items: MyRequest[] }>(`${child(id)}/requests`, { signal }).then((r) => r.items);

export const openChildRequest = (id: number, type: RequestType, detail: string) =>
  api<{ id: number; dueAt: string }>(`${child(id)}/requests`, {
    method: 'POST',
    body: detail ? { type, detail } : { type },
  });

export const getChildCancellationPreview = (id: number, signal?: AbortSignal) =>
  api<{ irreversible: true; items: CancellationItem[] }>(`${child(id)}/cancellation/preview`, { signal });

export const cancelChildAccount = (id: number) =>
  api<{ status: string; receiptId: string }>(`${child(id)}/cancellation`, {
    method: 'POST',
    body: { confirm: true },
  });
