import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeMember, makeTag } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { users } from '../accounts/tables.ts';
import { INITIAL_POLICY_VERSION } from '../consent/policy-text.ts';
import { childDataAccesses } from '../guardian/access-log.ts';
import { MemberCipher } from '../keys/member-keys.ts';
import { MEMBERS_PAGE } from './service.ts';
import { logOf, MEMBERS, masked, national, nicknameOf, staffOf } from './testing.ts';

describe('console: members', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('refuses anonymous requests and roles other than support, compliance and admin', async () => {
    const m = await makeMember(t.app);
    expect((await t.app.inject({ url: MEMBERS })).statusCode).toBe(401);
    for (const role of ['editor', 'reviewer', 'contributor'] as const) {
      const staff = await staffOf(t.app, role);
      for (const res of [
        await staff.get(MEMBERS),
        await staff.get(`${MEMBERS}/${m.userId}`),
        await staff.post(`${MEMBERS}/${m.userId}/reveal-phone`, { reason: '核实会员身份信息' }),
        await staff.post(`${MEMBERS}/${m.userId}/suspend`, { reason: '违规发布广告信息' }),
      ]) {
        expect(res.statusCode, `${role}: ${res.body}`).toBe(403);
        expect(res.json().code).toBe('auth.forbidden');
      }
      expect(await logOf(t.app, staff.id)).toEqual([]);
    }
    for (const role of ['support', 'compliance', 'admin'] as const) {
      const staff = await staffOf(t.app, role);
      expect((await staff.get(`${MEMBERS}/${m.userId}`)).statusCode, role).toBe(200);
    }
  });

  it('shows phones masked in the list and the record, and logs each call', async () => {
    const tag = await makeTag(t.database.db);
    const m = await makeMember(t.app, { nickname: nicknameOf('挖机'), tagIds: [tag], ipRegion: '北京' });
    const support = await staffOf(t.app, 'support');

    const list = await support.get(MEMBERS);
    expect(list.statusCode, list.body).toBe(200);
    const item = list.json().items.find((i: { id: number }) => i.id === m.userId);
    expect(item).toMatchObject({
      phone: masked(m.phone),
      status: 'active',
      ageGroup: 'adult',
      ipRegion: '北京',
    });
    expect(list.body).not.toContain(national(m.phone));

    const detail = await support.get(`${MEMBERS}/${m.userId}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json()).toMatchObject({
      id: m.userId,
      phone: masked(m.phone),
      tags: [{ id: tag }],
      sessionCount: 1,
      consents: [{ purpose: 'account', granted: true, policyVersion: INITIAL_POLICY_VERSION }],
    });
    expect(detail.body).not.toContain(national(m.phone));

    const [view, listed] = await logOf(t.app, support.id);
    expect(listed).toMatchObject({ action: 'member.list', targetUserId: null, reason: null });
    expect(view).toMatchObject({
      action: 'member.view',
      targetUserId: m.userId,
      requestId: detail.headers['x-request-id'],
    });
  });

  it('reveals the full number only with a reason, and records the reason', async () => {
    const m = await makeMember(t.app);
    const compliance = await staffOf(t.app, 'compliance');
    const url = `${MEMBERS}/${m.userId}/reveal-phone`;
    for (const body of [{}, { reason: 'abc' }, { reason: '   ab   ' }]) {
      const res = await compliance.post(url, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().errors[0].path).toBe('body.reason');
    }
    expect(await logOf(t.app, compliance.id)).toEqual([]);

    const res = await compliance.post(url, { reason: '  会员来电要求核实绑定手机号  ' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ phone: m.phone });
    const [entry] = await logOf(t.app, compliance.id);
    expect(entry).toMatchObject({
      action: 'member.reveal_phone',
      targetUserId: m.userId,
      reason: '会员来电要求核实绑定手机号',
      requestId: res.headers['x-request-id'],
    });
  });

  it('reports reads of a child’s record to the guardian capability’s log as well', async () => {
    const child = await makeMember(t.app);
    const adult = await makeMember(t.app);
    await t.database.db.update(users).set({ ageGroup: 'child' }).where(eq(users.id, child.userId));
    const support = await staffOf(t.app, 'support');
    expect((await support.get(`${MEMBERS}/${child.userId}`)).json().ageGroup).toBe('child');
    await support.post(`${MEMBERS}/${child.userId}/reveal-phone`, { reason: '监护人来电核实身份' });
    await support.get(`${MEMBERS}/${adult.userId}`);
    const reads = await childDataAccesses(t.app.ctx, child.userId);
    expect(reads.map((r) => [r.staffId, r.what])).toEqual([
      [support.id, 'phone'],
      [support.id, 'profile'],
    ]);
    expect(await childDataAccesses(t.app.ctx, adult.userId)).toEqual([]);
  });

  it('finds a member by whole phone number through the blind index, decrypting only the match', async () => {
    const members = [await makeMember(t.app), await makeMember(t.app), await makeMember(t.app)];
    const support = await staffOf(t.app, 'support');
    // Phones are under each member's data key (modules/keys/member-keys.ts).
    const decrypt = vi.spyOn(MemberCipher.prototype, 'decrypt');
    try {
      for (const q of [
        national(members[1].phone),
        members[1].phone,
        `${national(members[1].phone).slice(0, 3)} ${national(members[1].phone).slice(3)}`,
      ]) {
        decrypt.mockClear();
        const res = await support.get(`${MEMBERS}?q=${encodeURIComponent(q)}`);
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json().items.map((i: { id: number }) => i.id)).toEqual([members[1].userId]);
        // One decryption: masking the one row found. Searching itself decrypted nothing.
        expect(decrypt).toHaveBeenCalledTimes(1);
      }
      const none = await support.get(`${MEMBERS}?q=13800000000`);
      expect(none.json().items).toEqual([]);
    } finally {
      decrypt.mockRestore();
    }
  });

  it('finds members by nickname prefix, without regard to case, with wildcards taken literally', async () => {
    const prefix = nicknameOf('Crane');
    const a = await makeMember(t.app, { nickname: `${prefix}a` });
    const b = await makeMember(t.app, { nickname: `${prefix}b` });
    await makeMember(t.app, { nickname: nicknameOf('Loader') });
    const support = await staffOf(t.app, 'support');
    const res = await support.get(`${MEMBERS}?q=${prefix.toLowerCase()}`);
    expect(res.json().items.map((i: { id: number }) => i.id)).toEqual([b.userId, a.userId]);
    for (const q of ['%', '_', '\\']) {
      expect((await support.get(`${MEMBERS}?q=${encodeURIComponent(q)}`)).json().items).toEqual([]);
    }
  });

  it('lists newest first in pages, and filters by status', async () => {
    for (let i = 0; i < MEMBERS_PAGE + 2; i++) await makeMember(t.app);
    const support = await staffOf(t.app, 'support');
    const first = (await support.get(MEMBERS)).json();
    expect(first.items).toHaveLength(MEMBERS_PAGE);
    expect(first.nextCursor).toBe(String(first.items.at(-1).id));
    const second = (await support.get(`${MEMBERS}?before=${first.nextCursor}`)).json();
    const ids = [...first.items, ...second.items].map((i: { id: number }) => i.id);
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
    expect(new Set(ids).size).toBe(ids.length);

    const m = await makeMember(t.app);
    await t.database.db.update(users).set({ status: 'suspended' }).where(eq(users.id, m.userId));
    const suspended = (await support.get(`${MEMBERS}?status=suspended`)).json().items;
    expect(suspended.map((i: { id: number }) => i.id)).toContain(m.userId);
    expect(suspended.every((i: { status: string }) => i.status === 'suspended')).toBe(true);
  });

  it('answers bad input plainly: unknown id 404, malformed id or status 400, no phone 409', async () => {
    const support = await staffOf(t.app, 'support');
    const unknown = await support.get(`${MEMBERS}/999999999`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('account.not_found');
    expect(
      (await support.post(`${MEMBERS}/999999999/reveal-phone`, { reason: '核实会员身份' })).statusCode,
    ).toBe(404);
    expect((await support.get(`${MEMBERS}/abc`)).statusCode).toBe(400);
    const status = await support.get(`${MEMBERS}?status=lost`);
    expect(status.statusCode).toBe(400);
    expect(status.json().errors[0].path).toBe('querystring.status');

    // Demo members have no phone bound.
    const [bare] = await t.database.db
      .insert(users)
      .values({ nickname: nicknameOf('演示') })
      .returning();
    const none = await support.post(`${MEMBERS}/${bare.id}/reveal-phone`, { reason: '核实会员身份' });
    expect(none.statusCode).toBe(409);
    expect(none.json().code).toBe('member.no_phone');
    expect((await support.get(`${MEMBERS}/${bare.id}`)).json().phone).toBeNull();
  });
});
