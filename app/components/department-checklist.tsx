// Departments to tick, grouped by kind, in a scrolling list (the unit groups' forms): a
// fieldset of checkboxes with its legend, hint and errors. Works without JavaScript. Its
// boxes serve other lists of departments too (the split review's coordinators).
import { getCollectionProps, getFieldsetProps, type FieldMetadata } from "@conform-to/react";
import { DEPARTMENT_KINDS } from "~/domain/vocabulary";
import type { Translate } from "~/lib/i18n";
import type { DepartmentOption } from "./department-options";
import { FieldErrors, HINT_CLASS, LABEL_CLASS } from "./form-feedback";

type CheckboxProps = ReturnType<typeof getCollectionProps>[number];

/** Conform's checkbox for each department of a list field, by the department's id (as the form posts it). */
export function departmentBoxes(
  field: Parameters<typeof getCollectionProps>[0],
  departments: readonly { id: number }[],
): Map<string, CheckboxProps> {
  const boxes = getCollectionProps(field, { type: "checkbox", options: departments.map((d) => String(d.id)) });
  return new Map(boxes.map((box) => [box.value, box]));
}

/**
 * One department to tick in a list: its box with its name as the label. Give it the box's
 * own `key` (Conform changes it when the form is reset, so that the box starts afresh).
 */
export function DepartmentCheckbox({ box, label }: { box: CheckboxProps; label: string }) {
  const { key: _key, ...inputProps } = box;
  return (
    <li>
      <label className="flex items-start gap-2 py-0.5 text-sm">
        <input {...inputProps} className="mt-0.5 size-4 shrink-0" />
        <span>{label}</span>
      </label>
    </li>
  );
}

export function DepartmentChecklist({
  field,
  legend,
  hint,
  departments,
  t,
}: {
  field: FieldMetadata<number[] | string[] | undefined>;
  legend: string;
  hint?: string;
  departments: readonly DepartmentOption[];
  t: Translate;
}) {
  const hintId = `${field.id}-hint`;
  const boxes = departmentBoxes(field, departments);
  return (
    <fieldset {...getFieldsetProps(field, { ariaDescribedBy: hint ? hintId : undefined })} className="space-y-2">
      <legend className={LABEL_CLASS}>{legend}</legend>
      {hint && (
        <p id={hintId} className={HINT_CLASS}>
          {hint}
        </p>
      )}
      {/* Errors of the list and of its items (a crafted value), in one place. */}
      <FieldErrors id={field.errorId} errors={[...new Set(Object.values(field.allErrors).flat())]} />
      <div className="max-h-80 overflow-y-auto rounded border border-slate-300 p-2">
        {DEPARTMENT_KINDS.map((kind) => {
          const group = departments.filter((d) => d.kind === kind);
          if (group.length === 0) return null;
          return (
            <div key={kind} className="mb-2">
              <p className="text-xs font-semibold uppercase tracking-wide text-slate-700">
                {t(`departmentKind.${kind}`)}
              </p>
              <ul className="grid gap-x-4 sm:grid-cols-2">
                {group.map((d) => {
                  const box = boxes.get(String(d.id));
                  return box && <DepartmentCheckbox key={box.key} box={box} label={d.name} />;
                })}
              </ul>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
