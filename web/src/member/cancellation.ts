/** The cancellation API (API contract, Privacy): the preview and the request. */
import { api } from '../shared/api.ts';

export interface Label {
  zh: string;
  en: string;
}

export interface CancellationItem {
  category: string;
  label: Label;
  action: 'delete' | 'anonymise' | 'keep';
  reason: Label | null;
  retention: Label | null;
}

export const getCancellationPreview = (signal?: AbortSignal) =>
  api<{ irreversible: true; items: CancellationItem[] }>('/me/cancellation/preview', { signal });

export const cancelAccount = (code: string) =>
  api<{ status: string; receiptId: string }>('/me/cancellation', { method: 'POST', body: { code } });
