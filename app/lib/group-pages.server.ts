// What the unit groups' pages (/admin/groups) share on the server: the day they show,
// a group's name in the reader's language, and how a model's refusal reaches its form.
import { parseLocalDate, today, type LocalDate } from "~/domain/dates";
import type { GroupFailure } from "~/domain/unit-groups";
import type { DepartmentKind } from "~/domain/vocabulary";
import { badRequest } from "./http.server";
import type { Translate } from "./i18n";

/** The day a groups page shows: `?day=` (dd/mm/yyyy or yyyy-mm-dd), else today; a day it cannot read is a 400. */
export function groupPageDay(url: URL, t: Translate): { day: LocalDate; isToday: boolean } {
  const typed = url.searchParams.get("day")?.trim() ?? "";
  const day = typed === "" ? today() : parseLocalDate(typed);
  if (day === null) badRequest(t("groups.dayInvalid", { value: typed.slice(0, 30) }));
  return { day, isToday: day === today() };
}

/** A built-in group is named after its kind of unit, in the reader's language; a custom one as it was named. */
export function groupName(t: Translate, group: { name: string; builtinKind: DepartmentKind | null }): string {
  return group.builtinKind === null ? group.name : t(`groups.builtin.${group.builtinKind}`);
}

/** The translated message, on the field it names (the departments it is about listed by name), or above the form. */
export function groupRefusal(t: Translate, failure: GroupFailure) {
  const message = t(`groups.error.${failure.code}`, { names: (failure.departmentNames ?? []).join(", ") });
  return failure.field ? { fieldErrors: { [failure.field]: [message] } } : { formErrors: [message] };
}
