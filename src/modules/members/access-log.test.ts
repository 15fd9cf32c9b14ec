import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { ACCESS_LOG_PAGE, logStaffAccess } from './audit.ts';
import { MEMBERS, masked, national, staffOf } from './testing.ts';

const LOG = '/api/v1/console/access-log';

describe('console: the staff access log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is for compliance and admin only', async () => {
    for (const role of ['support', 'editor'] as const) {
      const res = await (await staffOf(t.app, role)).get(LOG);
      expect(res.statusCode, role).toBe(403);
    }
    for (const role of ['compliance', 'admin'] as const) {
      expect((await (await staffOf(t.app, role)).get(LOG)).statusCode, role).toBe(200);
    }
  });

  it('shows who did what to whom, why and when, newest first, without phone numbers', async () => {
    const m = await makeMember(t.app);
    const support = await staffOf(t.app, 'support');
    await support.get(`${MEMBERS}/${m.userId}`);
    await support.post(`${MEMBERS}/${m.userId}/reveal-phone`, { reason: '会员来电核实身份' });

    const compliance = await staffOf(t.app, 'compliance');
    const res = await compliance.get(`${LOG}?userId=${m.userId}`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items;
    expect(items.map((e: { action: string }) => e.action)).toEqual(['member.reveal_phone', 'member.view']);
    expect(items[0]).toMatchObject({
      staff: { id: support.id },
      targetUserId: m.userId,
      reason: '会员来电核实身份',
    });
    expect(Date.parse(items[0].at)).not.toBeNaN();
    expect(res.body).not.toContain(national(m.phone));
    expect(res.body).not.toContain(masked(m.phone));
  });

  it('pages by id', async () => {
    const staff = await staffOf(t.app, 'compliance');
    for (let i = 0; i < ACCESS_LOG_PAGE + 1; i++) {
      await logStaffAccess(t.app.ctx, { staffId: staff.id, action: 'test.page' });
    }
    const first = (await staff.get(LOG)).json();
    expect(first.items).toHaveLength(ACCESS_LOG_PAGE);
    const second = (await staff.get(`${LOG}?before=${first.nextCursor}`)).json();
    const ids = [...first.items, ...second.items].map((e: { id: number }) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
