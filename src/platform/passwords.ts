/** Password hashing: argon2id, computed off the event loop by @node-rs/argon2. */
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// Algorithm 2 is argon2id (the library's const enum cannot be imported under isolatedModules).
const OPTIONS = { algorithm: 2 as const };

export const hashPassword = (password: string) => hash(password, OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
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
