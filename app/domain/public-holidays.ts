// Vietnam's public holidays by the rules (docs/domain-rules.md §10): the days the Labour
// Code gives off (Bộ luật Lao động 2019 art. 112; the 2012 Code before 2021), and the
// compensatory day off (nghỉ bù) for a holiday that falls on a weekend (art. 111(3)).
// The government's yearly announcements — which days of Tết, swapped days — are data
// the administrator keeps in the calendar table; these rules give the starting point
// the migration loads for 2019–2030 and the administrator can load for another year.
// Pure.
//
// Lunar days come from `date-chinese`'s Vietnamese calendar: the Chinese rules computed
// on the meridian of UTC+7, which is what makes Tết differ from the Chinese New Year in
// some years (2030: 2 February in Vietnam, 3 February in China) — docs/decisions/023.
import { CalendarVietnamese } from "date-chinese";
import { CALENDAR_LIMITS } from "./admin-limits";
import { addDays, type LocalDate } from "./dates";
import type { CalendarDayKind, HolidayOccasion } from "./vocabulary";
import { isWeekend, weekdayOf } from "./working-days";

export interface RuleCalendarDay {
  day: LocalDate;
  kind: Extract<CalendarDayKind, "holiday" | "compensatory">;
  occasion: HolidayOccasion;
}

/** The years these rules are written for (kept with the form limits, which the browser loads). */
export const RULE_YEARS = CALENDAR_LIMITS.ruleYears;

const pad = (n: number) => String(n).padStart(2, "0");
const iso = (g: { year: number; month: number; day: number }): LocalDate => `${g.year}-${pad(g.month)}-${pad(g.day)}`;

/** The cycle and year of the lunar year that begins (mùng 1 Tết) in the Gregorian `year`. */
function lunarYearOf(year: number): { cycle: number; lunarYear: number; newYear: LocalDate } {
  const calendar = new CalendarVietnamese();
  calendar.fromJDE(calendar.newYear(year));
  const [cycle, lunarYear] = calendar.get();
  if (cycle === undefined || lunarYear === undefined) throw new Error(`No lunar year for ${year}`);
  return { cycle, lunarYear, newYear: iso(calendar.toGregorian(year)) };
}

/** Mùng 1 Tết Nguyên đán: the first day of the lunar year that begins in the Gregorian `year`. */
export function lunarNewYear(year: number): LocalDate {
  return lunarYearOf(year).newYear;
}

/** A day (not of a leap month) of the lunar year that begins in the Gregorian `year`. */
export function lunarDay(year: number, month: number, day: number): LocalDate {
  const { cycle, lunarYear } = lunarYearOf(year);
  return iso(new CalendarVietnamese(cycle, lunarYear, month, 0, day).toGregorian(year));
}

/**
 * The second day off for National Day (since 2021: "02/9 and one day just before or
 * after", chosen by the Prime Minister). The announced choices of 2021–2025 follow one
 * pattern: the neighbour that keeps the break joined to a weekend, and never a weekend
 * day — 1/9 when 2/9 is a Tuesday, Friday or Saturday, else 3/9 (a Wednesday has no
 * announced precedent: 3/9, until the government says otherwise).
 */
export function dayBesideNationalDay(year: number): LocalDate {
  const weekday = weekdayOf(`${year}-09-02`);
  return weekday === 2 || weekday === 5 || weekday === 6 ? `${year}-09-01` : `${year}-09-03`;
}

/**
 * The statutory days off of a Gregorian year, with their compensatory days, in day order:
 * - Tết Dương lịch: 1/1;
 * - Tết Nguyên đán: 5 days — the two last days of the lunar year and mùng 1–3 (the
 *   pattern of every announcement 2019–2026: 2 days before Tết and 3 after, with the
 *   weekends around them);
 * - Giỗ Tổ Hùng Vương: 10/3 lunar;
 * - 30/4 and 1/5;
 * - Quốc khánh: 2/9, and from 2021 the day beside it (dayBesideNationalDay).
 * A holiday on a Saturday or Sunday gives a compensatory day off: the next weekday that
 * is neither a holiday nor already a compensatory day (so two weekend days of Tết give
 * the two weekdays after Tết).
 */
export function statutoryCalendarDays(year: number): RuleCalendarDay[] {
  if (!Number.isInteger(year) || year < RULE_YEARS.first || year > RULE_YEARS.last) {
    throw new RangeError(`No holiday rules for ${year}`);
  }
  const tet = lunarNewYear(year);
  const candidates: { day: LocalDate; occasion: HolidayOccasion }[] = [
    { day: `${year}-01-01`, occasion: "new_year" },
    ...[-2, -1, 0, 1, 2].map((offset) => ({ day: addDays(tet, offset), occasion: "lunar_new_year" as const })),
    { day: lunarDay(year, 3, 10), occasion: "hung_kings" },
    { day: `${year}-04-30`, occasion: "reunification" },
    { day: `${year}-05-01`, occasion: "labour_day" },
    { day: `${year}-09-02`, occasion: "national_day" },
    ...(year >= 2021 ? [{ day: dayBesideNationalDay(year), occasion: "national_day" as const }] : []),
  ];
  // Two occasions on one day (Giỗ Tổ can fall on 30/4) give one day off: the law adds none.
  const holidays = new Map<LocalDate, HolidayOccasion>();
  for (const { day, occasion } of candidates.sort((a, b) => a.day.localeCompare(b.day))) {
    if (!holidays.has(day)) holidays.set(day, occasion);
  }

  const taken = new Set(holidays.keys());
  const days: RuleCalendarDay[] = [...holidays].map(([day, occasion]) => ({ day, kind: "holiday", occasion }));
  for (const [day, occasion] of holidays) {
    if (!isWeekend(day)) continue;
    let compensatory = addDays(day, 1);
    while (isWeekend(compensatory) || taken.has(compensatory)) compensatory = addDays(compensatory, 1);
    taken.add(compensatory);
    days.push({ day: compensatory, kind: "compensatory", occasion });
  }
  return days.sort((a, b) => a.day.localeCompare(b.day));
}
