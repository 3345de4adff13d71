import { parseLocalDate, today, type LocalDate } from "../domain/dates";
import { STATUS_BASES, type StatusBasis } from "../domain/vocabulary";
import type { Translate } from "./i18n";
import { badRequest } from "./http.server";

/**
 * The as-of day of a report page: `?asOf=` as dd/mm/yyyy or yyyy-mm-dd, default
 * today in Asia/Ho_Chi_Minh; and the reading of that day, `?basis=recorded` (what
 * the system showed then) or as it happened (the default). A malformed date or
 * basis is a 400 with a translated message.
 */
export function asOfFromUrl(url: URL, t: Translate): { asOf: LocalDate; isToday: boolean; basis: StatusBasis } {
  const raw = url.searchParams.get("asOf");
  const basis = basisFromUrl(url, t);
  const now = today();
  if (raw === null || raw.trim() === "") return { asOf: now, isToday: true, basis };
  const parsed = parseLocalDate(raw);
  if (parsed === null) badRequest(t("asOf.invalid", { value: raw.slice(0, 40) }));
  return { asOf: parsed, isToday: parsed === now, basis };
}

function basisFromUrl(url: URL, t: Translate): StatusBasis {
  const raw = url.searchParams.get("basis");
  if (raw === null || raw.trim() === "") return "happened";
  const basis = STATUS_BASES.find((b) => b === raw.trim());
  if (basis === undefined) badRequest(t("basis.invalid", { value: raw.slice(0, 40) }));
  return basis;
}
