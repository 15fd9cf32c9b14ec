/** Requirement 13: a child's account is gated until a guardian, proven by an SMS code, agrees. */
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.ts';
import { makeMember } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { lastCode, outbox, testPhone } from '../../testing/outbox.ts';
import { createSession } from '../accounts/sessions.ts';
import { hasConsent } from '../consent/guard.ts';
import { GUARDIAN_NOTICE_VERSION } from './notice.ts';
import { guardianConsents, guardianRequests } from './tables.ts';
import { guardianCode, type Headers, injector, memberBornOn, otherCode } from './testing.ts';

const CHILD_BIRTHDAY = '2016-03-10'; // 10 years old on the test clock
const MINUTE = 60_000;

describe('guardian consent', () => {
  let t: TestApp;
  let inject: ReturnType<typeof injector>;
  const clock = fixedClock(new Date('2026-06-01T04:00:00Z'));
  beforeAll(async () => {
    t = await createTestApp({ clock });
    inject = injector(t);
  });
  afterAll(() => t.close());

  const putTags = (headers: Headers) =>
    inject({ method: 'PUT', url: '/me/tags', headers, payload: { tags: [] } });
  const askGuardian = (headers: Headers, guardianPhone: string) =>
    inject({ method: 'POST', url: '/me/guardian', headers, payload: { guardianPhone } });
  const decide = (
    headers: Headers,
    code: string,
    decision: 'accept' | 'refuse',
    noticeVersion = GUARDIAN_NOTICE_VERSION,
  ) =>
    inject({
      method: 'POST',
      url: '/me/guardian/decision',
      headers,
      payload: { code, decision, noticeVersion },
    });
  const ledger = (userId: number) =>
    t.database.db
      .select()
      .from(guardianConsents)
      .where(eq(guardianConsents.userId, userId))
      .orderBy(asc(guardianConsents.id));

  /** Signs in again through the API (SMS login), as the child would after being signed out. */
  async function signInAgain(phone: string): Promise<Headers> {
    expect(
      (await inject({ method: 'POST', url: '/auth/sms-codes', payload: { phone, purpose: 'login' } }))
        .statusCode,
    ).toBe(202);
    const code = await lastCode(t.config.dataDir, phone, 'login');
    const res = await inject({ method: 'POST', url: '/auth/login/sms', payload: { phone, code } });
    expect(res.statusCode, res.body).toBe(200);
    return { authorization: `Bearer ${res.json().token}` };
  }

  /** A child whose guardian (a fresh phone) was sent a code. */
  async function childAskingGuardian() {
    const child = await memberBornOn(t, CHILD_BIRTHDAY);
    const guardian = testPhone();
    const res = await askGuardian(child.headers, guardian.national);
    expect(res.statusCode, res.body).toBe(202);
    return { child, guardian, code: await guardianCode(t, guardian.e164) };
  }

  it('gates a child on account features, but leaves anonymous reading and the guardian flow open', async () => {
    const child = await memberBornOn(t, CHILD_BIRTHDAY);
    expect(child.me).toMatchObject({ ageGroup: 'child', guardianNotice: true, guardianStatus: 'none' });

    const refused = await putTags(child.headers);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().code).toBe('guardian.consent_required');
    for (const [method, url] of [
      ['GET', '/me/tags'],
      ['GET', '/me/columns'],
      ['GET', '/me/identities'],
    ] as const) {
      expect((await inject({ method, url, headers: child.headers })).json().code, url).toBe(
        'guardian.consent_required',
      );
    }

    // What needs no account works for everyone, signed in or not.
    for (const url of ['/feed', '/columns', '/guardian/notice']) {
      expect((await inject({ url, headers: child.headers })).statusCode, url).toBe(200);
      expect((await inject({ url })).statusCode, url).toBe(200);
    }
    // The routes open before consent.
    expect((await inject({ url: '/me', headers: child.headers })).statusCode).toBe(200);
    const corrected = await inject({
      method: 'PATCH',
      url: '/me',
      headers: child.headers,
      payload: { gender: 'male' },
    });
    expect(corrected.statusCode).toBe(200);
    expect((await inject({ url: '/me/sessions', headers: child.headers })).statusCode).toBe(200);
    const status = await inject({ url: '/me/guardian', headers: child.headers });
    expect(status.json()).toMatchObject({
      ageGroup: 'child',
      required: true,
      status: 'none',
      requestPending: false,
    });
    expect((await inject({ method: 'DELETE', url: '/me/sessions', headers: child.headers })).statusCode).toBe(
      204,
    );
    expect((await inject({ method: 'POST', url: '/auth/logout', headers: child.headers })).statusCode).toBe(
      204,
    );
  });

  it('sends the guardian a code, and accepting releases the account with who, which notice and how', async () => {
    const { child, guardian, code } = await childAskingGuardian();
    const sent = (await outbox(t.config.dataDir)).filter((m) => m.to === guardian.e164);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ purpose: 'guardian', kind: 'code' });
    expect(sent[0].text).toContain('监护人');
    const pending = await inject({ url: '/me/guardian', headers: child.headers });
    expect(pending.json()).toMatchObject({
      status: 'pending',
      requestPending: true,
      guardianPhone: `${guardian.national.slice(0, 3)}****${guardian.national.slice(7)}`,
    });
    expect((await putTags(child.headers)).statusCode).toBe(403);

    const notice = (await inject({ url: '/guardian/notice' })).json();
    clock.advance(MINUTE);
    const accepted = await decide(child.headers, code, 'accept', notice.version);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({
      status: 'granted',
      requestPending: false,
      noticeVersion: notice.version,
    });

    const tagsRes = await putTags(child.headers);
    expect(tagsRes.statusCode, tagsRes.body).toBe(200);
    expect((await inject({ url: '/me', headers: child.headers })).json()).toMatchObject({
      ageGroup: 'child',
      guardianStatus: 'granted',
    });
    const [record] = await ledger(child.userId);
    expect(record).toMatchObject({
      decision: 'granted',
      guardianPhoneIndex: t.app.ctx.keyring.blindIndex('phone', guardian.e164),
      noticeVersion: notice.version,
      noticeHash: notice.contentHash,
      channel: 'guardian',
      decidedAt: clock.now(),
    });
    const open = await t.database.db
      .select()
      .from(guardianRequests)
      .where(eq(guardianRequests.userId, child.userId));
    expect(open).toEqual([]);
    // The consent ledger holds the decision too, as the separate consent to children's data.
    expect(await hasConsent(t.app.ctx, child.userId, 'child-data')).toBe(true);
  });

  it('refuses a wrong code, a code sent to another phone and an outdated notice, without using up the code', async () => {
    const { child, code } = await childAskingGuardian();
    const wrong = await decide(child.headers, otherCode(code), 'accept');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('sms.code_invalid');

    // A real guardian code, but for a number the child did not name.
    const stranger = testPhone();
    const sms = await inject({
      method: 'POST',
      url: '/auth/sms-codes',
      payload: { phone: stranger.national, purpose: 'guardian' },
    });
    expect(sms.statusCode).toBe(202);
    const strangerCode = await guardianCode(t, stranger.e164);
    if (strangerCode !== code) {
      const elsewhere = await decide(child.headers, strangerCode, 'accept');
      expect(elsewhere.statusCode).toBe(400);
      expect(elsewhere.json().code).toBe('sms.code_invalid');
    }

    const outdated = await decide(child.headers, code, 'accept', '2020-01-01');
    expect(outdated.statusCode).toBe(409);
    expect(outdated.json()).toMatchObject({
      code: 'guardian.notice_outdated',
      currentVersion: GUARDIAN_NOTICE_VERSION,
    });

    expect((await putTags(child.headers)).statusCode).toBe(403);
    expect(await ledger(child.userId)).toEqual([]);
    expect((await inject({ url: '/me/guardian', headers: child.headers })).json().status).toBe('pending');

    // The right code still works, once.
    expect((await decide(child.headers, code, 'accept')).statusCode).toBe(200);
    const again = await decide(child.headers, code, 'accept');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('guardian.no_request');
  });

  it('records a refusal, signs the child out everywhere and keeps the gate after signing in again', async () => {
    const { child, code } = await childAskingGuardian();
    const otherDevice = await createSession(t.app.ctx.db, clock, child.userId, { userAgent: 'tablet' });
    const refused = await decide(child.headers, code, 'refuse');
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json()).toMatchObject({ status: 'refused', requestPending: false });
    expect(refused.cookies.find((c) => c.name === 'ccm_session')?.value).toBe('');

    for (const headers of [child.headers, { authorization: `Bearer ${otherDevice}` }]) {
      expect((await inject({ url: '/me', headers })).statusCode).toBe(401);
    }
    const back = await signInAgain(child.phone);
    expect((await inject({ url: '/me', headers: back })).json()).toMatchObject({ guardianStatus: 'refused' });
    expect((await putTags(back)).json().code).toBe('guardian.consent_required');
    expect((await ledger(child.userId)).map((r) => r.decision)).toEqual(['refused']);
  });

  it('lets a guardian withdraw consent the same way, which closes the gate again', async () => {
    const { child, guardian, code } = await childAskingGuardian();
    expect((await decide(child.headers, code, 'accept')).statusCode).toBe(200);
    expect((await putTags(child.headers)).statusCode).toBe(200);

    clock.advance(2 * MINUTE); // past the SMS cooldown for this number
    expect((await askGuardian(child.headers, guardian.e164)).statusCode).toBe(202);
    // Asking again does not close the gate: only the guardian's refusal does.
    expect((await inject({ url: '/me/guardian', headers: child.headers })).json()).toMatchObject({
      status: 'granted',
      requestPending: true,
    });
    expect((await putTags(child.headers)).statusCode).toBe(200);

    const withdrawal = await decide(child.headers, await guardianCode(t, guardian.e164), 'refuse');
    expect(withdrawal.json().status).toBe('refused');
    expect((await inject({ url: '/me', headers: child.headers })).statusCode).toBe(401);
    const back = await signInAgain(child.phone);
    expect((await putTags(back)).json().code).toBe('guardian.consent_required');
    expect((await ledger(child.userId)).map((r) => r.decision)).toEqual(['granted', 'refused']);
    expect(await hasConsent(t.app.ctx, child.userId, 'child-data')).toBe(false);
  });

  it('asks nothing of minors and adults, tells minors to read with a guardian, and refuses the own number', async () => {
    const guardian = testPhone();
    const adult = await makeMember(t.app);
    const adultMe = (await inject({ url: '/me', headers: adult.headers })).json();
    expect(adultMe).toMatchObject({ ageGroup: 'adult', guardianNotice: false });
    expect(adultMe.guardianStatus).toBeUndefined();
    const minor = await memberBornOn(t, '2010-01-01');
    expect(minor.me).toMatchObject({ ageGroup: 'minor', guardianNotice: true });
    expect(minor.me.guardianStatus).toBeUndefined();
    expect((await putTags(minor.headers)).statusCode).toBe(200);
    for (const m of [adult, minor]) {
      const res = await askGuardian(m.headers, guardian.national);
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('guardian.not_required');
    }
    expect((await inject({ url: '/me/guardian', headers: minor.headers })).json()).toMatchObject({
      required: false,
      status: 'none',
    });
    expect((await outbox(t.config.dataDir)).filter((m) => m.to === guardian.e164)).toEqual([]);

    const child = await memberBornOn(t, CHILD_BIRTHDAY);
    const own = await askGuardian(child.headers, child.phone);
    expect(own.statusCode).toBe(400);
    expect(own.json().errors).toEqual([
      { path: 'body.guardianPhone', message: 'is the phone number of this account' },
    ]);
    const bad = await askGuardian(child.headers, '12345');
    expect(bad.json().errors[0].path).toBe('body.guardianPhone');
    const none = await decide(child.headers, '123456', 'accept');
    expect(none.json().code).toBe('guardian.no_request');
  });

  it('serves a child awaiting a guardian the general feed, and personalises it again once the gate lifts', async () => {
    // Personalisation was granted before a child's birthday was given: the gate overrides it.
    const member = await makeMember(t.app, { consents: { account: true, personalization: true } });
    const feed = async (headers?: Headers) => {
      const res = await inject({ url: '/feed', headers });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: { id: number }[]; personalized: boolean };
    };
    expect((await feed(member.headers)).personalized).toBe(true);
    const birthday = (b: string) =>
      inject({ method: 'PATCH', url: '/me', headers: member.headers, payload: { birthday: b } });
    expect((await birthday(CHILD_BIRTHDAY)).json()).toMatchObject({ ageGroup: 'child' });
    const gated = await feed(member.headers);
    expect(gated.personalized).toBe(false);
    expect(gated.items.map((i) => i.id)).toEqual((await feed()).items.map((i) => i.id));
    expect((await birthday('1990-01-01')).json()).toMatchObject({ ageGroup: 'adult' });
    expect((await feed(member.headers)).personalized).toBe(true);
  });

  it('lifts the gate at once when a wrong birthday is corrected, and closes it when a child’s is given', async () => {
    const member = await makeMember(t.app);
    expect((await putTags(member.headers)).statusCode).toBe(200);
    await inject({
      method: 'PATCH',
      url: '/me',
      headers: member.headers,
      payload: { birthday: CHILD_BIRTHDAY },
    });
    expect((await putTags(member.headers)).statusCode).toBe(403);
    const fixed = await inject({
      method: 'PATCH',
      url: '/me',
      headers: member.headers,
      payload: { birthday: '1990-01-01' },
    });
    expect(fixed.json()).toMatchObject({ ageGroup: 'adult', guardianNotice: false });
    expect((await putTags(member.headers)).statusCode).toBe(200);
  });
});
