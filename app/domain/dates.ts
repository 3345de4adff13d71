// Calendar days and instants, always in the committee's clock (Asia/Ho_Chi_Minh).
//
// Two kinds of time exist in this app and they never mix silently:
// - an *instant* is a number: milliseconds since the Unix epoch (UTC);
// - a *local date* is a string `YYYY-MM-DD`: a day on the Hanoi calendar.
//
// Asia/Ho_Chi_Minh has kept UTC+7, without daylight saving, since 1975, so the
// arithmetic below is plain UTC arithmetic shifted by seven hours — the same
// assumption the SQL twin of the status rules makes (task-status.server.ts).
// No date library: this module ships to the browser on every page.

export const TIME_ZONE = "Asia/Ho_Chi_Minh";
const UTC_OFFSET_MS = 7 * 3600 * 1000;
const DAY_MS = 86_400_000;

/** A calendar day `YYYY-MM-DD` in Asia/Ho_Chi_Minh. */
export type LocalDate = string;
/** Milliseconds since the Unix epoch. */
export type Instant = number;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight UTC of the calendar day (years below 100 are not taken as 19xx). */
function utcMidnight(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

function toUtcMidnight(date: LocalDate): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`Not a local date: ${date}`);
  return utcMidnight(Number(match[1]), Number(match[2]), Number(match[3]));
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The `YYYY-MM-DD` of a UTC midnight. */
function isoOf(utc: number): LocalDate {
  const d = new Date(utc);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** True for a real calendar day written `YYYY-MM-DD` (rejects 2019-02-30, and years before 100). */
export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== "string") return false;
  const match = ISO_DATE.exec(value);
  if (!match || Number(match[1]) < 100) return false;
  return isoOf(utcMidnight(Number(match[1]), Number(match[2]), Number(match[3]))) === value;
}

/** The Hanoi calendar day on which an instant falls. */
export function localDateOf(at: Instant): LocalDate {
  return isoOf(Math.floor((at + UTC_OFFSET_MS) / DAY_MS) * DAY_MS);
}

/** Today on the Hanoi calendar. */
export function today(now: Instant = Date.now()): LocalDate {
  return localDateOf(now);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return isoOf(toUtcMidnight(date) + days * DAY_MS);
}

/** `to − from` in calendar days (positive when `to` is later). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((toUtcMidnight(to) - toUtcMidnight(from)) / DAY_MS);
}

/** The first instant of a Hanoi calendar day. */
export function startOfLocalDay(date: LocalDate): Instant {
  return toUtcMidnight(date) - UTC_OFFSET_MS;
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
  const d = new Date(at + UTC_OFFSET_MS);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCFullYear(), 4)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/**
 * The days the app accepts from anyone — forms, links, imported files, the API: wide
 * enough for any directive a committee tracks, and far enough from year 9999 that
 * every day arithmetic does on them (a day after, a month after) is still a day.
 */
export const ACCEPTED_DAYS = { first: "1990-01-01", last: "2100-12-31" } as const satisfies Record<string, LocalDate>;

/** A real `yyyy-mm-dd` day within ACCEPTED_DAYS: what a model takes from its callers. */
export function isAcceptedDay(value: unknown): value is LocalDate {
  return isLocalDate(value) && value >= ACCEPTED_DAYS.first && value <= ACCEPTED_DAYS.last;
}

/**
 * Reads `dd/mm/yyyy` (as typed by users; day and month may have one digit) or
 * `yyyy-mm-dd`; null when it is not a real day, or not one of ACCEPTED_DAYS. Every
 * day that comes from outside is read here or checked by isAcceptedDay, so the bound
 * is kept in one place.
 */
export function parseLocalDate(input: string): LocalDate | null {
  const read = readTypedDay(input);
  return read.ok ? read.date : null;
}

/**
 * Why a typed day is refused — the one place that tells them apart, so every message
 * can say which: not written as a day at all (`format`), written as one the calendar
 * does not have, like 31/02/2020 or a 13th month (`no_such_day`, with the year and
 * month typed), or a real day outside ACCEPTED_DAYS (`out_of_range`).
 */
export type TypedDayProblem =
  { problem: "format" } | { problem: "no_such_day"; year: number; month: number } | { problem: "out_of_range" };

/** `parseLocalDate` with the reason of a refusal. */
export function readTypedDay(input: string): { ok: true; date: LocalDate } | ({ ok: false } & TypedDayProblem) {
  const text = input.trim();
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const date = match ? `${match[3]}-${pad(Number(match[2]))}-${pad(Number(match[1]))}` : text;
  const parts = ISO_DATE.exec(date);
  if (!parts) return { ok: false, problem: "format" };
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  // Any year's calendar, years below 100 included: those are out of range, not impossible.
  if (isoOf(utcMidnight(year, month, day)) !== date) return { ok: false, problem: "no_such_day", year, month };
  return isAcceptedDay(date) ? { ok: true, date } : { ok: false, problem: "out_of_range" };
}
