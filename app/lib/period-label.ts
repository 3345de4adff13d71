// A reporting period in words ("Quý IV/2019", "Q4 2019"). Client-safe: no server imports.
import { parsePeriod, romanQuarter, type Period } from "../domain/periods";
import type { Translate } from "./i18n";

/** The period in words; the key itself when it is not a period (never thrown at a reader). */
export function periodLabel(t: Translate, period: Period | string): string {
  const parsed = typeof period === "string" ? parsePeriod(period) : period;
  if (parsed === null) return String(period);
  // Years go in as text: a number would be formatted with a thousands separator ("2.019").
  const year = String(parsed.year);
  if (parsed.kind === "year") return t("period.year", { year });
  if (parsed.kind === "quarter") {
    return t("period.quarter", { roman: romanQuarter(parsed.part), number: String(parsed.part), year });
  }
  return t("period.month", { month: String(parsed.part).padStart(2, "0"), year });
}
