/**
 * Starting and stopping the server: connect and migrate the database, seed demo content on an
 * empty one, build the web app if needed, listen, and shut down gracefully on SIGTERM/SIGINT.
 */

import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { connectDatabase, type Database, runMigrations } from './db/client.ts';
import { SignInRunner } from './modules/accounts/sign-in-runner.ts';
import { startPublishJob } from './modules/editorial/job.ts';
import { openCancellation } from './modules/erasure/cancellation.ts';
import { runErasure, startErasureJob } from './modules/erasure/job.ts';
import { startRetentionJob } from './modules/erasure/retention.ts';
import { startExportJob } from './modules/exports/job.ts';
import { startAgeJob } from './modules/guardian/job.ts';
import { startServiceEndJob } from './modules/incidents/service-end.ts';
import { startRequestReminderJob } from './modules/requests/job.ts';
import { seedDemoIfEmpty } from './modules/seed/demo.ts';
import { ensureWebBuild, WEB_DIST } from './modules/web/build.ts';
import { loadKeyringFromConfig } from './platform/field-crypto.ts';
import { createLogger } from './platform/logging.ts';

/** The configured database, connected and migrated. */
export async function openDatabase(config: Config): Promise<Database> {
  const database = await connectDatabase({
    databaseUrl: config.DATABASE_URL,
    pgliteDir: path.join(config.dataDir, 'pgdata'),
    poolSize: config.CCM_DB_POOL_SIZE,
  });
  try {
    await runMigrations(database);
  } catch (err) {
    await database.close().catch(() => {});
    throw err;
  }
  return database;
}

export interface StartOptions {
  /** Print to the terminal (URL, demo accounts); the logger carries everything else. */
  say?: (line: string) => void;
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<FastifyInstance> {
  const say = options.say ?? ((line: string) => process.stdout.write(`${line}\n`));
  const logger = createLogger(config.LOG_LEVEL);
  if (config.CCM_SERVE_WEB) await ensureWebBuild(say);
  const database = await openDatabase(config);
  if (config.CCM_SEED_DEMO) {
    const seeded = await seedDemoIfEmpty(database, { log: say });
    if (seeded.created) {
      say('');
      say('Console accounts (passwords are shown only this once):');
      for (const s of seeded.staff) say(`  ${s.role.padEnd(12)} ${s.username.padEnd(14)} ${s.password}`);
      say('Lost one? `npm run staff -- reset-password <username>` prints a new one.');
      say('');
    }
  }
  const keys = loadKeyringFromConfig(config);
  if (keys.created) {
    say(`Generated the encryption keys for personal data in ${keys.file}. Back this file up:`);
    say('without it the encrypted fields (phone numbers, children’s profiles) cannot be read.');
  }
  const app = await buildApp({
    keyring: keys.keyring,
    config,
    database,
    logger,
    ownsResources: true,
    webDistDir: config.CCM_SERVE_WEB ? WEB_DIST : undefined,
    signInProcess: SignInRunner.wanted(config),
  });
  await app.listen({ port: config.PORT, host: config.HOST });
  // Birthdays move members between age groups (child, minor, adult): re-evaluated daily.
  startAgeJob(app);
  // Rights requests: reminders before the due date and overdue flags, daily.
  startRequestReminderJob(app);
  // Data exports: builds left pending by a crash, and removal of expired files.
  startExportJob(app);
  startErasureJob(app);
  // The announced end of the service: every member erased as by a cancellation, on the day.
  startServiceEndJob(app, async (userId) => {
    await runErasure(app.ctx, await openCancellation(app.ctx, userId));
  });
  startRetentionJob(app);
  // Scheduled articles whose time has come go live (every CCM_PUBLISH_INTERVAL_MS).
  startPublishJob(app);
  const shown = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  say(`CCM is running at http://${shown}:${config.PORT}  (console: http://${shown}:${config.PORT}/console)`);
  say(
    `Database: ${database.engine === 'pglite' ? `embedded, in ${path.join(config.dataDir, 'pgdata')}` : 'PostgreSQL server'}`,
  );

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      app.log.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (err) => {
        app.log.error({ err }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  return app;
}
