/**
 * The member's interest profile: built from the tags chosen at registration (cold start) and from
 * recorded behaviour, decayed with time, each weight keeping the contributions that made it.
 * Nothing is built, updated or shown without the member's personalisation consent.
 *
 * A rebuild recomputes the whole profile from its sources, so it is idempotent and follows every
 * deletion of the behaviour behind it. A deleted interest keeps a tombstone (deleted_at): behaviour
 * up to that moment, and a chosen registration tag, never bring it back; newer behaviour may.
 */
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { commentedArticlesOf } from '../comments/service.ts';
import { hasConsent } from '../consent/guard.ts';
import { articleFacets, followTargets } from '../content/lists.ts';
import { requirePublishedArticle } from '../content/service.ts';
import { behaviourOf, clearHistory, mayRecordBehaviour } from '../engagement/service.ts';
import { getUserTags } from '../profile/preferences.ts';
import { profileChanged } from './profile-events.ts';
import {
  type InterestContribution,
  type InterestKind,
  type InterestSource,
  interestWeights,
  notInterested,
} from './tables.ts';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'caches' | 'config'>;
type Lang = 'zh-CN' | 'en';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Every parameter of the interest profile, in one place. */
export const INTEREST_PARAMS = {
  /** A behaviour's contribution halves after this many days. */
  halfLifeDays: 30,
  /** Weight of a tag the member chose at registration (does not decay: it is a standing choice). */
  registrationTag: 1,
  /** Weight of a follow (does not decay while the follow stands). */
  follow: 1,
  /** A read: a base for opening it, plus up to `viewDwellMax` for the time spent reading. */
  viewBase: 0.1,
  viewDwellMax: 0.4,
  /** Dwell time at which a read earns the whole dwell part. */
  viewDwellFullMs: 120_000,
  favorite: 0.8,
  comment: 0.6,
  share: 0.6,
  /** "Not interested" pushes the article's tags and brands down by this much. */
  notInterested: -1.5,
  /** Which facets of an article a behaviour moves, as a share of the behaviour's weight. */
  facetShare: { tag: 1, brand: 1, column: 0.3, author: 0.5 } satisfies Record<InterestKind, number>,
  /** At most this many records of each behaviour kind are read per rebuild (newest first). */
  behaviourLimit: 500,
  /** Contributions kept as provenance per weight (the largest first). */
  provenanceCap: 8,
  /** Weights closer to zero than this are not kept. */
  minWeight: 0.01,
};

interface Event {
  source: InterestSource;
  at: Date | null;
  base: number;
  articleId?: number;
  /** Targets moved directly (registration tags, follows); otherwise the article's facets. */
  targets?: { kind: InterestKind; id: string }[];
  /** Which facet kinds an article event moves. */
  kinds?: readonly InterestKind[];
  decays: boolean;
}

const keyOf = (kind: InterestKind, id: string) => `${kind}:${id}`;

/** The key a member uses to name an interest: a tag's id alone, any other kind as `kind:id`. */
export const interestKey = (kind: InterestKind, id: string) => (kind === 'tag' ? id : keyOf(kind, id));

export function parseInterestKey(key: string): { kind: InterestKind; id: string } {
  const m = /^(tag|brand|column|author):(.+)$/.exec(key);
  const parsed = m ? { kind: m[1] as InterestKind, id: m[2] } : { kind: 'tag' as const, id: key };
  if (parsed.id.length === 0 || parsed.id.length > 64 || /[\s/:]/.test(parsed.id)) {
    throw new AppError('validation.failed', 'Not an interest key.', {
      errors: [
        { path: 'params.tag', message: 'a tag id, or kind:id with kind tag, brand, column or author' },
      ],
    });
  }
  return parsed;
}

async function collectEvents(ctx: Ctx, userId: number): Promise<Event[]> {
  const limit = INTEREST_PARAMS.behaviourLimit;
  const p = INTEREST_PARAMS;
  const events: Event[] = [];
  for (const id of await getUserTags(ctx.db, userId)) {
    events.push({
      source: 'registration',
      at: null,
      base: p.registrationTag,
      targets: [{ kind: 'tag', id }],
      decays: false,
    });
  }
  const b = await behaviourOf(ctx, userId, limit);
  for (const f of b.follows) {
    events.push({
      source: 'follow',
      at: f.at,
      base: p.follow,
      targets: [{ kind: f.kind, id: f.id }],
      decays: false,
    });
  }
  for (const v of b.views) {
    const dwell = Math.min(v.dwellMs / p.viewDwellFullMs, 1) * p.viewDwellMax;
    events.push({ source: 'view', at: v.at, base: p.viewBase + dwell, articleId: v.articleId, decays: true });
  }
  for (const f of b.favourites)
    events.push({ source: 'favorite', at: f.at, base: p.favorite, articleId: f.articleId, decays: true });
  for (const s of b.shares)
    events.push({ source: 'share', at: s.at, base: p.share, articleId: s.articleId, decays: true });
  for (const c of await commentedArticlesOf(ctx.db, userId, limit))
    events.push({ source: 'comment', at: c.at, base: p.comment, articleId: c.articleId, decays: true });
  const marks = await ctx.db
    .select({ articleId: notInterested.articleId, at: notInterested.createdAt })
    .from(notInterested)
    .where(eq(notInterested.userId, userId))
    .orderBy(desc(notInterested.createdAt))
    .limit(limit);
  for (const n of marks) {
    events.push({
      source: 'not_interested',
      at: n.at,
      base: p.notInterested,
      articleId: n.articleId,
      kinds: ['tag', 'brand'],
      decays: true,
    });
  }
  return events;
}

interface Built {
  kind: InterestKind;
  id: string;
  weight: number;
  reinforcedAt: Date | null;
  sources: InterestContribution[];
}

/**
 * Recomputes the member's profile from its sources. Without consent nothing is built (and
 * nothing is changed). Answers whether it built.
 */
export async function rebuildInterests(ctx: Ctx, userId: number): Promise<boolean> {
  if (!(await hasConsent(ctx, userId, 'personalization'))) return false;
  const now = ctx.clock.now();
  const p = INTEREST_PARAMS;
  const events = await collectEvents(ctx, userId);
  const facets = await articleFacets(
    ctx.db,
    events.flatMap((e) => (e.articleId === undefined ? [] : [e.articleId])),
  );
  const existing = await ctx.db.select().from(interestWeights).where(eq(interestWeights.userId, userId));
  const deletedAt = new Map(
    existing.flatMap((r) => (r.deletedAt ? [[keyOf(r.kind, r.targetId), r.deletedAt] as const] : [])),
  );

  const built = new Map<string, Built>();
  for (const e of events) {
    const decay =
      e.decays && e.at ? 0.5 ** (Math.max(0, now.getTime() - e.at.getTime()) / (p.halfLifeDays * DAY_MS)) : 1;
    let targets: { kind: InterestKind; id: string; share: number }[];
    if (e.targets) targets = e.targets.map((t) => ({ ...t, share: 1 }));
    else {
      const f = e.articleId === undefined ? undefined : facets.get(e.articleId);
      if (!f) continue;
      const kinds = e.kinds ?? (['tag', 'brand', 'column', 'author'] as const);
      targets = [
        ...f.tags.map((id) => ({ kind: 'tag' as const, id })),
        ...f.brands.map((id) => ({ kind: 'brand' as const, id })),
        { kind: 'column' as const, id: f.column },
        ...(f.author === null ? [] : [{ kind: 'author' as const, id: String(f.author) }]),
      ]
        .filter((t) => kinds.includes(t.kind))
        .map((t) => ({ ...t, share: p.facetShare[t.kind] }));
    }
    for (const t of targets) {
      const key = keyOf(t.kind, t.id);
      const gone = deletedAt.get(key);
      // A deleted interest: its chosen tag and the behaviour before the deletion no longer count.
      if (gone && (e.at === null || e.at.getTime() <= gone.getTime())) continue;
      const delta = e.base * t.share * decay;
      const row = built.get(key) ?? { kind: t.kind, id: t.id, weight: 0, reinforcedAt: null, sources: [] };
      row.weight += delta;
      if (e.at && (!row.reinforcedAt || e.at > row.reinforcedAt)) row.reinforcedAt = e.at;
      row.sources.push({
        source: e.source,
        at: e.at ? e.at.toISOString() : null,
        delta: Math.round(delta * 1000) / 1000,
        ...(e.articleId === undefined ? {} : { articleId: e.articleId }),
      });
      built.set(key, row);
    }
  }

  const rows = [...built.values()]
    .filter((r) => Math.abs(r.weight) >= p.minWeight)
    .map((r) => ({
      userId,
      kind: r.kind,
      targetId: r.id,
      weight: Math.round(r.weight * 1000) / 1000,
      reinforcedAt: r.reinforcedAt,
      sources: r.sources.sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta)).slice(0, p.provenanceCap),
      deletedAt: deletedAt.get(keyOf(r.kind, r.id)) ?? null,
      updatedAt: now,
    }));
  const kept = new Set(rows.map((r) => keyOf(r.kind, r.targetId)));
  // Tombstones stay (with no weight) so the deletion keeps holding.
  const tombstones = existing
    .filter((r) => r.deletedAt && !kept.has(keyOf(r.kind, r.targetId)))
    .map((r) => ({ ...r, weight: 0, reinforcedAt: null, sources: [], updatedAt: now }));
  await ctx.db.transaction(async (tx) => {
    await tx.delete(interestWeights).where(eq(interestWeights.userId, userId));
    const all = [...rows, ...tombstones];
    // Two rebuilds at once (two tabs) must not collide on the key: the later one wins.
    for (let i = 0; i < all.length; i += 500) {
      await tx
        .insert(interestWeights)
        .values(all.slice(i, i + 500))
        .onConflictDoUpdate({
          target: [interestWeights.userId, interestWeights.kind, interestWeights.targetId],
          set: {
            weight: sql`excluded.weight`,
            reinforcedAt: sql`excluded.reinforced_at`,
            sources: sql`excluded.sources`,
            deletedAt: sql`excluded.deleted_at`,
            updatedAt: sql`excluded.updated_at`,
          },
        });
    }
  });
  return true;
}

export interface InterestView {
  tag: string;
  kind: InterestKind;
  id: string;
  name: string;
  weight: number;
  source: InterestSource;
  sources: InterestContribution[];
  reinforcedAt: string | null;
}

/**
 * The member's profile as shown to the member and used by personalisation, strongest first;
 * empty without consent. Rebuilt first, so it reflects the latest behaviour and deletions.
 */
export async function listInterests(ctx: Ctx, userId: number, lang: Lang): Promise<InterestView[]> {
  if (!(await rebuildInterests(ctx, userId))) return [];
  const rows = await ctx.db
    .select()
    .from(interestWeights)
    .where(and(eq(interestWeights.userId, userId), ne(interestWeights.weight, 0)))
    .orderBy(desc(interestWeights.weight), interestWeights.kind, interestWeights.targetId);
  const names = new Map(
    (
      await followTargets(
        ctx.db,
        rows.map((r) => ({ kind: r.kind, id: r.targetId })),
        lang,
      )
    ).map((t) => [keyOf(t.kind, t.id), t.name]),
  );
  return rows.map((r) => ({
    tag: interestKey(r.kind, r.targetId),
    kind: r.kind,
    id: r.targetId,
    name: names.get(keyOf(r.kind, r.targetId)) ?? r.targetId,
    weight: r.weight,
    source: r.sources[0]?.source ?? 'registration',
    sources: r.sources,
    reinforcedAt: r.reinforcedAt ? r.reinforcedAt.toISOString() : null,
  }));
}

/**
 * Deletes one interest and records the deletion, so a rebuild from the same behaviour does not
 * bring it back. 404 when the member has no such interest.
 */
export async function deleteInterest(ctx: Ctx, userId: number, key: string): Promise<void> {
  const { kind, id } = parseInterestKey(key);
  const now = ctx.clock.now();
  const gone = await ctx.db
    .update(interestWeights)
    .set({ weight: 0, sources: [], reinforcedAt: null, deletedAt: now, updatedAt: now })
    .where(
      and(
        eq(interestWeights.userId, userId),
        eq(interestWeights.kind, kind),
        eq(interestWeights.targetId, id),
        ne(interestWeights.weight, 0),
      ),
    )
    .returning({ id: interestWeights.targetId });
  if (gone.length === 0) throw new AppError('interest.not_found', `You have no interest ${key}.`);
  await profileChanged(ctx, userId);
}

/**
 * Deletes the whole profile: every weight and its provenance goes, leaving only the record of the
 * deletion (kind, id, time) so the same chosen tags and past behaviour do not rebuild it. With
 * `behaviour`, the browsing history, click records and "not interested" marks go too.
 */
export async function clearInterests(
  ctx: Ctx,
  userId: number,
  options: { behaviour: boolean },
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db
    .update(interestWeights)
    .set({ weight: 0, sources: [], reinforcedAt: null, deletedAt: now, updatedAt: now })
    .where(eq(interestWeights.userId, userId));
  if (options.behaviour) {
    await ctx.db.delete(notInterested).where(eq(notInterested.userId, userId));
    await clearHistory(ctx, userId);
  }
  await profileChanged(ctx, userId);
}

/**
 * "Not interested" in an article: recorded (under consent) and the article's tags and brands are
 * pushed down at once. Without consent it is accepted and nothing is kept.
 */
export async function markNotInterested(
  ctx: Ctx,
  userId: number,
  articleId: number,
): Promise<{ recorded: boolean }> {
  await requirePublishedArticle(ctx.db, articleId);
  if (!(await mayRecordBehaviour(ctx, userId))) return { recorded: false };
  const now = ctx.clock.now();
  await ctx.db
    .insert(notInterested)
    .values({ userId, articleId, createdAt: now })
    .onConflictDoUpdate({ target: [notInterested.userId, notInterested.articleId], set: { createdAt: now } });
  await rebuildInterests(ctx, userId);
  await profileChanged(ctx, userId, { rebuilt: true });
  return { recorded: true };
}
