/**
 * Per-member data keys: new writes go under the member's own key, older values keep decrypting,
 * and cancellation destroys the key first, so a copy taken before (a backup) stays unreadable.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { MEMBER_CIPHERTEXT } from '../../platform/field-crypto.ts';
import { makeMember, uid } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { lastCode } from '../../testing/outbox.ts';
import { meView } from '../accounts/profile.ts';
import { users } from '../accounts/tables.ts';
import { verifyErasure } from '../erasure/erase.ts';
import { runErasure } from '../erasure/job.ts';
import { erasureReceipts } from '../erasure/tables.ts';
import { collectMemberData } from '../exports/build.ts';
import { linkIdentity } from '../identity/identities.ts';
import { userIdentities } from '../identity/tables.ts';
import { forgetMemberKey, memberCipher, writerFor } from './member-keys.ts';
import { memberKeys } from './tables.ts';

type Member = Awaited<ReturnType<typeof makeMember>>;

/** Counts the statements the app sends to the database while `fn` runs (PGlite or a pool). */
async function countQueries(database: Database, fn: () => Promise<unknown>): Promise<number> {
  const target = (database.pglite ?? database.pool) as unknown as {
    query: (...args: unknown[]) => Promise<unknown>;
  };
  const original = target.query;
  let n = 0;
  target.query = function (this: unknown, ...args: unknown[]) {
    n += 1;
    return original.apply(this, args);
  };
  try {
    await fn();
  } finally {
    target.query = original;
  }
  return n;
}

describe('per-member data keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const patchMe = (m: Member, payload: object) =>
    t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: m.headers, payload });
  const me = (m: Member) => t.app.inject({ url: '/api/v1/me', headers: m.headers });
  const rowOf = async (userId: number) =>
    (await t.database.db.select().from(users).where(eq(users.id, userId)))[0];
  const keyRowOf = async (userId: number) =>
    (await t.database.db.select().from(memberKeys).where(eq(memberKeys.userId, userId)))[0];

  it('writes a new account’s phone, bio and birthday under its own data key', async () => {
    const m = await makeMember(t.app);
    expect((await patchMe(m, { bio: `简介 ${uid()}`, birthday: '1988-08-08' })).statusCode).toBe(200);
    const row = await rowOf(m.userId);
    for (const value of [row.phoneCiphertext, row.bioCiphertext, row.birthdayCiphertext])
      expect(value!.startsWith(MEMBER_CIPHERTEXT)).toBe(true);
    // The keyring alone reads none of them; the key row holds only the wrapped key.
    expect(() => t.app.ctx.keyring.decrypt(row.phoneCiphertext!, 'users.phone')).toThrow();
    const key = await keyRowOf(m.userId);
    expect(key.wrappedKey.startsWith(`${t.app.ctx.keyring.primaryId}.`)).toBe(true);
    const view = await me(m);
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({ birthday: '1988-08-08', phone: expect.stringMatching(/\*/) });
  });

  it('reads /me (the sign-in answer) in one query, the wrapped key joined to the row', async () => {
    const m = await makeMember(t.app);
    await patchMe(m, { bio: 'one query', birthday: '1990-01-02' });
    forgetMemberKey(t.app.ctx.keyring);
    let view: Awaited<ReturnType<typeof meView>> | undefined;
    const n = await countQueries(t.database, async () => {
      view = await meView(t.app.ctx, m.userId);
    });
    expect(n).toBe(1);
    expect(view).toMatchObject({ bio: 'one query', birthday: '1990-01-02' });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login/sms',
      payload: { phone: m.phone.slice(3), code: await codeFor(m.phone, 'login') },
    });
    expect(login.statusCode, login.body).toBe(200);
    expect(login.json().user.bio).toBe('one query');
  });

  it('keeps reading values written under the keyring before the data keys, and moves new writes', async () => {
    const { keyring } = t.app.ctx;
    const m = await makeMember(t.app);
    // As an account made before this change: keyring values and no key row.
    await t.database.db.delete(memberKeys).where(eq(memberKeys.userId, m.userId));
    forgetMemberKey(keyring, m.userId);
    await t.database.db
      .update(users)
      .set({
        phoneCiphertext: keyring.encrypt(m.phone, 'users.phone'),
        bioCiphertext: keyring.encrypt('written long ago', 'users.bio'),
      })
      .where(eq(users.id, m.userId));
    expect((await me(m)).json().bio).toBe('written long ago');

    expect((await patchMe(m, { bio: 'written today' })).statusCode).toBe(200);
    const row = await rowOf(m.userId);
    expect(row.bioCiphertext!.startsWith(MEMBER_CIPHERTEXT)).toBe(true);
    expect(row.phoneCiphertext!.startsWith(`${keyring.primaryId}.`)).toBe(true);
    expect(await keyRowOf(m.userId)).toBeDefined();
    const view = (await me(m)).json();
    expect(view.bio).toBe('written today');
    expect(view.phone).toMatch(/\*/);
  });

  it('does not open one member’s value with another member’s key', async () => {
    const a = await makeMember(t.app);
    const b = await makeMember(t.app);
    const [ra, rb] = [await rowOf(a.userId), await rowOf(b.userId)];
    const ca = await memberCipher(t.app.ctx, a.userId);
    const cb = await memberCipher(t.app.ctx, b.userId);
    expect(ca.decrypt(ra.phoneCiphertext!, 'users.phone')).toBe(a.phone);
    expect(() => cb.decrypt(ra.phoneCiphertext!, 'users.phone')).toThrow();
    expect(() => ca.decrypt(rb.phoneCiphertext!, 'users.phone')).toThrow();
    // Nor in another column (the context is the associated data), nor damaged.
    expect(() => ca.decrypt(ra.phoneCiphertext!, 'users.bio')).toThrow();
    expect(() => ca.decrypt(`${MEMBER_CIPHERTEXT}not.valid`, 'users.phone')).toThrow();
  });

  async function codeFor(e164: string, purpose: string) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sms-codes',
      payload: { phone: e164.slice(3), purpose },
      remoteAddress: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
    });
    expect(res.statusCode, res.body).toBe(202);
    return lastCode(t.config.dataDir, e164, purpose);
  }

  it('cancellation destroys the key first: a copy taken before cannot be read, others still can', async () => {
    const a = await makeMember(t.app);
    const b = await makeMember(t.app);
    for (const m of [a, b])
      expect((await patchMe(m, { bio: `bio of ${m.userId}`, birthday: '1985-05-05' })).statusCode).toBe(200);
    await linkIdentity(t.app.ctx, {
      userId: a.userId,
      provider: 'wechat',
      subject: `union-${uid()}`,
      email: `${uid()}@example.org`,
    });
    // Read once, so the running app holds A's key in its cache.
    expect((await me(a)).statusCode).toBe(200);

    // The "backup": every ciphertext of A's, copied out of the database before the cancellation.
    const row = await rowOf(a.userId);
    const [identity] = await t.database.db
      .select()
      .from(userIdentities)
      .where(eq(userIdentities.userId, a.userId));
    const wrapped = (await keyRowOf(a.userId)).wrappedKey;
    const backup: [string, string][] = [
      [row.phoneCiphertext!, 'users.phone'],
      [row.bioCiphertext!, 'users.bio'],
      [row.birthdayCiphertext!, 'users.birthday'],
      [identity.subjectCiphertext, 'user_identities.subject'],
      [identity.emailCiphertext!, 'user_identities.email'],
    ];
    const before = await memberCipher(t.app.ctx, a.userId);
    for (const [value, context] of backup) expect(before.decrypt(value, context)).toBeTruthy();

    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/cancellation',
      headers: a.headers,
      payload: { code: await codeFor(a.phone, 'cancel-account') },
    });
    expect(res.statusCode, res.body).toBe(202);
    const { receiptId } = res.json();
    // The key is gone with the cancellation's first transaction, before the job runs.
    expect(await keyRowOf(a.userId)).toBeUndefined();
    expect(await runErasure(t.app.ctx, receiptId)).toBeOneOf(['completed', undefined]);

    const [receipt] = await t.database.db
      .select()
      .from(erasureReceipts)
      .where(eq(erasureReceipts.id, receiptId));
    expect(receipt.status).toBe('completed');
    expect(receipt.steps[0]).toEqual({
      table: 'member_keys',
      action: 'destroy-key',
      columns: [],
      kept: [],
      rows: 1,
      done: true,
    });
    expect(JSON.stringify(receipt)).not.toContain(wrapped);

    // Neither the running app's keyring nor its (dropped) cache opens the copy any more.
    const after = await memberCipher(t.app.ctx, a.userId);
    expect(after.hasKey).toBe(false);
    for (const [value, context] of backup) {
      expect(() => after.decrypt(value, context)).toThrow();
      expect(() => t.app.ctx.keyring.decrypt(value, context)).toThrow();
    }
    // Nothing can be written for the cancelled account, and no key is made again for it.
    await expect(writerFor(t.app.ctx, a.userId)).rejects.toMatchObject({ code: 'member.cancelled' });
    expect(await keyRowOf(a.userId)).toBeUndefined();
    // A key row found again after the erasure is residue to the verification run.
    await t.database.db
      .insert(memberKeys)
      .values({ userId: a.userId, wrappedKey: wrapped, createdAt: new Date() });
    expect((await verifyErasure(t.app.ctx, a.userId, [])).residue).toEqual(['member_keys']);
    await t.database.db.delete(memberKeys).where(eq(memberKeys.userId, a.userId));

    // The other member is untouched.
    const view = await me(b);
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({ bio: `bio of ${b.userId}`, birthday: '1985-05-05' });
  });

  it('keeps the wrapped key out of the member’s export', async () => {
    const m = await makeMember(t.app);
    await patchMe(m, { bio: 'exported' });
    const { wrappedKey } = await keyRowOf(m.userId);
    const { data } = await collectMemberData(t.app.ctx, m.userId, {
      exportId: uid('x'),
      language: 'en',
      generatedAt: new Date(),
    });
    const text = JSON.stringify(data);
    expect(text).not.toContain(wrappedKey);
    expect(data.tables.member_keys).toBeUndefined();
    expect(data.tables.users.rows[0].bio_ciphertext).toBe('exported');
    expect(data.tables.users.rows[0].phone_ciphertext).toBe(m.phone);
  });
});
