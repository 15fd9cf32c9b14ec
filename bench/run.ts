/**
 * `npm run bench`: CCM on the PostgreSQL server under load from autocannon on 127.0.0.1, each
 * endpoint reported as a ratio to a bare Fastify hello-world measured in the same run (the machines
 * are shared and noisy; only ratios within one run compare).
 *
 *   npm run bench -- [--articles 1000000] [--duration 10] [--connections 50]
 *   npm run bench -- --only feed   (the feed's variants: hot, by column, tag and brand, newest, deep)
 *   npm run bench -- --only search [--per-class 40]   (6 classes × 40 = 240 queries)
 *   npm run bench -- --only recs [--members 100000] [--active N]   (the personalised feed, see below)
 *
 * --only recs: the feed as signed-in members see it. 100,000 bench members are made once per
 * database (bench/members.ts: registration tags, the `account` and `personalization` consents in
 * the ledger, interest weights with provenance, follows, browsing history, "not interested" marks,
 * and a session each whose bearer token is `bench-rec-token-<i>`). Then, in one run: hello-world,
 * the anonymous general feed, GET /api/v1/feed with the bearer token of a member drawn uniformly
 * per request, the same feed of one column whose lists are not stored ahead, GET /api/v1/me/consents
 * as the same members (a member route: the guard's one read of session, account and guardian gate,
 * then the consent ledger), hello-world again; then --pairs (3) pairs of a hello-world run and a
 * member-feed run right after it, whose ratios are printed with their median (the two
 * hello-world runs of the table are minutes apart, and a shared machine drifts in that time);
 * last, the member feed on one connection (each request alone in its statement: its latency).
 * A sample of 200 members is checked: their token signs them in, they consent to
 * personalisation, and how many of their feeds say `personalized: true` (all should; the count is
 * printed). The target of the recommendations issue: the member feed's p99 under 50 ms at 50
 * connections and at least 20% of the hello-world rate, with 1M articles and 100k members.
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/ccm_bench) is created if missing
 * and seeded up to --articles once; later runs reuse it.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { connectDatabase, queryRows, runMigrations } from '../src/db/client.ts';
import { seedDemoIfEmpty } from '../src/modules/seed/demo.ts';
import { seedScale } from '../src/modules/seed/scale.ts';
import { freePort } from '../src/testing/net.ts';
import { cancelBench } from './cancel.ts';
import { benchExport } from './export.ts';
import { loginUnderLoad, prepareLoginMembers, serverCpuPerRequest, serverProcessOf } from './login.ts';
import { benchMemberToken, ensureBenchMembers } from './members.ts';
import { benchSearch } from './search.ts';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '1000000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    only: { type: 'string' },
    pin: { type: 'string', default: 'on' },
    rows: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '6' },
    pairs: { type: 'string', default: '3' },
    'per-class': { type: 'string', default: '40' },
    members: { type: 'string', default: '100000' },
    active: { type: 'string' },
  },
});
const ARTICLES = Number(values.articles);
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const DB_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ccm_bench';
const TSX = path.resolve('node_modules/.bin/tsx');

async function ensureDatabase(): Promise<{ hot: number[]; all: [number, number] }> {
  const url = new URL(DB_URL);
  const name = url.pathname.slice(1);
  const admin = new pg.Client({
    connectionString: Object.assign(new URL(DB_URL), { pathname: '/postgres' }).href,
  });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  await admin.end();

  const database = await connectDatabase({ databaseUrl: DB_URL });
  try {
    await runMigrations(database);
    await seedDemoIfEmpty(database, { log: (l) => console.log(l) });
    const [{ n }] = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM articles`);
    if (n < ARTICLES) {
      console.log(`Seeding ${ARTICLES - n} more articles (once; later runs reuse them)…`);
      await seedScale(database, { articles: ARTICLES - n, users: 0 });
      await queryRows(database.db, sql`ANALYZE`);
    }
    // Readers mostly open recent articles: the hot set is the 2,000 newest.
    const hot = await queryRows<{ id: number }>(
      database.db,
      sql`SELECT id FROM articles WHERE status = 'published' ORDER BY published_at DESC LIMIT 2000`,
    );
    const [range] = await queryRows<{ lo: number; hi: number }>(
      database.db,
      sql`SELECT min(id)::int AS lo, max(id)::int AS hi FROM articles WHERE status = 'published'`,
    );
    console.log(`Database: ${Math.max(n, ARTICLES)} articles on the PostgreSQL server.`);
    return { hot: hot.map((r) => r.id), all: [range.lo, range.hi] };
  } finally {
    await database.close();
  }
}

async function startProcess(
  args: string[],
  env: Record<string, string>,
  readyUrl: string,
): Promise<ChildProcess> {
  // Pinned, the servers share the last core and the load generator keeps the first to itself.
  const [command, argv] = PINNED ? ['taskset', ['-c', String(CORES - 1), TSX, ...args]] : [TSX, args];
  const child = spawn(command, argv, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    try {
      if ((await fetch(readyUrl)).ok) return child;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`${args.join(' ')} did not become ready`);
}

interface Result {
  name: string;
  rps: number;
  p99: number;
  errors: number;
}

async function load(
  name: string,
  origin: string,
  nextPath: () => string,
  nextHeaders?: () => Record<string, string>,
  warm = true,
  connections = CONNECTIONS,
): Promise<Result> {
  const run = (duration: number) =>
    autocannon({
      url: origin,
      connections,
      duration,
      requests: [
        {
          setupRequest: (req) =>
            nextHeaders
              ? { ...req, path: nextPath(), headers: { ...req.headers, ...nextHeaders() } }
              : { ...req, path: nextPath() },
        },
      ],
    });
  if (warm) await run(Math.min(3, DURATION)); // warm-up: JIT, caches, pool connections
  const r = await run(DURATION);
  return { name, rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

/**
 * CCM's command line as `npm start` runs it (package.json), runtime flags included, so that the
 * bench measures the server as it is deployed.
 */
const CCM_START = (() => {
  const script: string = JSON.parse(readFileSync('package.json', 'utf8')).scripts.start;
  const [bin, ...args] = script.trim().split(/\s+/);
  if (bin !== 'tsx') throw new Error(`npm start is expected to run tsx, not: ${script}`);
  return args;
})();

const CORES = os.cpus().length;
/** Server and load generator on separate cores, when the machine has them and taskset exists. */
const PINNED = values.pin !== 'off' && CORES >= 2 && spawnSync('taskset', ['-V']).status === 0;

async function main() {
  // --only export builds a heavy member's data export in this process (no server, no articles).
  if (values.only === 'export') {
    await benchExport(DB_URL, { rows: Number(values.rows), runs: Number(values.runs) });
    return;
  }
  // --only cancel: the cancellation timing alone, on a database of its own (bench/cancel.ts).
  if (values.only === 'cancel') return cancelBench(DB_URL);
  if (PINNED) spawnSync('taskset', ['-a', '-cp', '0', String(process.pid)]);
  const { hot, all } = await ensureDatabase();
  const members =
    values.only === 'recs' ? await ensureBenchMembers(DB_URL, Number(values.members)) : undefined;
  if (members) {
    console.log(
      `Members: ${members.members} bench members with sessions${members.made > 0 ? ` (${members.made} made in ${members.seconds.toFixed(0)} s)` : ''}.`,
    );
  }
  if (members) {
    // The nearline half of the feed: every consenting member's ranked list stored ahead of the
    // load, as the production job does (`npm run recs -- precompute`); fresh lists are kept.
    const started = Date.now();
    const job = spawnSync(TSX, ['src/main.ts', 'recs', 'precompute', '--concurrency', '16'], {
      env: { ...process.env, DATABASE_URL: DB_URL, REDIS_URL: '', LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    });
    if (job.status !== 0) throw new Error(`recs precompute failed: ${job.stderr}`);
    const last = job.stdout.trim().split('\n').at(-1);
    console.log(`${last} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    // What autovacuum does after such writes, done here because a machine may run PostgreSQL
    // without it: left unanalysed, the planner still sees the lists table as it was when the
    // articles were seeded (empty) and reads each list through a bitmap scan; unvacuumed, the
    // consent ledger's pages are not marked all-visible and its covering index (migration 0033)
    // cannot answer alone.
    const admin = new pg.Client({ connectionString: DB_URL });
    await admin.connect();
    await admin.query('VACUUM (ANALYZE) member_feeds, member_sessions, consent_records');
    await admin.end();
  }
  // --only search: relevance-ranked search against an ILIKE scan (bench/search.ts).
  if (values.only === 'search') return searchOnly();
  const [helloPort, ccmPort] = [await freePort(), await freePort()];
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ccm-bench-'));
  const phones =
    values.only === 'feed' || values.only === 'recs' ? [] : await prepareLoginMembers(DB_URL, dataDir, 500);
  const hello = await startProcess(
    ['bench/hello.ts'],
    { PORT: String(helloPort) },
    `http://127.0.0.1:${helloPort}/hello`,
  );
  const ccm = await startProcess(
    CCM_START,
    {
      DATABASE_URL: DB_URL,
      PORT: String(ccmPort),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      CCM_SERVE_WEB: 'false',
      CCM_SEED_DEMO: 'false',
      CCM_DATA_DIR: dataDir,
      REDIS_URL: '',
    },
    `http://127.0.0.1:${ccmPort}/readyz`,
  );
  const results: Result[] = [];
  let logins: Awaited<ReturnType<typeof loginUnderLoad>> | undefined;
  let cpu: Awaited<ReturnType<typeof serverCpuPerRequest>> | undefined;
  let personalised: Awaited<ReturnType<typeof personalisedShare>> | undefined;
  const pairs: Pair[] = [];
  let lone: Result | undefined;
  try {
    let i = 0;
    const ccmOrigin = `http://127.0.0.1:${ccmPort}`;
    results.push(await load('hello-world (baseline)', `http://127.0.0.1:${helloPort}`, () => '/hello'));
    if (values.only === 'feed') {
      results.push(...(await feedVariants(ccmOrigin)));
      results.push(await load('hello-world (again)', `http://127.0.0.1:${helloPort}`, () => '/hello'));
    } else if (members) {
      // --active N draws from the first N members only (fewer sessions, each seen more often).
      const n = Math.min(members.members, Number(values.active ?? members.members));
      const bearer = () => ({ authorization: `Bearer ${benchMemberToken(Math.floor(Math.random() * n))}` });
      personalised = await personalisedShare(ccmOrigin, n);
      results.push(await load('GET /api/v1/feed (anonymous, general feed)', ccmOrigin, () => '/api/v1/feed'));
      results.push(
        await load(
          `GET /api/v1/feed (signed-in member, 1 of ${n.toLocaleString('en')} per request)`,
          ccmOrigin,
          () => '/api/v1/feed',
          bearer,
        ),
      );
      // The cold path: a column's list is not stored ahead, so each member's first request ranks
      // (candidates, profile, ranking) and stores it.
      results.push(
        await load(
          `GET /api/v1/feed?column=market (signed-in, list ranked on first request)`,
          ccmOrigin,
          () => '/api/v1/feed?column=market',
          bearer,
        ),
      );
      // A member route, for comparison: the member guard's one read, then the consent ledger's.
      results.push(
        await load(
          'GET /api/v1/me/consents (same members: member guard and consent ledger)',
          ccmOrigin,
          () => '/api/v1/me/consents',
          bearer,
        ),
      );
      results.push(await load('hello-world (again)', `http://127.0.0.1:${helloPort}`, () => '/hello'));
      // The two runs of hello-world are a minute apart, and on a shared machine the baseline can
      // move by tens of percent in that time: pairs of short runs, each member-feed run right after
      // its own hello-world run, give ratios measured under the same conditions.
      for (let k = 0; k < Number(values.pairs); k++) {
        const h = await load(
          'hello-world',
          `http://127.0.0.1:${helloPort}`,
          () => '/hello',
          undefined,
          false,
        );
        const m = await load('member feed', ccmOrigin, () => '/api/v1/feed', bearer, false);
        pairs.push({ hello: h, member: m });
      }
      // One member at a time: the latency of a request that finds no other to share a statement with.
      lone = await load('member feed, one connection', ccmOrigin, () => '/api/v1/feed', bearer, true, 1);
    }
    // --only login skips the endpoint table (the login figures need minutes less).
    else if (values.only !== 'login') {
      results.push(await load('GET /api/v1/feed', ccmOrigin, () => '/api/v1/feed'));
      results.push(
        await load(
          'GET /api/v1/articles/{id} (2,000 newest)',
          ccmOrigin,
          () => `/api/v1/articles/${hot[i++ % hot.length]}`,
        ),
      );
      results.push(
        await load('GET /api/v1/articles/{id} (uniform over all)', ccmOrigin, () => {
          return `/api/v1/articles/${all[0] + Math.floor(Math.random() * (all[1] - all[0] + 1))}`;
        }),
      );
      // A second baseline at the end shows how much the machine drifted during the run.
      results.push(await load('hello-world (again)', `http://127.0.0.1:${helloPort}`, () => '/hello'));
    }
    if (values.only !== 'feed' && values.only !== 'recs') {
      logins = await loginUnderLoad(ccmOrigin, phones, DURATION, Number(values.rounds));
      const server = ccm.pid === undefined ? undefined : serverProcessOf(ccm.pid);
      if (server) cpu = await serverCpuPerRequest(ccmOrigin, server, phones);
    }
  } finally {
    hello.kill('SIGTERM');
    ccm.kill('SIGTERM');
  }
  // The denominator is the mean of the two baselines, so drift during the run is shared fairly.
  if (results.length < 2) {
    console.log(`\n${CORES} cores, ${placement()}`);
    return printLogins(logins, cpu);
  }
  const first = results[0];
  const last = results.at(-1)!;
  const base = { rps: (first.rps + last.rps) / 2, p99: (first.p99 + last.p99) / 2 };
  console.log(`\n${CONNECTIONS} connections, ${DURATION} s per endpoint, ${CORES} cores, ${placement()}`);
  console.log(
    `baseline: ${Math.round(base.rps)} req/s (drift between the two runs: ${((last.rps / first.rps - 1) * 100).toFixed(1)}%)\n`,
  );
  console.log('| endpoint | req/s | p99 ms | req/s vs hello | p99 vs hello | errors |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const r of results) {
    console.log(
      `| ${r.name} | ${Math.round(r.rps)} | ${r.p99} | ${((r.rps / base.rps) * 100).toFixed(1)}% | ${(r.p99 / Math.max(base.p99, 1)).toFixed(1)}× | ${r.errors} |`,
    );
  }
  printLogins(logins, cpu);
  if (personalised) printRecs(personalised, results, base.rps, pairs, lone);
}

/**
 * `SAMPLE` members drawn at random, one request at a time: whether their token signs them in
 * (GET /me), whether the ledger says they consent to personalisation (GET /me/consents), and how
 * many of their feeds say `personalized: true`; answers that were not 2xx are counted.
 */
async function personalisedShare(origin: string, members: number) {
  const SAMPLE = 200;
  const out = { sample: SAMPLE, signedIn: 0, consenting: 0, personalized: 0, failed: 0 };
  const get = async (path: string, i: number) => {
    const res = await fetch(`${origin}/api/v1${path}`, {
      headers: { authorization: `Bearer ${benchMemberToken(i)}` },
    });
    if (res.ok) return res.json();
    await res.body?.cancel();
    out.failed++;
    return undefined;
  };
  for (let k = 0; k < SAMPLE; k++) {
    const i = Math.floor(Math.random() * members);
    if (await get('/me', i)) out.signedIn++;
    const consents = (await get('/me/consents', i)) as { purpose: string; granted: boolean }[] | undefined;
    if (consents?.some((c) => c.purpose === 'personalization' && c.granted)) out.consenting++;
    const feed = (await get('/feed', i)) as { personalized?: boolean } | undefined;
    if (feed?.personalized === true) out.personalized++;
  }
  return out;
}

/** A hello-world run and the member-feed run right after it (--pairs of them, after the table). */
interface Pair {
  hello: Result;
  member: Result;
}

function printRecs(
  check: Awaited<ReturnType<typeof personalisedShare>>,
  results: Result[],
  baseRps: number,
  pairs: Pair[],
  lone: Result | undefined,
) {
  const member = results.find((r) => r.name.includes('signed-in member'));
  if (lone) {
    console.log(
      // autocannon counts latency in whole milliseconds: one connection's time per request is 1 / rate.
      `\nOne request at a time (1 connection, ${DURATION} s): ${Math.round(lone.rps)} req/s, ${(1000 / Math.max(lone.rps, 1)).toFixed(2)} ms per request, p99 ${lone.p99} ms, ${lone.errors} errors.`,
    );
  }
  console.log(
    `\nSample of ${check.sample} members: ${check.signedIn} signed in by their token, ${check.consenting} consenting to personalisation, ${check.personalized} feeds said personalized: true (${check.failed} answers not 2xx).`,
  );
  if (!member) return;
  const share = member.rps / baseRps;
  const ok = member.p99 < 50 && share >= 0.2 && member.errors === 0;
  console.log(
    `Target (p99 < 50 ms, ≥ 20% of hello-world, no errors): p99 ${member.p99} ms, ${(share * 100).toFixed(1)}%, ${member.errors} errors: ${ok ? 'met' : 'not met'}${check.personalized === 0 ? ' (the member feed is not personalised yet: a baseline)' : ''}.`,
  );
  if (pairs.length === 0) return;
  const ratio = (p: Pair) => p.member.rps / p.hello.rps;
  const ratios = pairs.map(ratio).sort((a, b) => a - b);
  const median = ratios[Math.floor((ratios.length - 1) / 2)]; // the lower one of an even count
  const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
  console.log(
    `Paired runs (${DURATION} s of hello-world, then ${DURATION} s of the member feed, ${pairs.length} times): ${pairs
      .map(
        (p) =>
          `${Math.round(p.member.rps)} / ${Math.round(p.hello.rps)} = ${pct(ratio(p))} (p99 ${p.member.p99} ms)`,
      )
      .join('; ')}; median ${pct(median)}, ${pairs.reduce((n, p) => n + p.member.errors, 0)} errors.`,
  );
}

/**
 * The feed's variants. First pages are what most readers ask for (and hit the 5 s page cache);
 * the "any depth" rows send a fresh cursor at a random point of the ranking with every request,
 * so each one is a database query: the cost of a page that no cache holds, at any depth.
 */
async function feedVariants(origin: string): Promise<Result[]> {
  const client = new pg.Client({ connectionString: DB_URL });
  await client.connect();
  const range = async (where: string) => {
    const { rows } = await client.query(
      `SELECT min(hot_score) AS lo, max(hot_score) AS hi, min(published_at) AS first, max(published_at) AS last
         FROM articles WHERE status = 'published' ${where}`,
    );
    return rows[0] as { lo: number; hi: number; first: Date; last: Date };
  };
  const all = await range('');
  const market = await range(`AND column_id = 'market'`);
  await client.end();
  const hotCursor = (r: { lo: number; hi: number }) =>
    Buffer.from(
      JSON.stringify(['hot', r.lo + Math.random() * (r.hi - r.lo), Number.MAX_SAFE_INTEGER]),
    ).toString('base64url');
  const newCursor = (r: { first: Date; last: Date }) => {
    const t = r.first.getTime() + Math.random() * (r.last.getTime() - r.first.getTime());
    return Buffer.from(JSON.stringify([new Date(t).toISOString(), Number.MAX_SAFE_INTEGER])).toString(
      'base64url',
    );
  };
  const feed = '/api/v1/feed';
  return [
    await load('GET /api/v1/feed (hot, the default; first page)', origin, () => feed),
    await load('GET /api/v1/feed?column=market (hot; first page)', origin, () => `${feed}?column=market`),
    await load('GET /api/v1/feed?sort=new (first page)', origin, () => `${feed}?sort=new`),
    await load('GET /api/v1/feed?tag=cranes (hot; first page)', origin, () => `${feed}?tag=cranes`),
    await load('GET /api/v1/feed?brand=sany (hot; first page)', origin, () => `${feed}?brand=sany`),
    await load(
      'GET /api/v1/feed (hot, any depth, uncached)',
      origin,
      () => `${feed}?cursor=${hotCursor(all)}`,
    ),
    await load(
      'GET /api/v1/feed?column=market (hot, any depth, uncached)',
      origin,
      () => `${feed}?column=market&cursor=${hotCursor(market)}`,
    ),
    await load(
      'GET /api/v1/feed?sort=new (any depth, uncached)',
      origin,
      () => `${feed}?sort=new&cursor=${newCursor(all)}`,
    ),
  ];
}

async function searchOnly(): Promise<void> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ccm-bench-'));
  const ccm = await startProcess(
    CCM_START,
    {
      DATABASE_URL: DB_URL,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      CCM_SERVE_WEB: 'false',
      CCM_SEED_DEMO: 'false',
      CCM_DATA_DIR: dataDir,
      REDIS_URL: '',
    },
    `http://127.0.0.1:${port}/readyz`,
  );
  try {
    await benchSearch(DB_URL, `http://127.0.0.1:${port}`, {
      duration: DURATION,
      connections: CONNECTIONS,
      perClass: Number(values['per-class']),
    });
  } finally {
    ccm.kill('SIGTERM');
  }
  console.log(`\n${CORES} cores, ${placement()}`);
}

function placement(): string {
  return PINNED ? `servers on core ${CORES - 1}, load generator on core 0` : 'not pinned';
}

function printLogins(
  logins?: Awaited<ReturnType<typeof loginUnderLoad>>,
  cpu?: Awaited<ReturnType<typeof serverCpuPerRequest>>,
) {
  if (!logins) return;
  const ratio = logins.busy.p99 / logins.idle.p99;
  console.log(
    `\nLogins at full speed (20 connections, argon2id each) beside a reader (the feed, one request at a time):`,
  );
  console.log(
    `- POST /api/v1/auth/login: ${Math.round(logins.loginRps)} req/s, p99 ${logins.loginP99} ms, errors ${logins.loginErrors}`,
  );
  console.log(
    `- feed p99 alone ${logins.idle.p99} ms → during logins ${logins.busy.p99} ms (${ratio.toFixed(2)}× alone; target ≤ 2×), ${logins.rounds} interleaved rounds`,
  );
  console.log(
    `  (p50 ${logins.idle.p50} → ${logins.busy.p50} ms, p99.9 ${logins.idle.p999} → ${logins.busy.p999} ms, ${logins.idle.rps} → ${logins.busy.rps} reads/s)`,
  );
  if (cpu) {
    console.log(
      `- the server process's CPU per request: sign-in ${cpu.signInMs.toFixed(2)} ms, feed read ${cpu.feedMs.toFixed(2)} ms (a sign-in costs the event loop ${(cpu.signInMs / cpu.feedMs).toFixed(1)} reads)`,
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
