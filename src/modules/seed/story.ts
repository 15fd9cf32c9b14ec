/**
 * A story is everything one generated article is about — machine, makers, places, numbers and
 * dates — drawn once from the seeded PRNG. The Chinese and English templates only phrase it, so
 * titles, summaries and bodies of the same article agree with each other and with its tags.
 */
import { regionOfCityName } from '../location/regions.ts';
import { type Brand, brandsFor } from './brands.ts';
import { type MachineClass, type Size, SUBJECT_CLASSES, type Subdivision } from './machines.ts';
import { chance, decimal, int, pick, type Rng, weighted } from './prng.ts';
import type { ColumnId } from './taxonomy.ts';
import {
  CITIES,
  type City,
  EXPOS,
  type Expo,
  FORUMS,
  MARKETS,
  POLICY_THEMES,
  PROJECTS,
  type Words,
} from './text/vocab.ts';

/** A maker named in the story, with the invented model it talks about. */
export interface Maker extends Words {
  id: string;
  country: string;
  model: string;
  /** The model's series code: the brand's prefix and the size code (“SY215” of “SY215C”). */
  seriesCode: string;
}

export interface Story {
  column: ColumnId;
  cls: MachineClass;
  sub?: Subdivision;
  /** The machine the story is about: the subdivision's name, else the class's. */
  kind: Words;
  spec: Words;
  b?: Maker;
  b2?: Maker;
  city: City;
  city2: City;
  market: (typeof MARKETS)[number];
  expo: Expo;
  forum: Words;
  project: Words;
  policy: Words;
  /** The month the story's figures cover: the one before publication. */
  year: number;
  month: number;
  up: boolean;
  pct: number;
  /** Capacity or productivity gained, %. */
  gain: number;
  /** Time, downtime or cycle reduction, %. */
  cut: number;
  /** Energy or fuel saved, %. */
  save: number;
  /** Export growth, %: exports grow in every story, as they have across the industry. */
  growth: number;
  /** Smaller month-on-month moves: enquiries, visitors, used prices, %. */
  lift: number;
  share: number;
  units: number;
  units2: number;
  amount: number;
  orders: number;
  hours: number;
  rate: number;
  price: number;
  count: number;
  age: number;
  /** Events column: the story is about an exhibition (else about a forum). */
  atExpo: boolean;
  electric: boolean;
  parts: boolean;
}

/** How many makers a story in each column names: [none, one, two] weights. */
const MAKER_WEIGHTS: Record<ColumnId, number[]> = {
  news: [15, 70, 15],
  products: [0, 85, 15],
  market: [55, 30, 15],
  policy: [75, 25, 0],
  technology: [25, 75, 0],
  events: [10, 50, 40],
  used: [45, 55, 0],
};

/** Excavators dominate the trade press, as they dominate unit sales. */
const CLASS_WEIGHTS: Record<string, number> = {
  excavators: 30,
  loaders: 14,
  cranes: 14,
  concrete: 8,
  road: 8,
  mining: 8,
  aerial: 8,
  forklifts: 6,
  piling: 4,
};
const CLASS_WEIGHT_LIST = SUBJECT_CLASSES.map((c) => CLASS_WEIGHTS[c.id] ?? 1);

function maker(rng: Rng, brand: Brand, cls: MachineClass, size: Size): Maker {
  const seriesCode = `${brand.prefixes[cls.id]}${size.code}`;
  const model = `${seriesCode}${pick(rng, brand.suffixes)}`;
  return { id: brand.id, zh: brand.nameZh, en: brand.nameEn, country: brand.country, model, seriesCode };
}

export function drawStory(rng: Rng, column: ColumnId, publishedAt: Date): Story {
  const cls = weighted(rng, SUBJECT_CLASSES, CLASS_WEIGHT_LIST);
  const sub = chance(rng, 0.7) ? pick(rng, cls.subdivisions) : undefined;
  const size = pick(rng, sub?.sizes ?? cls.sizes);
  const unitZh = sub?.unitZh ?? cls.unitZh;
  const unitEn = sub?.unitEn ?? cls.unitEn;
  const makers = weighted(rng, [0, 1, 2], MAKER_WEIGHTS[column]);
  const candidates = brandsFor(cls.id);
  const first = makers > 0 ? pick(rng, candidates) : undefined;
  const others = candidates.filter((c) => c !== first);
  const second = makers > 1 && others.length > 0 ? pick(rng, others) : undefined;
  const cityIndex = int(rng, 0, CITIES.length - 1);
  // A second city in another province (texts compare the two): step round the list from a random offset.
  let city2Index = (cityIndex + int(rng, 1, CITIES.length - 1)) % CITIES.length;
  while (CITIES[city2Index].provinceZh === CITIES[cityIndex].provinceZh)
    city2Index = (city2Index + 1) % CITIES.length;
  const city2 = CITIES[city2Index];
  const electric = chance(rng, column === 'technology' ? 0.4 : 0.2);
  const partsLikely = column === 'technology' || column === 'used' || column === 'products';
  // Tags stop at three: a story with a subdivision and new energy is not also about parts.
  const parts = chance(rng, partsLikely ? 0.2 : 0.08) && !(sub && electric);
  // The figures describe the previous month, as monthly industry statistics do.
  const reported = new Date(Date.UTC(publishedAt.getUTCFullYear(), publishedAt.getUTCMonth() - 1, 1));
  return {
    column,
    cls,
    sub,
    kind: sub ? { zh: sub.nameZh, en: sub.nameEn } : { zh: cls.nameZh, en: cls.nameEn },
    spec: { zh: `${size.value}${unitZh}`, en: `${size.value} ${unitEn}` },
    b: first && maker(rng, first, cls, size),
    b2: second && maker(rng, second, cls, pick(rng, sub?.sizes ?? cls.sizes)),
    city: CITIES[cityIndex],
    city2,
    market: pick(rng, MARKETS),
    expo: pick(rng, EXPOS),
    forum: pick(rng, FORUMS),
    project: pick(rng, PROJECTS),
    policy: pick(rng, POLICY_THEMES),
    year: reported.getUTCFullYear(),
    month: reported.getUTCMonth() + 1,
    up: chance(rng, 0.68),
    pct: decimal(rng, 0.6, 38),
    gain: decimal(rng, 8, 35),
    cut: decimal(rng, 10, 40),
    save: decimal(rng, 5, 25),
    growth: decimal(rng, 3, 48),
    lift: decimal(rng, 3, 30),
    share: decimal(rng, 8, 36),
    units: int(rng, 800, 26000),
    units2: int(rng, 150, 9000),
    amount: decimal(rng, 1.2, 68),
    orders: int(rng, 20, 600),
    hours: decimal(rng, 62, 138),
    rate: decimal(rng, 46, 84),
    price: int(rng, 18, 260),
    count: int(rng, 3, 12),
    age: int(rng, 3, 9),
    atExpo: chance(rng, 0.7),
    electric,
    parts,
  };
}

/** Columns whose stories happen somewhere: their articles carry the province (and city) of the place. */
const REGIONAL: readonly ColumnId[] = ['news', 'events', 'used'];

/**
 * The province and city a regional story is about: an exhibition's host city for fair stories,
 * otherwise the story's city; null for other columns and for fairs abroad. Draws nothing from the
 * PRNG, so the rest of the generated content stays as it was.
 */
export function storyRegion(s: Story): { region: string; city: string } | null {
  if (!REGIONAL.includes(s.column)) return null;
  const place = s.column === 'events' && s.atExpo ? s.expo.cityZh : s.city.zh;
  const found = regionOfCityName(place);
  return found ? { region: found.province, city: found.city } : null;
}

/** Tags of a story: its class, the subdivision, then new-energy/parts when they apply (1–3). */
export function storyTags(s: Story): string[] {
  const tags = [s.cls.id];
  if (s.sub) tags.push(s.sub.id);
  if (s.electric) tags.push('new-energy');
  if (s.parts) tags.push('parts');
  return tags;
}
