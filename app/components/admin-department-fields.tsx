// The fields of a department (name, short name, kind, parent), shared by the
// "new department" and "edit department" forms: their Zod rules with translated
// messages, and the fields themselves.
import type { FieldMetadata } from "@conform-to/react";
import { z } from "zod";
import { DEPARTMENT_KINDS, type DepartmentKind } from "~/domain/vocabulary";
import type { Translate } from "~/lib/i18n";
import { DEPARTMENT_LIMITS } from "~/domain/admin-limits";
import { SelectField, TextField } from "./admin-form";
import { DepartmentOptions, type DepartmentOption } from "./admin-user-fields";

export function departmentProfileShape(t: Translate) {
  return {
    name: z
      .string({ error: t("admin.departments.error.nameRequired") })
      .trim()
      .min(1, t("admin.departments.error.nameRequired"))
      .max(DEPARTMENT_LIMITS.nameMax, t("admin.error.tooLong", { max: DEPARTMENT_LIMITS.nameMax })),
    shortName: z
      .string()
      .trim()
      .max(DEPARTMENT_LIMITS.shortNameMax, t("admin.error.tooLong", { max: DEPARTMENT_LIMITS.shortNameMax }))
      .optional(),
    kind: z.enum(DEPARTMENT_KINDS, { error: t("admin.departments.error.kindRequired") }),
    parentId: z
      .number({ error: t("admin.error.choose") })
      .int(t("admin.error.choose"))
      .positive(t("admin.error.choose"))
      .optional(),
  };
}

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
