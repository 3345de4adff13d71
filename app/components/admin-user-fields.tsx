// The profile fields of a user account (name, email, role, department), shared by
// the "new user" and "edit user" forms (their Zod rules: app/lib/admin-schemas.ts).
import type { FieldMetadata } from "@conform-to/react";
import { ROLES, type Role } from "~/domain/vocabulary";
import type { Translate } from "~/lib/i18n";
import { SelectField, TextField } from "./admin-form";
import { DepartmentOptions, type DepartmentOption } from "./department-options";

export function UserProfileFields({
  fields,
  departments,
  t,
  roleLocked,
}: {
  fields: {
    displayName: FieldMetadata<string>;
    email: FieldMetadata<string | undefined>;
    role: FieldMetadata<Role>;
    departmentId: FieldMetadata<number | undefined>;
  };
  departments: readonly DepartmentOption[];
  t: Translate;
  /** An administrator editing themself: the role is shown, not offered (nobody demotes themself). */
  roleLocked?: Role;
}) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField field={fields.displayName} label={t("admin.users.field.displayName")} autoComplete="off" />
      <TextField
        field={fields.email}
        label={t("admin.users.field.email")}
        type="email"
        hint={t("admin.users.hint.email")}
        autoComplete="off"
      />
      {roleLocked ? (
        <div className="flex flex-col gap-1">
          <span className="text-sm font-medium">{t("admin.users.field.role")}</span>
          <input type="hidden" name={fields.role.name} value={roleLocked} />
          <p className="py-2">{t(`role.${roleLocked}`)}</p>
          <p className="text-xs text-slate-700">{t("admin.users.hint.ownRole")}</p>
        </div>
      ) : (
        <SelectField field={fields.role} label={t("admin.users.field.role")}>
          <option value="">{t("admin.choose")}</option>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`role.${role}`)}
            </option>
          ))}
        </SelectField>
      )}
      <SelectField
        field={fields.departmentId}
        label={t("admin.users.field.department")}
        hint={t("admin.users.hint.department")}
      >
        <DepartmentOptions departments={departments} t={t} emptyLabel={t("admin.users.noDepartment")} />
      </SelectField>
    </div>
  );
}
