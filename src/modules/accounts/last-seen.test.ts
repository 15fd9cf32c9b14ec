import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { hashToken } from '../../platform/auth.ts';
import { makeMember } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { flushSeen, sessionUsed } from './sessions.ts';
import { memberSessions } from './tables.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('last-seen times', () => {
  it('writes every session seen, however many were seen between two writes', async () => {
    const { userId } = await makeMember(t.app);
    const hourAgo = new Date(Date.now() - 3_600_000);
    // More sessions than one statement writes (sessions.ts SEEN_PER_STATEMENT), plus one not seen.
    const seen = 1_000;
    const rows = Array.from({ length: seen + 1 }, (_, i) => ({
      tokenHash: hashToken(`last-seen-${userId}-${i}`),
      id: `ls-${userId}-${i}`,
      userId,
      lastSeenAt: hourAgo,
      expiresAt: new Date(Date.now() + 86_400_000),
    }));
    await t.app.ctx.db.insert(memberSessions).values(rows);
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    for (const row of rows.slice(0, seen)) sessionUsed(t.app.ctx.db, row.tokenHash, hourAgo, now);
    // Seen again within the minute: no second write is queued, and the time stays the first one.
    sessionUsed(t.app.ctx.db, rows[0].tokenHash, now, new Date(now.getTime() + 1_000));
    await flushSeen(t.app.ctx.db);

    const counts = await queryRows<{ at: string | Date; n: number }>(
      t.app.ctx.db,
      sql`SELECT last_seen_at AS at, count(*)::int AS n FROM ${memberSessions}
          WHERE id LIKE ${`ls-${userId}-%`} GROUP BY last_seen_at ORDER BY n DESC`,
    );
    expect(counts.map((c) => [new Date(c.at).getTime(), c.n])).toEqual([
      [now.getTime(), seen],
      [hourAgo.getTime(), 1],
    ]);
  });

  it('writes nothing when nothing was seen', async () => {
    await expect(flushSeen(t.app.ctx.db)).resolves.toBeUndefined();
  });

  it('writes the times still waiting when the app closes', async () => {
    const { userId } = await makeMember(t.app);
    const hourAgo = new Date(Date.now() - 3_600_000);
    const tokenHash = hashToken(`last-seen-close-${userId}`);
    await t.app.ctx.db.insert(memberSessions).values({
      tokenHash,
      id: `ls-close-${userId}`,
      userId,
      lastSeenAt: hourAgo,
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    sessionUsed(t.app.ctx.db, tokenHash, hourAgo, now);
    // The timed write is seconds away; a graceful shutdown does not wait for it, it writes now.
    await t.app.close();
    const [row] = await queryRows<{ at: string | Date }>(
      t.database.db,
      sql`SELECT last_seen_at AS at FROM ${memberSessions} WHERE token_hash = ${tokenHash}`,
    );
    expect(new Date(row.at).getTime()).toBe(now.getTime());
  });
});
