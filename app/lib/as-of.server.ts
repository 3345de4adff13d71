import { z } from "zod";
import { today, type LocalDate } from "../domain/dates";
import { STATUS_BASES, type StatusBasis } from "../domain/vocabulary";
import type { Translate } from "./i18n";
import { badRequest } from "./http.server";
import { pageRefusals, queryChoice, queryValues, typedDay } from "./query-schemas";

/** The day and reading a page shows. */
export interface AsOfView {
  asOf: LocalDate;
  isToday: boolean;
  basis: StatusBasis;
}

/** What a page could not read in its URL: the field, what was typed, and the translated message. */
export interface AsOfProblem {
  field: "asOf" | "basis";
  value: string;
  message: string;
}

/**
 * The as-of day of a report page: `?asOf=` as dd/mm/yyyy or yyyy-mm-dd, default
 * today in Asia/Ho_Chi_Minh; and the reading of that day, `?basis=recorded` (what
 * the system showed then) or as it happened (the default). A malformed date or
 * basis is a 400 with a translated message (exports, files).
 */
export function asOfFromUrl(url: URL, t: Translate): AsOfView {
  const { problem, ...view } = asOfForPage(url, t);
  if (problem !== null) badRequest(problem.message);
  return view;
}

/**
 * `asOfFromUrl` for a page with the as-of form: what it cannot read is not a bare
 * error page but a problem shown on the form (with the other filters kept), the
 * page answering 400 with today's figures on the basis it could read.
 */
export function asOfForPage(url: URL, t: Translate): AsOfView & { problem: AsOfProblem | null } {
  const now = today();
  const raw = queryValues(url.searchParams, ["asOf", "basis"]);
  const schema = asOfSchema(t);
  const read = schema.safeParse(raw);
  if (read.success) return { ...asOfView(read.data), problem: null };
  const issue = read.error.issues[0]!;
  const field = issue.path[0] === "basis" ? "basis" : "asOf";
  // A reading it cannot read leaves the day unread; a day it cannot read keeps the reading.
  const basis = field === "basis" ? undefined : schema.shape.basis.safeParse(raw.basis).data;
  return {
    asOf: now,
    isToday: true,
    basis: basis ?? "happened",
    problem: { field, value: (raw[field] ?? "").slice(0, 40), message: issue.message },
  };
}

/** The as-of day and its reading as the pages' query strings write them (the reading read first). */
function asOfSchema(t: Translate) {
  return z.object({
    basis: queryChoice(STATUS_BASES, (value) => t("basis.invalid", { value: value.slice(0, 40) })).optional(),
    asOf: typedDay(pageRefusals(t).day).optional(),
  });
}

/** The day and reading read from a query (the pages' or the API's): today and as it happened unless named. */
export function asOfView(query: { asOf?: LocalDate; basis?: StatusBasis }): AsOfView {
  const now = today();
  const asOf = query.asOf ?? now;
  return { asOf, isToday: asOf === now, basis: query.basis ?? "happened" };
}

/** The URL without its day and reading: what a page reads instead when `asOfForPage` found a problem. */
export function withoutAsOf(url: URL): URL {
  const readable = new URL(url);
  readable.searchParams.delete("asOf");
  readable.searchParams.delete("basis");
  return readable;
}
