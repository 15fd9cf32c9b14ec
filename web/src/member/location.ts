/**
 * Location as the member app uses it (shapes from src/modules/location/schemas.ts). A member's
 * region is kept by the server under the location consent; an anonymous visitor's only on this
 * device (localStorage), cleared with one tap. The position itself is sent once and never kept.
 */
import { useEffect, useState } from 'react';
import type { Lang } from '../i18n/index.tsx';
import { api } from '../shared/api.ts';
import { type FeedPage, getFeed } from './content.ts';
import { useSession } from './session.tsx';

export interface Region {
  province: { id: string; name: string };
  city: { id: string; name: string } | null;
}
export interface Position {
  latitude: number;
  longitude: number;
}

export const regionOfPosition = (p: Position, lang: Lang) =>
  api<Region>('/geo/region', { method: 'POST', query: { lang }, body: p });
export const getMyLocation = (lang: Lang, signal?: AbortSignal) =>
  api<Region | null>('/me/location', { query: { lang }, signal });
export const setMyLocation = (p: Position, lang: Lang) =>
  api<Region>('/me/location', { method: 'PUT', query: { lang }, body: p });
export const deleteMyLocation = () => api<void>('/me/location', { method: 'DELETE' });

/** 湖南 长沙, or only the province. */
export const regionLabel = (r: Region) => (r.city ? `${r.province.name} ${r.city.name}` : r.province.name);

const DEVICE_KEY = 'ccm.region';
const listeners = new Set<() => void>();
const changed = () => {
  for (const l of listeners) l();
};

/** The anonymous visitor's region, kept on this device only. */
export function deviceRegion(): Region | null {
  try {
    const raw = localStorage.getItem(DEVICE_KEY);
    const value = raw ? (JSON.parse(raw) as Region) : null;
    return value && typeof value.province?.id === 'string' ? value : null;
  } catch {
    return null;
  }
}
export function setDeviceRegion(region: Region | null): void {
  try {
    if (region) localStorage.setItem(DEVICE_KEY, JSON.stringify(region));
    else localStorage.removeItem(DEVICE_KEY);
  } catch {
    // Storage refused (private mode): the feature simply stays off.
  }
  changed();
}
/** Tell region users that the member's stored region changed (set, cleared, consent switched). */
export const regionChanged = changed;

/** Why the browser gave no position, in the words the page shows. */
export type PositionFailure = 'denied' | 'unavailable' | 'unsupported';

/** Asks the browser once for the current position (only ever called from a tap). */
export function currentPosition(): Promise<Position> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) return reject('unsupported' satisfies PositionFailure);
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude }),
      (err) =>
        reject((err.code === err.PERMISSION_DENIED ? 'denied' : 'unavailable') satisfies PositionFailure),
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 300_000 },
    );
  });
}

/**
 * The region location-based content may use now: for a member the one the server keeps (null
 * without the location consent), for an anonymous visitor the device's. `undefined` while loading.
 */
export function useActiveRegion(lang: Lang): { region: Region | null | undefined; reload(): void } {
  const { status } = useSession();
  const [version, setVersion] = useState(0);
  const [region, setRegion] = useState<Region | null | undefined>(undefined);
  useEffect(() => {
    const l = () => setVersion((v) => v + 1);
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the reload trigger
  useEffect(() => {
    if (status === 'loading') return;
    if (status !== 'member') {
      setRegion(deviceRegion());
      return;
    }
    const controller = new AbortController();
    getMyLocation(lang, controller.signal).then(
      (r) => setRegion(r),
      () => setRegion(null),
    );
    return () => controller.abort();
  }, [status, lang, version]);
  return { region: status === 'loading' ? undefined : region, reload: () => setVersion((v) => v + 1) };
}

/** The regional items of one column for a province (the lead of that column's feed). */
export async function regionalItems(column: string, province: string, lang: Lang, signal?: AbortSignal) {
  const page: FeedPage = await getFeed({ column, region: province, lang }, signal);
  return page.items.filter((i) => i.why?.kind === 'region');
}
