// Reading a posted form in an action. `request.formData()` throws a TypeError on a
// body that is not a form (another Content-Type, a broken multipart body), which
// Remix answers with a 500; and Conform builds arrays from indices in field names
// (`tasks[3].title`), so one short crafted name such as `tasks[99999999].title`
// would make it allocate, validate and echo back an array of a hundred million
// entries. Both are the client's fault: they get a translated 4xx here, before
// any parsing or database work (tests/integration/hostile-input.test.ts). A NUL in a
// text becomes U+FFFD (storableText).
import { data } from "@remix-run/node";
import type { Translate } from "./i18n";
import { getTranslator } from "./locale.server";

/**
 * The largest array index a field name may carry: above every form of the app (the
 * paste-and-split review has at most 2,000 rows, a task at most 500 coordinators).
 */
export const MAX_FIELD_INDEX = 10_000;

const FORM_TYPES = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

/** Every all-digit segment of a Conform field name: `tasks[12].coordinatorDepartmentIds[3]` → 12, 3. */
function indicesOf(name: string): number[] {
  return name
    .split(/[.[\]]+/)
    .filter((segment) => /^\d+$/.test(segment))
    .map(Number);
}

/**
 * The request's form: 415 when the body is not a form at all, 400 when it cannot
 * be parsed, 413 when a field name asks for an absurd array index. Each answer
 * carries a translated `message` (shown by the error boundary).
 */
export async function readForm(request: Request): Promise<FormData> {
  const { t } = await getTranslator(request);
  if (!FORM_TYPES.test(request.headers.get("Content-Type") ?? "")) {
    throw data({ message: t("input.error.notAForm") }, { status: 415 });
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw data({ message: t("input.error.unreadable") }, { status: 400 });
  }
  refuseAbsurdIndices(form, t);
  return withoutNul(form);
}

/**
 * A posted text as it is kept: U+0000 (NUL) becomes U+FFFD, the replacement character.
 * SQLite's text functions stop at a NUL (`length('\0x')` is 0), so a title that begins
 * with one fails the `length(trim(title)) > 0` checks of the schema — a 500 — and one
 * inside a text hides the rest of it from search and comparisons. No one types a NUL;
 * a pasted one is shown as � instead.
 */
export function storableText(value: string): string {
  return value.includes("\u0000") ? value.replaceAll("\u0000", "\ufffd") : value;
}

/** The form with storableText values (files and field names as posted). */
function withoutNul(form: FormData): FormData {
  if (![...form.values()].some((value) => typeof value === "string" && value.includes("\u0000"))) return form;
  const clean = new FormData();
  for (const [name, value] of form) clean.append(name, typeof value === "string" ? storableText(value) : value);
  return clean;
}

/** 413 when a field name asks for an array index above MAX_FIELD_INDEX (also for forms read otherwise). */
export function refuseAbsurdIndices(form: FormData, t: Translate): void {
  for (const name of new Set(form.keys())) {
    if (indicesOf(name).some((index) => index > MAX_FIELD_INDEX)) {
      throw data({ message: t("input.error.tooManyFields") }, { status: 413 });
    }
  }
}
