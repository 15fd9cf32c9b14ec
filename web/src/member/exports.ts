/** The data-export API as the member app uses it (shapes from src/modules/exports/schemas.ts). */
import { api } from '../shared/api.ts';

export interface DataExport {
  id: string;
  status: 'pending' | 'ready' | 'failed';
  language: 'zh-CN' | 'en';
  requestedAt: string;
  readyAt?: string;
  expiresAt?: string;
  expired: boolean;
  sizeBytes?: number;
  /** Present while the export is ready and its link has not expired. */
  downloadUrl?: string;
}

export const listExports = (signal?: AbortSignal) =>
  api<{ items: DataExport[] }>('/me/exports', { signal }).then((r) => r.items);

export const requestExport = (lang: 'zh-CN' | 'en') =>
  api<DataExport>('/me/exports', { method: 'POST', body: { lang } });
