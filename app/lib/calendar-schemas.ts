// The working calendar's administration forms (/admin/holidays): one Zod schema per form,
// told apart by `intent`, with messages in the reader's language. Loaded on demand in the
// browser like every form's (app/lib/form-schemas.ts). Client-safe: no server imports.
import { z } from "zod";
import { CALENDAR_LIMITS } from "~/domain/admin-limits";
import { parseLocalDate } from "~/domain/dates";
import { dayRefusal } from "~/lib/day-refusal";
import { CALENDAR_DAY_KINDS, HOLIDAY_OCCASIONS } from "~/domain/vocabulary";
import { isWeekend } from "~/domain/working-days";
import type { Translate } from "~/lib/i18n";

/** Longer than any date; keeps a crafted value out of the error message. */
const DATE_MAX = 30;

export function calendarDayForm(t: Translate) {
  const dayRequired = t("calendar.error.dayRequired");
  return z
    .object({
      intent: z.literal("add"),
      day: z
        .string({ error: dayRequired })
        .trim()
        .min(1, dayRequired)
        .max(DATE_MAX, t("calendar.error.dayInvalid", { value: "…" }))
        .transform((value, ctx) => {
          const day = parseLocalDate(value);
          if (day === null) {
            ctx.addIssue({ code: "custom", message: dayRefusal(t, value, t("calendar.error.dayInvalid", { value })) });
            return z.NEVER;
          }
          return day;
        }),
      kind: z.enum(CALENDAR_DAY_KINDS, { error: t("calendar.error.kindRequired") }),
      occasion: z.enum(HOLIDAY_OCCASIONS, { error: t("calendar.error.occasionRequired") }),
      note: z
        .string()
        .trim()
        .max(CALENDAR_LIMITS.noteMax, t("admin.error.tooLong", { max: CALENDAR_LIMITS.noteMax }))
        .optional()
        .transform((value) => value || null),
    })
    .superRefine((value, ctx) => {
      if (value.kind === "working_day" && !isWeekend(value.day)) {
        ctx.addIssue({ code: "custom", path: ["day"], message: t("calendar.error.working_day_not_weekend") });
      }
      if (value.occasion === "other" && value.note === null) {
        ctx.addIssue({ code: "custom", path: ["note"], message: t("calendar.error.note_required") });
      }
    });
}

export function calendarRemoveForm(t: Translate) {
  const message = t("admin.error.unknownAction");
  return z.object({
    intent: z.literal("remove"),
    id: z.number({ error: message }).int(message).positive(message),
  });
}

export function calendarLoadYearForm(t: Translate) {
  const { first, last } = CALENDAR_LIMITS.ruleYears;
  // Years as written, not as numbers (which the translator groups: 2.014).
  const message = t("calendar.error.yearInvalid", { first: String(first), last: String(last) });
  return z.object({
    intent: z.literal("loadYear"),
    year: z.number({ error: message }).int(message).min(first, message).max(last, message),
  });
}

/** The forms of the calendar page, told apart by their `intent`. */
export function calendarPageSchema(t: Translate) {
  return z.discriminatedUnion("intent", [calendarDayForm(t), calendarRemoveForm(t), calendarLoadYearForm(t)], {
    error: t("admin.error.unknownAction"),
  });
}
