/**
 * The sign-in process: password sign-ins away from the server's event loop. The server forks it
 * (sign-in-runner.ts) when it runs on a PostgreSQL server and puts it in the idle scheduling
 * class; it connects to the same database with the server's configuration and keys, and answers
 * each { id, phone, password, ip, device } with what `loginWithPassword` returned or the
 * AppError it threw. A sign-in costs the server's event loop a few tenths of a millisecond this
 * way (parsing, one message each way, the reply), against about 3 ms when the statements, their
 * replies and the answer are built there (docs/performance.md).
 */
import type { Config } from '../../config.ts';
import type { AppContext } from '../../context.ts';
import { connectDatabase } from '../../db/client.ts';
import { CacheBus } from '../../platform/cache.ts';
import { systemClock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { loadKeyringFromConfig } from '../../platform/field-crypto.ts';
import { createLogger } from '../../platform/logging.ts';
import { hashInThisProcess } from '../../platform/passwords.ts';
import { smsProviderFromConfig } from '../sms/provider.ts';
import { loginWithPassword } from './service.ts';
import type { SignInReply, SignInRequest } from './sign-in-runner.ts';

const config = JSON.parse(process.env.CCM_SIGN_IN_CONFIG ?? '{}') as Config;
// This process is the low-priority one: no further hasher process beneath it.
hashInThisProcess();

const log = createLogger(config.LOG_LEVEL);
const database = await connectDatabase({ databaseUrl: config.DATABASE_URL, poolSize: 4 });
const ctx: AppContext = {
  config,
  database,
  db: database.db,
  clock: systemClock,
  caches: await CacheBus.create(),
  keyring: loadKeyringFromConfig(config).keyring,
  sms: await smsProviderFromConfig(config),
  log,
};

// The server may be gone by the time a sign-in finishes: then the answer is dropped.
const answer = (reply: SignInReply) => {
  if (process.connected) process.send?.(reply, () => {});
};

process.on('message', async (msg: SignInRequest) => {
  try {
    const value = await loginWithPassword(
      ctx,
      { phone: msg.phone, password: msg.password },
      msg.ip,
      msg.device,
    );
    answer({ id: msg.id, ok: true, value });
  } catch (err) {
    if (err instanceof AppError) {
      answer({ id: msg.id, ok: false, error: { code: err.code, detail: err.detail, extra: err.extra } });
    } else {
      log.error({ event: 'sign_in_process.failed', err }, 'a sign-in failed in the sign-in process');
      answer({ id: msg.id, ok: false });
    }
  }
});
process.on('disconnect', () => {
  database.close().finally(() => process.exit(0));
});
answer({ ready: true });
