// Calendar days and instants, always in the committee's clock (Asia/Ho_Chi_Minh).
//
// Two kinds of time exist in this app and they never mix silently:
// - an *instant* is a number: milliseconds since the Unix epoch (UTC);
// - a *local date* is a string `YYYY-MM-DD`: a day on the Hanoi calendar.
import { TZDate } from "@date-fns/tz";
import { addDays as addDaysFns, differenceInCalendarDays, format, isValid, parse } from "date-fns";

export const TIME_ZONE = "Asia/Ho_Chi_Minh";

/** A calendar day `YYYY-MM-DD` in Asia/Ho_Chi_Minh. */
export type LocalDate = string;
/** Milliseconds since the Unix epoch. */
export type Instant = number;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toZoned(date: LocalDate): TZDate {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`Not a local date: ${date}`);
  const [, y, m, d] = match;
  return new TZDate(Number(y), Number(m) - 1, Number(d), TIME_ZONE);
}

/** True for a real calendar day written `YYYY-MM-DD` (rejects 2019-02-30). */
export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== "string" || !ISO_DATE.test(value)) return false;
  return format(toZoned(value), "yyyy-MM-dd") === value;
}

/** The Hanoi calendar day on which an instant falls. */
export function localDateOf(at: Instant): LocalDate {
  return format(new TZDate(at, TIME_ZONE), "yyyy-MM-dd");
}

/** Today on the Hanoi calendar. */
export function today(now: Instant = Date.now()): LocalDate {
  return localDateOf(now);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return format(addDaysFns(toZoned(date), days), "yyyy-MM-dd");
}

/** `to − from` in calendar days (positive when `to` is later). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return differenceInCalendarDays(toZoned(to), toZoned(from));
}

/** The first instant of a Hanoi calendar day. */
export function startOfLocalDay(date: LocalDate): Instant {
  return toZoned(date).getTime();
}

/**
 * The first instant after a day has ended. "Known at the end of day D" means
 * "happened at an instant strictly before `endOfLocalDay(D)`".
 */
export function endOfLocalDay(date: LocalDate): Instant {
  return startOfLocalDay(addDays(date, 1));
}

/** `dd/mm/yyyy`, the way Vietnamese documents write dates. */
export function formatLocalDate(date: LocalDate): string {
  // A calendar day needs no time zone: reordered as written (lists format hundreds per page).
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`Not a local date: ${date}`);
  return `${match[3]}/${match[2]}/${match[1]}`;
}

/** `dd/mm/yyyy HH:mm` on the Hanoi clock. */
export function formatInstant(at: Instant): string {
  return format(new TZDate(at, TIME_ZONE), "dd/MM/yyyy HH:mm");
}

/** Reads `dd/mm/yyyy` (as typed by users) or `yyyy-mm-dd`; null when it is not a real day. */
export function parseLocalDate(input: string): LocalDate | null {
  const text = input.trim();
  if (isLocalDate(text)) return text;
  const parsed = parse(text, "dd/MM/yyyy", new TZDate(2000, 0, 1, TIME_ZONE));
  if (!isValid(parsed) || !/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(text)) return null;
  const date = format(parsed, "yyyy-MM-dd");
  return isLocalDate(date) ? date : null;
}
