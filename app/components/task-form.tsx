import {
  getCollectionProps,
  getFieldsetProps,
  getFormProps,
  getInputProps,
  getSelectProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { foldVietnamese } from "~/domain/text";
import { DEADLINE_KINDS, DEPARTMENT_KINDS, type DepartmentKind } from "~/domain/vocabulary";
import { ASSIGN_TO, DESK_LIMITS, type AssignTo } from "~/lib/desk-forms";
import { useLazyValidation } from "~/lib/form-validation";
import { useT, type Translate } from "~/lib/i18n";
import { useHydrated } from "~/lib/use-hydrated";
import type { DepartmentOption, ParentOption } from "~/domain/views";
import { DepartmentChecklist } from "./department-checklist";
import {
  type ConflictView,
  DateField,
  FieldErrors,
  FieldShell,
  FormProblems,
  HINT_CLASS,
  hintId,
  INPUT_CLASS,
  LABEL_CLASS,
  LengthCounter,
  SelectField,
  TextField,
  useTypedLength,
} from "./form-feedback";

export interface TaskFormValues {
  itemNumber?: string;
  title?: string;
  description?: string;
  leadDepartmentId?: string;
  coordinatorDepartmentIds?: string[];
  deadlineKind?: string;
  dueDate?: string;
  assignedOn?: string;
  parentId?: string;
  dueInWorkingDays?: string;
  assignTo?: string;
  leadDepartmentIds?: string[];
  groupId?: string;
}

/** A unit group to give a new item to, with its members today (for the review before saving). */
export interface FanOutGroupOption {
  id: number;
  name: string;
  members: string[];
}

function departmentLabel(t: Translate, department: DepartmentOption): string {
  return department.active ? department.name : `${department.name} (${t("departments.inactive").toLowerCase()})`;
}

function byKind(departments: readonly DepartmentOption[]): [DepartmentKind, DepartmentOption[]][] {
  return DEPARTMENT_KINDS.map((kind): [DepartmentKind, DepartmentOption[]] => [
    kind,
    departments.filter((d) => d.kind === kind),
  ]).filter(([, list]) => list.length > 0);
}

/**
 * The task form, for a new task of a directive or an edit (with the version it
 * is based on). Coordinating departments are checkboxes in a scrolling list;
 * with JavaScript the list can be filtered by name. Works without JavaScript.
 */
export function TaskForm({
  version,
  lastResult,
  conflict,
  defaultValue,
  departments,
  parents,
  cancelTo,
  deadlineFixed = null,
  workingDaysDeadline = false,
  fanOut,
}: {
  version?: number;
  lastResult: SubmissionResult<string[]> | undefined;
  conflict: ConflictView | null;
  defaultValue: TaskFormValues;
  departments: DepartmentOption[];
  parents: ParentOption[];
  cancelTo: string;
  /**
   * An issued task's deadline: shown, not edited (it changes by a deadline change on
   * the history page, which keeps the day it takes effect); the form posts it as is.
   */
  deadlineFixed?: { kind: (typeof DEADLINE_KINDS)[number]; dueDate: string | null; href: string } | null;
  /** A new task: the deadline may be given as a number of working days from the day of assignment. */
  workingDaysDeadline?: boolean;
  /** A new task may be given to several leads or to a unit group: one task per unit (decision 026). */
  fanOut?: { groups: FanOutGroupOption[] };
}) {
  const t = useT();
  const navigation = useNavigation();
  const hydrated = useHydrated();
  const [filter, setFilter] = useState("");
  const validation = useLazyValidation(version === undefined ? "newTask" : "editTask", {
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [form, fields] = useForm({
    id: "task-form",
    lastResult,
    defaultValue,
    ...validation,
  });
  const [titleLength, trackTitle] = useTypedLength(fields.title.initialValue);
  const groups = byKind(departments);
  const coordinatorProps = new Map(
    getCollectionProps(fields.coordinatorDepartmentIds, {
      type: "checkbox",
      options: departments.map((d) => String(d.id)),
    }).map((props) => [props.value, props]),
  );
  // Accent-insensitive, as search is (docs/domain-rules.md §7): "tai chinh" finds "Sở Tài chính".
  const wanted = foldVietnamese(filter);
  const matches = (department: DepartmentOption) => wanted === "" || foldVietnamese(department.name).includes(wanted);
  const coordinators = fields.coordinatorDepartmentIds;
  const deadlineKind = fields.deadlineKind;
  const filterId = `${coordinators.id}-filter`;
  const [assignTo, setAssignTo] = useState<AssignTo>(
    (ASSIGN_TO as readonly string[]).includes(fields.assignTo.initialValue ?? "")
      ? (fields.assignTo.initialValue as AssignTo)
      : "one",
  );
  const [chosenLeads, setChosenLeads] = useState<string[]>(
    [fields.leadDepartmentIds.initialValue ?? []].flat().filter((v): v is string => typeof v === "string"),
  );
  const [chosenGroup, setChosenGroup] = useState<string>(fields.groupId.initialValue ?? "");
  // Without JavaScript every choice's fields are shown, and the chosen one applies.
  const shows = (choice: AssignTo) => !hydrated || fanOut === undefined || assignTo === choice;

  return (
    <Form method="post" {...getFormProps(form)} className="space-y-6">
      <FormProblems id={form.errorId} errors={form.errors} conflict={conflict} />
      {version !== undefined && <input type="hidden" name="version" value={version} />}

      <fieldset className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-[10rem_1fr]">
        <legend className="px-1 font-semibold">{t("desk.task.contentLegend")}</legend>
        <div className="flex flex-col gap-1">
          <label htmlFor={fields.itemNumber.id} className={LABEL_CLASS}>
            {t("desk.task.itemNumber")}
          </label>
          <input
            {...getInputProps(fields.itemNumber, { type: "text", ariaDescribedBy: `${fields.itemNumber.id}-hint` })}
            maxLength={DESK_LIMITS.itemNumber}
            autoComplete="off"
            className={INPUT_CLASS}
          />
          <p id={`${fields.itemNumber.id}-hint`} className={HINT_CLASS}>
            {t("desk.task.itemNumberHint")}
          </p>
          <FieldErrors id={fields.itemNumber.errorId} errors={fields.itemNumber.errors} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={fields.title.id} className={LABEL_CLASS}>
            {t("desk.task.title")}
          </label>
          <input
            {...getInputProps(fields.title, { type: "text" })}
            onInput={trackTitle}
            autoComplete="off"
            className={INPUT_CLASS}
          />
          <LengthCounter id={`${fields.title.id}-length`} length={titleLength} max={DESK_LIMITS.title} />
          <FieldErrors id={fields.title.errorId} errors={fields.title.errors} />
        </div>
        <TextField field={fields.description} label={t("desk.task.description")} rows={4} wide />
        <SelectField field={fields.parentId} label={t("desk.task.parent")} wide>
          <option value="">{t("desk.task.noParent")}</option>
          {parents.map((p) => (
            <option key={p.id} value={p.id}>
              {p.itemNumber}. {p.title}
            </option>
          ))}
        </SelectField>
      </fieldset>

      <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <legend className="px-1 font-semibold">{t("desk.task.assignmentLegend")}</legend>
        {fanOut && (
          <fieldset {...getFieldsetProps(fields.assignTo)} className="space-y-1" data-testid="assign-to">
            <legend className={LABEL_CLASS}>{t("fanOut.assignTo.legend")}</legend>
            <p className={HINT_CLASS}>{t("fanOut.assignTo.hint")}</p>
            <div className="flex flex-wrap gap-x-6 gap-y-1">
              {getCollectionProps(fields.assignTo, { type: "radio", options: [...ASSIGN_TO] }).map(
                ({ key, ...props }) => (
                  <label key={key} className="flex items-center gap-2 text-sm">
                    <input
                      {...props}
                      defaultChecked={props.value === assignTo}
                      onChange={() => setAssignTo(props.value as AssignTo)}
                      className="size-4"
                    />
                    {t(`fanOut.assignTo.${props.value as AssignTo}`)}
                  </label>
                ),
              )}
            </div>
            <FieldErrors id={fields.assignTo.errorId} errors={fields.assignTo.errors} />
          </fieldset>
        )}
        <div className="flex flex-col gap-1" hidden={!shows("one")}>
          <label htmlFor={fields.leadDepartmentId.id} className={LABEL_CLASS}>
            {t("desk.task.lead")}
          </label>
          <select
            {...getSelectProps(fields.leadDepartmentId, { ariaDescribedBy: `${fields.leadDepartmentId.id}-hint` })}
            className={INPUT_CLASS}
          >
            <option value="">{t("desk.choose")}</option>
            {groups.map(([kind, list]) => (
              <optgroup key={kind} label={t(`departmentKind.${kind}`)}>
                {list.map((d) => (
                  <option key={d.id} value={d.id}>
                    {departmentLabel(t, d)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <p id={`${fields.leadDepartmentId.id}-hint`} className={HINT_CLASS}>
            {t("desk.task.leadHint")}
          </p>
          <FieldErrors id={fields.leadDepartmentId.errorId} errors={fields.leadDepartmentId.errors} />
        </div>

        {fanOut && (
          <>
            <div
              hidden={!shows("leads")}
              onChange={(event) => {
                const form = (event.target as HTMLInputElement).form;
                if (form) setChosenLeads(new FormData(form).getAll(fields.leadDepartmentIds.name).map(String));
              }}
            >
              <DepartmentChecklist
                field={fields.leadDepartmentIds}
                legend={t("fanOut.leads")}
                hint={t("fanOut.leadsHint")}
                departments={departments}
                t={t}
              />
            </div>
            <div className="flex flex-col gap-1" hidden={!shows("group")}>
              <label htmlFor={fields.groupId.id} className={LABEL_CLASS}>
                {t("fanOut.group")}
              </label>
              <select
                {...getSelectProps(fields.groupId, { ariaDescribedBy: `${fields.groupId.id}-hint` })}
                onChange={(event) => setChosenGroup(event.currentTarget.value)}
                className={INPUT_CLASS}
              >
                <option value="">{t("desk.choose")}</option>
                {fanOut.groups.map((g) => (
                  <option key={g.id} value={g.id}>
                    {t("fanOut.groupOption", { name: g.name, count: g.members.length })}
                  </option>
                ))}
              </select>
              <p id={`${fields.groupId.id}-hint`} className={HINT_CLASS}>
                {t("fanOut.groupHint")}
              </p>
              <FieldErrors id={fields.groupId.errorId} errors={fields.groupId.errors} />
            </div>
            {hydrated && assignTo !== "one" && (
              <FanOutReview
                assignTo={assignTo}
                leads={departments.filter((d) => chosenLeads.includes(String(d.id))).map((d) => d.name)}
                group={fanOut.groups.find((g) => String(g.id) === chosenGroup) ?? null}
              />
            )}
          </>
        )}

        <fieldset
          {...getFieldsetProps(coordinators, { ariaDescribedBy: `${coordinators.id}-hint` })}
          className="space-y-2"
        >
          <legend className={LABEL_CLASS}>{t("desk.task.coordinators")}</legend>
          <p id={`${coordinators.id}-hint`} className={HINT_CLASS}>
            {t("desk.task.coordinatorsHint")}
            {fanOut && assignTo !== "one" && <> {t("fanOut.coordinatorsHint")}</>}
          </p>
          {/* Errors of the list and of its items (a crafted value), in one place. */}
          <FieldErrors id={coordinators.errorId} errors={[...new Set(Object.values(coordinators.allErrors).flat())]} />
          {hydrated && (
            <div className="flex flex-col gap-1 sm:max-w-sm">
              <label htmlFor={filterId} className="text-sm">
                {t("desk.task.filterDepartments")}
              </label>
              <input
                id={filterId}
                type="search"
                value={filter}
                onChange={(event) => setFilter(event.currentTarget.value)}
                autoComplete="off"
                className={INPUT_CLASS}
              />
            </div>
          )}
          <div className="max-h-72 overflow-y-auto rounded border border-slate-300 p-2">
            {groups.map(([kind, list]) => {
              const shown = list.filter(matches);
              return (
                <div key={kind} hidden={shown.length === 0} className="mb-2">
                  <p className="text-xs font-semibold uppercase tracking-wide text-slate-700">
                    {t(`departmentKind.${kind}`)}
                  </p>
                  <ul className="grid gap-x-4 sm:grid-cols-2">
                    {list.map((d) => {
                      const props = coordinatorProps.get(String(d.id));
                      if (!props) return null;
                      const { key, ...inputProps } = props;
                      return (
                        <li key={key} hidden={!matches(d)}>
                          <label className="flex items-start gap-2 py-0.5 text-sm">
                            <input {...inputProps} className="mt-0.5 size-4 shrink-0" />
                            <span>{departmentLabel(t, d)}</span>
                          </label>
                        </li>
                      );
                    })}
                  </ul>
                </div>
              );
            })}
          </div>
        </fieldset>
      </fieldset>

      <fieldset className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3">
        <legend className="px-1 font-semibold">{t("desk.task.deadlineLegend")}</legend>
        {deadlineFixed ? (
          <div className="space-y-1 text-sm sm:col-span-2" data-testid="deadline-fixed">
            <input type="hidden" name={deadlineKind.name} value={deadlineFixed.kind} />
            <input type="hidden" name={fields.dueDate.name} value={deadlineFixed.dueDate ?? ""} />
            <p>
              {deadlineFixed.dueDate === null
                ? t(`desk.deadlineKind.${deadlineFixed.kind}`)
                : t("desk.task.deadlineFixed", { date: deadlineFixed.dueDate })}{" "}
              <Link to={deadlineFixed.href} className="underline">
                {t("history.deadline.title")}
              </Link>
            </p>
            <FieldErrors id={fields.dueDate.errorId} errors={fields.dueDate.errors} />
          </div>
        ) : (
          <>
            <fieldset {...getFieldsetProps(deadlineKind)} className="space-y-1">
              <legend className={LABEL_CLASS}>{t("desk.task.deadlineKind")}</legend>
              {getCollectionProps(deadlineKind, { type: "radio", options: [...DEADLINE_KINDS] }).map(
                ({ key, ...props }) => (
                  <label key={key} className="flex items-center gap-2 text-sm">
                    <input {...props} className="size-4" />
                    {t(`desk.deadlineKind.${props.value as (typeof DEADLINE_KINDS)[number]}`)}
                  </label>
                ),
              )}
              <FieldErrors id={deadlineKind.errorId} errors={deadlineKind.errors} />
            </fieldset>
            <DateField field={fields.dueDate} label={t("desk.task.dueDate")} hint={t("desk.task.dueDateHint")} />
            {workingDaysDeadline && <WorkingDaysField field={fields.dueInWorkingDays} />}
          </>
        )}
        <DateField field={fields.assignedOn} label={t("desk.task.assignedOn")} hint={t("desk.dateHint")} />
      </fieldset>

      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={navigation.state === "submitting"}
          className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
        >
          {t(version === undefined ? (assignTo === "one" ? "desk.task.create" : "fanOut.create") : "desk.save")}
        </button>
        <Link to={cancelTo}>{t("desk.cancel")}</Link>
      </div>
    </Form>
  );
}

/** The review before saving an item given to many units: how many tasks, and for whom. */
function FanOutReview({
  assignTo,
  leads,
  group,
}: {
  assignTo: Exclude<AssignTo, "one">;
  leads: string[];
  group: FanOutGroupOption | null;
}) {
  const t = useT();
  const text =
    assignTo === "leads"
      ? leads.length === 0
        ? null
        : t("fanOut.review", { count: leads.length, names: leads.join(", ") })
      : group === null
        ? null
        : `${t("fanOut.reviewGroup", { name: group.name, count: group.members.length })} ${group.members.join(", ")}.`;
  return (
    <p aria-live="polite" data-testid="fan-out-review" className="rounded bg-amber-50 p-2 text-sm text-slate-800">
      {text}
    </p>
  );
}

/** The deadline as a number of working days ("trong 05 ngày làm việc kể từ ngày giao"); the server turns it into a date. */
function WorkingDaysField({ field }: { field: Parameters<typeof getInputProps>[0] }) {
  const t = useT();
  return (
    <FieldShell field={field} label={t("calendar.deadline.label")} hint={t("calendar.deadline.hint")}>
      <input
        {...getInputProps(field, { type: "text", ariaDescribedBy: hintId(field) })}
        inputMode="numeric"
        autoComplete="off"
        className={INPUT_CLASS}
      />
    </FieldShell>
  );
}
