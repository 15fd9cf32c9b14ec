import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../platform/passwords.ts';
import { makeMember } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { users } from '../accounts/tables.ts';
import { logOf, MEMBERS, national, staffOf } from './testing.ts';

const PASSWORD = 'Excavator-2026!';

describe('console: suspending members', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const login = (phone: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { phone: national(phone), password: PASSWORD },
    });

  it('ends every session at once and refuses sign-in until the member is restored', async () => {
    const m = await makeMember(t.app, { passwordHash: await hashPassword(PASSWORD) });
    const second = (await login(m.phone)).json().token as string;
    const me = (token: string) =>
      t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect((await me(m.token)).statusCode).toBe(200);

    const support = await staffOf(t.app, 'support');
    const suspended = await support.post(`${MEMBERS}/${m.userId}/suspend`, { reason: '多次发布违规广告' });
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect(suspended.json()).toEqual({ id: m.userId, status: 'suspended' });
    for (const token of [m.token, second]) expect((await me(token)).statusCode).toBe(401);
    expect((await login(m.phone)).statusCode).toBe(401);
    expect((await support.get(`${MEMBERS}/${m.userId}`)).json()).toMatchObject({
      status: 'suspended',
      sessionCount: 0,
    });

    const restored = await support.post(`${MEMBERS}/${m.userId}/unsuspend`, { reason: '申诉核实后恢复' });
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json().status).toBe('active');
    const again = await login(m.phone);
    expect(again.statusCode, again.body).toBe(200);
    expect((await me(again.json().token)).statusCode).toBe(200);

    const actions = (await logOf(t.app, support.id)).map((e) => [e.action, e.reason]);
    expect(actions).toEqual([
      ['member.unsuspend', '申诉核实后恢复'],
      ['member.view', null],
      ['member.suspend', '多次发布违规广告'],
    ]);
  });

  it('needs the CSRF token and a reason', async () => {
    const m = await makeMember(t.app);
    const compliance = await staffOf(t.app, 'compliance');
    const url = `${MEMBERS}/${m.userId}/suspend`;
    for (const path of [url, `${MEMBERS}/${m.userId}/reveal-phone`]) {
      const res = await t.app.inject({
        method: 'POST',
        url: path,
        cookies: compliance.cookies,
        payload: { reason: '多次发布违规广告' },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('auth.csrf_failed');
    }
    expect((await compliance.post(url, { reason: '违规' })).statusCode).toBe(400);
    expect((await compliance.post(url, {})).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/v1/me', headers: m.headers })).statusCode).toBe(200);
    expect(await logOf(t.app, compliance.id)).toEqual([]);
  });

  it('leaves cancelled accounts alone (409) and unknown ones are 404, with nothing logged', async () => {
    const m = await makeMember(t.app);
    await t.database.db.update(users).set({ status: 'cancelled' }).where(eq(users.id, m.userId));
    const admin = await staffOf(t.app, 'admin');
    for (const verb of ['suspend', 'unsuspend']) {
      const res = await admin.post(`${MEMBERS}/${m.userId}/${verb}`, { reason: '核实后处理账号' });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('member.cancelled');
    }
    const [row] = await t.database.db.select().from(users).where(eq(users.id, m.userId));
    expect(row.status).toBe('cancelled');
    const unknown = await admin.post(`${MEMBERS}/999999999/suspend`, { reason: '核实后处理账号' });
    expect(unknown.statusCode).toBe(404);
    expect(await logOf(t.app, admin.id)).toEqual([]);
  });
});
