import { parseLocalDate, today, type LocalDate } from "../domain/dates";
import { STATUS_BASES, type StatusBasis } from "../domain/vocabulary";
import type { Translate } from "./i18n";
import { badRequest } from "./http.server";
import { dayRefusal } from "./day-refusal";

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
  const rawBasis = url.searchParams.get("basis")?.trim() ?? "";
  const basis = rawBasis === "" ? "happened" : STATUS_BASES.find((b) => b === rawBasis);
  if (basis === undefined) {
    const value = rawBasis.slice(0, 40);
    return {
      asOf: now,
      isToday: true,
      basis: "happened",
      problem: { field: "basis", value, message: t("basis.invalid", { value }) },
    };
  }
  const raw = url.searchParams.get("asOf")?.trim() ?? "";
  if (raw === "") return { asOf: now, isToday: true, basis, problem: null };
  const parsed = parseLocalDate(raw);
  if (parsed === null) {
    const value = raw.slice(0, 40);
    return {
      asOf: now,
      isToday: true,
      basis,
      problem: { field: "asOf", value, message: dayRefusal(t, value, t("asOf.invalid", { value })) },
    };
  }
  return { asOf: parsed, isToday: parsed === now, basis, problem: null };
}

/** The URL without its day and reading: what a page reads instead when `asOfForPage` found a problem. */
export function withoutAsOf(url: URL): URL {
  const readable = new URL(url);
  readable.searchParams.delete("asOf");
  readable.searchParams.delete("basis");
  return readable;
}
