/**
 * Favourites, follows and shares (features the member asks for) and behaviour records (browsing
 * and clicks). Behaviour is recorded against a member only while the member's personalisation
 * consent is in force (the one consent guard decides); anonymous readers move aggregate counters
 * only.
 */

import { and, desc, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { hasConsent } from '../consent/guard.ts';
import {
  articleSummaries,
  type FollowedEntities,
  followingFeed,
  followTargets,
  publishedArticleIds,
} from '../content/lists.ts';
import { ARTICLE_CACHE } from '../content/routes.ts';
import type { FeedItemT } from '../content/schemas.ts';
import {
  adjustArticleCount,
  decodeCursor,
  encodeCursor,
  getPublishedArticle,
  requirePublishedArticle,
} from '../content/service.ts';
import { getServiceStatus } from '../incidents/service-end.ts';
import { profileChanged } from '../recommendations/profile-events.ts';
import {
  browsingHistory,
  type CLICK_SOURCES,
  clickRecords,
  type FollowKind,
  favorites,
  follows,
  type SHARE_CHANNELS,
} from './tables.ts';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'caches' | 'config'>;
type Lang = 'zh-CN' | 'en';

export const FAVORITES_MAX = 5_000;
export const FOLLOWS_MAX = 500;

/** The cached article carries its counts: a member's own action shows at once. */
async function refreshArticle(ctx: Ctx, id: number) {
  await ctx.caches.invalidate(ARTICLE_CACHE, String(id));
}

/**
 * Whether behaviour may be recorded against this member now: personalisation consent in force,
 * and the service not announced to end (from then on nothing new is collected).
 */
export async function mayRecordBehaviour(ctx: Ctx, userId: number | undefined): Promise<boolean> {
  if (userId === undefined || !(await hasConsent(ctx, userId, 'personalization'))) return false;
  return (await getServiceStatus(ctx)).mode !== 'ending';
}

// ---- favourites ----

/** Idempotent: answers true when the favourite is new. */
export async function addFavorite(ctx: Ctx, userId: number, articleId: number): Promise<boolean> {
  await requirePublishedArticle(ctx.db, articleId);
  const now = ctx.clock.now();
  // One statement checks the cap and inserts, so two taps at once count once.
  const inserted = await ctx.db.execute(sql`
    INSERT INTO ${favorites} (user_id, article_id, created_at)
    SELECT ${userId}, ${articleId}, ${now.toISOString()}::timestamptz
    WHERE (SELECT count(*) FROM ${favorites} WHERE user_id = ${userId}) < ${FAVORITES_MAX}
    ON CONFLICT DO NOTHING RETURNING 1 AS ok`);
  if ((inserted as unknown as { rows: unknown[] }).rows.length === 1) {
    await adjustArticleCount(ctx.db, articleId, 'favoriteCount', 1);
    await refreshArticle(ctx, articleId);
    await profileChanged(ctx, userId);
    return true;
  }
  const [existing] = await ctx.db
    .select({ at: favorites.createdAt })
    .from(favorites)
    .where(and(eq(favorites.userId, userId), eq(favorites.articleId, articleId)));
  if (existing) return false;
  throw new AppError('favorite.limit_reached', `At most ${FAVORITES_MAX} favourites are kept.`, {
    limit: FAVORITES_MAX,
  });
}

/** Idempotent: removing a favourite that is not there changes nothing. */
export async function removeFavorite(ctx: Ctx, userId: number, articleId: number): Promise<void> {
  const removed = await ctx.db
    .delete(favorites)
    .where(and(eq(favorites.userId, userId), eq(favorites.articleId, articleId)))
    .returning({ id: favorites.articleId });
  if (removed.length > 0) {
    await adjustArticleCount(ctx.db, articleId, 'favoriteCount', -1);
    await refreshArticle(ctx, articleId);
    await profileChanged(ctx, userId);
  }
}

export async function favoriteOf(ctx: Ctx, userId: number, articleId: number) {
  const [row] = await ctx.db
    .select({ at: favorites.createdAt })
    .from(favorites)
    .where(and(eq(favorites.userId, userId), eq(favorites.articleId, articleId)));
  return row ? row.at : null;
}

/**
 * A page of rows keyed by (time, article id), newest first, with the summaries of the articles
 * still published (an archived article drops out of the list but keeps the row).
 */
async function pageOfArticles<R extends { articleId: number; at: Date }, T>(
  ctx: Ctx,
  rows: R[],
  limit: number,
  shape: (item: FeedItemT, row: R) => T,
) {
  const page = rows.slice(0, limit);
  const summaries = await articleSummaries(
    ctx.db,
    page.map((r) => r.articleId),
  );
  const last = page.at(-1);
  return {
    items: page.flatMap((r) => {
      const item = summaries.get(r.articleId);
      return item ? [shape(item, r)] : [];
    }),
    nextCursor: rows.length > limit && last ? encodeCursor(last.at, last.articleId) : null,
  };
}

export async function listFavorites(ctx: Ctx, userId: number, options: { cursor?: string; limit: number }) {
  const after = options.cursor ? decodeCursor(options.cursor) : undefined;
  const rows = await ctx.db
    .select({ articleId: favorites.articleId, at: favorites.createdAt })
    .from(favorites)
    .where(
      and(
        eq(favorites.userId, userId),
        after
          ? sql`(${favorites.createdAt}, ${favorites.articleId}) < (${after.publishedAt.toISOString()}::timestamptz, ${after.id})`
          : undefined,
      ),
    )
    .orderBy(desc(favorites.createdAt), desc(favorites.articleId))
    .limit(options.limit + 1);
  return pageOfArticles(ctx, rows, options.limit, (item, r) => ({
    ...item,
    favoritedAt: r.at.toISOString(),
  }));
}

// ---- follows ----

export async function follow(ctx: Ctx, userId: number, kind: FollowKind, id: string): Promise<boolean> {
  const [target] = await followTargets(ctx.db, [{ kind, id }], 'zh-CN');
  if (!target) throw new AppError('follow.target_not_found', `No ${kind} has the id ${id}.`, { kind });
  const inserted = await ctx.db.execute(sql`
    INSERT INTO ${follows} (user_id, kind, target_id, created_at)
    SELECT ${userId}, ${kind}, ${target.id}, ${ctx.clock.now().toISOString()}::timestamptz
    WHERE (SELECT count(*) FROM ${follows} WHERE user_id = ${userId}) < ${FOLLOWS_MAX}
    ON CONFLICT DO NOTHING RETURNING 1 AS ok`);
  if ((inserted as unknown as { rows: unknown[] }).rows.length === 1) {
    await profileChanged(ctx, userId);
    return true;
  }
  const [existing] = await ctx.db
    .select({ at: follows.createdAt })
    .from(follows)
    .where(and(eq(follows.userId, userId), eq(follows.kind, kind), eq(follows.targetId, target.id)));
  if (existing) return false;
  throw new AppError('follow.limit_reached', `At most ${FOLLOWS_MAX} follows are kept.`, {
    limit: FOLLOWS_MAX,
  });
}

export async function unfollow(ctx: Ctx, userId: number, kind: FollowKind, id: string): Promise<void> {
  await ctx.db
    .delete(follows)
    .where(and(eq(follows.userId, userId), eq(follows.kind, kind), eq(follows.targetId, id)));
  await profileChanged(ctx, userId);
}

/**
 * Removes every member's follow of a column, tag or brand that editors deleted: a follow of
 * something that no longer exists would show an empty name and feed nothing. Called in the
 * deleting transaction.
 */
export async function forgetFollowsOf(db: Db, kind: FollowKind, id: string): Promise<number> {
  const gone = await db
    .delete(follows)
    .where(and(eq(follows.kind, kind), eq(follows.targetId, id)))
    .returning({ userId: follows.userId });
  return gone.length;
}

async function followRows(ctx: Ctx, userId: number) {
  return ctx.db
    .select({ kind: follows.kind, id: follows.targetId, at: follows.createdAt })
    .from(follows)
    .where(eq(follows.userId, userId))
    .orderBy(desc(follows.createdAt), follows.kind, follows.targetId);
}

export async function listFollows(ctx: Ctx, userId: number, lang: Lang) {
  const rows = await followRows(ctx, userId);
  const names = new Map(
    (await followTargets(ctx.db, rows, lang)).map((t) => [`${t.kind}:${t.id}`, t.name] as const),
  );
  return rows.map((r) => ({
    kind: r.kind,
    id: r.id,
    name: names.get(`${r.kind}:${r.id}`) ?? r.id,
    followedAt: r.at.toISOString(),
  }));
}

/** The "following" tab: newest published articles of everything the member follows. */
export async function followingFeedOf(ctx: Ctx, userId: number, options: { cursor?: string; limit: number }) {
  const rows = await followRows(ctx, userId);
  const followed: FollowedEntities = { authors: [], columns: [], tags: [], brands: [] };
  for (const r of rows) {
    if (r.kind === 'author') {
      if (/^\d{1,15}$/.test(r.id)) followed.authors.push(Number(r.id));
    } else if (r.kind === 'column') followed.columns.push(r.id);
    else if (r.kind === 'tag') followed.tags.push(r.id);
    else followed.brands.push(r.id);
  }
  return followingFeed(ctx.db, followed, options);
}

/** What the article page's actions bar shows: the favourite and the followable entities. */
export async function articleActions(ctx: Ctx, userId: number | undefined, articleId: number, lang: Lang) {
  const article = await getPublishedArticle(ctx.db, articleId);
  const wanted: { kind: FollowKind; id: string }[] = [
    ...(article.author ? [{ kind: 'author' as const, id: String(article.author.id) }] : []),
    { kind: 'column', id: article.column },
    ...article.brands.map((id) => ({ kind: 'brand' as const, id })),
    ...article.tags.map((id) => ({ kind: 'tag' as const, id })),
  ];
  const targets = await followTargets(ctx.db, wanted, lang);
  const order = new Map(wanted.map((w, i) => [`${w.kind}:${w.id}`, i]));
  targets.sort((a, b) => order.get(`${a.kind}:${a.id}`)! - order.get(`${b.kind}:${b.id}`)!);
  const mine =
    userId === undefined
      ? new Set<string>()
      : new Set((await followRows(ctx, userId)).map((r) => `${r.kind}:${r.id}`));
  return {
    favorited: userId === undefined ? false : (await favoriteOf(ctx, userId, articleId)) !== null,
    targets: targets.map((t) => ({ ...t, following: mine.has(`${t.kind}:${t.id}`) })),
  };
}

// ---- shares ----

/** Counts the share and answers the article's stable public address. */
export async function shareArticle(
  ctx: Ctx,
  userId: number | undefined,
  articleId: number,
  channel: (typeof SHARE_CHANNELS)[number],
  origin: string,
): Promise<{ url: string }> {
  await requirePublishedArticle(ctx.db, articleId);
  await adjustArticleCount(ctx.db, articleId, 'shareCount', 1);
  await refreshArticle(ctx, articleId);
  if (userId !== undefined && (await mayRecordBehaviour(ctx, userId))) {
    await ctx.db.insert(clickRecords).values({
      userId,
      kind: 'share',
      articleId,
      source: 'article',
      channel,
      createdAt: ctx.clock.now(),
    });
    await profileChanged(ctx, userId);
  }
  return { url: `${origin.replace(/\/+$/, '')}/articles/${articleId}` };
}

// ---- behaviour records ----

/**
 * One read of an article: the aggregate view counter always moves; the member's browsing record
 * only under personalisation consent.
 */
export async function recordView(
  ctx: Ctx,
  userId: number | undefined,
  articleId: number,
  dwellMs = 0,
): Promise<{ recorded: boolean }> {
  await requirePublishedArticle(ctx.db, articleId);
  await adjustArticleCount(ctx.db, articleId, 'viewCount', 1);
  if (!(await mayRecordBehaviour(ctx, userId))) return { recorded: false };
  const now = ctx.clock.now();
  await ctx.db
    .insert(browsingHistory)
    .values({ userId: userId!, articleId, views: 1, dwellMs, createdAt: now, lastViewedAt: now })
    .onConflictDoUpdate({
      target: [browsingHistory.userId, browsingHistory.articleId],
      set: {
        views: sql`${browsingHistory.views} + 1`,
        dwellMs: sql`${browsingHistory.dwellMs} + ${dwellMs}`,
        lastViewedAt: now,
      },
    });
  await profileChanged(ctx, userId!);
  return { recorded: true };
}

export async function recordClicks(
  ctx: Ctx,
  userId: number | undefined,
  events: { articleId: number; source: (typeof CLICK_SOURCES)[number]; position?: number }[],
): Promise<number> {
  if (!(await mayRecordBehaviour(ctx, userId))) return 0;
  const known = await publishedArticleIds(
    ctx.db,
    events.map((e) => e.articleId),
  );
  const now = ctx.clock.now();
  const rows = events
    .filter((e) => known.has(e.articleId))
    .map((e) => ({
      userId: userId!,
      kind: 'open' as const,
      articleId: e.articleId,
      source: e.source,
      position: e.position ?? null,
      createdAt: now,
    }));
  if (rows.length > 0) await ctx.db.insert(clickRecords).values(rows);
  return rows.length;
}

// ---- browsing history (self-service) ----

export async function listHistory(ctx: Ctx, userId: number, options: { cursor?: string; limit: number }) {
  const after = options.cursor ? decodeCursor(options.cursor) : undefined;
  const rows = await ctx.db
    .select({
      articleId: browsingHistory.articleId,
      at: browsingHistory.lastViewedAt,
      views: browsingHistory.views,
    })
    .from(browsingHistory)
    .where(
      and(
        eq(browsingHistory.userId, userId),
        after
          ? sql`(${browsingHistory.lastViewedAt}, ${browsingHistory.articleId}) < (${after.publishedAt.toISOString()}::timestamptz, ${after.id})`
          : undefined,
      ),
    )
    .orderBy(desc(browsingHistory.lastViewedAt), desc(browsingHistory.articleId))
    .limit(options.limit + 1);
  return pageOfArticles(ctx, rows, options.limit, (item, r) => ({
    ...item,
    lastViewedAt: r.at.toISOString(),
    views: r.views,
  }));
}

/** Deletes the member's record of one article, and the clicks on it, so nothing of it remains. */
export async function deleteHistoryItem(ctx: Ctx, userId: number, articleId: number): Promise<void> {
  await ctx.db
    .delete(browsingHistory)
    .where(and(eq(browsingHistory.userId, userId), eq(browsingHistory.articleId, articleId)));
  await ctx.db
    .delete(clickRecords)
    .where(
      and(
        eq(clickRecords.userId, userId),
        eq(clickRecords.articleId, articleId),
        eq(clickRecords.kind, 'open'),
      ),
    );
  await profileChanged(ctx, userId);
}

/** Clears the member's whole browsing history and click records. */
export async function clearHistory(ctx: Ctx, userId: number): Promise<void> {
  await ctx.db.delete(browsingHistory).where(eq(browsingHistory.userId, userId));
  await ctx.db.delete(clickRecords).where(eq(clickRecords.userId, userId));
  await profileChanged(ctx, userId);
}

// ---- behaviour for the interest profile ----

/**
 * The member's recorded behaviour the interest profile is built from, most recent first and at
 * most `limit` of each kind: reads with their dwell time, favourites, follows and shares.
 */
export async function behaviourOf(ctx: Ctx, userId: number, limit: number) {
  const views = await ctx.db
    .select({
      articleId: browsingHistory.articleId,
      views: browsingHistory.views,
      dwellMs: browsingHistory.dwellMs,
      at: browsingHistory.lastViewedAt,
    })
    .from(browsingHistory)
    .where(eq(browsingHistory.userId, userId))
    .orderBy(desc(browsingHistory.lastViewedAt))
    .limit(limit);
  const favourites = await ctx.db
    .select({ articleId: favorites.articleId, at: favorites.createdAt })
    .from(favorites)
    .where(eq(favorites.userId, userId))
    .orderBy(desc(favorites.createdAt))
    .limit(limit);
  const shares = await ctx.db
    .select({ articleId: clickRecords.articleId, at: clickRecords.createdAt })
    .from(clickRecords)
    .where(and(eq(clickRecords.userId, userId), eq(clickRecords.kind, 'share')))
    .orderBy(desc(clickRecords.createdAt))
    .limit(limit);
  const followed = (await followRows(ctx, userId)).slice(0, limit);
  return { views, favourites, shares, follows: followed };
}
