/**
 * How often codes may be requested: a cooldown per number and purpose, and daily caps per number
 * and per client address. Counters live in rate_limits under blind indexes, never under the
 * number or the address itself, and count every request alike, whether a message goes out or not.
 */
import { isIPv4, isIPv6 } from 'node:net';
import type { AppContext } from '../../context.ts';
import { enforce, hit } from '../security/rate-limit.ts';
import type { SmsPurpose } from './provider.ts';

export const SMS_LIMITS = {
  cooldownMs: 60_000,
  phonePerDay: 10,
  /** The default of CCM_SMS_IP_PER_DAY. */
  ipPerDay: 30,
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The unit an address is counted in: an IPv4 address, or the /64 network of an IPv6 one (a single
 * subscriber usually holds a whole /64, so counting addresses would let them rotate freely).
 */
export function addressBucket(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  if (isIPv4(ip) || !isIPv6(ip)) return ip;
  const [head, tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** Counts one request for a code and throws 429 rate_limited (with Retry-After) when over a limit. */
export async function enforceSendLimits(
  ctx: AppContext,
  input: { phoneIndex: string; purpose: SmsPurpose; ip: string },
): Promise<void> {
  const { db, clock, keyring, config } = ctx;
  const ipKey = keyring.blindIndex('ip', addressBucket(input.ip));
  // The address first: a client spraying many numbers stops here, before it spends their counters.
  enforce(
    await hit(db, clock, { key: `sms:ip-day:${ipKey}`, limit: config.CCM_SMS_IP_PER_DAY, windowMs: DAY_MS }),
    'Too many codes were requested from this network today.',
  );
  enforce(
    await hit(db, clock, {
      key: `sms:cooldown:${input.purpose}:${input.phoneIndex}`,
      limit: 1,
      windowMs: SMS_LIMITS.cooldownMs,
    }),
    'Wait before requesting another code for this number.',
  );
  enforce(
    await hit(db, clock, {
      key: `sms:phone-day:${input.phoneIndex}`,
      limit: SMS_LIMITS.phonePerDay,
      windowMs: DAY_MS,
    }),
    'Too many codes were requested for this number today.',
  );
}
