// Bulk import of tasks from a spreadsheet (Excel or CSV) in the documented
// template: validated row by row; one error anywhere and nothing is imported.
// Pure: the caller reads the file into rows of text and writes the result.
import { parseLocalDate, type LocalDate } from "./dates";
import { normalizeForMatch } from "./text";
import { taskRuleViolations, type TaskRuleViolation } from "./workflow";
import type { DeadlineKind } from "./vocabulary";

/** The template's columns, in order, with their Vietnamese headers (the header row of the sheet). */
export const IMPORT_COLUMNS = [
  { key: "itemNumber", header: "Mục", required: true, maxLength: 20 },
  { key: "title", header: "Nhiệm vụ", required: true, maxLength: 500 },
  { key: "description", header: "Nội dung chi tiết", required: false, maxLength: 10_000 },
  { key: "lead", header: "Đơn vị chủ trì", required: true, maxLength: 200 },
  { key: "coordinators", header: "Đơn vị phối hợp", required: false, maxLength: 2_000 },
  { key: "deadline", header: "Thời hạn", required: false, maxLength: 40 },
  { key: "parent", header: "Thuộc mục", required: false, maxLength: 20 },
] as const;
export type ImportColumnKey = (typeof IMPORT_COLUMNS)[number]["key"];
export const MAX_IMPORT_ROWS = 2_000;
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

/** Words that mean "no fixed deadline, ongoing" in the Thời hạn column. */
const ONGOING_WORDS = new Set(["thuong xuyen", "hang nam", "lien tuc", "ongoing"]);

export type ImportErrorCode =
  | "missing_header"
  | "no_rows"
  | "too_many_rows"
  | "required"
  | "too_long"
  | "invalid_date"
  | "unknown_department"
  | "duplicate_item"
  | "unknown_parent"
  | TaskRuleViolation;

/** One problem: its row as numbered in the spreadsheet (header = 1) and its column header. */
export interface ImportError {
  row: number;
  column: string | null;
  code: ImportErrorCode;
  value?: string;
}

export interface ImportDepartment {
  id: number;
  code: string;
  name: string;
  shortName: string | null;
  active: boolean;
}

export interface ExistingTask {
  id: number;
  itemNumber: string;
  deadlineKind: DeadlineKind;
  dueDate: LocalDate | null;
}

export interface ImportedTask {
  row: number;
  itemNumber: string;
  title: string;
  description: string | null;
  leadDepartmentId: number;
  coordinatorDepartmentIds: number[];
  deadlineKind: DeadlineKind;
  dueDate: LocalDate | null;
  /** A parent among the imported rows (by item number) or an existing task of the directive (by id). */
  parent: { itemNumber: string } | { taskId: number } | null;
}

export type ImportResult = { ok: true; tasks: ImportedTask[] } | { ok: false; errors: ImportError[] };

/** Finds a department by code, full name or short name, ignoring accents, case and punctuation. */
export function departmentResolver(departments: readonly ImportDepartment[]): (text: string) => number | null {
  const byKey = new Map<string, number>();
  for (const d of departments) {
    if (!d.active) continue;
    for (const key of [d.code, d.name, d.shortName]) if (key) byKey.set(normalizeForMatch(key), d.id);
  }
  return (text) => byKey.get(normalizeForMatch(text)) ?? null;
}

export function validateImport(
  sheet: readonly (readonly string[])[],
  context: {
    directiveId: number;
    assignedOn: LocalDate;
    departments: readonly ImportDepartment[];
    existingTasks: readonly ExistingTask[];
  },
): ImportResult {
  const errors: ImportError[] = [];
  const [header, ...body] = sheet;
  const headers = (header ?? []).map((cell) => normalizeForMatch(cell));
  const columnIndex = new Map<ImportColumnKey, number>();
  for (const column of IMPORT_COLUMNS) {
    const index = headers.indexOf(normalizeForMatch(column.header));
    if (index >= 0) columnIndex.set(column.key, index);
    else if (column.required) errors.push({ row: 1, column: column.header, code: "missing_header" });
  }
  if (errors.length > 0) return { ok: false, errors };

  const rows = body
    .map((cells, index) => ({ number: index + 2, cells }))
    .filter(({ cells }) => cells.some((cell) => cell.trim() !== ""));
  if (rows.length === 0) return { ok: false, errors: [{ row: 2, column: null, code: "no_rows" }] };
  if (rows.length > MAX_IMPORT_ROWS)
    return { ok: false, errors: [{ row: MAX_IMPORT_ROWS + 2, column: null, code: "too_many_rows" }] };

  const resolve = departmentResolver(context.departments);
  const existing = new Map(context.existingTasks.map((t) => [t.itemNumber.trim(), t]));
  const seen = new Map<string, number>();
  const tasks: ImportedTask[] = [];

  for (const { number, cells } of rows) {
    const cell = (key: ImportColumnKey) => {
      const index = columnIndex.get(key);
      return index === undefined ? "" : (cells[index] ?? "").trim();
    };
    const fail = (key: ImportColumnKey, code: ImportErrorCode, value?: string) =>
      errors.push({ row: number, column: IMPORT_COLUMNS.find((c) => c.key === key)!.header, code, value });
    const before = errors.length;

    for (const column of IMPORT_COLUMNS) {
      const value = cell(column.key);
      if (column.required && value === "") fail(column.key, "required");
      if (value.length > column.maxLength) fail(column.key, "too_long");
    }

    const itemNumber = cell("itemNumber");
    if (itemNumber !== "") {
      if (seen.has(itemNumber) || existing.has(itemNumber)) fail("itemNumber", "duplicate_item", itemNumber);
      seen.set(itemNumber, number);
    }

    const leadText = cell("lead");
    const leadDepartmentId = leadText === "" ? null : resolve(leadText);
    if (leadText !== "" && leadDepartmentId === null) fail("lead", "unknown_department", leadText);

    const coordinatorDepartmentIds: number[] = [];
    for (const name of cell("coordinators")
      .split(/[;\n]+/)
      .map((s) => s.trim())
      .filter(Boolean)) {
      const id = resolve(name);
      if (id === null) fail("coordinators", "unknown_department", name);
      else if (!coordinatorDepartmentIds.includes(id)) coordinatorDepartmentIds.push(id);
    }

    const deadlineText = cell("deadline");
    let deadlineKind: DeadlineKind = "none";
    let dueDate: LocalDate | null = null;
    if (ONGOING_WORDS.has(normalizeForMatch(deadlineText))) deadlineKind = "ongoing";
    else if (deadlineText !== "") {
      dueDate = parseLocalDate(deadlineText);
      if (dueDate === null) fail("deadline", "invalid_date", deadlineText);
      else deadlineKind = "dated";
    }

    const parentText = cell("parent");
    let parent: ImportedTask["parent"] = null;
    if (parentText !== "") {
      const existingParent = existing.get(parentText);
      if (existingParent) parent = { taskId: existingParent.id };
      else if (seen.has(parentText) && parentText !== itemNumber) parent = { itemNumber: parentText };
      else fail("parent", "unknown_parent", parentText);
    }

    if (errors.length > before || leadDepartmentId === null) continue;
    const parentTask =
      parent === null
        ? null
        : "taskId" in parent
          ? existing.get(parentText)
          : tasks.find((t) => t.itemNumber === parent.itemNumber);
    // A parent row with errors of its own already fails the import; it reported them.
    if (parentTask === undefined) continue;
    const parentShape =
      parentTask === null
        ? null
        : { directiveId: context.directiveId, deadlineKind: parentTask.deadlineKind, dueDate: parentTask.dueDate };
    for (const violation of taskRuleViolations(
      {
        leadDepartmentId,
        coordinatorDepartmentIds,
        deadlineKind,
        dueDate,
        assignedOn: context.assignedOn,
        directiveId: context.directiveId,
      },
      parentShape,
    )) {
      const column: ImportColumnKey =
        violation === "coordinator_is_lead" || violation === "duplicate_coordinator" ? "coordinators" : "deadline";
      fail(column, violation);
    }
    if (errors.length > before) continue;
    tasks.push({
      row: number,
      itemNumber,
      title: cell("title"),
      description: cell("description") || null,
      leadDepartmentId,
      coordinatorDepartmentIds,
      deadlineKind,
      dueDate,
      parent,
    });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, tasks };
}
