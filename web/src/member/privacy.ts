/** The Privacy Center's API: the policy, its history, my consents, the third parties. */
import { api } from '../shared/api.ts';

export interface PolicyPurpose {
  id: string;
  title: string;
  required: boolean;
  sensitive: boolean;
  guardianOnly: boolean;
  impact: string;
}

export interface PolicyVersion {
  version: string;
  kind: 'major' | 'minor';
  changedPurposes: string[];
  contentHash: string;
  publishedAt: string;
  effectiveAt: string;
  current: boolean;
}

export interface Policy extends Omit<PolicyVersion, 'current'> {
  lang: 'zh-CN' | 'en';
  body: string;
  purposes: PolicyPurpose[];
}

export interface MyConsent {
  purpose: string;
  granted: boolean;
  policyVersion: string | null;
  at: string | null;
  renewalNeeded: boolean;
  required: boolean;
  sensitive: boolean;
}

export interface ThirdParty {
  id: number;
  name: string;
  kind: string;
  purposeZh: string;
  purposeEn: string;
  dataZh: string;
  dataEn: string;
  region: string;
  policyUrl: string | null;
}

export const getPolicy = (lang: string, version?: string, signal?: AbortSignal) =>
  api<Policy>('/privacy/policy', { query: { lang, version }, signal });
export const getPolicyVersions = (signal?: AbortSignal) =>
  api<PolicyVersion[]>('/privacy/policy/versions', { signal });
export const getMyConsents = (signal?: AbortSignal) => api<MyConsent[]>('/me/consents', { signal });
export const setMyConsent = (purpose: string, granted: boolean, acknowledgedImpact?: boolean) =>
  api<MyConsent>(`/me/consents/${encodeURIComponent(purpose)}`, {
    method: 'PUT',
    body: { granted, ...(acknowledgedImpact ? { acknowledgedImpact } : {}) },
  });
export const getThirdParties = (signal?: AbortSignal) =>
  api<ThirdParty[]>('/privacy/third-parties', { signal });
