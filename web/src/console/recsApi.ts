/**
 * Console API of column pins (src/modules/content/pins-routes.ts) and of the recommendation
 * parameters (src/modules/recommendations/params-routes.ts).
 */
import { api } from '../shared/api.ts';
import type { ArticleState } from './consoleApi.ts';
import { consoleCsrf } from './consoleApi.ts';

interface StaffRef {
  id: number;
  displayName: string;
}

export interface Pin {
  articleId: number;
  title: string;
  status: ArticleState;
  articleColumn: string;
  position: number;
  pinnedAt: string;
  pinnedBy: StaffRef | null;
  expiresAt: string | null;
  /** Readers see it now: published, not expired. */
  live: boolean;
}

export interface PinEvent {
  id: number;
  articleId: number | null;
  action: 'pin' | 'unpin' | 'reorder';
  order: number[];
  at: string;
  staff: StaffRef | null;
}

export interface PinList {
  column: string;
  limit: number;
  items: Pin[];
  events: PinEvent[];
}

const pinsOf = (column: string) => `/console/columns/${encodeURIComponent(column)}/pins`;

export const listPins = (column: string, signal?: AbortSignal) => api<PinList>(pinsOf(column), { signal });

export const pinArticle = (
  column: string,
  body: { articleId: number; position?: number; expiresAt?: string },
) => api<PinList>(pinsOf(column), { method: 'POST', body, headers: consoleCsrf() });

export const unpinArticle = (column: string, articleId: number) =>
  api<void>(`${pinsOf(column)}/${articleId}`, { method: 'DELETE', headers: consoleCsrf() });

export const reorderPins = (column: string, articleIds: number[]) =>
  api<PinList>(`${pinsOf(column)}/order`, { method: 'PUT', body: { articleIds }, headers: consoleCsrf() });

/** Every parameter, as "group.name" or "name", in the order the page shows them. */
export const PARAM_PATHS = [
  'interestWeight',
  'hotWeight',
  'followBoost',
  'notInterestedPenalty',
  'kindWeights.tag',
  'kindWeights.brand',
  'kindWeights.column',
  'kindWeights.author',
  'freshness.halfLifeHours',
  'freshness.floor',
  'freshness.freshHours',
  'diversity.window',
  'diversity.maxPerBrand',
  'diversity.maxPerColumn',
  'exploration.share',
  'hotReasonPercentile',
  'sourceMix.interest',
  'sourceMix.follow',
  'sourceMix.hot',
  'sourceMix.fresh',
] as const;
export type ParamPath = (typeof PARAM_PATHS)[number];

/** Bounds the server enforces (RankingParamsSchema), for the inputs' min, max and step. */
export const PARAM_BOUNDS: Record<ParamPath, { min: number; max: number; step: number }> = {
  interestWeight: { min: 0, max: 10, step: 0.05 },
  hotWeight: { min: 0, max: 10, step: 0.05 },
  followBoost: { min: 0, max: 10, step: 0.05 },
  notInterestedPenalty: { min: 0, max: 10, step: 0.05 },
  'kindWeights.tag': { min: 0, max: 10, step: 0.05 },
  'kindWeights.brand': { min: 0, max: 10, step: 0.05 },
  'kindWeights.column': { min: 0, max: 10, step: 0.05 },
  'kindWeights.author': { min: 0, max: 10, step: 0.05 },
  'freshness.halfLifeHours': { min: 1, max: 8760, step: 1 },
  'freshness.floor': { min: 0, max: 1, step: 0.05 },
  'freshness.freshHours': { min: 0, max: 720, step: 1 },
  'diversity.window': { min: 2, max: 20, step: 1 },
  'diversity.maxPerBrand': { min: 1, max: 20, step: 1 },
  'diversity.maxPerColumn': { min: 1, max: 20, step: 1 },
  'exploration.share': { min: 0, max: 0.5, step: 0.01 },
  hotReasonPercentile: { min: 0, max: 1, step: 0.05 },
  'sourceMix.interest': { min: 0, max: 500, step: 1 },
  'sourceMix.follow': { min: 0, max: 500, step: 1 },
  'sourceMix.hot': { min: 0, max: 500, step: 1 },
  'sourceMix.fresh': { min: 0, max: 500, step: 1 },
};

export type Params = Record<string, number | Record<string, number>>;

export function paramAt(params: Params, path: ParamPath): number {
  const [group, name] = path.split('.') as [string, string | undefined];
  const v = params[group];
  return name === undefined ? (v as number) : (v as Record<string, number>)[name]!;
}

export function withParam(params: Params, path: ParamPath, value: number): Params {
  const [group, name] = path.split('.') as [string, string | undefined];
  if (name === undefined) return { ...params, [group]: value };
  return { ...params, [group]: { ...(params[group] as Record<string, number>), [name]: value } };
}

export interface ParamChange {
  version: number;
  action: 'update' | 'reset';
  at: string;
  staff: StaffRef;
  reason: string;
  changes: { path: string; before: unknown; after: unknown }[];
}

export interface ParamsView {
  params: Params;
  defaults: Params;
  version: number;
  updatedAt: string | null;
  updatedBy: StaffRef | null;
  changedFromDefaults: string[];
  log: ParamChange[];
}

const PARAMS = '/console/recommendation-params';

export const getParams = (signal?: AbortSignal) => api<ParamsView>(PARAMS, { signal });

export const putParams = (body: { params: Params; reason: string; version: number }) =>
  api<ParamsView>(PARAMS, { method: 'PUT', body, headers: consoleCsrf() });

export const resetParams = (body: { reason: string; version: number }) =>
  api<ParamsView>(`${PARAMS}/reset`, { method: 'POST', body, headers: consoleCsrf() });

/** One item of an explained feed (src/modules/recommendations/feed.ts explainFeed). */
export interface ExplainedItem {
  position: number;
  id: number;
  title: string;
  column: string;
  score: number;
  reason: string;
  why: { kind: string; entity?: { kind: string; id: string; name: string } };
  sources: string[];
  matches: { kind: string; id: string; weight: number; followed: boolean; pushedDown: boolean }[];
}

export interface TestMember {
  tags: string[];
  brands: string[];
  follows: { kind: 'tag' | 'brand' | 'column' | 'author'; id: string }[];
  column?: string;
  lang: 'zh-CN' | 'en';
  limit?: number;
}

/** Ranks the feed for a test member composed on the page; no member's data is read. */
export const explainFor = (member: TestMember) =>
  api<{ candidates: number; items: ExplainedItem[] }>('/console/recommendations/explain', {
    method: 'POST',
    body: member,
    headers: consoleCsrf(),
  });
