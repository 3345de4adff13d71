// The review step's data: what the splitter found (shown beside the form, not posted)
// and the form's first values; and the save's errors as translated messages on the
// form's fields (`tasks[3].leadDepartmentId`).
import type { LocalDate } from "~/domain/dates";
import { flattenDraftTasks } from "~/domain/directive-split";
import {
  markedSegments,
  recognisedTexts,
  reviewDefaults,
  type ReviewError,
  type ReviewField,
} from "~/domain/split-review";
import { IMPORT_COLUMNS, MAX_IMPORT_ROWS, type ImportColumnKey } from "~/domain/task-import";
import { reviewFormRow, type ReviewFormValues } from "~/lib/split-forms";
import type { AppDatabase } from "~/lib/db.server";
import type { MessageKey, Translate } from "~/lib/i18n";
import { departmentNames } from "~/models/desk-options.server";
import { splitText } from "~/models/task-split.server";
import type { ReviewRowView, ReviewView } from "./review-view";

/** The draft tasks of a text, as the review screen shows them, and the form's first values. */
export function buildReview(
  db: AppDatabase,
  text: string,
  issuedOn: LocalDate | null,
  assignedOn: string,
): { view: ReviewView; defaultValue: ReviewFormValues } {
  const split = splitText(db, text, issuedOn);
  const drafts = flattenDraftTasks(split.tasks);
  const candidates = [...new Set(drafts.flatMap((d) => d.warnings.flatMap((w) => w.departmentIds ?? [])))];
  const names = departmentNames(db, candidates);
  const rows = drafts.map((draft): ReviewRowView => ({
    itemNumber: draft.itemNumber,
    parentItemNumber: draft.parentItemNumber,
    depth: draft.depth,
    segments: markedSegments(draft.description, recognisedTexts(draft)),
    warnings: draft.warnings.map((warning) => ({
      code: warning.code,
      text: warning.matchedText ?? "",
      departments: (warning.departmentIds ?? []).map((id) => names.get(id) ?? String(id)).join("; "),
    })),
  }));
  return {
    view: { text, preamble: split.preamble, closing: split.closing, rows },
    defaultValue: { text, assignedOn, tasks: drafts.map((draft) => reviewFormRow(reviewDefaults(draft))) },
  };
}

const FIELD_LABEL: Record<ReviewField, MessageKey> = {
  itemNumber: "desk.task.itemNumber",
  title: "desk.task.title",
  description: "desk.task.description",
  leadDepartmentId: "desk.task.lead",
  coordinatorDepartmentIds: "desk.task.coordinators",
  deadlineKind: "desk.task.deadlineKind",
  dueDate: "desk.task.dueDate",
  parentItemNumber: "split.parent",
};

const COLUMN_OF_FIELD: Partial<Record<ReviewField, ImportColumnKey>> = {
  itemNumber: "itemNumber",
  title: "title",
  description: "description",
  parentItemNumber: "parent",
};

function maxLength(field: ReviewField | null): number {
  const key = field === null ? undefined : COLUMN_OF_FIELD[field];
  return IMPORT_COLUMNS.find((column) => column.key === key)?.maxLength ?? 0;
}

function message(t: Translate, error: ReviewError): string {
  const label = error.field === null ? "" : t(FIELD_LABEL[error.field]);
  const value = error.value ?? "";
  switch (error.code) {
    case "required":
      return error.field === "leadDepartmentId"
        ? t("desk.error.choose", { field: label.toLowerCase() })
        : t("desk.error.required", { field: label.toLowerCase() });
    case "too_long":
      return t("desk.error.tooLong", { field: label, max: maxLength(error.field) });
    case "invalid_date":
      return t("desk.error.date", { field: label, value });
    case "unknown_department":
      return t("desk.error.unknownDepartment");
    case "duplicate_item":
      return t("split.error.duplicate_item", { value });
    case "unknown_parent":
      return t("split.error.unknown_parent", { value });
    case "no_rows":
      return t("split.error.no_rows");
    case "too_many_rows":
      return t("split.error.too_many_rows", { max: MAX_IMPORT_ROWS });
    case "missing_header":
      // The sheet is built here with every header: a bug, shown rather than hidden.
      return t("desk.error.unknownAction");
    default:
      return t(`desk.rule.${error.code}`);
  }
}

/** The save's errors for Conform's reply: on their row's field, or on the form. */
export function reviewReplyErrors(t: Translate, errors: readonly ReviewError[]) {
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  for (const error of errors) {
    const text = message(t, error);
    if (error.index === null || error.field === null) {
      formErrors.push(text);
      continue;
    }
    const name = `tasks[${error.index}].${error.field}`;
    if (!fieldErrors[name]?.includes(text)) fieldErrors[name] = [...(fieldErrors[name] ?? []), text];
  }
  return { formErrors, fieldErrors };
}
