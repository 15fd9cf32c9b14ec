/**
 * CCM's command line: `start` (the server), `migrate`, `seed`, `inventory`, `staff`, `keys`, `age`,
 * `verify-consents`, `search reindex`, `recs precompute`.
 * npm scripts call these; every command validates the configuration first.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.ts';
import { type Database, DatabaseUnavailableError } from './db/client.ts';
import { allTables } from './db/schema.ts';
import { verifyConsentChain } from './modules/consent/ledger.ts';
import { AgeCommandError, ageCommand } from './modules/guardian/cli.ts';
import { KeysCommandError, keysCommand } from './modules/keys/cli.ts';
import { precomputeFeeds } from './modules/recommendations/feed.ts';
import { reindexAll } from './modules/search/reindex.ts';
import { seedDemoIfEmpty } from './modules/seed/demo.ts';
import { seedScale } from './modules/seed/scale.ts';
import { setStaffPassword } from './modules/staff/service.ts';
import { CacheBus } from './platform/cache.ts';
import { systemClock } from './platform/clock.ts';
import { inventoryMarkdown } from './platform/inventory.ts';
import { generatePassword } from './platform/passwords.ts';
import { openDatabase, startServer } from './server.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(loadConfig());
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
      await startServer(loadConfig());
      return;
    case 'migrate':
      await withDatabase(async () => say('Migrations applied.'));
      return;
    case 'seed': {
      const { values } = parseArgs({
        args: rest,
        options: { articles: { type: 'string' }, users: { type: 'string' } },
        allowPositionals: false,
      });
      await withDatabase(async (database) => {
        const demo = await seedDemoIfEmpty(database, { log: say });
        if (demo.created) {
          say('Console accounts (passwords are shown only this once):');
          for (const s of demo.staff) say(`  ${s.role.padEnd(12)} ${s.username.padEnd(14)} ${s.password}`);
        } else say('Demo content is already there.');
        const articles = Number(values.articles ?? 0);
        const users = Number(values.users ?? 0);
        for (const [name, n] of [
          ['--articles', articles],
          ['--users', users],
        ] as const) {
          if (!Number.isSafeInteger(n) || n < 0)
            throw new UsageError(`${name} expects a whole number, got "${n}"`);
        }
        if (articles > 0 || users > 0) await seedScale(database, { articles, users });
      });
      return;
    }
    case 'search': {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { batch: { type: 'string', default: '500' } },
        allowPositionals: true,
      });
      const batch = Number(values.batch);
      if (positionals[0] !== 'reindex' || !Number.isSafeInteger(batch) || batch < 1)
        throw new UsageError('usage: npm run search -- reindex [--batch N]');
      await withDatabase((database) => reindexAll(database, { batch, log: say }));
      return;
    }
    case 'recs': {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { concurrency: { type: 'string', default: '8' } },
        allowPositionals: true,
      });
      const concurrency = Number(values.concurrency);
      if (positionals[0] !== 'precompute' || !Number.isSafeInteger(concurrency) || concurrency < 1)
        throw new UsageError('usage: npm run recs -- precompute [--concurrency N]');
      await withDatabase(async (database) => {
        const config = loadConfig();
        const caches = await CacheBus.create(config.REDIS_URL || undefined);
        try {
          const ctx = { db: database.db, clock: systemClock, caches, config };
          const done = await precomputeFeeds(ctx, { concurrency, log: say });
          say(`Ranked lists stored for ${done.ranked} consenting members (${done.members} looked at).`);
        } finally {
          await caches.close();
        }
      });
      return;
    }
    case 'inventory':
      say(inventoryMarkdown(allTables, loadConfig().CCM_STORAGE_REGION));
      return;
    case 'staff': {
      const [action, username] = rest;
      if (action !== 'reset-password' || !username)
        throw new UsageError('usage: npm run staff -- reset-password <username>');
      await withDatabase(async ({ db }) => {
        const password = generatePassword();
        if (!(await setStaffPassword(db, username, password)))
          throw new UsageError(`No console account is named "${username}".`);
        say(`New password for ${username} (shown only this once): ${password}`);
      });
      return;
    }
    case 'keys':
      try {
        await keysCommand(loadConfig(), rest, say);
      } catch (err) {
        throw err instanceof KeysCommandError ? new UsageError(err.message) : err;
      }
      return;
    case 'age':
      try {
        await ageCommand(loadConfig(), rest, say);
      } catch (err) {
        throw err instanceof AgeCommandError ? new UsageError(err.message) : err;
      }
      return;
    case 'verify-consents': {
      const verdict = await withDatabase(({ db }) => verifyConsentChain(db));
      if (verdict.ok) {
        say(
          `Consent ledger intact: ${verdict.length} records in ${verdict.chains} member chains verified; ${verdict.expiredChains} chains (${verdict.expiredRecords} records) expired by retention, tombstones verified.`,
        );
        return;
      }
      say(
        `Consent ledger BROKEN at record ${verdict.brokenId ?? '-'}${verdict.userId != null ? ` of member ${verdict.userId}` : ''} (${verdict.reason}): ${verdict.detail}`,
      );
      say(`${verdict.length} records verified before the break.`);
      process.exitCode = 2;
      return;
    }
    default:
      throw new UsageError(
        'usage: main.ts start | migrate | seed [--articles N] [--users N] | inventory | staff reset-password <username> | keys rotate | keys reencrypt [--batch N] | age reevaluate [--batch N] | verify-consents | search reindex [--batch N] | recs precompute [--concurrency N]',
      );
  }
}

class UsageError extends Error {}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DatabaseUnavailableError || err instanceof UsageError) {
    process.stderr.write(`${err.message}\n`);
  } else if (err instanceof Error && (err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    process.stderr.write(`The port is already in use: ${err.message}. Set PORT to another one.\n`);
  } else {
    process.stderr.write(`CCM could not start: ${err instanceof Error ? err.stack : String(err)}\n`);
  }
  process.exit(1);
});
