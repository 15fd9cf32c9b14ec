/**
 * The accounts and profile API as the member app uses it (shapes from src/modules/accounts/
 * schemas.ts and the API contract). Browsers are signed in by the HttpOnly `ccm_session` cookie:
 * the bearer token in the sign-in answer is deliberately dropped, never stored.
 */

import { ApiError, type ApiOptions, api as callApi } from '../shared/api.ts';
import type { PersonalColumn } from '../shared/inventory.ts';

const guardianListeners = new Set<() => void>();

/**
 * Called whenever a member call answers 403 `guardian.consent_required`: a child's account waits
 * for a guardian's consent, so the app shows the guardian page.
 */
export function onGuardianRequired(listener: () => void): () => void {
  guardianListeners.add(listener);
  return () => guardianListeners.delete(listener);
}

async function api<T>(path: string, options?: ApiOptions): Promise<T> {
  try {
    return await callApi<T>(path, options);
  } catch (err) {
    if (err instanceof ApiError && err.code === 'guardian.consent_required')
      for (const listener of guardianListeners) listener();
    throw err;
  }
}

export const GENDERS = ['male', 'female', 'undisclosed'] as const;
export type Gender = (typeof GENDERS)[number];
export type AgeGroup = 'adult' | 'minor' | 'child';

export interface Me {
  id: number;
  /** Masked: 138****5678. */
  phone: string | null;
  nickname: string | null;
  gender: Gender | null;
  birthday: string | null;
  bio: string | null;
  avatarUrl: string | null;
  tags: string[];
  ageGroup: AgeGroup;
  ipRegion: string | null;
  /** Under 18: read the privacy policy with a guardian. */
  guardianNotice?: boolean;
  /** Children under 14 only: where the guardian's consent stands. */
  guardianStatus?: GuardianStatus;
}

export type GuardianStatus = 'none' | 'pending' | 'granted' | 'refused';

/** A child's account waits for a guardian's consent: only the guardian flow and a few pages work. */
export const guardianGated = (member: Me | null | undefined) =>
  member?.ageGroup === 'child' && member.guardianStatus !== 'granted';

interface SignedInAnswer {
  token: string;
  csrfToken: string;
  user: Me;
}

export type SmsPurpose = 'register' | 'login' | 'reset-password' | 'bind-phone' | 'cancel-account';

/** Consent purposes of the contract; `account` is required for an account at all. */
export const REQUIRED_PURPOSE = 'account';
/**
 * The optional purposes asked at registration, each its own switch, off by default. Calendar,
 * conference and third-party sign-in are asked when those features are first used.
 */
export const OPTIONAL_PURPOSES = [
  'personalization',
  'notifications',
  'personalized-ads',
  'location',
  'analytics',
] as const;
/** Purposes that touch sensitive information: their switch says so (PIPL art. 29). */
export const SENSITIVE_PURPOSES = new Set<string>(['location']);

export type Consents = Record<string, boolean>;

const signedIn = async (answer: Promise<SignedInAnswer>): Promise<Me> => (await answer).user;

export const getMe = (signal?: AbortSignal) => api<Me>('/me', { signal });

export const requestSmsCode = (phone: string, purpose: SmsPurpose) =>
  api<{ retryAfterSeconds: number }>('/auth/sms-codes', { method: 'POST', body: { phone, purpose } });

export const register = (input: {
  phone: string;
  code: string;
  password: string;
  policyVersion: string;
  consents: Consents;
  tags?: string[];
  brands?: string[];
}) => signedIn(api<SignedInAnswer>('/auth/register', { method: 'POST', body: input }));

export const loginWithPassword = (phone: string, password: string) =>
  signedIn(api<SignedInAnswer>('/auth/login', { method: 'POST', body: { phone, password } }));

export const loginWithCode = (phone: string, code: string) =>
  signedIn(api<SignedInAnswer>('/auth/login/sms', { method: 'POST', body: { phone, code } }));

export const logout = () => api<void>('/auth/logout', { method: 'POST' });

export const resetPassword = (phone: string, code: string, newPassword: string) =>
  api<void>('/auth/password-reset', { method: 'POST', body: { phone, code, newPassword } });

export const changePassword = (currentPassword: string, newPassword: string) =>
  api<void>('/me/password', { method: 'PUT', body: { currentPassword, newPassword } });

export type ProfilePatch = Partial<Pick<Me, 'nickname' | 'gender' | 'birthday' | 'bio'>>;
export const updateProfile = (patch: ProfilePatch) => api<Me>('/me', { method: 'PATCH', body: patch });

export function uploadAvatar(image: Blob, filename: string) {
  const form = new FormData();
  form.append('file', image, filename);
  return api<{ avatarUrl: string }>('/me/avatar', { method: 'PUT', body: form });
}

export const getMyTags = (signal?: AbortSignal) => api<{ tags: string[] }>('/me/tags', { signal });
export const putMyTags = (tags: string[]) =>
  api<{ tags: string[] }>('/me/tags', { method: 'PUT', body: { tags } });

export const getMyColumns = (signal?: AbortSignal) => api<{ columns: string[] }>('/me/columns', { signal });
export const putMyColumns = (columns: string[]) =>
  api<{ columns: string[] }>('/me/columns', { method: 'PUT', body: { columns } });

export interface DeviceSession {
  id: string;
  deviceName: string | null;
  userAgent: string | null;
  platform: string | null;
  appVersion: string | null;
  ipRegion: string | null;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

export const listSessions = (signal?: AbortSignal) => api<DeviceSession[]>('/me/sessions', { signal });
export const revokeSession = (id: string) =>
  api<void>(`/me/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });
export const revokeOtherSessions = () => api<void>('/me/sessions', { method: 'DELETE' });

/** Third-party sign-in providers that are configured (none: the buttons are hidden). */
export interface Provider {
  id: string;
  name: string;
}
export const getProviders = (signal?: AbortSignal) => api<Provider[]>('/auth/providers', { signal });
/** A provider linked to the account (the email, when the provider gave one, masked). */
export interface LinkedIdentity {
  provider: string;
  name: string;
  email: string | null;
  linkedAt: string;
  lastUsedAt: string | null;
}
export const listIdentities = (signal?: AbortSignal) => api<LinkedIdentity[]>('/me/identities', { signal });
export const unlinkProvider = (provider: string) =>
  api<void>(`/me/identities/${encodeURIComponent(provider)}`, { method: 'DELETE' });
/** Starts linking a provider to the signed-in account: the provider's address to go to. */
export const linkProvider = async (provider: string, returnTo: string) =>
  (
    await api<{ url: string }>(`/auth/oauth/${encodeURIComponent(provider)}/link`, {
      method: 'POST',
      body: { returnTo },
    })
  ).url;
export const oauthStartUrl = (provider: string, returnTo = '/') =>
  `/api/v1/auth/oauth/${encodeURIComponent(provider)}/start?returnTo=${encodeURIComponent(returnTo)}`;

/** What a third-party provider offered for a sign-in waiting for its phone number (masked). */
export interface PendingLink {
  provider: string;
  providerName: string;
  /** Only the fields the provider gave; the avatar's image is not shown before consent. */
  offered: { field: 'nickname' | 'avatar' | 'email'; preview: string | null }[];
  returnTo: string;
  expiresAt: string;
}

export const getPendingLink = (id: string, signal?: AbortSignal) =>
  api<PendingLink>(`/auth/oauth/pending/${encodeURIComponent(id)}`, { signal });

export async function completePendingLink(
  id: string,
  input: {
    phone: string;
    code: string;
    policyVersion: string;
    consents: Consents;
    import: { nickname: boolean; avatar: boolean; email: boolean };
  },
): Promise<{ user: Me; returnTo: string }> {
  const answer = await api<SignedInAnswer & { returnTo?: string }>(
    `/auth/oauth/pending/${encodeURIComponent(id)}/complete`,
    { method: 'POST', body: input },
  );
  return { user: answer.user, returnTo: answer.returnTo ?? '/' };
}

/** "What we collect", generated by the server from the column annotations. */
export type { Label } from '../shared/inventory.ts';
export type CollectionRow = PersonalColumn;
export interface Collection {
  policyVersion: string;
  storageRegion: string;
  rows: CollectionRow[];
}
export const getCollection = (signal?: AbortSignal) => api<Collection>('/privacy/collection', { signal });

/** 11-digit mainland mobile numbers or E.164, as the server accepts them (src/platform/phone.ts). */
export function isPhone(input: string): boolean {
  const compact = input.replace(/[\s()-]/g, '');
  return /^1[3-9]\d{9}$/.test(compact) || /^\+[1-9]\d{6,14}$/.test(compact);
}

export const compactPhone = (input: string) => input.replace(/[\s()-]/g, '');

/** A path inside the app to return to after signing in; anything else becomes `fallback`. */
export function safeReturnTo(value: string | null, fallback: string): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/api/')) return fallback;
  return value;
}

/** The notice on children's personal information that a guardian reads before deciding. */
export interface GuardianNotice {
  version: string;
  contentHash: string;
  lang: 'zh-CN' | 'en';
  title: string;
  intro: string;
  /** Bodies are plain text: paragraphs separated by blank lines, list items start with "• ". */
  sections: { id: string; heading: string; body: string }[];
  officer: { name: string; contact: string };
  storageRegion: string;
}

export interface GuardianState {
  ageGroup: AgeGroup;
  required: boolean;
  status: GuardianStatus;
  requestPending: boolean;
  /** Masked. */
  guardianPhone: string | null;
  decidedAt: string | null;
  noticeVersion: string | null;
}

export const getGuardianNotice = (lang: 'zh-CN' | 'en', signal?: AbortSignal) =>
  api<GuardianNotice>('/guardian/notice', { query: { lang }, signal });
export const getGuardianState = (signal?: AbortSignal) => api<GuardianState>('/me/guardian', { signal });
export const requestGuardianCode = (guardianPhone: string) =>
  api<{ retryAfterSeconds: number; guardianPhone: string }>('/me/guardian', {
    method: 'POST',
    body: { guardianPhone },
  });
export const decideGuardian = (input: {
  code: string;
  decision: 'accept' | 'refuse';
  noticeVersion: string;
}) => api<GuardianState>('/me/guardian/decision', { method: 'POST', body: input });
