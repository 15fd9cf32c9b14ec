/**
 * Machine classes (top-level industry tags) and their subdivisions. Size lists drive the invented
 * model numbers and the spec phrases the text generators print (“21.5吨级”, “a 56 m pump”), so they
 * live next to the tags they belong to.
 */

/** A model size: `code` goes into the model number, `value` with the unit into the text. */
export interface Size {
  code: string;
  value: number;
}

export interface Subdivision {
  id: string;
  nameZh: string;
  nameEn: string;
  sizes?: Size[];
  unitZh?: string;
  unitEn?: string;
}

export interface MachineClass {
  id: string;
  nameZh: string;
  nameEn: string;
  /** Machine classes are story subjects; `parts` and `new-energy` are added as secondary tags. */
  subject: boolean;
  sizes: Size[];
  unitZh: string;
  unitEn: string;
  subdivisions: Subdivision[];
}

const s = (code: string, value = Number.parseInt(code, 10)): Size => ({ code, value });

const EX_S = [s('17', 1.7), s('35', 3.5), s('60', 6), s('75', 7.5)];
const EX_M = [s('135', 13.5), s('155', 15.5), s('215', 21.5), s('245', 24.5)];
const EX_L = [s('305', 30.5), s('375', 37.5), s('500', 50), s('750', 75)];
const CRANES = [s('25'), s('55'), s('80'), s('130'), s('220')];
const PUMPS = [s('49'), s('56'), s('62'), s('70')];
const ROLLERS = [s('18'), s('22'), s('26'), s('36')];
const TRUCKS = [s('90'), s('150'), s('240'), s('320')];
const AERIAL = [s('0608', 8), s('1012', 12), s('1616', 16), s('2232', 22), s('2846', 28)];
const FORKS = [s('15', 1.5), s('25', 2.5), s('30', 3), s('50', 5), s('100', 10)];
const RIGS = [s('155'), s('235'), s('285'), s('365'), s('460')];

type Unit = [zh: string, en: string];
const T: Unit = ['吨', 't'];
const M: Unit = ['米', 'm'];

function cls(
  id: string,
  zh: string,
  en: string,
  unit: Unit,
  sizes: Size[],
  subs: Subdivision[],
): MachineClass {
  const subject = id !== 'parts' && id !== 'new-energy';
  return { id, nameZh: zh, nameEn: en, subject, sizes, unitZh: unit[0], unitEn: unit[1], subdivisions: subs };
}

function sub(id: string, zh: string, en: string, sizes?: Size[], unit?: Unit): Subdivision {
  return { id, nameZh: zh, nameEn: en, sizes, unitZh: unit?.[0], unitEn: unit?.[1] };
}

export const MACHINE_CLASSES: MachineClass[] = [
  cls(
    'excavators',
    '挖掘机',
    'excavators',
    ['吨级', 't'],
    [...EX_S, ...EX_M, ...EX_L],
    [
      sub('mini-excavators', '小型挖掘机', 'mini excavators', EX_S),
      sub('medium-excavators', '中型挖掘机', 'medium excavators', EX_M),
      sub('large-excavators', '大型挖掘机', 'large excavators', EX_L),
    ],
  ),
  cls(
    'loaders',
    '装载机',
    'loaders',
    T,
    [s('835', 3), s('855', 5), s('862', 6), s('870', 7)],
    [
      sub('wheel-loaders', '轮式装载机', 'wheel loaders'),
      sub('skid-steer-loaders', '滑移装载机', 'skid steer loaders', [s('50', 0.8), s('75', 1.1)]),
      sub('backhoe-loaders', '挖掘装载机', 'backhoe loaders', [s('388', 7.5), s('450', 8.5)]),
    ],
  ),
  cls('cranes', '起重机', 'cranes', T, CRANES, [
    sub('truck-cranes', '汽车起重机', 'truck cranes', CRANES.slice(0, 4)),
    sub('crawler-cranes', '履带起重机', 'crawler cranes', [s('260'), s('500'), s('800'), s('1250')]),
    sub('tower-cranes', '塔式起重机', 'tower cranes', [s('125', 8), s('315', 16), s('800', 40)]),
    sub('all-terrain-cranes', '全地面起重机', 'all-terrain cranes', [s('220'), s('400'), s('800')]),
  ]),
  cls('concrete', '混凝土机械', 'concrete machinery', M, PUMPS, [
    sub('concrete-pump-trucks', '混凝土泵车', 'concrete pump trucks', PUMPS),
    sub('truck-mixers', '搅拌运输车', 'truck mixers', [s('8'), s('10'), s('12')], ['方', 'm³']),
    sub(
      'batching-plants',
      '混凝土搅拌站',
      'batching plants',
      [s('120'), s('180'), s('240')],
      ['方/小时', 'm³/h'],
    ),
  ]),
  cls('road', '路面机械', 'road machinery', T, ROLLERS, [
    sub('rollers', '压路机', 'rollers', ROLLERS),
    sub('pavers', '摊铺机', 'pavers', [s('6'), s('9'), s('12'), s('16')], M),
    sub('motor-graders', '平地机', 'motor graders', [s('160'), s('180'), s('220')], ['马力', 'hp']),
    sub('milling-machines', '铣刨机', 'milling machines', [s('1000', 1), s('2000', 2)], M),
  ]),
  cls('mining', '矿山机械', 'mining machinery', T, TRUCKS, [
    sub('mining-trucks', '矿用自卸车', 'mining trucks', TRUCKS),
    sub('mining-excavators', '矿用挖掘机', 'mining excavators', [s('700'), s('1250'), s('2000')]),
    sub(
      'tunnel-boring-machines',
      '隧道掘进机',
      'tunnel boring machines',
      [s('63', 6.3), s('88', 8.8), s('128', 12.8)],
      M,
    ),
  ]),
  cls('aerial', '高空作业平台', 'aerial work platforms', M, AERIAL, [
    sub('scissor-lifts', '剪叉式高空作业平台', 'scissor lifts', AERIAL.slice(0, 3)),
    sub('boom-lifts', '臂式高空作业平台', 'boom lifts', AERIAL.slice(2)),
  ]),
  cls('forklifts', '叉车', 'forklifts', T, FORKS, [
    sub('electric-forklifts', '电动叉车', 'electric forklifts'),
    sub('ic-forklifts', '内燃叉车', 'IC-engine forklifts'),
    sub('warehouse-trucks', '仓储车辆', 'warehouse trucks', FORKS.slice(0, 3)),
  ]),
  cls('piling', '桩工机械', 'piling machinery', ['kN·m', 'kN·m'], RIGS, [
    sub('rotary-drilling-rigs', '旋挖钻机', 'rotary drilling rigs', RIGS),
    sub('diaphragm-wall-grabs', '连续墙抓斗', 'diaphragm wall grabs', [s('60'), s('80')], M),
  ]),
  cls(
    'parts',
    '属具与配件',
    'attachments & parts',
    ['毫米', 'mm'],
    [s('68'), s('140'), s('175')],
    [
      sub('hydraulic-breakers', '破碎锤', 'hydraulic breakers'),
      sub('hydraulic-components', '液压件', 'hydraulic components'),
      sub('engines', '发动机', 'engines'),
    ],
  ),
  cls(
    'new-energy',
    '新能源机械',
    'new-energy machinery',
    ['', ''],
    [],
    [
      sub('battery-electric', '纯电动机械', 'battery-electric machines'),
      sub('hydrogen-machines', '氢燃料机械', 'hydrogen fuel-cell machines'),
    ],
  ),
];

export const SUBJECT_CLASSES = MACHINE_CLASSES.filter((c) => c.subject);
