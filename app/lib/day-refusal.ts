// The message of a refused typed day (client-safe: the forms' schemas use it in the
// browser too). Why the day was refused is told apart once, in app/domain/dates.ts
// (readTypedDay); this turns the reason into words the same way for every form.
import { readTypedDay, type TypedDayProblem } from "~/domain/dates";
import { lastDayOfMonth } from "~/domain/periods";
import type { Translate } from "./i18n";

/**
 * What to tell someone whose typed day was refused: that it does not exist
 * (31/02/2020: "February 2020 has 29 days"), or that it lies outside the days the
 * app accepts; when it is not written as a day at all, the form's own message
 * (`asWritten`), which shows the format. `field`: the field's name, put first as the
 * form's own messages do when the errors are listed together.
 */
export function dayRefusal(t: Translate, value: string, asWritten: string, field?: string): string {
  const read = readTypedDay(value);
  if (read.ok || read.problem === "format") return asWritten;
  const why = reason(t, value.trim().slice(0, 40), read);
  return field === undefined ? why : t("input.error.dayOfField", { field, message: lowerFirst(why) });
}

function reason(t: Translate, value: string, read: TypedDayProblem): string {
  if (read.problem === "out_of_range") return t("input.error.dayOutOfRange", { value });
  if (read.problem !== "no_such_day" || read.month < 1 || read.month > 12) {
    return t("input.error.noSuchMonth", { value });
  }
  return t("input.error.noSuchDay", {
    value,
    // As text: a number would be written with a thousands separator ("2.020").
    month: String(read.month).padStart(2, "0"),
    year: String(read.year),
    days: Number(lastDayOfMonth(read.year, read.month).slice(-2)),
  });
}

/** "Ngày …" → "ngày …" after the field's name, as the forms' own messages write it. */
function lowerFirst(text: string): string {
  return text.charAt(0).toLocaleLowerCase("vi") + text.slice(1);
}
