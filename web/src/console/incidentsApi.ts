/** Console API of incidents and the end of the service (src/modules/incidents/console-routes.ts). */
import { api } from '../shared/api.ts';
import { consoleCsrf } from './consoleApi.ts';

export interface Bilingual {
  zh: string;
  en: string;
}
export const AUDIENCES = ['listed', 'all', 'announcement'] as const;
export type Audience = (typeof AUDIENCES)[number];

export interface IncidentInput {
  title: Bilingual;
  categories: string[];
  cause: Bilingual;
  possibleHarm: Bilingual;
  measures: Bilingual;
  advice: Bilingual;
  contact: string;
  occurredAt?: string | null;
  discoveredAt: string;
  audience: Audience;
  affectedUserIds?: number[];
}

export interface Incident extends IncidentInput {
  id: number;
  reference: string;
  status: 'draft' | 'notified' | 'closed';
  createdAt: string;
  notifiedAt: string | null;
  notifiedMembers: number;
  notifiedBySms: number;
  notifiedGuardians: number;
  affectedUserIds: number[];
}

export interface IncidentPage {
  items: Incident[];
  nextCursor: string | null;
}

export interface ServiceStatus {
  mode: 'normal' | 'ending';
  announcedAt: string | null;
  endsAt: string | null;
  message: Bilingual | null;
  endedAt: string | null;
}

export const listIncidents = (before?: string, signal?: AbortSignal) =>
  api<IncidentPage>('/console/incidents', { query: { cursor: before }, signal });
export const createIncident = (body: IncidentInput) =>
  api<Incident>('/console/incidents', { method: 'POST', body, headers: consoleCsrf() });
export const notifyIncident = (id: number) =>
  api<Incident>(`/console/incidents/${id}/notify`, { method: 'POST', body: {}, headers: consoleCsrf() });
export const closeIncident = (id: number) =>
  api<Incident>(`/console/incidents/${id}/close`, { method: 'POST', body: {}, headers: consoleCsrf() });
export const reportUrl = (id: number, lang: 'zh-CN' | 'en') =>
  `/api/v1/console/incidents/${id}/report?lang=${lang}`;

export const getServiceEnd = (signal?: AbortSignal) => api<ServiceStatus>('/console/service-end', { signal });
export const announceServiceEnd = (endsAt: string, message: Bilingual) =>
  api<ServiceStatus>('/console/service-end', {
    method: 'POST',
    body: { endsAt, message },
    headers: consoleCsrf(),
  });
export const withdrawServiceEnd = () =>
  api<ServiceStatus>('/console/service-end', { method: 'DELETE', headers: consoleCsrf() });
