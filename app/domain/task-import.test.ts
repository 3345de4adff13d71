import { describe, expect, it } from "vitest";
import { IMPORT_COLUMNS, validateImport, type ImportDepartment } from "./task-import";

const HEADER = IMPORT_COLUMNS.map((c) => c.header);
const departments: ImportDepartment[] = [
  { id: 1, code: "STTTT", name: "Sở Thông tin và Truyền thông", shortName: "Sở TT&TT", active: true },
  { id: 2, code: "SNV", name: "Sở Nội vụ", shortName: null, active: true },
  { id: 3, code: "SGDDT", name: "Sở Giáo dục và Đào tạo", shortName: "Sở GD&ĐT", active: true },
  { id: 4, code: "OLD", name: "Sở Cũ", shortName: null, active: false },
];
const context = {
  directiveId: 7,
  assignedOn: "2019-09-24",
  departments,
  existingTasks: [{ id: 70, itemNumber: "1", deadlineKind: "dated" as const, dueDate: "2019-12-31" }],
};
const row = (cells: Partial<Record<(typeof IMPORT_COLUMNS)[number]["key"], string>>) =>
  IMPORT_COLUMNS.map((c) => cells[c.key] ?? "");

describe("bulk import validation", () => {
  it("reads departments by name, short name or code, accents and case aside, and deadlines in Vietnamese", () => {
    const result = validateImport(
      [
        HEADER,
        row({
          itemNumber: "2",
          title: "Đào tạo CNTT",
          lead: "so noi vu",
          coordinators: "Sở TT&TT; sgddt",
          deadline: "31/03/2020",
        }),
        row({ itemNumber: "3", title: "Bảo đảm an toàn thông tin", lead: "STTTT", deadline: "Thường xuyên" }),
        row({ itemNumber: "2.a", title: "Mở lớp", lead: "Sở Nội vụ", deadline: "15/03/2020", parent: "2" }),
        row({ itemNumber: "1.a", title: "Việc con", lead: "Sở Nội vụ", deadline: "2019-12-01", parent: "1" }),
      ],
      context,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(
      result.tasks.map((t) => [
        t.itemNumber,
        t.leadDepartmentId,
        t.coordinatorDepartmentIds,
        t.deadlineKind,
        t.dueDate,
      ]),
    ).toEqual([
      ["2", 2, [1, 3], "dated", "2020-03-31"],
      ["3", 1, [], "ongoing", null],
      ["2.a", 2, [], "dated", "2020-03-15"],
      ["1.a", 2, [], "dated", "2019-12-01"],
    ]);
    expect(result.tasks[2]!.parent).toEqual({ itemNumber: "2" });
    expect(result.tasks[3]!.parent).toEqual({ taskId: 70 });
  });

  it("accepts the headers in any order and ignores blank rows", () => {
    const reordered = [...HEADER].reverse();
    const cells = row({ itemNumber: "5", title: "Việc", lead: "SNV" }).reverse();
    const result = validateImport([reordered, [], ["", ""], cells], context);
    expect(result).toMatchObject({ ok: true, tasks: [{ itemNumber: "5", deadlineKind: "none" }] });
  });

  it("lists every error with its row and column, and imports nothing", () => {
    const result = validateImport(
      [
        HEADER,
        row({ itemNumber: "2", title: "", lead: "Sở Không Có", deadline: "31/02/2020" }),
        row({ itemNumber: "1", title: "Trùng mục", lead: "SNV" }),
        row({ itemNumber: "3", title: "Chủ trì cũng phối hợp", lead: "SNV", coordinators: "Sở Nội vụ" }),
        row({ itemNumber: "4", title: "Đơn vị đã giải thể", lead: "OLD" }),
        row({ itemNumber: "5", title: "Mục cha không có", lead: "SNV", parent: "9" }),
        row({ itemNumber: "1.b", title: "Quá hạn mục cha", lead: "SNV", deadline: "01/01/2020", parent: "1" }),
        row({ itemNumber: "6", title: "x".repeat(501), lead: "SNV", deadline: "01/01/2019" }),
      ],
      context,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, "Nhiệm vụ", "required"],
      [2, "Đơn vị chủ trì", "unknown_department"],
      [2, "Thời hạn", "invalid_date"],
      [3, "Mục", "duplicate_item"],
      [4, "Đơn vị phối hợp", "coordinator_is_lead"],
      [5, "Đơn vị chủ trì", "unknown_department"],
      [6, "Thuộc mục", "unknown_parent"],
      [7, "Thời hạn", "subtask_due_after_parent"],
      [8, "Nhiệm vụ", "too_long"],
    ]);
  });

  it("refuses a sheet without the template's headers or without rows", () => {
    expect(
      validateImport(
        [
          ["Tên", "Hạn"],
          ["a", "b"],
        ],
        context,
      ),
    ).toMatchObject({
      ok: false,
      errors: [
        { row: 1, column: "Mục", code: "missing_header" },
        { row: 1, column: "Nhiệm vụ", code: "missing_header" },
        { row: 1, column: "Đơn vị chủ trì", code: "missing_header" },
      ],
    });
    expect(validateImport([HEADER], context)).toMatchObject({ ok: false, errors: [{ code: "no_rows" }] });
    expect(validateImport([], context)).toMatchObject({ ok: false });
  });
});
