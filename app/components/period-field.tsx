import { parsePeriod, PERIOD_PARTS, romanQuarter } from "~/domain/periods";
import { useT } from "~/lib/i18n";

/**
 * The period filter of a GET form: a year (`period=2019`) and, within it, a quarter or
 * a month (`periodPart=Q4`, `12`; none for the whole year) — tasks assigned in that
 * period. Two short selects rather than one of every year's seventeen periods; the
 * loaders read them as one period (`periodFromQuery`), links keep writing
 * `period=2019-Q4`. Years newest first; works without JavaScript.
 */
export function PeriodField({
  value,
  years,
  className,
}: {
  value: string | undefined;
  years: { fromYear: number; toYear: number };
  className: string;
}) {
  const t = useT();
  const chosen = value === undefined ? null : parsePeriod(value);
  const part = chosen === null || chosen.kind === "year" ? "" : chosen.key.slice(5);
  const yearList = Array.from({ length: years.toYear - years.fromYear + 1 }, (_, i) => years.toYear - i);
  // Part labels are written for a year already chosen: "Quý IV", "Tháng 12".
  const partLabel = (key: (typeof PERIOD_PARTS)[number]) =>
    key.startsWith("Q")
      ? t("period.partQuarter", { roman: romanQuarter(Number(key.slice(1))), number: key.slice(1) })
      : t("period.partMonth", { month: key });
  return (
    <fieldset className="flex min-w-0 flex-wrap gap-2">
      <legend className="mb-1 font-medium">{t("period.label")}</legend>
      <label className="flex min-w-0 flex-col gap-1">
        <span className="text-xs">{t("period.yearLabel")}</span>
        <select name="period" defaultValue={chosen === null ? "" : String(chosen.year)} className={className}>
          <option value="">{t("period.all")}</option>
          {yearList.map((year) => (
            <option key={year} value={year}>
              {year}
            </option>
          ))}
        </select>
      </label>
      <label className="flex min-w-0 flex-col gap-1">
        <span className="text-xs">{t("period.partLabel")}</span>
        <select name="periodPart" defaultValue={part} className={className}>
          <option value="">{t("period.wholeYear")}</option>
          <optgroup label={t("period.quarters")}>
            {PERIOD_PARTS.filter((key) => key.startsWith("Q")).map((key) => (
              <option key={key} value={key}>
                {partLabel(key)}
              </option>
            ))}
          </optgroup>
          <optgroup label={t("period.months")}>
            {PERIOD_PARTS.filter((key) => !key.startsWith("Q")).map((key) => (
              <option key={key} value={key}>
                {partLabel(key)}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
    </fieldset>
  );
}
