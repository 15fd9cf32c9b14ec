/**
 * Password sign-ins through the sign-in process (a server on PostgreSQL): the same answers as in
 * the server's own process — a session that works, the same 401 for a wrong password and an
 * unknown phone, the lockout with Retry-After — and a process that dies is replaced.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { connectDatabase, type Database, runMigrations } from '../../db/client.ts';
import { hashPassword } from '../../platform/passwords.ts';
import { makeMember } from '../../testing/factories.ts';
import { testConfig } from '../../testing/harness.ts';
import { testPhone } from '../../testing/outbox.ts';
import { createServerDatabase, type ServerDatabase } from '../../testing/server-database.ts';
import type { SignInRunner } from './sign-in-runner.ts';

const PASSWORD = 'Wheel-Loader-2026';
const serverUrl = process.env.DATABASE_URL;

describe.skipIf(!serverUrl)('sign-ins in the sign-in process', () => {
  let server: ServerDatabase;
  let database: Database;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let runner: SignInRunner;
  let address = 0;
  const login = (phone: string, password: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { phone, password },
      remoteAddress: `10.9.0.${++address}`,
    });

  beforeAll(async () => {
    server = await createServerDatabase(serverUrl!, 'ccm_test');
    database = await connectDatabase({ databaseUrl: server.url, poolSize: 3 });
    await runMigrations(database);
    // The process connects with this configuration: it must name this test's own database.
    const config = testConfig({ DATABASE_URL: server.url });
    app = await buildApp({ config, database, signInProcess: true });
    await app.ready();
    runner = app.ctx.signIns!;
    await runner.whenReady();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
    await server?.drop();
  });

  it('signs in there, with a session that works here', async () => {
    const member = await makeMember(app, { passwordHash: await hashPassword(PASSWORD) });
    const before = runner.counts.delegated;
    const res = await login(member.phone, PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(runner.counts.delegated).toBe(before + 1);
    const body = res.json();
    expect(body.user).toMatchObject({ id: member.userId, phone: expect.stringMatching(/\*{4}/) });
    const me = await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${body.token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().id).toBe(member.userId);
    expect(res.cookies.map((c) => c.name)).toContain('ccm_session');
  });

  it('answers a wrong password and an unknown phone alike, and locks after five failures', async () => {
    const member = await makeMember(app, { passwordHash: await hashPassword(PASSWORD) });
    const wrong = await login(member.phone, 'Not-the-password-9');
    const unknown = await login(testPhone().e164, 'Not-the-password-9');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().code).toBe('auth.invalid_credentials');
    expect(unknown.json()).toEqual({ ...wrong.json(), instance: unknown.json().instance });
    for (let i = 0; i < 4; i++) await login(member.phone, 'Not-the-password-9');
    const locked = await login(member.phone, PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('rate_limited');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('starts a new process when the old one dies, signing in here meanwhile', async () => {
    const member = await makeMember(app, { passwordHash: await hashPassword(PASSWORD) });
    const old = (runner as unknown as { child: import('node:child_process').ChildProcess }).child;
    const ended = new Promise((resolve) => old.once('exit', resolve));
    old.kill('SIGKILL');
    await ended;
    const here = runner.counts.here;
    expect((await login(member.phone, PASSWORD)).statusCode).toBe(200);
    expect(runner.counts.here).toBe(here + 1);
    await runner.whenReady();
    const delegated = runner.counts.delegated;
    expect((await login(member.phone, PASSWORD)).statusCode).toBe(200);
    expect(runner.counts.delegated).toBe(delegated + 1);
  }, 60_000);
});
