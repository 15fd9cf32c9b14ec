import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import { integer, primaryKey, text } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allTables } from '../../db/schema.ts';
import {
  type KeyFile,
  Keyring,
  keyFilePath,
  loadKeyring,
  MEMBER_CIPHERTEXT,
  rotateKeyFile,
} from '../../platform/field-crypto.ts';
import { ccmTable, notPersonal, personal, RETAIN } from '../../platform/personal-data.ts';
import { uid } from '../../testing/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/harness.ts';
import { users } from '../accounts/tables.ts';
import { encryptedTables } from './columns.ts';
import { memberCiphers, writerFor } from './member-keys.ts';
import { reencryptAll } from './reencrypt.ts';
import { memberKeys } from './tables.ts';

const phoneOf = (i: number) => `+86138${String(i).padStart(8, '0')}`;

describe('re-encryption after a key rotation', () => {
  let t: TestDatabase;
  let dataDir: string;
  let oldKeys: Keyring;
  let newKeys: Keyring;
  beforeAll(async () => {
    t = await createTestDatabase();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'ccm-keys-'));
    oldKeys = loadKeyring({ dataDir }).keyring;
  });
  afterAll(() => t.dispose());

  /** Accounts with their phone under the keyring, as written before the data keys; answers ids. */
  async function insertUsers(keyring: Keyring, from: number, n: number) {
    const rows = await t.database.db
      .insert(users)
      .values(
        Array.from({ length: n }, (_, k) => ({
          phoneCiphertext: keyring.encrypt(phoneOf(from + k), 'users.phone'),
          phoneIndex: keyring.blindIndex('phone', phoneOf(from + k)),
          nickname: uid('user-'),
        })),
      )
      .returning({ id: users.id });
    return rows.map((r) => r.id);
  }
  const keysOf = (keyring: Keyring) => ({ db: t.database.db, keyring });
  async function decryptPhones(keyring: Keyring, rows: { id: number; value: string | null }[]) {
    const ciphers = await memberCiphers(
      keysOf(keyring),
      rows.map((r) => r.id),
    );
    return rows.map((r) => ciphers.get(r.id)!.decrypt(r.value!, 'users.phone'));
  }
  const phones = () =>
    t.database.db.select({ id: users.id, value: users.phoneCiphertext }).from(users).orderBy(asc(users.id));

  it('finds the encrypted columns from the annotations', () => {
    const found = encryptedTables(allTables).map((e) => ({
      table: e.name,
      primaryKey: e.primaryKey.map((c) => c.name),
      columns: e.columns.map((c) => [c.column.name, c.context]),
    }));
    expect(found).toContainEqual({
      table: 'users',
      primaryKey: ['id'],
      columns: [
        ['phone_ciphertext', 'users.phone'],
        ['birthday_ciphertext', 'users.birthday'],
        ['bio_ciphertext', 'users.bio'],
      ],
    });
  });

  it('moves members’ values onto their own data keys in batches, resumes after a kill, then has nothing to do', async () => {
    await insertUsers(oldKeys, 1, 11);
    await t.database.db.insert(users).values({ nickname: uid('no-phone-') });
    expect(rotateKeyFile(dataDir)).toBe('k2');
    newKeys = loadKeyring({ dataDir }).keyring;
    expect(newKeys.primaryId).toBe('k2');
    // Written under a data key already (as the app now writes): must be left alone.
    const current = await insertUsers(newKeys, 100, 2);
    for (const [k, id] of current.entries()) {
      const cipher = await writerFor(keysOf(newKeys), id);
      await t.database.db
        .update(users)
        .set({ phoneCiphertext: cipher.encrypt(phoneOf(100 + k), 'users.phone') })
        .where(eq(users.id, id));
    }
    const before = await phones();

    // The first run dies after its first batch (a kill between batches).
    await expect(
      reencryptAll(t.database, newKeys, {
        batch: 4,
        log: (line) => {
          if (/in this batch/.test(line)) throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    const halfway = await phones();
    expect(halfway.filter((p) => p.value?.startsWith('k1.'))).toHaveLength(7);
    expect(halfway.filter((p) => p.value?.startsWith(MEMBER_CIPHERTEXT))).toHaveLength(6);

    const lines: string[] = [];
    const report = await reencryptAll(t.database, newKeys, { batch: 4, log: (l) => lines.push(l) });
    expect(report).toEqual({ reencrypted: 7, rewrapped: 0, failed: 0 });
    expect(lines.filter((l) => /in this batch/.test(l))).toHaveLength(2);
    expect(lines.join('\n')).not.toMatch(/\+86|138\d{8}/);

    const after = await phones();
    const withPhone = after.filter((row) => row.value !== null);
    for (const p of withPhone) {
      expect(p.value!.startsWith(MEMBER_CIPHERTEXT)).toBe(true);
      // The keyring alone cannot read a member's value any more: it needs the member's key.
      expect(() => newKeys.decrypt(p.value!, 'users.phone')).toThrow();
    }
    expect(await decryptPhones(newKeys, withPhone)).toEqual([
      ...Array.from({ length: 11 }, (_, k) => phoneOf(1 + k)),
      phoneOf(100),
      phoneOf(101),
    ]);
    // One data key per member with a value, each wrapped by the primary key.
    const keys = await t.database.db.select().from(memberKeys);
    expect(keys.map((k) => k.userId).sort((a, b) => a - b)).toEqual(withPhone.map((p) => p.id));
    for (const k of keys) expect(k.wrappedKey.startsWith('k2.')).toBe(true);
    // Values already under a data key were not rewritten.
    for (const id of current)
      expect(after.find((p) => p.id === id)!.value).toBe(before.find((p) => p.id === id)!.value);

    expect(await reencryptAll(t.database, newKeys, { batch: 4 })).toEqual({
      reencrypted: 0,
      rewrapped: 0,
      failed: 0,
    });
    expect(await phones()).toEqual(after);
  });

  it('leaves a value it cannot decrypt as it is, says so, and goes on', async () => {
    const stranger = loadKeyring({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'ccm-keys-')) }).keyring;
    const [lost] = await t.database.db
      .insert(users)
      .values({ phoneCiphertext: stranger.encrypt(phoneOf(500), 'users.phone'), nickname: uid('lost-') })
      .returning();
    const k0 = lost.phoneCiphertext!.replace(/^k1\./, 'k0.');
    await t.database.db.execute(sql`UPDATE users SET phone_ciphertext = ${k0} WHERE id = ${lost.id}`);
    await insertUsers(oldKeys, 600, 3);
    const lines: string[] = [];
    expect(await reencryptAll(t.database, newKeys, { batch: 2, log: (l) => lines.push(l) })).toEqual({
      reencrypted: 3,
      rewrapped: 0,
      failed: 1,
    });
    expect(lines.some((l) => l.includes(`users (${lost.id}) phone_ciphertext: cannot decrypt`))).toBe(true);
    await t.database.db.execute(sql`DELETE FROM users WHERE id = ${lost.id}`);
  });

  it('pages a table with a composite primary key', async () => {
    const probe = ccmTable(
      'reencrypt_probe',
      { a: text('a').notNull(), b: integer('b').notNull(), secret: text('secret') },
      {
        columns: {
          a: notPersonal(),
          b: notPersonal(),
          secret: personal({
            category: 'profile.bio',
            purposes: ['account'],
            legalBasis: 'contract',
            sensitive: false,
            retention: RETAIN.accountLifetime,
            erasure: { action: 'delete' },
            encrypted: 'probe.secret',
          }),
        },
      },
      (p) => [primaryKey({ columns: [p.a, p.b] })],
    );
    await t.database.db.execute(
      sql`CREATE TABLE reencrypt_probe (a text NOT NULL, b integer NOT NULL, secret text, PRIMARY KEY (a, b))`,
    );
    const rows = ['x', 'y'].flatMap((a) =>
      [1, 2, 3].map((b) => ({ a, b, secret: oldKeys.encrypt(`${a}${b}`, 'probe.secret') })),
    );
    await t.database.db.insert(probe).values(rows);
    const report = await reencryptAll(t.database, newKeys, { batch: 2, tables: [probe] });
    expect(report).toEqual({ reencrypted: 6, rewrapped: 0, failed: 0 });
    const after = await t.database.db.select().from(probe);
    expect(after.map((r) => newKeys.decrypt(r.secret!, 'probe.secret')).sort()).toEqual([
      'x1',
      'x2',
      'x3',
      'y1',
      'y2',
      'y3',
    ]);
    await t.database.db.execute(sql`DROP TABLE reencrypt_probe`);
  });

  it('rotating the keyring rewraps the data keys and leaves the members’ columns as they are', async () => {
    const ids = await insertUsers(oldKeys, 700, 3);
    await reencryptAll(t.database, newKeys);
    const before = await phones();
    const keysBefore = await t.database.db.select().from(memberKeys).orderBy(asc(memberKeys.userId));
    expect(keysBefore.length).toBeGreaterThan(3);

    expect(rotateKeyFile(dataDir)).toBe('k3');
    const k3 = loadKeyring({ dataDir }).keyring;
    const report = await reencryptAll(t.database, k3, { batch: 2 });
    expect(report).toEqual({ reencrypted: 0, rewrapped: keysBefore.length, failed: 0 });

    // Not one member column was rewritten; every data key is now wrapped by k3 alone.
    expect(await phones()).toEqual(before);
    const keysAfter = await t.database.db.select().from(memberKeys).orderBy(asc(memberKeys.userId));
    expect(keysAfter.map((k) => k.userId)).toEqual(keysBefore.map((k) => k.userId));
    for (const k of keysAfter) expect(k.wrappedKey.startsWith('k3.')).toBe(true);

    // A keyring holding only k3 (the older keys gone) still reads every member's fields.
    const file = JSON.parse(readFileSync(keyFilePath(dataDir), 'utf8')) as KeyFile;
    const onlyK3 = new Keyring(
      'k3',
      new Map([['k3', Buffer.from(file.keys.k3, 'base64')]]),
      Buffer.from(file.index, 'base64'),
    );
    const withPhone = before.filter((p) => p.value !== null);
    const read = await decryptPhones(onlyK3, withPhone);
    for (const [k, id] of ids.entries())
      expect(read[withPhone.findIndex((p) => p.id === id)]).toBe(phoneOf(700 + k));
    expect(read).toHaveLength(withPhone.length);
  });
});
