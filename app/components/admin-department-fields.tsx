// The fields of a department (name, short name, kind, parent), shared by the
// "new department" and "edit department" forms (their Zod rules: app/lib/admin-schemas.ts).
import type { FieldMetadata } from "@conform-to/react";
import { DEPARTMENT_KINDS, type DepartmentKind } from "~/domain/vocabulary";
import type { Translate } from "~/lib/i18n";
import { SelectField, TextField } from "./admin-form";
import { DepartmentOptions, type DepartmentOption } from "./department-options";

export function DepartmentProfileFields({
  fields,
  parents,
  t,
}: {
  fields: {
    name: FieldMetadata<string>;
    shortName: FieldMetadata<string | undefined>;
    kind: FieldMetadata<DepartmentKind>;
    parentId: FieldMetadata<number | undefined>;
  };
  /** Departments this one may be placed under (never itself or one below it). */
  parents: readonly DepartmentOption[];
  t: Translate;
}) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField field={fields.name} label={t("admin.departments.field.name")} autoComplete="off" />
      <TextField
        field={fields.shortName}
        label={t("admin.departments.field.shortName")}
        hint={t("admin.departments.hint.shortName")}
        autoComplete="off"
      />
      <SelectField field={fields.kind} label={t("admin.departments.field.kind")}>
        <option value="">{t("admin.choose")}</option>
        {DEPARTMENT_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`departmentKind.${kind}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        field={fields.parentId}
        label={t("admin.departments.field.parent")}
        hint={t("admin.departments.hint.parent")}
      >
        <DepartmentOptions departments={parents} t={t} emptyLabel={t("admin.departments.noParent")} />
      </SelectField>
    </div>
  );
}
