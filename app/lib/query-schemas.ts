// The query string's building blocks, one of each kind, shared by every reader of a
// URL's query: the task list (app/lib/task-list-query.ts), the as-of form
// (app/lib/as-of.server.ts), the dashboards (app/server/dashboard-query.server.ts) and the
// JSON API (app/lib/api-query.server.ts). Each block reads one value as the URL writes
// it into what the models take, so an id, a day, a period or a choice is read the same
// way everywhere; how a refusal is worded is the reader's (the pages' messages or the
// API's), given as a `Refusal` of the value as it came.
import { z } from "zod";
import { isAcceptedDay, parseLocalDate, type LocalDate } from "../domain/dates";
import { parsePeriod, periodFromQuery } from "../domain/periods";
import { dayRefusal } from "./day-refusal";
import type { Translate } from "./i18n";

/** The words of a refused value, given the value as it came. */
export type Refusal = (value: string) => string;

/** Zod's error option from a refusal; without one, Zod's own message. */
function worded(refuse: Refusal | undefined) {
  return refuse === undefined ? undefined : { error: (issue: { input?: unknown }) => refuse(String(issue.input)) };
}

/** The last page a list may be asked for (the task list's and the API's). */
export const MAX_PAGE = 1_000_000;

/** A record's id: 1 to 15 digits (`positive`: not 0, for readers that refuse it rather than find nothing). */
export function queryId(refuse?: Refusal, options: { positive?: boolean } = {}) {
  const digits = z.string().regex(/^\d{1,15}$/, worded(refuse));
  return (options.positive ? digits.refine((value) => Number(value) >= 1, worded(refuse)) : digits).transform(Number);
}

/**
 * A day as people type it, dd/mm/yyyy or yyyy-mm-dd, within the accepted days
 * (1990–2100, domain/dates.ts ACCEPTED_DAYS): the pages' filters and as-of day.
 */
export function typedDay(refuse: Refusal) {
  return z.string().transform((value, ctx): LocalDate => {
    const parsed = parseLocalDate(value);
    if (parsed === null) {
      ctx.addIssue({ code: "custom", input: value, message: refuse(value) });
      return z.NEVER;
    }
    return parsed;
  });
}

/** A day written yyyy-mm-dd only, within the accepted days (1990–2100): the API's. */
export function isoDay(refuse: Refusal) {
  return z.string().transform((value, ctx): LocalDate => {
    if (!isAcceptedDay(value)) {
      ctx.addIssue({ code: "custom", input: value, message: refuse(value) });
      return z.NEVER;
    }
    return value;
  });
}

/** A reporting period (`2019`, `2019-Q4`, `2019-12`: tasks assigned in it), in its canonical spelling. */
export function periodKey(refuse: Refusal) {
  return z.string().transform((value, ctx) => {
    const parsed = parsePeriod(value);
    if (parsed === null) {
      ctx.addIssue({ code: "custom", input: value, message: refuse(value) });
      return z.NEVER;
    }
    return parsed.key;
  });
}

/** One of a vocabulary's codes (a status, a level, a sort column, a reading of the day…). */
export function queryChoice<const T extends readonly [string, ...string[]]>(values: T, refuse?: Refusal) {
  return z.enum(values, worded(refuse));
}

/** A whole number from `min` to `max`, up to 9 digits (a page, a page size). */
export function wholeNumber(min: number, max: number, refuse: Refusal) {
  return z
    .string()
    .regex(/^\d{1,9}$/, worded(refuse))
    .refine((value) => Number(value) >= min && Number(value) <= max, worded(refuse))
    .transform(Number);
}

/** The pages' words for a refused day and period (the task list's filters, the as-of form, the dashboards). */
export function pageRefusals(t: Translate) {
  return {
    day: (value: string) => dayRefusal(t, value, t("asOf.invalid", { value: value.slice(0, 40) })),
    period: (value: string) => t("period.invalid", { value: value.slice(0, 40) }),
  };
}

/**
 * The named parameters of a query string as a schema reads them: each value trimmed,
 * an empty one absent (as a form sends a field left blank); a form's period comes as
 * a year and a part of it (`periodPart`), read as one.
 */
export function queryValues(params: URLSearchParams, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    names.flatMap((name) => {
      const value = name === "period" ? periodFromQuery(params) : (params.get(name)?.trim() ?? null);
      return value === null || value === "" ? [] : [[name, value]];
    }),
  );
}
