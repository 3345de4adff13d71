import { parseLocalDate, today, type LocalDate } from "../domain/dates";
import type { Translate } from "./i18n";
import { badRequest } from "./http.server";

/**
 * The as-of day of a report page: `?asOf=` as dd/mm/yyyy or yyyy-mm-dd, default
 * today in Asia/Ho_Chi_Minh. A malformed date is a 400 with a translated message.
 */
export function asOfFromUrl(url: URL, t: Translate): { asOf: LocalDate; isToday: boolean } {
  const raw = url.searchParams.get("asOf");
  const now = today();
  if (raw === null || raw.trim() === "") return { asOf: now, isToday: true };
  const parsed = parseLocalDate(raw);
  if (parsed === null) badRequest(t("asOf.invalid", { value: raw.slice(0, 40) }));
  return { asOf: parsed, isToday: parsed === now };
}
