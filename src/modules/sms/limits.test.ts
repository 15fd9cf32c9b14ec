import { describe, expect, it } from 'vitest';
import { addressBucket } from './limits.ts';

describe('client address buckets', () => {
  it('count an IPv4 address by itself, also when mapped into IPv6', () => {
    expect(addressBucket('203.0.113.7')).toBe('203.0.113.7');
    expect(addressBucket('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('count an IPv6 address by its /64 network, however it is written', () => {
    const bucket = '2001:db8:0:1::/64';
    expect(addressBucket('2001:db8:0:1::1')).toBe(bucket);
    expect(addressBucket('2001:0DB8:0000:0001:ffff:ffff:ffff:ffff')).toBe(bucket);
    expect(addressBucket('2001:db8::1:0:0:0:9')).toBe(bucket);
    expect(addressBucket('2001:db8:0:2::1')).not.toBe(bucket);
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
  });
});
