/**
 * Test harness: a real database for every test file — an in-memory PGlite by default, or a fresh
 * database on the PostgreSQL server named by DATABASE_URL (dropped afterwards) — with the real
 * migrations applied, and an app built on it for `inject`.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type BuildAppOptions, buildApp } from '../app.ts';
import { type Config, loadConfig } from '../config.ts';
import { connectDatabase, type Database, runMigrations } from '../db/client.ts';
import { CacheBus } from '../platform/cache.ts';
import { createServerDatabase } from './server-database.ts';

export interface TestDatabase {
  database: Database;
  /** Close the connection and drop the server database, if one was created. */
  dispose(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const database = await connectDatabase({ pgliteDir: 'memory' });
    await runMigrations(database);
    return { database, dispose: () => database.close().catch(() => {}) };
  }
  const server = await createServerDatabase(serverUrl, 'ccm_test');
  const database = await connectDatabase({ databaseUrl: server.url, poolSize: 5 });
  await runMigrations(database);
  return {
    database,
    async dispose() {
      await database.close().catch(() => {}); // a test may have closed it already
      await server.drop();
    },
  };
}

/** A configuration for tests: quiet logs, a temporary data directory, the machine's services. */
export function testConfig(env: Record<string, string> = {}): Config {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ccm-test-'));
  return loadConfig({
    LOG_LEVEL: 'silent',
    CCM_DATA_DIR: dataDir,
    DATABASE_URL: process.env.DATABASE_URL,
    REDIS_URL: process.env.REDIS_URL,
    ...env,
  });
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  close(): Promise<void>;
}

/** An app on a fresh test database. Call close() in afterAll. */
export async function createTestApp(
  options: Partial<Omit<BuildAppOptions, 'database' | 'config'>> & { env?: Record<string, string> } = {},
): Promise<TestApp> {
  const { database, dispose } = await createTestDatabase();
  const config = testConfig(options.env);
  const caches = options.caches ?? (await CacheBus.create(config.REDIS_URL));
  const app = await buildApp({ ...options, config, database, caches });
  await app.ready();
  return {
    app,
    database,
    config,
    async close() {
      await app.close();
      await caches.close();
      await dispose();
    },
  };
}
