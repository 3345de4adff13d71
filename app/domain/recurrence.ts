// Recurring duties (nhiệm vụ định kỳ, docs/domain-rules.md §12, decision 026): the rule
// that says when each occurrence of a duty is given and when it is due. Pure, and light
// enough for the browser (the new-task form previews the first occurrences).
//
// The shapes, each a period and a due day:
//
// | frequency     | period                 | due                                             | written as                              |
// | ------------- | ---------------------- | ----------------------------------------------- | --------------------------------------- |
// | `weekly`      | ISO week (Mon–Sun)     | weekday `day` (1 = Mon … 7 = Sun) of that week  | "hằng tuần vào thứ Sáu"                 |
// | `monthly`     | calendar month         | day `day` of that same month                    | "trước ngày 05 hằng tháng"              |
// | `quarterly`   | quarter                | day `day` of the first month after the quarter  | "trước ngày 15 của tháng đầu quý sau"   |
// | `half_yearly` | Jan–Jun, Jul–Dec       | day `day` of the first month after the half     | "báo cáo 6 tháng, trước ngày 15/7 và 15/1" |
// | `yearly`      | calendar year          | day `day` of January of the next year           | "báo cáo năm, trước ngày 15/01 năm sau" |
//
// - "Trước ngày 05" is read as due ON the 5th: every due date in the app is the last day
//   that is still on time (§4), and a report that arrives on the 5th is not called late.
// - A day the month does not have (31 in April, 29–31 in February) is the month's last day.
// - The due day is kept as written even when it is a weekend or a holiday, as the
//   conclusion wrote it. Only when the rule says so (`workingDays`, not for weekly duties)
//   does `day` count working days of the due month over the working calendar: "trước
//   ngày làm việc thứ 5 hằng tháng" is the month's 5th working day.
// - An occurrence belongs to the duty when its period overlaps [startsOn, endsOn] and its
//   due day is not before startsOn (a duty that starts on the 10th does not owe the report
//   due on the 5th of that month). It is given (assigned) on its period's first day, or on
//   the duty's start when that is later. With no end, the duty runs until its directive
//   is closed (the job stops there: app/models/recurring-duties.server.ts).
import { addDays, daysBetween, type LocalDate } from "./dates";
import { lastDayOfMonth, romanQuarter } from "./periods";
import type { RecurrenceFrequency } from "./vocabulary";
import { addWorkingDays, WEEKENDS_ONLY, type WorkingCalendar } from "./working-days";

export interface RecurrenceRule {
  frequency: RecurrenceFrequency;
  /** Weekly: ISO weekday 1 (Monday) … 7 (Sunday). Otherwise the day of the due month, 1–31 (1–10 in working days). */
  day: number;
  /** `day` counts working days of the due month (not for weekly duties). */
  workingDays: boolean;
  startsOn: LocalDate;
  /** Null: until the directive is closed. */
  endsOn: LocalDate | null;
}

export interface Occurrence {
  /** Unique within a duty: `2020-W02`, `2020-01`, `2020-Q1`, `2020-H1`, `2020`. */
  periodKey: string;
  /** In Vietnamese, as documents write it: "Tuần 02/2020", "Tháng 01/2020", "Quý I/2020", "6 tháng đầu năm 2020", "Năm 2020". */
  label: string;
  kind: RecurrenceFrequency;
  /** The ISO week year or the calendar year of the period. */
  year: number;
  /** The week (1–53), month (1–12), quarter (1–4) or half (1–2); 0 for a year. */
  part: number;
  periodStart: LocalDate;
  periodEnd: LocalDate;
  /** The day the occurrence is given: its period's first day, or the duty's start when later. */
  assignedOn: LocalDate;
  dueDate: LocalDate;
}

/** The largest `day` a working-day rule takes: every month has at least 10 working days, even February with Tết. */
export const RECURRENCE_MAX_WORKING_DAY = 10;

export type RecurrenceViolation =
  "weekday_out_of_range" | "day_out_of_range" | "working_days_weekly" | "ends_before_start" | "no_occurrence";

/** What is wrong with a rule (nothing: it is a rule the app can follow). */
export function recurrenceViolations(rule: RecurrenceRule): RecurrenceViolation[] {
  const violations: RecurrenceViolation[] = [];
  const whole = Number.isInteger(rule.day);
  if (rule.frequency === "weekly") {
    if (!whole || rule.day < 1 || rule.day > 7) violations.push("weekday_out_of_range");
    if (rule.workingDays) violations.push("working_days_weekly");
  } else if (!whole || rule.day < 1 || rule.day > (rule.workingDays ? RECURRENCE_MAX_WORKING_DAY : 31)) {
    violations.push("day_out_of_range");
  }
  if (rule.endsOn !== null && rule.endsOn < rule.startsOn) violations.push("ends_before_start");
  if (violations.length === 0 && firstOccurrence(rule, WEEKENDS_ONLY) === null) violations.push("no_occurrence");
  return violations;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** Periods are numbered from an epoch so the next one is `index + 1`. */
const MONDAY_EPOCH: LocalDate = "1970-01-05";

function isoWeekOf(monday: LocalDate): { year: number; week: number } {
  const thursday = addDays(monday, 3);
  const year = Number(thursday.slice(0, 4));
  return { year, week: Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1 };
}

interface Period {
  key: string;
  label: string;
  year: number;
  part: number;
  start: LocalDate;
  end: LocalDate;
  /** The year and month whose day is the due day (not weekly). */
  dueYear: number;
  dueMonth: number;
}

/** Months per period, for the period kinds counted in months. */
const MONTHS: Record<Exclude<RecurrenceFrequency, "weekly">, number> = {
  monthly: 1,
  quarterly: 3,
  half_yearly: 6,
  yearly: 12,
};

function periodAt(frequency: RecurrenceFrequency, index: number): Period {
  if (frequency === "weekly") {
    const start = addDays(MONDAY_EPOCH, index * 7);
    const { year, week } = isoWeekOf(start);
    return {
      key: `${year}-W${pad(week)}`,
      label: `Tuần ${pad(week)}/${year}`,
      year,
      part: week,
      start,
      end: addDays(start, 6),
      dueYear: year,
      dueMonth: 0,
    };
  }
  const months = MONTHS[frequency];
  const perYear = 12 / months;
  const year = Math.floor(index / perYear);
  const part = (index % perYear) + 1;
  const firstMonth = (part - 1) * months + 1;
  const lastMonth = firstMonth + months - 1;
  // The month after the period (monthly duties are due within their month).
  const after = frequency === "monthly" ? firstMonth : lastMonth + 1;
  const due = { dueYear: after > 12 ? year + 1 : year, dueMonth: after > 12 ? after - 12 : after };
  const span = { start: `${year}-${pad(firstMonth)}-01`, end: lastDayOfMonth(year, lastMonth), year, ...due };
  if (frequency === "monthly")
    return { key: `${year}-${pad(part)}`, label: `Tháng ${pad(part)}/${year}`, part, ...span };
  if (frequency === "quarterly")
    return { key: `${year}-Q${part}`, label: `Quý ${romanQuarter(part)}/${year}`, part, ...span };
  if (frequency === "half_yearly") {
    const label = part === 1 ? `6 tháng đầu năm ${year}` : `6 tháng cuối năm ${year}`;
    return { key: `${year}-H${part}`, label, part, ...span };
  }
  return { key: String(year), label: `Năm ${year}`, part: 0, ...span };
}

/** The index of the period holding `day`. */
function periodIndexOf(frequency: RecurrenceFrequency, day: LocalDate): number {
  if (frequency === "weekly") return Math.floor(daysBetween(MONDAY_EPOCH, day) / 7);
  const months = MONTHS[frequency];
  return Number(day.slice(0, 4)) * (12 / months) + Math.floor((Number(day.slice(5, 7)) - 1) / months);
}

function dueDateOf(rule: RecurrenceRule, period: Period, calendar: WorkingCalendar): LocalDate {
  if (rule.frequency === "weekly") return addDays(period.start, rule.day - 1);
  const { dueYear, dueMonth } = period;
  const last = lastDayOfMonth(dueYear, dueMonth);
  if (rule.workingDays) return addWorkingDays(addDays(`${dueYear}-${pad(dueMonth)}-01`, -1), rule.day, calendar);
  return rule.day >= Number(last.slice(8)) ? last : `${dueYear}-${pad(dueMonth)}-${pad(rule.day)}`;
}

/** The occurrence of period `index`, or null when it is not one of the duty's. */
function occurrenceAt(rule: RecurrenceRule, index: number, calendar: WorkingCalendar): Occurrence | null {
  const period = periodAt(rule.frequency, index);
  const dueDate = dueDateOf(rule, period, calendar);
  if (period.end < rule.startsOn || dueDate < rule.startsOn) return null;
  if (rule.endsOn !== null && period.start > rule.endsOn) return null;
  return {
    periodKey: period.key,
    label: period.label,
    kind: rule.frequency,
    year: period.year,
    part: period.part,
    periodStart: period.start,
    periodEnd: period.end,
    assignedOn: period.start < rule.startsOn ? rule.startsOn : period.start,
    dueDate,
  };
}

/** The period index from which occurrences are looked for: the one holding the start (its due day may be before it). */
function firstIndex(rule: RecurrenceRule): number {
  return periodIndexOf(rule.frequency, rule.startsOn);
}

function firstOccurrence(rule: RecurrenceRule, calendar: WorkingCalendar): Occurrence | null {
  const start = firstIndex(rule);
  // The period holding the start may end before its due day; the next one never does.
  return occurrenceAt(rule, start, calendar) ?? occurrenceAt(rule, start + 1, calendar);
}

/**
 * The occurrences given (assigned) from `from` to `to`, both included, in order. Due
 * dates and assignment days only grow with the period, so the walk stops at the first
 * occurrence given after `to`.
 */
export function occurrencesBetween(
  rule: RecurrenceRule,
  from: LocalDate,
  to: LocalDate,
  calendar: WorkingCalendar = WEEKENDS_ONLY,
): Occurrence[] {
  const found: Occurrence[] = [];
  const begin = Math.max(firstIndex(rule), periodIndexOf(rule.frequency, from));
  for (let index = begin; ; index++) {
    const period = periodAt(rule.frequency, index);
    if (period.start > to || (rule.endsOn !== null && period.start > rule.endsOn)) break;
    const occurrence = occurrenceAt(rule, index, calendar);
    if (occurrence === null || occurrence.assignedOn < from) continue;
    if (occurrence.assignedOn > to) break;
    found.push(occurrence);
  }
  return found;
}

/** The first occurrence given after `day` (null when the duty has ended by then). */
export function nextOccurrenceAfter(
  rule: RecurrenceRule,
  day: LocalDate,
  calendar: WorkingCalendar = WEEKENDS_ONLY,
): Occurrence | null {
  const start = Math.max(firstIndex(rule), periodIndexOf(rule.frequency, day));
  // Two periods always hold the next one: the period holding `day` may have been given already.
  for (let index = start; index <= start + 2; index++) {
    const period = periodAt(rule.frequency, index);
    if (rule.endsOn !== null && period.start > rule.endsOn) return null;
    const occurrence = occurrenceAt(rule, index, calendar);
    if (occurrence !== null && occurrence.assignedOn > day) return occurrence;
  }
  return null;
}

/** The first `count` occurrences of a rule (the form's preview). */
export function firstOccurrences(
  rule: RecurrenceRule,
  count: number,
  calendar: WorkingCalendar = WEEKENDS_ONLY,
): Occurrence[] {
  const found: Occurrence[] = [];
  const first = firstOccurrence(rule, calendar);
  if (first === null) return found;
  found.push(first);
  while (found.length < count) {
    const next = nextOccurrenceAfter(rule, found[found.length - 1]!.assignedOn, calendar);
    if (next === null) break;
    found.push(next);
  }
  return found;
}

/**
 * What should exist on `day`: every occurrence given by then (its period has begun and
 * it belongs to the duty) and the next one ahead, so the department sees it coming.
 */
export function occurrencesDueBy(
  rule: RecurrenceRule,
  day: LocalDate,
  calendar: WorkingCalendar = WEEKENDS_ONLY,
): Occurrence[] {
  const given = day < rule.startsOn ? [] : occurrencesBetween(rule, rule.startsOn, day, calendar);
  const next = nextOccurrenceAfter(rule, day < rule.startsOn ? addDays(rule.startsOn, -1) : day, calendar);
  return next === null ? given : [...given, next];
}
