// A department picker's options grouped by kind (sở/ban/ngành, districts, …): the
// administration forms, the secretariat's re-assignment and the split review.
import { DEPARTMENT_KINDS, type DepartmentKind } from "~/domain/vocabulary";
import type { Translate } from "~/lib/i18n";

export interface DepartmentOption {
  id: number;
  name: string;
  kind: DepartmentKind;
}

/** A department picker grouped by kind (sở/ban/ngành, districts, …). */
export function DepartmentOptions({
  departments,
  t,
  emptyLabel,
}: {
  departments: readonly DepartmentOption[];
  t: Translate;
  emptyLabel: string;
}) {
  return (
    <>
      <option value="">{emptyLabel}</option>
      {DEPARTMENT_KINDS.map((kind) => {
        const group = departments.filter((d) => d.kind === kind);
        if (group.length === 0) return null;
        return (
          <optgroup key={kind} label={t(`departmentKind.${kind}`)}>
            {group.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </optgroup>
        );
      })}
    </>
  );
}
