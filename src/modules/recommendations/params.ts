/**
 * The ranking's parameters as the product runs them: the shipped RANKING_PARAMS (ranking.ts)
 * merged with what an admin stored in `ranking_params`, kept in the process (the cache bus drops
 * it on every instance when it changes), and every change appended to `ranking_param_changes`
 * with who, why, and the parameters before and after (algorithmic-recommendation governance).
 */

import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { staffUsers } from '../staff/tables.ts';
import { RANKING_PARAMS, type RankingParams } from './ranking.ts';
import { rankingParamChanges, rankingParams } from './tables.ts';

const weight = z.number().min(0).max(10);
const count = z.number().int().min(0).max(500);

/** Every parameter with the bounds an admin may move it within. */
export const RankingParamsSchema = z
  .object({
    sourceMix: z.object({ interest: count, follow: count, hot: count, fresh: count }).strict(),
    interestWeight: weight,
    hotWeight: weight,
    followBoost: weight,
    notInterestedPenalty: weight,
    kindWeights: z.object({ tag: weight, brand: weight, column: weight, author: weight }).strict(),
    freshness: z
      .object({
        halfLifeHours: z
          .number()
          .min(1)
          .max(24 * 365),
        floor: z.number().min(0).max(1),
        freshHours: z
          .number()
          .min(0)
          .max(24 * 30),
      })
      .strict(),
    diversity: z
      .object({
        window: z.number().int().min(2).max(20),
        maxPerBrand: z.number().int().min(1).max(20),
        maxPerColumn: z.number().int().min(1).max(20),
      })
      .strict()
      .superRefine((d, issues) => {
        for (const k of ['maxPerBrand', 'maxPerColumn'] as const)
          if (d[k] > d.window)
            issues.addIssue({ code: 'custom', path: [k], message: `at most the window (${d.window})` });
      }),
    exploration: z.object({ share: z.number().min(0).max(0.5) }).strict(),
    hotReasonPercentile: z.number().min(0).max(1),
  })
  .strict();

// The schema and the interface must describe the same object.
const _sameShape: RankingParams = {} as z.infer<typeof RankingParamsSchema>;
void _sameShape;

const CACHE = 'ranking-params';
const KEY = 'current';
/** A safety net only: a change drops the entry at once, here and (with Redis) on every instance. */
const CACHE_TTL_MS = 60_000;
export const PARAM_LOG_SHOWN = 50;

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The defaults with the stored override laid over them, one level of groups deep. */
export function mergeParams(override: Plain): RankingParams {
  const out: Plain = structuredClone(RANKING_PARAMS) as unknown as Plain;
  for (const [k, v] of Object.entries(override)) {
    if (!(k in out)) continue; // a parameter the ranking no longer has
    out[k] = isPlain(v) && isPlain(out[k]) ? { ...out[k], ...v } : v;
  }
  return out as unknown as RankingParams;
}

/**
 * The parameters the feed should rank with now. Cheap per request: read from the database once,
 * then from the process until a change (or a minute) passes. A stored value outside today's
 * bounds (they may have been narrowed since) falls back to the defaults rather than break the feed.
 */
export async function currentRankingParams(ctx: Pick<AppContext, 'db' | 'caches'>): Promise<RankingParams> {
  const cache = ctx.caches.cache<RankingParams>(CACHE, 1, CACHE_TTL_MS);
  const hit = cache.get(KEY);
  if (hit) return hit;
  const [row] = await ctx.db.select({ override: rankingParams.override }).from(rankingParams);
  const parsed = RankingParamsSchema.safeParse(mergeParams(row?.override ?? {}));
  const params = parsed.success ? parsed.data : RANKING_PARAMS;
  cache.set(KEY, params);
  return params;
}

/** "a.b" paths of every leaf whose value differs between two parameter sets. */
export function changedPaths(before: Plain, after: Plain, prefix = ''): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const out: string[] = [];
  for (const k of keys) {
    const a = before[k];
    const b = after[k];
    if (isPlain(a) && isPlain(b)) out.push(...changedPaths(a, b, `${prefix}${k}.`));
    else if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${prefix}${k}`);
  }
  return out;
}

function valueAt(obj: Plain, path: string): unknown {
  let v: unknown = obj;
  for (const part of path.split('.')) v = isPlain(v) ? v[part] : undefined;
  return v;
}

/** The console's view: what runs now, the defaults, which differ, and the change log. */
export async function rankingParamsView(ctx: Pick<AppContext, 'db' | 'caches'>) {
  const [row] = await ctx.db
    .select({
      version: rankingParams.version,
      updatedAt: rankingParams.updatedAt,
      staffId: staffUsers.id,
      staffName: staffUsers.displayName,
    })
    .from(rankingParams)
    .leftJoin(staffUsers, eq(staffUsers.id, rankingParams.updatedBy));
  const current = await currentRankingParams(ctx);
  const log = await ctx.db
    .select({
      version: rankingParamChanges.version,
      action: rankingParamChanges.action,
      before: rankingParamChanges.before,
      after: rankingParamChanges.after,
      reason: rankingParamChanges.reason,
      at: rankingParamChanges.at,
      staffId: staffUsers.id,
      staffName: staffUsers.displayName,
    })
    .from(rankingParamChanges)
    .innerJoin(staffUsers, eq(staffUsers.id, rankingParamChanges.staffId))
    .orderBy(desc(rankingParamChanges.version))
    .limit(PARAM_LOG_SHOWN);
  return {
    params: current,
    defaults: RANKING_PARAMS,
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt.toISOString() ?? null,
    updatedBy: row?.staffId ? { id: row.staffId, displayName: row.staffName ?? '' } : null,
    changedFromDefaults: changedPaths(RANKING_PARAMS as unknown as Plain, current as unknown as Plain),
    log: log.map((l) => ({
      version: l.version,
      action: l.action,
      at: l.at.toISOString(),
      staff: { id: l.staffId, displayName: l.staffName },
      reason: l.reason,
      before: l.before,
      after: l.after,
      changes: changedPaths(l.before, l.after).map((path) => ({
        path,
        before: valueAt(l.before, path),
        after: valueAt(l.after, path),
      })),
    })),
  };
}

export interface ParamsChange {
  /** The new parameters (all of them); null resets to the defaults. */
  params: RankingParams | null;
  reason: string;
  /** The version the admin read; a different current version is a conflict. */
  version?: number;
}

/** Stores new parameters (or the defaults) and logs the change in the same transaction. */
export async function changeRankingParams(
  ctx: Pick<AppContext, 'db' | 'clock' | 'caches'>,
  staffId: number,
  change: ParamsChange,
): Promise<void> {
  const now = ctx.clock.now();
  // Checked here too, so a caller other than the route cannot store what the feed would refuse.
  const params = change.params === null ? null : RankingParamsSchema.parse(change.params);
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(rankingParams)
      .values({ id: 1, override: {}, version: 0, updatedAt: now })
      .onConflictDoNothing();
    const [row] = await tx.select().from(rankingParams).where(eq(rankingParams.id, 1)).for('update');
    if (change.version !== undefined && change.version !== row!.version)
      throw new AppError('ranking_params.version_conflict', undefined, { currentVersion: row!.version });
    const parsedBefore = RankingParamsSchema.safeParse(mergeParams(row!.override));
    const before = parsedBefore.success ? parsedBefore.data : RANKING_PARAMS;
    const after = params ?? RANKING_PARAMS;
    const version = row!.version + 1;
    await tx
      .update(rankingParams)
      .set({ override: (params ?? {}) as unknown as Plain, version, updatedBy: staffId, updatedAt: now })
      .where(eq(rankingParams.id, 1));
    await tx.insert(rankingParamChanges).values({
      version,
      staffId,
      action: params === null ? 'reset' : 'update',
      before: before as unknown as Plain,
      after: after as unknown as Plain,
      reason: change.reason,
      at: now,
    });
  });
  await ctx.caches.invalidate(CACHE, null);
}
