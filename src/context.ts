/** What every module receives: settings, the database, the clock and the shared caches. */
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.ts';
import type { Database, Db } from './db/client.ts';
import type { SmsProvider } from './modules/sms/provider.ts';
import type { CacheBus } from './platform/cache.ts';
import type { Clock } from './platform/clock.ts';
import type { Keyring } from './platform/field-crypto.ts';

export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  clock: Clock;
  caches: CacheBus;
  /** Encryption and blind indexes of personal fields at rest. */
  keyring: Keyring;
  sms: SmsProvider;
  /** The application logger (personal data is redacted by it). */
  log: FastifyBaseLogger;
  /** Password sign-ins in a low-priority process of their own, when the server runs one. */
  signIns?: import('./modules/accounts/sign-in-runner.ts').SignInRunner;
}

export interface StaffPrincipal {
  id: number;
  username: string;
  displayName: string;
  role: import('./modules/staff/tables.ts').StaffRole;
  sessionHash: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    staff?: StaffPrincipal;
  }
}
