import { describe, expect, it } from 'vitest';
import { MAINLAND_PROVINCES, OUTSIDE_MAINLAND, regionOfIp } from './ip-region.ts';

// Each address is one the package's own data places (checked against its records, or its README's
// examples), not a guess about who owns it.
describe('regionOfIp', () => {
  it('names the mainland province of public IPv4 addresses', () => {
    expect(regionOfIp('120.24.78.68')).toBe('广东'); // the package README: 广东省深圳市, 阿里云
    expect(regionOfIp('61.135.169.121')).toBe('北京'); // 北京|北京市|联通
    expect(regionOfIp('202.96.209.133')).toBe('上海'); // 上海|上海市|电信
    expect(regionOfIp('114.114.114.114')).toBe('江苏'); // 江苏省|南京市
    expect(regionOfIp('223.5.5.5')).toBe('浙江'); // 浙江省|杭州市|阿里云
  });

  it('names the province of IPv6 addresses, and of IPv4 clients seen through a dual-stack socket', () => {
    expect(regionOfIp('240e:47d:c20:1627:30a3:ba0d:a5e6:ec19')).toBe('广东'); // README: 广东省
    expect(regionOfIp('2409:8a1e::1')).toBe('上海'); // 中国上海市黄浦区, 中国移动
    expect(regionOfIp('::ffff:120.24.78.68')).toBe('广东');
  });

  it('says 境外 outside the mainland, Hong Kong, Macao and Taiwan included', () => {
    expect(regionOfIp('8.8.8.8')).toBe(OUTSIDE_MAINLAND); // 美国
    expect(regionOfIp('1.1.1.1')).toBe(OUTSIDE_MAINLAND); // 澳大利亚
    expect(regionOfIp('210.0.255.251')).toBe(OUTSIDE_MAINLAND); // 中国|香港
    expect(regionOfIp('168.95.1.1')).toBe(OUTSIDE_MAINLAND); // 中国|台湾省
    expect(regionOfIp('2001:c10::1')).toBe(OUTSIDE_MAINLAND); // 新加坡
  });

  it('gives no region for private, loopback and reserved addresses, or garbage', () => {
    for (const ip of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '10.1.2.3', '192.168.1.1', '172.20.0.5']) {
      expect(regionOfIp(ip), ip).toBeNull();
    }
    for (const ip of ['100.64.0.1', '169.254.1.1', 'fe80::1', 'fd00::1', '0.0.0.0', '::']) {
      expect(regionOfIp(ip), ip).toBeNull();
    }
    for (const ip of ['', 'localhost', '300.1.1.1', '1.2.3', 'not an address']) {
      expect(regionOfIp(ip), ip).toBeNull();
    }
  });

  it('gives no region where the data says only "China" or an anycast range', () => {
    expect(regionOfIp('2408:8000:1::1')).toBeNull(); // 中国 (a backbone, no province)
    expect(regionOfIp('2001:4860:4860::8888')).toBeNull(); // 全球 (anycast)
  });

  it('only ever answers a mainland province or 境外', () => {
    const allowed = new Set<string>([...MAINLAND_PROVINCES, OUTSIDE_MAINLAND]);
    expect(MAINLAND_PROVINCES).toHaveLength(31);
    for (let a = 1; a < 224; a += 3) {
      const region = regionOfIp(`${a}.${(a * 7) % 256}.${(a * 13) % 256}.1`);
      if (region !== null) expect(allowed.has(region), region).toBe(true);
    }
  });
});
