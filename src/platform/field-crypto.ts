/**
 * Encryption of personal fields at rest, in the manner of CipherSweet: AES-256-GCM with the key id
 * stored beside the ciphertext (so keys can rotate), the column's name as associated data (a
 * ciphertext moved to another column does not decrypt), and a keyed blind index (HMAC-SHA256) for
 * equality lookups without decrypting.
 *
 * Keys come from the environment (CCM_FIELD_KEYS, CCM_BLIND_INDEX_KEY) or, for the embedded
 * default, from a key file generated in the data directory on first start.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';

const KEY_ID = /^[A-Za-z0-9_-]{1,16}$/;

/**
 * The prefix of a value encrypted under a member's own data key (modules/keys/member-keys.ts):
 * `m1:<iv>.<ciphertext+tag>`. A key id cannot hold `:`, so it never reads as a keyring value.
 */
export const MEMBER_CIPHERTEXT = 'm1:';

/** AES-256-GCM with `context` as associated data: `<iv>.<ciphertext+tag>`, base64url. */
export function sealWith(key: Buffer, plaintext: string | Buffer, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return `${iv.toString('base64url')}.${body.toString('base64url')}`;
}

/** The inverse of sealWith; throws when the key, the context or the value does not fit. */
export function openWith(key: Buffer, sealed: string, context: string): Buffer {
  const [iv, body, extra] = sealed.split('.');
  if (!iv || !body || extra !== undefined) throw new Error('cannot decrypt: malformed value');
  const raw = Buffer.from(body, 'base64url');
  if (raw.length < 16) throw new Error('cannot decrypt: malformed value');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(raw.subarray(raw.length - 16));
  return Buffer.concat([decipher.update(raw.subarray(0, raw.length - 16)), decipher.final()]);
}

/** What encrypts and decrypts one field: the keyring itself, or a member's data key. */
export interface FieldCipher {
  encrypt(plaintext: string, context: string): string;
  decrypt(value: string, context: string): string;
}

export class Keyring implements FieldCipher {
  constructor(
    readonly primaryId: string,
    private readonly keys: ReadonlyMap<string, Buffer>,
    private readonly indexKey: Buffer,
  ) {
    if (!keys.has(primaryId)) throw new Error(`the primary key "${primaryId}" is not in the keyring`);
    for (const [id, key] of keys) {
      if (!KEY_ID.test(id)) throw new Error(`key id "${id}" must be 1–16 letters, digits, - or _`);
      if (key.length !== 32) throw new Error(`key "${id}" must be 32 bytes`);
    }
    if (indexKey.length < 32) throw new Error('the blind-index key must be at least 32 bytes');
  }

  /** `<keyId>.<iv>.<ciphertext+tag>`, base64url; `context` names the column (associated data). */
  encrypt(plaintext: string, context: string): string {
    return `${this.primaryId}.${sealWith(this.keys.get(this.primaryId)!, plaintext, context)}`;
  }

  decrypt(value: string, context: string): string {
    if (value.startsWith(MEMBER_CIPHERTEXT))
      throw new Error('cannot decrypt: the value is under a member data key, not the keyring');
    const dot = value.indexOf('.');
    const id = value.slice(0, dot);
    const key = this.keys.get(id);
    if (dot < 0 || !key) throw new Error(`cannot decrypt: unknown key "${id}" or malformed value`);
    return openWith(key, value.slice(dot + 1), context).toString('utf8');
  }

  /** A member's data key, wrapped by the primary key with the member's id as associated data. */
  wrapDataKey(userId: number, key: Buffer): string {
    return `${this.primaryId}.${sealWith(this.keys.get(this.primaryId)!, key, `member-key:${userId}`)}`;
  }

  unwrapDataKey(userId: number, wrapped: string): Buffer {
    const dot = wrapped.indexOf('.');
    const key = this.keys.get(wrapped.slice(0, dot));
    if (dot < 0 || !key) throw new Error('cannot unwrap: unknown key or malformed value');
    const dataKey = openWith(key, wrapped.slice(dot + 1), `member-key:${userId}`);
    if (dataKey.length !== 32) throw new Error('cannot unwrap: a data key is 32 bytes');
    return dataKey;
  }

  /** True when the value was encrypted with another key than the primary one. */
  isStale(value: string): boolean {
    return !value.startsWith(`${this.primaryId}.`);
  }

  /** A keyed, deterministic index of a value within a domain (e.g. "phone"), for lookups. */
  blindIndex(domain: string, value: string): string {
    return createHmac('sha256', this.indexKey).update(domain).update('\0').update(value).digest('base64url');
  }
}

export interface KeyFile {
  primary: string;
  keys: Record<string, string>;
  index: string;
}

export const keyFilePath = (dataDir: string) => path.join(dataDir, 'keys', 'field-keys.json');

const newKey = () => randomBytes(32).toString('base64');

/** Parses CCM_FIELD_KEYS: `id:base64,id:base64`, the first being the primary key. */
export function parseKeyList(list: string): { primary: string; keys: Map<string, Buffer> } {
  const keys = new Map<string, Buffer>();
  for (const entry of list
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [id, b64] = entry.split(':');
    keys.set(id, Buffer.from(b64 ?? '', 'base64'));
  }
  const primary = keys.keys().next().value;
  if (!primary) throw new Error('CCM_FIELD_KEYS holds no key');
  return { primary, keys };
}

export interface LoadedKeyring {
  keyring: Keyring;
  source: 'environment' | 'key file';
  /** True when the key file was made just now (first start). */
  created: boolean;
  file?: string;
}

export function loadKeyring(options: {
  fieldKeys?: string;
  indexKey?: string;
  dataDir: string;
}): LoadedKeyring {
  if (options.fieldKeys && options.indexKey) {
    const { primary, keys } = parseKeyList(options.fieldKeys);
    return {
      keyring: new Keyring(primary, keys, Buffer.from(options.indexKey, 'base64')),
      source: 'environment',
      created: false,
    };
  }
  const file = keyFilePath(options.dataDir);
  let created = false;
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeKeyFile(file, { primary: 'k1', keys: { k1: newKey() }, index: newKey() });
    created = true;
  }
  const data = JSON.parse(readFileSync(file, 'utf8')) as KeyFile;
  const keys = new Map(Object.entries(data.keys).map(([id, b64]) => [id, Buffer.from(b64, 'base64')]));
  return {
    keyring: new Keyring(data.primary, keys, Buffer.from(data.index, 'base64')),
    source: 'key file',
    created,
    file,
  };
}

export function writeKeyFile(file: string, data: KeyFile): void {
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

/** Adds a new primary key to the key file; older keys stay for decryption until re-encrypted. */
export function rotateKeyFile(dataDir: string): string {
  const file = keyFilePath(dataDir);
  const data = JSON.parse(readFileSync(file, 'utf8')) as KeyFile;
  const next = Math.max(0, ...Object.keys(data.keys).map((id) => Number(/^k(\d+)$/.exec(id)?.[1] ?? 0))) + 1;
  const id = `k${next}`;
  writeKeyFile(file, { ...data, primary: id, keys: { ...data.keys, [id]: newKey() } });
  return id;
}

export function loadKeyringFromConfig(config: Config): LoadedKeyring {
  return loadKeyring({
    fieldKeys: config.CCM_FIELD_KEYS,
    indexKey: config.CCM_BLIND_INDEX_KEY,
    dataDir: config.dataDir,
  });
}
