// The review step's data: what the splitter found (shown beside the form, not posted)
// and the form's first values; and the save's errors as translated messages on the
// form's fields (`tasks[3].leadDepartmentId`).
import { formatLocalDate, type LocalDate } from "~/domain/dates";
import { flattenDraftTasks, type FlatDraftTask } from "~/domain/directive-split";
import { firstOccurrences } from "~/domain/recurrence";
import {
  markedSegments,
  recognisedTexts,
  reviewDefaults,
  type ReviewError,
  type ReviewField,
} from "~/domain/split-review";
import { IMPORT_COLUMNS, MAX_IMPORT_ROWS, type ImportColumnKey } from "~/domain/task-import";
import { reviewFormRow, type ReviewFormValues } from "~/lib/split-forms";
import type { AppDatabase } from "~/models/db.server";
import type { MessageKey, Translate } from "~/lib/i18n";
import { departmentNames } from "~/models/desk-options.server";
import { groupMembersOn } from "~/models/unit-groups.server";
import { splitGroups, splitText } from "~/models/task-split.server";
import { workingCalendar } from "~/models/working-calendar.server";
import type { ReviewPreview, ReviewRowView, ReviewView } from "./review-view";

/** How many periods of a proposed duty the review shows. */
const PREVIEW_PERIODS = 3;
/** How many of a group's members the review names (the count says the rest). */
const PREVIEW_MEMBERS = 40;

/** The draft tasks of a text, as the review screen shows them, and the form's first values. */
export function buildReview(
  db: AppDatabase,
  text: string,
  issuedOn: LocalDate | null,
  assignedOn: LocalDate,
): { view: ReviewView; defaultValue: ReviewFormValues } {
  const split = splitText(db, text, issuedOn, assignedOn);
  const drafts = flattenDraftTasks(split.tasks);
  const candidates = [
    ...new Set(
      drafts.flatMap((d) => [
        ...d.warnings.flatMap((w) => w.departmentIds ?? []),
        ...(d.fanOut?.kind === "leads" ? d.fanOut.leads.map((l) => l.departmentId) : []),
        ...(d.lead ? [d.lead.departmentId] : []),
      ]),
    ),
  ];
  const names = departmentNames(db, candidates);
  const calendar = workingCalendar(db);
  const defaults = drafts.map(reviewDefaults);
  /** What saving the row as proposed creates: the units, the duty's periods, the computed deadline. */
  const previewOf = (draft: FlatDraftTask, index: number): ReviewPreview => {
    const row = defaults[index]!;
    const preview: ReviewPreview = {};
    if (row.kind === "group" && draft.fanOut?.kind === "group") {
      const members = groupMembersOn(db, draft.fanOut.groupId, assignedOn) ?? [];
      preview.group = {
        name: draft.fanOut.groupName,
        day: formatLocalDate(assignedOn),
        count: members.length,
        names: members.slice(0, PREVIEW_MEMBERS).map((m) => m.name),
      };
    } else if (row.kind === "leads") {
      preview.leads = row.fanOutLeadIds.map((id) => names.get(id) ?? String(id));
    } else if (row.kind === "duty" && draft.recurrence && draft.lead) {
      const rule = { ...draft.recurrence, startsOn: assignedOn, endsOn: null };
      preview.duty = {
        lead: names.get(draft.lead.departmentId) ?? String(draft.lead.departmentId),
        rule: {
          frequency: rule.frequency,
          day: rule.day,
          workingDays: rule.workingDays,
          startsOn: rule.startsOn,
          endsOn: null,
        },
        periods: firstOccurrences(rule, PREVIEW_PERIODS, calendar).map((o) => ({
          label: o.label,
          due: formatLocalDate(o.dueDate),
        })),
      };
    }
    if (row.kind !== "duty" && draft.deadline?.kind === "dated" && draft.deadline.workingDays !== undefined) {
      preview.workingDays = {
        count: draft.deadline.workingDays,
        day: formatLocalDate(assignedOn),
        due: formatLocalDate(draft.deadline.date),
      };
    }
    return preview;
  };
  const rows = drafts.map((draft, index): ReviewRowView => ({
    itemNumber: draft.itemNumber,
    parentItemNumber: draft.parentItemNumber,
    depth: draft.depth,
    segments: markedSegments(draft.description, recognisedTexts(draft)),
    warnings: draft.warnings.map((warning) => ({
      code: warning.code,
      text: warning.matchedText ?? "",
      departments: (warning.departmentIds ?? []).map((id) => names.get(id) ?? String(id)).join("; "),
    })),
    preview: previewOf(draft, index),
  }));
  return {
    view: {
      text,
      preamble: split.preamble,
      closing: split.closing,
      rows,
      groups: splitGroups(db).map((g) => ({ id: g.id, name: g.name })),
    },
    defaultValue: { text, assignedOn: formatLocalDate(assignedOn), tasks: defaults.map(reviewFormRow) },
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
  kind: "split.kind",
  groupId: "split.group",
  fanOutLeadIds: "split.leads",
  dutyDay: "split.dutyDay",
  dueWorkingDays: "split.dueWorkingDays",
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
    case "group_required":
    case "unknown_group":
    case "empty_group":
    case "too_few_leads":
    case "too_many_units":
    case "lead_is_coordinator":
    case "not_a_subtask":
    case "duty_day":
    case "duty_no_occurrence":
    case "too_many_occurrences":
    case "directive_closed":
    case "working_days":
      return t(`split.error.${error.code}`, { value });
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
