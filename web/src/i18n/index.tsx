/**
 * The language of the UI: zh-CN by default, or what the reader chose (kept in localStorage under
 * `ccm.lang`, shared by the member app and the console). Every visible string goes through `t`.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { en } from './en.ts';
import { type MessageKey, type Messages, zhCN } from './zh-CN.ts';

export type Lang = 'zh-CN' | 'en';
export type { MessageKey };
export type Params = Record<string, string | number>;

const CATALOGUES: Record<Lang, Messages> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'ccm.lang';

export function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    // Storage can be blocked (private modes, strict settings): the default language still works.
    return 'zh-CN';
  }
}

export function format(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, params?: Params): string;
  /** For keys built from data (a purpose id, a state): undefined when the catalogue has none. */
  tMaybe(key: string, params?: Params): string | undefined;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  // Another tab (the console, or a second window) switching language switches this one too.
  useEffect(() => {
    const onStorage = (e: StorageEvent) => {
      if (e.key === STORAGE_KEY) setLangState(storedLang());
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  const setLang = useCallback((next: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisted, but the switch still applies to this page.
    }
    setLangState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const messages = CATALOGUES[lang];
    return {
      lang,
      setLang,
      t: (key, params) => format(messages[key], params),
      tMaybe: (key, params) => (key in messages ? format(messages[key as MessageKey], params) : undefined),
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n needs an <I18nProvider> above it');
  return value;
}
