import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type KeyFile,
  Keyring,
  keyFilePath,
  loadKeyring,
  parseKeyList,
  rotateKeyFile,
} from './field-crypto.ts';

const key = () => randomBytes(32);
const b64 = () => key().toString('base64');
const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'ccm-crypto-'));
const ring = (primary = 'k1', keys: Record<string, Buffer> = { k1: key() }, index = key()) =>
  new Keyring(primary, new Map(Object.entries(keys)), index);

describe('field encryption', () => {
  it('decrypts what it encrypted, with a fresh IV each time', () => {
    const k = ring();
    const a = k.encrypt('+8613812345678', 'users.phone');
    const b = k.encrypt('+8613812345678', 'users.phone');
    expect(a).not.toBe(b);
    expect(a.startsWith('k1.')).toBe(true);
    expect(a).not.toContain('13812345678');
    expect(k.decrypt(a, 'users.phone')).toBe('+8613812345678');
    expect(k.decrypt(k.encrypt('张工 🚜', 'users.bio'), 'users.bio')).toBe('张工 🚜');
  });

  it('refuses a ciphertext moved to another column', () => {
    const k = ring();
    const value = k.encrypt('+8613812345678', 'users.phone');
    expect(() => k.decrypt(value, 'guardians.phone')).toThrow();
  });

  it('refuses a tampered ciphertext, IV or key id', () => {
    const k = ring('k1', { k1: key(), k2: key() });
    const [id, iv, body] = k.encrypt('+8613812345678', 'users.phone').split('.');
    const raw = Buffer.from(body, 'base64url');
    raw[0] ^= 1;
    expect(() => k.decrypt(`${id}.${iv}.${raw.toString('base64url')}`, 'users.phone')).toThrow();
    const otherIv = randomBytes(12).toString('base64url');
    expect(() => k.decrypt(`${id}.${otherIv}.${body}`, 'users.phone')).toThrow();
    expect(() => k.decrypt(`k2.${iv}.${body}`, 'users.phone')).toThrow();
    expect(() => k.decrypt(`k9.${iv}.${body}`, 'users.phone')).toThrow(/unknown key/);
    expect(() => k.decrypt('not a ciphertext', 'users.phone')).toThrow();
  });

  it('still decrypts a value under an old key after rotation, and calls it stale', () => {
    const k1 = key();
    const before = ring('k1', { k1 });
    const old = before.encrypt('+8613812345678', 'users.phone');
    const after = ring('k2', { k1, k2: key() });
    expect(after.decrypt(old, 'users.phone')).toBe('+8613812345678');
    expect(after.isStale(old)).toBe(true);
    const fresh = after.encrypt('+8613812345678', 'users.phone');
    expect(fresh.startsWith('k2.')).toBe(true);
    expect(after.isStale(fresh)).toBe(false);
    expect(before.isStale(old)).toBe(false);
  });

  it('refuses malformed keyrings', () => {
    expect(() => ring('k2')).toThrow(/primary key "k2"/);
    expect(() => ring('k1', { k1: randomBytes(16) })).toThrow(/32 bytes/);
    expect(() => ring('bad id', { 'bad id': key() })).toThrow(/key id/);
    expect(() => ring('k1', { k1: key() }, randomBytes(16))).toThrow(/blind-index key/);
  });
});

describe('blind indexes', () => {
  it('are deterministic per key and domain, and differ across domains and keys', () => {
    const index = key();
    const a = ring('k1', { k1: key() }, index);
    const b = ring('k7', { k7: key() }, index); // field keys do not matter, the index key does
    const other = ring('k1', { k1: key() }, key());
    const phone = '+8613812345678';
    expect(a.blindIndex('phone', phone)).toBe(a.blindIndex('phone', phone));
    expect(a.blindIndex('phone', phone)).toBe(b.blindIndex('phone', phone));
    expect(a.blindIndex('phone', phone)).not.toBe(a.blindIndex('ip', phone));
    expect(a.blindIndex('phone', phone)).not.toBe(other.blindIndex('phone', phone));
    expect(a.blindIndex('phone', phone)).not.toBe(a.blindIndex('phone', '+8613812345679'));
    expect(a.blindIndex('phone', phone)).not.toContain('13812345678');
    // The domain and the value are separated: ("ab", "c") is not ("a", "bc").
    expect(a.blindIndex('ab', 'c')).not.toBe(a.blindIndex('a', 'bc'));
  });
});

describe('keys', () => {
  it('are generated into a 0600 key file on first load and reused after', () => {
    const dataDir = tempDir();
    const first = loadKeyring({ dataDir });
    expect(first).toMatchObject({ source: 'key file', created: true, file: keyFilePath(dataDir) });
    expect(statSync(keyFilePath(dataDir)).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(keyFilePath(dataDir))).mode & 0o077).toBe(0);
    const value = first.keyring.encrypt('+8613812345678', 'users.phone');
    const second = loadKeyring({ dataDir });
    expect(second.created).toBe(false);
    expect(second.keyring.decrypt(value, 'users.phone')).toBe('+8613812345678');
    expect(second.keyring.blindIndex('phone', 'x')).toBe(first.keyring.blindIndex('phone', 'x'));
  });

  it('rotate in the key file: a new primary, the old keys kept, the file still 0600', () => {
    const dataDir = tempDir();
    const before = loadKeyring({ dataDir }).keyring;
    const value = before.encrypt('+8613812345678', 'users.phone');
    expect(rotateKeyFile(dataDir)).toBe('k2');
    expect(rotateKeyFile(dataDir)).toBe('k3');
    const file = JSON.parse(readFileSync(keyFilePath(dataDir), 'utf8')) as KeyFile;
    expect(file.primary).toBe('k3');
    expect(Object.keys(file.keys).sort()).toEqual(['k1', 'k2', 'k3']);
    expect(statSync(keyFilePath(dataDir)).mode & 0o777).toBe(0o600);
    const after = loadKeyring({ dataDir }).keyring;
    expect(after.primaryId).toBe('k3');
    expect(after.decrypt(value, 'users.phone')).toBe('+8613812345678');
    expect(after.blindIndex('phone', 'x')).toBe(before.blindIndex('phone', 'x'));
  });

  it('come from the environment when set, the first being the primary', () => {
    const [k1, k2, index] = [b64(), b64(), b64()];
    const parsed = parseKeyList(` k2:${k2}, k1:${k1} `);
    expect(parsed.primary).toBe('k2');
    expect([...parsed.keys.keys()]).toEqual(['k2', 'k1']);
    expect(parsed.keys.get('k1')!.equals(Buffer.from(k1, 'base64'))).toBe(true);
    expect(() => parseKeyList(' , ')).toThrow(/no key/);

    const dataDir = tempDir();
    const loaded = loadKeyring({ fieldKeys: `k2:${k2},k1:${k1}`, indexKey: index, dataDir });
    expect(loaded).toMatchObject({ source: 'environment', created: false });
    expect(loaded.keyring.primaryId).toBe('k2');
    const fromK1 = new Keyring(
      'k1',
      new Map([['k1', Buffer.from(k1, 'base64')]]),
      Buffer.from(index, 'base64'),
    );
    expect(loaded.keyring.decrypt(fromK1.encrypt('secret', 'c'), 'c')).toBe('secret');
    expect(() => statSync(keyFilePath(dataDir))).toThrow(); // no key file is made
  });
});
