import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { keyFilePath, loadKeyring } from '../../platform/field-crypto.ts';
import { openDatabase } from '../../server.ts';
import { users } from '../accounts/tables.ts';
import { KeysCommandError, keysCommand } from './cli.ts';

/** A configuration on the embedded database in a fresh data directory, whatever the test run uses. */
const embedded = (env: Record<string, string> = {}) =>
  loadConfig({
    LOG_LEVEL: 'silent',
    CCM_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'ccm-keys-cli-')),
    ...env,
  });

async function run(config: ReturnType<typeof loadConfig>, ...args: string[]) {
  const lines: string[] = [];
  await keysCommand(config, args, (l) => lines.push(l));
  return lines.join('\n');
}

describe('npm run keys', () => {
  it('refuses to rotate keys that come from the environment, and says what to do', async () => {
    const config = embedded({
      CCM_FIELD_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      CCM_BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
    });
    await expect(run(config, 'rotate')).rejects.toThrow(KeysCommandError);
    await expect(run(config, 'rotate')).rejects.toThrow(/CCM_FIELD_KEYS/);
  });

  it('refuses to make up a key file where there is none', async () => {
    await expect(run(embedded(), 'rotate')).rejects.toThrow(/no key file .* CCM_DATA_DIR/);
  });

  it('refuses unknown actions and bad batch sizes', async () => {
    const config = embedded();
    await expect(run(config, 'shred')).rejects.toThrow(/usage/);
    await expect(run(config, 'reencrypt', '--batch', '0')).rejects.toThrow(/--batch/);
    await expect(run(config, 'reencrypt', '--size', '5')).rejects.toThrow(/usage/);
  });

  it('rotates the key file, then moves the values onto data keys and rewraps them on the next rotation', async () => {
    const config = embedded();
    const old = loadKeyring({ dataDir: config.dataDir }).keyring;
    const database = await openDatabase(config);
    try {
      await database.db.insert(users).values({
        phoneCiphertext: old.encrypt('+8613800000001', 'users.phone'),
        phoneIndex: old.blindIndex('phone', '+8613800000001'),
        nickname: 'cli-user',
      });
    } finally {
      await database.close();
    }
    expect(await run(config, 'rotate')).toContain(
      `New primary key "k2" added to ${keyFilePath(config.dataDir)}`,
    );
    const out = await run(config, 'reencrypt', '--batch', '10');
    // The member's phone moves onto their new data key, which is wrapped by k2.
    expect(out).toContain('Done: 0 data keys rewrapped, 1 values re-encrypted, 0 could not be decrypted.');
    expect(out).toContain('wrapped by key "k2"');
    expect(await run(config, 'rotate')).toContain('New primary key "k3"');
    const again = await run(config, 'reencrypt');
    expect(again).toContain('Done: 1 data keys rewrapped, 0 values re-encrypted, 0 could not be decrypted.');
  });
});
