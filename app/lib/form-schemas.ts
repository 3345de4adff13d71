// Every form the browser checks before posting, by name, with the Zod schema its action
// parses with. The browser imports this module only on demand, once a page is
// interactive (form-validation.ts), so that Zod and the schemas stay out of the
// JavaScript a page needs first (docs/decisions/016-lazy-form-validation.md). The
// actions import the schema modules themselves. Client-safe: no server imports.
import type { Submission } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { input, output, ZodType } from "zod";
import {
  departmentDeactivateForm,
  departmentMergeForm,
  departmentProfileForm,
  departmentReactivateForm,
  issueApiTokenSchema,
  newDepartmentSchema,
  newUserSchema,
  revokeApiTokenSchema,
  userDisableForm,
  userEnableForm,
  userPasswordForm,
  userProfileForm,
  userSessionsForm,
} from "~/lib/admin-schemas";
import { calendarDayForm, calendarLoadYearForm, calendarRemoveForm } from "~/lib/calendar-schemas";
import { groupAddMembersForm, groupProfileForm, groupRemoveMembersForm, newGroupSchema } from "~/lib/group-schemas";
import {
  editCommitteeSchema,
  editDirectiveSchema,
  editMeetingSchema,
  editTaskSchema,
  newCommitteeSchema,
  newDirectiveSchema,
  newMeetingSchema,
  newTaskSchema,
} from "~/lib/desk-schemas";
import type { Translate } from "~/lib/i18n";
import { loginSchema } from "~/lib/login-schema";
import { taskPageIntentSchema } from "~/lib/progress-schemas";
import { loadMessages } from "~/lib/messages/catalogs";

// The schemas' messages, in the page's language, before any form is checked with them.
await loadMessages(
  "admin",
  "api",
  "calendar",
  "committees",
  "desk",
  "fanout",
  "groups",
  "input",
  "progress",
  "reminders",
);

export const FORM_SCHEMAS = {
  login: loginSchema,
  newCommittee: newCommitteeSchema,
  editCommittee: editCommitteeSchema,
  newMeeting: newMeetingSchema,
  editMeeting: editMeetingSchema,
  newDirective: newDirectiveSchema,
  editDirective: editDirectiveSchema,
  newTask: newTaskSchema,
  editTask: editTaskSchema,
  taskPage: taskPageIntentSchema,
  newUser: newUserSchema,
  userProfile: userProfileForm,
  userPassword: userPasswordForm,
  userSessions: userSessionsForm,
  userDisable: userDisableForm,
  userEnable: userEnableForm,
  newDepartment: newDepartmentSchema,
  departmentProfile: departmentProfileForm,
  departmentMerge: departmentMergeForm,
  departmentDeactivate: departmentDeactivateForm,
  departmentReactivate: departmentReactivateForm,
  issueApiToken: issueApiTokenSchema,
  revokeApiToken: revokeApiTokenSchema,
  calendarDay: calendarDayForm,
  calendarRemove: calendarRemoveForm,
  calendarLoadYear: calendarLoadYearForm,
  newGroup: newGroupSchema,
  groupProfile: groupProfileForm,
  groupAddMembers: groupAddMembersForm,
  groupRemoveMembers: groupRemoveMembersForm,
} satisfies Record<string, (t: Translate, ...args: never[]) => ZodType>;

export type FormName = keyof typeof FORM_SCHEMAS;
export type FormSchema<Name extends FormName> = ReturnType<(typeof FORM_SCHEMAS)[Name]>;
/** What a form's schema needs besides the translator (the task page: its current lead). */
export type FormArgs<Name extends FormName> = (typeof FORM_SCHEMAS)[Name] extends (
  t: Translate,
  ...args: infer Args
) => ZodType
  ? Args
  : never;

/** Checks a form's data in the browser as its action will (same schema, same messages). */
export function parseForm<Name extends FormName>(
  name: Name,
  t: Translate,
  args: FormArgs<Name>,
  formData: FormData,
): Submission<input<FormSchema<Name>>, string[], output<FormSchema<Name>>> {
  // TypeScript cannot follow a generic key through the table: the cast restates what `satisfies` checked.
  const build = FORM_SCHEMAS[name] as unknown as (t: Translate, ...args: FormArgs<Name>) => FormSchema<Name>;
  return parseWithZod(formData, { schema: build(t, ...args) }) as Submission<
    input<FormSchema<Name>>,
    string[],
    output<FormSchema<Name>>
  >;
}
