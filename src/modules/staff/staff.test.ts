import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeStaff } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { resetSignInFailures } from './service.ts';

function cookiesOf(res: { cookies: { name: string; value: string }[] }) {
  return Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
}

describe('console sign-in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(() => resetSignInFailures());

  async function signIn(username: string, password: string) {
    return t.app.inject({ method: 'POST', url: '/api/v1/console/session', payload: { username, password } });
  }

  it('signs in with the right password and sets an HttpOnly session cookie', async () => {
    const s = await makeStaff(t.database.db, 'editor');
    const res = await signIn(s.username, s.password);
    expect(res.statusCode).toBe(200);
    expect(res.json().staff).toMatchObject({ username: s.username, role: 'editor' });
    const session = res.cookies.find((c) => c.name === 'ccm_staff')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Strict');
    const me = await t.app.inject({ url: '/api/v1/console/session', cookies: cookiesOf(res) });
    expect(me.json().staff.username).toBe(s.username);
  });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const s = await makeStaff(t.database.db, 'editor');
    const wrong = await signIn(s.username, 'not-the-password');
    const unknown = await signIn('nobody-here', 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ ...unknown.json() });
    expect(wrong.json().code).toBe('auth.invalid_credentials');
  });

  it('locks an account after five failures and says when to retry', async () => {
    const s = await makeStaff(t.database.db, 'support');
    for (let i = 0; i < 5; i++) expect((await signIn(s.username, 'wrong')).statusCode).toBe(401);
    const locked = await signIn(s.username, s.password);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('rate_limited');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('refuses console data without a session and outside the role', async () => {
    expect((await t.app.inject({ url: '/api/v1/console/overview' })).json().code).toBe(
      'auth.unauthenticated',
    );
    const s = await makeStaff(t.database.db, 'support');
    const cookies = cookiesOf(await signIn(s.username, s.password));
    const inventory = await t.app.inject({ url: '/api/v1/console/inventory', cookies });
    expect(inventory.statusCode).toBe(403);
    expect(inventory.json().code).toBe('auth.forbidden');
  });

  it('shows the inventory to a compliance officer', async () => {
    const s = await makeStaff(t.database.db, 'compliance');
    const cookies = cookiesOf(await signIn(s.username, s.password));
    const res = await t.app.inject({ url: '/api/v1/console/inventory', cookies });
    expect(res.statusCode).toBe(200);
    expect(res.json().rows.some((r: { column: string }) => r.column === 'password_hash')).toBe(true);
    expect(res.json().storageRegion).toBe('CN-BJ');
  });

  it('requires the CSRF token for unsafe requests made with the cookie', async () => {
    const s = await makeStaff(t.database.db, 'admin');
    const res = await signIn(s.username, s.password);
    const cookies = cookiesOf(res);
    const without = await t.app.inject({ method: 'DELETE', url: '/api/v1/console/session', cookies });
    expect(without.statusCode).toBe(403);
    expect(without.json().code).toBe('auth.csrf_failed');
    const forged = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/console/session',
      cookies,
      headers: { 'x-csrf-token': 'x'.repeat(cookies.ccm_csrf.length) },
    });
    expect(forged.statusCode).toBe(403);
    const ok = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/console/session',
      cookies,
      headers: { 'x-csrf-token': res.json().csrfToken },
    });
    expect(ok.statusCode).toBe(204);
    const after = await t.app.inject({ url: '/api/v1/console/session', cookies });
    expect(after.statusCode).toBe(401);
  });

  it('lists articles for editors, by state', async () => {
    const s = await makeStaff(t.database.db, 'editor');
    const cookies = cookiesOf(await signIn(s.username, s.password));
    const res = await t.app.inject({ url: '/api/v1/console/articles?status=draft', cookies });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.every((a: { status: string }) => a.status === 'draft')).toBe(true);
    expect((await t.app.inject({ url: '/api/v1/console/articles?status=lost', cookies })).statusCode).toBe(
      400,
    );
  });
});
