import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { columns } from '../modules/content/tables.ts';
import { createTestDatabase } from '../testing/harness.ts';
import {
  batchDbFor,
  connectDatabase,
  DatabaseUnavailableError,
  type Db,
  migrationsApplied,
  queryRows,
  runMigrations,
} from './client.ts';

describe('database', () => {
  it('keeps the embedded database across a restart', async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'ccm-db-')), 'pgdata');
    const first = await connectDatabase({ pgliteDir: dir });
    expect(await migrationsApplied(first.db)).toBe(false);
    await runMigrations(first);
    expect(await migrationsApplied(first.db)).toBe(true);
    await first.db.insert(columns).values({ id: 'restart-check', nameZh: '重启', nameEn: 'Restart' });
    await first.close();

    const second = await connectDatabase({ pgliteDir: dir });
    await runMigrations(second); // applying again is a no-op
    const rows = await second.db.select().from(columns).where(eq(columns.id, 'restart-check'));
    expect(rows).toHaveLength(1);
    await second.close();
  });

  it('names the server and the reason when PostgreSQL cannot be reached', async () => {
    const attempt = connectDatabase({ databaseUrl: 'postgres://postgres:secret@127.0.0.1:1/ccm' });
    await expect(attempt).rejects.toBeInstanceOf(DatabaseUnavailableError);
    await expect(attempt).rejects.toThrow(
      'Cannot reach the PostgreSQL server at 127.0.0.1:1/ccm (ECONNREFUSED)',
    );
    await expect(attempt).rejects.not.toThrow(/secret/);
  });

  it('plans batch statements once on a PostgreSQL server, and keeps the default for the others', async () => {
    const { database, dispose } = await createTestDatabase();
    try {
      const mode = async (db: Db) =>
        (await queryRows<{ plan_cache_mode: string }>(db, sql`SHOW plan_cache_mode`))[0].plan_cache_mode;
      if (database.engine === 'postgres') {
        expect(batchDbFor(database.db)).not.toBe(database.db);
        expect(await mode(batchDbFor(database.db))).toBe('force_generic_plan');
        expect(await mode(database.db)).toBe('auto');
      } else {
        // One embedded connection: batch statements share it, under the default.
        expect(batchDbFor(database.db)).toBe(database.db);
        expect(await mode(database.db)).toBe('auto');
      }
    } finally {
      await dispose();
    }
  });
});
