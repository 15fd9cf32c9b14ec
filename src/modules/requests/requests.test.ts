import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { users } from '../accounts/tables.ts';
import { childDataAccesses } from '../guardian/access-log.ts';
import { logOf } from '../members/testing.ts';
import { remindRequests } from './service.ts';
import { rightsRequestEvents } from './tables.ts';
import { agentOf, CONSOLE, ME, memberOf } from './testing.ts';

/** Friday 6 February 2026, 10:00 in Beijing: the week before the Spring Festival. */
const BEFORE_SPRING_FESTIVAL = new Date('2026-02-06T02:00:00Z');
const clock = fixedClock(BEFORE_SPRING_FESTIVAL);

describe('rights requests', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(() => t.close());
  beforeEach(() => clock.set(BEFORE_SPRING_FESTIVAL));

  it('are due at 18:00 Beijing time on the 15th working day, past the Spring Festival and its make-up Saturdays', async () => {
    const m = await memberOf(t.app);
    const res = await m.open({ type: 'correction', detail: '我的昵称被错误地修改了，请恢复。' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ id: expect.any(Number), dueAt: '2026-03-05T10:00:00.000Z' });
  });

  it('are due past Mid-Autumn and the National Day week with its make-up Sunday and Saturday', async () => {
    clock.set(new Date('2026-09-18T01:00:00Z')); // Friday 18 September, 09:00 in Beijing
    const m = await memberOf(t.app);
    const res = await m.open({ type: 'access' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().dueAt).toBe('2026-10-15T10:00:00.000Z');
    // Made on the holiday itself, counting starts with the next working day.
    clock.set(new Date('2026-10-02T04:00:00Z'));
    // 8–9 Oct (2), Sat 10 (3), 12–16 (8), 19–23 (13), 26–27 (15).
    expect((await m.open({ type: 'explanation', detail: '个性化推荐如何使用我的数据？' })).json().dueAt).toBe(
      '2026-10-27T10:00:00.000Z',
    );
  });

  it('count the day in Beijing: 23:30 on Friday is Friday, 00:30 on Saturday is Saturday', async () => {
    const m = await memberOf(t.app);
    clock.set(new Date('2026-02-06T15:30:00Z')); // Fri 23:30 Beijing
    expect((await m.open({ type: 'access' })).json().dueAt).toBe('2026-03-05T10:00:00.000Z');
    clock.set(new Date('2026-02-06T16:30:00Z')); // Sat 7 Feb 00:30 Beijing
    expect((await m.open({ type: 'access' })).json().dueAt).toBe('2026-03-05T10:00:00.000Z');
    clock.set(new Date('2026-02-13T16:30:00Z')); // the make-up Saturday 14 Feb
    expect((await m.open({ type: 'access' })).json().dueAt).toBe('2026-03-13T10:00:00.000Z');
  });

  it('refuse an unknown type, a missing, empty or too long detail, and control characters, storing nothing', async () => {
    const m = await memberOf(t.app);
    const cases: [object, string][] = [
      [{ type: 'erasure', detail: 'x' }, 'body.type'],
      [{ detail: '请删除我的数据' }, 'body.type'],
      [{ type: 'deletion' }, 'body.detail'],
      [{ type: 'complaint', detail: '   \n ' }, 'body.detail'],
      [{ type: 'correction', detail: '改'.repeat(2001) }, 'body.detail'],
      [{ type: 'correction', detail: 'abc\u202edef' }, 'body.detail'],
      [{ type: 'correction', detail: 42 }, 'body.detail'],
    ];
    for (const [body, path] of cases) {
      const res = await m.open(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().code).toBe('validation.failed');
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await m.get()).json().items).toEqual([]);
    // 2,000 characters exactly is fine, and stored as the plain text it is.
    const long = `<b>${'改'.repeat(1993)}</b>`;
    const ok = await m.open({ type: 'correction', detail: `  ${long}\r\n` });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await m.get(`${ME}/${ok.json().id}`)).json().detail).toBe(long);
  });

  it('need a signed-in member', async () => {
    expect((await t.app.inject({ method: 'POST', url: ME, payload: { type: 'access' } })).statusCode).toBe(
      401,
    );
    expect((await t.app.inject({ url: ME })).statusCode).toBe(401);
    expect((await t.app.inject({ url: `${ME}/1` })).statusCode).toBe(401);
  });

  it('are flagged as repeated beyond 5 in 30 days or when the same type is still open, never refused', async () => {
    const m = await memberOf(t.app);
    const agent = await agentOf(t.app, 'support');
    const flags: boolean[] = [];
    const ids: number[] = [];
    for (const type of ['access', 'correction', 'deletion', 'explanation', 'complaint', 'access'] as const) {
      const res = await m.open({ type, detail: `第${ids.length + 1}次申请` });
      expect(res.statusCode).toBe(201);
      ids.push(res.json().id);
      flags.push((await agent.get(`${CONSOLE}/${res.json().id}`)).json().repeated);
    }
    // The sixth is both the sixth in 30 days and a second open access request.
    expect(flags).toEqual([false, false, false, false, false, true]);
    expect((await m.get()).json().items).toHaveLength(6);

    // Thirty days on, with the first access request answered, a new one is not a repetition.
    const other = await memberOf(t.app);
    const first = (await other.open({ type: 'access' })).json().id;
    const dup = (await other.open({ type: 'access' })).json().id;
    expect((await agent.get(`${CONSOLE}/${dup}`)).json().repeated).toBe(true);
    await agent.post(`${CONSOLE}/${first}/answer`, { outcome: 'done', answer: '副本已发送到应用内。' });
    await agent.post(`${CONSOLE}/${dup}/answer`, { outcome: 'refused', reason: '与已完成的申请重复。' });
    const again = (await other.open({ type: 'access' })).json().id;
    expect((await agent.get(`${CONSOLE}/${again}`)).json().repeated).toBe(false);
  });

  it('are each member’s own: another member’s request is not found', async () => {
    const a = await memberOf(t.app);
    const b = await memberOf(t.app);
    const id = (await a.open({ type: 'complaint', detail: 'A 的投诉内容' })).json().id;
    const res = await b.get(`${ME}/${id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('request.not_found');
    expect((await b.get()).body).not.toContain('A 的投诉内容');
    expect((await a.get(`${ME}/${id}`)).statusCode).toBe(200);
    expect((await a.get(`${ME}/abc`)).statusCode).toBe(400);
  });

  it('are answered by an agent, and the member sees the answer', async () => {
    const m = await memberOf(t.app);
    const id = (await m.open({ type: 'correction', detail: '生日填错了，应为1990年1月1日。' })).json().id;
    const agent = await agentOf(t.app, 'support');

    const taken = await agent.post(`${CONSOLE}/${id}/assign`);
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json()).toMatchObject({ status: 'in-progress', assignedTo: { id: agent.id } });
    expect((await m.get(`${ME}/${id}`)).json().status).toBe('in-progress');

    const done = await agent.post(`${CONSOLE}/${id}/answer`, { outcome: 'done', answer: '已更正您的生日。' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().history.map((h: { action: string }) => h.action)).toEqual([
      'opened',
      'assigned',
      'answered',
    ]);

    const mine = (await m.get()).json().items[0];
    expect(mine).toMatchObject({ id, status: 'done', answer: '已更正您的生日。', refusalReason: null });
    expect(Date.parse(mine.answeredAt)).toBe(BEFORE_SPRING_FESTIVAL.getTime());

    // Closed is closed.
    const again = await agent.post(`${CONSOLE}/${id}/answer`, {
      outcome: 'refused',
      reason: '重复申请，不予处理',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('request.closed');
    expect((await agent.post(`${CONSOLE}/${id}/assign`)).statusCode).toBe(409);
    expect((await agent.post(`${CONSOLE}/999999/assign`)).statusCode).toBe(404);
  });

  it('cannot be refused without a reason; with one, the member reads it', async () => {
    const m = await memberOf(t.app);
    const id = (await m.open({ type: 'deletion', detail: '请删除我全部的浏览记录。' })).json().id;
    const agent = await agentOf(t.app, 'compliance');
    for (const body of [
      { outcome: 'refused' },
      { outcome: 'refused', reason: '  ' },
      { outcome: 'refused', reason: '不行' },
    ]) {
      const res = await agent.post(`${CONSOLE}/${id}/answer`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().errors[0].path).toBe('body.reason');
    }
    expect((await agent.post(`${CONSOLE}/${id}/answer`, { outcome: 'done' })).statusCode).toBe(400);
    expect((await agent.post(`${CONSOLE}/${id}/answer`, { outcome: 'maybe', answer: 'x' })).statusCode).toBe(
      400,
    );
    expect((await m.get(`${ME}/${id}`)).json().status).toBe('open');

    const res = await agent.post(`${CONSOLE}/${id}/answer`, {
      outcome: 'refused',
      reason: '浏览记录须依法保存六个月，期满后自动删除。',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await m.get(`${ME}/${id}`)).json()).toMatchObject({
      status: 'refused',
      refusalReason: '浏览记录须依法保存六个月，期满后自动删除。',
    });
  });

  it('are for support, compliance and admin: an editor may not list or open them', async () => {
    const m = await memberOf(t.app);
    const id = (await m.open({ type: 'access' })).json().id;
    for (const role of ['editor', 'reviewer', 'contributor'] as const) {
      const staff = await agentOf(t.app, role);
      for (const res of [
        await staff.get(CONSOLE),
        await staff.get(`${CONSOLE}/${id}`),
        await staff.post(`${CONSOLE}/${id}/assign`),
      ]) {
        expect(res.statusCode, role).toBe(403);
        expect(res.json().code).toBe('auth.forbidden');
      }
    }
    expect((await t.app.inject({ url: CONSOLE })).statusCode).toBe(401);
    for (const role of ['support', 'compliance', 'admin'] as const) {
      expect((await (await agentOf(t.app, role)).get(CONSOLE)).statusCode, role).toBe(200);
    }
  });

  it('record in the staff access log each time an agent opens one, and in the children’s log for a child', async () => {
    const m = await memberOf(t.app);
    const id = (await m.open({ type: 'explanation', detail: '请说明推荐算法。' })).json().id;
    const agent = await agentOf(t.app, 'support');
    const res = await agent.get(`${CONSOLE}/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().member.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(res.body).not.toContain(m.phone.slice(3));
    const [entry] = await logOf(t.app, agent.id);
    expect(entry).toMatchObject({
      action: 'request.view',
      targetUserId: m.userId,
      requestId: res.headers['x-request-id'],
    });

    // A child's request needs the elevated permission: support is refused, compliance is logged twice.
    const child = await memberOf(t.app);
    const childRequest = (await child.open({ type: 'access' })).json().id;
    await t.database.db.update(users).set({ ageGroup: 'child' }).where(eq(users.id, child.userId));
    const refused = await agent.get(`${CONSOLE}/${childRequest}`);
    expect(refused.statusCode).toBe(403);
    const compliance = await agentOf(t.app, 'compliance');
    expect((await compliance.get(`${CONSOLE}/${childRequest}`)).statusCode).toBe(200);
    expect((await childDataAccesses(t.app.ctx, child.userId)).map((r) => [r.staffId, r.what])).toEqual([
      [compliance.id, 'rights-request'],
    ]);
  });

  it('turn due-soon, then overdue, as the clock moves, and the daily pass records reminders once a day', async () => {
    const m = await memberOf(t.app);
    const id = (await m.open({ type: 'complaint', detail: '客服没有回复我的问题。' })).json().id;
    // Due Thu 5 March 18:00. On Mon 2 March three working days remain: due soon.
    clock.set(new Date('2026-03-02T01:00:00Z'));
    let agent = await agentOf(t.app, 'support');
    let item = (await agent.get(`${CONSOLE}?due=soon`)).json().items.find((i: { id: number }) => i.id === id);
    expect(item).toMatchObject({ dueSoon: true, overdue: false, workingDaysLeft: 3 });
    expect((await agent.get(`${CONSOLE}/summary`)).json().dueSoon).toBeGreaterThanOrEqual(1);

    const first = await remindRequests(t.app.ctx);
    expect(first.reminded).toBeGreaterThanOrEqual(1);
    await remindRequests(t.app.ctx); // the same China day: no second reminder
    const events = async () =>
      (
        await t.database.db.select().from(rightsRequestEvents).where(eq(rightsRequestEvents.requestId, id))
      ).map((e) => e.action);
    expect(await events()).toEqual(['opened', 'reminded']);

    // Thu 5 March 18:00:01: overdue.
    clock.set(new Date('2026-03-05T10:00:01Z'));
    agent = await agentOf(t.app, 'support'); // console sessions are short
    item = (await agent.get(`${CONSOLE}/${id}`)).json();
    expect(item).toMatchObject({ overdue: true, dueSoon: false, workingDaysLeft: 0 });
    const overdue = (await agent.get(`${CONSOLE}?due=overdue`)).json().items.map((i: { id: number }) => i.id);
    expect(overdue).toContain(id);
    await remindRequests(t.app.ctx);
    await remindRequests(t.app.ctx);
    expect(await events()).toEqual(['opened', 'reminded', 'overdue']);
    expect((await agent.get(`${CONSOLE}/summary`)).json().overdue).toBeGreaterThanOrEqual(1);

    // Answered late, it is no longer overdue.
    await agent.post(`${CONSOLE}/${id}/answer`, { outcome: 'done', answer: '已回复。' });
    expect((await agent.get(`${CONSOLE}/${id}`)).json().overdue).toBe(false);
  });

  it('list by due time in pages, filtered by status and type', async () => {
    const agent = await agentOf(t.app, 'admin');
    const m = await memberOf(t.app);
    for (let i = 0; i < 3; i++) await m.open({ type: 'explanation', detail: `问题 ${i}` });
    const all: { id: number; dueAt: string; type: string }[] = [];
    let cursor: string | null = null;
    do {
      const res = await agent.get(`${CONSOLE}?type=explanation${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      all.push(...res.json().items);
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(all.every((i) => i.type === 'explanation')).toBe(true);
    const keys = all.map((i) => `${Date.parse(i.dueAt)}.${i.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(all.map((i) => Date.parse(i.dueAt))).toEqual(
      all.map((i) => Date.parse(i.dueAt)).sort((a, b) => a - b),
    );
    expect((await agent.get(`${CONSOLE}?status=lost`)).statusCode).toBe(400);
    expect((await agent.get(`${CONSOLE}?cursor=abc`)).statusCode).toBe(400);
  });
});
