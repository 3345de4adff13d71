// Departments to tick, grouped by kind, in a scrolling list (the unit groups' forms): a
// fieldset of checkboxes with its legend, hint and errors. Works without JavaScript.
import { getCollectionProps, getFieldsetProps, type FieldMetadata } from "@conform-to/react";
import { DEPARTMENT_KINDS } from "~/domain/vocabulary";
import type { Translate } from "~/lib/i18n";
import type { DepartmentOption } from "./department-options";
import { FieldErrors, HINT_CLASS, LABEL_CLASS } from "./form-feedback";

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
  const boxes = new Map(
    getCollectionProps(field, { type: "checkbox", options: departments.map((d) => String(d.id)) }).map((props) => [
      props.value,
      props,
    ]),
  );
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
                  const props = boxes.get(String(d.id));
                  if (!props) return null;
                  const { key, ...inputProps } = props;
                  return (
                    <li key={key}>
                      <label className="flex items-start gap-2 py-0.5 text-sm">
                        <input {...inputProps} className="mt-0.5 size-4 shrink-0" />
                        <span>{d.name}</span>
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
  );
}
