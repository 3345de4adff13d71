// The profile fields of a user account (name, email, role, department), shared by
// the "new user" and "edit user" forms: their Zod rules with translated messages,
// and the fields themselves.
import type { FieldMetadata } from "@conform-to/react";
import { z } from "zod";
import { DEPARTMENT_KINDS, DEPARTMENT_ROLES, ROLES, type DepartmentKind, type Role } from "~/domain/vocabulary";
import type { Translate } from "~/lib/i18n";
import { USER_LIMITS } from "~/domain/admin-limits";
import { SelectField, TextField } from "./admin-form";

export function userProfileShape(t: Translate) {
  return {
    displayName: z
      .string({ error: t("admin.users.error.displayNameRequired") })
      .trim()
      .min(1, t("admin.users.error.displayNameRequired"))
      .max(USER_LIMITS.displayNameMax, t("admin.error.tooLong", { max: USER_LIMITS.displayNameMax })),
    email: z
      .string()
      .trim()
      .max(USER_LIMITS.emailMax, t("admin.error.tooLong", { max: USER_LIMITS.emailMax }))
      .pipe(z.email(t("admin.users.error.emailInvalid")))
      .optional(),
    role: z.enum(ROLES, { error: t("admin.users.error.roleRequired") }),
    departmentId: z
      .number({ error: t("admin.error.choose") })
      .int(t("admin.error.choose"))
      .positive(t("admin.error.choose"))
      .optional(),
  };
}

/** Department roles need a department (DESIGN §3); other roles may have one. */
export function requireDepartmentForRole(t: Translate) {
  return (value: { role: Role; departmentId?: number }, ctx: z.RefinementCtx) => {
    if ((DEPARTMENT_ROLES as readonly Role[]).includes(value.role) && value.departmentId === undefined) {
      ctx.addIssue({ code: "custom", path: ["departmentId"], message: t("admin.users.error.department_required") });
    }
  };
}

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
