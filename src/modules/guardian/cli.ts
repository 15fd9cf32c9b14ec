/**
 * `npm run age -- reevaluate [--batch 500]`: the daily age re-evaluation on demand (after a
 * restore, or to see what the job would do today). The server runs it on its own (job.ts).
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.ts';
import { systemClock } from '../../platform/clock.ts';
import { keyFilePath, loadKeyringFromConfig } from '../../platform/field-crypto.ts';
import { createLogger } from '../../platform/logging.ts';
import { openDatabase } from '../../server.ts';
import { type AgeReport, reevaluateAgeGroups } from './reevaluate.ts';

/** A usage mistake or a refusal: main.ts prints the message alone and exits with 1. */
export class AgeCommandError extends Error {}

export const AGE_USAGE = 'usage: npm run age -- reevaluate [--batch 500]';

function parse(args: string[]): { batch: number } {
  let parsed: { values: { batch?: string }; positionals: string[] };
  try {
    parsed = parseArgs({ args, options: { batch: { type: 'string' } }, allowPositionals: true });
  } catch (err) {
    throw new AgeCommandError(`${(err as Error).message}\n${AGE_USAGE}`);
  }
  if (parsed.positionals.length !== 1 || parsed.positionals[0] !== 'reevaluate')
    throw new AgeCommandError(AGE_USAGE);
  const batch = Number(parsed.values.batch ?? 500);
  if (!Number.isSafeInteger(batch) || batch < 1)
    throw new AgeCommandError(`--batch expects a positive whole number, got "${parsed.values.batch}"`);
  return { batch };
}

export function describeAgeReport(r: AgeReport): string[] {
  const moves = Object.entries(r.changed).map(([move, n]) => `${move}: ${n}`);
  return [
    `Age groups re-evaluated for ${r.date} (China time): ${r.reviewed} children and minors reviewed.`,
    `  moved: ${moves.length > 0 ? moves.join(', ') : 'none'}`,
    `  bios and birthdays encrypted from plain text: ${r.sealed}`,
    `  guardian requests expired: ${r.expiredRequests}`,
    ...(r.failed > 0 ? [`  birthdays that could not be decrypted (left unchanged): ${r.failed}`] : []),
  ];
}

export async function ageCommand(config: Config, args: string[], say: (line: string) => void): Promise<void> {
  const { batch } = parse(args);
  // A fresh key file made here would encrypt old plain values under a key the server does not have.
  if (!config.CCM_FIELD_KEYS && !existsSync(keyFilePath(config.dataDir)))
    throw new AgeCommandError(
      `There is no key file at ${keyFilePath(config.dataDir)}. Check CCM_DATA_DIR: it must be the server's.`,
    );
  const { keyring } = loadKeyringFromConfig(config);
  const database = await openDatabase(config);
  try {
    const log = createLogger(config.LOG_LEVEL === 'silent' ? 'silent' : 'warn') as FastifyBaseLogger;
    const report = await reevaluateAgeGroups(
      { db: database.db, clock: systemClock, keyring, log },
      { batch },
    );
    for (const line of describeAgeReport(report)) say(line);
  } finally {
    await database.close();
  }
}
