/**
 * The login benchmark: members signing in at full speed (argon2id on every request) must not hold
 * up readers. Measures the feed's p99 alone, then while logins run flat out on other connections.
 */
import http from 'node:http';
import autocannon from 'autocannon';
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

const run = (opts: autocannon.Options) => autocannon(opts);

/**
 * A reader that asks for the feed one request at a time on a kept-alive connection and times each
 * answer with sub-millisecond precision: how promptly the server answers, not how much it can do.
 */
async function probeFeed(origin: string, seconds: number): Promise<{ p99: number; rps: number }> {
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
  times.sort((a, b) => a - b);
  return { p99: Number(times[Math.floor(times.length * 0.99)].toFixed(2)), rps: times.length / seconds };
}

export async function loginUnderLoad(origin: string, phones: string[], seconds: number) {
  await probeFeed(origin, 2);
  const idle = await probeFeed(origin, seconds);
  let i = 0;
  const logins = run({
    url: origin,
    connections: 20,
    duration: seconds + 2,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({
          ...req,
          body: JSON.stringify({ phone: phones[i++ % phones.length], password: BENCH_PASSWORD }),
        }),
      },
    ],
  });
  await new Promise((r) => setTimeout(r, 1000)); // let the logins reach full speed first
  const busy = await probeFeed(origin, seconds);
  const login = await logins;
  return {
    feedIdleP99: idle.p99,
    feedBusyP99: busy.p99,
    feedBusyRps: busy.rps,
    loginRps: login.requests.average,
    loginP99: login.latency.p99,
    loginErrors: login.errors + login.non2xx,
  };
}
