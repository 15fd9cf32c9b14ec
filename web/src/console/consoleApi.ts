/**
 * The console API (src/modules/staff/routes.ts). The session is the HttpOnly `ccm_staff` cookie;
 * unsafe requests also carry the CSRF token (double submit): the one returned at sign-in or
 * session restore, or else the readable `ccm_csrf` cookie it mirrors.
 */

import { api } from '../shared/api.ts';
import type { PersonalColumn } from '../shared/inventory.ts';

export const STAFF_ROLES = ['admin', 'editor', 'reviewer', 'contributor', 'support', 'compliance'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export const ARTICLE_STATES = ['draft', 'in_review', 'scheduled', 'published', 'archived'] as const;
export type ArticleState = (typeof ARTICLE_STATES)[number];

export interface Staff {
  id: number;
  username: string;
  displayName: string;
  role: StaffRole;
}

interface Session {
  staff: Staff;
  csrfToken: string;
}

export interface Overview {
  articles: Record<string, number>;
  members: number;
  staff: number;
  storageRegion: string;
  database: string;
}

export interface ConsoleArticle {
  id: number;
  title: string;
  column: string;
  status: ArticleState;
  language: string;
  publishedAt: string | null;
  updatedAt: string;
  /** Approved by a reviewer at its current revision. */
  approved: boolean;
  publishAt: string | null;
}

export interface ArticlePage {
  items: ConsoleArticle[];
  nextCursor: string | null;
}

export type { Label } from '../shared/inventory.ts';
/** One personal column, as src/platform/inventory.ts describes it. */
export type InventoryRow = PersonalColumn;

export interface Inventory {
  storageRegion: string;
  rows: InventoryRow[];
}

let csrfToken: string | undefined;

/** The CSRF header for unsafe console requests made by other console API files. */
export const consoleCsrf = () => csrfHeader();

export function csrfHeader(): Record<string, string> {
  const fromCookie = document.cookie
    .split('; ')
    .find((c) => c.startsWith('ccm_csrf='))
    ?.slice('ccm_csrf='.length);
  const token = csrfToken ?? (fromCookie && decodeURIComponent(fromCookie));
  return token ? { 'x-csrf-token': token } : {};
}

/** The signed-in staff member, or ApiError auth.unauthenticated. */
export async function restoreSession(): Promise<Staff> {
  const session = await api<Session>('/console/session');
  csrfToken = session.csrfToken;
  return session.staff;
}

export async function signIn(username: string, password: string): Promise<Staff> {
  const session = await api<Session>('/console/session', { method: 'POST', body: { username, password } });
  csrfToken = session.csrfToken;
  return session.staff;
}

export async function signOut(): Promise<void> {
  await api<void>('/console/session', { method: 'DELETE', headers: csrfHeader() });
  csrfToken = undefined;
}

export const getOverview = (signal: AbortSignal) => api<Overview>('/console/overview', { signal });

/** Page size of the articles table. */
export const ARTICLES_PAGE = 30;

export const listArticles = (
  query: { status?: ArticleState; column?: string; before?: string },
  signal?: AbortSignal,
) => api<ArticlePage>('/console/articles', { query: { ...query, limit: ARTICLES_PAGE }, signal });

export const getInventory = (signal: AbortSignal) => api<Inventory>('/console/inventory', { signal });

/* Members (src/modules/members/routes.ts): every call is recorded in the staff access log. */

export const MEMBER_STATUSES = ['active', 'suspended', 'cancelled'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export type AgeGroup = 'adult' | 'minor' | 'child';

export interface ConsoleMember {
  id: number;
  nickname: string | null;
  /** Masked (138****5678); null when no phone is bound. */
  phone: string | null;
  status: MemberStatus;
  ageGroup: AgeGroup;
  createdAt: string;
  lastLoginAt: string | null;
  ipRegion: string | null;
}

export interface MemberPage {
  items: ConsoleMember[];
  nextCursor: string | null;
}

export interface MemberRecord extends ConsoleMember {
  gender: 'male' | 'female' | 'undisclosed' | null;
  birthday: string | null;
  bio: string | null;
  avatarUrl: string | null;
  updatedAt: string;
  tags: { id: string; nameZh: string; nameEn: string }[];
  sessionCount: number;
  consents: { purpose: string; granted: boolean; policyVersion: string; createdAt: string }[];
}

export interface AccessLogEntry {
  id: number;
  at: string;
  staff: { id: number; username: string; displayName: string };
  action: string;
  targetUserId: number | null;
  reason: string | null;
  requestId: string | null;
}

export interface AccessLogPage {
  items: AccessLogEntry[];
  nextCursor: string | null;
}

export const listMembers = (
  query: { q?: string; status?: MemberStatus; before?: string },
  signal?: AbortSignal,
) => api<MemberPage>('/console/members', { query, signal });

export const getMember = (id: number, signal: AbortSignal) =>
  api<MemberRecord>(`/console/members/${id}`, { signal });

export const revealMemberPhone = (id: number, reason: string) =>
  api<{ phone: string }>(`/console/members/${id}/reveal-phone`, {
    method: 'POST',
    body: { reason },
    headers: csrfHeader(),
  });

export const setMemberSuspended = (id: number, suspend: boolean, reason: string) =>
  api<{ id: number; status: MemberStatus }>(`/console/members/${id}/${suspend ? 'suspend' : 'unsuspend'}`, {
    method: 'POST',
    body: { reason },
    headers: csrfHeader(),
  });

export const getAccessLog = (query: { before?: string; userId?: number }, signal?: AbortSignal) =>
  api<AccessLogPage>('/console/access-log', { query, signal });

/* Rights requests and the working-day calendar (src/modules/requests/console-routes.ts). */

export const REQUEST_TYPES = ['access', 'correction', 'deletion', 'explanation', 'complaint'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];
export const REQUEST_STATUSES = ['open', 'in-progress', 'done', 'refused'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export type DueFilter = 'soon' | 'overdue';

export interface RightsRequestItem {
  id: number;
  userId: number;
  type: RequestType;
  /** guardian: a child's guardian opened it on the child's behalf. */
  channel: 'member' | 'guardian';
  status: RequestStatus;
  repeated: boolean;
  createdAt: string;
  assignedTo: { id: number; displayName: string } | null;
  dueAt: string;
  dueSoon: boolean;
  overdue: boolean;
  workingDaysLeft: number;
}

export interface RightsRequestDetail extends RightsRequestItem {
  detail: string | null;
  answer: string | null;
  refusalReason: string | null;
  answeredAt: string | null;
  member: {
    id: number;
    nickname: string | null;
    phone: string | null;
    status: string;
    ageGroup: string;
    requestsLast30Days: number;
  };
  history: { action: string; at: string; staff: { id: number; displayName: string } | null }[];
}

export interface RequestQuery {
  status?: RequestStatus;
  type?: RequestType;
  due?: DueFilter;
}

export const listRequests = (query: RequestQuery & { cursor?: string }, signal?: AbortSignal) =>
  api<{ items: RightsRequestItem[]; nextCursor: string | null }>('/console/requests', {
    query: { ...query },
    signal,
  });

export const getRequestSummary = (signal?: AbortSignal) =>
  api<{ pending: number; dueSoon: number; overdue: number }>('/console/requests/summary', { signal });

export const getRequest = (id: number, signal?: AbortSignal) =>
  api<RightsRequestDetail>(`/console/requests/${id}`, { signal });

export const assignRequest = (id: number) =>
  api<RightsRequestDetail>(`/console/requests/${id}/assign`, {
    method: 'POST',
    body: {},
    headers: csrfHeader(),
  });

export const answerRequest = (
  id: number,
  body: { outcome: 'done'; answer: string } | { outcome: 'refused'; reason: string },
) =>
  api<RightsRequestDetail>(`/console/requests/${id}/answer`, { method: 'POST', body, headers: csrfHeader() });

export interface CalendarDay {
  date: string;
  kind: 'holiday' | 'workday';
  nameZh: string;
  nameEn: string;
  note: string | null;
  provisional: boolean;
  updatedAt: string;
}

export type CalendarDayInput = Omit<CalendarDay, 'updatedAt' | 'date'>;

export const getCalendarYear = (year: number, signal?: AbortSignal) =>
  api<{ year: number; provisional: boolean; days: CalendarDay[] }>('/console/calendar', {
    query: { year },
    signal,
  });

export const addCalendarDay = (day: CalendarDayInput & { date: string }) =>
  api<CalendarDay>('/console/calendar', { method: 'POST', body: day, headers: csrfHeader() });

export const updateCalendarDay = (date: string, day: CalendarDayInput) =>
  api<CalendarDay>(`/console/calendar/${date}`, { method: 'PUT', body: day, headers: csrfHeader() });

export const removeCalendarDay = (date: string) =>
  api<void>(`/console/calendar/${date}`, { method: 'DELETE', headers: csrfHeader() });

/* The staff access audit over both access logs (src/modules/audit/routes.ts). */

export interface AuditEntry extends AccessLogEntry {
  source: 'staff' | 'child';
  child: boolean;
}

export interface AuditQuery {
  staffId?: number;
  userId?: number;
  from?: string;
  to?: string;
}

export const getAudit = (query: AuditQuery & { cursor?: string }, signal?: AbortSignal) =>
  api<{ items: AuditEntry[]; nextCursor: string | null }>('/console/audit', { query: { ...query }, signal });
