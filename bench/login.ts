/**
 * The login benchmark: members signing in at full speed (argon2id on every request) must not hold
 * up readers. Measures the feed's p99 alone, then while logins run flat out on other connections.
 */

import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { sql } from 'drizzle-orm';
import { connectDatabase, queryRows } from '../src/db/client.ts';
import { users } from '../src/modules/accounts/tables.ts';
import { loadKeyring } from '../src/platform/field-crypto.ts';
import { hashPassword } from '../src/platform/passwords.ts';

export const BENCH_PASSWORD = 'Bench-Excavator-2026';
const phoneOf = (i: number) => `+861391${String(i).padStart(7, '0')}`;

/**
 * Makes `count` members whose phones are encrypted with the keys of `dataDir` (the key file the
 * server under test will load), replacing those of an earlier run.
 */
export async function prepareLoginMembers(dbUrl: string, dataDir: string, count: number): Promise<string[]> {
  const { keyring } = loadKeyring({ dataDir });
  const database = await connectDatabase({ databaseUrl: dbUrl });
  try {
    await queryRows(database.db, sql`DELETE FROM users WHERE nickname LIKE 'bench-login-%'`);
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    const phones = Array.from({ length: count }, (_, i) => phoneOf(i));
    await database.db.insert(users).values(
      phones.map((phone, i) => ({
        nickname: `bench-login-${i}`,
        phoneCiphertext: keyring.encrypt(phone, 'users.phone'),
        phoneIndex: keyring.blindIndex('phone', phone),
        passwordHash,
      })),
    );
    return phones;
  } finally {
    await database.close();
  }
}

/**
 * Sign-ins at full speed from a process of their own: sharing the reader's event loop, the load
 * generator's own work showed up in the reader's timings (and autocannon will not report from a
 * worker thread).
 */
function signInStorm(origin: string, phones: string[], seconds: number) {
  const job = { origin, phones, seconds, password: BENCH_PASSWORD };
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const job = JSON.parse(process.env.CCM_STORM);
       const autocannon = require(${JSON.stringify(createRequire(import.meta.url).resolve('autocannon'))});
       let i = 0;
       autocannon({
         url: job.origin,
         connections: 20,
         duration: job.seconds,
         requests: [{
           method: 'POST',
           path: '/api/v1/auth/login',
           headers: { 'content-type': 'application/json' },
           setupRequest: (req) => ({ ...req, body: JSON.stringify({
             phone: job.phones[i++ % job.phones.length], password: job.password }) }),
         }],
       }).then((r) => process.send({ rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx },
         () => process.exit(0)));`,
    ],
    {
      env: { ...process.env, CCM_STORM: JSON.stringify(job) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  return new Promise<{ rps: number; p99: number; errors: number }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { rps: number; p99: number; errors: number }));
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`the sign-in load ended with ${code}`)));
  });
}

/**
 * A reader that asks for the feed one request at a time on a kept-alive connection and times each
 * answer with sub-millisecond precision: how promptly the server answers, not how much it can do.
 */
async function probeFeed(origin: string, seconds: number): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    const start = performance.now();
    await new Promise<void>((resolve, reject) => {
      http
        .get(`${origin}/api/v1/feed`, { agent }, (res) => {
          res.resume();
          res.on('end', resolve);
        })
        .on('error', reject);
    });
    times.push(performance.now() - start);
  }
  agent.destroy();
  return times;
}

function percentiles(times: number[], seconds: number) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => Number(sorted[Math.floor(sorted.length * q)].toFixed(2));
  return { p50: at(0.5), p99: at(0.99), p999: at(0.999), rps: Math.round(sorted.length / seconds) };
}

/**
 * Rounds of "reader alone" then "reader beside sign-ins at full speed", and the p99 of each side
 * pooled over the rounds: interleaving puts the machine's drift (other tenants, frequency
 * changes) on both sides alike, where one long idle phase followed by one busy phase did not.
 */
export async function loginUnderLoad(origin: string, phones: string[], seconds: number, rounds = 6) {
  await probeFeed(origin, 2);
  const idle: number[] = [];
  const busy: number[] = [];
  const logins: { rps: number; p99: number; errors: number }[] = [];
  const per = Math.max(2, Math.round(seconds / rounds) + 1);
  let i = 0;
  for (let round = 0; round < rounds; round++) {
    idle.push(...(await probeFeed(origin, per)));
    const storm = signInStorm(origin, phones.slice(i).concat(phones.slice(0, i)), per + 2);
    i = (i + 97) % phones.length;
    await new Promise((r) => setTimeout(r, 1000)); // let the logins reach full speed first
    busy.push(...(await probeFeed(origin, per)));
    logins.push(await storm);
    // Let the last sign-ins drain before the next quiet phase.
    await new Promise((r) => setTimeout(r, 1000));
  }
  return {
    idle: percentiles(idle, per * rounds),
    busy: percentiles(busy, per * rounds),
    rounds,
    loginRps: logins.reduce((a, l) => a + l.rps, 0) / rounds,
    loginP99: Math.max(...logins.map((l) => l.p99)),
    loginErrors: logins.reduce((a, l) => a + l.errors, 0),
  };
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of the line, in clock ticks of 1/100 s.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The server's own process: the node process `tsx src/main.ts start` runs under `pid`. */
export function serverProcessOf(pid: number): number | undefined {
  try {
    const children = execFileSync('pgrep', ['-P', String(pid), '-f', 'src/main.ts'], { encoding: 'utf8' });
    return Number(children.trim().split('\n')[0]) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * What one sign-in and one feed read cost the server's own process in CPU time (the sign-in and
 * hasher processes are not counted): the work a sign-in puts on the event loop readers share.
 * CPU time, unlike latency percentiles, hardly moves with the machine's noise.
 */
export async function serverCpuPerRequest(origin: string, pid: number, phones: string[]) {
  const autocannon = (await import('autocannon')).default;
  let i = 0;
  const measure = async (amount: number, request: Record<string, unknown>) => {
    const before = cpuSeconds(pid);
    await autocannon({ url: origin, connections: 10, amount, requests: [request] });
    return ((cpuSeconds(pid) - before) * 1000) / amount;
  };
  const signIn = {
    method: 'POST',
    path: '/api/v1/auth/login',
    headers: { 'content-type': 'application/json' },
    setupRequest: (req: object) => ({
      ...req,
      body: JSON.stringify({ phone: phones[i++ % phones.length], password: BENCH_PASSWORD }),
    }),
  };
  const feed = { method: 'GET', path: '/api/v1/feed' };
  const signIns: number[] = [];
  const reads: number[] = [];
  for (let round = 0; round < 3; round++) {
    signIns.push(await measure(300, signIn));
    reads.push(await measure(3000, feed));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
  return { signInMs: median(signIns), feedMs: median(reads) };
}
