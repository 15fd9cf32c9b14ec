/**
 * A short name for a signed-in device from what it sent: its own name (the mobile apps send one),
 * otherwise "Chrome · Android" read from the user agent, otherwise the platform.
 */
import type { DeviceSession } from './account.ts';

const BROWSERS: [RegExp, string][] = [
  [/MicroMessenger/i, 'WeChat'],
  [/EdgA?\//, 'Edge'],
  [/OPR\//, 'Opera'],
  [/UCBrowser/i, 'UC'],
  [/QQBrowser/i, 'QQ'],
  [/HuaweiBrowser/i, 'Huawei Browser'],
  [/MiuiBrowser/i, 'Mi Browser'],
  [/Firefox\//, 'Firefox'],
  [/HeadlessChrome\//, 'Chrome'],
  [/Chrome\//, 'Chrome'],
  [/CriOS\//, 'Chrome'],
  [/Version\/[\d.]+.*Safari\//, 'Safari'],
];

const SYSTEMS: [RegExp, string][] = [
  [/HarmonyOS|OpenHarmony/i, 'HarmonyOS'],
  [/Android/, 'Android'],
  [/iPhone/, 'iPhone'],
  [/iPad/, 'iPad'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

export function shortUserAgent(ua: string | null): string | undefined {
  if (!ua) return undefined;
  const browser = BROWSERS.find(([re]) => re.test(ua))?.[1];
  const system = SYSTEMS.find(([re]) => re.test(ua))?.[1];
  const parts = [browser, system].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : ua.slice(0, 40);
}

export function deviceLabel(s: DeviceSession): string | undefined {
  return s.deviceName ?? shortUserAgent(s.userAgent) ?? s.platform ?? undefined;
}
