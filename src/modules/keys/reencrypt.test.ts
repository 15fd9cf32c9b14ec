import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, sql } from 'drizzle-orm';
import { integer, primaryKey, text } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allTables } from '../../db/schema.ts';
import { type Keyring, loadKeyring, rotateKeyFile } from '../../platform/field-crypto.ts';
import { ccmTable, notPersonal, personal, RETAIN } from '../../platform/personal-data.ts';
import { uid } from '../../testing/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/harness.ts';
import { users } from '../accounts/tables.ts';
import { encryptedTables } from './columns.ts';
import { reencryptAll } from './reencrypt.ts';

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

  async function insertUsers(keyring: Keyring, from: number, n: number) {
    await t.database.db.insert(users).values(
      Array.from({ length: n }, (_, k) => ({
        phoneCiphertext: keyring.encrypt(phoneOf(from + k), 'users.phone'),
        phoneIndex: keyring.blindIndex('phone', phoneOf(from + k)),
        nickname: uid('user-'),
      })),
    );
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

  it('moves every value onto the new primary key in batches, resumes after a kill, then has nothing to do', async () => {
    await insertUsers(oldKeys, 1, 11);
    await t.database.db.insert(users).values({ nickname: uid('no-phone-') });
    expect(rotateKeyFile(dataDir)).toBe('k2');
    newKeys = loadKeyring({ dataDir }).keyring;
    expect(newKeys.primaryId).toBe('k2');
    // Written after the rotation: already current, must be left alone.
    await insertUsers(newKeys, 100, 2);
    const current = (await phones()).filter((p) => p.value?.startsWith('k2.'));

    // The first run dies after its first batch (a kill between batches).
    const firstRun: string[] = [];
    await expect(
      reencryptAll(t.database, newKeys, {
        batch: 4,
        log: (line) => {
          firstRun.push(line);
          if (/in this batch/.test(line)) throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    const halfway = await phones();
    expect(halfway.filter((p) => p.value?.startsWith('k1.'))).toHaveLength(7);

    const lines: string[] = [];
    const report = await reencryptAll(t.database, newKeys, { batch: 4, log: (l) => lines.push(l) });
    expect(report).toEqual({ reencrypted: 7, failed: 0 });
    expect(lines.filter((l) => /in this batch/.test(l))).toHaveLength(2);
    expect(lines.join('\n')).not.toMatch(/\+86|138\d{8}/);

    const after = await phones();
    for (const p of after.filter((row) => row.value !== null)) {
      expect(p.value!.startsWith('k2.')).toBe(true);
      expect(newKeys.isStale(p.value!)).toBe(false);
    }
    expect(after.filter((p) => p.value).map((p) => newKeys.decrypt(p.value!, 'users.phone'))).toEqual([
      ...Array.from({ length: 11 }, (_, k) => phoneOf(1 + k)),
      phoneOf(100),
      phoneOf(101),
    ]);
    // Values already under the new key were not rewritten.
    for (const c of current) expect(after.find((p) => p.id === c.id)!.value).toBe(c.value);

    expect(await reencryptAll(t.database, newKeys, { batch: 4 })).toEqual({ reencrypted: 0, failed: 0 });
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
    expect(report).toEqual({ reencrypted: 6, failed: 0 });
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
});
