import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/logging.ts';
import { databaseText } from '../../testing/db-scan.ts';
import { makeArticle, makeColumn, makeTag } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { lastCode, testPhone } from '../../testing/outbox.ts';
import { users } from '../accounts/tables.ts';
import { INITIAL_POLICY_VERSION as CURRENT_POLICY_VERSION } from '../consent/policy-text.ts';
import { linkIdentity } from '../identity/identities.ts';
import { userIdentities } from '../identity/tables.ts';
import { multipartBody } from '../profile/testing.ts';
import { runErasure } from './job.ts';
import { erasureReceipts } from './tables.ts';

const PASSWORD = 'Excavator-2026!';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger('info', stream), text: () => lines.join('') };
}

async function filesUnder(dir: string, skip: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const full = path.join(dir, entry.name);
    if (skip.includes(entry.name)) continue;
    if (entry.isDirectory()) out.push(...(await filesUnder(full, skip)));
    else out.push(full);
  }
  return out;
}

describe('account cancellation', () => {
  let t: TestApp;
  const log = capture();
  beforeAll(async () => {
    t = await createTestApp({ logger: log.logger });
  });
  afterAll(() => t.close());

  let address = 0;
  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      payload,
      headers,
      remoteAddress: `10.2.${Math.floor(++address / 250)}.${address % 250}`,
    });
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  async function codeFor(e164: string, purpose: string) {
    const res = await post('/auth/sms-codes', { phone: e164.slice(3), purpose });
    expect(res.statusCode).toBe(202);
    return lastCode(t.config.dataDir, e164, purpose);
  }

  async function register(extra: object = {}) {
    const phone = testPhone();
    const code = await codeFor(phone.e164, 'register');
    const res = await post('/auth/register', {
      phone: phone.national,
      code,
      password: PASSWORD,
      policyVersion: CURRENT_POLICY_VERSION,
      consents: { account: true, personalization: true },
      ...extra,
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    return { phone, userId: body.user.id as number, token: body.token as string };
  }

  async function cancel(m: { phone: { e164: string }; token: string }) {
    const code = await codeFor(m.phone.e164, 'cancel-account');
    return post('/me/cancellation', { code }, auth(m.token));
  }

  it('shows what will be deleted, anonymised and kept, and that it cannot be undone', async () => {
    const m = await register();
    const res = await t.app.inject({ url: '/api/v1/me/cancellation/preview', headers: auth(m.token) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.irreversible).toBe(true);
    const actions = new Map(
      body.items.map((i: { category: string; action: string }) => [`${i.category}|${i.action}`, i]),
    );
    expect(actions.has('contact.phone|delete')).toBe(true);
    expect(actions.has('profile.nickname|anonymise')).toBe(true);
    const kept = body.items.find(
      (i: { category: string; action: string }) => i.category === 'consent.record',
    );
    expect(kept.action).toBe('keep');
    expect(kept.reason.zh.length).toBeGreaterThan(0);
  });

  it('refuses the preview and the cancellation to anyone signed out', async () => {
    const preview = await t.app.inject({ url: '/api/v1/me/cancellation/preview' });
    expect(preview.statusCode).toBe(401);
    expect(preview.json().code).toBe('auth.unauthenticated');
    const res = await post('/me/cancellation', { code: '123456' });
    expect(res.statusCode).toBe(401);
  });

  it('refuses a missing or wrong code and leaves the account as it was', async () => {
    const m = await register();
    const none = await post('/me/cancellation', {}, auth(m.token));
    expect(none.statusCode).toBe(400);
    expect(none.json().code).toBe('validation.failed');
    const right = await codeFor(m.phone.e164, 'cancel-account');
    const wrong = await post(
      '/me/cancellation',
      { code: right === '000000' ? '111111' : '000000' },
      auth(m.token),
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('sms.code_invalid');
    const loginCode = await codeFor(m.phone.e164, 'login');
    const other = await post('/me/cancellation', { code: loginCode }, auth(m.token));
    expect(other.json().code).toBe('sms.code_invalid'); // a code of another purpose does not count
    const me = await t.app.inject({ url: '/api/v1/me', headers: auth(m.token) });
    expect(me.statusCode).toBe(200);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, m.userId));
    expect(row.status).toBe('active');
    expect(
      await t.database.db.select().from(erasureReceipts).where(eq(erasureReceipts.userId, m.userId)),
    ).toEqual([]);
  });

  it('erases everything recognisable: no trace in the database, the uploads or the log', async () => {
    const tag = await makeTag(t.database.db);
    const column = await makeColumn(t.database.db);
    const m = await register({ tags: [tag] });
    const second = await post('/auth/login', { phone: m.phone.national, password: PASSWORD });
    expect(second.statusCode).toBe(200);
    const nickname = `挖掘机老张${Date.now() % 100000}`;
    const bio = 'Recognisable bio: 三一重工 SY215 operator since 1998';
    const birthday = '1987-06-23';
    const email = `zhang.residue.${Date.now()}@example.org`;
    const patch = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: auth(m.token),
      payload: { nickname, bio, birthday, gender: 'male' },
    });
    expect(patch.statusCode).toBe(200);
    const cols = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/columns',
      headers: auth(m.token),
      payload: { columns: [column] },
    });
    expect(cols.statusCode).toBe(200);
    const image = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#cc8800' } })
      .jpeg()
      .toBuffer();
    const body = multipartBody(image);
    const avatar = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/avatar',
      headers: { ...auth(m.token), ...body.headers },
      payload: body.payload,
    });
    expect(avatar.statusCode).toBe(200);
    // Favourites, follows and behaviour records (the member consented to personalisation).
    const article = await makeArticle(t.database.db, { columnId: column });
    for (const [method, url, payload] of [
      ['PUT', `/me/favorites/${article.id}`, undefined],
      ['PUT', `/me/follows/column/${column}`, undefined],
      ['POST', `/articles/${article.id}/views`, { dwellMs: 12_000 }],
      ['POST', `/articles/${article.id}/shares`, { channel: 'wechat' }],
      [
        'POST',
        '/events',
        { events: [{ type: 'click', articleId: article.id, source: 'feed', position: 2 }] },
      ],
    ] as const) {
      const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: auth(m.token), payload });
      expect(res.statusCode, `${method} ${url}`).toBeLessThan(300);
    }
    const history = await t.app.inject({ url: '/api/v1/me/history', headers: auth(m.token) });
    expect(history.json().items).toHaveLength(1);
    const subject = `wechat-union-${Date.now()}`;
    await linkIdentity(t.app.ctx, { userId: m.userId, provider: 'wechat', subject, email });
    // A comment another member answered, and a lone one: the thread keeps a placeholder only.
    const commented = await makeArticle(t.database.db);
    const comment = 'Recognisable comment: 徐工 XE215DA 液压系统漏油 residue-check';
    const posted = await post(`/articles/${commented.id}/comments`, { body: comment }, auth(m.token));
    expect(posted.statusCode).toBe(201);
    const lone = await post(
      `/articles/${commented.id}/comments`,
      { body: `${comment} (lone)` },
      auth(m.token),
    );
    expect(lone.statusCode).toBe(201);
    const other = await register();
    const reply = await post(
      `/articles/${commented.id}/comments`,
      { body: '另一位会员的回复', replyTo: posted.json().id },
      auth(other.token),
    );
    expect(reply.statusCode).toBe(201);

    // The stored forms of the values: the phone and the rest are encrypted at rest.
    const [before] = await t.database.db.select().from(users).where(eq(users.id, m.userId));
    const [identity] = await t.database.db
      .select()
      .from(userIdentities)
      .where(eq(userIdentities.userId, m.userId));
    expect(before.avatarPath).toMatch(/^avatars\//);
    const avatarFile = path.join(t.config.dataDir, 'uploads', before.avatarPath!);
    await expect(readFile(avatarFile)).resolves.toBeDefined();

    const res = await cancel(m);
    expect(res.statusCode).toBe(202);
    const { receiptId, status } = res.json();
    expect(status).toBe('pending');
    expect(receiptId).toMatch(/^er_/);
    expect(await runErasure(t.app.ctx, receiptId)).toBeOneOf(['completed', undefined]);

    const [receipt] = await t.database.db
      .select()
      .from(erasureReceipts)
      .where(eq(erasureReceipts.id, receiptId));
    expect(receipt.status).toBe('completed');
    expect(receipt.verification).toMatchObject({ ok: true, residue: [] });
    const byTable = new Map(receipt.steps.map((s) => [s.table, s]));
    expect(byTable.get('users')).toMatchObject({ action: 'erase-columns', rows: 1, done: true });
    expect(byTable.get('member_sessions')).toMatchObject({ action: 'delete-rows', rows: 2 });
    expect(byTable.get('user_tags')).toMatchObject({ action: 'delete-rows', rows: 1 });
    expect(byTable.get('user_columns')).toMatchObject({ action: 'delete-rows', rows: 1 });
    expect(byTable.get('user_identities')).toMatchObject({ action: 'delete-rows', rows: 1 });
    expect(byTable.get('registration_consents')).toMatchObject({ action: 'keep' });
    expect(byTable.get('favorites')).toMatchObject({ action: 'delete-rows', rows: 1 });
    expect(byTable.get('follows')).toMatchObject({ action: 'delete-rows', rows: 1 });
    expect(byTable.get('browsing_history')).toMatchObject({ action: 'delete-rows', rows: 1 });
    expect(byTable.get('click_records')).toMatchObject({ action: 'delete-rows', rows: 2 });
    expect(byTable.get('uploads')).toMatchObject({ action: 'remove-uploads', rows: 1 });
    expect(byTable.get('comments')).toMatchObject({ action: 'delete-rows', done: true });
    const thread = await t.app.inject({ url: `/api/v1/articles/${commented.id}/comments` });
    expect(thread.json().items).toMatchObject([
      { status: 'deleted', body: null, author: null, replies: [{ body: '另一位会员的回复' }] },
    ]);
    // The article counts the one visible comment left (recounted after the erasure).
    const shown = await t.app.inject({ url: `/api/v1/articles/${commented.id}` });
    expect(shown.json().counts.comments).toBe(1);

    const [after] = await t.database.db.select().from(users).where(eq(users.id, m.userId));
    expect(after).toMatchObject({
      status: 'cancelled',
      phoneCiphertext: null,
      phoneIndex: null,
      passwordHash: null,
      nickname: null,
      avatarPath: null,
      bioCiphertext: null,
      birthdayCiphertext: null,
    });

    const needles = {
      e164: m.phone.e164,
      national: m.phone.national,
      masked: `${m.phone.national.slice(0, 3)}****${m.phone.national.slice(7)}`,
      nickname,
      bio: 'SY215 operator since 1998',
      birthday,
      email,
      subject,
      comment: 'XE215DA 液压系统漏油 residue-check',
      phoneCiphertext: before.phoneCiphertext!,
      phoneIndex: before.phoneIndex!,
      bioCiphertext: before.bioCiphertext!,
      birthdayCiphertext: before.birthdayCiphertext!,
      identitySubject: identity.subjectCiphertext,
      identityIndex: identity.subjectIndex,
      identityEmail: identity.emailCiphertext!,
      avatar: path.basename(before.avatarPath!, '.webp'),
    };
    const hits: string[] = [];
    for (const [table, text] of await databaseText(t.database.db)) {
      for (const [name, needle] of Object.entries(needles)) {
        // The receipt names the random avatar file it removed (and the verification checks it).
        if (name === 'avatar' && table === 'erasure_receipts') continue;
        if (text.includes(needle)) hits.push(`db ${table}: ${name}`);
      }
    }
    // The data directory less the development SMS outbox (the gateway's copy of texts sent).
    for (const file of await filesUnder(t.config.dataDir, ['outbox'])) {
      const text = (await readFile(file)).toString('latin1');
      for (const [name, needle] of Object.entries(needles)) {
        if (text.includes(needle) || file.includes(needle)) hits.push(`file ${path.basename(file)}: ${name}`);
      }
    }
    for (const [name, needle] of Object.entries(needles)) {
      if (log.text().includes(needle)) hits.push(`log: ${name}`);
    }
    expect(hits).toEqual([]);
    await expect(readFile(avatarFile)).rejects.toThrow();

    // After: the tokens are dead, the password is gone, and the phone is free for a new person.
    const me = await t.app.inject({ url: '/api/v1/me', headers: auth(m.token) });
    expect(me.statusCode).toBe(401);
    const again = await post('/me/cancellation', { code: '123456' }, auth(m.token));
    expect(again.statusCode).toBe(401);
    const login = await post('/auth/login', { phone: m.phone.national, password: PASSWORD });
    expect(login.statusCode).toBe(401);
    const code = await codeFor(m.phone.e164, 'register');
    const fresh = await post('/auth/register', {
      phone: m.phone.national,
      code,
      password: PASSWORD,
      policyVersion: CURRENT_POLICY_VERSION,
      consents: { account: true },
    });
    expect(fresh.statusCode).toBe(201);
    const newUser = fresh.json().user;
    expect(newUser.id).not.toBe(m.userId);
    const profile = await t.app.inject({ url: '/api/v1/me', headers: auth(fresh.json().token) });
    expect(profile.json()).toMatchObject({
      nickname: null,
      bio: null,
      birthday: null,
      avatarUrl: null,
      tags: [],
    });
  });

  it('lets a child without a guardian’s consent see the preview and cancel', async () => {
    const m = await register();
    await t.database.db.update(users).set({ ageGroup: 'child' }).where(eq(users.id, m.userId));
    const tags = await t.app.inject({ url: '/api/v1/me/tags', headers: auth(m.token) });
    expect(tags.statusCode).toBe(403); // the gate is closed for everything else
    const preview = await t.app.inject({ url: '/api/v1/me/cancellation/preview', headers: auth(m.token) });
    expect(preview.statusCode).toBe(200);
    const res = await cancel(m);
    expect(res.statusCode).toBe(202);
    expect(await runErasure(t.app.ctx, res.json().receiptId)).toBeOneOf(['completed', undefined]);
  });

  it('refuses a second cancellation of an account already cancelled', async () => {
    const m = await register();
    const code = await codeFor(m.phone.e164, 'cancel-account');
    // Two requests with the same code at once: one wins, the other is refused.
    const [a, b] = await Promise.all([
      post('/me/cancellation', { code }, auth(m.token)),
      post('/me/cancellation', { code }, auth(m.token)),
    ]);
    expect([a.statusCode, b.statusCode].filter((s) => s === 202)).toHaveLength(1);
    const receipts = await t.database.db
      .select()
      .from(erasureReceipts)
      .where(eq(erasureReceipts.userId, m.userId));
    expect(receipts).toHaveLength(1);
    const later = await post('/me/cancellation', { code }, auth(m.token));
    expect(later.statusCode).toBe(401);
    await runErasure(t.app.ctx, receipts[0].id);
  });
});
