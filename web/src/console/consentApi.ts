/** The console's policy, ledger and third-party API (src/modules/consent/console-routes.ts). */

import type { PolicyVersion, ThirdParty } from '../member/privacy.ts';
import { api } from '../shared/api.ts';

export type { PolicyVersion, ThirdParty };

export const PURPOSE_IDS = [
  'account',
  'personalization',
  'personalized-ads',
  'location',
  'notifications',
  'calendar',
  'analytics',
  'third-party-login',
  'conference',
  'child-data',
] as const;
export const THIRD_PARTY_KINDS = ['sdk', 'processor', 'ad-partner', 'sign-in', 'other'] as const;

export interface PublishInput {
  version: string;
  kind: 'major' | 'minor';
  changedPurposes: string[];
  bodyZh: string;
  bodyEn: string;
  effectiveAt?: string;
}

export interface LedgerRow {
  id: number;
  userId: number;
  purpose: string;
  granted: boolean;
  policyVersion: string;
  policyHash: string;
  at: string;
  channel: string;
  ipRegion: string | null;
  hash: string;
}
export interface LedgerPage {
  items: LedgerRow[];
  nextCursor: number | null;
}
export interface ChainVerdict {
  ok: boolean;
  length: number;
  chains?: number;
  expiredChains?: number;
  expiredRecords?: number;
  brokenId?: number | null;
  reason?: string;
  detail?: string;
}

export type ThirdPartyInput = Omit<ThirdParty, 'id'>;

export const listPolicyVersions = (signal?: AbortSignal) =>
  api<PolicyVersion[]>('/console/policy/versions', { signal });
export const publishPolicyVersion = (input: PublishInput) =>
  api<PolicyVersion>('/console/policy/versions', { method: 'POST', body: input });
export const searchLedger = (
  query: { userId?: string; purpose?: string; from?: string; to?: string; cursor?: number },
  signal?: AbortSignal,
) => api<LedgerPage>('/console/consents', { query, signal });
export const verifyLedger = () => api<ChainVerdict>('/console/consents/verify', { method: 'POST' });
export const listThirdPartiesConsole = (signal?: AbortSignal) =>
  api<ThirdParty[]>('/console/third-parties', { signal });
export const createThirdParty = (input: ThirdPartyInput) =>
  api<ThirdParty>('/console/third-parties', { method: 'POST', body: input });
export const updateThirdParty = (id: number, input: ThirdPartyInput) =>
  api<ThirdParty>(`/console/third-parties/${id}`, { method: 'PUT', body: input });
export const deleteThirdParty = (id: number) =>
  api<void>(`/console/third-parties/${id}`, { method: 'DELETE' });
