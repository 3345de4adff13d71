import { describe, expect, it } from "vitest";
import { flattenDraftTasks, splitDirectiveText } from "./directive-split";
import {
  markedSegments,
  recognisedTexts,
  reviewDefaults,
  reviewedTasksAsSheet,
  reviewErrors,
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
