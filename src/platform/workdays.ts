/**
 * Working days on the Chinese calendar (privacy requirement 12): Monday to Friday, except the
 * public holidays, plus the make-up working days (调休上班) that the State Council moves onto a
 * Saturday or Sunday. Pure arithmetic on China dates ("YYYY-MM-DD", UTC+8); the calendar itself is
 * data (the calendar_days table, src/modules/requests/calendar.ts) passed in by the caller.
 */

/** A China calendar date, "2026-02-14". */
export type ChinaDate = string;

export type CalendarDayKind = 'holiday' | 'workday';

export interface WorkCalendar {
  /** Public holidays: no work, whatever the weekday. */
  holidays: ReadonlySet<ChinaDate>;
  /** Make-up working days on a weekend. */
  workdays: ReadonlySet<ChinaDate>;
}

export const EMPTY_CALENDAR: WorkCalendar = { holidays: new Set(), workdays: new Set() };

export function calendarOf(days: Iterable<{ date: ChinaDate; kind: CalendarDayKind }>): WorkCalendar {
  const holidays = new Set<ChinaDate>();
  const workdays = new Set<ChinaDate>();
  for (const d of days) (d.kind === 'holiday' ? holidays : workdays).add(d.date);
  return { holidays, workdays };
}

const DAY_MS = 86_400_000;
/** China has kept UTC+8 without daylight saving since 1991. */
export const CHINA_OFFSET_MS = 8 * 3_600_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The date as days since 1970-01-01, or NaN when it is not a real calendar date. */
function dayNumber(date: ChinaDate): number {
  const m = DATE.exec(date);
  if (!m) return Number.NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return Number.NaN;
  return t / DAY_MS;
}

const fromDayNumber = (n: number): ChinaDate => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** True for a real date written YYYY-MM-DD (2026-02-30 is not one). */
export function isChinaDate(value: string): boolean {
  return !Number.isNaN(dayNumber(value));
}

function mustDay(date: ChinaDate): number {
  const n = dayNumber(date);
  if (Number.isNaN(n)) throw new RangeError(`not a date: ${date}`);
  return n;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: ChinaDate): number {
  return (mustDay(date) + 4) % 7; // 1970-01-01 was a Thursday
}

export function isWeekend(date: ChinaDate): boolean {
  const w = weekdayOf(date);
  return w === 0 || w === 6;
}

export function addDays(date: ChinaDate, n: number): ChinaDate {
  return fromDayNumber(mustDay(date) + n);
}

/** The China date of an instant. */
export function chinaDateOf(instant: Date): ChinaDate {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant of a China wall-clock time on a date, e.g. chinaTime('2026-03-06', 18) = 10:00Z. */
export function chinaTime(date: ChinaDate, hour: number, minute = 0): Date {
  return new Date(mustDay(date) * DAY_MS + (hour * 60 + minute) * 60_000 - CHINA_OFFSET_MS);
}

export function isWorkingDay(date: ChinaDate, calendar: WorkCalendar): boolean {
  if (calendar.holidays.has(date)) return false;
  if (calendar.workdays.has(date)) return true;
  return !isWeekend(date);
}

/**
 * The n-th working day after `date` (n ≥ 1), not counting `date` itself, as a period counted in
 * days starts on the following day. A start on a holiday or a weekend is fine: counting simply
 * begins with the next working day. n = 0 answers `date` itself.
 */
export function addWorkingDays(date: ChinaDate, n: number, calendar: WorkCalendar): ChinaDate {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`addWorkingDays: n must be a whole number ≥ 0, not ${n}`);
  let day = mustDay(date);
  for (let left = n; left > 0; ) {
    day += 1;
    if (isWorkingDay(fromDayNumber(day), calendar)) left -= 1;
  }
  return fromDayNumber(day);
}

/** Working days in (from, to]: 0 when `to` is not after `from`. */
export function workingDaysBetween(from: ChinaDate, to: ChinaDate, calendar: WorkCalendar): number {
  let count = 0;
  for (let day = mustDay(from) + 1, end = mustDay(to); day <= end; day++) {
    if (isWorkingDay(fromDayNumber(day), calendar)) count++;
  }
  return count;
}
