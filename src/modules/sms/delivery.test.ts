import { describe, expect, it } from 'vitest';
import { deliver, settleDeliveries } from './delivery.ts';
import { GatewayError } from './gateway.ts';
import type { SmsMessage, SmsProvider } from './provider.ts';

const message: SmsMessage = {
  to: '+8613812345678',
  purpose: 'login',
  kind: 'code',
  code: '123456',
  text: '【工程机械CCM】您的登录验证码是123456，5分钟内有效。',
};

function provider(remote: boolean, outcome: () => Promise<void>) {
  const sent: SmsMessage[] = [];
  const p: SmsProvider = {
    name: 'test',
    remote,
    async send(m) {
      await outcome();
      sent.push(m);
    },
  };
  return { p, sent };
}

function recorder() {
  const lines: { obj: unknown; msg?: string }[] = [];
  return { lines, log: { error: (obj: unknown, msg?: string) => lines.push({ obj, msg }) } as never };
}

describe('SMS delivery', () => {
  it('waits for a local provider and lets its failure through', async () => {
    const { p, sent } = provider(false, async () => {});
    await deliver(p, message, recorder().log);
    expect(sent).toHaveLength(1);
    const failing = provider(false, async () => {
      throw new Error('disk full');
    });
    await expect(deliver(failing.p, message, recorder().log)).rejects.toThrow('disk full');
  });

  it('answers before a remote provider has finished, and sends all the same', async () => {
    let release!: () => void;
    const { p, sent } = provider(true, () => new Promise<void>((r) => (release = r)));
    await deliver(p, message, recorder().log);
    expect(sent).toHaveLength(0);
    release();
    await settleDeliveries(p);
    expect(sent).toHaveLength(1);
  });

  it('logs a remote failure with the provider’s code, never the number or the code', async () => {
    const { p } = provider(true, async () => {
      throw new GatewayError('isv.BUSINESS_LIMIT_CONTROL', 200, 'req-1');
    });
    const { lines, log } = recorder();
    await deliver(p, message, log);
    await settleDeliveries(p);
    expect(lines).toHaveLength(1);
    expect(lines[0].msg).toBe('SMS delivery failed');
    const logged = JSON.stringify(lines[0].obj);
    expect(logged).toContain('isv.BUSINESS_LIMIT_CONTROL');
    expect(logged).not.toContain('13812345678');
    expect(logged).not.toContain('123456');
  });
});
