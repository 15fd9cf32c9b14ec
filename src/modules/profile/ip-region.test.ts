import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../platform/passwords.ts';
import { makeMember } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { memberSessions, users } from '../accounts/tables.ts';

// The province of the sign-in address reaches the session, the account and /me; the address does not.
describe('IP region at sign-in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const PASSWORD = 'Excavator-Blue-77';

  async function signInFrom(remoteAddress: string) {
    const m = await makeMember(t.app, { passwordHash: await hashPassword(PASSWORD) });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress,
      payload: { phone: m.phone, password: PASSWORD },
    });
    expect(res.statusCode, res.body).toBe(200);
    return { ...m, res };
  }

  it('records the province of a mainland address', async () => {
    const ip = '61.135.169.121'; // placed in 北京 by the package's data
    const { userId, res } = await signInFrom(ip);
    expect(res.json().user.ipRegion).toBe('北京');
    const [user] = await t.database.db.select().from(users).where(eq(users.id, userId));
    expect(user.ipRegion).toBe('北京');
    const sessions = await t.database.db
      .select()
      .from(memberSessions)
      .where(eq(memberSessions.userId, userId));
    const latest = sessions.find((s) => s.userAgent !== 'vitest')!;
    expect(latest.ipRegion).toBe('北京');
    // Nothing about the session row holds the address itself.
    expect(JSON.stringify(sessions)).not.toContain(ip);
    const me = await t.app.inject({
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${res.json().token}` },
    });
    expect(me.json().ipRegion).toBe('北京');
  });

  it('says 境外 for an address abroad, and nothing for loopback', async () => {
    expect((await signInFrom('8.8.8.8')).res.json().user.ipRegion).toBe('境外');
    expect((await signInFrom('127.0.0.1')).res.json().user.ipRegion).toBeNull();
  });
});
