/**
 * The rows of a heavy member for the export and cancellation benchmarks: browsing records,
 * favourites, click records, follows and comments (with replies from another member under some of
 * them, so the erasure keeps threads), over bench articles made once per database.
 */
import type { Db } from '../src/db/client.ts';
import { comments } from '../src/modules/comments/tables.ts';
import { articles, columns } from '../src/modules/content/tables.ts';
import { browsingHistory, clickRecords, favorites, follows } from '../src/modules/engagement/tables.ts';

export const ENGAGEMENT_SHAPE = {
  browsing: 10_000,
  favourites: 500,
  clicks: 1_000,
  follows: 20,
  comments: 500,
};

async function chunks<T>(rows: T[], insert: (part: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += 2_000) await insert(rows.slice(i, i + 2_000));
}

let articleIds: number[] | undefined;

/** As many published articles as the heaviest list needs, made once. */
async function benchArticles(db: Db): Promise<number[]> {
  if (articleIds) return articleIds;
  await db
    .insert(columns)
    .values({ id: 'bench-engage', nameZh: 'bench-engage', nameEn: 'bench-engage' })
    .onConflictDoNothing();
  const made: number[] = [];
  const now = Date.now();
  await chunks(
    Array.from({ length: ENGAGEMENT_SHAPE.browsing }, (_, i) => ({
      title: `bench ${i}`,
      summary: 'bench',
      body: '<p>bench</p>',
      columnId: 'bench-engage',
      source: 'bench',
      status: 'published' as const,
      publishedAt: new Date(now - i * 60_000),
    })),
    async (part) => {
      const rows = await db.insert(articles).values(part).returning({ id: articles.id });
      made.push(...rows.map((r) => r.id));
    },
  );
  articleIds = made;
  return made;
}

/** Adds the heavy member's engagement rows; answers how many. */
export async function addEngagementRows(db: Db, userId: number): Promise<number> {
  const ids = await benchArticles(db);
  const now = Date.now();
  await chunks(
    ids.slice(0, ENGAGEMENT_SHAPE.browsing).map((articleId, i) => ({
      userId,
      articleId,
      views: 1 + (i % 3),
      dwellMs: 5_000 + i,
      createdAt: new Date(now - i * 60_000),
      lastViewedAt: new Date(now - i * 30_000),
    })),
    (part) => db.insert(browsingHistory).values(part),
  );
  await chunks(
    ids.slice(0, ENGAGEMENT_SHAPE.favourites).map((articleId, i) => ({
      userId,
      articleId,
      createdAt: new Date(now - i * 60_000),
    })),
    (part) => db.insert(favorites).values(part),
  );
  await chunks(
    ids.slice(0, ENGAGEMENT_SHAPE.clicks).map((articleId, i) => ({
      userId,
      kind: 'open' as const,
      articleId,
      source: 'feed' as const,
      position: i % 20,
      createdAt: new Date(now - i * 60_000),
    })),
    (part) => db.insert(clickRecords).values(part),
  );
  await db.insert(follows).values(
    Array.from({ length: ENGAGEMENT_SHAPE.follows }, (_, i) => ({
      userId,
      kind: 'tag' as const,
      targetId: `bench-tag-${i}`,
    })),
  );
  await chunks(
    ids.slice(0, ENGAGEMENT_SHAPE.comments).map((articleId, i) => ({
      articleId,
      userId,
      body: `评论 ${i}：这台设备的油耗比上一代低了不少，售后响应也快。`,
      ipRegion: '江苏',
      status: 'visible' as const,
      createdAt: new Date(now - i * 60_000),
    })),
    async (part) => {
      const made = await db.insert(comments).values(part).returning({ id: comments.id });
      // Every tenth comment has an answer by someone else (no account link): a thread to keep.
      const answered = made.filter((_, i) => i % 10 === 0);
      if (answered.length > 0)
        await db.insert(comments).values(
          answered.map((c, i) => ({
            articleId: part[i * 10].articleId,
            userId: null,
            threadId: c.id,
            replyToId: c.id,
            body: '同意，我们车队也是这样。',
            status: 'visible' as const,
          })),
        );
    },
  );
  return Object.values(ENGAGEMENT_SHAPE).reduce((a, b) => a + b, 0);
}
