/**
 * Requirement 13 (policy part VII): a guardian, after SMS verification of their own phone, views,
 * corrects and deletes their child's data and cancels the child's account through the members'
 * own flows, and every action is on the child's guardian trail with no phone in plain text.
 */
import { asc, eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { lastCode, outbox, testPhone } from '../../testing/outbox.ts';
import { users } from '../accounts/tables.ts';
import { runErasure } from '../erasure/job.ts';
import { erasureReceipts } from '../erasure/tables.ts';
import { exportJob } from '../exports/job.ts';
import { rightsRequests } from '../requests/tables.ts';
import { GUARDIAN_COOKIE } from './access-routes.ts';
import { GUARDIAN_NOTICE_VERSION } from './notice.ts';
import { guardianActions, guardianSessions } from './tables.ts';
import { guardianCode, type Headers, injector, memberBornOn, otherCode } from './testing.ts';

const CHILD_BIRTHDAY = '2016-03-10'; // 10 years old on the test clock
const MINUTE = 60_000;

describe('a guardian acting for a child', () => {
  let t: TestApp;
  let inject: ReturnType<typeof injector>;
  const clock = fixedClock(new Date('2026-06-01T04:00:00Z'));
  beforeAll(async () => {
    t = await createTestApp({ clock });
    inject = injector(t, 9);
  });
  afterAll(() => t.close());

  /** A child whose guardian (a fresh phone, or the one given) accepted, and the guardian's phone. */
  async function childInCareOf(guardian = testPhone()) {
    const child = await memberBornOn(t, CHILD_BIRTHDAY);
    const asked = await inject({
      method: 'POST',
      url: '/me/guardian',
      headers: child.headers,
      payload: { guardianPhone: guardian.national },
    });
    expect(asked.statusCode, asked.body).toBe(202);
    const code = await guardianCode(t, guardian.e164);
    const decided = await inject({
      method: 'POST',
      url: '/me/guardian/decision',
      headers: child.headers,
      payload: { code, decision: 'accept', noticeVersion: GUARDIAN_NOTICE_VERSION },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    // The next code to this number (guardian-access) is not held back by the cooldown.
    clock.advance(MINUTE + 1000);
    return { child, guardian };
  }

  const askCode = (phone: string) =>
    inject({ method: 'POST', url: '/guardian/session/code', payload: { phone } });
  const accessCode = (e164: string) => lastCode(t.config.dataDir, e164, 'guardian-access');
  const open = (phone: string, code: string) =>
    inject({ method: 'POST', url: '/guardian/session', payload: { phone, code } });

  /** A guardian session through the API (bearer token). */
  async function signIn(guardian: { national: string; e164: string }): Promise<Headers> {
    expect((await askCode(guardian.national)).statusCode).toBe(202);
    const res = await open(guardian.national, await accessCode(guardian.e164));
    expect(res.statusCode, res.body).toBe(200);
    return { authorization: `Bearer ${res.json().token}` };
  }

  const trail = (userId: number) =>
    t.database.db
      .select()
      .from(guardianActions)
      .where(eq(guardianActions.userId, userId))
      .orderBy(asc(guardianActions.id));

  it('sends a code only to a consenting guardian, and answers every number alike', async () => {
    const { guardian } = await childInCareOf();
    const stranger = testPhone();
    const before = (await outbox(t.config.dataDir)).length;
    const known = await askCode(guardian.national);
    const unknown = await askCode(stranger.national);
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.json()).toEqual(known.json());
    const sent = (await outbox(t.config.dataDir)).slice(before);
    expect(sent.map((m) => m.to)).toEqual([guardian.e164]);
    expect(sent[0]).toMatchObject({ purpose: 'guardian-access' });
    // The stranger can only guess, and is told what a wrong code is told.
    const guessed = await open(stranger.national, '123456');
    expect(guessed.statusCode).toBe(400);
    expect(guessed.json().code).toBe('sms.code_invalid');
    // The cooldown counts for a stranger too: the limits do not tell the two apart.
    const again = await askCode(stranger.national);
    expect(again.statusCode).toBe(429);
    expect(again.json().code).toBe('rate_limited');
  });

  it('keeps guardian-access out of the public code route', async () => {
    const res = await inject({
      method: 'POST',
      url: '/auth/sms-codes',
      payload: { phone: testPhone().national, purpose: 'guardian-access' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation.failed');
  });

  it('refuses a wrong and an expired code, and bad input, as problems', async () => {
    const { guardian } = await childInCareOf();
    expect((await askCode(guardian.national)).statusCode).toBe(202);
    const code = await accessCode(guardian.e164);
    const wrong = await open(guardian.national, otherCode(code));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('sms.code_invalid');
    clock.advance(6 * MINUTE);
    const late = await open(guardian.national, code);
    expect(late.statusCode).toBe(400);
    expect(late.json().code).toBe('sms.code_expired');

    const malformed = await open(guardian.national, '12ab');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    expect(malformed.json().code).toBe('validation.failed');
    const badPhone = await askCode('not a phone');
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.json().code).toBe('validation.failed');
  });

  it('opens a 30-minute session that lists the child, by cookie with CSRF or by bearer token', async () => {
    const { child, guardian } = await childInCareOf();
    expect((await askCode(guardian.national)).statusCode).toBe(202);
    const res = await open(guardian.national, await accessCode(guardian.e164));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.children).toEqual([
      expect.objectContaining({ id: child.userId, nickname: child.me.nickname }),
    ]);
    expect(new Date(body.expiresAt).getTime() - clock.now().getTime()).toBe(30 * MINUTE);
    const cookies = Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
    expect(cookies[GUARDIAN_COOKIE]).toBe(body.token);
    expect(cookies.ccm_csrf).toBeTruthy();
    // The token is kept only hashed, and the session names the guardian only by the blind index.
    const [row] = await t.database.db.select().from(guardianSessions);
    expect(JSON.stringify(await t.database.db.select().from(guardianSessions))).not.toContain(body.token);
    expect(JSON.stringify(row)).not.toContain(guardian.e164.slice(3));

    const cookie = `${GUARDIAN_COOKIE}=${body.token}; ccm_csrf=${cookies.ccm_csrf}`;
    const viaCookie = await inject({ url: '/guardian/session', headers: { cookie } });
    expect(viaCookie.statusCode).toBe(200);
    const noCsrf = await inject({
      method: 'PATCH',
      url: `/guardian/children/${child.userId}`,
      headers: { cookie },
      payload: { bio: '你好' },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('auth.csrf_failed');
    const withCsrf = await inject({
      method: 'PATCH',
      url: `/guardian/children/${child.userId}`,
      headers: { cookie, 'x-csrf-token': cookies.ccm_csrf },
      payload: { bio: '你好' },
    });
    expect(withCsrf.statusCode, withCsrf.body).toBe(200);

    clock.advance(30 * MINUTE);
    const ended = await inject({
      url: '/guardian/session',
      headers: { authorization: `Bearer ${body.token}` },
    });
    expect(ended.statusCode).toBe(401);
    expect(ended.json().code).toBe('guardian.session_required');
    const none = await inject({ url: `/guardian/children/${child.userId}` });
    expect(none.statusCode).toBe(401);
  });

  it('views and corrects the child’s profile with the member’s rules, and keeps a trail', async () => {
    const { child, guardian } = await childInCareOf();
    const headers = await signIn(guardian);
    const view = await inject({ url: `/guardian/children/${child.userId}`, headers });
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({ id: child.userId, ageGroup: 'child', birthday: CHILD_BIRTHDAY });

    const nickname = `小明${child.userId}`;
    const fixed = await inject({
      method: 'PATCH',
      url: `/guardian/children/${child.userId}`,
      headers,
      payload: { nickname, gender: 'male' },
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ nickname, gender: 'male' });
    const [row] = await t.database.db.select().from(users).where(eq(users.id, child.userId));
    expect(row.nickname).toBe(nickname);

    const future = await inject({
      method: 'PATCH',
      url: `/guardian/children/${child.userId}`,
      headers,
      payload: { birthday: '2099-01-01' },
    });
    expect(future.statusCode).toBe(400);
    expect(future.json()).toMatchObject({ code: 'validation.failed' });
    const unknownField = await inject({
      method: 'PATCH',
      url: `/guardian/children/${child.userId}`,
      headers,
      payload: { phone: '13800000000' },
    });
    expect(unknownField.statusCode).toBe(400);

    const actions = await trail(child.userId);
    expect(actions.map((a) => [a.action, a.what])).toEqual([
      ['signed-in', null],
      ['viewed', 'profile'],
      ['profile-corrected', 'gender,nickname'],
    ]);
    const digits = guardian.e164.slice(3);
    expect(JSON.stringify(actions)).not.toContain(digits);
    for (const a of actions)
      expect(a.guardianPhoneIndex).toBe(t.app.ctx.keyring.blindIndex('phone', guardian.e164));
  });

  it('exports the child’s data and downloads the zip through the guardian’s route', async () => {
    const { child, guardian } = await childInCareOf();
    const headers = await signIn(guardian);
    const asked = await inject({
      method: 'POST',
      url: `/guardian/children/${child.userId}/exports`,
      headers,
      payload: { lang: 'zh-CN' },
    });
    expect(asked.statusCode, asked.body).toBe(202);
    await exportJob(t.app.ctx).settled();
    const list = await inject({ url: `/guardian/children/${child.userId}/exports`, headers });
    const [ready] = list.json().items;
    expect(ready).toMatchObject({ id: asked.json().id, status: 'ready' });
    expect(ready.downloadUrl).toBe(`/api/v1/guardian/children/${child.userId}/exports/${ready.id}/download`);
    const zip = await inject({ url: ready.downloadUrl, headers });
    expect(zip.statusCode, zip.body).toBe(200);
    const data = JSON.parse(strFromU8(unzipSync(new Uint8Array(zip.rawPayload))['data.json']));
    expect(JSON.stringify(data)).toContain(String(child.userId));
    // The guardian's own actions are the child's data, in the child's export.
    expect(JSON.stringify(data)).toContain('export-requested');
    expect((await trail(child.userId)).map((a) => a.action)).toContain('export-downloaded');

    // The member's route is not the guardian's: the guardian token is no member session.
    const asMember = await inject({ url: `/me/exports/${ready.id}`, headers });
    expect(asMember.statusCode).toBe(401);
  });

  it('opens rights requests on the child’s behalf, marked as the guardian’s for support', async () => {
    const { child, guardian } = await childInCareOf();
    const headers = await signIn(guardian);
    const res = await inject({
      method: 'POST',
      url: `/guardian/children/${child.userId}/requests`,
      headers,
      payload: { type: 'deletion', detail: '请删除孩子的浏览记录' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const [row] = await t.database.db
      .select()
      .from(rightsRequests)
      .where(eq(rightsRequests.id, res.json().id));
    expect(row).toMatchObject({ userId: child.userId, type: 'deletion', channel: 'guardian' });
    const list = await inject({ url: `/guardian/children/${child.userId}/requests`, headers });
    expect(list.json().items).toEqual([expect.objectContaining({ id: row.id, channel: 'guardian' })]);
    // The child sees it among their own requests too.
    const mine = await inject({ url: '/me/requests', headers: child.headers });
    expect(mine.json().items[0]).toMatchObject({ id: row.id, channel: 'guardian' });

    const noDetail = await inject({
      method: 'POST',
      url: `/guardian/children/${child.userId}/requests`,
      headers,
      payload: { type: 'correction' },
    });
    expect(noDetail.statusCode).toBe(400);
    expect(noDetail.json().code).toBe('validation.failed');
    expect((await trail(child.userId)).at(-1)).toMatchObject({
      action: 'request-opened',
      what: `deletion:${row.id}`,
    });
  });

  it('keeps each guardian to their own children', async () => {
    const a = await childInCareOf();
    const b = await childInCareOf();
    const headersA = await signIn(a.guardian);
    const attempts = [
      inject({ url: `/guardian/children/${b.child.userId}`, headers: headersA }),
      inject({
        method: 'PATCH',
        url: `/guardian/children/${b.child.userId}`,
        headers: headersA,
        payload: { nickname: '不是我的孩子' },
      }),
      inject({ method: 'POST', url: `/guardian/children/${b.child.userId}/exports`, headers: headersA }),
      inject({
        method: 'POST',
        url: `/guardian/children/${b.child.userId}/requests`,
        headers: headersA,
        payload: { type: 'access' },
      }),
      inject({
        method: 'POST',
        url: `/guardian/children/${b.child.userId}/cancellation`,
        headers: headersA,
        payload: { confirm: true },
      }),
      // An adult, and an account that does not exist, answer the same.
      inject({ url: '/guardian/children/999999999', headers: headersA }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().code).toBe('guardian.child_not_found');
    }
    const badId = await inject({ url: '/guardian/children/abc', headers: headersA });
    expect(badId.statusCode).toBe(400);
    expect(await trail(b.child.userId)).toHaveLength(0);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, b.child.userId));
    expect(row.status).toBe('active');
  });

  it('ends a guardian’s reach at a withdrawal, a refusal or a newer guardian, session or not', async () => {
    const { child, guardian } = await childInCareOf();
    const headers = await signIn(guardian);
    expect((await inject({ url: `/guardian/children/${child.userId}`, headers })).statusCode).toBe(200);

    // The child asks the same guardian again, who withdraws on the child's device.
    expect(
      (
        await inject({
          method: 'POST',
          url: '/me/guardian',
          headers: child.headers,
          payload: { guardianPhone: guardian.national },
        })
      ).statusCode,
    ).toBe(202);
    const code = await guardianCode(t, guardian.e164);
    const withdrawn = await inject({
      method: 'POST',
      url: '/me/guardian/decision',
      headers: child.headers,
      payload: { code, decision: 'refuse', noticeVersion: GUARDIAN_NOTICE_VERSION },
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);

    const after = await inject({ url: `/guardian/children/${child.userId}`, headers });
    expect(after.statusCode).toBe(404);
    const session = await inject({ url: '/guardian/session', headers });
    expect(session.json().children).toEqual([]);
    // A guardian who withdrew is sent no access code, and cannot open a session.
    clock.advance(MINUTE + 1000);
    const before = (await outbox(t.config.dataDir)).length;
    expect((await askCode(guardian.national)).statusCode).toBe(202);
    expect((await outbox(t.config.dataDir)).length).toBe(before);
  });

  it('gives a guardian who refused neither a code nor a session', async () => {
    const child = await memberBornOn(t, CHILD_BIRTHDAY);
    const guardian = testPhone();
    await inject({
      method: 'POST',
      url: '/me/guardian',
      headers: child.headers,
      payload: { guardianPhone: guardian.national },
    });
    const refused = await inject({
      method: 'POST',
      url: '/me/guardian/decision',
      headers: child.headers,
      payload: {
        code: await guardianCode(t, guardian.e164),
        decision: 'refuse',
        noticeVersion: GUARDIAN_NOTICE_VERSION,
      },
    });
    expect(refused.statusCode, refused.body).toBe(200);
    const before = (await outbox(t.config.dataDir)).length;
    expect((await askCode(guardian.national)).statusCode).toBe(202);
    expect((await outbox(t.config.dataDir)).length).toBe(before);
    const res = await open(guardian.national, '000000');
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('sms.code_invalid');
  });

  it('cancels the child’s account after the preview, and the erasure job runs', async () => {
    const { child, guardian } = await childInCareOf();
    const headers = await signIn(guardian);
    const preview = await inject({ url: `/guardian/children/${child.userId}/cancellation/preview`, headers });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ irreversible: true });
    expect(preview.json().items.length).toBeGreaterThan(0);

    const unconfirmed = await inject({
      method: 'POST',
      url: `/guardian/children/${child.userId}/cancellation`,
      headers,
      payload: { confirm: false },
    });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.json().code).toBe('validation.failed');

    const res = await inject({
      method: 'POST',
      url: `/guardian/children/${child.userId}/cancellation`,
      headers,
      payload: { confirm: true },
    });
    expect(res.statusCode, res.body).toBe(202);
    const { receiptId } = res.json();
    expect(receiptId).toMatch(/^er_/);
    expect(await runErasure(t.app.ctx, receiptId)).toBeOneOf(['completed', undefined]);
    const [receipt] = await t.database.db
      .select()
      .from(erasureReceipts)
      .where(eq(erasureReceipts.id, receiptId));
    expect(receipt).toMatchObject({ userId: child.userId, status: 'completed' });
    expect(receipt.verification).toMatchObject({ ok: true, residue: [] });

    // The child is signed out; the account is out of the guardian's care; the trail is kept.
    expect((await inject({ url: '/me', headers: child.headers })).statusCode).toBe(401);
    expect((await inject({ url: `/guardian/children/${child.userId}`, headers })).statusCode).toBe(404);
    expect((await trail(child.userId)).at(-1)).toMatchObject({
      action: 'account-cancelled',
      what: receiptId,
    });
  });

  it('lets a guardian sign out', async () => {
    const { guardian } = await childInCareOf();
    const headers = await signIn(guardian);
    const out = await inject({ method: 'DELETE', url: '/guardian/session', headers });
    expect(out.statusCode).toBe(204);
    expect((await inject({ url: '/guardian/session', headers })).statusCode).toBe(401);
  });
});
