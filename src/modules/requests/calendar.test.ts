import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.ts';
import { isWeekend, weekdayOf } from '../../platform/workdays.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { SEED_2026, SEED_2027, seedCalendar } from './calendar.ts';
import { agentOf, CALENDAR, memberOf } from './testing.ts';

const clock = fixedClock(new Date('2026-02-06T02:00:00Z'));

describe('the working-day calendar', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(() => t.close());

  it('is seeded for 2026 and, provisionally, for 2027, once', async () => {
    const compliance = await agentOf(t.app, 'compliance');
    const y2026 = (await compliance.get(`${CALENDAR}?year=2026`)).json();
    expect(y2026.provisional).toBe(false);
    expect(y2026.days).toHaveLength(SEED_2026.length);
    expect(y2026.days.find((d: { date: string }) => d.date === '2026-02-14')).toMatchObject({
      kind: 'workday',
    });
    const y2027 = (await compliance.get(`${CALENDAR}?year=2027`)).json();
    expect(y2027.provisional).toBe(true);
    expect(y2027.days.every((d: { provisional: boolean; note: string }) => d.provisional && d.note)).toBe(
      true,
    );
    expect(await seedCalendar(t.app.ctx)).toBe(0);
  });

  it('seeds make-up days only on weekends and gives each weekend statutory day of 2027 a weekday off', () => {
    for (const d of [...SEED_2026, ...SEED_2027].filter((d) => d.kind === 'workday')) {
      expect(isWeekend(d.date), d.date).toBe(true);
    }
    const spring = SEED_2027.filter((d) => d.nameEn === 'Spring Festival').map((d) => d.date);
    // Eve Fri 5 Feb, 6–7 Feb on the weekend, Mon 8: Tue 9 and Wed 10 are given in their place.
    expect(spring).toEqual([
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
    ]);
    expect(weekdayOf('2027-02-06')).toBe(6);
  });

  it('is edited by compliance officers, and an edit moves the due date of new requests', async () => {
    const compliance = await agentOf(t.app, 'compliance');
    const m = await memberOf(t.app);
    // 18 Feb 2027 is outside this request's window; 10 Feb 2026 (a Tuesday) is inside it.
    const before = (await m.open({ type: 'access' })).json().dueAt;
    const added = await compliance.post(CALENDAR, {
      date: '2026-02-10',
      kind: 'holiday',
      nameZh: '测试假日',
      nameEn: 'Test holiday',
      note: '仅供测试',
    });
    expect(added.statusCode, added.body).toBe(201);
    const after = (await m.open({ type: 'access' })).json().dueAt;
    expect(Date.parse(after) - Date.parse(before)).toBe(86_400_000); // Thu 5 → Fri 6 March

    const edited = await compliance.put(`${CALENDAR}/2026-02-10`, {
      kind: 'holiday',
      nameZh: '测试假日（改）',
      nameEn: 'Test holiday (edited)',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ nameZh: '测试假日（改）', note: null, provisional: false });
    expect((await compliance.delete(`${CALENDAR}/2026-02-10`)).statusCode).toBe(204);
    expect((await m.open({ type: 'access' })).json().dueAt).toBe(before);
  });

  it('refuses bad dates, a date listed twice, and a make-up working day on a weekday, with stable codes', async () => {
    const compliance = await agentOf(t.app, 'compliance');
    const day = { kind: 'holiday', nameZh: '假日', nameEn: 'Holiday' };
    const cases: [string, () => Promise<{ statusCode: number; json(): { code: string } }>, number, string][] =
      [
        [
          'no such date',
          () => compliance.post(CALENDAR, { ...day, date: '2026-02-30' }),
          400,
          'calendar.invalid_date',
        ],
        [
          'not a date',
          () => compliance.post(CALENDAR, { ...day, date: 'tomorrow' }),
          400,
          'calendar.invalid_date',
        ],
        [
          'twice',
          () => compliance.post(CALENDAR, { ...day, date: '2026-10-01' }),
          409,
          'calendar.date_exists',
        ],
        [
          'weekday make-up',
          () => compliance.post(CALENDAR, { ...day, kind: 'workday', date: '2026-03-04' }),
          400,
          'calendar.workday_not_weekend',
        ],
        [
          'edit into a weekday make-up',
          () => compliance.put(`${CALENDAR}/2026-10-01`, { ...day, kind: 'workday' }),
          400,
          'calendar.workday_not_weekend',
        ],
        [
          'edit a missing day',
          () => compliance.put(`${CALENDAR}/2026-03-04`, day),
          404,
          'calendar.day_not_found',
        ],
        [
          'remove a missing day',
          () => compliance.delete(`${CALENDAR}/2026-03-04`),
          404,
          'calendar.day_not_found',
        ],
        [
          'remove a bad date',
          () => compliance.delete(`${CALENDAR}/2026-13-01`),
          400,
          'calendar.invalid_date',
        ],
        [
          'unknown kind',
          () => compliance.post(CALENDAR, { ...day, kind: 'rest', date: '2026-03-07' }),
          400,
          'validation.failed',
        ],
        [
          'empty name',
          () => compliance.post(CALENDAR, { ...day, nameZh: ' ', date: '2026-03-07' }),
          400,
          'validation.failed',
        ],
        ['bad year', () => compliance.get(`${CALENDAR}?year=abc`), 400, 'validation.failed'],
      ];
    for (const [name, call, status, code] of cases) {
      const res = await call();
      expect(res.statusCode, name).toBe(status);
      expect(res.json().code, name).toBe(code);
    }
    // A make-up Saturday is accepted.
    const sat = await compliance.post(CALENDAR, { ...day, kind: 'workday', date: '2026-03-07' });
    expect(sat.statusCode).toBe(201);
  });

  it('is for compliance and admin only', async () => {
    for (const role of ['support', 'editor'] as const) {
      const staff = await agentOf(t.app, role);
      expect((await staff.get(`${CALENDAR}?year=2026`)).statusCode, role).toBe(403);
      expect((await staff.delete(`${CALENDAR}/2026-10-01`)).statusCode, role).toBe(403);
    }
    expect((await (await agentOf(t.app, 'admin')).get(`${CALENDAR}?year=2026`)).statusCode).toBe(200);
  });
});
