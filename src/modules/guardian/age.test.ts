import { describe, expect, it } from 'vitest';
import { ageGroupOf, ageGroupOn, ageOn, chinaDate } from './age.ts';
import { msUntilNextRun } from './job.ts';

describe('age groups', () => {
  it('makes a child on the day before the 14th birthday and a minor on the birthday itself', () => {
    expect(ageGroupOn('2012-05-10', '2026-05-09')).toBe('child');
    expect(ageGroupOn('2012-05-10', '2026-05-10')).toBe('minor');
    expect(ageGroupOn('2012-05-10', '2026-05-11')).toBe('minor');
  });

  it('makes a minor on the day before the 18th birthday and an adult on the birthday itself', () => {
    expect(ageGroupOn('2008-05-10', '2026-05-09')).toBe('minor');
    expect(ageGroupOn('2008-05-10', '2026-05-10')).toBe('adult');
  });

  it('counts a birthday later in the year, and the turn of the year, correctly', () => {
    expect(ageOn('2012-12-31', '2026-12-30')).toBe(13);
    expect(ageOn('2012-12-31', '2026-12-31')).toBe(14);
    expect(ageOn('2013-01-01', '2026-12-31')).toBe(13);
    expect(ageOn('2012-01-01', '2026-01-01')).toBe(14);
    expect(ageGroupOn('2026-05-10', '2026-05-10')).toBe('child'); // born today
  });

  it('takes 1 March as the birthday of someone born on 29 February in a common year', () => {
    // 14th birthday in 2026, a common year.
    expect(ageGroupOn('2012-02-29', '2026-02-28')).toBe('child');
    expect(ageGroupOn('2012-02-29', '2026-03-01')).toBe('minor');
    // 18th birthday in 2026.
    expect(ageGroupOn('2008-02-29', '2026-02-28')).toBe('minor');
    expect(ageGroupOn('2008-02-29', '2026-03-01')).toBe('adult');
    // In a leap year the birthday is 29 February itself.
    expect(ageOn('2012-02-29', '2024-02-28')).toBe(11);
    expect(ageOn('2012-02-29', '2024-02-29')).toBe(12);
    // 14th birthday in 2028, a leap year: 29 February.
    expect(ageGroupOn('2014-02-28', '2028-02-28')).toBe('minor');
    expect(ageGroupOn('2016-02-29', '2030-02-28')).toBe('child');
    expect(ageGroupOn('2016-02-29', '2030-03-01')).toBe('minor');
    // Someone born on 1 March is not moved.
    expect(ageGroupOn('2012-03-01', '2026-03-01')).toBe('minor');
    expect(ageGroupOn('2012-03-01', '2026-02-28')).toBe('child');
  });

  it('counts no birthday as adult until one is given', () => {
    expect(ageGroupOn(null, '2026-05-10')).toBe('adult');
    expect(ageGroupOf(null, new Date())).toBe('adult');
  });

  it('reads the date in China time, not UTC', () => {
    // 2026-05-09 16:00 UTC is midnight of 10 May in Beijing.
    expect(chinaDate(new Date('2026-05-09T15:59:59Z'))).toBe('2026-05-09');
    expect(chinaDate(new Date('2026-05-09T16:00:00Z'))).toBe('2026-05-10');
    expect(ageGroupOf('2012-05-10', new Date('2026-05-09T15:59:59Z'))).toBe('child');
    expect(ageGroupOf('2012-05-10', new Date('2026-05-09T16:00:00Z'))).toBe('minor');
  });

  it('schedules the daily run for 00:05 China time', () => {
    // 23:00 in Beijing: 1 h 5 min to go.
    expect(msUntilNextRun(new Date('2026-05-09T15:00:00Z'))).toBe(65 * 60_000);
    // 00:05 exactly: the next day.
    expect(msUntilNextRun(new Date('2026-05-09T16:05:00Z'))).toBe(86_400_000);
    // 00:06: almost a day.
    expect(msUntilNextRun(new Date('2026-05-09T16:06:00Z'))).toBe(86_400_000 - 60_000);
  });
});
