/** Wire shapes of location: a position in, a region out. */
import { z } from 'zod';
import { Lang } from '../content/schemas.ts';

export const Position = z.object({
  latitude: z
    .number({ message: 'expected a latitude in degrees (-90 to 90)' })
    .min(-90, { message: 'expected a latitude in degrees (-90 to 90)' })
    .max(90, { message: 'expected a latitude in degrees (-90 to 90)' }),
  longitude: z
    .number({ message: 'expected a longitude in degrees (-180 to 180)' })
    .min(-180, { message: 'expected a longitude in degrees (-180 to 180)' })
    .max(180, { message: 'expected a longitude in degrees (-180 to 180)' }),
});

export const LangQuery = z.object({ lang: Lang });

const Named = z.object({ id: z.string(), name: z.string() });
export const RegionOut = z.object({
  province: Named.describe('a province id of GET /regions (lower-case pinyin) and its name'),
  city: Named.nullable().describe('null when the position is not near a city CCM knows'),
});
export const MyRegionOut = RegionOut.nullable();

export const ProvinceOut = z.object({
  id: z.string(),
  name: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
});
export const ProvinceList = z.array(ProvinceOut);
