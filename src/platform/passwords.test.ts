import { describe, expect, it } from 'vitest';
import { HASH_CONCURRENCY, hashPassword, verifyPassword } from './passwords.ts';

describe('password hashing', () => {
  it('uses argon2id and verifies only the right password', async () => {
    const h = await hashPassword('Crawler-Crane-55');
    expect(h.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(h, 'Crawler-Crane-55')).toBe(true);
    expect(await verifyPassword(h, 'crawler-crane-55')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });

  it('completes every hash when more are asked for than may run at once', async () => {
    const passwords = Array.from({ length: 3 * HASH_CONCURRENCY + 2 }, (_, i) => `Loader-${i}-password`);
    const hashes = await Promise.all(passwords.map((p) => hashPassword(p)));
    expect(new Set(hashes).size).toBe(hashes.length);
    expect(await verifyPassword(hashes.at(-1)!, passwords.at(-1)!)).toBe(true);
  });
});
