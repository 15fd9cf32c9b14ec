/**
 * The gateway adapter against a stand-in gateway on 127.0.0.1. The stand-in checks the signature
 * on its own, from the request as it arrived, so a mistake in the adapter's signing shows here.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GatewayError, GatewayProvider } from './gateway.ts';
import type { SmsMessage } from './provider.ts';

const KEY_ID = 'LTAI-ccm-test';
const SECRET = 'a-shared-secret-of-the-test-gateway';

type Mode = 'ok' | 'business-error' | 'server-error' | 'silent';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const enc = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The gateway's side: rebuild the canonical request from what arrived and check the HMAC. */
function signatureProblem(req: IncomingMessage, body: string, seenNonces: Set<string>): string | undefined {
  const auth = /^HMAC-SHA256 Credential=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
    req.headers.authorization ?? '',
  );
  if (!auth) return 'MissingAuthorization';
  const [, keyId, signedNames, given] = auth;
  if (keyId !== KEY_ID) return 'InvalidAccessKeyId';
  const names = signedNames.split(';');
  for (const required of ['host', 'x-sms-date', 'x-sms-nonce', 'x-sms-content-sha256'])
    if (!names.includes(required)) return 'HeaderNotSigned';
  if (req.headers['x-sms-content-sha256'] !== sha256(body)) return 'ContentHashMismatch';
  const date = Date.parse(String(req.headers['x-sms-date']));
  if (!(Math.abs(Date.now() - date) < 5 * 60_000)) return 'RequestExpired';
  const nonce = String(req.headers['x-sms-nonce']);
  if (seenNonces.has(nonce)) return 'NonceReused';
  seenNonces.add(nonce);
  const url = new URL(req.url ?? '/', 'http://gateway');
  const query = [...url.searchParams].map(([k, v]) => `${enc(k)}=${enc(v)}`).sort();
  const canonical = [
    req.method,
    url.pathname,
    query.join('&'),
    ...names.map((n) => `${n}:${String(req.headers[n]).trim()}`),
    '',
    signedNames,
    sha256(body),
  ].join('\n');
  const expected = createHmac('sha256', SECRET)
    .update(`HMAC-SHA256\n${sha256(canonical)}`)
    .digest();
  const actual = Buffer.from(given, 'hex');
  return timingSafeEqual(expected, actual) ? undefined : 'SignatureDoesNotMatch';
}

describe('SMS gateway adapter', () => {
  let server: Server;
  let url: string;
  let mode: Mode = 'ok';
  const received: { path: string; headers: IncomingMessage['headers']; body: Record<string, string> }[] = [];
  const nonces = new Set<string>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        raw += chunk;
      });
      req.on('end', () => {
        if (mode === 'silent') return; // never answers
        const json = (status: number, value: object) =>
          res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
        if (mode === 'server-error') return res.writeHead(500).end('upstream exploded');
        const problem = signatureProblem(req, raw, nonces);
        if (problem) return json(403, { Code: problem, Message: 'Specified signature is not matched.' });
        received.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(raw) });
        if (mode === 'business-error')
          return json(200, {
            Code: 'isv.BUSINESS_LIMIT_CONTROL',
            Message: '触发号码天级流控 13812345678',
            RequestId: 'F655A8D5-B967-440B-8683-DAD6FF8DE990',
          });
        json(200, { Code: 'OK', Message: 'OK', RequestId: 'A1B2C3', BizId: '900619746936498440^0' });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms/send?Version=2026-01-01`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    mode = 'ok';
    received.length = 0;
  });

  const gateway = (over: Partial<ConstructorParameters<typeof GatewayProvider>[0]> = {}) =>
    new GatewayProvider({ url, keyId: KEY_ID, secret: SECRET, signName: '工程机械CCM', ...over });

  const message: SmsMessage = {
    to: '+8613812345678',
    purpose: 'register',
    kind: 'code',
    code: '123456',
    text: '【工程机械CCM】您的注册验证码是123456，5分钟内有效。如非本人操作，请忽略本短信。',
  };

  async function failure(promise: Promise<unknown>): Promise<GatewayError> {
    const err = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(GatewayError);
    const e = err as GatewayError;
    expect(e.message).not.toContain('13812345678');
    expect(e.message).not.toContain('123456');
    return e;
  }

  it('sends a signed SendSms request that the gateway accepts', async () => {
    await gateway().send(message);
    expect(received).toHaveLength(1);
    const [req] = received;
    expect(req.path).toBe('/sms/send?Version=2026-01-01');
    expect(req.headers['x-sms-action']).toBe('SendSms');
    expect(req.body).toEqual({
      PhoneNumbers: '13812345678',
      SignName: '工程机械CCM',
      TemplateCode: 'CCM_REGISTER_CODE',
      TemplateParam: '{"code":"123456"}',
    });
  });

  it('uses the configured template per purpose, and no code for a notice', async () => {
    const g = gateway({ templates: { login: 'SMS_465370001', 'register.notice': 'SMS_465370009' } });
    await g.send({ ...message, purpose: 'login' });
    await g.send({ ...message, kind: 'notice-registered', code: '', to: '+85291234567' });
    expect(received.map((r) => [r.body.TemplateCode, r.body.TemplateParam, r.body.PhoneNumbers])).toEqual([
      ['SMS_465370001', '{"code":"123456"}', '13812345678'],
      ['SMS_465370009', '{}', '85291234567'],
    ]);
  });

  it('is refused by the gateway when signed with another secret', async () => {
    const e = await failure(gateway({ secret: 'not-the-shared-secret-at-all' }).send(message));
    expect(e).toMatchObject({ code: 'SignatureDoesNotMatch', status: 403 });
    expect(received).toHaveLength(0);
  });

  it('turns a business error into an error with the provider’s code and no number', async () => {
    mode = 'business-error';
    const e = await failure(gateway().send(message));
    expect(e).toMatchObject({
      code: 'isv.BUSINESS_LIMIT_CONTROL',
      status: 200,
      requestId: 'F655A8D5-B967-440B-8683-DAD6FF8DE990',
    });
  });

  it('turns a server error into an error with the HTTP status', async () => {
    mode = 'server-error';
    expect(await failure(gateway().send(message))).toMatchObject({ code: 'http_500', status: 500 });
  });

  it('gives up when the gateway does not answer in time', async () => {
    mode = 'silent';
    const started = Date.now();
    expect(await failure(gateway({ timeoutMs: 300 }).send(message))).toMatchObject({ code: 'timeout' });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('refuses a gateway address without TLS, except on this machine', () => {
    expect(() => gateway({ url: 'http://sms.example.cn/send' })).toThrow(/https/);
    expect(() => gateway({ url: 'https://sms.example.cn/send' })).not.toThrow();
  });
});
