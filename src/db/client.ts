/**
 * The database: embedded PGlite under the data directory, or a PostgreSQL server when DATABASE_URL
 * is set. Both speak PostgreSQL and share one Drizzle schema and one set of migrations.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema.ts';

// bigint columns declared with mode 'number' are handled by Drizzle; count(*) and friends come back
// as int8 text from `pg`: parse them as numbers (our counts stay far below 2^53).
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/**
 * A statement built once per database and prepared there: hot paths skip Drizzle's query building
 * (a sizeable share of a small request's CPU) and, on a PostgreSQL server, the parse and plan.
 */
export function preparedPerDatabase<T>(build: (db: Db) => T): (db: Db) => T {
  const prepared = new WeakMap<Db, T>();
  return (db) => {
    let statement = prepared.get(db);
    if (!statement) {
      statement = build(db);
      prepared.set(db, statement);
    }
    return statement;
  };
}

/** Each server database's connections for batch statements (batchDb), by its main Drizzle instance. */
const batchDbs = new WeakMap<Db, Db>();

/**
 * Where a statement whose parameters are a batch's arrays (one element per request: the
 * personalised feed's session reads) runs: on a PostgreSQL server, a few connections of their own
 * that plan a prepared statement once (`plan_cache_mode = force_generic_plan`). On the app's
 * other connections PostgreSQL plans each of the first five executions for its parameters and
 * keeps doing so while that costs less than the generic plan; for an array of one or a few reads
 * it does, and planning then took four fifths of the statement's time (0.4 ms of 0.5 for a lone
 * read, docs/performance.md). Other statements keep the default, where a plan for the parameters
 * at hand can matter. On PGlite (one connection): the database itself.
 */
export const batchDbFor = (db: Db): Db => batchDbs.get(db) ?? db;

export interface Database {
  db: Db;
  engine: 'pglite' | 'postgres';
  /** The pg pool when on a PostgreSQL server (bulk loading uses it for COPY). */
  pool?: pg.Pool;
  /** The embedded instance when on PGlite. */
  pglite?: PGlite;
  close(): Promise<void>;
}

export class DatabaseUnavailableError extends Error {
  constructor(target: string, cause: unknown) {
    const reason =
      cause instanceof Error ? ((cause as NodeJS.ErrnoException).code ?? cause.message) : String(cause);
    super(
      `Cannot reach the PostgreSQL server at ${target} (${reason}). Check DATABASE_URL and that the server is running.`,
    );
    this.name = 'DatabaseUnavailableError';
  }
}

export interface ConnectOptions {
  /** A PostgreSQL server URL; without it the embedded database is used. */
  databaseUrl?: string;
  /** Directory for the embedded database files, or 'memory' for a throw-away one (tests). */
  pgliteDir?: string | 'memory';
  poolSize?: number;
}

/** Host, port and database of a URL, without credentials, for messages and logs. */
export function describeUrl(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}${u.pathname}`;
}

/**
 * Connections for batch statements (batchDbFor), opened as needed: a batch carries the reads of
 * every request of one turn of the event loop, so a few statements in flight serve a busy server.
 */
const BATCH_CONNECTIONS = 3;

export async function connectDatabase(options: ConnectOptions): Promise<Database> {
  if (options.databaseUrl) {
    const poolOf = (config: pg.PoolConfig) => {
      const made = new pg.Pool({
        connectionString: options.databaseUrl,
        connectionTimeoutMillis: 5000,
        ...config,
      });
      // Without a listener an idle client's error would crash the process; the pool replaces it.
      made.on('error', () => {});
      return made;
    };
    const pool = poolOf({ max: options.poolSize ?? 10, application_name: 'ccm' });
    try {
      const client = await pool.connect();
      client.release();
    } catch (err) {
      await pool.end().catch(() => {});
      throw new DatabaseUnavailableError(describeUrl(options.databaseUrl), err);
    }
    const batchPool = poolOf({
      max: BATCH_CONNECTIONS,
      application_name: 'ccm-batch',
      options: '-c plan_cache_mode=force_generic_plan',
    });
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    batchDbs.set(db, drizzlePg(batchPool, { schema }) as unknown as Db);
    return {
      db,
      engine: 'postgres',
      pool,
      close: async () => {
        await Promise.all([pool.end(), batchPool.end()]);
      },
    };
  }
  let dir: string | undefined;
  if (options.pgliteDir && options.pgliteDir !== 'memory') {
    mkdirSync(options.pgliteDir, { recursive: true });
    dir = options.pgliteDir;
  }
  const pglite = await PGlite.create(dir);
  return {
    db: drizzlePglite(pglite, { schema }) as unknown as Db,
    engine: 'pglite',
    pglite,
    close: () => pglite.close(),
  };
}

/** Applies committed migrations. On a server, an advisory lock keeps concurrent instances in line. */
export async function runMigrations(database: Database): Promise<void> {
  if (database.engine === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS_DIR });
    return;
  }
  const client = await database.pool!.connect();
  try {
    await client.query('SELECT pg_advisory_lock(4242001)');
    await migratePg(drizzlePg(client), { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await client.query('SELECT pg_advisory_unlock(4242001)').catch(() => {});
    client.release();
  }
}

/** Number of migrations committed with the code. */
export function expectedMigrationCount(): number {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8'));
  return journal.entries.length;
}

/** Rows of the query, on either engine. */
export async function queryRows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * A PostgreSQL array of `type`, one bound parameter per element: values are never spliced into
 * the statement's text, whatever they hold.
 */
export const sqlArray = (values: readonly (string | number)[], type: 'text' | 'bigint' | 'int') =>
  sql`ARRAY[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::${sql.raw(type)}[]`;

/** True when every committed migration has been applied to this database. */
export async function migrationsApplied(db: Db): Promise<boolean> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`,
  ).catch(() => [{ n: 0 }]);
  return rows[0].n >= expectedMigrationCount();
}

/** True when the error (or its cause, as Drizzle wraps it) is a unique-constraint violation. */
export function isUniqueViolation(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return true;
  }
  return false;
}
