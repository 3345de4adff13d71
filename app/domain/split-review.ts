// The review step of "paste and split" (app/domain/directive-split.ts): the draft tasks
// as the rows of one form, and the reviewed rows as a sheet in the bulk-import template
// (app/domain/task-import.ts), so that saving obeys exactly the import's rules — required
// fields, departments that exist and are active, unique item numbers (also against the
// directive's existing tasks), parents above their sub-tasks, and the task rules of
// app/domain/workflow.ts — in one all-or-nothing transaction. The import's errors (sheet
// row and column) come back as form rows and fields.
//
// Pure: no I/O. The caller knows the departments' codes.
import { formatLocalDate, parseLocalDate, type LocalDate } from "./dates";
import type { FlatDraftTask } from "./directive-split";
import { recurrenceViolations, type RecurrenceRule } from "./recurrence";
import { IMPORT_COLUMNS, type ImportColumnKey, type ImportError, type ImportErrorCode } from "./task-import";
import type { DeadlineKind, RecurrenceFrequency } from "./vocabulary";
import { addWorkingDays, DEADLINE_WORKING_DAYS_MAX, type WorkingCalendar } from "./working-days";

/**
 * What a reviewed row becomes: an ordinary task (through the bulk import), an item given
 * to a unit group or to several leads (a fan-out, docs/domain-rules.md §13), or a
 * recurring duty (§12).
 */
export const REVIEW_KINDS = ["task", "group", "leads", "duty"] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

/** One row of the review form, as the secretariat left it. */
export interface ReviewedTask {
  /** Unchecked rows are not saved (and not validated). */
  include: boolean;
  itemNumber: string;
  title: string;
  description: string;
  leadDepartmentId: number | null;
  coordinatorDepartmentIds: number[];
  deadlineKind: DeadlineKind;
  /** As typed (dd/mm/yyyy); only read when `deadlineKind` is "dated". */
  dueDate: string;
  /** Item number of the parent: a row above, or an existing task of the directive. */
  parentItemNumber: string;
  kind: ReviewKind;
  /** The unit group of a "group" row. */
  groupId: number | null;
  /** The leads of a "leads" row. */
  fanOutLeadIds: number[];
  /** A "duty" row's rule (it starts on the day of assignment, until the directive is closed). */
  frequency: RecurrenceFrequency;
  /** As typed: the weekday (1–7) or the due day. */
  dutyDay: string;
  dutyWorkingDays: boolean;
  /** As typed: a dated deadline in working days from the day of assignment ("" when given as a date). */
  dueWorkingDays: string;
}

/** The fields of a row that an error can point at. */
export type ReviewField =
  | "itemNumber"
  | "title"
  | "description"
  | "leadDepartmentId"
  | "coordinatorDepartmentIds"
  | "deadlineKind"
  | "dueDate"
  | "parentItemNumber"
  | "kind"
  | "groupId"
  | "fanOutLeadIds"
  | "dutyDay"
  | "dueWorkingDays";

/** Refusals of rows that are not ordinary tasks (fan-outs, duties); translated as `split.error.<code>`. */
export type SplitSaveErrorCode =
  | "group_required"
  | "unknown_group"
  | "empty_group"
  | "too_few_leads"
  | "too_many_units"
  | "lead_is_coordinator"
  | "not_a_subtask"
  | "duty_day"
  | "duty_no_occurrence"
  | "too_many_occurrences"
  | "directive_closed"
  | "working_days";

/** A problem in the review form: its row (index in the form) and field, or the form as a whole. */
export interface ReviewError {
  index: number | null;
  field: ReviewField | null;
  code: ImportErrorCode | SplitSaveErrorCode;
  value?: string;
}

const FIELD_OF_COLUMN: Record<ImportColumnKey, ReviewField> = {
  itemNumber: "itemNumber",
  title: "title",
  description: "description",
  lead: "leadDepartmentId",
  coordinators: "coordinatorDepartmentIds",
  deadline: "dueDate",
  parent: "parentItemNumber",
};

/** What the import template's Thời hạn column says for an ongoing task. */
const ONGOING_CELL = "Thường xuyên";

/**
 * A department chosen in the form that is not an active department: a cell the import
 * resolves to nothing, so that it reports `unknown_department` on the right row.
 */
function unknownDepartmentCell(id: number): string {
  return `#${id}`;
}

/** The form's first values for a draft task: everything the splitter found, preselected. */
export function reviewDefaults(draft: FlatDraftTask): ReviewedTask {
  const deadline = draft.deadline;
  const fanOut = draft.fanOut;
  // What the text says is proposed as it is; a duty needs the lead that reports, and is
  // preselected only when the text gives its due day ("báo cáo hằng quý" alone is as
  // often an ongoing task: the warning suggests the duty instead).
  const kind: ReviewKind =
    fanOut?.kind === "group"
      ? "group"
      : fanOut?.kind === "leads"
        ? "leads"
        : draft.recurrence !== null &&
            draft.lead !== null &&
            !draft.warnings.some((warning) => warning.code === "recurrence_day_assumed")
          ? "duty"
          : "task";
  return {
    // An item with no text at all is a slip of the numbering, not a task.
    include: !draft.warnings.some((w) => w.code === "empty_item"),
    itemNumber: draft.itemNumber,
    title: draft.title,
    description: draft.description,
    leadDepartmentId: draft.lead?.departmentId ?? null,
    coordinatorDepartmentIds: draft.coordinators.map((c) => c.departmentId),
    deadlineKind: deadline?.kind ?? "none",
    dueDate: deadline?.kind === "dated" ? formatLocalDate(deadline.date) : "",
    // An item for many units or a duty is not a sub-task: its row stands on its own.
    parentItemNumber: kind === "task" ? (draft.parentItemNumber ?? "") : "",
    kind,
    groupId: fanOut?.kind === "group" ? fanOut.groupId : null,
    fanOutLeadIds: fanOut?.kind === "leads" ? fanOut.leads.map((lead) => lead.departmentId) : [],
    frequency: draft.recurrence?.frequency ?? "monthly",
    dutyDay: draft.recurrence ? String(draft.recurrence.day) : "",
    dutyWorkingDays: draft.recurrence?.workingDays ?? false,
    dueWorkingDays:
      deadline?.kind === "dated" && deadline.workingDays !== undefined ? String(deadline.workingDays) : "",
  };
}

/** A whole number as typed, or null. */
function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,4}$/.test(trimmed) ? Number(trimmed) : null;
}

/**
 * The rows with their working-day deadlines turned into dates from the day of
 * assignment (docs/domain-rules.md §10), as the new-task form does; a count that is not
 * 1–250 is an error on its field.
 */
export function withWorkingDayDeadlines(
  tasks: readonly ReviewedTask[],
  assignedOn: LocalDate,
  calendar: WorkingCalendar,
): { tasks: ReviewedTask[]; errors: ReviewError[] } {
  const errors: ReviewError[] = [];
  const out = tasks.map((task, index) => {
    if (!task.include || task.kind === "duty" || task.deadlineKind !== "dated" || task.dueWorkingDays.trim() === "") {
      return task;
    }
    const n = wholeNumber(task.dueWorkingDays);
    if (n === null || n < 1 || n > DEADLINE_WORKING_DAYS_MAX) {
      errors.push({ index, field: "dueWorkingDays", code: "working_days", value: task.dueWorkingDays });
      return task;
    }
    return { ...task, dueDate: formatLocalDate(addWorkingDays(assignedOn, n, calendar)) };
  });
  return { tasks: out, errors };
}

/** A fan-out row as the fan-out model takes it (docs/domain-rules.md §13). */
export interface ReviewedFanOut {
  index: number;
  itemNumber: string;
  title: string;
  description: string | null;
  target: { kind: "group"; groupId: number } | { kind: "leads"; departmentIds: number[] };
  coordinatorDepartmentIds: number[];
  deadlineKind: DeadlineKind;
  dueDate: LocalDate | null;
}

/** A duty row as the duty model takes it (docs/domain-rules.md §12). */
export interface ReviewedDuty {
  index: number;
  itemNumber: string;
  title: string;
  description: string | null;
  leadDepartmentId: number;
  coordinatorDepartmentIds: number[];
  rule: RecurrenceRule;
}

/**
 * The checked rows that are not ordinary tasks, checked as far as the form can be: what
 * each needs (a group, two leads, a lead and a rule), no parent, a date that is a date.
 * The models check the rest (members on the day, active departments, the task rules).
 */
export function reviewedItems(
  tasks: readonly ReviewedTask[],
  assignedOn: LocalDate,
): { fanOuts: ReviewedFanOut[]; duties: ReviewedDuty[]; errors: ReviewError[] } {
  const fanOuts: ReviewedFanOut[] = [];
  const duties: ReviewedDuty[] = [];
  const errors: ReviewError[] = [];
  tasks.forEach((task, index) => {
    if (!task.include || task.kind === "task") return;
    const before = errors.length;
    const fail = (field: ReviewField | null, code: ReviewError["code"], value?: string) =>
      errors.push({ index, field, code, ...(value === undefined ? {} : { value }) });
    const itemNumber = task.itemNumber.trim();
    const title = task.title.trim();
    if (itemNumber === "") fail("itemNumber", "required");
    if (title === "") fail("title", "required");
    if (task.parentItemNumber.trim() !== "") fail("parentItemNumber", "not_a_subtask");
    const description = task.description.trim() === "" ? null : task.description.trim();
    const coordinatorDepartmentIds = [...new Set(task.coordinatorDepartmentIds)];

    if (task.kind === "duty") {
      if (task.leadDepartmentId === null) fail("leadDepartmentId", "required");
      const day = wholeNumber(task.dutyDay);
      const rule: RecurrenceRule = {
        frequency: task.frequency,
        day: day ?? 0,
        workingDays: task.dutyWorkingDays,
        startsOn: assignedOn,
        endsOn: null,
      };
      const violations = recurrenceViolations(rule);
      if (day === null || violations.some((v) => v !== "no_occurrence")) fail("dutyDay", "duty_day", task.dutyDay);
      else if (violations.length > 0) fail("dutyDay", "duty_no_occurrence");
      if (errors.length === before && task.leadDepartmentId !== null) {
        duties.push({
          index,
          itemNumber,
          title,
          description,
          leadDepartmentId: task.leadDepartmentId,
          coordinatorDepartmentIds: coordinatorDepartmentIds.filter((id) => id !== task.leadDepartmentId),
          rule,
        });
      }
      return;
    }

    let target: ReviewedFanOut["target"] | null = null;
    if (task.kind === "group") {
      if (task.groupId === null) fail("groupId", "group_required");
      else target = { kind: "group", groupId: task.groupId };
    } else {
      const leads = [...new Set(task.fanOutLeadIds)];
      if (leads.length < 2) fail("fanOutLeadIds", "too_few_leads");
      else target = { kind: "leads", departmentIds: leads };
    }
    let dueDate: LocalDate | null = null;
    if (task.deadlineKind === "dated") {
      const typed = task.dueDate.trim();
      dueDate = parseLocalDate(typed);
      if (typed === "") fail("dueDate", "dated_needs_due_date");
      else if (dueDate === null) fail("dueDate", "invalid_date", typed);
    }
    if (errors.length === before && target !== null) {
      fanOuts.push({
        index,
        itemNumber,
        title,
        description,
        target,
        coordinatorDepartmentIds,
        deadlineKind: task.deadlineKind,
        dueDate,
      });
    }
  });
  return { fanOuts, duties, errors };
}

export interface ReviewSheet {
  /** The header row of the import template, then one row per included task. */
  sheet: string[][];
  /** Problems the template cannot express (a dated deadline without a date). */
  errors: ReviewError[];
  /** The form row behind a sheet row (numbered as the import numbers them: header = 1). */
  indexOfSheetRow: (row: number) => number | null;
}

/** The included rows in the import template's layout, departments by code. */
export function reviewedTasksAsSheet(
  tasks: readonly ReviewedTask[],
  codeOf: (departmentId: number) => string | null,
): ReviewSheet {
  const department = (id: number) => codeOf(id) ?? unknownDepartmentCell(id);
  const indexes: number[] = [];
  const errors: ReviewError[] = [];
  const rows = tasks.flatMap((task, index) => {
    // Items for many units and duties are saved by their own models, not the import.
    if (!task.include || task.kind !== "task") return [];
    indexes.push(index);
    const dueDate = task.dueDate.trim();
    // An empty Thời hạn cell means "no deadline": the form's choice must not turn into that.
    if (task.deadlineKind === "dated" && dueDate === "") {
      errors.push({ index, field: "dueDate", code: "dated_needs_due_date" });
    }
    const cells: Record<ImportColumnKey, string> = {
      itemNumber: task.itemNumber,
      title: task.title,
      description: task.description,
      lead: task.leadDepartmentId === null ? "" : department(task.leadDepartmentId),
      coordinators: task.coordinatorDepartmentIds.map(department).join("; "),
      deadline: task.deadlineKind === "dated" ? dueDate : task.deadlineKind === "ongoing" ? ONGOING_CELL : "",
      parent: task.parentItemNumber,
    };
    // The import skips blank rows; a checked row that was emptied says what it lacks.
    if (Object.values(cells).every((cell) => cell.trim() === "")) {
      for (const column of IMPORT_COLUMNS) {
        if (column.required) errors.push({ index, field: FIELD_OF_COLUMN[column.key], code: "required" });
      }
    }
    return [IMPORT_COLUMNS.map((column) => cells[column.key])];
  });
  return {
    sheet: [IMPORT_COLUMNS.map((column) => column.header), ...rows],
    errors,
    indexOfSheetRow: (row) => indexes[row - 2] ?? null,
  };
}

/** The import's errors, on the form's rows and fields. */
export function reviewErrors(errors: readonly ImportError[], indexOfSheetRow: (row: number) => number | null) {
  return errors.map((error): ReviewError => {
    const column = IMPORT_COLUMNS.find((c) => c.header === error.column);
    const index = error.code === "no_rows" || error.code === "missing_header" ? null : indexOfSheetRow(error.row);
    return {
      index,
      field: column && index !== null ? FIELD_OF_COLUMN[column.key] : null,
      code: error.code,
      ...(error.value === undefined ? {} : { value: error.value }),
    };
  });
}

/** A piece of a description, marked when it is text the splitter recognised. */
export interface TextSegment {
  text: string;
  marked: boolean;
}

/**
 * `text` cut into pieces so that every occurrence of a needle (a department or a
 * deadline as written) is marked; longer needles win where two overlap.
 */
export function markedSegments(text: string, needles: readonly string[]): TextSegment[] {
  const marked = new Uint8Array(text.length);
  const unique = [...new Set(needles.filter((n) => n.trim() !== ""))].sort((a, b) => b.length - a.length);
  for (const needle of unique) {
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) {
      if (marked.subarray(at, at + needle.length).some((flag) => flag === 1)) continue;
      marked.fill(1, at, at + needle.length);
    }
  }
  const segments: TextSegment[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || marked[i] !== marked[start]) {
      segments.push({ text: text.slice(start, i), marked: marked[start] === 1 });
      start = i;
    }
  }
  return segments;
}

/** The texts of a draft worth highlighting in its description. */
export function recognisedTexts(draft: FlatDraftTask): string[] {
  return [
    draft.lead?.matchedText,
    ...draft.coordinators.map((c) => c.matchedText),
    draft.deadline?.matchedText,
    ...draft.warnings.map((w) => w.matchedText),
  ].filter((text): text is string => text !== undefined);
}
