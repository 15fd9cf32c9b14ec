/**
 * Starts CCM as a user would (`tsx src/main.ts start`) in a child process, on a fresh data
 * directory and a free port, and reads what it prints at first start: the demo console accounts
 * and their one-time passwords. With DATABASE_URL set, a fresh database on that server is created
 * for the run and dropped afterwards.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../src/testing/net.ts';
import { createServerDatabase } from '../src/testing/server-database.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const READY_TIMEOUT_MS = 180_000; // the first start also builds the web app

export interface Account {
  role: string;
  username: string;
  password: string;
}

export interface RunningServer {
  baseURL: string;
  accounts: Account[];
  /** CCM_DATA_DIR of the run: the SMS outbox (outbox/sms.jsonl) is read from here. */
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Reads the account table the server prints once, at first start:
 *   Demo content created. Console accounts (passwords are shown only this once):
 *     admin        admin          <password>
 */
export function parseAccounts(output: string): Account[] {
  const lines = output.split(/\r?\n/);
  const start = lines.findIndex((l) => /Console accounts.*:\s*$/.test(l));
  if (start < 0) return [];
  const accounts: Account[] = [];
  for (const line of lines.slice(start + 1)) {
    const m = /^\s+(\S+)\s+(\S+)\s+(\S+)\s*$/.exec(line);
    if (!m) break;
    accounts.push({ role: m[1], username: m[2], password: m[3] });
  }
  return accounts;
}

async function waitForReady(baseURL: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`The server exited with code ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${baseURL}/readyz`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The server was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${output()}`);
}

/** `extraEnv`: settings for this run on top of the defaults (e.g. a local sign-in provider). */
export async function startServer(extraEnv: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ccm-e2e-'));
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const database = process.env.DATABASE_URL
    ? await createServerDatabase(process.env.DATABASE_URL, 'ccm_e2e')
    : undefined;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    CCM_DATA_DIR: dataDir,
    CCM_SEED_DEMO: 'true',
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
    ...extraEnv,
  };
  if (database) env.DATABASE_URL = database.url;
  else delete env.DATABASE_URL;

  // `tsx src/main.ts start`, run with tsx's CLI directly rather than through npx's extra process.
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  // Its own process group, so stopping it also stops the process tsx starts.
  const child = spawn(process.execPath, [tsx, 'src/main.ts', 'start'], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (process.env.E2E_SERVER_OUTPUT) process.stdout.write(chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      process.kill(-child.pid, 'SIGTERM');
      const killed = await Promise.race([
        exited.then(() => true),
        new Promise((r) => setTimeout(() => r(false), 15_000)),
      ]);
      if (!killed) process.kill(-child.pid, 'SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  };

  try {
    await waitForReady(baseURL, child, () => output);
    const accounts = parseAccounts(output);
    if (!accounts.some((a) => a.role === 'admin')) {
      throw new Error(
        `The server printed no admin account at first start (is the demo seeder in place?):\n${output}`,
      );
    }
    return { baseURL, accounts, dataDir, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
