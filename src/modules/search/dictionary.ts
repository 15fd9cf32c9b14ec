/**
 * The industry words the segmenter must keep whole, and brand aliases: brand names (the demo's and
 * whatever the brands table holds), machine classes and subdivisions, and the model names the seed
 * vocabulary can produce. jieba's own dictionary knows 挖掘机 but not 中联重科 or 剪叉式高空作业平台.
 */
import { BRANDS } from '../seed/brands.ts';
import { MACHINE_CLASSES } from '../seed/machines.ts';

/** Names people type for a brand besides the one on record (“三一重工” for 三一). */
export const BRAND_ALIASES: Record<string, string[]> = {
  sany: ['三一重工', '三一集团'],
  xcmg: ['徐工集团', '徐工机械'],
  zoomlion: ['中联'],
  liugong: ['柳工机械'],
  sdlg: ['山东临工'],
  shantui: ['山推股份'],
  caterpillar: ['卡特', 'cat'],
  'volvo-ce': ['沃尔沃', 'volvo'],
  hitachi: ['日立'],
  develon: ['迪万伦', 'doosan'],
  'john-deere': ['迪尔', 'deere'],
};

/** Every model name the seed vocabulary can print: brand prefix + size code + suffix. */
export function modelNames(): string[] {
  const out = new Set<string>();
  for (const brand of BRANDS) {
    for (const [classId, prefix] of Object.entries(brand.prefixes)) {
      const cls = MACHINE_CLASSES.find((c) => c.id === classId);
      if (!cls) continue;
      const sizes = [...cls.sizes, ...cls.subdivisions.flatMap((d) => d.sizes ?? [])];
      for (const size of sizes)
        for (const suffix of brand.suffixes) out.add(`${prefix}${size.code}${suffix}`);
    }
  }
  return [...out];
}

/** Chinese industry words for the segmenter: brands, aliases, machine classes and subdivisions. */
export function industryWords(): string[] {
  const words = new Set<string>();
  for (const b of BRANDS) words.add(b.nameZh);
  for (const list of Object.values(BRAND_ALIASES)) for (const w of list) words.add(w);
  for (const c of MACHINE_CLASSES) {
    words.add(c.nameZh);
    for (const d of c.subdivisions) words.add(d.nameZh);
  }
  for (const w of ['工程机械', '新能源', '纯电动', '电动化', '二手设备', '高空作业', '混凝土泵车'])
    words.add(w);
  return [...words];
}
