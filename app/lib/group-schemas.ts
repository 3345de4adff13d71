// The unit groups' administration forms (/admin/groups): one Zod schema per form, with
// messages in the reader's language; a group's page tells its forms apart by `intent`.
// Loaded on demand in the browser like every form's (app/lib/form-schemas.ts). Client-safe.
import { z } from "zod";
import { GROUP_LIMITS } from "~/domain/admin-limits";
import { parseLocalDate } from "~/domain/dates";
import { dayRefusal } from "~/lib/day-refusal";
import { versionField } from "~/lib/desk-schemas";
import type { Translate } from "~/lib/i18n";

/** Longer than any date; keeps a crafted value out of the error message. */
const DATE_MAX = 30;

function nameField(t: Translate) {
  const required = t("groups.error.nameRequired");
  return z
    .string({ error: required })
    .trim()
    .min(1, required)
    .max(GROUP_LIMITS.nameMax, t("admin.error.tooLong", { max: GROUP_LIMITS.nameMax }));
}

function descriptionField(t: Translate) {
  return z
    .string()
    .trim()
    .max(GROUP_LIMITS.descriptionMax, t("admin.error.tooLong", { max: GROUP_LIMITS.descriptionMax }))
    .optional()
    .transform((value) => value || null);
}

function departmentsField(t: Translate) {
  const message = t("groups.error.departmentsRequired");
  return z
    .array(z.number({ error: message }).int(message).positive(message), { error: message })
    .min(1, message)
    .max(GROUP_LIMITS.membersMax, message);
}

/** A day typed dd/mm/yyyy; empty means today, which the model fills in. */
function optionalDay(t: Translate) {
  return z
    .string()
    .trim()
    .max(DATE_MAX, t("groups.error.dateInvalid", { value: "…" }))
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      const day = parseLocalDate(value);
      if (day === null) {
        ctx.addIssue({ code: "custom", message: dayRefusal(t, value, t("groups.error.dateInvalid", { value })) });
        return z.NEVER;
      }
      return day;
    });
}

export function newGroupSchema(t: Translate) {
  return z.object({
    name: nameField(t),
    description: descriptionField(t),
    departmentIds: departmentsField(t),
    fromDay: optionalDay(t),
  });
}

export function groupProfileForm(t: Translate) {
  return z.object({
    intent: z.literal("profile"),
    version: versionField(t),
    name: nameField(t),
    description: descriptionField(t),
  });
}

export function groupAddMembersForm(t: Translate) {
  return z.object({ intent: z.literal("add"), departmentIds: departmentsField(t), fromDay: optionalDay(t) });
}

export function groupRemoveMembersForm(t: Translate) {
  return z.object({ intent: z.literal("remove"), departmentIds: departmentsField(t), untilDay: optionalDay(t) });
}

/** The forms of a group's page, told apart by their `intent`. */
export function groupPageSchema(t: Translate) {
  return z.discriminatedUnion("intent", [groupProfileForm(t), groupAddMembersForm(t), groupRemoveMembersForm(t)], {
    error: t("admin.error.unknownAction"),
  });
}
