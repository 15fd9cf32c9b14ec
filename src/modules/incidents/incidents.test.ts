import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { fixedClock } from '../../platform/clock.ts';
import { makeMember } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { outbox, testPhone } from '../../testing/outbox.ts';
import { users } from '../accounts/tables.ts';
import { guardianConsents } from '../guardian/tables.ts';
import { staffOf } from '../members/testing.ts';

const INCIDENTS = '/api/v1/console/incidents';
const both = (zh: string, en: string) => ({ zh, en });
const draft = (over: Record<string, unknown> = {}) => ({
  title: both('测试数据库备份泄露', 'Test backup exposure'),
  categories: ['contact.phone', 'profile.nickname'],
  cause: both(
    '一份备份文件被错误地放在可公开访问的位置。',
    'A backup file was placed where anyone could read it.',
  ),
  possibleHarm: both('手机号可能被用于骚扰电话。', 'Phone numbers might be used for nuisance calls.'),
  measures: both('已删除该文件并轮换了访问密钥。', 'The file was removed and the access keys rotated.'),
  advice: both('请警惕自称客服的来电。', 'Be wary of calls claiming to be our support.'),
  contact: 'privacy@ccm.example.cn',
  discoveredAt: '2026-11-20T02:00:00Z',
  audience: 'listed',
  ...over,
});

describe('security incidents', () => {
  let t: TestApp;
  const clock = fixedClock(new Date('2026-11-25T02:00:00Z'));
  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(() => t.close());

  it('refuses an incident without categories, with unknown ones, or "listed" without members', async () => {
    const officer = await staffOf(t.app, 'compliance');
    for (const body of [
      draft({ categories: [] }),
      draft({ categories: ['shoe.size'] }),
      draft({ affectedUserIds: [] }),
    ]) {
      const res = await officer.post(INCIDENTS, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().code).toBe('validation.failed');
    }
  });

  it('is recorded only by compliance officers and admins', async () => {
    const editor = await staffOf(t.app, 'editor');
    expect((await editor.post(INCIDENTS, draft({ affectedUserIds: [1] }))).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: INCIDENTS, payload: draft() })).statusCode).toBe(401);
  });

  it('tells each listed member in the app and by SMS, a child through the guardian, and only once', async () => {
    const officer = await staffOf(t.app, 'compliance');
    const adult = await makeMember(t.app);
    const child = await makeMember(t.app);
    const bystander = await makeMember(t.app);
    const guardian = testPhone();
    await t.database.db.update(users).set({ ageGroup: 'child' }).where(eq(users.id, child.userId));
    await t.database.db.insert(guardianConsents).values({
      userId: child.userId,
      decision: 'granted',
      guardianPhoneIndex: t.app.ctx.keyring.blindIndex('phone', guardian.e164),
      guardianPhoneCiphertext: t.app.ctx.keyring.encrypt(guardian.e164, 'guardian_consents.guardian_phone'),
      noticeVersion: 'test',
      noticeHash: 'test',
      channel: 'web',
      decidedAt: clock.now(),
    });

    const created = await officer.post(INCIDENTS, draft({ affectedUserIds: [adult.userId, child.userId] }));
    expect(created.statusCode, created.body).toBe(201);
    const incident = created.json();
    expect(incident.reference).toMatch(/^INC-2026-\d{4}$/);
    expect(incident.status).toBe('draft');

    const told = await officer.post(`${INCIDENTS}/${incident.id}/notify`, {});
    expect(told.statusCode, told.body).toBe(200);
    expect(told.json()).toMatchObject({
      status: 'notified',
      notifiedMembers: 2,
      notifiedBySms: 2,
      notifiedGuardians: 1,
    });

    const sent = (await outbox(t.config.dataDir)).filter((m) => m.purpose === 'incident');
    expect(sent.map((m) => m.to).sort()).toEqual([adult.phone, guardian.e164].sort());
    expect(sent.every((m) => m.text.includes(incident.reference) && !m.code)).toBe(true);

    const inbox = await t.app.inject({ url: '/api/v1/me/notices', headers: adult.headers });
    expect(inbox.json().items).toHaveLength(1);
    expect(inbox.json().items[0]).toMatchObject({ reference: incident.reference, advice: draft().advice });
    const none = await t.app.inject({ url: '/api/v1/me/notices', headers: bystander.headers });
    expect(none.json().items).toEqual([]);

    // A second notify is refused: nobody is told twice, and the record is now fixed.
    expect((await officer.post(`${INCIDENTS}/${incident.id}/notify`, {})).json().code).toBe(
      'incident.already_notified',
    );
    const edit = await t.app.inject({
      method: 'PUT',
      url: `${INCIDENTS}/${incident.id}`,
      cookies: officer.cookies,
      headers: officer.headers,
      payload: draft({ affectedUserIds: [bystander.userId] }),
    });
    expect(edit.statusCode).toBe(409);

    // Members mark their notice read; another member cannot touch it.
    const noticeId = inbox.json().items[0].id;
    const foreign = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/notices/${noticeId}/read`,
      headers: bystander.headers,
    });
    expect(foreign.statusCode).toBe(404);
    const read = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/notices/${noticeId}/read`,
      headers: adult.headers,
    });
    expect(read.statusCode).toBe(204);
  });

  it('publishes an announcement when individual notice is impossible', async () => {
    const officer = await staffOf(t.app, 'compliance');
    const created = (
      await officer.post(INCIDENTS, draft({ audience: 'announcement', title: both('公告事件', 'Announced') }))
    ).json();
    const before = await t.app.inject({ url: '/api/v1/announcements' });
    expect(before.json().items.some((a: { reference: string }) => a.reference === created.reference)).toBe(
      false,
    );
    await officer.post(`${INCIDENTS}/${created.id}/notify`, {});
    const after = await t.app.inject({ url: '/api/v1/announcements' });
    expect(after.json().items.some((a: { reference: string }) => a.reference === created.reference)).toBe(
      true,
    );
  });

  it('exports the regulator report in both languages, with counts and no phone numbers', async () => {
    const officer = await staffOf(t.app, 'compliance');
    const member = await makeMember(t.app);
    const created = (await officer.post(INCIDENTS, draft({ affectedUserIds: [member.userId] }))).json();
    await officer.post(`${INCIDENTS}/${created.id}/notify`, {});
    const zh = await officer.get(`${INCIDENTS}/${created.id}/report?lang=zh-CN`);
    expect(zh.statusCode).toBe(200);
    expect(zh.headers['content-type']).toContain('text/markdown');
    expect(zh.headers['content-disposition']).toContain(`${created.reference}-zh-CN.md`);
    expect(zh.body).toContain('测试数据库备份泄露');
    expect(zh.body).toContain('手机号码');
    expect(zh.body).toContain('已在App内通知 1 名用户');
    expect(zh.body).not.toContain(member.phone.slice(3));
    const en = await officer.get(`${INCIDENTS}/${created.id}/report?lang=en`);
    expect(en.body).toContain('Possible harm');
    expect((await officer.get(`${INCIDENTS}/999999/report`)).statusCode).toBe(404);
    expect((await officer.get(`${INCIDENTS}/abc/report`)).statusCode).toBe(400);
  });

  it('keeps notice records free of anything that identifies a person but the account id', async () => {
    const rows = await queryRows<{ column_name: string }>(
      t.database.db,
      sql`SELECT column_name FROM information_schema.columns WHERE table_name = 'incident_notices'`,
    );
    expect(rows.map((r) => r.column_name).sort()).toEqual(
      ['id', 'incident_id', 'notified_at', 'read_at', 'sms_sent', 'user_id', 'via_guardian'].sort(),
    );
  });
});
