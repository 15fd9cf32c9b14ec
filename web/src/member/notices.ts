/** Security-incident notices, announcements and the service's status (src/modules/incidents). */
import { api } from '../shared/api.ts';

export interface Bilingual {
  zh: string;
  en: string;
}

interface IncidentText {
  reference: string;
  title: Bilingual;
  categories: { id: string; label: Bilingual }[];
  cause: Bilingual;
  possibleHarm: Bilingual;
  measures: Bilingual;
  advice: Bilingual;
  contact: string;
}

export interface Notice extends IncidentText {
  id: number;
  viaGuardian: boolean;
  notifiedAt: string;
  readAt: string | null;
}

export interface Announcement extends IncidentText {
  publishedAt: string | null;
}

export interface ServiceStatus {
  mode: 'normal' | 'ending';
  announcedAt: string | null;
  endsAt: string | null;
  message: Bilingual | null;
  endedAt: string | null;
}

export const listNotices = (signal?: AbortSignal) => api<{ items: Notice[] }>('/me/notices', { signal });
export const markNoticeRead = (id: number) => api<void>(`/me/notices/${id}/read`, { method: 'POST' });
export const listAnnouncements = (signal?: AbortSignal) =>
  api<{ items: Announcement[] }>('/announcements', { signal });
export const getServiceStatus = (signal?: AbortSignal) => api<ServiceStatus>('/service-status', { signal });
