import { useT } from "~/lib/i18n";
import { directiveChoices, FilterSelect, namedChoices, useFilterMenus } from "./filter-select";
import { PeriodField } from "./period-field";

export interface FilterOptions {
  committees: { id: number; name: string }[];
  directives: { id: number; label: string }[];
  departments?: { id: number; name: string }[];
  /** The years the period select offers (`models/periods.server.ts`). */
  years: { fromYear: number; toYear: number };
  /** Whether the long menus came whole (else they are loaded: useFilterMenus). */
  complete: boolean;
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
  // The dashboards offer the departments whose figures the user may read.
  const menus = useFilterMenus(options, true);
  return (
    <>
      <FilterSelect
        label={t("dashboard.filter.committee")}
        name="committee"
        value={values.committee}
        allLabel={t("dashboard.filter.all")}
        choices={namedChoices(options.committees)}
        className={fieldClass}
      />
      <FilterSelect
        label={t("dashboard.filter.directive")}
        name="directive"
        value={values.directive}
        allLabel={t("dashboard.filter.all")}
        choices={directiveChoices(menus.directives)}
        className={fieldClass}
      />
      {menus.departments && (
        <FilterSelect
          label={t("dashboard.filter.department")}
          name="department"
          value={values.department}
          allLabel={t("dashboard.filter.all")}
          choices={namedChoices(menus.departments)}
          className={fieldClass}
        />
      )}
      <PeriodField value={values.period} years={options.years} className={fieldClass} />
    </>
  );
}
