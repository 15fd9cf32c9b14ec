/**
 * Demo brands: real manufacturers (names and home countries are public facts) with invented model
 * prefixes per machine class, so generated stories can name plausible machines such as “SY215C”.
 * The prefixes are demo data, not the manufacturers’ actual catalogues.
 */

export interface Brand {
  id: string;
  nameZh: string;
  nameEn: string;
  country: string;
  /** Model-number prefix per machine class the brand makes; the keys are the classes. */
  prefixes: Record<string, string>;
  suffixes: string[];
}

const b = (
  id: string,
  nameZh: string,
  nameEn: string,
  country: string,
  suffixes: string[],
  prefixes: Record<string, string>,
): Brand => ({ id, nameZh, nameEn, country, prefixes, suffixes });

export const BRANDS: Brand[] = [
  b('sany', '三一', 'SANY', 'CN', ['C', 'H', 'E', 'Pro'], {
    excavators: 'SY',
    cranes: 'STC',
    concrete: 'SYM',
    road: 'SSR',
    mining: 'SKT',
    piling: 'SR',
    aerial: 'SPS',
  }),
  b('xcmg', '徐工', 'XCMG', 'CN', ['DA', 'GA', 'E', 'U'], {
    excavators: 'XE',
    loaders: 'LW',
    cranes: 'XCT',
    road: 'XS',
    mining: 'XDE',
    aerial: 'XGS',
    concrete: 'HB',
  }),
  b('zoomlion', '中联重科', 'Zoomlion', 'CN', ['G', 'H', 'V', 'E5'], {
    excavators: 'ZE',
    cranes: 'ZTC',
    concrete: 'ZLJ',
    aerial: 'ZS',
    mining: 'ZMT',
  }),
  b('liugong', '柳工', 'LiuGong', 'CN', ['H', 'F', 'E', 'T'], {
    loaders: 'CLG',
    excavators: 'CLG',
    road: 'CLG6',
    forklifts: 'CPCD',
    mining: 'DW',
  }),
  b('sunward', '山河智能', 'Sunward', 'CN', ['F', 'SE', 'D'], {
    excavators: 'SWE',
    piling: 'SWDM',
    aerial: 'SWSL',
  }),
  b('sdlg', '临工', 'SDLG', 'CN', ['F', 'H', 'EV'], { loaders: 'L', excavators: 'E6', road: 'RS' }),
  b('shantui', '山推', 'Shantui', 'CN', ['-5', 'G', 'E'], {
    road: 'SR',
    loaders: 'SL',
    mining: 'SD',
    concrete: 'HZS',
  }),
  b('crchi', '铁建重工', 'CRCHI', 'CN', ['Z', 'T', 'Q'], { mining: 'ZTE', piling: 'ZYX' }),
  b('sinoboom', '星邦智能', 'Sinoboom', 'CN', ['E', 'RE', 'J'], { aerial: 'GTJZ' }),
  b('hangcha', '杭叉', 'Hangcha', 'CN', ['-XC', '-XH', 'Li'], { forklifts: 'CPD' }),
  b('heli', '合力', 'Heli', 'CN', ['-G3', '-GB', 'Li'], { forklifts: 'CPCD' }),
  b('dingli', '浙江鼎力', 'Dingli', 'CN', ['AC', 'DC', 'E'], { aerial: 'JCPT' }),
  b('lonking', '龙工', 'Lonking', 'CN', ['N', 'H', 'E'], {
    loaders: 'LG',
    excavators: 'LG6',
    forklifts: 'FD',
  }),
  b('caterpillar', '卡特彼勒', 'Caterpillar', 'US', ['GC', 'XE', 'F'], {
    excavators: '3',
    loaders: '9',
    mining: '7',
    road: 'CB',
  }),
  b('komatsu', '小松', 'Komatsu', 'JP', ['-10', '-11', 'LC'], {
    excavators: 'PC',
    mining: 'HD',
    loaders: 'WA',
  }),
  b('volvo-ce', '沃尔沃建筑设备', 'Volvo CE', 'SE', ['D', 'G', 'Electric'], {
    excavators: 'EC',
    loaders: 'L',
    road: 'SD',
  }),
  b('hitachi', '日立建机', 'Hitachi', 'JP', ['-5A', 'G', 'LC'], { excavators: 'ZX', mining: 'EH' }),
  b('liebherr', '利勃海尔', 'Liebherr', 'DE', ['-1', '-2', 'G8'], {
    cranes: 'LTM',
    mining: 'T',
    excavators: 'R',
    concrete: 'HTM',
  }),
  b('develon', '斗山', 'Develon', 'KR', ['LC', '-7', 'XT'], { excavators: 'DX', loaders: 'DL' }),
  b('john-deere', '约翰迪尔', 'John Deere', 'US', ['G', 'P', 'E'], {
    loaders: '6',
    excavators: 'E',
    road: 'W',
  }),
  b('jcb', '杰西博', 'JCB', 'GB', ['X', 'E', 'Plus'], { loaders: '3CX', excavators: 'JS', aerial: 'S' }),
  b('genie', '吉尼', 'Genie', 'US', ['RT', 'J', 'E'], { aerial: 'GS' }),
];

const byClass = new Map<string, Brand[]>();

/** The brands that make a class of machine (every subject class has at least two); memoised for the generators. */
export function brandsFor(classId: string): Brand[] {
  let list = byClass.get(classId);
  if (!list) {
    list = BRANDS.filter((brand) => classId in brand.prefixes);
    byClass.set(classId, list);
  }
  return list;
}

/**
 * Demo model series: a brand's machines of one class and size, named by the brand's model prefix
 * and the size code (“SY215”). Generated stories name models such as “SY215C”; an article whose
 * text names a model of one of these series is linked to it.
 */
export interface Series {
  id: string;
  brandId: string;
  classTagId: string;
  /** Prefix and size code: the start of every model number of the series. */
  code: string;
  nameZh: string;
  nameEn: string;
}

const SERIES_PLAN: [brandId: string, classId: string, sizes: string[]][] = [
  ['sany', 'excavators', ['60', '75', '135', '155', '215', '245', '375']],
  ['sany', 'cranes', ['25', '55']],
  ['xcmg', 'excavators', ['60', '135', '155', '215', '245', '375']],
  ['xcmg', 'cranes', ['25', '80']],
  ['zoomlion', 'cranes', ['25', '55']],
  ['zoomlion', 'concrete', ['56', '62']],
  ['liugong', 'loaders', ['835', '855', '862', '870']],
  ['komatsu', 'excavators', ['215', '375']],
  ['dingli', 'aerial', ['0608', '1012']],
  ['sinoboom', 'aerial', ['0608', '1012']],
];

export const SERIES: Series[] = SERIES_PLAN.flatMap(([brandId, classTagId, sizes]) => {
  const brand = BRANDS.find((x) => x.id === brandId)!;
  return sizes.map((size) => {
    const code = `${brand.prefixes[classTagId]}${size}`;
    return {
      id: `${brandId}-${code.toLowerCase()}`,
      brandId,
      classTagId,
      code,
      nameZh: `${brand.nameZh} ${code} 系列`,
      nameEn: `${brand.nameEn} ${code} series`,
    };
  });
});

const seriesByCode = new Map(SERIES.map((x) => [`${x.brandId}|${x.code}`, x.id]));

/** The demo series of a brand's model number, if the series is one of the demo's. */
export function seriesOf(brandId: string, seriesCode: string): string | undefined {
  return seriesByCode.get(`${brandId}|${seriesCode}`);
}
