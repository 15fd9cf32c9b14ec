/**
 * Location: coordinates become a region (province and city) and only the region is kept, for a
 * member with the `location` consent in force. `memberRegion` is what other features ask; it
 * answers null unless the consent is in force and a region is stored.
 */
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { hasConsent } from '../consent/guard.ts';
import { onConsentWithdrawn } from '../consent/withdrawal.ts';
import { locate, provinceById } from './regions.ts';
import { memberRegions } from './tables.ts';

type Lang = 'zh-CN' | 'en';
type Ctx = Pick<AppContext, 'db' | 'clock'>;

export interface RegionView {
  province: { id: string; name: string };
  city: { id: string; name: string } | null;
}

/** The ids of a region, as features use them. */
export interface MemberRegion {
  province: string;
  city: string | null;
}

const pick = (lang: Lang, w: { zh: string; en: string }) => (lang === 'en' ? w.en : w.zh);

export function regionView(region: MemberRegion, lang: Lang): RegionView {
  const province = provinceById(region.province);
  if (!province) throw new Error(`unknown province ${region.province}`);
  const city = region.city ? province.cities.find((c) => c.id === region.city) : undefined;
  return {
    province: { id: province.id, name: pick(lang, province) },
    city: city ? { id: city.id, name: pick(lang, city) } : null,
  };
}

/** The region of a point (nearest known centre, approximate), or location.outside_service_area. */
export function regionOf(latitude: number, longitude: number): MemberRegion {
  const found = locate(latitude, longitude);
  if (!found)
    throw new AppError(
      'location.outside_service_area',
      'This position is not in the area CCM serves; regional content is for places in China.',
    );
  return { province: found.province.id, city: found.city?.id ?? null };
}

/** Stores the member's region (not the position); the caller has checked the consent. */
export async function setMemberRegion(ctx: Ctx, userId: number, region: MemberRegion): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db
    .insert(memberRegions)
    .values({ userId, province: region.province, city: region.city, source: 'device', updatedAt: now })
    .onConflictDoUpdate({
      target: memberRegions.userId,
      set: { province: region.province, city: region.city, source: sql`excluded.source`, updatedAt: now },
    });
}

export async function storedMemberRegion(ctx: Ctx, userId: number): Promise<MemberRegion | null> {
  const [row] = await ctx.db
    .select({ province: memberRegions.province, city: memberRegions.city })
    .from(memberRegions)
    .where(eq(memberRegions.userId, userId));
  return row && provinceById(row.province) ? row : null;
}

export async function deleteMemberRegion(ctx: Pick<AppContext, 'db'>, userId: number): Promise<void> {
  await ctx.db.delete(memberRegions).where(eq(memberRegions.userId, userId));
}

/**
 * The member's region for location-based content: null unless the `location` consent is in force
 * (a withdrawal, or a new policy asking again, counts at once) and a region is stored.
 */
export async function memberRegion(ctx: Ctx, userId: number): Promise<MemberRegion | null> {
  if (!(await hasConsent(ctx, userId, 'location'))) return null;
  return storedMemberRegion(ctx, userId);
}

// Withdrawing the location consent deletes the stored region in the same request.
onConsentWithdrawn('location', 'member-region', (ctx, userId) => deleteMemberRegion(ctx, userId));
