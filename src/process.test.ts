/** The command line as a person meets it: bad settings, no database, and a graceful stop. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from './testing/net.ts';

const TSX = path.resolve('node_modules/.bin/tsx');

function run(args: string[], env: Record<string, string>) {
  const child = spawn(TSX, ['src/main.ts', ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      CCM_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'ccm-proc-')),
      ...env,
    },
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    out += d;
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exit, output: () => out };
}

async function waitFor(check: () => Promise<boolean>, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out');
}

describe('command line', () => {
  it('stops with a message naming each bad variable', async () => {
    const p = run(['start'], { PORT: 'abc', LOG_LEVEL: 'chatty' });
    expect(await p.exit).toBe(1);
    expect(p.output()).toContain('PORT: expected a whole number from 1 to 65535');
    expect(p.output()).toContain('LOG_LEVEL: expected one of');
    expect(p.output()).not.toMatch(/at .*\.ts:\d+/);
  });

  it('stops with a clear message when the PostgreSQL server is unreachable', async () => {
    const p = run(['migrate'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/ccm' });
    expect(await p.exit).toBe(1);
    expect(p.output()).toContain('Cannot reach the PostgreSQL server at 127.0.0.1:1/ccm');
  });

  it('finishes an in-flight request on SIGTERM, then exits cleanly', async () => {
    const port = await freePort();
    const p = run(['start'], {
      PORT: String(port),
      HOST: '127.0.0.1',
      CCM_SERVE_WEB: 'false',
      CCM_SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
    });
    const base = `http://127.0.0.1:${port}`;
    await waitFor(async () => (await fetch(`${base}/readyz`)).ok, 45_000);

    // A request whose body is still arriving when the signal comes.
    const body = JSON.stringify({ username: 'nobody', password: 'not-a-password' });
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    let response = '';
    socket.on('data', (d) => {
      response += d;
    });
    const closed = new Promise((r) => socket.once('close', r));
    socket.write(
      `POST /api/v1/console/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`,
    );
    await new Promise((r) => setTimeout(r, 200));
    (p.child as ChildProcess).kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    socket.write(body.slice(10));
    await closed;
    expect(response).toMatch(/^HTTP\/1\.1 401/);
    expect(await p.exit).toBe(0);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  }, 60_000);
});
