/**
 * Password hashing: argon2id, computed off the event loop by @node-rs/argon2, and never on more
 * cores than the machine can spare. Each hash costs about 9 ms of a core: unbounded, a burst of
 * sign-ins takes every core and every reader waits. Hashes beyond the limit queue here instead,
 * so sign-ins slow down under load and reading does not.
 */

import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/argon2';
import { AppError } from './errors.ts';

// Algorithm 2 is argon2id (the library's const enum cannot be imported under isolatedModules).
const OPTIONS = { algorithm: 2 as const };

/** Hashes at once: every core but one, which stays for the event loop and the database. */
export const HASH_CONCURRENCY = Math.max(1, availableParallelism() - 1);
/** Waiting hashes beyond this answer 503 rather than pile up without end. */
const MAX_WAITING = 500;

let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running >= HASH_CONCURRENCY) {
    if (waiting.length >= MAX_WAITING)
      throw new AppError('service.unavailable', 'Too many sign-ins at once. Try again shortly.');
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  running += 1;
  try {
    return await work();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

export const hashPassword = (password: string) => limited(() => hash(password, OPTIONS));

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await limited(() => verify(passwordHash, password));
  } catch (err) {
    if (err instanceof AppError) throw err;
    return false;
  }
}

/** A hash of a random secret: verifying against it costs what a real check costs (no enumeration). */
let dummy: Promise<string> | undefined;
export const dummyHash = () => {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  return dummy;
};

/** A password for generated accounts: 18 characters from a 64-symbol alphabet (108 bits). */
export function generatePassword(): string {
  return randomBytes(14).toString('base64url').slice(0, 18);
}
