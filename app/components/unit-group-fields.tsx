// What the unit groups' pages (/admin/groups) share on screen: the form that picks the
// day whose members they show, and a membership change's fields — the departments
// ticked and the day the change takes effect (empty: today).
import type { FieldMetadata } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { formatLocalDate, type LocalDate } from "~/domain/dates";
import { useT } from "~/lib/i18n";
import { INPUT_CLASS, TextField } from "./admin-form";
import { DepartmentChecklist } from "./department-checklist";
import type { DepartmentOption } from "./department-options";

export function GroupDayForm({ day, isToday }: { day: LocalDate; isToday: boolean }) {
  const t = useT();
  return (
    <Form
      method="get"
      className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm"
    >
      <label className="flex flex-col gap-1">
        <span className="font-medium">{t("groups.day")}</span>
        <input
          name="day"
          defaultValue={isToday ? "" : formatLocalDate(day)}
          placeholder={t("groups.dayHint")}
          inputMode="numeric"
          autoComplete="off"
          className={INPUT_CLASS}
        />
      </label>
      <button type="submit" className="rounded bg-brand-700 px-3 py-2 font-medium text-white hover:bg-brand-800">
        {t("groups.show")}
      </button>
    </Form>
  );
}

export function MembershipFields({
  departments,
  departmentsField,
  departmentsHint,
  dayField,
  dayLabel,
  dayHint,
}: {
  departments: readonly DepartmentOption[];
  departmentsField: FieldMetadata<number[] | string[] | undefined>;
  departmentsHint?: string;
  dayField: FieldMetadata<string | undefined>;
  dayLabel: string;
  dayHint: string;
}) {
  const t = useT();
  return (
    <>
      <DepartmentChecklist
        field={departmentsField}
        legend={t("groups.field.departments")}
        hint={departmentsHint}
        departments={departments}
        t={t}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField field={dayField} label={dayLabel} hint={dayHint} autoComplete="off" />
      </div>
    </>
  );
}
