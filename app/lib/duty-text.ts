// A recurring duty in words: its rule ("Trước ngày 05 hằng tháng, từ 01/01/2020, đến khi
// văn bản kết thúc") and an occurrence's period ("Tháng 01/2020", "Week 02/2020"), in the
// reader's language. Client-safe: no server imports.
import { formatLocalDate } from "../domain/dates";
import type { DutyRollup } from "../domain/duty-rollup";
import { TASK_STATUSES } from "../domain/vocabulary";
import type { RecurrenceRule } from "../domain/recurrence";
import type { Translate } from "./i18n";
import { periodLabel } from "./period-label";

export function dutyRuleInWords(t: Translate, rule: RecurrenceRule): string {
  const day = String(rule.day).padStart(2, "0");
  const what =
    rule.frequency === "weekly"
      ? t("duty.rule.weekly", { weekday: t(`duty.weekday.${rule.day as 1 | 2 | 3 | 4 | 5 | 6 | 7}`) })
      : t(rule.workingDays ? `duty.rule.${rule.frequency}Working` : `duty.rule.${rule.frequency}`, { day });
  const from = t("duty.rule.from", { start: formatLocalDate(rule.startsOn) });
  const until =
    rule.endsOn === null ? t("duty.rule.untilClosed") : t("duty.rule.until", { end: formatLocalDate(rule.endsOn) });
  const text = `${what}, ${from}, ${until}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** An occurrence's period from its key (`2020-W02`, `2020-H1`, `2020-Q1`, `2020-01`, `2020`). */
export function dutyPeriodLabel(t: Translate, key: string): string {
  const week = /^(\d{4})-W(\d{2})$/.exec(key);
  if (week) return t("duty.period.week", { week: week[2]!, year: week[1]! });
  const half = /^(\d{4})-H([12])$/.exec(key);
  if (half) return t(half[2] === "1" ? "duty.period.h1" : "duty.period.h2", { year: half[1]! });
  return periodLabel(t, key);
}

/** A duty's periods overall: "Có kỳ quá hạn — 24 quá hạn, 1 đang thực hiện trong hạn". */
export function dutyRollupInWords(t: Translate, rollup: DutyRollup): string {
  const parts = TASK_STATUSES.filter((s) => rollup.counts[s] > 0).map(
    (s) => `${rollup.counts[s]} ${t(`status.${s}`).toLowerCase()}`,
  );
  const state = t(`duty.rollup.${rollup.state}`);
  return parts.length === 0 ? state : `${state} — ${parts.join(", ")}`;
}
