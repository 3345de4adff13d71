// Working days (ngày làm việc) for the secretariat's own deadlines: Monday to Friday.
// Public holidays and the compensatory days off the government announces each year
// are not counted yet (a holiday table comes with the working-day deadlines of
// issue #13); until then a holiday counts as a working day. Pure.
import { addDays, type LocalDate } from "./dates";

/** Saturday and Sunday are not working days. */
export function isWorkingDay(date: LocalDate): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: LocalDate, to: LocalDate): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day)) count++;
  return count;
}

/**
 * The latest day from which more than `n` working days have passed by `asOf`: a
 * completion reported on it or before has waited longer than `n` working days.
 */
export function moreThanWorkingDaysBefore(asOf: LocalDate, n: number): LocalDate {
  let day = asOf;
  let counted = 0;
  // Step back over n working days; the day before the last of them is the answer.
  while (counted <= n) {
    if (isWorkingDay(day)) counted++;
    day = addDays(day, -1);
  }
  return day;
}
