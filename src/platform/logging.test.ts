import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, scrub, scrubString } from './logging.ts';

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

describe('logger redaction', () => {
  it('never writes personal data or secrets by key', () => {
    const { logger, text } = capture();
    logger.info(
      { phone: '+8613812345678', password: 'hunter2hunter2', user: { nickname: '老王', token: 'abc' } },
      'sign-in',
    );
    const out = text();
    for (const secret of ['13812345678', 'hunter2hunter2', '老王', '"abc"'])
      expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });

  it('masks phone numbers, emails and ID-card numbers inside any string', () => {
    const { logger, text } = capture();
    logger.warn('call 13912345678 or mail wang@example.cn, id 11010519491231002X');
    const out = text();
    expect(out).not.toMatch(/13912345678|wang@example\.cn|11010519491231002X/);
    expect(out).toContain('[phone]');
    expect(out).toContain('[email]');
    expect(out).toContain('[id-number]');
  });

  it('masks SMS codes but keeps error codes readable', () => {
    expect(scrub({ code: '123456' })).toEqual({ code: '[redacted]' });
    expect(scrub({ code: 'validation.failed' })).toEqual({ code: 'validation.failed' });
  });

  it('scrubs error messages and survives cycles', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(scrub(cyclic)).toEqual({ a: 1, self: '[…]' });
    const err = scrub(new Error('user 13700001111 failed')) as { message: string };
    expect(err.message).toBe('user [phone] failed');
  });

  it('leaves ordinary numbers alone', () => {
    expect(scrubString('order 12345, 2026 units, model XE215DA')).toBe(
      'order 12345, 2026 units, model XE215DA',
    );
  });

  it('logs requests by path only, without query strings', async () => {
    const { logger, text } = capture();
    const { default: Fastify } = await import('fastify');
    const app = Fastify({ loggerInstance: logger as never });
    app.get('/search', async () => ({ ok: true }));
    await app.inject({ method: 'GET', url: '/search?q=13812345678%20%E8%80%81%E7%8E%8B' });
    await app.close();
    expect(text()).toContain('"path":"/search"');
    expect(text()).not.toContain('13812345678');
  });
});

describe('error logging', () => {
  it('drops query parameters that Drizzle puts into error messages', () => {
    const err = new Error('Failed query: insert into "users" ("nickname") values ($1)\nparams: 老王的挖掘机');
    const out = JSON.stringify(scrub(err));
    expect(out).not.toContain('老王');
    expect(out).toContain('params: [redacted]');
  });
});
