import { useT } from "~/lib/i18n";
import { PeriodField } from "./period-field";

export interface FilterOptions {
  committees: { id: number; name: string }[];
  directives: { id: number; label: string }[];
  departments?: { id: number; name: string }[];
  /** The years the period select offers (`models/periods.server.ts`). */
  years: { fromYear: number; toYear: number };
}

const fieldClass = "w-48 max-w-full rounded border border-slate-400 px-2 py-1.5";

/** The dashboards' scope selects, placed inside an AsOfForm (a GET form: the URL holds the filters). */
export function DashboardFilterFields({
  options,
  values,
}: {
  options: FilterOptions;
  values: { committee?: number; directive?: number; department?: number; period?: string };
}) {
  const t = useT();
  return (
    <>
      <label className="flex flex-col gap-1">
        <span className="font-medium">{t("dashboard.filter.committee")}</span>
        <select name="committee" defaultValue={values.committee ?? ""} className={fieldClass}>
          <option value="">{t("dashboard.filter.all")}</option>
          {options.committees.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1">
        <span className="font-medium">{t("dashboard.filter.directive")}</span>
        <select name="directive" defaultValue={values.directive ?? ""} className={fieldClass}>
          <option value="">{t("dashboard.filter.all")}</option>
          {options.directives.map((d) => (
            <option key={d.id} value={d.id}>
              {d.label}
            </option>
          ))}
        </select>
      </label>
      {options.departments && (
        <label className="flex flex-col gap-1">
          <span className="font-medium">{t("dashboard.filter.department")}</span>
          <select name="department" defaultValue={values.department ?? ""} className={fieldClass}>
            <option value="">{t("dashboard.filter.all")}</option>
            {options.departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <PeriodField value={values.period} years={options.years} className={fieldClass} />
    </>
  );
}
