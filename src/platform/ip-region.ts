/**
 * The province an IP address belongs to, for the "IP 属地" the account rules require on profiles
 * (privacy requirement 20). Only this name is ever stored; the address itself is not.
 *
 * The data ships offline in the `ip2region` npm package: ip2region's IPv4 database and the ZX
 * IPv6 database (data/ip2region.db, data/ipv6wry.db), read into memory on the first lookup. The
 * package's own parsing of IPv6 answers is loose (foreign countries come back without a country),
 * so the raw region strings are interpreted here against a fixed list of mainland provinces.
 */
import { createRequire } from 'node:module';
import { BlockList, isIP } from 'node:net';

/** What a member sees for an address outside the mainland (abroad, Hong Kong, Macao, Taiwan). */
export const OUTSIDE_MAINLAND = '境外';

/** The 31 province-level divisions of the mainland, by the short names profiles show. */
// biome-ignore format: a table reads better than a column
export const MAINLAND_PROVINCES = [
  '北京', '天津', '上海', '重庆', '河北', '山西', '辽宁', '吉林', '黑龙江', '江苏', '浙江',
  '安徽', '福建', '江西', '山东', '河南', '湖北', '湖南', '广东', '海南', '四川', '贵州',
  '云南', '陕西', '甘肃', '青海', '内蒙古', '广西', '西藏', '宁夏', '新疆',
] as const;

const OUTSIDE_MAINLAND_IN_CHINA = ['香港', '澳门', '台湾'];

/**
 * Answers of the databases that name no place: reserved and special ranges, anycast ("全球") and
 * "亚太地区", which may or may not be the mainland. They give no region rather than a wrong one.
 */
const NO_PLACE = new Set(['', '0', '全球', '亚太地区', '局域网', 'IANA保留地址', 'IANA特殊地址', '内网IP']);

/** Addresses that never reach us from a member's device over the internet: no region. */
const NOT_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  NOT_PUBLIC.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 127], // unspecified and loopback
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  NOT_PUBLIC.addSubnet(net, prefix, 'ipv6');
}

/** The part of the package's searcher used here: unparsed answers, parsed below. */
interface Searcher {
  /** IPv4 (and IPv6 embedding IPv4): `{ region }`; IPv6: `{ cArea }`; null when not found. */
  searchRaw(ip: string, parse: false): { region?: string; cArea?: string } | null;
}

let database: Searcher | undefined;

/** Loads the databases once (about 11 MB, a few milliseconds), on first use. */
function lookup(): Searcher {
  if (!database) {
    // The package is CommonJS with an `exports.default`; require gives the class without guessing
    // how the ESM loader wraps it.
    const require = createRequire(import.meta.url);
    const { default: IP2Region } = require('ip2region') as { default: new () => Searcher };
    database = new IP2Region();
  }
  return database;
}

/** "广东省" → "广东", "中国北京市海淀区" → "北京"; undefined when no mainland province is named. */
function mainlandProvince(text: string): string | undefined {
  return MAINLAND_PROVINCES.find((p) => text.startsWith(p));
}

/** ip2region's IPv4 record: `country|area|province|city|isp`, "0" for unknown parts. */
function fromIpv4Record(record: string): string | null {
  const [country = '', , province = ''] = record.split('|');
  if (NO_PLACE.has(country)) return null;
  if (country !== '中国') return OUTSIDE_MAINLAND;
  if (OUTSIDE_MAINLAND_IN_CHINA.some((p) => province.startsWith(p))) return OUTSIDE_MAINLAND;
  return mainlandProvince(province) ?? null; // "中国" alone: somewhere in China, province unknown
}

/** The ZX IPv6 record's area: "中国广东省广州市…", "中国香港区", "美国California州…", "全球". */
function fromIpv6Area(area: string): string | null {
  if (NO_PLACE.has(area)) return null;
  if (!area.startsWith('中国')) return OUTSIDE_MAINLAND;
  const rest = area.slice('中国'.length);
  if (OUTSIDE_MAINLAND_IN_CHINA.some((p) => rest.startsWith(p))) return OUTSIDE_MAINLAND;
  return mainlandProvince(rest) ?? null;
}

/** `::ffff:1.2.3.4` (how a dual-stack socket reports IPv4 clients) → `1.2.3.4`. */
function unwrapMapped(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  return mapped ? mapped[1] : ip;
}

/**
 * The province-level region of an address in Chinese ("北京", "广东"), "境外" outside the mainland,
 * or null when it cannot be told: private, loopback and reserved addresses, malformed input, and
 * addresses the data places only in "China" or nowhere.
 */
export function regionOfIp(ip: string): string | null {
  const address = unwrapMapped(ip.trim());
  const version = isIP(address);
  if (version === 0) return null;
  if (NOT_PUBLIC.check(address, version === 4 ? 'ipv4' : 'ipv6')) return null;
  const raw = lookup().searchRaw(address, false);
  if (!raw) return null;
  // IPv6 addresses that embed an IPv4 one (6to4, Teredo) are answered from the IPv4 data.
  if (typeof raw.region === 'string') return fromIpv4Record(raw.region);
  if (typeof raw.cArea === 'string') return fromIpv6Area(raw.cArea);
  return null;
}
