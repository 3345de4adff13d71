// Reporting periods (kỳ báo cáo) and calendar months and quarters on the Hanoi calendar.
//
// A period is a year, a quarter or a month, written in URLs as `2019`, `2019-Q4` or
// `2019-12`. On the dashboards, the scorecard and the task list a period selects the
// tasks ASSIGNED in it (`tasks.assigned_on` from its first to its last day): the
// "nhiệm vụ giao trong kỳ" of Vietnamese reports (docs/decisions/012-charts.md).
// Pure: no I/O, safe in the browser.
import type { LocalDate } from "./dates";

export type PeriodKind = "year" | "quarter" | "month";

export interface Period {
  /** As written in URLs: `2019`, `2019-Q4`, `2019-12`. */
  key: string;
  kind: PeriodKind;
  year: number;
  /** The quarter (1–4) or the month (1–12); 0 for a year. */
  part: number;
  /** First and last day, both included. */
  from: LocalDate;
  to: LocalDate;
}

/** Years a period may name: wide enough for any archive, narrow enough to be a typo check. */
export const PERIOD_MIN_YEAR = 1900;
export const PERIOD_MAX_YEAR = 2199;

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * `2019-12` → its last day, `2019-12-31` (leap years included). Counted on the UTC
 * calendar, which has the same days as Hanoi's: no clock is involved (date-fns with the
 * zone would apply Hanoi's 1900s local-mean-time offset to old dates).
 */
export function lastDayOfMonth(year: number, month: number): LocalDate {
  return `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;
}

function make(kind: PeriodKind, year: number, part: number): Period {
  if (kind === "year") return { key: String(year), kind, year, part: 0, from: `${year}-01-01`, to: `${year}-12-31` };
  if (kind === "quarter") {
    const first = (part - 1) * 3 + 1;
    return {
      key: `${year}-Q${part}`,
      kind,
      year,
      part,
      from: `${year}-${pad(first)}-01`,
      to: lastDayOfMonth(year, first + 2),
    };
  }
  return {
    key: `${year}-${pad(part)}`,
    kind,
    year,
    part,
    from: `${year}-${pad(part)}-01`,
    to: lastDayOfMonth(year, part),
  };
}

/**
 * Reads `2019`, `2019-Q4` (also `2019-q4`) or `2019-12` (also `2019-1`); null for
 * anything else, a month or quarter that does not exist, or a year out of range.
 */
export function parsePeriod(input: string): Period | null {
  const match = /^(\d{4})(?:-(?:[Qq]([1-4])|(\d{1,2})))?$/.exec(input.trim());
  if (!match) return null;
  const year = Number(match[1]);
  if (year < PERIOD_MIN_YEAR || year > PERIOD_MAX_YEAR) return null;
  if (match[2] !== undefined) return make("quarter", year, Number(match[2]));
  if (match[3] !== undefined) {
    const month = Number(match[3]);
    return month >= 1 && month <= 12 ? make("month", year, month) : null;
  }
  return make("year", year, 0);
}

/**
 * The parts of a year a filter form offers beside its year (`periodPart`): a quarter
 * (`Q1`…`Q4`) or a month (`01`…`12`); none is the whole year. Two short lists instead
 * of one list of every year's seventeen periods.
 */
export const PERIOD_PARTS = ["Q1", "Q2", "Q3", "Q4", ...Array.from({ length: 12 }, (_, i) => pad(i + 1))] as const;

/**
 * The period a filter asks for, in a URL's query: `period` as links write it
 * (`2019-Q4`), or a form's year (`period=2019`) with a part of it (`periodPart=Q4`),
 * joined into `2019-Q4`. Anything else is returned joined as it came (`Q4` without a
 * year), for `parsePeriod` to refuse with the rest. Null when neither is given.
 */
export function periodFromQuery(params: URLSearchParams): string | null {
  const period = params.get("period")?.trim() ?? "";
  const part = params.get("periodPart")?.trim() ?? "";
  if (part === "") return period === "" ? null : period;
  return period === "" ? part : `${period}-${part}`;
}

export function yearPeriod(year: number): Period {
  return make("year", year, 0);
}

export function quarterPeriod(year: number, quarter: number): Period {
  return make("quarter", year, quarter);
}

export function monthPeriod(year: number, month: number): Period {
  return make("month", year, month);
}

/** The quarter a day falls in. */
export function quarterOf(date: LocalDate): Period {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return make("quarter", year, Math.floor((month - 1) / 3) + 1);
}

function monthOf(date: LocalDate): Period {
  return make("month", Number(date.slice(0, 4)), Number(date.slice(5, 7)));
}

/** The months of a period, in order. */
export function monthsOf(period: Period): Period[] {
  if (period.kind === "month") return [period];
  const first = period.kind === "quarter" ? (period.part - 1) * 3 + 1 : 1;
  const count = period.kind === "quarter" ? 3 : 12;
  return Array.from({ length: count }, (_, i) => make("month", period.year, first + i));
}

/** The `count` months ending with the month of `date`, oldest first. */
export function monthsEndingWith(date: LocalDate, count: number): Period[] {
  const last = monthOf(date);
  const index = last.year * 12 + (last.part - 1);
  return Array.from({ length: count }, (_, i) => {
    const n = index - (count - 1) + i;
    return make("month", Math.floor(n / 12), (n % 12) + 1);
  });
}

/** The quarters from the one holding `from` to the one holding `to`, newest first (none when from > to). */
export function quartersBetween(from: LocalDate, to: LocalDate): Period[] {
  const first = quarterOf(from);
  const last = quarterOf(to);
  const quarters: Period[] = [];
  for (let n = last.year * 4 + last.part - 1; n >= first.year * 4 + first.part - 1; n--) {
    quarters.push(make("quarter", Math.floor(n / 4), (n % 4) + 1));
  }
  return quarters;
}

const ROMAN = ["", "I", "II", "III", "IV"] as const;

/** The quarter in Roman numerals, as Vietnamese documents write it ("Quý IV/2019"). */
export function romanQuarter(quarter: number): string {
  return ROMAN[quarter] ?? String(quarter);
}
