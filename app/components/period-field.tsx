import { periodChoices } from "~/domain/periods";
import { useT } from "~/lib/i18n";
import { periodLabel } from "~/lib/period-label";

/**
 * The period select of a GET filter form (`period=2019`, `2019-Q4`, `2019-12`): tasks
 * assigned in that year, quarter or month. Years newest first, each with its quarters
 * and months; works without JavaScript.
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
  return (
    <label className="flex min-w-0 flex-col gap-1">
      <span className="font-medium">{t("period.label")}</span>
      <select name="period" defaultValue={value ?? ""} className={className}>
        <option value="">{t("period.all")}</option>
        {periodChoices(years.fromYear, years.toYear).map(({ year, periods }) => (
          <optgroup key={year} label={String(year)}>
            {periods.map((period) => (
              <option key={period.key} value={period.key}>
                {periodLabel(t, period)}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}
