import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

const catalogues = { 'zh-CN': zhCN, en } as Record<string, Record<string, string>>;
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  it('have exactly the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  for (const [lang, messages] of Object.entries(catalogues)) {
    it(`${lang} has no empty or blank message`, () => {
      const blank = Object.entries(messages).filter(([, text]) => text.trim() === '');
      expect(blank).toEqual([]);
    });
  }

  it('use the same placeholders for each key in every language', () => {
    const zh = zhCN as Record<string, string>;
    const differing = Object.entries(en as Record<string, string>)
      .filter(([key, text]) => placeholders(text).join() !== placeholders(zh[key] ?? '').join())
      .map(([key]) => key);
    expect(differing).toEqual([]);
  });
});
