/**
 * The working-day calendar as data: reading it for the arithmetic of src/platform/workdays.ts,
 * seeding the current and next year, and the console's edits (compliance officers).
 *
 * 2026 follows the State Council's notice of 4 November 2025 (国务院办公厅关于2026年部分节假日安排的
 * 通知, checked against its published text); 2027 is provisional, derived from the statutory holidays (and the lunar dates) with a
 * weekday off for each statutory day that falls on a weekend, and no make-up working days, until
 * the State Council publishes its schedule (usually in November of the year before).
 */
import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import {
  addDays,
  type CalendarDayKind,
  type ChinaDate,
  calendarOf,
  isChinaDate,
  isWeekend,
  type WorkCalendar,
} from '../../platform/workdays.ts';
import { calendarDays } from './tables.ts';

interface SeedDay {
  date: ChinaDate;
  kind: CalendarDayKind;
  nameZh: string;
  nameEn: string;
  note?: string;
  provisional?: boolean;
}

const HOLIDAYS = {
  newYear: ['元旦', 'New Year’s Day'],
  spring: ['春节', 'Spring Festival'],
  qingming: ['清明节', 'Qingming Festival'],
  labour: ['劳动节', 'Labour Day'],
  dragonBoat: ['端午节', 'Dragon Boat Festival'],
  midAutumn: ['中秋节', 'Mid-Autumn Festival'],
  national: ['国庆节', 'National Day'],
} as const;
type Holiday = keyof typeof HOLIDAYS;

const OFFICIAL_2026 = '依据国务院办公厅《关于2026年部分节假日安排的通知》（2025年11月4日）';

function range(holiday: Holiday, from: ChinaDate, to: ChinaDate, extra: Partial<SeedDay> = {}): SeedDay[] {
  const days: SeedDay[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    days.push({
      date: d,
      kind: 'holiday',
      nameZh: HOLIDAYS[holiday][0],
      nameEn: HOLIDAYS[holiday][1],
      ...extra,
    });
  }
  return days;
}

const makeUp = (holiday: Holiday, date: ChinaDate, extra: Partial<SeedDay> = {}): SeedDay => ({
  date,
  kind: 'workday',
  nameZh: `${HOLIDAYS[holiday][0]}调休上班`,
  nameEn: `${HOLIDAYS[holiday][1]} make-up working day`,
  ...extra,
});

/** 2026: the State Council's schedule (notice of 4 November 2025). */
export const SEED_2026: SeedDay[] = [
  ...range('newYear', '2026-01-01', '2026-01-03'),
  makeUp('newYear', '2026-01-04'),
  makeUp('spring', '2026-02-14'),
  ...range('spring', '2026-02-15', '2026-02-23'),
  makeUp('spring', '2026-02-28'),
  ...range('qingming', '2026-04-04', '2026-04-06'),
  ...range('labour', '2026-05-01', '2026-05-05'),
  makeUp('labour', '2026-05-09'),
  ...range('dragonBoat', '2026-06-19', '2026-06-21'),
  ...range('midAutumn', '2026-09-25', '2026-09-27'),
  makeUp('national', '2026-09-20'),
  ...range('national', '2026-10-01', '2026-10-07'),
  makeUp('national', '2026-10-10'),
].map((d) => ({ ...d, note: OFFICIAL_2026 }));

const PROVISIONAL_NOTE =
  '暂定：按法定节假日（及农历日期）推算，周末补休；待国务院公布当年安排后由运营人员确认';

/**
 * Statutory days (Regulations on National Holidays, as amended in 2024: Spring Festival 4 days
 * from the eve, Labour Day 2, National Day 3, the others 1), a weekday off after each that falls on
 * a weekend, no make-up working days. Lunar dates for 2027: Spring Festival 6 February (eve 5
 * February), Dragon Boat 9 June, Mid-Autumn 15 September; Qingming 5 April.
 */
function provisionalYear(statutory: [Holiday, ChinaDate[]][]): SeedDay[] {
  const days: SeedDay[] = [];
  const taken = new Set<ChinaDate>();
  for (const [holiday, dates] of statutory) {
    let substitutes = 0;
    for (const date of dates) {
      taken.add(date);
      if (isWeekend(date)) substitutes++;
    }
    const off = [...dates];
    let next = addDays(dates.at(-1)!, 1);
    while (substitutes > 0) {
      if (!isWeekend(next) && !taken.has(next)) {
        off.push(next);
        taken.add(next);
        substitutes--;
      }
      next = addDays(next, 1);
    }
    for (const date of off.sort()) {
      days.push({
        date,
        kind: 'holiday',
        nameZh: HOLIDAYS[holiday][0],
        nameEn: HOLIDAYS[holiday][1],
        note: PROVISIONAL_NOTE,
        provisional: true,
      });
    }
  }
  return days;
}

export const SEED_2027: SeedDay[] = provisionalYear([
  ['newYear', ['2027-01-01']],
  ['spring', ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']],
  ['qingming', ['2027-04-05']],
  ['labour', ['2027-05-01', '2027-05-02']],
  ['dragonBoat', ['2027-06-09']],
  ['midAutumn', ['2027-09-15']],
  ['national', ['2027-10-01', '2027-10-02', '2027-10-03']],
]);

const SEEDS: Record<number, SeedDay[]> = { 2026: SEED_2026, 2027: SEED_2027 };

/** Writes each seeded year that has no row yet; a year an operator already keeps is left alone. */
export async function seedCalendar(ctx: Pick<AppContext, 'db' | 'clock'>): Promise<number> {
  let written = 0;
  for (const [year, days] of Object.entries(SEEDS)) {
    const [{ n }] = await ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(calendarDays)
      .where(and(gte(calendarDays.date, `${year}-01-01`), lte(calendarDays.date, `${year}-12-31`)));
    if (n > 0) continue;
    const now = ctx.clock.now();
    const rows = await ctx.db
      .insert(calendarDays)
      .values(
        days.map((d) => ({
          ...d,
          note: d.note ?? null,
          provisional: d.provisional ?? false,
          updatedAt: now,
        })),
      )
      .onConflictDoNothing()
      .returning({ date: calendarDays.date });
    written += rows.length;
  }
  return written;
}

/** The calendar between two dates (inclusive), for the arithmetic. */
export async function loadCalendar(db: Db, from: ChinaDate, to: ChinaDate): Promise<WorkCalendar> {
  const rows = await db
    .select({ date: calendarDays.date, kind: calendarDays.kind })
    .from(calendarDays)
    .where(and(gte(calendarDays.date, from), lte(calendarDays.date, to)));
  return calendarOf(rows);
}

/**
 * Enough calendar around `date` for any deadline of this module: 15 working days never span more
 * than about five weeks, even over the Spring Festival, so four months either side is ample.
 */
export function loadCalendarAround(db: Db, date: ChinaDate): Promise<WorkCalendar> {
  return loadCalendar(db, addDays(date, -120), addDays(date, 120));
}

export type CalendarDay = typeof calendarDays.$inferSelect;

const dayOut = (d: CalendarDay) => ({
  date: d.date,
  kind: d.kind,
  nameZh: d.nameZh,
  nameEn: d.nameEn,
  note: d.note,
  provisional: d.provisional,
  updatedAt: d.updatedAt.toISOString(),
});

export async function listCalendarYear(db: Db, year: number) {
  const rows = await db
    .select()
    .from(calendarDays)
    .where(and(gte(calendarDays.date, `${year}-01-01`), lte(calendarDays.date, `${year}-12-31`)))
    .orderBy(asc(calendarDays.date));
  return { year, provisional: rows.some((r) => r.provisional), days: rows.map(dayOut) };
}

export interface DayInput {
  kind: CalendarDayKind;
  nameZh: string;
  nameEn: string;
  note?: string | null;
  provisional?: boolean;
}

function checkDay(date: string, input: DayInput) {
  if (!isChinaDate(date)) throw new AppError('calendar.invalid_date', `${date} is not a date (YYYY-MM-DD).`);
  if (input.kind === 'workday' && !isWeekend(date)) {
    throw new AppError('calendar.workday_not_weekend', `${date} is a weekday: it is a working day already.`);
  }
}

export async function addCalendarDay(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: DayInput & { date: string },
) {
  checkDay(input.date, input);
  const rows = await ctx.db
    .insert(calendarDays)
    .values({
      ...input,
      note: input.note ?? null,
      provisional: input.provisional ?? false,
      updatedAt: ctx.clock.now(),
    })
    .onConflictDoNothing()
    .returning();
  if (rows.length === 0)
    throw new AppError('calendar.date_exists', `${input.date} is already in the calendar.`);
  return dayOut(rows[0]);
}

export async function updateCalendarDay(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  date: string,
  input: DayInput,
) {
  checkDay(date, input);
  const rows = await ctx.db
    .update(calendarDays)
    .set({
      ...input,
      note: input.note ?? null,
      provisional: input.provisional ?? false,
      updatedAt: ctx.clock.now(),
    })
    .where(eq(calendarDays.date, date))
    .returning();
  if (rows.length === 0) throw new AppError('calendar.day_not_found');
  return dayOut(rows[0]);
}

export async function removeCalendarDay(db: Db, date: string) {
  if (!isChinaDate(date)) throw new AppError('calendar.invalid_date', `${date} is not a date (YYYY-MM-DD).`);
  const rows = await db.delete(calendarDays).where(eq(calendarDays.date, date)).returning();
  if (rows.length === 0) throw new AppError('calendar.day_not_found');
}
