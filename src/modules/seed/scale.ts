/**
 * `npm run seed -- --articles N --users M`: adds N generated published articles (with tag,
 * brand and model-series links) and M members, for load tests and for seeing the app with a realistic archive.
 * COPY on a PostgreSQL server, batched INSERTs on PGlite; a progress bar on stderr either way.
 * Indexes stay in place: dropping and rebuilding them would be faster for a one-off load but would
 * leave a live database without its feed indexes for the duration.
 */
import { inArray, sql } from 'drizzle-orm';
import { type Database, queryRows } from '../../db/client.ts';
import { brands, columns, modelSeries, tags } from '../content/tables.ts';
import { staffUsers } from '../staff/tables.ts';
import { BRANDS } from './brands.ts';
import { reserveArticleIds } from './ids.ts';
import { loadArticlesPg, loadUsersPg } from './load-pg.ts';
import { loadArticlesPglite, loadUsersPglite } from './load-pglite.ts';
import { MACHINE_CLASSES } from './machines.ts';
import { mulberry32 } from './prng.ts';
import { createProgress } from './progress.ts';
import { scaleUsers } from './scale-rows.ts';
import { COLUMN_IDS } from './taxonomy.ts';

export interface ScaleOptions {
  articles: number;
  users: number;
  log?: (line: string) => void;
}

const SCALE_SEED = 0x5ca1e;

/** The generators only use demo taxonomy ids; fail early and clearly if any is missing. */
async function checkTaxonomy(database: Database): Promise<void> {
  const { db } = database;
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(columns);
  if (n === 0)
    throw new Error('The database has no columns yet: seed the demo content first (seedDemoIfEmpty).');
  const need = {
    columns: [...COLUMN_IDS] as string[],
    tags: MACHINE_CLASSES.flatMap((c) => [c.id, ...c.subdivisions.map((d) => d.id)]),
    brands: BRANDS.map((b) => b.id),
  };
  const have = {
    columns: await db.select({ id: columns.id }).from(columns).where(inArray(columns.id, need.columns)),
    tags: await db.select({ id: tags.id }).from(tags).where(inArray(tags.id, need.tags)),
    brands: await db.select({ id: brands.id }).from(brands).where(inArray(brands.id, need.brands)),
  };
  for (const key of ['columns', 'tags', 'brands'] as const) {
    const found = new Set(have[key].map((r) => r.id));
    const missing = need[key].filter((id) => !found.has(id));
    if (missing.length > 0)
      throw new Error(`The scale generator needs the demo ${key}; missing: ${missing.join(', ')}`);
  }
}

export async function seedScale(database: Database, opts: ScaleOptions): Promise<void> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  for (const [name, n] of [
    ['articles', opts.articles],
    ['users', opts.users],
  ] as const) {
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`seedScale: ${name} must be a whole number ≥ 0`);
  }
  await checkTaxonomy(database);
  const { db } = database;
  const now = new Date();
  const started = performance.now();

  if (opts.articles > 0) {
    const authors = await db
      .select({ id: staffUsers.id })
      .from(staffUsers)
      .where(inArray(staffUsers.role, ['editor', 'contributor']));
    const series = await db.select({ id: modelSeries.id }).from(modelSeries);
    const firstId = await reserveArticleIds(db, opts.articles);
    // Seeded from the reserved block: a rerun on the same database state produces the same rows.
    const plan = {
      rng: mulberry32(SCALE_SEED ^ firstId),
      firstId,
      count: opts.articles,
      now,
      authorIds: authors.map((a) => a.id),
      knownSeries: new Set(series.map((s) => s.id)),
    };
    log(
      `Adding ${opts.articles.toLocaleString('en-US')} articles (ids ${firstId}–${firstId + opts.articles - 1})…`,
    );
    const progress = createProgress('articles', opts.articles);
    if (database.engine === 'postgres') await loadArticlesPg(database.pool!, plan, progress);
    else await loadArticlesPglite(db, plan, progress);
    progress.done();
  }

  if (opts.users > 0) {
    log(`Adding ${opts.users.toLocaleString('en-US')} members…`);
    const progress = createProgress('users   ', opts.users);
    // Nicknames are unique: each gets a number above every existing member id.
    const [{ top }] = await queryRows<{ top: number }>(
      db,
      sql`SELECT coalesce(max(id), 0)::int AS top FROM users`,
    );
    const rows = scaleUsers(mulberry32(SCALE_SEED + opts.users), now, opts.users, top + 1);
    if (database.engine === 'postgres') await loadUsersPg(database.pool!, rows, progress);
    else await loadUsersPglite(db, rows, progress);
    progress.done();
  }

  if (database.engine === 'postgres') {
    // Fresh statistics so the planner sees the new table sizes at once, not after autovacuum.
    await db.execute(
      sql`ANALYZE articles, article_tags, article_brands, article_series, article_search, users`,
    );
  }
  const seconds = (performance.now() - started) / 1000;
  const rows = opts.articles + opts.users;
  log(
    `Scale seeding done: ${rows.toLocaleString('en-US')} rows in ${seconds.toFixed(1)} s (${Math.round(rows / seconds).toLocaleString('en-US')} rows/s).`,
  );
}
