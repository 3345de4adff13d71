// How a unit group model's refusal reaches its form: the translated message, on the field
// it names (the departments it is about listed by name), or above the form.
import type { GroupFailure } from "~/domain/unit-groups";
import type { Translate } from "./i18n";

export function groupRefusal(t: Translate, failure: GroupFailure) {
  const message = t(`groups.error.${failure.code}`, { names: (failure.departmentNames ?? []).join(", ") });
  return failure.field ? { fieldErrors: { [failure.field]: [message] } } : { formErrors: [message] };
}
