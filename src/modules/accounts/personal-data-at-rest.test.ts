/** Policy V and the accounts issue: no phone number, password, code or token in plain text at rest or in logs. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/logging.ts';
import { tablesContaining } from '../../testing/db-scan.ts';
import { createTestApp } from '../../testing/harness.ts';
import { lastCode, testPhone } from '../../testing/outbox.ts';
// A fresh database's policy in force is the version CCM installs (modules/consent).
import { INITIAL_POLICY_VERSION as CURRENT_POLICY_VERSION } from '../consent/policy-text.ts';

describe('personal data of a registration', () => {
  it('never appears in plain text in the database or the logs', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const t = await createTestApp({ logger: createLogger('trace', sink) });
    try {
      const phone = testPhone();
      const password = 'Bulldozer-Blade-77';
      const inject = (url: string, payload: object, headers: Record<string, string> = {}) =>
        t.app.inject({ method: 'POST', url: `/api/v1${url}`, payload, headers });

      await inject('/auth/sms-codes', { phone: phone.national, purpose: 'register' });
      const registerCode = await lastCode(t.config.dataDir, phone.e164, 'register');
      const reg = await inject('/auth/register', {
        phone: phone.national,
        code: registerCode,
        password,
        policyVersion: CURRENT_POLICY_VERSION,
        consents: { account: true },
      });
      expect(reg.statusCode).toBe(201);
      const login = await inject('/auth/login', { phone: phone.e164, password });
      await inject('/auth/login', { phone: phone.e164, password: 'wrong-password-1' });
      await inject('/auth/sms-codes', { phone: phone.national, purpose: 'login' });
      const loginCode = await lastCode(t.config.dataDir, phone.e164, 'login');
      await inject('/auth/login/sms', { phone: phone.national, code: loginCode });
      await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${login.json().token}` } });

      const secrets = [
        phone.national,
        phone.e164,
        phone.national.slice(3),
        password,
        registerCode,
        loginCode,
        reg.json().token,
        login.json().token,
      ];
      const logText = lines.join('');
      expect(logText.length).toBeGreaterThan(1000); // the capture did capture
      for (const secret of secrets) expect(logText, 'logs').not.toContain(secret);
      expect(await tablesContaining(t.database.db, secrets)).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
