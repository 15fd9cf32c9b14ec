import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  calendarOf,
  chinaDateOf,
  chinaTime,
  EMPTY_CALENDAR,
  isChinaDate,
  isWorkingDay,
  weekdayOf,
  workingDaysBetween,
} from './workdays.ts';

const days = (kind: 'holiday' | 'workday', ...dates: string[]) => dates.map((date) => ({ date, kind }));
const range = (from: number, to: number, prefix: string) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}-${String(from + i).padStart(2, '0')}`);

/** The 2026 Spring Festival and National Day weeks, and New Year 2027, written out by hand. */
const calendar = calendarOf([
  ...days('workday', '2026-02-14', '2026-02-28'),
  ...days('holiday', ...range(15, 23, '2026-02')),
  ...days('workday', '2026-09-20', '2026-10-10'),
  ...days('holiday', ...range(25, 27, '2026-09'), ...range(1, 7, '2026-10')),
  ...days('holiday', '2027-01-01'),
]);

describe('working days on the Chinese calendar', () => {
  it('knows the weekday of a date', () => {
    expect(weekdayOf('2026-02-14')).toBe(6); // Saturday
    expect(weekdayOf('2026-09-20')).toBe(0); // Sunday
    expect(weekdayOf('2026-10-01')).toBe(4); // Thursday
  });

  it('counts a make-up Saturday as a working day and a holiday weekday as none', () => {
    expect(isWorkingDay('2026-02-14', calendar)).toBe(true);
    expect(isWorkingDay('2026-02-16', calendar)).toBe(false);
    expect(isWorkingDay('2026-02-21', calendar)).toBe(false);
    expect(isWorkingDay('2026-02-24', calendar)).toBe(true);
    expect(isWorkingDay('2026-02-21', EMPTY_CALENDAR)).toBe(false);
    expect(isWorkingDay('2026-02-16', EMPTY_CALENDAR)).toBe(true);
  });

  it('carries 15 working days over the Spring Festival, make-up Saturdays included', () => {
    // Fri 6 Feb: 9–13 Feb (5), Sat 14 (6), holiday 15–23, 24–27 (10), Sat 28 (11), 2–5 Mar (15).
    expect(addWorkingDays('2026-02-06', 15, calendar)).toBe('2026-03-05');
    // Without the holidays it would be three weeks to the day.
    expect(addWorkingDays('2026-02-06', 15, EMPTY_CALENDAR)).toBe('2026-02-27');
  });

  it('carries 15 working days over Mid-Autumn and the National Day week with a make-up Sunday', () => {
    // Fri 18 Sep: Sun 20 (1), 21–24 (5), Mid-Autumn 25–27, 28–30 (8), holiday 1–7 Oct,
    // 8–9 (10), Sat 10 (11), 12–15 (15).
    expect(addWorkingDays('2026-09-18', 15, calendar)).toBe('2026-10-15');
  });

  it('crosses the year boundary, skipping New Year’s Day', () => {
    // Thu 24 Dec: 25, 28–31 Dec (5), 1 Jan holiday, 4–8 Jan (10), 11–15 Jan (15).
    expect(addWorkingDays('2026-12-24', 15, calendar)).toBe('2027-01-15');
    expect(addWorkingDays('2026-12-31', 1, calendar)).toBe('2027-01-04');
  });

  it('starts counting after the start day, even when that day is a holiday or a make-up day', () => {
    expect(addWorkingDays('2026-10-01', 1, calendar)).toBe('2026-10-08');
    expect(addWorkingDays('2026-10-01', 3, calendar)).toBe('2026-10-10');
    expect(addWorkingDays('2026-02-14', 1, calendar)).toBe('2026-02-24');
    expect(addWorkingDays('2026-02-15', 0, calendar)).toBe('2026-02-15');
    expect(() => addWorkingDays('2026-02-15', -1, calendar)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-02-30', 1, calendar)).toThrow(RangeError);
  });

  it('counts working days between two dates, the first excluded', () => {
    expect(workingDaysBetween('2026-02-13', '2026-02-24', calendar)).toBe(2); // Sat 14, Tue 24
    expect(workingDaysBetween('2026-02-24', '2026-02-24', calendar)).toBe(0);
    expect(workingDaysBetween('2026-02-24', '2026-02-20', calendar)).toBe(0);
  });

  it('takes days in China time (UTC+8)', () => {
    expect(chinaDateOf(new Date('2026-02-13T15:59:59Z'))).toBe('2026-02-13');
    expect(chinaDateOf(new Date('2026-02-13T16:00:00Z'))).toBe('2026-02-14');
    expect(chinaTime('2026-03-05', 18).toISOString()).toBe('2026-03-05T10:00:00.000Z');
  });

  it('accepts only real dates written YYYY-MM-DD', () => {
    expect(isChinaDate('2028-02-29')).toBe(true);
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-1', '20260101', '', '2026-02-14T00:00']) {
      expect(isChinaDate(bad), bad).toBe(false);
    }
  });
});
