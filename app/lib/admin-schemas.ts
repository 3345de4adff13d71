// The administrators' forms (users, departments, API tokens): one Zod schema per form,
// with messages in the reader's language. The actions parse with them; in the browser
// they are loaded on demand after the page is interactive (app/lib/form-validation.ts),
// so a page never imports this module itself. Client-safe: no server imports.
import { z } from "zod";
import { DEPARTMENT_CODE_PATTERN, DEPARTMENT_LIMITS, LOGIN_PATTERN, USER_LIMITS } from "~/domain/admin-limits";
import { API_TOKEN_NAME_MAX } from "~/domain/api-tokens";
import { isPublishedPassword } from "~/domain/password-policy";
import { parseLocalDate } from "~/domain/dates";
import { dayRefusal } from "~/lib/day-refusal";
import { DEPARTMENT_KINDS, DEPARTMENT_ROLES, ROLES, type Role } from "~/domain/vocabulary";
import type { Translate } from "~/lib/i18n";
import { versionField } from "~/lib/desk-schemas";

/** Longer than any date; keeps a crafted value out of the error message. */
const DATE_MAX = 30;

function confirmation(t: Translate) {
  const message = t("admin.confirm.required");
  return z.boolean({ error: message }).refine((checked) => checked, message);
}

function passwordFields(t: Translate) {
  return {
    password: z
      .string({ error: t("admin.users.error.passwordRequired") })
      .min(USER_LIMITS.passwordMin, t("admin.users.error.passwordShort", { min: USER_LIMITS.passwordMin }))
      .max(USER_LIMITS.passwordMax, t("admin.error.tooLong", { max: USER_LIMITS.passwordMax }))
      .refine((password) => !isPublishedPassword(password), t("admin.users.error.passwordPublished")),
    passwordConfirm: z.string({ error: t("admin.users.error.passwordConfirmRequired") }),
  };
}

function passwordsMatch(t: Translate) {
  return (value: { password: string; passwordConfirm: string }, ctx: z.RefinementCtx) => {
    if (value.password !== value.passwordConfirm) {
      ctx.addIssue({ code: "custom", path: ["passwordConfirm"], message: t("admin.users.error.passwordMismatch") });
    }
  };
}

// ---------------------------------------------------------------- users

/** The profile of a user account (name, email, role, department), on the "new" and "edit" forms. */
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

/** Department roles need a department (docs/domain-rules.md §3); other roles may have one. */
export function requireDepartmentForRole(t: Translate) {
  return (value: { role: Role; departmentId?: number }, ctx: z.RefinementCtx) => {
    if ((DEPARTMENT_ROLES as readonly Role[]).includes(value.role) && value.departmentId === undefined) {
      ctx.addIssue({ code: "custom", path: ["departmentId"], message: t("admin.users.error.department_required") });
    }
  };
}

export function newUserSchema(t: Translate) {
  const loginRequired = t("admin.users.error.loginRequired");
  return z
    .object({
      login: z
        .string({ error: loginRequired })
        .trim()
        .min(USER_LIMITS.loginMin, t("admin.users.error.loginLength", { min: USER_LIMITS.loginMin }))
        .max(USER_LIMITS.loginMax, t("admin.error.tooLong", { max: USER_LIMITS.loginMax }))
        .regex(LOGIN_PATTERN, t("admin.users.error.loginFormat"))
        .toLowerCase(),
      ...userProfileShape(t),
      ...passwordFields(t),
    })
    .superRefine(requireDepartmentForRole(t))
    .superRefine(passwordsMatch(t));
}

// The forms that change the account carry the version the page showed: a save after
// another administrator's is a conflict, never an overwrite. Ending sessions changes
// nothing of the account and needs none.
export function userProfileForm(t: Translate) {
  return z
    .object({ intent: z.literal("profile"), version: versionField(t), ...userProfileShape(t) })
    .superRefine(requireDepartmentForRole(t));
}

export function userPasswordForm(t: Translate) {
  return z
    .object({ intent: z.literal("password"), version: versionField(t), ...passwordFields(t) })
    .superRefine(passwordsMatch(t));
}

export function userSessionsForm(t: Translate) {
  return z.object({ intent: z.literal("sessions"), confirm: confirmation(t) });
}

export function userDisableForm(t: Translate) {
  return z.object({ intent: z.literal("disable"), version: versionField(t), confirm: confirmation(t) });
}

export function userEnableForm(t: Translate) {
  return z.object({ intent: z.literal("enable"), version: versionField(t) });
}

/** The forms of a user's page, told apart by their `intent`. */
export function userPageSchema(t: Translate) {
  return z.discriminatedUnion(
    "intent",
    [userProfileForm(t), userPasswordForm(t), userSessionsForm(t), userDisableForm(t), userEnableForm(t)],
    { error: t("admin.error.unknownAction") },
  );
}

// ---------------------------------------------------------------- departments

/** The profile of a department (name, short name, kind, parent), on the "new" and "edit" forms. */
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

export function newDepartmentSchema(t: Translate) {
  const codeRequired = t("admin.departments.error.codeRequired");
  return z.object({
    code: z
      .string({ error: codeRequired })
      .trim()
      .min(DEPARTMENT_LIMITS.codeMin, t("admin.departments.error.codeLength", { min: DEPARTMENT_LIMITS.codeMin }))
      .max(DEPARTMENT_LIMITS.codeMax, t("admin.error.tooLong", { max: DEPARTMENT_LIMITS.codeMax }))
      .regex(DEPARTMENT_CODE_PATTERN, t("admin.departments.error.codeFormat"))
      .toUpperCase(),
    ...departmentProfileShape(t),
  });
}

// Every form of a department's page carries the version the page showed (see the users').
export function departmentProfileForm(t: Translate) {
  return z.object({ intent: z.literal("profile"), version: versionField(t), ...departmentProfileShape(t) });
}

export function departmentDeactivateForm(t: Translate) {
  return z.object({ intent: z.literal("deactivate"), version: versionField(t), confirm: confirmation(t) });
}

export function departmentReactivateForm(t: Translate) {
  return z.object({ intent: z.literal("reactivate"), version: versionField(t) });
}

export function departmentMergeForm(t: Translate) {
  const dateRequired = t("admin.departments.error.effectiveOnRequired");
  const reasonRequired = t("admin.departments.error.reasonRequired");
  return z.object({
    intent: z.literal("merge"),
    version: versionField(t),
    successorId: z
      .number({ error: t("admin.departments.error.successorRequired") })
      .int(t("admin.departments.error.successorRequired"))
      .positive(t("admin.departments.error.successorRequired")),
    effectiveOn: z
      .string({ error: dateRequired })
      .trim()
      .max(DATE_MAX, t("admin.departments.error.dateInvalid"))
      .transform((value, ctx) => {
        const date = parseLocalDate(value);
        if (date === null) {
          ctx.addIssue({ code: "custom", message: dayRefusal(t, value, t("admin.departments.error.dateInvalid")) });
          return z.NEVER;
        }
        return date;
      }),
    reason: z
      .string({ error: reasonRequired })
      .trim()
      .min(1, reasonRequired)
      .max(DEPARTMENT_LIMITS.reasonMax, t("admin.error.tooLong", { max: DEPARTMENT_LIMITS.reasonMax })),
    confirm: confirmation(t),
  });
}

/** The forms of a department's page, told apart by their `intent`. */
export function departmentPageSchema(t: Translate) {
  return z.discriminatedUnion(
    "intent",
    [departmentProfileForm(t), departmentDeactivateForm(t), departmentReactivateForm(t), departmentMergeForm(t)],
    { error: t("admin.error.unknownAction") },
  );
}

// ---------------------------------------------------------------- API tokens

export function issueApiTokenSchema(t: Translate) {
  const nameRequired = t("apiTokens.error.nameRequired");
  return z.object({
    name: z
      .string({ error: nameRequired })
      .trim()
      .min(1, nameRequired)
      .max(API_TOKEN_NAME_MAX, t("admin.error.tooLong", { max: API_TOKEN_NAME_MAX })),
    userId: z
      .number({ error: t("apiTokens.error.userRequired") })
      .int(t("apiTokens.error.userRequired"))
      .positive(t("apiTokens.error.userRequired")),
    expiresOn: z
      .string()
      .trim()
      .max(DATE_MAX, t("admin.error.tooLong", { max: DATE_MAX }))
      .optional()
      .transform((value, ctx) => {
        if (value === undefined || value === "") return null;
        const date = parseLocalDate(value);
        if (date === null) {
          ctx.addIssue({ code: "custom", message: dayRefusal(t, value, t("apiTokens.error.expiresOn", { value })) });
          return z.NEVER;
        }
        return date;
      }),
  });
}

export function revokeApiTokenSchema(t: Translate) {
  const message = t("admin.confirm.required");
  return z.object({
    intent: z.literal("revoke", { error: t("admin.error.unknownAction") }),
    confirm: z.boolean({ error: message }).refine((checked) => checked, message),
  });
}
