import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.ts';
import { makeMember } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { outbox } from '../../testing/outbox.ts';
import { users } from '../accounts/tables.ts';
import { openCancellation } from '../erasure/cancellation.ts';
import { runErasure } from '../erasure/job.ts';
import { staffOf } from '../members/testing.ts';
import { COLLECTING, runServiceEndIfDue } from './service-end.ts';

const END = '/api/v1/console/service-end';
const DAY = 86_400_000;
const message = { zh: 'CCM 将停止运营。', en: 'CCM is closing.' };

describe('the end of the service', () => {
  let t: TestApp;
  const clock = fixedClock(new Date('2026-11-25T02:00:00Z'));
  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(() => t.close());

  const at = (days: number) => new Date(clock.now().getTime() + days * DAY).toISOString();

  it('guards every collecting route it names (each is a declared route)', () => {
    for (const c of COLLECTING) {
      expect(t.app.hasRoute({ method: c.method as 'POST', url: c.url }), `${c.method} ${c.url}`).toBe(true);
    }
  });

  it('must be announced at least 30 days ahead, by an admin', async () => {
    const admin = await staffOf(t.app, 'admin');
    const officer = await staffOf(t.app, 'compliance');
    const short = await admin.post(END, { endsAt: at(29), message });
    expect(short.statusCode).toBe(400);
    expect(short.json().code).toBe('service.notice_too_short');
    expect((await officer.post(END, { endsAt: at(40), message })).statusCode).toBe(403);
    expect((await admin.post(END, { endsAt: 'soon', message })).statusCode).toBe(400);
    expect((await t.app.inject('/api/v1/service-status')).json().mode).toBe('normal');
  });

  it('tells members, stops collecting, and erases everyone on the day', async () => {
    const admin = await staffOf(t.app, 'admin');
    const member = await makeMember(t.app);
    const announced = await admin.post(END, { endsAt: at(31), message });
    expect(announced.statusCode, announced.body).toBe(200);
    expect(announced.json().mode).toBe('ending');

    const status = (await t.app.inject('/api/v1/service-status')).json();
    expect(status).toMatchObject({ mode: 'ending', message });
    const sms = (await outbox(t.config.dataDir)).filter(
      (m) => m.purpose === 'service-ending' && m.to === member.phone,
    );
    expect(sms).toHaveLength(1);

    // Collection stops: no new sign-ups, no profile changes; reading goes on.
    const code = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sms-codes',
      payload: { phone: '13800000000', purpose: 'register' },
    });
    expect(code.statusCode).toBe(409);
    expect(code.json().code).toBe('service.ending');
    const patch = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: member.headers,
      payload: { bio: 'x' },
    });
    expect(patch.json().code).toBe('service.ending');
    expect((await t.app.inject({ url: '/api/v1/me', headers: member.headers })).statusCode).toBe(200);
    expect((await t.app.inject('/api/v1/feed')).statusCode).toBe(200);

    // Not yet due: nothing happens.
    // The eraser the server uses: each member cancelled and erased as by their own request.
    const erased: number[] = [];
    const erase = async (id: number) => {
      erased.push(id);
      await runErasure(t.app.ctx, await openCancellation(t.app.ctx, id));
    };
    expect((await runServiceEndIfDue(t.app.ctx, erase)).ran).toBe(false);
    clock.advance(31 * DAY + 1000);
    const done = await runServiceEndIfDue(t.app.ctx, erase);
    expect(done.ran).toBe(true);
    expect(erased).toContain(member.userId);
    expect((await t.app.inject({ url: '/api/v1/me', headers: member.headers })).statusCode).toBe(401);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, member.userId));
    expect(row).toMatchObject({ status: 'cancelled', phoneCiphertext: null, phoneIndex: null });
    expect((await t.app.inject('/api/v1/service-status')).json().endedAt).not.toBeNull();
    // Ended is ended: a second run does nothing, and the end cannot be withdrawn any more.
    expect((await runServiceEndIfDue(t.app.ctx, erase)).ran).toBe(false);
    const later = await staffOf(t.app, 'admin'); // the first admin's console session has expired by now
    const withdraw = await t.app.inject({
      method: 'DELETE',
      url: END,
      cookies: later.cookies,
      headers: later.headers,
    });
    expect(withdraw.json().code).toBe('service.not_ending');
  });
});
