// Every message that refuses a typed day names the days the app accepts
// (app/domain/dates.ts, ACCEPTED_DAYS), in both languages: the bound is kept in one
// place in the code, and this keeps the messages that state it in step with it.
import { describe, expect, it } from "vitest";
import { ACCEPTED_DAYS, formatLocalDate } from "~/domain/dates";
import { translate, type MessageKey } from "~/lib/i18n";

/** The messages of a refused day, as typed (dd/mm/yyyy). */
const TYPED_DAY_MESSAGES: MessageKey[] = [
  "desk.error.date",
  "asOf.invalid",
  "audit.invalid.date",
  "apiTokens.error.expiresOn",
  "admin.departments.error.dateInvalid",
  "import.code.invalid_date",
  "import.error.assignedOn",
  "split.warning.invalid_date",
  "input.error.dayOutOfRange",
];

describe("the messages of a refused day", () => {
  it.each(["vi", "en"] as const)("name the first and the last accepted day (%s)", (locale) => {
    const bounds = [formatLocalDate(ACCEPTED_DAYS.first), formatLocalDate(ACCEPTED_DAYS.last)];
    for (const key of TYPED_DAY_MESSAGES) {
      const text = translate(locale, key, { field: "F", value: "V", text: "T" });
      for (const bound of bounds) expect(text, key).toContain(bound);
    }
    // The API's, in the API's form of a day.
    const api = translate(locale, "api.error.invalid_date", { name: "asOf", value: "V" });
    expect(api).toContain(ACCEPTED_DAYS.first);
    expect(api).toContain(ACCEPTED_DAYS.last);
  });
});
