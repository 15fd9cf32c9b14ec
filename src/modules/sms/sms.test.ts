import { randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { uid } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { users } from '../accounts/tables.ts';
import { rateLimits } from '../security/tables.ts';
import { deleteExpiredCodes, MAX_ATTEMPTS } from './codes.ts';
import { SMS_LIMITS } from './limits.ts';
import { SMS_PURPOSES, type SmsPurpose } from './provider.ts';
import { issueCode, verifyCode } from './service.ts';
import { smsCodes } from './tables.ts';

interface OutboxLine {
  to: string;
  purpose: string;
  kind: string;
  code?: string;
  text: string;
  at: string;
}

const newPhone = () => {
  const national = `13${randomInt(5, 10)}${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
  return { national, e164: `+86${national}` };
};
const newIp = () => `10.${randomInt(0, 256)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;

describe('SMS verification codes', () => {
  const clock = fixedClock(new Date('2026-11-25T08:00:00Z'));
  let t: TestApp;
  // A logger without the redaction of logging.ts: what the code itself logs is what shows.
  const logLines: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    t = await createTestApp({ clock, logger: pino({ level: 'trace' }, sink) });
  });
  afterAll(() => t.close());

  const request = (phone: string, purpose: string, ip = newIp()) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sms-codes',
      payload: { phone, purpose },
      remoteAddress: ip,
    });

  async function outbox(): Promise<OutboxLine[]> {
    const file = path.join(t.config.dataDir, 'outbox', 'sms.jsonl');
    const text = await readFile(file, 'utf8').catch(() => '');
    return text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as OutboxLine);
  }
  const sentTo = async (e164: string) => (await outbox()).filter((m) => m.to === e164);

  async function issued(purpose: SmsPurpose = 'register') {
    const phone = newPhone();
    const res = await request(phone.national, purpose);
    expect(res.statusCode).toBe(202);
    const code = (await sentTo(phone.e164)).at(-1)?.code;
    expect(code).toMatch(/^\d{6}$/);
    return { phone, code: code! };
  }

  const verify = (e164: string, code: string, purpose: SmsPurpose = 'register') =>
    verifyCode(t.app.ctx, { phone: e164, purpose, code });

  async function refusal(promise: Promise<unknown>): Promise<string> {
    const err = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    return (err as AppError).code;
  }

  async function register(e164: string) {
    await t.database.db.insert(users).values({
      phoneCiphertext: t.app.ctx.keyring.encrypt(e164, 'users.phone'),
      phoneIndex: t.app.ctx.keyring.blindIndex('phone', e164),
      nickname: uid('user-'),
    });
  }

  it('delivers a code to the outbox with the contract’s fields and a Chinese text', async () => {
    const phone = newPhone();
    const res = await request(phone.national, 'register');
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ retryAfterSeconds: 60 });
    const [line] = await sentTo(phone.e164);
    expect(line).toMatchObject({ to: phone.e164, purpose: 'register', kind: 'code' });
    expect(line.code).toMatch(/^\d{6}$/);
    expect(line.text).toBe(
      `【工程机械CCM】您的注册验证码是${line.code}，5分钟内有效。如非本人操作，请忽略本短信。`,
    );
    expect(Number.isNaN(Date.parse(line.at))).toBe(false);
  });

  it('has a text of its own for every purpose, each with the signature and the code', async () => {
    const member = newPhone();
    await register(member.e164);
    const newcomer = newPhone();
    const ip = newIp();
    for (const purpose of SMS_PURPOSES) {
      const needsAccount = !['register', 'bind-phone'].includes(purpose);
      const phone = needsAccount ? member : newcomer;
      // guardian-access is not asked for here but through POST /guardian/session/code, which sends
      // it only to a consenting guardian (guardian/access.test.ts); its text is checked the same.
      if (purpose === 'guardian-access') {
        await issueCode(t.app.ctx, { phone: phone.e164, purpose, ip, deliver: 'code' });
        continue;
      }
      expect((await request(phone.national, purpose, ip)).statusCode).toBe(202);
    }
    const lines = [...(await sentTo(member.e164)), ...(await sentTo(newcomer.e164))];
    expect(lines.map((l) => l.purpose).sort()).toEqual([...SMS_PURPOSES].sort());
    for (const l of lines) {
      expect(l.kind).toBe('code');
      expect(l.text.startsWith('【工程机械CCM】')).toBe(true);
      expect(l.text).toContain(`验证码是${l.code}，5分钟内有效`);
    }
    expect(new Set(lines.map((l) => l.text.replace(/\d{6}/, ''))).size).toBe(SMS_PURPOSES.length);
  });

  it('accepts a code once; using it again is refused as invalid', async () => {
    const { phone, code } = await issued();
    await expect(verify(phone.e164, code)).resolves.toBeUndefined();
    expect(await refusal(verify(phone.e164, code))).toBe('sms.code_invalid');
  });

  it('refuses a code for another purpose or another number', async () => {
    const { phone, code } = await issued();
    expect(await refusal(verify(phone.e164, code, 'reset-password'))).toBe('sms.code_invalid');
    expect(await refusal(verify(newPhone().e164, code))).toBe('sms.code_invalid');
    await expect(verify(phone.e164, code)).resolves.toBeUndefined();
  });

  it('kills a code after five wrong tries: even the right code is then refused', async () => {
    const { phone, code } = await issued();
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < MAX_ATTEMPTS; i++)
      expect(await refusal(verify(phone.e164, wrong))).toBe('sms.code_invalid');
    expect(await refusal(verify(phone.e164, code))).toBe('sms.too_many_attempts');
    // Someone still guessing is not told that a code exists for the number.
    expect(await refusal(verify(phone.e164, wrong))).toBe('sms.code_invalid');
  });

  it('accepts the right code on the last allowed try', async () => {
    const { phone, code } = await issued();
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < MAX_ATTEMPTS - 1; i++) await refusal(verify(phone.e164, wrong));
    await expect(verify(phone.e164, code)).resolves.toBeUndefined();
  });

  it('refuses a code five minutes and one second old as expired', async () => {
    const { phone, code } = await issued();
    clock.advance(5 * 60_000 + 1000);
    expect(await refusal(verify(phone.e164, code))).toBe('sms.code_expired');
    expect(await refusal(verify(phone.e164, code === '123456' ? '654321' : '123456'))).toBe(
      'sms.code_invalid',
    );
  });

  it('accepts a code until its five minutes are up', async () => {
    const { phone, code } = await issued();
    clock.advance(5 * 60_000 - 1000);
    await expect(verify(phone.e164, code)).resolves.toBeUndefined();
  });

  it('answers 429 with Retry-After within a minute of the last code, then sends a new one', async () => {
    const phone = newPhone();
    const ip = newIp();
    expect((await request(phone.national, 'register', ip)).statusCode).toBe(202);
    const first = (await sentTo(phone.e164))[0].code!;
    clock.advance(20_000);
    const again = await request(phone.national, 'register', ip);
    expect(again.statusCode).toBe(429);
    expect(again.json().code).toBe('rate_limited');
    expect(again.headers['retry-after']).toBe('40');
    // Another purpose has its own cooldown.
    expect((await request(phone.national, 'guardian', ip)).statusCode).toBe(202);
    clock.advance(40_000);
    expect((await request(phone.national, 'register', ip)).statusCode).toBe(202);
    const lines = (await sentTo(phone.e164)).filter((l) => l.purpose === 'register');
    expect(lines).toHaveLength(2);
    const second = lines[1].code!;
    if (second !== first) expect(await refusal(verify(phone.e164, first))).toBe('sms.code_invalid'); // replaced
    await expect(verify(phone.e164, second)).resolves.toBeUndefined();
  });

  it(`caps codes per number at ${SMS_LIMITS.phonePerDay} a day`, async () => {
    const phone = newPhone();
    for (let i = 0; i < SMS_LIMITS.phonePerDay; i++) {
      expect((await request(phone.national, 'register')).statusCode).toBe(202);
      clock.advance(SMS_LIMITS.cooldownMs);
    }
    const capped = await request(phone.national, 'register');
    expect(capped.statusCode).toBe(429);
    expect(Number(capped.headers['retry-after'])).toBeGreaterThan(20 * 3600);
    expect(await sentTo(phone.e164)).toHaveLength(SMS_LIMITS.phonePerDay);
    clock.advance(24 * 3600_000);
    expect((await request(phone.national, 'register')).statusCode).toBe(202);
  });

  it(`caps requests per client address at ${SMS_LIMITS.ipPerDay} a day`, async () => {
    const ip = newIp();
    for (let i = 0; i < SMS_LIMITS.ipPerDay; i++)
      expect((await request(newPhone().national, 'login', ip)).statusCode).toBe(202);
    const capped = await request(newPhone().national, 'register', ip);
    expect(capped.statusCode).toBe(429);
    expect(capped.json().code).toBe('rate_limited');
    expect(Number(capped.headers['retry-after'])).toBeGreaterThan(0);
    expect((await request(newPhone().national, 'register', newIp())).statusCode).toBe(202);
  });

  it('counts an IPv6 network as one client', async () => {
    const net = `2001:db8:${randomInt(1, 0xffff).toString(16)}:1`;
    for (let i = 0; i < SMS_LIMITS.ipPerDay; i++)
      expect(
        (await request(newPhone().national, 'login', `${net}::${(i + 1).toString(16)}`)).statusCode,
      ).toBe(202);
    expect((await request(newPhone().national, 'login', `${net}:0:0:0:ffff`)).statusCode).toBe(429);
  });

  it('answers a login request for an unknown number alike, and sends and stores nothing', async () => {
    const known = newPhone();
    await register(known.e164);
    const unknown = newPhone();
    const a = await request(known.national, 'login');
    const b = await request(unknown.national, 'login');
    expect([a.statusCode, b.statusCode]).toEqual([202, 202]);
    expect(b.json()).toEqual(a.json());
    expect(await sentTo(known.e164)).toHaveLength(1);
    expect(await sentTo(unknown.e164)).toEqual([]);
    const rows = await t.database.db.select().from(smsCodes);
    expect(rows.some((r) => r.phoneIndex === t.app.ctx.keyring.blindIndex('phone', unknown.e164))).toBe(
      false,
    );
    // It still counts: the cooldown applies to the unknown number as to the known one.
    expect((await request(unknown.national, 'login')).statusCode).toBe(429);
    expect((await request(known.national, 'login')).statusCode).toBe(429);
    for (const purpose of ['reset-password', 'cancel-account'] as const)
      expect((await request(unknown.national, purpose)).statusCode).toBe(202);
    expect(await sentTo(unknown.e164)).toEqual([]);
  });

  it('tells a registered number asking to register that it has an account, without a code', async () => {
    const phone = newPhone();
    await register(phone.e164);
    const res = await request(phone.national, 'register');
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ retryAfterSeconds: 60 });
    const [notice] = await sentTo(phone.e164);
    expect(notice).toMatchObject({ purpose: 'register', kind: 'notice-registered' });
    expect(notice.code).toBeUndefined();
    expect(notice.text).toMatch(/^【工程机械CCM】该手机号已注册/);
    expect(await refusal(verify(phone.e164, '123456'))).toBe('sms.code_invalid');
    // Binding a registered number links it to its account: it gets a code.
    expect((await request(phone.national, 'bind-phone')).statusCode).toBe(202);
    expect((await sentTo(phone.e164)).at(-1)).toMatchObject({ purpose: 'bind-phone', kind: 'code' });
    // A guardian's number may well have an account of its own: it always gets a code.
    expect((await request(phone.national, 'guardian')).statusCode).toBe(202);
    expect((await sentTo(phone.e164)).at(-1)).toMatchObject({ purpose: 'guardian', kind: 'code' });
  });

  it('refuses a bad number or purpose with the field’s path', async () => {
    for (const [payload, where] of [
      [{ phone: '12345', purpose: 'register' }, 'body.phone'],
      [{ phone: '+861381234567', purpose: 'register' }, 'body.phone'],
      [{ purpose: 'register' }, 'body.phone'],
      [{ phone: newPhone().national, purpose: 'lottery' }, 'body.purpose'],
      [{ phone: newPhone().national }, 'body.purpose'],
    ] as const) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sms-codes', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().code).toBe('validation.failed');
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(where);
    }
  });

  it('keeps no phone number or code in plain text in its tables', async () => {
    const sent = await Promise.all([issued(), issued('guardian'), issued('bind-phone')]);
    // Every column but the random hex ids, where six digits in a row can turn up by chance.
    const codes = (await t.database.db.select().from(smsCodes)).map(({ id: _id, ...row }) => row);
    const tables = JSON.stringify([codes, await t.database.db.select().from(rateLimits)]);
    for (const { phone, code } of sent) {
      expect(tables).not.toContain(phone.national);
      expect(tables).not.toContain(phone.national.slice(3));
      expect(tables).not.toContain(code);
    }
  });

  it('lets exactly one of concurrent verifications of a code succeed', async () => {
    const { phone, code } = await issued();
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => verify(phone.e164, code)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results)
      if (r.status === 'rejected')
        expect(['sms.code_invalid', 'sms.too_many_attempts']).toContain(r.reason.code);
  });

  it('deletes codes a day after they were made', async () => {
    const { phone } = await issued();
    const index = t.app.ctx.keyring.blindIndex('phone', phone.e164);
    const has = async () => (await t.database.db.select().from(smsCodes)).some((r) => r.phoneIndex === index);
    clock.advance(23 * 3600_000);
    await deleteExpiredCodes(t.database.db, clock);
    expect(await has()).toBe(true);
    clock.advance(3600_000 + 1000);
    expect(await deleteExpiredCodes(t.database.db, clock)).toBeGreaterThan(0);
    expect(await has()).toBe(false);
  });

  it('logs no phone number and no code, even without the logger’s redaction', async () => {
    const sent = await outbox();
    expect(sent.length).toBeGreaterThan(20);
    expect(logLines.length).toBeGreaterThan(50);
    const logs = logLines.join('');
    for (const m of sent) {
      expect(logs).not.toContain(m.to.slice(3));
      if (m.code) expect(logs).not.toContain(`"${m.code}"`);
    }
  });
});

describe('the per-address daily cap, configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { CCM_SMS_IP_PER_DAY: '3' } });
  });
  afterAll(() => t.close());

  it('follows CCM_SMS_IP_PER_DAY instead of the default', async () => {
    const ip = newIp();
    const ask = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sms-codes',
        payload: { phone: newPhone().national, purpose: 'register' },
        remoteAddress: ip,
      });
    for (let i = 0; i < 3; i++) expect((await ask()).statusCode).toBe(202);
    const capped = await ask();
    expect(capped.statusCode).toBe(429);
    expect(capped.json().code).toBe('rate_limited');
  });
});
