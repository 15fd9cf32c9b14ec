/**
 * Columns, tags and brands in the current language: the names that feed cards and articles show
 * for the ids they carry. Loaded once per language and shared by every page.
 */
import { createContext, type ReactNode, useContext, useMemo, useRef } from 'react';
import { useI18n } from '../i18n/index.tsx';
import type { ApiError } from '../shared/api.ts';
import { useAsync } from '../shared/useAsync.ts';
import { type Brand, type Column, getBrands, getColumns, getTags, type Tag } from './content.ts';

export interface Reference {
  columns: Column[];
  /** Machine classes (parentId null) and their subdivisions, in the server's order. */
  tags: Tag[];
  brands: Brand[];
  columnName(id: string): string;
  tagName(id: string): string;
  brandName(id: string): string;
}

interface ReferenceState {
  /** The names of the current language, or of the previous one while the new ones load. */
  reference?: Reference;
  loading: boolean;
  error?: ApiError;
  reload(): void;
}

const ReferenceContext = createContext<ReferenceState | null>(null);

const lookup = (rows: { id: string; name: string }[]) => {
  const names = new Map(rows.map((r) => [r.id, r.name]));
  // An id the list does not know (added since the page loaded) still shows, as itself.
  return (id: string) => names.get(id) ?? id;
};

export function ReferenceProvider({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  const state = useAsync(`reference:${lang}`, async (signal) => {
    const [columns, tags, brands] = await Promise.all([
      getColumns(lang, signal),
      getTags(lang, signal),
      getBrands(lang, signal),
    ]);
    return {
      columns,
      tags,
      brands,
      columnName: lookup(columns),
      tagName: lookup(tags),
      brandName: lookup(brands),
    };
  });
  const last = useRef<Reference | undefined>(undefined);
  if (state.status === 'ready') last.current = state.data;

  const value = useMemo<ReferenceState>(
    () => ({
      reference: state.status === 'ready' ? state.data : last.current,
      loading: state.status === 'loading',
      error: state.status === 'error' ? state.error : undefined,
      reload: state.reload,
    }),
    [state],
  );
  return <ReferenceContext.Provider value={value}>{children}</ReferenceContext.Provider>;
}

export function useReference(): ReferenceState {
  const value = useContext(ReferenceContext);
  if (!value) throw new Error('useReference needs a <ReferenceProvider> above it');
  return value;
}
