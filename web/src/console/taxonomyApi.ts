/** Console API of the taxonomy editor (src/modules/content/console-routes.ts). */
import { api } from '../shared/api.ts';
import { consoleCsrf } from './consoleApi.ts';

export const TAXONOMY_KINDS = ['columns', 'tags', 'brands', 'series'] as const;
export type TaxonomyKind = (typeof TAXONOMY_KINDS)[number];

export interface Entry {
  id: string;
  nameZh: string;
  nameEn: string;
  position: number;
  parentId?: string | null;
  country?: string;
  brandId?: string;
  classTagId?: string;
}

export type Taxonomy = Record<TaxonomyKind, Entry[]>;

export const getTaxonomy = (signal: AbortSignal) => api<Taxonomy>('/console/taxonomy', { signal });

export const createEntry = (kind: TaxonomyKind, body: Partial<Entry>) =>
  api<Entry>(`/console/taxonomy/${kind}`, { method: 'POST', body, headers: consoleCsrf() });

export const updateEntry = (kind: TaxonomyKind, id: string, body: Partial<Entry>) =>
  api<Entry>(`/console/taxonomy/${kind}/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body,
    headers: consoleCsrf(),
  });

export const deleteEntry = (kind: TaxonomyKind, id: string) =>
  api<void>(`/console/taxonomy/${kind}/${encodeURIComponent(id)}`, {
    method: 'DELETE',
    headers: consoleCsrf(),
  });

export const orderEntries = (kind: TaxonomyKind, ids: string[]) =>
  api<void>(`/console/taxonomy/${kind}/order`, { method: 'PUT', body: { ids }, headers: consoleCsrf() });
