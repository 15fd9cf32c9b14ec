/**
 * The personalised feed: `GET /feed` for a member whose personalisation consent is in force.
 *
 * 1. The member's profile, in one round trip: interest weights (negative ones are the entities a
 *    "not interested" mark pushed down), follows, recently read articles and "not interested"
 *    marks. A profile older than the member's behaviour is rebuilt first (profile-events.ts).
 * 2. Candidates from several sources, in the mix RANKING_PARAMS.sourceMix sets: the hottest
 *    articles of each of the strongest interests, the newest of each followed entity, the general
 *    hot order and the newest articles. Each source is one walk of a feed index, shared by every
 *    member for a few seconds (CANDIDATE_TTL_MS), so a member's first page costs the profile
 *    query and cached lists.
 * 3. ranking.ts orders them (read and not-interested articles removed, freshness, diversity,
 *    exploration) with a reason per item; this module turns the reason into a short phrase in the
 *    reader's language ("因为你关注了 三一").
 *
 * The ranked list is stored per member and column (member_feeds) and deleted by any behaviour or
 * profile change (profile-events.ts); a page's slice of the list is read with the session and
 * the consent, in a statement shared by the feed requests of the same moment (feedSession), and
 * the page ranks only when the list is missing or stale. Pages are slices (`["rec", offset]` cursors); past the list's end the feed continues
 * with the general hot order, leaving out what the list showed. `precomputeFeeds` ranks ahead.
 */
import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { batchDbFor, type Db, preparedPerDatabase, queryRows } from '../../db/client.ts';
import { hashToken } from '../../platform/auth.ts';
import { AppError } from '../../platform/errors.ts';
import { BufferSlab } from '../../platform/slab.ts';
import { liveSessionOfToken, sessionUsed } from '../accounts/sessions.ts';
import { memberSessions, users } from '../accounts/tables.ts';
import { hasConsent } from '../consent/guard.ts';
import { grantInForce } from '../consent/service.ts';
import { consentRecords } from '../consent/tables.ts';
import { pinnedItems } from '../content/pins.ts';
import { regionalLead } from '../content/regional.ts';
import type { FeedItemT, FeedWhyT } from '../content/schemas.ts';
import { generalFeed, listBrands, listColumns, listTags } from '../content/service.ts';
import { browsingHistory, follows } from '../engagement/tables.ts';
import { guardianGateClosed } from '../guardian/gate.ts';
import { provinceById } from '../location/regions.ts';
import { memberRegion } from '../location/service.ts';
import { staffUsers } from '../staff/tables.ts';
import { rebuildInterests } from './interests.ts';
import { currentRankingParams } from './params.ts';
import { takeStale } from './profile-events.ts';
import {
  type Candidate,
  type EntityKind,
  type EntityRef,
  entitiesOf,
  type RankedItem,
  type RankingParams,
  type RankingProfile,
  rank,
} from './ranking.ts';
import { interestWeights, memberFeeds, notInterested } from './tables.ts';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'caches' | 'config'>;
export type Lang = 'zh-CN' | 'en';

/** Shared candidate lists (per source and column) are reused for this long. */
const CANDIDATE_TTL_MS = 30_000;
/** Article details and names are reused for this long. */
const RANKED_TTL_MS = 60_000;
/** A stored ranked list older than this is ranked again (fresh articles come in). */
const LIST_MAX_AGE_MS = 15 * 60_000;
/** A profile not rebuilt for this long is rebuilt before ranking (behaviour on another instance). */
const PROFILE_MAX_AGE_MS = 6 * 60 * 60 * 1000;
/** Read articles considered when removing what was already read. */
const READ_LIMIT = 300;
/** Interest entities and follows that each bring candidates of their own. */
const INTEREST_SOURCES = 8;
const FOLLOW_SOURCES = 12;
/** How many ranked items a list holds (later pages continue with the general hot order). */
const LIST_LENGTH = 200;

export const RECS_ARTICLES_CACHE = 'recs-articles';
/** Page items' bytes by article (null: not published); dropped with the article's details. */
export const RECS_ITEMS_CACHE = 'recs-items';
export const RECS_CANDIDATES_CACHE = 'recs-candidates';

/** An article as ranking and the page need it. */
interface Detail extends Candidate {
  title: string;
  summary: string;
  coverUrl: string | null;
  language: string;
}

const cachesOf = (bus: Ctx['caches']) => ({
  details: bus.numberCache<Detail | null>(RECS_ARTICLES_CACHE, 50_000, RANKED_TTL_MS),
  // Apart from the details, which hold every candidate ranking has read (tens of thousands): the
  // few thousand articles that pages show, in a map small enough to stay in the processor's cache.
  items: bus.numberCache<Buffer | null>(RECS_ITEMS_CACHE, 20_000, RANKED_TTL_MS),
  candidates: bus.cache<number[]>(RECS_CANDIDATES_CACHE, 5_000, CANDIDATE_TTL_MS),
  names: bus.cache<Map<string, string>>('recs-names', 4, RANKED_TTL_MS),
});
const busCaches = new WeakMap<Ctx['caches'], ReturnType<typeof cachesOf>>();
function caches(ctx: Ctx): ReturnType<typeof cachesOf> {
  let found = busCaches.get(ctx.caches);
  if (!found) {
    found = cachesOf(ctx.caches);
    busCaches.set(ctx.caches, found);
  }
  return found;
}

// ---- the member's profile ----

export interface MemberProfile extends RankingProfile {
  /** Whether any weight row exists (tombstones included): false means never built. */
  built: boolean;
  updatedAt: Date | null;
}

/** The profile ranking needs, in one round trip. */
export async function loadProfile(db: Db, userId: number): Promise<MemberProfile> {
  // `at`: a weight's last rebuild; `since`: when a weight was deleted, or when a follow began.
  const rows = await queryRows<{
    t: string;
    kind: string | null;
    id: string;
    weight: number;
    at: unknown;
    since: unknown;
  }>(
    db,
    sql`(SELECT 'w' AS t, ${interestWeights.kind} AS kind, ${interestWeights.targetId} AS id,
            ${interestWeights.weight}::float8 AS weight, ${interestWeights.updatedAt} AS at,
            ${interestWeights.deletedAt} AS since
          FROM ${interestWeights} WHERE ${interestWeights.userId} = ${userId})
        UNION ALL (SELECT 'f', ${follows.kind}, ${follows.targetId}, 0, NULL, ${follows.createdAt}
          FROM ${follows} WHERE ${follows.userId} = ${userId})
        UNION ALL (SELECT 'r', NULL, ${browsingHistory.articleId}::text, 0, NULL, NULL
          FROM ${browsingHistory} WHERE ${browsingHistory.userId} = ${userId}
          ORDER BY ${browsingHistory.lastViewedAt} DESC, ${browsingHistory.articleId} DESC LIMIT ${READ_LIMIT})
        UNION ALL (SELECT 'n', NULL, ${notInterested.articleId}::text, 0, NULL, NULL
          FROM ${notInterested} WHERE ${notInterested.userId} = ${userId})`,
  );
  const profile: MemberProfile = {
    weights: [],
    follows: [],
    read: [],
    notInterested: { articleIds: [], entities: [] },
    built: false,
    updatedAt: null,
  };
  const weights: (EntityRef & { weight: number })[] = [];
  const pushed: EntityRef[] = [];
  const followed: (EntityRef & { since: Date })[] = [];
  const deleted = new Map<string, Date>();
  const read: number[] = [];
  const marked: number[] = [];
  for (const r of rows) {
    if (r.t === 'w') {
      profile.built = true;
      const at = r.at === null ? null : new Date(r.at as string);
      if (at && (!profile.updatedAt || at > profile.updatedAt)) profile.updatedAt = at;
      if (r.since !== null) deleted.set(`${r.kind}:${r.id}`, new Date(r.since as string));
      const weight = Number(r.weight);
      const ref = { kind: r.kind as EntityKind, id: r.id };
      if (weight > 0) weights.push({ ...ref, weight });
      else if (weight < 0) pushed.push(ref);
    } else if (r.t === 'f')
      followed.push({ kind: r.kind as EntityKind, id: r.id, since: new Date(r.since as string) });
    else if (r.t === 'r') read.push(Number(r.id));
    else marked.push(Number(r.id));
  }
  weights.sort((a, b) => b.weight - a.weight || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
  return {
    ...profile,
    weights,
    // A deleted interest outweighs a follow made before the deletion (the follow itself stays, in
    // the following tab); following again afterwards brings it back.
    follows: followed
      .filter((f) => {
        const gone = deleted.get(`${f.kind}:${f.id}`);
        return !gone || f.since > gone;
      })
      .map(({ kind, id }) => ({ kind, id })),
    read,
    notInterested: { articleIds: marked, entities: pushed },
  };
}

// ---- candidates ----

/** One candidate source: what it walks and how many ids it brings. */
interface Source {
  key: string;
  limit: number;
  query: (db: Db, column: string | undefined, limit: number) => Promise<number[]>;
}

const ids = (rows: { id: number | string }[]) => rows.map((r) => Number(r.id));
const inColumn = (column: string | undefined) =>
  column === undefined ? sql`` : sql`AND a.column_id = ${column}`;

/** The general hot order (articles_hot_feed_idx, or the column's). */
const hotSource = (limit: number): Source => ({
  key: 'hot',
  limit,
  query: async (db, column, n) =>
    ids(
      await queryRows<{ id: number }>(
        db,
        sql`SELECT a.id FROM articles a WHERE a.status = 'published' ${inColumn(column)}
            ORDER BY a.hot_score DESC NULLS LAST, a.id DESC NULLS LAST LIMIT ${n}`,
      ),
    ),
});

/** The newest articles (articles_published_feed_idx, or the column's). */
const freshSource = (limit: number): Source => ({
  key: 'fresh',
  limit,
  query: async (db, column, n) =>
    ids(
      await queryRows<{ id: number }>(
        db,
        sql`SELECT a.id FROM articles a WHERE a.status = 'published' ${inColumn(column)}
            ORDER BY a.published_at DESC NULLS LAST, a.id DESC NULLS LAST LIMIT ${n}`,
      ),
    ),
});

/**
 * The hottest articles of one entity: tags and brands walk their link table's hot index, a column
 * its hot index, an author the newest of their bylines. With a column filter, an entity source
 * keeps only that column's articles (it fetches more to leave enough).
 */
const entitySource = (e: EntityRef, limit: number): Source => ({
  key: `${e.kind}:${e.id}`,
  limit,
  query: async (db, column, n) => {
    const link = e.kind === 'tag' ? 'article_tags' : e.kind === 'brand' ? 'article_brands' : null;
    if (link) {
      const key = e.kind === 'tag' ? 'tag_id' : 'brand_id';
      const walked = column === undefined ? n : n * 4;
      return ids(
        await queryRows<{ id: number }>(
          db,
          sql`SELECT x.id FROM (SELECT l.article_id AS id, l.hot_score FROM ${sql.raw(link)} l
                WHERE l.${sql.raw(key)} = ${e.id} AND l.hot_score IS NOT NULL
                ORDER BY l.hot_score DESC NULLS LAST, l.article_id DESC NULLS LAST LIMIT ${walked}) x
              ${column === undefined ? sql`` : sql`JOIN articles a ON a.id = x.id WHERE a.column_id = ${column}`}
              ORDER BY x.hot_score DESC NULLS LAST, x.id DESC LIMIT ${n}`,
        ),
      );
    }
    if (e.kind === 'column') {
      if (column !== undefined && column !== e.id) return [];
      return hotSource(n).query(db, e.id, n);
    }
    if (!/^\d{1,15}$/.test(e.id)) return [];
    return ids(
      await queryRows<{ id: number }>(
        db,
        sql`SELECT a.id FROM articles a
            WHERE a.status = 'published' AND a.author_id >= ${Number(e.id)} AND a.author_id <= ${Number(e.id)}
              ${inColumn(column)}
            ORDER BY a.author_id, a.published_at DESC NULLS LAST, a.id DESC NULLS LAST LIMIT ${n}`,
      ),
    );
  },
});

/** The sources for this profile, in the mix the parameters set. */
function sourcesFor(profile: RankingProfile, params: RankingParams): Source[] {
  const mix = params.sourceMix;
  const out: Source[] = [];
  if (mix.hot > 0) out.push(hotSource(mix.hot));
  if (mix.fresh > 0) out.push(freshSource(mix.fresh));
  const interests = profile.weights.slice(0, INTEREST_SOURCES);
  if (mix.interest > 0 && interests.length > 0) {
    const each = Math.max(5, Math.ceil(mix.interest / interests.length));
    for (const w of interests) out.push(entitySource(w, each));
  }
  const followed = profile.follows.slice(0, FOLLOW_SOURCES);
  if (mix.follow > 0 && followed.length > 0) {
    const each = Math.max(5, Math.ceil(mix.follow / followed.length));
    for (const f of followed) out.push(entitySource(f, each));
  }
  return out;
}

/** Each source's ids, from the shared cache or one index walk. */
async function gather(ctx: Ctx, sources: Source[], column: string | undefined) {
  const { candidates } = caches(ctx);
  const bySource = new Map<string, number[]>();
  await Promise.all(
    sources.map(async (s) => {
      const key = `${s.key}|${column ?? ''}|${s.limit}`;
      let list = candidates.get(key);
      if (!list) {
        list = await s.query(ctx.db, column, s.limit);
        candidates.set(key, list);
      }
      bySource.set(s.key, [...(bySource.get(s.key) ?? []), ...list]);
    }),
  );
  return bySource;
}

/** What the cache holds of `wanted`: the published articles found, and the ids it does not know. */
function cachedDetails(ctx: Ctx, wanted: readonly number[]): { out: Map<number, Detail>; missing: number[] } {
  const { details } = caches(ctx);
  const out = new Map<number, Detail>();
  const missing: number[] = [];
  for (const id of wanted) {
    if (out.has(id)) continue;
    const hit = details.get(id);
    if (hit === undefined) {
      if (!missing.includes(id)) missing.push(id);
    } else if (hit !== null) out.set(id, hit);
  }
  return { out, missing };
}

/** Published articles by id with what ranking and the page need; cached per article. */
async function detailsOf(ctx: Ctx, wanted: readonly number[]): Promise<Map<number, Detail>> {
  const { details } = caches(ctx);
  const { out, missing } = cachedDetails(ctx, wanted);
  if (missing.length > 0) {
    const rows = await queryRows<{
      id: number | string;
      title: string;
      summary: string;
      cover_url: string | null;
      column_id: string;
      language: string;
      published_at: string | Date;
      author_id: number | string | null;
      view_count: number;
      comment_count: number;
      favorite_count: number;
      share_count: number;
      tags: string[] | null;
      brands: string[] | null;
    }>(
      ctx.db,
      sql`SELECT a.id, a.title, a.summary, a.cover_url, a.column_id, a.language, a.published_at, a.author_id,
            a.view_count, a.comment_count, a.favorite_count, a.share_count,
            array(SELECT t.tag_id FROM article_tags t WHERE t.article_id = a.id ORDER BY 1) AS tags,
            array(SELECT b.brand_id FROM article_brands b WHERE b.article_id = a.id ORDER BY 1) AS brands
          FROM articles a
          WHERE a.id = ANY(${`{${missing.join(',')}}`}::bigint[]) AND a.status = 'published'`,
    );
    for (const r of rows) {
      const d: Detail = {
        id: Number(r.id),
        title: r.title,
        summary: r.summary,
        coverUrl: r.cover_url,
        column: r.column_id,
        language: r.language,
        publishedAt: new Date(r.published_at),
        author: r.author_id === null ? null : Number(r.author_id),
        tags: r.tags ?? [],
        brands: r.brands ?? [],
        counts: {
          views: Number(r.view_count),
          comments: Number(r.comment_count),
          favorites: Number(r.favorite_count),
          shares: Number(r.share_count),
        },
      };
      out.set(d.id, d);
      details.set(d.id, d);
    }
    // Not published (or gone): remembered as such until the article changes or the entry expires.
    for (const id of missing) if (!out.has(id)) details.set(id, null);
  }
  return out;
}

// ---- ranking ----

/** Same member, same day: same exploration picks. */
export function daySeed(userId: number, now: Date): number {
  const day = Math.floor(now.getTime() / 86_400_000);
  return (Math.imul(userId ^ 0x5bd1e995, 0x9e3779b1) ^ day) >>> 0;
}

/** The member's profile, rebuilt first when it is older than the member's behaviour. */
async function currentProfile(ctx: Ctx, userId: number): Promise<MemberProfile> {
  let profile = await loadProfile(ctx.db, userId);
  const old =
    profile.updatedAt !== null &&
    ctx.clock.now().getTime() - profile.updatedAt.getTime() > PROFILE_MAX_AGE_MS;
  if (takeStale(userId) || !profile.built || old) {
    if (await rebuildInterests(ctx, userId)) profile = await loadProfile(ctx.db, userId);
  }
  return profile;
}

/**
 * A slice of a member's stored list, as read (feedSession reads it with the session): the ids
 * and encoded reasons of positions [from, from + ids.length), and the list's whole length.
 */
export interface StoredList {
  ids: number[];
  reasons: string[];
  from: number;
  length: number;
  paramsHash: string;
  computedAt: Date;
}

/** An item of a list slice: the article and its reason, encoded (encodeReason). */
interface ListItem {
  id: number;
  code: string;
}

/** A reason as stored: kind, or kind:entityKind:entityId (ids are slugs or numbers: no colon, no comma). */
export const encodeReason = (r: RankedItem['reason']) =>
  r.entity ? `${r.kind}:${r.entity.kind}:${r.entity.id}` : r.kind;

export function decodeReason(text: string): RankedItem['reason'] {
  const [kind, entityKind, ...rest] = text.split(':');
  const k = kind as RankedItem['reason']['kind'];
  return entityKind
    ? { kind: k, entity: { kind: entityKind as EntityKind, id: rest.join(':') } }
    : { kind: k };
}

const hashes = new WeakMap<RankingParams, string>();
/** A short hash of the parameters: a stored list made with other values is stale. */
export function paramsHash(params: RankingParams): string {
  let h = hashes.get(params);
  if (!h) {
    h = createHash('sha256').update(JSON.stringify(params)).digest('base64url').slice(0, 16);
    hashes.set(params, h);
  }
  return h;
}

/**
 * Positions [from, from + limit) of the member's ranked list, and its length: from the stored
 * list while it is fresh (same parameters, younger than LIST_MAX_AGE_MS, not deleted by a change
 * since), else ranked now and stored. `kept` is the slice feedSession read with the session
 * (null: the member has no stored list for the column).
 */
async function rankedSlice(
  ctx: Ctx,
  userId: number,
  column: string | undefined,
  params: RankingParams,
  window: { from: number; limit: number },
  kept: StoredList | null,
): Promise<{ ids: number[]; codes: string[]; length: number }> {
  const now = ctx.clock.now();
  if (
    kept &&
    kept.from === window.from &&
    kept.paramsHash === paramsHash(params) &&
    now.getTime() - kept.computedAt.getTime() < LIST_MAX_AGE_MS
  ) {
    return { ids: kept.ids, codes: kept.ids.map((_, i) => kept.reasons[i] ?? 'hot'), length: kept.length };
  }
  const all = await rankAndStore(ctx, userId, column, params);
  const slice = all.slice(window.from, window.from + window.limit);
  return { ids: slice.map((i) => i.id), codes: slice.map((i) => i.code), length: all.length };
}

/** Ranks the member's list now and stores it. */
async function rankAndStore(
  ctx: Ctx,
  userId: number,
  column: string | undefined,
  params: RankingParams,
): Promise<ListItem[]> {
  const items = await rankFresh(ctx, userId, column, params);
  const row = {
    articleIds: items.map((i) => i.id),
    reasons: items.map((i) => i.code),
    paramsHash: paramsHash(params),
    computedAt: ctx.clock.now(),
  };
  await ctx.db
    .insert(memberFeeds)
    .values({ userId, columnId: column ?? '', ...row })
    .onConflictDoUpdate({ target: [memberFeeds.userId, memberFeeds.columnId], set: row });
  return items;
}

/** Every id of the member's stored list (to leave them out once the feed is past the list). */
async function listIds(db: Db, userId: number, column: string | undefined): Promise<number[]> {
  const [row] = await db
    .select({ ids: memberFeeds.articleIds })
    .from(memberFeeds)
    .where(and(eq(memberFeeds.userId, userId), eq(memberFeeds.columnId, column ?? '')));
  return row?.ids ?? [];
}

/** Ranks the member's candidates now (the profile rebuilt first if behaviour changed it). */
async function rankFresh(
  ctx: Ctx,
  userId: number,
  column: string | undefined,
  params: RankingParams,
): Promise<ListItem[]> {
  const profile = await currentProfile(ctx, userId);
  const now = ctx.clock.now();
  const { items } = await rankProfile(ctx, profile, params, {
    column,
    seed: daySeed(userId, now),
    limit: LIST_LENGTH,
  });
  return items.map((r) => ({ id: r.id, code: encodeReason(r.reason) }));
}

/**
 * Gathers a profile's candidates from its sources and ranks them: the ranked items, which sources
 * brought each article, and the articles' details. The feed and the console's explanation share it.
 */
async function rankProfile(
  ctx: Ctx,
  profile: RankingProfile,
  params: RankingParams,
  o: { column?: string; seed: number; limit: number },
) {
  const bySource = await gather(ctx, sourcesFor(profile, params), o.column);
  const all = [...bySource.values()].flat();
  const details = await detailsOf(ctx, all);
  const candidates = [...new Set(all)].flatMap((id) => {
    const d = details.get(id);
    return d && (o.column === undefined || d.column === o.column) ? [d] : [];
  });
  const items = rank({ candidates, profile, now: ctx.clock.now(), seed: o.seed, params, limit: o.limit });
  return { items, bySource, details, candidates: candidates.length };
}

/**
 * Ranks and stores the lists of consenting members that have no fresh one, ahead of their next
 * visit (`npm run recs -- precompute`): the nearline half of the feed, so a page is one read.
 */
export async function precomputeFeeds(
  ctx: Ctx,
  options: { concurrency?: number; log?: (line: string) => void } = {},
): Promise<{ members: number; ranked: number }> {
  const params = await currentRankingParams(ctx);
  const hash = paramsHash(params);
  const since = new Date(ctx.clock.now().getTime() - LIST_MAX_AGE_MS / 2).toISOString();
  let after = 0;
  let members = 0;
  let ranked = 0;
  for (;;) {
    const batch = await queryRows<{ id: number | string }>(
      ctx.db,
      sql`SELECT u.id FROM users u
          WHERE u.id > ${after} AND u.status = 'active'
            AND NOT EXISTS (SELECT 1 FROM ${memberFeeds} f WHERE f.user_id = u.id AND f.column_id = ''
              AND f.params_hash = ${hash} AND f.computed_at > ${since}::timestamptz)
          ORDER BY u.id LIMIT 500`,
    );
    if (batch.length === 0) break;
    after = Number(batch.at(-1)!.id);
    const ids = batch.map((r) => Number(r.id));
    members += ids.length;
    const lanes = Math.max(1, options.concurrency ?? 8);
    for (let i = 0; i < ids.length; i += lanes) {
      const done = await Promise.all(
        ids.slice(i, i + lanes).map(async (id) => {
          if (!(await hasConsent(ctx, id, 'personalization'))) return false;
          await rankAndStore(ctx, id, undefined, params);
          return true;
        }),
      );
      ranked += done.filter(Boolean).length;
    }
    options.log?.(`ranked ${ranked} of ${members} members looked at`);
  }
  return { members, ranked };
}

// ---- reasons in words ----

/**
 * Display names of tags, brands and columns in one language, kept a minute; read afresh when a
 * wanted name is missing (an entity added since).
 */
async function namesIn(ctx: Ctx, lang: Lang, wanted: readonly string[]): Promise<Map<string, string>> {
  const { names } = caches(ctx);
  const hit = names.get(lang);
  if (hit && wanted.every((k) => hit.has(k))) return hit;
  const map = new Map<string, string>();
  for (const t of await listTags(ctx.db, lang)) map.set(`tag:${t.id}`, t.name);
  for (const b of await listBrands(ctx.db, lang)) map.set(`brand:${b.id}`, b.name);
  for (const c of await listColumns(ctx.db, lang)) map.set(`column:${c.id}`, c.name);
  // Authors are staff bylines: the staff accounts with a published article.
  const authors = await ctx.db
    .select({ id: staffUsers.id, name: staffUsers.displayName })
    .from(staffUsers)
    .where(
      sql`EXISTS (SELECT 1 FROM articles a WHERE a.author_id = ${staffUsers.id} AND a.status = 'published')`,
    );
  for (const a of authors) map.set(`author:${a.id}`, a.name);
  names.set(lang, map);
  return map;
}

const PINNED: Record<Lang, string> = { 'zh-CN': '编辑置顶', en: 'Pinned by the editors' };
const LOCAL: Record<Lang, (province: string) => string> = {
  'zh-CN': (p) => `${p}本地`,
  en: (p) => `Local to ${p}`,
};
const provinceName = (id: string, lang: Lang) => {
  const p = provinceById(id);
  return p ? (lang === 'en' ? p.en : p.zh) : id;
};

const PHRASES: Record<Lang, Record<RankedItem['reason']['kind'], (name: string | undefined) => string>> = {
  'zh-CN': {
    follow: (n) => `因为你关注了 ${n}`,
    interest: (n) => `你对 ${n} 感兴趣`,
    hot: (n) => (n ? `${n} 热门` : '热门'),
    fresh: (n) => (n ? `${n} 最新` : '最新'),
    explore: () => '发现新内容',
  },
  en: {
    follow: (n) => `Because you follow ${n}`,
    interest: (n) => `Matches your interest in ${n}`,
    hot: (n) => (n ? `Popular in ${n}` : 'Popular'),
    fresh: (n) => (n ? `New in ${n}` : 'New'),
    explore: () => 'Something new to explore',
  },
};

/** The reason as a short phrase and as data, for each ranked item. */
async function phrase(ctx: Ctx, items: readonly Pick<RankedItem, 'reason'>[], lang: Lang) {
  const names = await namesIn(
    ctx,
    lang,
    items.flatMap((i) => (i.reason.entity ? [`${i.reason.entity.kind}:${i.reason.entity.id}`] : [])),
  );
  return sayWith(names, lang);
}

/**
 * Each stored reason (encodeReason) as the UTF-8 of the JSON members `"reason":…,"why":…}` that
 * close a page item. A reason's bytes are made once per names map (namesIn replaces the map when
 * names change).
 */
async function phrasedReasons(ctx: Ctx, codes: readonly string[], lang: Lang): Promise<Buffer[]> {
  const names = await namesIn(
    ctx,
    lang,
    codes.flatMap((code) => {
      const at = code.indexOf(':');
      return at < 0 ? [] : [code.slice(at + 1)];
    }),
  );
  let made = reasonJson.get(names);
  if (!made) {
    made = new Map();
    reasonJson.set(names, made);
  }
  const known = made;
  const say = sayWith(names, lang);
  return codes.map((code) => {
    let members = known.get(code);
    if (members === undefined) {
      members = Buffer.from(JSON.stringify(say({ reason: decodeReason(code) })).slice(1));
      known.set(code, members);
    }
    return members;
  });
}
const reasonJson = new WeakMap<Map<string, string>, Map<string, Buffer>>();

/**
 * The page's items when some part is not cached: the items the cache lacks made from their
 * details (read if need be) and kept, the reasons phrased.
 */
async function readItems(ctx: Ctx, ids: readonly number[], codes: readonly string[], lang: Lang) {
  const cached = caches(ctx).items;
  const found = new Map<number, Buffer | null>();
  for (const id of ids) {
    const members = cached.get(id);
    if (members !== undefined) found.set(id, members);
  }
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    const details = await detailsOf(ctx, missing);
    for (const id of missing) {
      const d = details.get(id);
      const members = d ? itemMembers(d) : null;
      cached.set(id, members);
      found.set(id, members);
    }
  }
  const reasons = await phrasedReasons(ctx, codes, lang);
  const items: PageItem[] = [];
  for (const [i, id] of ids.entries()) {
    const members = found.get(id);
    if (members) items.push({ id, json: members, close: reasons[i] });
  }
  return items;
}

/**
 * A page item's JSON, with its article's id (leading items replace it): `json`, closed by `close`
 * when the item is an article's members followed by its reason's.
 */
interface PageItem {
  id: number;
  json: Buffer;
  close?: Buffer;
}

/**
 * The usual page's items: every article's item in the cache (or known not to be published: left
 * out) and every reason already phrased (phrasedReasons) with the names in the cache. Undefined
 * when a part is missing: the caller reads and phrases what is needed (readItems).
 */
function cachedItems(
  ctx: Ctx,
  ids: readonly number[],
  codes: readonly string[],
  lang: Lang,
): PageItem[] | undefined {
  const { items: cached, names } = caches(ctx);
  const inLang = names.get(lang);
  const known = inLang && reasonJson.get(inLang);
  if (!known) return undefined;
  const items: PageItem[] = [];
  for (let i = 0; i < ids.length; i++) {
    const members = cached.get(ids[i]);
    if (members === undefined) return undefined;
    if (members === null) continue;
    const reason = known.get(codes[i]);
    if (reason === undefined) return undefined;
    items.push({ id: ids[i], json: members, close: reason });
  }
  return items;
}

function sayWith(names: Map<string, string>, lang: Lang) {
  return (item: Pick<RankedItem, 'reason'>): { reason: string; why: FeedWhyT } => {
    const e = item.reason.entity;
    const key = e ? `${e.kind}:${e.id}` : undefined;
    const name = key ? (names.get(key) ?? e?.id) : undefined;
    return {
      reason: PHRASES[lang][item.reason.kind](name),
      why: { kind: item.reason.kind, ...(e && name ? { entity: { kind: e.kind, id: e.id, name } } : {}) },
    };
  };
}

// ---- pages ----

export interface PersonalFeedQuery {
  column?: string;
  /** The province the app asks regional items of (honoured only under the location consent). */
  region?: string;
  cursor?: string;
  limit: number;
  lang: Lang;
}

function badCursor(): AppError {
  return new AppError('validation.failed', 'The cursor is not valid.', {
    errors: [{ path: 'querystring.cursor', message: 'expected a cursor returned by a previous page' }],
  });
}

/** The offset of a personalised cursor, or undefined for a general (hot) cursor. */
export function recOffset(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return 0;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(parsed) || parsed[0] !== 'rec') return undefined;
  const offset = parsed[1];
  if (parsed.length !== 2 || !Number.isSafeInteger(offset) || offset < 0 || offset > LIST_LENGTH)
    throw badCursor();
  return offset as number;
}

const cursors = new Map<number, string>();
/** The cursor of a list position (at most LIST_LENGTH + 1 of them: each is made once). */
function recCursor(offset: number): string {
  let cursor = cursors.get(offset);
  if (cursor === undefined) {
    cursor = Buffer.from(JSON.stringify(['rec', offset])).toString('base64url');
    if (offset <= LIST_LENGTH) cursors.set(offset, cursor);
  }
  return cursor;
}

export interface PersonalFeedPage {
  items: (FeedItemT & { reason: string; why: FeedWhyT })[];
  nextCursor: string | null;
  personalized: true;
}

/**
 * The personalised feed's one read: the session of `token` with its member, the guardian gate,
 * the member's latest personalisation consent record and the slice of the stored list of `column`
 * a page of `q` needs. Undefined when the token names no live session of an active member (the
 * conditions of accounts/sessions.ts liveSessionOfToken, as memberForToken). The read waits for
 * the other feed requests of the same turn of the event loop and goes to the database with them
 * (readSession).
 */
export async function feedSession(
  ctx: Ctx,
  token: string,
  q: { column?: string; cursor?: string; limit: number },
): Promise<{ userId: number; consented: boolean; stored: StoredList | null } | undefined> {
  const tokenHash = hashToken(token);
  // A cursor that is not a list position (past the list) reads no slice: [1:0] is empty.
  let offset: number | undefined;
  try {
    offset = recOffset(q.cursor);
  } catch {
    offset = undefined; // the page itself answers the bad cursor
  }
  const from = offset ?? 0;
  const row = await readSession(ctx, {
    tokenHash,
    column: q.column ?? '',
    first: from + 1,
    last: offset === undefined ? from : from + q.limit,
  });
  if (!row) return undefined;
  const now = ctx.clock.now();
  sessionUsed(ctx.db, tokenHash, new Date(Number(row.lastSeenMs)), now);
  // A child's account awaiting a guardian reads the feed as a reader who is not signed in.
  const consented =
    !row.gateClosed &&
    (await grantInForce(
      ctx,
      row.granted === null
        ? null
        : { purpose: 'personalization', granted: row.granted, policyVersion: row.policyVersion ?? '' },
    ));
  return {
    userId: Number(row.userId),
    consented,
    stored:
      row.paramsHash !== null && offset !== undefined
        ? {
            ids: row.ids ? idList(row.ids) : [],
            reasons: row.reasons ? row.reasons.split(',') : [],
            from,
            length: Number(row.length ?? 0),
            paramsHash: row.paramsHash,
            computedAt: new Date(Number(row.computedMs)),
          }
        : null,
  };
}

/** Article ids written "12,345,6" (the read's slice) as numbers, without split's strings. */
export function idList(text: string): number[] {
  const out: number[] = [];
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2c) {
      out.push(n);
      n = 0;
    } else n = n * 10 + (c - 0x30);
  }
  out.push(n);
  return out;
}

/** One request's read: a token's session, and which slice of which stored list. */
interface SessionRead {
  tokenHash: string;
  column: string;
  first: number;
  last: number;
}

interface Waiting {
  read: SessionRead;
  done: (row: SessionRow | undefined) => void;
  fail: (err: unknown) => void;
}

/** Reads waiting for their turn's statement, per database. */
const sessionReads = new WeakMap<Db, Waiting[]>();
/** The most reads one statement carries; more start the next one. */
const READS_PER_STATEMENT = 64;

/**
 * Queues a read for the statement sent at the end of this turn of the event loop. Under load the
 * server takes many requests in one turn, and one statement for all of them costs both the server
 * and the database a fraction of one statement each; a request alone waits only for the turn.
 */
function readSession(ctx: Ctx, read: SessionRead): Promise<SessionRow | undefined> {
  return new Promise((done, fail) => {
    let queue = sessionReads.get(ctx.db);
    if (!queue || queue.length >= READS_PER_STATEMENT) {
      queue = [];
      sessionReads.set(ctx.db, queue);
      const batch = queue;
      setImmediate(() => {
        if (sessionReads.get(ctx.db) === batch) sessionReads.delete(ctx.db);
        void sendReads(ctx, batch);
      });
    }
    queue.push({ read, done, fail });
  });
}

/** One statement for a batch of reads; each read gets its row (or none: no live session). */
async function sendReads(ctx: Ctx, batch: Waiting[]): Promise<void> {
  try {
    const rows = await sessionsQuery(batchDbFor(ctx.db)).execute({
      hashes: batch.map((r) => r.read.tokenHash),
      columns: batch.map((r) => r.read.column),
      firsts: batch.map((r) => r.read.first),
      lasts: batch.map((r) => r.read.last),
      now: ctx.clock.now().toISOString(),
    });
    const byRead = new Map(rows.map((r) => [Number(r.n), r]));
    for (const [i, read] of batch.entries()) read.done(byRead.get(i + 1));
  } catch (err) {
    for (const read of batch) read.fail(err);
  }
}

type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionsQuery>['execute']>>[number];

/**
 * The reads of a batch as parallel arrays (`unnest ... WITH ORDINALITY` numbers them, so each row
 * finds its request), in a statement prepared once per database and run on its connections for
 * batches (db/client.ts batchDbFor: planned once, not again for each batch's arrays). (Drizzle
 * writes a selected column without its table, which several of the joined tables share: the
 * selection names them in full.)
 */
const sessionsQuery = preparedPerDatabase((db: Db) =>
  db
    .select({
      n: sql<number | string>`q.n`,
      userId: sql<number | string>`member_sessions.user_id`,
      lastSeenMs: sql<number | string>`(extract(epoch FROM member_sessions.last_seen_at) * 1000)::float8`,
      gateClosed: guardianGateClosed,
      granted: sql<boolean | null>`c.granted`,
      policyVersion: sql<string | null>`c.policy_version`,
      // The slice as comma-separated text: splitting it costs the server far less than parsing
      // array literals, and no reason code holds a comma (kinds, slugs and numbers: encodeReason).
      ids: sql<string | null>`array_to_string(f.article_ids[q.first:q.last], ',')`,
      reasons: sql<string | null>`array_to_string(f.reasons[q.first:q.last], ',')`,
      length: sql<number | string | null>`cardinality(f.article_ids)`,
      paramsHash: sql<string | null>`f.params_hash`,
      computedMs: sql<number | string | null>`(extract(epoch FROM f.computed_at) * 1000)::float8`,
    })
    .from(
      sql`unnest(${sql.placeholder('hashes')}::text[], ${sql.placeholder('columns')}::text[],
            ${sql.placeholder('firsts')}::int[], ${sql.placeholder('lasts')}::int[])
          WITH ORDINALITY AS q(token_hash, column_id, first, last, n)
        JOIN ${memberSessions} ON ${memberSessions.tokenHash} = q.token_hash
        JOIN ${users} ON ${users.id} = ${memberSessions.userId}
        LEFT JOIN LATERAL (SELECT c.granted, c.policy_version FROM ${consentRecords} c
          WHERE c.user_id = ${memberSessions.userId} AND c.purpose = 'personalization'
          ORDER BY c.id DESC LIMIT 1) c ON true
        LEFT JOIN ${memberFeeds} f ON f.user_id = ${memberSessions.userId} AND f.column_id = q.column_id`,
    )
    .where(liveSessionOfToken(sql`q.token_hash`))
    .prepare('recs_feed_sessions'),
);

/**
 * One page of the member's personalised feed, as the UTF-8 JSON the route sends (a
 * PersonalFeedPage). The caller has checked the personalisation consent (content/routes.ts) and
 * passes the slice of the stored list it read with the session. The list's items are joined from
 * bytes kept with the articles' details and the phrased reasons, so a page from a stored list
 * builds no objects and encodes no text: it is one copy of those bytes.
 */
export async function personalFeed(
  ctx: Ctx,
  userId: number,
  q: PersonalFeedQuery,
  stored: StoredList | null,
): Promise<Buffer> {
  const offset = recOffset(q.cursor);
  const params = await currentRankingParams(ctx);
  const ranked =
    offset === undefined
      ? { ids: [], codes: [], length: 0 }
      : await rankedSlice(ctx, userId, q.column, params, { from: offset, limit: q.limit }, stored);
  if (offset !== undefined && offset < ranked.length) {
    const { ids, codes } = ranked;
    // Each item as its parts: the article's members, then the reason's, which close it. Pages of
    // a stored list mostly find every part cached, and are joined without a promise or a map.
    let items = cachedItems(ctx, ids, codes, q.lang) ?? (await readItems(ctx, ids, codes, q.lang));
    const lead = (first: (FeedItemT & { reason: string; why: FeedWhyT })[]) => {
      const leading = new Set(first.map((i) => i.id));
      items = [
        ...first.map((i) => ({ id: i.id, json: Buffer.from(JSON.stringify(i)) })),
        ...items.filter((i) => !leading.has(i.id)),
      ];
    };
    // Regional items first, when the member shares a region under the location consent and the
    // app asks for it (the Nearby feature is on); nothing regional otherwise.
    if (offset === 0 && q.region !== undefined) {
      const region = q.region;
      const mine = await memberRegion(ctx, userId);
      if (mine?.province === region) {
        const local = LOCAL[q.lang](provinceName(region, q.lang));
        lead(
          (await regionalLead(ctx.db, { region, column: q.column })).map((i) => ({
            ...i,
            reason: local,
            why: { kind: 'region' as const, region },
          })),
        );
      }
    }
    // A column's first page leads with what its editors pinned, as the general feed does.
    if (offset === 0 && q.column !== undefined) {
      const pins = await pinnedItems(ctx.db, q.column, ctx.clock.now());
      lead(pins.map((p) => ({ ...p, reason: PINNED[q.lang], why: { kind: 'pinned' as const } })));
    }
    const next = offset + ids.length;
    return pageJson(items, next < ranked.length ? recCursor(next) : await continuation(ctx, q.column));
  }
  // Past the ranked list: the general hot order, without what the list already showed.
  const shown = new Set(await listIds(ctx.db, userId, q.column));
  const page = await generalFeed(ctx.db, {
    sort: 'hot',
    column: q.column,
    cursor: offset === undefined ? q.cursor : undefined,
    limit: q.limit,
  });
  const why: FeedWhyT = { kind: 'hot' };
  const reason = PHRASES[q.lang].hot(undefined);
  return pageJson(
    page.items
      // Pins led the first page; the general order's first page would lead with them again.
      .filter((i) => !shown.has(i.id) && !i.pinned)
      .map((i) => ({ id: i.id, json: Buffer.from(JSON.stringify({ ...i, reason, why })) })),
    page.nextCursor,
  );
}

const PAGE_START = Buffer.from('{"items":[');
/** Pages are cut from shared slabs: a page is larger than Buffer.allocUnsafe's pool serves. */
const pageBytes = new BufferSlab();
const COMMA = 0x2c;

/**
 * A PersonalFeedPage's UTF-8 JSON from its items' bytes: measured first, then copied once into
 * bytes of exactly that size.
 */
function pageJson(items: readonly PageItem[], nextCursor: string | null): Buffer {
  const tail = `],"nextCursor":${JSON.stringify(nextCursor)},"personalized":true}`;
  let size = PAGE_START.length + Math.max(items.length - 1, 0) + Buffer.byteLength(tail);
  for (const item of items) size += item.json.length + (item.close?.length ?? 0);
  const page = pageBytes.take(size);
  page.set(PAGE_START, 0);
  let at = PAGE_START.length;
  for (let i = 0; i < items.length; i++) {
    if (i > 0) page[at++] = COMMA;
    const { json, close } = items[i];
    page.set(json, at);
    at += json.length;
    if (close) {
      page.set(close, at);
      at += close.length;
    }
  }
  page.write(tail, at);
  return page;
}

/**
 * An article's page item as UTF-8 JSON without its closing brace, ending in the comma before the
 * reason's members (phrasedReasons); made when a page first needs it and kept in the items cache.
 */
const itemMembers = (d: Detail): Buffer => Buffer.from(`${JSON.stringify(summaryOf(d)).slice(0, -1)},`);

/** Where the general order takes over after the ranked list: its first page, as a general cursor. */
async function continuation(ctx: Ctx, column: string | undefined): Promise<string | null> {
  const first = await generalFeed(ctx.db, { sort: 'hot', column, limit: 1 });
  return first.items.length === 0 ? null : recCursor(LIST_LENGTH);
}

const summaryOf = (d: Detail): FeedItemT => ({
  id: d.id,
  title: d.title,
  summary: d.summary,
  coverUrl: d.coverUrl,
  column: d.column,
  tags: [...d.tags],
  language: d.language,
  publishedAt: d.publishedAt.toISOString(),
});

// ---- explanation, for the console ----

export interface ExplainedItem {
  position: number;
  id: number;
  title: string;
  column: string;
  score: number;
  reason: string;
  why: FeedWhyT;
  sources: string[];
  /** The article's entities the profile knows, with their weight, follow and push-down. */
  matches: { kind: EntityKind; id: string; weight: number; followed: boolean; pushedDown: boolean }[];
}

/**
 * Why each item of a feed was chosen for a profile: per item its score, reason, the sources that
 * brought it and the profile entries it matched. The console calls it with a test member's profile
 * that an editor composes (no real member's data is read); it ranks afresh and keeps nothing.
 */
export async function explainFeed(
  ctx: Ctx,
  profile: RankingProfile,
  q: { column?: string; lang: Lang; limit: number; seed: number },
) {
  const params = await currentRankingParams(ctx);
  const { items, bySource, details, candidates } = await rankProfile(ctx, profile, params, q);
  const say = await phrase(ctx, items, q.lang);
  const weights = new Map(profile.weights.map((w) => [`${w.kind}:${w.id}`, w.weight]));
  const followed = new Set(profile.follows.map((f) => `${f.kind}:${f.id}`));
  const pushed = new Set(profile.notInterested.entities.map((e) => `${e.kind}:${e.id}`));
  const out: ExplainedItem[] = items.map((item, i) => {
    const d = details.get(item.id)!;
    return {
      position: i + 1,
      id: d.id,
      title: d.title,
      column: d.column,
      score: Math.round(item.score * 10_000) / 10_000,
      ...say(item),
      sources: sourcesOf(bySource, d.id),
      matches: entitiesOf(d).flatMap((e) => {
        const k = `${e.kind}:${e.id}`;
        const weight = weights.get(k) ?? 0;
        if (weight === 0 && !followed.has(k) && !pushed.has(k)) return [];
        return [{ ...e, weight, followed: followed.has(k), pushedDown: pushed.has(k) }];
      }),
    };
  });
  return { params, candidates, items: out };
}

const sourcesOf = (bySource: Map<string, number[]>, id: number) =>
  [...bySource].filter(([, list]) => list.includes(id)).map(([s]) => s);
