/**
 * Age groups (policy VII, requirements 13–14): under 14 a child, under 18 a minor, otherwise an
 * adult. Ages are counted on the calendar of China (Asia/Shanghai): a member in Beijing turns 14
 * at midnight Beijing time, not eight hours later when UTC reaches the date.
 *
 * One turns N on the Nth birthday. Someone born on 29 February has their birthday on 1 March in a
 * common year: the year is complete only once February has ended, so the later day is the safe one.
 */
import type { AGE_GROUPS } from '../accounts/tables.ts';

export type AgeGroup = (typeof AGE_GROUPS)[number];

export const CHILD_UNDER = 14;
export const MINOR_UNDER = 18;

const CHINA_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in China at the instant, as YYYY-MM-DD. */
export function chinaDate(now: Date): string {
  const parts = CHINA_DATE.formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Completed years on `today` of someone born on `birthday` (both YYYY-MM-DD). */
export function ageOn(birthday: string, today: string): number {
  const [by, bm, bd] = birthday.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  const [m, d] = bm === 2 && bd === 29 && !isLeapYear(ty) ? [3, 1] : [bm, bd];
  const beforeBirthday = tm < m || (tm === m && td < d);
  return ty - by - (beforeBirthday ? 1 : 0);
}

/** The age group on a China calendar date; no birthday counts as adult until one is given. */
export function ageGroupOn(birthday: string | null, today: string): AgeGroup {
  if (!birthday) return 'adult';
  const age = ageOn(birthday, today);
  if (age < CHILD_UNDER) return 'child';
  if (age < MINOR_UNDER) return 'minor';
  return 'adult';
}

/** The age group at an instant (the app clock's `now`). */
export function ageGroupOf(birthday: string | null, now: Date): AgeGroup {
  return ageGroupOn(birthday, chinaDate(now));
}
