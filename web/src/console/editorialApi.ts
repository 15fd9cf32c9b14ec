/** The editorial console API (src/modules/editorial/routes.ts). */
import { api } from '../shared/api.ts';
import { type ArticleState, consoleCsrf } from './consoleApi.ts';

export const WORKFLOW_ACTIONS = [
  'submit',
  'approve',
  'reject',
  'schedule',
  'unschedule',
  'publish',
  'archive',
  'reopen',
] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

type Person = { id: number; name: string } | null;

export interface EditorArticle {
  id: number;
  title: string;
  summary: string;
  body: string;
  coverUrl: string | null;
  column: string;
  author: Person;
  tags: string[];
  brands: string[];
  series: string[];
  source: string;
  language: string;
  /** The province of a regional article, or null. */
  region: string | null;
  status: ArticleState;
  revision: number;
  approved: boolean;
  publishAt: string | null;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  reviewNote: string | null;
}

export interface ArticleInput {
  title: string;
  summary: string;
  body: string;
  coverUrl: string | null;
  column: string;
  authorId: number | null;
  tags: string[];
  brands: string[];
  series: string[];
  source: string;
  language: string;
  region: string | null;
}

export interface History {
  revisions: { revision: number; by: Person; at: string; changed: string[] }[];
  events: {
    action: WorkflowAction;
    revision: number;
    by: Person;
    note: string | null;
    publishAt: string | null;
    at: string;
  }[];
}

export interface RevisionDiff {
  from: number;
  to: number;
  fields: {
    field: string;
    before: string;
    after: string;
    parts: { value: string; added: boolean; removed: boolean }[];
  }[];
}

export interface Named {
  id: string;
  name: string;
  parentId?: string | null;
}

/** A model series as `GET /series` lists it. */
export interface SeriesNamed extends Named {
  brandId: string;
}

/** Who may take each step, as the server's STEPS table says (admin may take all). */
export const STEP_ROLES: Record<WorkflowAction, string[]> = {
  submit: ['contributor', 'editor'],
  approve: ['reviewer'],
  reject: ['reviewer'],
  schedule: ['editor'],
  unschedule: ['editor'],
  publish: ['editor'],
  archive: ['editor'],
  reopen: ['editor'],
};
export const WRITER_ROLES = ['admin', 'contributor', 'editor'];

export const getEditorArticle = (id: number, signal?: AbortSignal) =>
  api<EditorArticle>(`/console/articles/${id}`, { signal });

export const createArticle = (input: ArticleInput) =>
  api<EditorArticle>('/console/articles', { method: 'POST', body: input, headers: consoleCsrf() });

export const saveArticle = (id: number, revision: number, input: ArticleInput) =>
  api<EditorArticle>(`/console/articles/${id}`, {
    method: 'PUT',
    body: { ...input, revision },
    headers: consoleCsrf(),
  });

export const takeStep = (
  id: number,
  step: { action: WorkflowAction; revision?: number; note?: string; publishAt?: string },
) =>
  api<EditorArticle>(`/console/articles/${id}/steps`, { method: 'POST', body: step, headers: consoleCsrf() });

export const getHistory = (id: number, signal?: AbortSignal) =>
  api<History>(`/console/articles/${id}/history`, { signal });

export const getDiff = (id: number, from: number, to: number, signal?: AbortSignal) =>
  api<RevisionDiff>(`/console/articles/${id}/diff`, { query: { from, to }, signal });

export const listAuthors = (signal?: AbortSignal) =>
  api<{ id: number; displayName: string }[]>('/console/authors', { signal });

export const listTaxonomy = (kind: 'columns' | 'tags' | 'brands', lang: string, signal?: AbortSignal) =>
  api<Named[]>(`/${kind}`, { query: { lang }, signal });

/** Every model series (the editor filters them by the brands chosen). */
export const listSeries = (lang: string, signal?: AbortSignal) =>
  api<SeriesNamed[]>('/series', { query: { lang }, signal });

export function uploadImage(file: File, kind: 'body' | 'cover') {
  const form = new FormData();
  form.append('file', file);
  return api<{ url: string; width: number; height: number }>('/console/article-images', {
    method: 'POST',
    query: { kind },
    body: form,
    headers: consoleCsrf(),
  });
}
