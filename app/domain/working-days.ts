// Working days (ngày làm việc), docs/domain-rules.md §10: Monday to Friday, except the
// public holidays and other days off of the working calendar, plus the weekend days the
// government declares worked (làm bù) in exchange for a weekday off. The calendar is
// data (the `calendar_days` table, app/models/working-calendar.server.ts); these are the
// rules over it. Pure, and light enough for the browser (the lunar rules that fill the
// calendar are in public-holidays.ts).
import { addDays, type LocalDate } from "./dates";
import type { CalendarDayKind } from "./vocabulary";

/** A deadline given in working days ("trong 05 ngày làm việc") has at most this many: about a year. */
export const DEADLINE_WORKING_DAYS_MAX = 250;

/** 0 = Sunday … 6 = Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export function weekdayOf(day: LocalDate): Weekday {
  return new Date(`${day}T00:00:00Z`).getUTCDay() as Weekday;
}

export function isWeekend(day: LocalDate): boolean {
  const weekday = weekdayOf(day);
  return weekday === 0 || weekday === 6;
}

/** The days that are not what their weekday says. */
export interface WorkingCalendar {
  /** Days off: holidays, compensatory and swapped days (on a weekday or not). */
  daysOff: ReadonlySet<LocalDate>;
  /** Saturdays and Sundays that are worked. */
  workedWeekendDays: ReadonlySet<LocalDate>;
}

/** Weekends only: no holiday known. */
export const WEEKENDS_ONLY: WorkingCalendar = { daysOff: new Set(), workedWeekendDays: new Set() };

/** The calendar of a list of calendar days (the table's rows). */
export function workingCalendarOf(days: readonly { day: LocalDate; kind: CalendarDayKind }[]): WorkingCalendar {
  const daysOff = new Set<LocalDate>();
  const workedWeekendDays = new Set<LocalDate>();
  for (const { day, kind } of days) (kind === "working_day" ? workedWeekendDays : daysOff).add(day);
  return { daysOff, workedWeekendDays };
}

export function isWorkingDay(date: LocalDate, calendar: WorkingCalendar): boolean {
  if (calendar.workedWeekendDays.has(date)) return true;
  return !isWeekend(date) && !calendar.daysOff.has(date);
}

/** Days since 1970-01-01 (a Thursday). */
function epochDay(day: LocalDate): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000;
}

/** Mondays to Fridays from 1970-01-05 (a Monday) up to, not including, epoch day `d` (negative before it). */
function weekdaysBefore(d: number): number {
  const x = d - 4;
  const weeks = Math.floor(x / 7);
  return 5 * weeks + Math.min(x - 7 * weeks, 5);
}

/**
 * The working days after `from` up to and including `to` (0 when `to` is not after `from`):
 * the weekdays of the range counted by arithmetic, less its weekdays off, plus its worked
 * weekend days — a wait of years costs the calendar's few entries, not a step per day.
 */
export function workingDaysBetween(from: LocalDate, to: LocalDate, calendar: WorkingCalendar): number {
  if (to <= from) return 0;
  let count = weekdaysBefore(epochDay(to) + 1) - weekdaysBefore(epochDay(from) + 1);
  const within = (day: LocalDate) => day > from && day <= to;
  for (const day of calendar.daysOff) {
    if (within(day) && !isWeekend(day) && !calendar.workedWeekendDays.has(day)) count--;
  }
  for (const day of calendar.workedWeekendDays) if (within(day) && isWeekend(day)) count++;
  return count;
}

/**
 * The `n`-th working day after `from` (`from` itself for 0): "trong 05 ngày làm việc kể từ
 * ngày giao" is due on the 5th working day after the day of assignment — the day of the
 * event does not count (Civil Code 2015 art. 147), whether it is a working day or not.
 */
export function addWorkingDays(from: LocalDate, n: number, calendar: WorkingCalendar): LocalDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Not a number of working days: ${n}`);
  let day = from;
  for (let counted = 0; counted < n;) {
    day = addDays(day, 1);
    if (isWorkingDay(day, calendar)) counted++;
  }
  return day;
}

/**
 * The latest day from which more than `n` working days have passed by `asOf`: a
 * completion reported on it or before has waited longer than `n` working days.
 */
export function moreThanWorkingDaysBefore(asOf: LocalDate, n: number, calendar: WorkingCalendar): LocalDate {
  let day = asOf;
  let counted = 0;
  // Step back over n working days; the day before the last of them is the answer.
  while (counted <= n) {
    if (isWorkingDay(day, calendar)) counted++;
    day = addDays(day, -1);
  }
  return day;
}
