/**
 * `npm run keys -- rotate` and `npm run keys -- reencrypt [--batch 500]`: the operator's side of
 * key rotation for personal fields at rest (README: Keys). `reencrypt` also rewraps the members'
 * data keys and moves values written before them onto them (member-keys.ts).
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Config } from '../../config.ts';
import { keyFilePath, loadKeyringFromConfig, rotateKeyFile } from '../../platform/field-crypto.ts';
import { openDatabase } from '../../server.ts';
import { reencryptAll } from './reencrypt.ts';

/** A refusal or a usage mistake: main.ts prints the message alone and exits with 1. */
export class KeysCommandError extends Error {}

export const KEYS_USAGE = 'usage: npm run keys -- rotate | reencrypt [--batch 500]';

function requireKeyFile(config: Config): void {
  if (config.CCM_FIELD_KEYS) return;
  const file = keyFilePath(config.dataDir);
  // Making a fresh key file here would hide a wrong CCM_DATA_DIR behind a key that fits nothing.
  if (!existsSync(file))
    throw new KeysCommandError(
      `There is no key file at ${file}. Check CCM_DATA_DIR: it must be the server's.`,
    );
}

function rotate(config: Config, say: (line: string) => void): void {
  if (config.CCM_FIELD_KEYS) {
    throw new KeysCommandError(
      'The keys come from the environment (CCM_FIELD_KEYS), which this command cannot change. Put a ' +
        'new key first in CCM_FIELD_KEYS (id:base64, e.g. k2:$(openssl rand -base64 32)), keep the old ' +
        'ones after it, restart every instance, then run `npm run keys -- reencrypt`.',
    );
  }
  requireKeyFile(config);
  const id = rotateKeyFile(config.dataDir);
  say(`New primary key "${id}" added to ${keyFilePath(config.dataDir)}; the older keys stay for reading.`);
  say('Back up the key file now. Restart every instance so that new values use the new key, then run');
  say('`npm run keys -- reencrypt` to move the stored values onto it.');
}

async function reencrypt(config: Config, args: string[], say: (line: string) => void): Promise<void> {
  let values: { batch?: string };
  try {
    ({ values } = parseArgs({ args, options: { batch: { type: 'string' } }, allowPositionals: false }));
  } catch (err) {
    throw new KeysCommandError(`${(err as Error).message}\n${KEYS_USAGE}`);
  }
  const batch = Number(values.batch ?? 500);
  if (!Number.isSafeInteger(batch) || batch < 1)
    throw new KeysCommandError(`--batch expects a positive whole number, got "${values.batch}"`);
  requireKeyFile(config);
  const { keyring } = loadKeyringFromConfig(config);
  const database = await openDatabase(config);
  try {
    const report = await reencryptAll(database, keyring, { batch, log: say });
    if (report.failed > 0)
      throw new KeysCommandError(
        `${report.failed} values could not be decrypted with the keys at hand (listed above); they were left as they were.`,
      );
    say(
      `Every data key is wrapped by key "${keyring.primaryId}", every member's value is under their data key and`,
    );
    say(`every other encrypted value under key "${keyring.primaryId}". Older keys are no longer needed to`);
    say('read this database; keep them with the backups made before today for as long as those are kept.');
  } finally {
    await database.close();
  }
}

export async function keysCommand(
  config: Config,
  args: string[],
  say: (line: string) => void,
): Promise<void> {
  const [action, ...rest] = args;
  if (action === 'rotate' && rest.length === 0) return rotate(config, say);
  if (action === 'reencrypt') return reencrypt(config, rest, say);
  throw new KeysCommandError(KEYS_USAGE);
}
