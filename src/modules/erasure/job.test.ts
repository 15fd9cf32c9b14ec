import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseText } from '../../testing/db-scan.ts';
import { makeColumn, makeMember, makeTag } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { createSession } from '../accounts/sessions.ts';
import { userColumns, userTags } from '../accounts/tables.ts';
import { linkIdentity } from '../identity/identities.ts';
import { openCancellation } from './cancellation.ts';
import { resumeErasures, runErasure, startErasureJob, stopErasureJob } from './job.ts';
import { erasureReceipts } from './tables.ts';

class Crash extends Error {
  override name = 'Crash';
}

describe('the erasure job', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function heavyMember() {
    const m = await makeMember(t.app, { nickname: `resume-${Date.now()}` });
    for (let i = 0; i < 4; i++)
      await createSession(t.app.ctx.db, t.app.ctx.clock, m.userId, { userAgent: `ua ${i}` });
    const tags = [await makeTag(t.database.db), await makeTag(t.database.db), await makeTag(t.database.db)];
    await t.database.db.insert(userTags).values(tags.map((tagId) => ({ userId: m.userId, tagId })));
    const column = await makeColumn(t.database.db);
    await t.database.db.insert(userColumns).values({ userId: m.userId, columnId: column, position: 0 });
    await linkIdentity(t.app.ctx, {
      userId: m.userId,
      provider: 'apple',
      subject: `sub-${m.userId}`,
      email: null,
    });
    return m;
  }
  const receiptOf = async (id: string) =>
    (await t.database.db.select().from(erasureReceipts).where(eq(erasureReceipts.id, id)))[0];

  it('resumes after a crash in the middle, counts each row once, and a third run changes nothing', async () => {
    const m = await heavyMember();
    const id = await openCancellation(t.app.ctx, m.userId);

    // The process dies after the second table it erases.
    let seen = 0;
    await expect(
      runErasure(t.app.ctx, id, () => {
        seen += 1;
        if (seen === 2) throw new Crash('killed');
      }),
    ).rejects.toThrow('killed');
    const half = await receiptOf(id);
    expect(half.status).toBe('running');
    expect(half.steps.some((s) => s.done)).toBe(true);
    expect(half.steps.some((s) => !s.done)).toBe(true);
    expect(half.verification).toBeNull();

    // Started again (as the server does at start and on its timer), it completes.
    expect(await resumeErasures(t.app.ctx)).toBe(1);
    const done = await receiptOf(id);
    expect(done.status).toBe('completed');
    expect(done.verification?.ok).toBe(true);
    const rows = Object.fromEntries(done.steps.map((s) => [s.table, s.rows]));
    expect(rows).toMatchObject({
      users: 1,
      member_sessions: 5,
      user_tags: 3,
      user_columns: 1,
      user_identities: 1,
    });
    expect(done.steps.every((s) => s.done)).toBe(true);

    // A third run finds nothing to do and changes nothing.
    const snapshot = await databaseText(t.database.db);
    expect(await resumeErasures(t.app.ctx)).toBe(0);
    expect(await runErasure(t.app.ctx, id)).toBeUndefined();
    expect(await databaseText(t.database.db)).toEqual(snapshot);
  });

  it('marks the receipt failed when the verification finds a value left behind', async () => {
    const m = await heavyMember();
    const id = await openCancellation(t.app.ctx, m.userId);
    // Something writes the member's data again between the last step and the verification.
    await expect(
      runErasure(t.app.ctx, id, async (_i, step) => {
        if (step.table === 'user_tags') {
          const tag = await makeTag(t.database.db);
          await t.database.db.insert(userTags).values({ userId: m.userId, tagId: tag });
        }
      }),
    ).resolves.toBe('failed');
    const receipt = await receiptOf(id);
    expect(receipt.status).toBe('failed');
    expect(receipt.verification).toMatchObject({ ok: false, residue: ['user_tags.tag_id'] });
  });

  it('is resumed by the server soon after it starts', async () => {
    const m = await heavyMember();
    const id = await openCancellation(t.app.ctx, m.userId); // recorded, never run: a crash right after
    startErasureJob(t.app, { firstRunDelayMs: 0 });
    await expect.poll(async () => (await receiptOf(id)).status, { timeout: 10_000 }).toBe('completed');
    await stopErasureJob(t.app.ctx);
  });
});
