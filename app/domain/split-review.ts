// The review step of "paste and split" (app/domain/directive-split.ts): the draft tasks
// as the rows of one form, and the reviewed rows as a sheet in the bulk-import template
// (app/domain/task-import.ts), so that saving obeys exactly the import's rules — required
// fields, departments that exist and are active, unique item numbers (also against the
// directive's existing tasks), parents above their sub-tasks, and the task rules of
// app/domain/workflow.ts — in one all-or-nothing transaction. The import's errors (sheet
// row and column) come back as form rows and fields.
//
// Pure: no I/O. The caller knows the departments' codes.
import { formatLocalDate } from "./dates";
import type { FlatDraftTask } from "./directive-split";
import { IMPORT_COLUMNS, type ImportColumnKey, type ImportError, type ImportErrorCode } from "./task-import";
import type { DeadlineKind } from "./vocabulary";

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
  | "parentItemNumber";

/** A problem in the review form: its row (index in the form) and field, or the form as a whole. */
export interface ReviewError {
  index: number | null;
  field: ReviewField | null;
  code: ImportErrorCode;
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
    parentItemNumber: draft.parentItemNumber ?? "",
  };
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
    if (!task.include) return [];
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
