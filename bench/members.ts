/**
 * The members of the recommendation benchmark (`npm run bench -- --only recs`): made once per
 * database, in chunks, each chunk one transaction, so an interrupted run leaves whole members and
 * the next run carries on where it stopped. Each member `bench-rec-<i>` has:
 *
 * - 1–3 registration tags (machine classes or subdivisions, in user_tags, as registration stores them);
 * - the `account` and `personalization` consents granted at registration, appended to the consent
 *   ledger the way ledger.ts appends (see below), so `npm run verify-consents` accepts them;
 * - 0–5 follows, 0–50 reads of recent articles (browsing history), now and then a "not interested";
 * - up to 15 interest weights over tags, brands, columns and authors (5–15 unless the member has
 *   read almost nothing), computed from the rows above, each with its provenance;
 * - a session whose bearer token is `bench-rec-token-<i>` (stored as its SHA-256, as sessions.ts does).
 *
 * The ledger: every member has a chain of their own (prev hash, then sha256 over the previous hash
 * and the record's canonical content, ledger.ts chainHash/canonicalRecord), closed by a head row in
 * consent_subject_heads, and the global head counts every record appended. A chunk holds the global
 * head FOR UPDATE like any append, inserts the records of new members (a new member's chain starts
 * at the genesis hash, so the hashes are computed here in order, before the insert), writes their
 * heads and moves the global head by the number appended. Nothing is updated or deleted, so the
 * append-only triggers stay as they are.
 */
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { connectDatabase, queryRows } from '../src/db/client.ts';
import { canonicalRecord, chainHash, GENESIS_HASH } from '../src/modules/consent/ledger.ts';
import { currentPolicyRow } from '../src/modules/consent/service.ts';
import { INTEREST_PARAMS } from '../src/modules/recommendations/interests.ts';
import type { InterestContribution, InterestKind } from '../src/modules/recommendations/tables.ts';
import { BRANDS } from '../src/modules/seed/brands.ts';
import { copyInto, copyLine } from '../src/modules/seed/copy.ts';
import { MACHINE_CLASSES } from '../src/modules/seed/machines.ts';
import { chance, int, mulberry32, pick, type Rng } from '../src/modules/seed/prng.ts';
import { hashToken } from '../src/platform/auth.ts';
import { systemClock } from '../src/platform/clock.ts';

export const BENCH_MEMBER_PREFIX = 'bench-rec-';
/** The bearer token of bench member `i` (0-based): known to the load generator, hashed in the table. */
export const benchMemberToken = (i: number) => `bench-rec-token-${i}`;

/** Members per transaction. */
const CHUNK = 10_000;
const SEED = 0x7ec5;
const DAY = 86_400_000;
/** Reads are drawn from the newest articles, most of them from the very newest. */
const RECENT = 20_000;
const SESSION_DAYS = 30;
const REGIONS = ['北京', '上海', '江苏', '浙江', '广东', '山东', '湖南', '四川', '河南', '湖北'];
const DEVICES = [
  { platform: 'android', name: 'Android', ua: 'CCM/1.4 (Android 14)' },
  { platform: 'ios', name: 'iPhone', ua: 'CCM/1.4 (iOS 18)' },
  { platform: 'web', name: 'Chrome', ua: 'Mozilla/5.0 (Windows NT 10.0) Chrome/131' },
];

interface Facets {
  tags: string[];
  brands: string[];
  column: string;
  author: string | null;
}

interface Universe {
  tags: string[];
  brands: string[];
  columns: string[];
  authors: string[];
  /** The newest published articles, newest first, and what each is about. */
  recent: number[];
  facets: Map<number, Facets>;
  /** For each tag, the positions in `recent` of the articles that carry it. */
  byTag: Map<string, number[]>;
  policy: { version: string; hash: string; effectiveAt: Date };
  now: Date;
}

interface Weight {
  kind: InterestKind;
  id: string;
  weight: number;
  reinforcedAt: Date | null;
  sources: InterestContribution[];
}

interface Member {
  i: number;
  nickname: string;
  ipRegion: string;
  createdAt: Date;
  tags: string[];
  weights: Weight[];
  follows: { kind: InterestKind; id: string; at: Date }[];
  reads: { articleId: number; views: number; dwellMs: number; at: Date }[];
  notInterested: { articleId: number; at: Date }[];
  device: (typeof DEVICES)[number];
}

/** A position among the newest: squaring the draw puts most reads on the very newest. */
const skewed = (rng: Rng, n: number) => Math.floor(rng() ** 2 * n);

/**
 * Member `i`, the same on every run (its own seed). Behaviour first: reads lean to the member's
 * chosen tags (six in ten from articles carrying one of them). The weights are then computed from
 * that behaviour with the interest profile's own parameters (INTEREST_PARAMS: registration tags and
 * follows 1, a read 0.1 plus up to 0.4 for dwell, "not interested" −1.5 on tags and brands, halved
 * every 30 days, split over the article's facets), and the strongest 5–15 are kept: every
 * contribution in a weight's provenance is a row the member really has.
 */
function makeMember(i: number, u: Universe): Member {
  const rng = mulberry32(SEED ^ Math.imul(i + 1, 0x9e3779b1));
  const { now } = u;
  const joined = new Date(now.getTime() - rng() * 365 * DAY);
  const createdAt = joined < u.policy.effectiveAt ? u.policy.effectiveAt : joined;
  const ago = (maxDays: number) => new Date(now.getTime() - rng() * maxDays * DAY);

  const tags = distinct(rng, u.tags, int(rng, 1, 3));
  const ofTags = tags.flatMap((t) => (u.byTag.get(t)?.length ? [u.byTag.get(t)!] : []));
  const draw = () => {
    if (ofTags.length > 0 && chance(rng, 0.6)) {
      const list = pick(rng, ofTags);
      return u.recent[list[skewed(rng, list.length)]];
    }
    return u.recent[skewed(rng, u.recent.length)];
  };
  const reads: Member['reads'] = [];
  const seen = new Set<number>();
  const nReads = int(rng, 0, 50);
  for (let k = 0; k < nReads * 2 && reads.length < nReads; k++) {
    const articleId = draw();
    if (seen.has(articleId)) continue;
    seen.add(articleId);
    reads.push({
      articleId,
      views: chance(rng, 0.8) ? 1 : int(rng, 2, 4),
      dwellMs: int(rng, 2_000, 240_000),
      at: ago(14),
    });
  }
  const notInterested: Member['notInterested'] = [];
  if (chance(rng, 0.2)) {
    for (let k = int(rng, 1, 2); k > 0; k--) {
      const articleId = u.recent[skewed(rng, u.recent.length)];
      if (seen.has(articleId)) continue;
      seen.add(articleId);
      notInterested.push({ articleId, at: ago(30) });
    }
  }
  const follows: Member['follows'] = [];
  const followed = new Set<string>();
  const nFollows = int(rng, 0, 5);
  for (let k = 0; k < nFollows * 3 && follows.length < nFollows; k++) {
    const kind = pick(rng, ['brand', 'brand', 'tag', 'column', 'author'] as const);
    const pool =
      kind === 'brand' ? u.brands : kind === 'column' ? u.columns : kind === 'author' ? u.authors : u.tags;
    if (pool.length === 0) continue;
    const id = pick(rng, pool);
    if (followed.has(`${kind}:${id}`)) continue;
    followed.add(`${kind}:${id}`);
    follows.push({ kind, id, at: ago(90) });
  }

  // The profile, from the behaviour above.
  const p = INTEREST_PARAMS;
  const built = new Map<string, Weight>();
  const add = (kind: InterestKind, id: string, c: InterestContribution, at: Date | null) => {
    const key = `${kind}:${id}`;
    const w = built.get(key) ?? { kind, id, weight: 0, reinforcedAt: null, sources: [] };
    w.weight += c.delta;
    if (at && (!w.reinforcedAt || at > w.reinforcedAt)) w.reinforcedAt = at;
    w.sources.push({ ...c, delta: Math.round(c.delta * 1000) / 1000 });
    built.set(key, w);
  };
  const decay = (at: Date) => 0.5 ** ((now.getTime() - at.getTime()) / (p.halfLifeDays * DAY));
  const onFacets = (
    articleId: number,
    base: number,
    c: Omit<InterestContribution, 'delta'>,
    at: Date,
    kinds: InterestKind[],
  ) => {
    const f = u.facets.get(articleId);
    if (!f) return;
    const targets: [InterestKind, string][] = [
      ...f.tags.map((t) => ['tag', t] as [InterestKind, string]),
      ...f.brands.map((b) => ['brand', b] as [InterestKind, string]),
      ['column', f.column],
      ...(f.author === null ? [] : [['author', f.author] as [InterestKind, string]]),
    ];
    for (const [kind, id] of targets) {
      if (kinds.includes(kind)) add(kind, id, { ...c, delta: base * p.facetShare[kind] * decay(at) }, at);
    }
  };
  for (const t of tags) add('tag', t, { source: 'registration', at: null, delta: p.registrationTag }, null);
  for (const f of follows)
    add(f.kind, f.id, { source: 'follow', at: f.at.toISOString(), delta: p.follow }, f.at);
  for (const r of reads) {
    const base = p.viewBase + Math.min(r.dwellMs / p.viewDwellFullMs, 1) * p.viewDwellMax;
    onFacets(r.articleId, base, { source: 'view', at: r.at.toISOString(), articleId: r.articleId }, r.at, [
      'tag',
      'brand',
      'column',
      'author',
    ]);
  }
  for (const n of notInterested) {
    onFacets(
      n.articleId,
      p.notInterested,
      { source: 'not_interested', at: n.at.toISOString(), articleId: n.articleId },
      n.at,
      ['tag', 'brand'],
    );
  }
  const weights = [...built.values()]
    .filter((w) => Math.abs(w.weight) >= p.minWeight)
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, int(rng, 5, 15))
    .map((w) => ({
      ...w,
      weight: Math.round(w.weight * 1000) / 1000,
      sources: w.sources.sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta)).slice(0, p.provenanceCap),
    }));

  return {
    i,
    nickname: `${BENCH_MEMBER_PREFIX}${i}`,
    ipRegion: pick(rng, REGIONS),
    createdAt,
    tags,
    weights,
    follows,
    reads,
    notInterested,
    device: pick(rng, DEVICES),
  };
}

function distinct<T>(rng: Rng, items: readonly T[], n: number): T[] {
  const out = new Set<T>();
  while (out.size < Math.min(n, items.length)) out.add(pick(rng, items));
  return [...out];
}

async function universe(dbUrl: string): Promise<Universe> {
  const database = await connectDatabase({ databaseUrl: dbUrl });
  try {
    const { db } = database;
    const wantedTags = new Set(MACHINE_CLASSES.flatMap((c) => [c.id, ...c.subdivisions.map((d) => d.id)]));
    const ids = async (query: ReturnType<typeof sql>) =>
      (await queryRows<{ id: string | number }>(db, query)).map((r) => String(r.id));
    const tags = (await ids(sql`SELECT id FROM tags ORDER BY id`)).filter((t) => wantedTags.has(t));
    const known = new Set(BRANDS.map((b) => b.id));
    const brands = (await ids(sql`SELECT id FROM brands ORDER BY id`)).filter((b) => known.has(b));
    const columns = await ids(sql`SELECT id FROM columns ORDER BY position, id`);
    const authors = await ids(
      sql`SELECT id FROM staff_users WHERE role IN ('editor', 'contributor') ORDER BY id`,
    );
    const rows = await queryRows<{
      id: number;
      column_id: string;
      author_id: number | null;
      tags: string[];
      brands: string[];
    }>(
      db,
      sql`SELECT a.id, a.column_id, a.author_id,
                 ARRAY(SELECT tag_id FROM article_tags t WHERE t.article_id = a.id) AS tags,
                 ARRAY(SELECT brand_id FROM article_brands b WHERE b.article_id = a.id) AS brands
            FROM (SELECT id, column_id, author_id FROM articles WHERE status = 'published'
                  ORDER BY published_at DESC LIMIT ${RECENT}) a`,
    );
    if (tags.length === 0 || rows.length === 0)
      throw new Error('ensureBenchMembers: seed the taxonomy and the articles first');
    const recent = rows.map((r) => Number(r.id));
    const facets = new Map<number, Facets>();
    const byTag = new Map<string, number[]>();
    rows.forEach((r, k) => {
      facets.set(Number(r.id), {
        tags: r.tags,
        brands: r.brands,
        column: r.column_id,
        author: r.author_id === null ? null : String(r.author_id),
      });
      for (const t of r.tags) {
        const list = byTag.get(t) ?? [];
        list.push(k);
        byTag.set(t, list);
      }
    });
    const policy = await currentPolicyRow({ db, clock: systemClock });
    return {
      tags,
      brands,
      columns,
      authors,
      recent,
      facets,
      byTag,
      policy: { version: policy.version, hash: policy.contentHash, effectiveAt: policy.effectiveAt },
      now: new Date(),
    };
  } finally {
    await database.close();
  }
}

async function inTransaction(client: pg.PoolClient, fn: () => Promise<void>) {
  await client.query('BEGIN');
  try {
    await fn();
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
}

const CONSENTED = ['account', 'personalization'] as const;

/** One chunk of members, with everything they hold, in the transaction open on `client`. */
async function loadChunk(client: pg.PoolClient, members: Member[], u: Universe) {
  const made = await client.query<{ id: string; nickname: string }>(
    `INSERT INTO users (nickname, ip_region, created_at, updated_at, last_login_at)
     SELECT n, r, t, t, t FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS m(n, r, t)
     RETURNING id, nickname`,
    [members.map((m) => m.nickname), members.map((m) => m.ipRegion), members.map((m) => m.createdAt)],
  );
  const idOf = new Map(made.rows.map((r) => [r.nickname, Number(r.id)]));
  const uid = (m: Member) => idOf.get(m.nickname)!;

  await copyInto(
    client,
    'user_tags',
    ['user_id', 'tag_id'],
    members.flatMap((m) => m.tags.map((t) => copyLine([uid(m), t]))),
  );

  // The ledger: the global head first (as every append locks it), then each new member's chain.
  await client.query(
    `INSERT INTO consent_chain_head (id, last_id, last_hash, length) VALUES (1, NULL, $1, 0) ON CONFLICT DO NOTHING`,
    [GENESIS_HASH],
  );
  const head = await client.query<{ length: string }>(
    'SELECT length FROM consent_chain_head WHERE id = 1 FOR UPDATE',
  );
  const records = members.flatMap((m) => {
    let prev = GENESIS_HASH;
    return CONSENTED.map((purpose) => {
      const entry = {
        userId: uid(m),
        purpose,
        granted: true,
        policyVersion: u.policy.version,
        policyHash: u.policy.hash,
        at: m.createdAt,
        channel: 'registration' as const,
        ipRegion: m.ipRegion,
      };
      const hash = chainHash(prev, canonicalRecord(entry));
      const row = { ...entry, prevHash: prev, hash };
      prev = hash;
      return row;
    });
  });
  // Ids are given in the order of `ord`, so each member's records keep their chain's order.
  const inserted = await client.query<{ id: string; user_id: string; hash: string }>(
    `INSERT INTO consent_records (user_id, purpose, granted, policy_version, policy_hash, at, channel, ip_region, prev_hash, hash)
     SELECT u, p, true, $3, $4, a, 'registration', r, ph, h
       FROM unnest($1::bigint[], $2::text[], $5::timestamptz[], $6::text[], $7::text[], $8::text[])
            WITH ORDINALITY AS x(u, p, a, r, ph, h, ord)
      ORDER BY ord
     RETURNING id, user_id, hash`,
    [
      records.map((r) => r.userId),
      records.map((r) => r.purpose),
      u.policy.version,
      u.policy.hash,
      records.map((r) => r.at),
      records.map((r) => r.ipRegion),
      records.map((r) => r.prevHash),
      records.map((r) => r.hash),
    ],
  );
  const idOfHash = new Map(inserted.rows.map((r) => [r.hash, Number(r.id)]));
  const heads = new Map<number, { lastId: number; lastHash: string; length: number }>();
  for (const r of records) {
    const id = idOfHash.get(r.hash)!;
    const before = heads.get(r.userId);
    if (before && before.lastId > id) throw new Error('ensureBenchMembers: consent ids out of chain order');
    heads.set(r.userId, { lastId: id, lastHash: r.hash, length: (before?.length ?? 0) + 1 });
  }
  await copyInto(
    client,
    'consent_subject_heads',
    ['user_id', 'last_id', 'last_hash', 'length'],
    [...heads].map(([userId, h]) => copyLine([userId, h.lastId, h.lastHash, h.length])),
  );
  const last = inserted.rows.reduce((a, b) => (Number(b.id) > Number(a.id) ? b : a));
  await client.query('UPDATE consent_chain_head SET last_id = $1, last_hash = $2, length = $3 WHERE id = 1', [
    Number(last.id),
    last.hash,
    Number(head.rows[0].length) + records.length,
  ]);

  await copyInto(
    client,
    'interest_weights',
    ['user_id', 'kind', 'target_id', 'weight', 'reinforced_at', 'sources', 'updated_at'],
    members.flatMap((m) =>
      m.weights.map((w) =>
        copyLine([uid(m), w.kind, w.id, w.weight, w.reinforcedAt, JSON.stringify(w.sources), u.now]),
      ),
    ),
  );
  await copyInto(
    client,
    'follows',
    ['user_id', 'kind', 'target_id', 'created_at'],
    members.flatMap((m) => m.follows.map((f) => copyLine([uid(m), f.kind, f.id, f.at]))),
  );
  await copyInto(
    client,
    'browsing_history',
    ['user_id', 'article_id', 'views', 'dwell_ms', 'created_at', 'last_viewed_at'],
    members.flatMap((m) =>
      m.reads.map((r) => copyLine([uid(m), r.articleId, r.views, r.dwellMs, r.at, r.at])),
    ),
  );
  await copyInto(
    client,
    'not_interested',
    ['user_id', 'article_id', 'created_at'],
    members.flatMap((m) => m.notInterested.map((n) => copyLine([uid(m), n.articleId, n.at]))),
  );
  const expires = new Date(u.now.getTime() + SESSION_DAYS * DAY);
  await copyInto(
    client,
    'member_sessions',
    [
      'token_hash',
      'id',
      'user_id',
      'device_name',
      'user_agent',
      'platform',
      'app_version',
      'ip_region',
      'created_at',
      'last_seen_at',
      'expires_at',
    ],
    members.map((m) =>
      copyLine([
        hashToken(benchMemberToken(m.i)),
        `bench-rec-session-${m.i}`,
        uid(m),
        m.device.name,
        m.device.ua,
        m.device.platform,
        '1.4.0',
        m.ipRegion,
        u.now,
        u.now,
        expires,
      ]),
    ),
  );
}

export interface BenchMembers {
  /** Bench members in the database (indices 0 … members − 1, each with a session). */
  members: number;
  /** Made by this call. */
  made: number;
  seconds: number;
}

/**
 * Makes sure the database at `dbUrl` has `count` bench members (see the top of the file), making
 * the missing ones; a database that has them already is left as it is, apart from sessions that
 * would expire within a day, which are extended.
 */
export async function ensureBenchMembers(
  dbUrl: string,
  count = 100_000,
  log: (line: string) => void = (l) => console.log(l),
): Promise<BenchMembers> {
  const started = performance.now();
  const database = await connectDatabase({ databaseUrl: dbUrl });
  if (!database.pool) throw new Error('ensureBenchMembers needs a PostgreSQL server');
  let have = 0;
  try {
    const [row] = await queryRows<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM users WHERE nickname LIKE ${`${BENCH_MEMBER_PREFIX}%`}`,
    );
    have = Number(row.n);
    if (have < count) {
      const u = await universe(dbUrl);
      log(`Making ${count - have} bench members (${have} exist; once per database)…`);
      const client = await database.pool.connect();
      try {
        for (let from = have; from < count; from += CHUNK) {
          const to = Math.min(count, from + CHUNK);
          const members = Array.from({ length: to - from }, (_, k) => makeMember(from + k, u));
          await inTransaction(client, () => loadChunk(client, members, u));
          const s = (performance.now() - started) / 1000;
          log(`members ${to.toLocaleString('en')}/${count.toLocaleString('en')}  ${s.toFixed(0)} s`);
        }
        await client.query(
          'ANALYZE users, user_tags, consent_records, consent_subject_heads, interest_weights, follows, browsing_history, not_interested, member_sessions',
        );
      } finally {
        client.release();
      }
    }
    // A database made more than a month ago: its bench sessions would have expired.
    await queryRows(
      database.db,
      sql`UPDATE member_sessions SET expires_at = now() + make_interval(days => ${SESSION_DAYS})
          WHERE id LIKE 'bench-rec-session-%' AND expires_at < now() + interval '1 day'`,
    );
  } finally {
    await database.close();
  }
  return {
    members: Math.max(have, count),
    made: Math.max(0, count - have),
    seconds: (performance.now() - started) / 1000,
  };
}
