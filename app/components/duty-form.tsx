import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { formatLocalDate, parseLocalDate } from "~/domain/dates";
import { firstOccurrences, recurrenceViolations, type RecurrenceRule } from "~/domain/recurrence";
import { RECURRENCE_FREQUENCIES, type CalendarDayKind } from "~/domain/vocabulary";
import { workingCalendarOf } from "~/domain/working-days";
import { DESK_LIMITS } from "~/lib/desk-forms";
import { dutyPeriodLabel } from "~/lib/duty-text";
import { useT } from "~/lib/i18n";
import type { DepartmentOption } from "~/domain/views";
import {
  DateField,
  FieldErrors,
  FieldShell,
  FormProblems,
  hintId,
  INPUT_CLASS,
  LABEL_CLASS,
  TextField,
} from "./form-feedback";
import { DepartmentChecklist } from "./department-checklist";
import { DepartmentOptions } from "./department-options";

export interface DutyFormValues {
  itemNumber?: string;
  title?: string;
  description?: string;
  leadDepartmentId?: string;
  coordinatorDepartmentIds?: string[];
  frequency?: string;
  day?: string;
  workingDays?: string;
  startsOn?: string;
  endsOn?: string;
}

const PREVIEW_COUNT = 6;

/** The rule as typed so far, or null while it is not one (the preview waits). */
function ruleOf(values: DutyFormValues): RecurrenceRule | null {
  const frequency = RECURRENCE_FREQUENCIES.find((f) => f === values.frequency);
  const day = Number(values.day);
  const startsOn = parseLocalDate(values.startsOn ?? "");
  const endsOn = values.endsOn?.trim() ? parseLocalDate(values.endsOn) : null;
  if (!frequency || !Number.isInteger(day) || startsOn === null) return null;
  if (values.endsOn?.trim() && endsOn === null) return null;
  const rule = { frequency, day, workingDays: values.workingDays === "on", startsOn, endsOn };
  return recurrenceViolations(rule).length === 0 ? rule : null;
}

function postedRule(lastResult: SubmissionResult<string[]> | undefined): DutyFormValues | null {
  const posted = lastResult?.initialValue;
  if (!posted) return null;
  const text = (name: string) => (typeof posted[name] === "string" ? (posted[name] as string) : "");
  return {
    frequency: text("frequency"),
    day: text("day"),
    workingDays: text("workingDays") === "on" ? "on" : undefined,
    startsOn: text("startsOn"),
    endsOn: text("endsOn"),
  };
}

/**
 * A recurring duty (decision 026): what it is, who leads it, and its rule, with a preview
 * of its first periods computed in the browser over the working calendar the page was
 * given. Works without JavaScript (the preview then shows the rule as last posted).
 */
export function DutyForm({
  lastResult,
  defaultValue,
  departments,
  calendarDays,
  cancelTo,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue: DutyFormValues;
  departments: DepartmentOption[];
  calendarDays: { day: string; kind: CalendarDayKind }[];
  cancelTo: string;
}) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useForm({ id: "duty-form", lastResult, defaultValue, shouldValidate: "onSubmit" });
  // The preview follows the rule as typed, and after a refused post as it was posted (with or without JavaScript).
  const [values, setValues] = useState<DutyFormValues>(() => postedRule(lastResult) ?? defaultValue);
  useEffect(() => {
    const posted = postedRule(lastResult);
    if (posted) setValues(posted);
  }, [lastResult]);
  const calendar = useMemo(() => workingCalendarOf(calendarDays), [calendarDays]);
  const rule = ruleOf(values);
  const preview = rule === null ? [] : firstOccurrences(rule, PREVIEW_COUNT, calendar);
  const active = departments.filter((d) => d.active);
  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const data = new FormData(event.currentTarget);
    setValues({
      frequency: String(data.get("frequency") ?? ""),
      day: String(data.get("day") ?? ""),
      workingDays: data.get("workingDays") === "on" ? "on" : undefined,
      startsOn: String(data.get("startsOn") ?? ""),
      endsOn: String(data.get("endsOn") ?? ""),
    });
  };
  const weekly = values.frequency === "weekly";

  return (
    <Form method="post" {...getFormProps(form)} onChange={onChange} className="space-y-6">
      <FormProblems id={form.errorId} errors={form.errors} conflict={null} />
      <fieldset className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-[10rem_1fr]">
        <legend className="px-1 font-semibold">{t("desk.task.contentLegend")}</legend>
        <FieldShell field={fields.itemNumber} label={t("desk.task.itemNumber")} hint={t("desk.task.itemNumberHint")}>
          <input
            {...getInputProps(fields.itemNumber, { type: "text", ariaDescribedBy: hintId(fields.itemNumber) })}
            maxLength={DESK_LIMITS.itemNumber}
            autoComplete="off"
            className={INPUT_CLASS}
          />
        </FieldShell>
        <div className="flex flex-col gap-1">
          <label htmlFor={fields.title.id} className={LABEL_CLASS}>
            {t("desk.task.title")}
          </label>
          <input {...getInputProps(fields.title, { type: "text" })} autoComplete="off" className={INPUT_CLASS} />
          <FieldErrors id={fields.title.errorId} errors={fields.title.errors} />
        </div>
        <TextField field={fields.description} label={t("desk.task.description")} rows={3} wide />
      </fieldset>

      <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <legend className="px-1 font-semibold">{t("desk.task.assignmentLegend")}</legend>
        <div className="flex flex-col gap-1">
          <label htmlFor={fields.leadDepartmentId.id} className={LABEL_CLASS}>
            {t("desk.task.lead")}
          </label>
          <select {...getSelectProps(fields.leadDepartmentId)} className={INPUT_CLASS}>
            <DepartmentOptions departments={active} t={t} emptyLabel={t("desk.choose")} />
          </select>
          <FieldErrors id={fields.leadDepartmentId.errorId} errors={fields.leadDepartmentId.errors} />
        </div>
        <DepartmentChecklist
          field={fields.coordinatorDepartmentIds}
          legend={t("desk.task.coordinators")}
          departments={active}
          t={t}
        />
      </fieldset>

      <fieldset className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
        <legend className="px-1 font-semibold">{t("duty.ruleLegend")}</legend>
        <div className="flex flex-col gap-1">
          <label htmlFor={fields.frequency.id} className={LABEL_CLASS}>
            {t("duty.field.frequency")}
          </label>
          <select {...getSelectProps(fields.frequency)} className={INPUT_CLASS}>
            {RECURRENCE_FREQUENCIES.map((f) => (
              <option key={f} value={f}>
                {t(`duty.frequency.${f}`)}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.frequency.errorId} errors={fields.frequency.errors} />
        </div>
        {weekly ? (
          <div className="flex flex-col gap-1">
            <label htmlFor={fields.day.id} className={LABEL_CLASS}>
              {t("duty.field.weekday")}
            </label>
            <select {...getSelectProps(fields.day)} key="weekday" className={INPUT_CLASS}>
              {([1, 2, 3, 4, 5, 6, 7] as const).map((d) => (
                <option key={d} value={d}>
                  {t(`duty.weekday.${d}`)}
                </option>
              ))}
            </select>
            <FieldErrors id={fields.day.errorId} errors={fields.day.errors} />
          </div>
        ) : (
          <FieldShell field={fields.day} label={t("duty.field.day")} hint={t("duty.field.dayHint")}>
            <input
              {...getInputProps(fields.day, { type: "text", ariaDescribedBy: hintId(fields.day) })}
              key="day"
              inputMode="numeric"
              autoComplete="off"
              className={INPUT_CLASS}
            />
          </FieldShell>
        )}
        <div className="flex flex-col gap-1 sm:col-span-2">
          <label className="flex items-center gap-2 text-sm">
            <input {...getInputProps(fields.workingDays, { type: "checkbox" })} className="size-4" />
            {t("duty.field.workingDays")}
          </label>
          <FieldErrors id={fields.workingDays.errorId} errors={fields.workingDays.errors} />
        </div>
        <DateField field={fields.startsOn} label={t("duty.field.startsOn")} hint={t("desk.dateHint")} />
        <DateField field={fields.endsOn} label={t("duty.field.endsOn")} hint={t("duty.field.endsOnHint")} />
      </fieldset>

      <section aria-labelledby="duty-preview" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="duty-preview" className="font-semibold">
          {t("duty.preview.title")}
        </h2>
        {preview.length === 0 ? (
          <p className="text-sm text-slate-700">{t("duty.preview.none")}</p>
        ) : (
          <table className="mt-2 text-sm" data-testid="duty-preview">
            <thead>
              <tr>
                <th className="pr-6 text-left">{t("duty.occurrences.period")}</th>
                <th className="pr-6 text-left">{t("desk.task.assignedOn")}</th>
                <th className="text-left">{t("duty.occurrences.due")}</th>
              </tr>
            </thead>
            <tbody>
              {preview.map((o) => (
                <tr key={o.periodKey}>
                  <td className="pr-6">{dutyPeriodLabel(t, o.periodKey)}</td>
                  <td className="pr-6">{formatLocalDate(o.assignedOn)}</td>
                  <td>{formatLocalDate(o.dueDate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="mt-2 text-xs text-slate-700">{t("duty.preview.note")}</p>
      </section>

      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={navigation.state === "submitting"}
          className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
        >
          {t("duty.create")}
        </button>
        <Link to={cancelTo}>{t("desk.cancel")}</Link>
      </div>
    </Form>
  );
}
