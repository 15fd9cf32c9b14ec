import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { users } from '../accounts/tables.ts';
import { childDataAccessLog } from '../guardian/tables.ts';
import { logStaffAccess } from '../members/audit.ts';
import { staffAccessLog } from '../members/tables.ts';
import { agentOf, CONSOLE, memberOf } from '../requests/testing.ts';
import { AUDIT_PAGE } from './service.ts';

const AUDIT = '/api/v1/console/audit';

describe('the staff access audit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('refuses to change or delete a row of either access log, in the database itself', async () => {
    const staff = await agentOf(t.app, 'support');
    const m = await memberOf(t.app);
    await logStaffAccess(t.app.ctx, { staffId: staff.id, action: 'member.view', targetUserId: m.userId });
    await t.database.db.update(users).set({ ageGroup: 'child' }).where(eq(users.id, m.userId));
    await t.database.db
      .insert(childDataAccessLog)
      .values({ staffId: staff.id, userId: m.userId, what: 'profile', at: new Date() });

    const refused = async (query: Promise<unknown>) => {
      const err = await query.then(
        () => undefined,
        (e: unknown) => e as Error & { cause?: Error },
      );
      expect(err, 'the statement went through').toBeDefined();
      expect(`${err?.message} ${err?.cause?.message}`).toMatch(/append-only/);
    };
    await refused(
      t.database.db
        .update(staffAccessLog)
        .set({ reason: '改写' })
        .where(eq(staffAccessLog.staffId, staff.id)),
    );
    await refused(t.database.db.delete(staffAccessLog).where(eq(staffAccessLog.staffId, staff.id)));
    await refused(t.database.db.execute(sql`TRUNCATE staff_access_log`));
    await refused(
      t.database.db
        .update(childDataAccessLog)
        .set({ what: 'nothing' })
        .where(eq(childDataAccessLog.staffId, staff.id)),
    );
    await refused(t.database.db.delete(childDataAccessLog).where(eq(childDataAccessLog.staffId, staff.id)));
    const rows = await t.database.db
      .select()
      .from(staffAccessLog)
      .where(eq(staffAccessLog.staffId, staff.id));
    expect(rows).toMatchObject([{ action: 'member.view', reason: null }]);
  });

  it('lets the retention sweep remove rows older than three years, and only those', async () => {
    const staff = await agentOf(t.app, 'support');
    const old = new Date(Date.now() - 3 * 366 * 86_400_000);
    await t.database.db.insert(staffAccessLog).values({ staffId: staff.id, action: 'member.list', at: old });
    await t.database.db
      .insert(staffAccessLog)
      .values({ staffId: staff.id, action: 'member.list', at: new Date() });
    await t.database.db
      .delete(staffAccessLog)
      .where(
        sql`${staffAccessLog.staffId} = ${staff.id} AND ${staffAccessLog.at} < now() - interval '3 years'`,
      );
    expect(
      await t.database.db.select().from(staffAccessLog).where(eq(staffAccessLog.staffId, staff.id)),
    ).toHaveLength(1);
  });

  it('shows compliance officers who opened whose request, and a child’s entries from both logs', async () => {
    const m = await memberOf(t.app);
    const id = (await m.open({ type: 'access' })).json().id;
    const support = await agentOf(t.app, 'support');
    await support.get(`${CONSOLE}/${id}`);
    const compliance = await agentOf(t.app, 'compliance');

    const res = await compliance.get(`${AUDIT}?userId=${m.userId}`);
    expect(res.statusCode, res.body).toBe(200);
    // Newest first: the compliance officer's own reading of the trail, then the agent's view.
    expect(res.json().items).toMatchObject([
      { source: 'staff', action: 'audit.view', staff: { id: compliance.id }, targetUserId: m.userId },
      {
        source: 'staff',
        action: 'request.view',
        staff: { id: support.id },
        targetUserId: m.userId,
        child: false,
      },
    ]);
    expect(res.body).not.toContain(m.phone.slice(3));

    const child = await memberOf(t.app);
    const childRequest = (await child.open({ type: 'access' })).json().id;
    await t.database.db.update(users).set({ ageGroup: 'child' }).where(eq(users.id, child.userId));
    await compliance.get(`${CONSOLE}/${childRequest}`);
    const childLog = (await compliance.get(`${AUDIT}?userId=${child.userId}&staffId=${compliance.id}`)).json()
      .items;
    expect(childLog.map((e: { source: string; action: string }) => `${e.source}:${e.action}`).sort()).toEqual(
      ['child:child.rights-request', 'staff:audit.view', 'staff:request.view'],
    );
  });

  it('filters by staff member and China dates, and pages without gaps or repeats', async () => {
    const staff = await agentOf(t.app, 'support');
    const day = (d: string) => new Date(`${d}T00:30:00+08:00`);
    for (let i = 0; i < AUDIT_PAGE + 3; i++) {
      await t.database.db
        .insert(staffAccessLog)
        .values({ staffId: staff.id, action: 'test.page', at: day('2026-05-01') });
    }
    await t.database.db
      .insert(staffAccessLog)
      .values({ staffId: staff.id, action: 'test.before', at: day('2026-04-30') });
    const compliance = await agentOf(t.app, 'compliance');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `${AUDIT}?staffId=${staff.id}&from=2026-05-01&to=2026-05-01${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { items: { source: string; id: number; action: string }[]; nextCursor: string | null } = (
        await compliance.get(url)
      ).json();
      seen.push(
        ...page.items.map(
          (e: { source: string; id: number; action: string }) => `${e.source}.${e.id}.${e.action}`,
        ),
      );
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(AUDIT_PAGE + 3);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.every((s) => s.endsWith('test.page'))).toBe(true);
    expect((await compliance.get(`${AUDIT}?from=2026-02-30`)).statusCode).toBe(400);
  });

  it('is for compliance officers and admins only', async () => {
    for (const role of ['support', 'editor'] as const) {
      expect((await (await agentOf(t.app, role)).get(AUDIT)).statusCode, role).toBe(403);
    }
    expect((await (await agentOf(t.app, 'admin')).get(AUDIT)).statusCode).toBe(200);
  });
});
