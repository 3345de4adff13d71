import { describe, expect, it } from "vitest";
import { flattenDraftTasks, splitDirectiveText } from "./directive-split";
import {
  markedSegments,
  recognisedTexts,
  reviewDefaults,
  reviewedItems,
  reviewedTasksAsSheet,
  reviewErrors,
  withWorkingDayDeadlines,
  type ReviewedTask,
} from "./split-review";
import { IMPORT_COLUMNS } from "./task-import";

const DEPARTMENTS = [
  { id: 1, code: "SYT", name: "Sở Y tế", shortName: "Sở Y tế" },
  { id: 2, code: "STC", name: "Sở Tài chính", shortName: "Sở Tài chính" },
];
const CODES = new Map(DEPARTMENTS.map((d) => [d.id, d.code]));
const codeOf = (id: number) => CODES.get(id) ?? null;

function row(overrides: Partial<ReviewedTask> = {}): ReviewedTask {
  return {
    include: true,
    itemNumber: "1",
    title: "Rà soát",
    description: "",
    leadDepartmentId: 1,
    coordinatorDepartmentIds: [],
    deadlineKind: "none",
    dueDate: "",
    parentItemNumber: "",
    kind: "task",
    groupId: null,
    fanOutLeadIds: [],
    frequency: "monthly",
    dutyDay: "",
    dutyWorkingDays: false,
    dueWorkingDays: "",
    ...overrides,
  };
}

describe("review defaults", () => {
  it("preselects what the splitter found, and leaves empty items unchecked", () => {
    const drafts = flattenDraftTasks(
      splitDirectiveText("1. Sở Y tế chủ trì, phối hợp với Sở Tài chính rà soát; thời hạn: 15/10/2019.\n2.", {
        departments: DEPARTMENTS,
        issuedOn: "2019-09-24",
      }),
    );
    expect(drafts.map(reviewDefaults)).toEqual([
      {
        include: true,
        itemNumber: "1",
        title: "Sở Y tế chủ trì, phối hợp với Sở Tài chính rà soát; thời hạn: 15/10/2019",
        description: "Sở Y tế chủ trì, phối hợp với Sở Tài chính rà soát; thời hạn: 15/10/2019.",
        leadDepartmentId: 1,
        coordinatorDepartmentIds: [2],
        deadlineKind: "dated",
        dueDate: "15/10/2019",
        parentItemNumber: "",
        kind: "task",
        groupId: null,
        fanOutLeadIds: [],
        frequency: "monthly",
        dutyDay: "",
        dutyWorkingDays: false,
        dueWorkingDays: "",
      },
      expect.objectContaining({ include: false, itemNumber: "2", title: "" }),
    ]);
    expect(recognisedTexts(drafts[0]!)).toEqual(["Sở Y tế", "Sở Tài chính", "thời hạn: 15/10/2019"]);
  });
});

describe("reviewed rows as an import sheet", () => {
  it("writes the checked rows in the template's columns, departments by code", () => {
    const { sheet, errors, indexOfSheetRow } = reviewedTasksAsSheet(
      [
        row({ coordinatorDepartmentIds: [2], deadlineKind: "dated", dueDate: " 31/12/2019 " }),
        row({ include: false, itemNumber: "2" }),
        row({ itemNumber: "1.a", deadlineKind: "ongoing", dueDate: "01/01/2020", parentItemNumber: "1" }),
      ],
      codeOf,
    );
    expect(errors).toEqual([]);
    expect(sheet).toEqual([
      IMPORT_COLUMNS.map((c) => c.header),
      ["1", "Rà soát", "", "SYT", "STC", "31/12/2019", ""],
      ["1.a", "Rà soát", "", "SYT", "", "Thường xuyên", "1"],
    ]);
    expect([indexOfSheetRow(2), indexOfSheetRow(3), indexOfSheetRow(4)]).toEqual([0, 2, null]);
  });

  it("writes an unknown department so that the import refuses it, and no lead as an empty cell", () => {
    const { sheet } = reviewedTasksAsSheet([row({ leadDepartmentId: 99, coordinatorDepartmentIds: [2, 98] })], codeOf);
    expect(sheet[1]!.slice(3, 5)).toEqual(["#99", "STC; #98"]);
    expect(reviewedTasksAsSheet([row({ leadDepartmentId: null })], codeOf).sheet[1]![3]).toBe("");
  });

  it("reports what the template cannot say: a dated deadline without a date, a checked row left empty", () => {
    const { errors } = reviewedTasksAsSheet(
      [row({ deadlineKind: "dated", dueDate: " " }), row({ itemNumber: "", title: "", leadDepartmentId: null })],
      codeOf,
    );
    expect(errors).toEqual([
      { index: 0, field: "dueDate", code: "dated_needs_due_date" },
      { index: 1, field: "itemNumber", code: "required" },
      { index: 1, field: "title", code: "required" },
      { index: 1, field: "leadDepartmentId", code: "required" },
    ]);
  });

  it("puts the import's errors back on the form's rows and fields", () => {
    const indexOfSheetRow = (r: number) => [0, 2][r - 2] ?? null;
    expect(
      reviewErrors(
        [
          { row: 3, column: "Đơn vị phối hợp", code: "coordinator_is_lead" },
          { row: 2, column: "Mục", code: "duplicate_item", value: "1" },
          { row: 2, column: null, code: "no_rows" },
        ],
        indexOfSheetRow,
      ),
    ).toEqual([
      { index: 2, field: "coordinatorDepartmentIds", code: "coordinator_is_lead" },
      { index: 0, field: "itemNumber", code: "duplicate_item", value: "1" },
      { index: null, field: null, code: "no_rows" },
    ]);
  });
});

describe("marked segments", () => {
  it("marks every occurrence, the longer text first where two overlap", () => {
    const segments = markedSegments("Sở Y tế chủ trì; Sở Y tế Hà Nội phối hợp.", ["Sở Y tế", "Sở Y tế Hà Nội", ""]);
    expect(segments).toEqual([
      { text: "Sở Y tế", marked: true },
      { text: " chủ trì; ", marked: false },
      { text: "Sở Y tế Hà Nội", marked: true },
      { text: " phối hợp.", marked: false },
    ]);
    expect(segments.map((s) => s.text).join("")).toBe("Sở Y tế chủ trì; Sở Y tế Hà Nội phối hợp.");
  });

  it("gives the whole text unmarked when nothing matches, and nothing for an empty text", () => {
    expect(markedSegments("Rà soát.", ["Sở Y tế"])).toEqual([{ text: "Rà soát.", marked: false }]);
    expect(markedSegments("", ["x"])).toEqual([]);
  });
});

describe("items for many units, duties and working-day deadlines", () => {
  const GROUPS = [{ id: 9, name: "Các quận, huyện, thị xã", builtinKind: "district" as const }];

  it("proposes the kind of each row from what the splitter found, never as a sub-task", () => {
    const drafts = flattenDraftTasks(
      splitDirectiveText(
        "1. Triển khai:\na) UBND các quận, huyện, thị xã rà soát.\nb) Sở Y tế và Sở Tài chính chủ trì kiểm tra.\nc) Sở Y tế báo cáo trước ngày 05 hằng tháng.\nd) Sở Y tế trình đề án trong 05 ngày làm việc kể từ ngày giao.",
        { departments: DEPARTMENTS, issuedOn: "2019-09-24", groups: GROUPS },
      ),
    );
    const rows = drafts.map(reviewDefaults);
    expect(rows.map((r) => [r.itemNumber, r.kind, r.parentItemNumber])).toEqual([
      ["1", "task", ""],
      ["1.a", "group", ""],
      ["1.b", "leads", ""],
      ["1.c", "duty", ""],
      ["1.d", "task", "1"],
    ]);
    expect(rows[1]!.groupId).toBe(9);
    expect(rows[2]!.fanOutLeadIds).toEqual([1, 2]);
    expect([rows[3]!.frequency, rows[3]!.dutyDay, rows[3]!.dutyWorkingDays]).toEqual(["monthly", "5", false]);
    expect([rows[4]!.dueDate, rows[4]!.dueWorkingDays]).toEqual(["01/10/2019", "5"]);
  });

  it("recomputes a working-day deadline from the day of assignment given at save", () => {
    const tet = {
      daysOff: new Set(["2020-01-23", "2020-01-24", "2020-01-27", "2020-01-28", "2020-01-29"]),
      workedWeekendDays: new Set<string>(),
    };
    const { tasks, errors } = withWorkingDayDeadlines(
      [
        row({ deadlineKind: "dated", dueDate: "01/10/2019", dueWorkingDays: "05" }),
        row({ deadlineKind: "dated", dueWorkingDays: "0" }),
      ],
      "2020-01-20",
      tet,
    );
    expect(tasks[0]!.dueDate).toBe("03/02/2020");
    expect(errors).toEqual([{ index: 1, field: "dueWorkingDays", code: "working_days", value: "0" }]);
  });

  it("leaves ordinary rows to the import and checks what a fan-out or a duty needs", () => {
    const rows = [
      row(),
      row({
        itemNumber: "2",
        kind: "group",
        groupId: 9,
        coordinatorDepartmentIds: [1],
        deadlineKind: "dated",
        dueDate: "31/12/2019",
      }),
      row({ itemNumber: "3", kind: "leads", fanOutLeadIds: [1, 2, 2] }),
      row({ itemNumber: "4", kind: "duty", frequency: "monthly", dutyDay: "5", coordinatorDepartmentIds: [1, 2] }),
      row({ itemNumber: "5", kind: "group", groupId: null, parentItemNumber: "1" }),
      row({ itemNumber: "6", kind: "leads", fanOutLeadIds: [1] }),
      row({ itemNumber: "7", kind: "duty", dutyDay: "32", leadDepartmentId: null }),
      row({ itemNumber: "8", kind: "group", groupId: 9, deadlineKind: "dated", dueDate: "31/02/2019" }),
    ];
    expect(reviewedTasksAsSheet(rows, codeOf).sheet).toHaveLength(2);
    const { fanOuts, duties, errors } = reviewedItems(rows, "2019-09-24");
    expect(fanOuts.map((f) => [f.index, f.target, f.dueDate])).toEqual([
      [1, { kind: "group", groupId: 9 }, "2019-12-31"],
      [2, { kind: "leads", departmentIds: [1, 2] }, null],
    ]);
    expect(duties).toEqual([
      {
        index: 3,
        itemNumber: "4",
        title: "Rà soát",
        description: null,
        leadDepartmentId: 1,
        coordinatorDepartmentIds: [2],
        rule: { frequency: "monthly", day: 5, workingDays: false, startsOn: "2019-09-24", endsOn: null },
      },
    ]);
    expect(errors.map((e) => [e.index, e.field, e.code])).toEqual([
      [4, "parentItemNumber", "not_a_subtask"],
      [4, "groupId", "group_required"],
      [5, "fanOutLeadIds", "too_few_leads"],
      [6, "leadDepartmentId", "required"],
      [6, "dutyDay", "duty_day"],
      [7, "dueDate", "invalid_date"],
    ]);
  });
});
