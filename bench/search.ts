/**
 * `npm run bench -- --only search`: relevance-ranked search on the PostgreSQL server.
 *
 * Queries are drawn from the corpus itself: the lexemes of a random sample of indexed articles,
 * split by how many sampled documents hold them (common ≥ 10%, medium 0.5–10%, rare below), one
 * word and two words (two words of one sampled article, so they have matches). Reported:
 * - latency of GET /api/v1/search over the set, one request at a time (p50/p95/p99, per class);
 * - throughput of GET /api/v1/search under autocannon;
 * - queries per second of the search service against an ILIKE scan of titles and bodies (newest
 *   first, 20 rows), same queries, same concurrency, same pool, one after the other in this run.
 */
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { connectDatabase, type Db, queryRows } from '../src/db/client.ts';
import { search } from '../src/modules/search/query.ts';

export interface BenchQuery {
  q: string;
  kind: string;
}

const WORDLIKE = /^(\p{Script=Han}{2,}|[a-z][a-z-]{3,})$/u;

export async function drawQueries(db: Db, perClass: number): Promise<BenchQuery[]> {
  const sample = await queryRows<{ id: string | number; lexemes: string[] }>(
    db,
    sql`SELECT article_id AS id, tsvector_to_array(document) AS lexemes
        FROM article_search TABLESAMPLE SYSTEM (0.5) REPEATABLE (42) LIMIT 3000`,
  );
  const df = new Map<string, number>();
  for (const row of sample)
    for (const l of row.lexemes) if (WORDLIKE.test(l)) df.set(l, (df.get(l) ?? 0) + 1);
  const n = sample.length;
  const classOf = (l: string) => {
    const share = (df.get(l) ?? 0) / n;
    return share >= 0.1 ? 'common' : share >= 0.005 ? 'medium' : 'rare';
  };
  // A fixed PRNG so every run draws the same set from the same database.
  let seed = 7;
  const rnd = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const byClass: Record<string, string[]> = { common: [], medium: [], rare: [] };
  for (const l of [...df.keys()].sort()) byClass[classOf(l)].push(l);
  const out: BenchQuery[] = [];
  for (const kind of ['common', 'medium', 'rare']) {
    const words = byClass[kind];
    if (words.length === 0) continue;
    for (let i = 0; i < perClass; i++)
      out.push({ q: words[Math.floor(rnd() * words.length)], kind: `${kind}, 1 word` });
  }
  // Two words from one article: the first of the named class, the second any word-like lexeme.
  for (const kind of ['common', 'medium', 'rare']) {
    let made = 0;
    for (let tries = 0; made < perClass && tries < perClass * 50; tries++) {
      const row = sample[Math.floor(rnd() * n)];
      const words = row.lexemes.filter((l) => WORDLIKE.test(l));
      const first = words.filter((l) => classOf(l) === kind);
      if (first.length === 0 || words.length < 2) continue;
      const a = first[Math.floor(rnd() * first.length)];
      const b = words[Math.floor(rnd() * words.length)];
      if (a === b || a.includes(b) || b.includes(a)) continue;
      out.push({ q: `${a} ${b}`, kind: `${kind}, 2 words` });
      made++;
    }
  }
  return out;
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

async function timeHttp(origin: string, queries: BenchQuery[]): Promise<Map<string, number[]>> {
  const times = new Map<string, number[]>();
  for (const { q, kind } of queries) {
    const started = performance.now();
    const res = await fetch(`${origin}/api/v1/search?q=${encodeURIComponent(q)}`);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`search “${q}” answered ${res.status}`);
    const ms = performance.now() - started;
    for (const key of [kind, 'all']) times.set(key, [...(times.get(key) ?? []), ms]);
  }
  return times;
}

/** How many times `fn` completes in `seconds` with `concurrency` workers cycling over the queries. */
async function throughput(
  queries: BenchQuery[],
  concurrency: number,
  seconds: number,
  fn: (q: string) => Promise<unknown>,
): Promise<{ qps: number; done: number }> {
  const until = performance.now() + seconds * 1000;
  let next = 0;
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        await fn(queries[next++ % queries.length].q);
        done++;
      }
    }),
  );
  return { qps: done / ((performance.now() - started) / 1000), done };
}

export async function benchSearch(
  dbUrl: string,
  origin: string,
  opts: { duration: number; connections: number; perClass: number },
): Promise<void> {
  const database = await connectDatabase({ databaseUrl: dbUrl, poolSize: 8 });
  try {
    const { db } = database;
    const [{ n }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM article_search`);
    const queries = await drawQueries(db, opts.perClass);
    console.log(
      `Search index: ${n.toLocaleString('en-US')} articles; ${queries.length} queries drawn from it.`,
    );

    await timeHttp(origin, queries); // warm-up pass: plans, buffers, JIT
    const times = await timeHttp(origin, queries);
    console.log('\n| queries | n | p50 ms | p95 ms | p99 ms | max ms |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const [kind, xs] of [...times].sort(([a], [b]) =>
      a === 'all' ? 1 : b === 'all' ? -1 : a.localeCompare(b),
    )) {
      console.log(
        `| ${kind} | ${xs.length} | ${percentile(xs, 50).toFixed(1)} | ${percentile(xs, 95).toFixed(1)} | ${percentile(xs, 99).toFixed(1)} | ${Math.max(...xs).toFixed(1)} |`,
      );
    }

    let i = 0;
    const http = await autocannon({
      url: origin,
      connections: opts.connections,
      duration: opts.duration,
      requests: [
        {
          setupRequest: (req) => ({
            ...req,
            path: `/api/v1/search?q=${encodeURIComponent(queries[i++ % queries.length].q)}`,
          }),
        },
      ],
    });
    console.log(
      `\nGET /api/v1/search under load (${opts.connections} connections, ${opts.duration} s): ${Math.round(http.requests.average)} req/s, p99 ${http.latency.p99} ms, errors ${http.errors + http.non2xx}`,
    );

    const now = new Date();
    const workers = 4;
    const ranked = await throughput(queries, workers, opts.duration, (q) =>
      search(db, { q, limit: 20, now }),
    );
    const ilike = await throughput(queries, workers, opts.duration, (q) => {
      const patterns = q.split(' ').map((w) => `%${w}%`);
      const match = sql.join(
        patterns.map((p) => sql`(title ILIKE ${p} OR summary ILIKE ${p} OR body ILIKE ${p})`),
        sql` AND `,
      );
      return queryRows(
        db,
        sql`SELECT id, title FROM articles WHERE status = 'published' AND ${match}
            ORDER BY published_at DESC NULLS LAST, id DESC NULLS LAST LIMIT 20`,
      );
    });
    console.log(
      `\nSame queries through the pool, ${workers} at a time, ${opts.duration} s each:` +
        `\n- ranked search: ${ranked.qps.toFixed(1)} queries/s (${ranked.done} done)` +
        `\n- ILIKE scan:    ${ilike.qps.toFixed(2)} queries/s (${ilike.done} done)` +
        `\n- ratio: ${(ranked.qps / ilike.qps).toFixed(0)}× (target ≥ 20×)`,
    );
  } finally {
    await database.close();
  }
}
