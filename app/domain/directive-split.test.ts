// Paste and split (app/domain/directive-split.ts), rule by rule, then realistic texts
// end to end (app/domain/__fixtures__/directive-texts), then properties.
//
// Conventions used throughout:
// - departments are Hanoi's 2019 list (a copy of db/seed/departments.ts: app/domain
//   imports nothing from db/), with ids 1…31 in that order, referred to by code;
// - the directive was issued on 24/09/2019 (the seed notice 1198/TB-UBND) unless a test
//   says otherwise;
// - `summary(task)` shows a task as { item, lead, coordinators, deadline, warnings } with
//   department codes and deadlines as "2019-12-31" / "ongoing" / null, so expectations
//   read like the review screen.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WINDOWS_NBSP_PASTE } from "./__fixtures__/directive-texts/windows-nbsp-paste";
import { isLocalDate, type LocalDate } from "./dates";
import {
  flattenDraftTasks,
  SPLIT_WARNING_CODES,
  splitDirectiveDocument,
  splitDirectiveText,
  TITLE_MAX_LENGTH,
  type DraftTask,
  type SplitContext,
  type SplitDepartment,
  type SplitGroup,
  type SplitWarningCode,
} from "./directive-split";
import type { WorkingCalendar } from "./working-days";

// ---------------------------------------------------------------------------------
// Test data and helpers
// ---------------------------------------------------------------------------------

const HANOI_2019 = [
  ["VPUB", "Văn phòng UBND Thành phố", "VP UBND TP"],
  ["SNV", "Sở Nội vụ", "Sở Nội vụ"],
  ["STP", "Sở Tư pháp", "Sở Tư pháp"],
  ["SKHDT", "Sở Kế hoạch và Đầu tư", "Sở KH&ĐT"],
  ["STC", "Sở Tài chính", "Sở Tài chính"],
  ["SCT", "Sở Công Thương", "Sở Công Thương"],
  ["SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", "Sở NN&PTNT"],
  ["SGTVT", "Sở Giao thông vận tải", "Sở GTVT"],
  ["SXD", "Sở Xây dựng", "Sở Xây dựng"],
  ["SQHKT", "Sở Quy hoạch - Kiến trúc", "Sở QH-KT"],
  ["STNMT", "Sở Tài nguyên và Môi trường", "Sở TN&MT"],
  ["STTTT", "Sở Thông tin và Truyền thông", "Sở TT&TT"],
  ["SLDTBXH", "Sở Lao động - Thương binh và Xã hội", "Sở LĐTB&XH"],
  ["SVHTT", "Sở Văn hóa và Thể thao", "Sở VH&TT"],
  ["SDL", "Sở Du lịch", "Sở Du lịch"],
  ["SKHCN", "Sở Khoa học và Công nghệ", "Sở KH&CN"],
  ["SGDDT", "Sở Giáo dục và Đào tạo", "Sở GD&ĐT"],
  ["SYT", "Sở Y tế", "Sở Y tế"],
  ["SNGV", "Sở Ngoại vụ", "Sở Ngoại vụ"],
  ["TTTP", "Thanh tra Thành phố", "Thanh tra TP"],
  ["BDT", "Ban Dân tộc", "Ban Dân tộc"],
  ["CATP", "Công an Thành phố", "Công an TP"],
  ["CTHN", "Cục Thuế Hà Nội", "Cục Thuế HN"],
  ["KBNN", "Kho bạc Nhà nước Hà Nội", "KBNN Hà Nội"],
  ["BHXH", "Bảo hiểm xã hội Hà Nội", "BHXH Hà Nội"],
  ["QBD", "Quận Ba Đình", "Q. Ba Đình"],
  ["QHK", "Quận Hoàn Kiếm", "Q. Hoàn Kiếm"],
  ["QDD", "Quận Đống Đa", "Q. Đống Đa"],
  ["QCG", "Quận Cầu Giấy", "Q. Cầu Giấy"],
  ["QHD", "Quận Hà Đông", "Q. Hà Đông"],
  ["TXST", "Thị xã Sơn Tây", "TX Sơn Tây"],
] as const;
type Code = (typeof HANOI_2019)[number][0];

const DEPARTMENTS: SplitDepartment[] = HANOI_2019.map(([code, name, shortName], i) => ({
  id: i + 1,
  code,
  name,
  shortName,
}));
const ID = Object.fromEntries(DEPARTMENTS.map((d) => [d.code, d.id])) as Record<Code, number>;
const CODE = new Map(DEPARTMENTS.map((d) => [d.id, d.code]));

const ISSUED: LocalDate = "2019-09-24";

function split(text: string, issuedOn: LocalDate | null = ISSUED, departments = DEPARTMENTS): DraftTask[] {
  return splitDirectiveText(text, { departments, issuedOn });
}

function all(text: string, issuedOn: LocalDate | null = ISSUED, departments = DEPARTMENTS) {
  return flattenDraftTasks(split(text, issuedOn, departments));
}

/** The one task of a one-item text. */
function only(text: string, issuedOn: LocalDate | null = ISSUED, departments = DEPARTMENTS) {
  const tasks = all(text, issuedOn, departments);
  expect(tasks, "exactly one task").toHaveLength(1);
  return tasks[0]!;
}

function codes(task: Pick<DraftTask, "warnings">): SplitWarningCode[] {
  return task.warnings.map((w) => w.code);
}

function deadlineOf(task: Pick<DraftTask, "deadline">): string | null {
  if (task.deadline === null) return null;
  return task.deadline.kind === "dated" ? task.deadline.date : "ongoing";
}

function summary(task: Omit<DraftTask, "children">) {
  return {
    item: task.itemNumber,
    lead: task.lead ? (CODE.get(task.lead.departmentId) ?? "?") : null,
    coordinators: task.coordinators.map((c) => CODE.get(c.departmentId) ?? "?"),
    deadline: deadlineOf(task),
    warnings: codes(task),
  };
}

function fixture(name: string): string {
  return readFileSync(new URL(`./__fixtures__/directive-texts/${name}`, import.meta.url), "utf8");
}

// ---------------------------------------------------------------------------------
// Numbering: which lines start an item, and how items nest
// ---------------------------------------------------------------------------------

describe("item markers", () => {
  it.each([
    ["1.", "2.", ["1", "2"]],
    ["1)", "2)", ["1", "2"]],
    ["1/", "2/", ["1", "2"]],
    ["(1)", "(2)", ["1", "2"]],
    ["Điều 1.", "Điều 2.", ["1", "2"]],
    ["ĐIỀU 1:", "ĐIỀU 2:", ["1", "2"]],
    ["I.", "II.", ["I", "II"]],
    ["IV.", "V.", ["IV", "V"]],
    ["I-", "II –", ["I", "II"]],
    ["A.", "B.", ["A", "B"]],
    ["a)", "b)", ["a", "b"]],
    ["a.", "b.", ["a", "b"]],
    ["(a)", "(b)", ["a", "b"]],
    ["d)", "đ)", ["d", "đ"]],
    ["-", "-", ["1", "2"]],
    ["–", "–", ["1", "2"]],
    ["+", "+", ["1", "2"]],
    ["•", "•", ["1", "2"]],
    ["*", "*", ["1", "2"]],
    ["Thứ nhất,", "Thứ hai,", ["1", "2"]],
    ["Thứ nhất:", "Thứ hai:", ["1", "2"]],
  ])("%s … %s … → items %j", (first, second, numbers) => {
    const tasks = split(`Kết luận như sau:\n${first} Sở Y tế rà soát.\n${second} Sở Tư pháp thẩm định.`);
    expect(tasks.map((t) => t.itemNumber)).toEqual(numbers);
    expect(tasks.map((t) => t.title)).toEqual(["Sở Y tế rà soát", "Sở Tư pháp thẩm định"]);
    expect(tasks.map((t) => t.marker)).toEqual([first, second]);
  });

  it("reads the ordinal words up to 'thứ mười hai'", () => {
    const words = ["nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "mười một", "mười hai"];
    const text = words.map((word) => `Thứ ${word}, Sở Y tế thực hiện việc ${word}.`).join("\n");
    expect(split(text).map((t) => t.itemNumber)).toEqual(words.map((_, i) => String(i + 1)));
  });

  it("accepts a number glued to a capitalised word ('1.Hoàn thiện')", () => {
    expect(split("1.Hoàn thiện dự thảo.\n2.Trình ký.").map((t) => t.title)).toEqual(["Hoàn thiện dự thảo", "Trình ký"]);
  });

  it("does not take 'Thứ hai' for an item when no 'Thứ nhất' came before (it is Monday)", () => {
    // Ordinal words only count as a list that starts at "Thứ nhất" and goes on in order.
    const tasks = split("1. Tổ chức hội nghị sơ kết.\nThứ hai, ngày 30/9/2019, các đơn vị gửi báo cáo.");
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.description).toContain("Thứ hai, ngày 30/9/2019");
  });

  it("does not take numbers that merely start a line for items", () => {
    const tasks = split(
      [
        "1. Tổ chức đào tạo cho cán bộ, công chức với tổng số",
        "2.400 lượt học viên trong năm 2020.",
        "15/10/2019 là hạn gửi đăng ký.",
        "100% cơ quan tham gia.",
        "V/v triển khai kế hoạch.",
        "15 - 20 năm tới là giai đoạn quan trọng.",
      ].join("\n"),
    );
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.description.split("\n")).toHaveLength(6);
  });

  it("does not take a line of dashes, or a bullet without text, for an item", () => {
    expect(split("1. Rà soát.\n--------\n*\n-").map((t) => t.itemNumber)).toEqual(["1"]);
  });
});

describe("nesting", () => {
  it("prefixes a sub-item's number with its parent's: 3.a, 3.a.1", () => {
    const text = [
      "1. Việc thứ nhất.",
      "2. Việc thứ hai.",
      "3. Việc thứ ba gồm:",
      "a) Nội dung a.",
      "- Bước một.",
      "- Bước hai.",
      "b) Nội dung b.",
      "4. Việc thứ tư.",
    ].join("\n");
    expect(all(text).map((t) => [t.itemNumber, t.parentItemNumber, t.depth])).toEqual([
      ["1", null, 0],
      ["2", null, 0],
      ["3", null, 0],
      ["3.a", "3", 1],
      ["3.a.1", "3.a", 2],
      ["3.a.2", "3.a", 2],
      ["3.b", "3", 1],
      ["4", null, 0],
    ]);
  });

  it("nests I. > 1. > a) > - > + in the conventional order", () => {
    const text = ["I. NHIỆM VỤ", "1. Nhiệm vụ một.", "a) Điểm a.", "- Ý một.", "+ Chi tiết.", "II. TỔ CHỨC"].join("\n");
    expect(all(text).map((t) => t.itemNumber)).toEqual(["I", "I.1", "I.1.a", "I.1.a.1", "I.1.a.1.1", "II"]);
  });

  it("puts '1.1.', '1.2' under item 1 and '1.2.1.' under 1.2, with their numbers as written", () => {
    const text = ["1. Chung.", "1.1. Một.", "1.2 Hai.", "1.2.1. Hai một.", "2. Khác.", "2.1. Hai một."].join("\n");
    expect(all(text).map((t) => [t.itemNumber, t.parentItemNumber])).toEqual([
      ["1", null],
      ["1.1", "1"],
      ["1.2", "1"],
      ["1.2.1", "1.2"],
      ["2", null],
      ["2.1", "2"],
    ]);
  });

  it("keeps '1.1', '1.2', '2.1' whole when there is no item 1 to hang them on", () => {
    expect(split("1.1. Một.\n1.2. Hai.\n2.1. Ba.").map((t) => t.itemNumber)).toEqual(["1.1", "1.2", "2.1"]);
  });

  it("puts 'Điều 1' clauses 1.1., 1.2. under article 1", () => {
    const text = "Điều 1. Giao nhiệm vụ:\n1.1. Một.\n1.2. Hai.\nĐiều 2. Hiệu lực.";
    expect(all(text).map((t) => [t.itemNumber, t.parentItemNumber])).toEqual([
      ["1", null],
      ["1.1", "1"],
      ["1.2", "1"],
      ["2", null],
    ]);
  });

  it("opens a sub-list with '1)' under '1.', but reads '2)' after '1.' as a typo for '2.'", () => {
    expect(all("1. Chung:\n1) Một.\n2) Hai.\n2. Khác.").map((t) => t.itemNumber)).toEqual(["1", "1.1", "1.2", "2"]);
    expect(all("1. Một.\n2) Hai.\n3. Ba.").map((t) => t.itemNumber)).toEqual(["1", "2", "3"]);
  });

  it("closes a bullet list when a number comes ('2.' is never a child of '- …')", () => {
    expect(all("1. Một:\n- ý a\n- ý b\n2. Hai.").map((t) => [t.itemNumber, t.parentItemNumber])).toEqual([
      ["1", null],
      ["1.1", "1"],
      ["1.2", "1"],
      ["2", null],
    ]);
  });

  it("tells 'I.' the roman numeral from 'I.' the letter after 'H.'", () => {
    const letters = "ABCDEFGHI".split("");
    const text = letters.map((letter) => `${letter}. Mục ${letter}.`).join("\n");
    expect(split(text).map((t) => t.itemNumber)).toEqual(letters);
  });

  it("gives the parent only its own text; its sub-items carry theirs", () => {
    const [parent] = split("10. Đào tạo, bồi dưỡng.\nGồm ba nội dung.\na) Đào tạo.\nb) Bồi dưỡng.");
    expect(parent!.description).toBe("Đào tạo, bồi dưỡng.\nGồm ba nội dung.");
    expect(parent!.children.map((c) => c.description)).toEqual(["Đào tạo.", "Bồi dưỡng."]);
  });
});

describe("numbering problems", () => {
  it("warns about a gap in the numbers (something may be missing from the paste)", () => {
    const tasks = split("1. Một.\n2. Hai.\n4. Bốn.");
    expect(tasks.map((t) => [t.itemNumber, codes(t).includes("numbering_gap")])).toEqual([
      ["1", false],
      ["2", false],
      ["4", true],
    ]);
    expect(codes(split("3. Ba.\n4. Bốn.")[0]!)).toContain("numbering_gap");
    expect(codes(split("a) Một.\nc) Ba.")[1]!)).toContain("numbering_gap");
  });

  it("does not call d) → e) a gap (đ is optional in lists)", () => {
    expect(split("a) Một.\nb) Hai.\nc) Ba.\nd) Bốn.\ne) Năm.").flatMap(codes)).not.toContain("numbering_gap");
    expect(split("a) Một.\nb) Hai.\nc) Ba.\nd) Bốn.\nđ) Năm.\ne) Sáu.").flatMap(codes)).not.toContain("numbering_gap");
  });

  it("makes repeated numbers unique: 2, 2-2, and warns", () => {
    const tasks = split("1. Một.\n2. Hai.\n2. Hai nữa.\n3. Ba.");
    expect(tasks.map((t) => t.itemNumber)).toEqual(["1", "2", "2-2", "3"]);
    expect(codes(tasks[2]!)).toContain("duplicate_item_number");
  });

  it("keeps an item with no text, with a warning", () => {
    const tasks = split("1. Một.\n2.\n3. Ba.");
    expect(tasks.map((t) => t.itemNumber)).toEqual(["1", "2", "3"]);
    expect(tasks[1]!.title).toBe("");
    expect(codes(tasks[1]!)).toEqual(["empty_item"]);
  });

  it("takes text on the line after a bare marker as the item's text", () => {
    expect(split("1.\nRà soát quy trình.")[0]!.title).toBe("Rà soát quy trình");
  });
});

describe("preamble, closing and lines between items", () => {
  it("does not make a task of the text before the first item", () => {
    const result = splitDirectiveDocument("Ý kiến kết luận của Chủ tịch như sau:\n1. Giao Sở Y tế rà soát.", {
      departments: DEPARTMENTS,
      issuedOn: ISSUED,
    });
    expect(result.preamble).toBe("Ý kiến kết luận của Chủ tịch như sau:");
    expect(result.tasks.map((t) => t.title)).toEqual(["Giao Sở Y tế rà soát"]);
  });

  it("gives lines without a marker to the item above them", () => {
    const [first, second] = split("1. Rà soát quy trình.\nBáo cáo kết quả.\n\nĐề xuất sửa đổi.\n2. Trình ký.");
    expect(first!.description).toBe("Rà soát quy trình.\nBáo cáo kết quả.\nĐề xuất sửa đổi.");
    expect(second!.description).toBe("Trình ký.");
  });

  it("joins a sentence broken over two lines (copied from a PDF) with a space", () => {
    const [task] = split("1. Sở Tư pháp rà soát các văn bản quy phạm\npháp luật của Thành phố.\nBáo cáo kết quả.");
    expect(task!.title).toBe("Sở Tư pháp rà soát các văn bản quy phạm pháp luật của Thành phố");
    expect(task!.description).toBe(
      "Sở Tư pháp rà soát các văn bản quy phạm pháp luật của Thành phố.\nBáo cáo kết quả.",
    );
  });

  it.each([
    "Văn phòng UBND Thành phố thông báo để các cơ quan, đơn vị biết, thực hiện./.",
    "Văn phòng UBND Thành phố thông báo để các sở, ngành biết, thực hiện.",
    "Đề nghị các đơn vị khẩn trương triển khai thực hiện./.",
    "Nơi nhận:",
    "KT. CHỦ TỊCH",
  ])("stops the items at the closing: %s", (closingLine) => {
    const result = splitDirectiveDocument(`1. Sở Y tế rà soát.\n\n${closingLine}\n- Như trên;\n- Lưu: VT.`, {
      departments: DEPARTMENTS,
      issuedOn: ISSUED,
    });
    expect(result.tasks.map((t) => t.itemNumber)).toEqual(["1"]);
    expect(result.tasks[0]!.description).toBe("Sở Y tế rà soát.");
    expect(result.closing).toBe(`${closingLine}\n- Như trên;\n- Lưu: VT.`);
  });

  it("ends the items after an item whose own line ends with './.'", () => {
    const result = splitDirectiveDocument("1. Một.\n2. Sở Y tế tổ chức thực hiện./.\nTM. ỦY BAN NHÂN DÂN", {
      departments: DEPARTMENTS,
      issuedOn: ISSUED,
    });
    expect(result.tasks.map((t) => t.description)).toEqual(["Một.", "Sở Y tế tổ chức thực hiện."]);
    expect(result.closing).toBe("TM. ỦY BAN NHÂN DÂN");
  });

  it("keeps the legal basis ('- Căn cứ …') and the addressees ('Kính gửi: - …') out of the items", () => {
    const result = splitDirectiveDocument(
      [
        "Kính gửi:",
        "- Sở Nội vụ;",
        "- Sở Tài chính.",
        "- Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;",
        "- Xét đề nghị của Giám đốc Sở Nội vụ,",
        "1. Sở Nội vụ rà soát.",
      ].join("\n"),
      { departments: DEPARTMENTS, issuedOn: ISSUED },
    );
    expect(result.tasks.map((t) => t.title)).toEqual(["Sở Nội vụ rà soát"]);
    expect(result.preamble.split("\n")).toHaveLength(5);
  });

  it("ends the addressee list at a blank line: later bullets are items again", () => {
    const tasks = split(
      "Kính gửi:\n- Sở Nội vụ;\n- Sở Y tế.\n\nUBND Thành phố yêu cầu:\n- Sở Nội vụ rà soát.\n- Sở Y tế báo cáo.",
    );
    expect(tasks.map((t) => [t.itemNumber, t.title])).toEqual([
      ["1", "Sở Nội vụ rà soát"],
      ["2", "Sở Y tế báo cáo"],
    ]);
  });

  it("makes one task of a text without any numbering, and says so", () => {
    const result = splitDirectiveDocument("Giao Sở Y tế chủ trì rà soát, báo cáo trước ngày 30/11/2019.", {
      departments: DEPARTMENTS,
      issuedOn: ISSUED,
    });
    expect(result.preamble).toBe("");
    expect(result.tasks.map(summary)).toEqual([
      { item: "1", lead: "SYT", coordinators: [], deadline: "2019-11-30", warnings: ["no_item_markers"] },
    ]);
  });

  it("returns nothing for an empty or blank text", () => {
    expect(split("")).toEqual([]);
    expect(split(" \r\n\t\u00a0\n ")).toEqual([]);
  });
});

describe("pasted text in the shapes it really comes in", () => {
  const CLEAN =
    "Kết luận:\n1. Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ rà soát; hoàn thành trước ngày 20/12/2019.\n2. Sở Y tế báo cáo.";

  it("reads Windows line endings, tabs, non-breaking spaces and leading spaces like clean text", () => {
    const messy = CLEAN.replace(/\n/g, "\r\n\r\n").replace(/ /g, "\u00a0").replace(/^(\d)/gm, "\t  $1");
    expect(split(messy)).toEqual(split(CLEAN));
  });

  it("reads decomposed Unicode (NFD) like precomposed", () => {
    expect(split(CLEAN.normalize("NFD"))).toEqual(split(CLEAN));
  });

  it("drops zero-width characters and soft hyphens", () => {
    expect(split(CLEAN.replace(/Sở/g, "S\u200bở").replace(/rà soát/, "rà so\u00adát"))).toEqual(split(CLEAN));
  });

  it("returns text cut out of the normalised paste: NBSPs and runs of spaces become one space", () => {
    const [task] = split("1.\u00a0Sở\u00a0Nội\u00a0vụ   chủ trì.");
    expect(task!.title).toBe("Sở Nội vụ chủ trì");
    expect(task!.lead?.matchedText).toBe("Sở Nội vụ");
  });
});

describe("a whole conclusion pasted as one paragraph (best effort)", () => {
  it("cuts before inline numbers 1., 2., 3. that follow a sentence end or a colon", () => {
    const result = splitDirectiveDocument(
      "Ý kiến kết luận như sau: 1. Giao Sở Y tế rà soát. 2. Sở Tư pháp thẩm định; 3) Sở Nội vụ tổng hợp.",
      { departments: DEPARTMENTS, issuedOn: ISSUED },
    );
    expect(result.preamble).toBe("Ý kiến kết luận như sau:");
    expect(result.tasks.map((t) => [t.itemNumber, t.title, codes(t)])).toEqual([
      ["1", "Giao Sở Y tế rà soát", ["inline_numbering", "no_deadline_found"]],
      ["2", "Sở Tư pháp thẩm định", ["inline_numbering", "no_deadline_found"]],
      ["3", "Sở Nội vụ tổng hợp", ["inline_numbering", "no_deadline_found"]],
    ]);
  });

  it("continues the number a line starts with: '1. … 2. …'", () => {
    expect(split("1. Sở Y tế rà soát. 2. Sở Tư pháp thẩm định.").map((t) => t.itemNumber)).toEqual(["1", "2"]);
  });

  it("cuts inline 'a) … b) …' into sub-items and inline 'Thứ nhất, … Thứ hai, …' into items", () => {
    expect(all("1. Sở Y tế thực hiện: a) Rà soát; b) Báo cáo.").map((t) => t.itemNumber)).toEqual(["1", "1.a", "1.b"]);
    expect(split("Chỉ thị: Thứ nhất, Sở Y tế rà soát. Thứ hai, Sở Tư pháp thẩm định.").map((t) => t.title)).toEqual([
      "Sở Y tế rà soát",
      "Sở Tư pháp thẩm định",
    ]);
  });

  it("leaves ordinary sentences alone: a lone number, numbers out of sequence, numbers inside a sentence", () => {
    expect(codes(split("Kết luận như sau: 1. Giao Sở Y tế rà soát.")[0]!)).toContain("no_item_markers");
    const [task] = split("1. Tỷ lệ đạt 15,9%. 3. Quý sau phấn đấu đạt mức độ 4. Tiếp tục.");
    expect(task!.children).toEqual([]);
    expect(split("1. Nâng cấp dịch vụ công lên mức độ 3. Tỷ lệ đạt 30%.")).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------
// Title and description
// ---------------------------------------------------------------------------------

describe("title and description", () => {
  it("takes the first sentence, without the marker and the final period, as the title", () => {
    const [task] = split("1. Hoàn thiện dự thảo Quyết định. Trình Chủ tịch UBND Thành phố ký ban hành.");
    expect(task!.title).toBe("Hoàn thiện dự thảo Quyết định");
    expect(task!.description).toBe("Hoàn thiện dự thảo Quyết định. Trình Chủ tịch UBND Thành phố ký ban hành.");
  });

  it("does not end a sentence at an abbreviation, a decimal or a lower-case continuation", () => {
    expect(split("1. Công an TP. Hà Nội rà soát, v.v. và báo cáo. Sau đó tổng hợp.")[0]!.title).toBe(
      "Công an TP. Hà Nội rà soát, v.v. và báo cáo",
    );
  });

  it("keeps ';' and ':' inside the title", () => {
    expect(split("1. Nâng cao tỷ lệ: đến năm 2020 đạt 30%; báo cáo hằng quý.")[0]!.title).toBe(
      "Nâng cao tỷ lệ: đến năm 2020 đạt 30%; báo cáo hằng quý",
    );
  });

  it("capitalises the title when the marker was a word ('Thứ hai, tăng cường …')", () => {
    expect(split("Thứ nhất, tăng cường kiểm tra.")[0]!.title).toBe("Tăng cường kiểm tra");
  });

  it(`cuts a first sentence longer than ${TITLE_MAX_LENGTH} characters at a word, with '…' and a warning`, () => {
    const sentence = `Triển khai ${"các nhiệm vụ chuyển đổi số trọng tâm ".repeat(12)}của Thành phố`;
    const [task] = split(`1. ${sentence}.`);
    expect(task!.title.length).toBeLessThanOrEqual(TITLE_MAX_LENGTH);
    expect(task!.title.endsWith("…")).toBe(true);
    expect(sentence.startsWith(task!.title.slice(0, -1))).toBe(true);
    expect(codes(task!)).toContain("title_truncated");
    expect(task!.description).toBe(`${sentence}.`);
  });

  it("drops the './.' that ends the last item", () => {
    expect(split("1. Sở Y tế thực hiện./.")[0]!.description).toBe("Sở Y tế thực hiện.");
  });
});

// ---------------------------------------------------------------------------------
// Departments
// ---------------------------------------------------------------------------------

describe("finding departments in the text", () => {
  it.each<[string, Code]>([
    ["Sở Thông tin và Truyền thông", "STTTT"],
    ["Sở Thông tin - Truyền thông", "STTTT"],
    ["SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "STTTT"],
    ["So Thong tin va Truyen thong", "STTTT"],
    ["Sở TT&TT", "STTTT"],
    ["Sở TT-TT", "STTTT"],
    ["Sở TTTT", "STTTT"],
    ["STTTT", "STTTT"],
    ["Sở GD&ĐT", "SGDDT"],
    ["Sở GDĐT", "SGDDT"],
    ["Sở GD&DT", "SGDDT"],
    ["Sở Giáo dục - Đào tạo", "SGDDT"],
    ["Sở KH&ĐT", "SKHDT"],
    ["Sở KHĐT", "SKHDT"],
    ["Sở LĐ-TB&XH", "SLDTBXH"],
    ["Sở LĐTBXH", "SLDTBXH"],
    ["Sở Lao động, Thương binh và Xã hội", "SLDTBXH"],
    ["Sở TN&MT", "STNMT"],
    ["Sở TNMT", "STNMT"],
    ["Sở NN&PTNT", "SNNPTNT"],
    ["Sở NNPTNT", "SNNPTNT"],
    ["Sở QH-KT", "SQHKT"],
    ["Sở QHKT", "SQHKT"],
    ["Sở VH&TT", "SVHTT"],
    ["Sở VHTT", "SVHTT"],
    ["Sở KH&CN", "SKHCN"],
    ["Sở GTVT", "SGTVT"],
    ["VP UBND TP", "VPUB"],
    ["Văn phòng UBND Thành phố", "VPUB"],
    ["Văn phòng Ủy ban nhân dân thành phố", "VPUB"],
    ["VP UBND", "VPUB"],
    ["Công an TP", "CATP"],
    ["Công an thành phố Hà Nội", "CATP"],
    ["Thanh tra TP", "TTTP"],
    ["BHXH Hà Nội", "BHXH"],
    ["Bảo hiểm xã hội Thành phố", "BHXH"],
    ["KBNN Hà Nội", "KBNN"],
    ["Cục Thuế HN", "CTHN"],
    ["UBND quận Ba Đình", "QBD"],
    ["Q. Đống Đa", "QDD"],
    ["UBND thị xã Sơn Tây", "TXST"],
  ])("finds %s → %s", (written, code) => {
    const task = only(`1. Giao ${written} chủ trì thực hiện.`);
    expect(task.lead?.departmentId).toBe(ID[code]);
    expect(written).toContain(task.lead?.matchedText);
  });

  it("builds abbreviations from the department data, not from a list of Hanoi's names", () => {
    const daNang: SplitDepartment[] = [
      { id: 101, code: "VHTTDL", name: "Sở Văn hóa, Thể thao và Du lịch", shortName: null },
      { id: 102, code: "KHCN", name: "Sở Khoa học và Công nghệ", shortName: "Sở KH-CN" },
      { id: 103, code: "HV", name: "Huyện Hòa Vang", shortName: null },
    ];
    const ids = (text: string) => {
      const task = only(text, ISSUED, daNang);
      return [task.lead?.departmentId, ...task.coordinators.map((c) => c.departmentId)];
    };
    expect(ids("1. Sở VH,TT&DL chủ trì, phối hợp với Sở KHCN.")).toEqual([101, 102]);
    expect(ids("1. Sở VHTTDL chủ trì, phối hợp với UBND huyện Hòa Vang.")).toEqual([101, 103]);
  });

  it("prefers the longest name: 'Sở Giáo dục và Đào tạo' is not also the department 'Đào tạo'", () => {
    const departments = [...DEPARTMENTS, { id: 99, code: "DT", name: "Đào tạo", shortName: null }];
    const task = only("1. Sở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Nội vụ.", ISSUED, departments);
    expect(task.lead?.departmentId).toBe(ID.SGDDT);
    expect(task.coordinators.map((c) => c.departmentId)).toEqual([ID.SNV]);
    // On its own, the name is found (a department named with a common word is a data problem).
    expect(only("1. Đào tạo chủ trì.", ISSUED, departments).lead?.departmentId).toBe(99);
  });

  it("does not take a ministry or the Government Office for the city departments", () => {
    const task = only("1. Phối hợp với Văn phòng Chính phủ, Bộ Thông tin và Truyền thông triển khai.");
    expect(task.lead).toBeNull();
    expect(task.coordinators).toEqual([]);
  });

  it("does not take ordinary words for abbreviations ('cả Thành phố' is not 'CA Thành phố')", () => {
    expect(only("1. Triển khai trên cả Thành phố, đến từng thị xã.").lead).toBeNull();
  });

  it("does not take a code written in lower case or inside a word", () => {
    expect(only("1. Báo cáo stttt và SNVX.").lead).toBeNull();
  });

  it("reports a name that fits two departments, and assigns neither", () => {
    const departments: SplitDepartment[] = [
      { id: 1, code: "A", name: "Trung tâm Dữ liệu", shortName: "TTDL" },
      { id: 2, code: "B", name: "Trung tâm Dịch vụ", shortName: "TTDL" },
    ];
    const task = only("1. TTDL chủ trì triển khai.", ISSUED, departments);
    expect(task.lead).toBeNull();
    expect(task.warnings).toContainEqual({ code: "ambiguous_department", matchedText: "TTDL", departmentIds: [1, 2] });
  });

  it("finds a list of districts after 'quận', but not a ward or a lake of the same name", () => {
    const task = only("1. UBND các quận Ba Đình, Hoàn Kiếm và Đống Đa thực hiện.");
    expect([task.lead, ...task.coordinators].map((m) => m && CODE.get(m.departmentId))).toEqual(["QBD", "QHK", "QDD"]);
    expect(task.coordinators.map((c) => c.matchedText)).toEqual(["Hoàn Kiếm", "Đống Đa"]);
    expect(only("1. Chỉnh trang phường Hoàn Kiếm và hồ Hoàn Kiếm.").lead).toBeNull();
  });

  it("does not expand groups ('các sở, ban, ngành', 'UBND các quận, huyện, thị xã'): it warns instead", () => {
    const task = only("1. Các sở, ban, ngành, UBND các quận, huyện, thị xã và các đơn vị liên quan thực hiện.");
    expect(task.lead).toBeNull();
    expect(task.coordinators).toEqual([]);
    expect(task.warnings.filter((w) => w.code === "group_reference").map((w) => w.matchedText)).toEqual([
      "Các sở, ban, ngành",
      "UBND các quận, huyện, thị xã",
    ]);
    // "các đơn vị liên quan" says no group at all: the secretariat is asked to choose.
    expect(task.warnings.filter((w) => w.code === "group_to_choose").map((w) => w.matchedText)).toEqual([
      "các đơn vị liên quan",
    ]);
    expect(task.fanOut).toBeNull();
    expect(codes(task)).toContain("no_lead_found");
  });
});

describe("lead and coordinators", () => {
  const roles = (text: string) => {
    const task = only(text);
    return {
      lead: task.lead ? CODE.get(task.lead.departmentId) : null,
      coordinators: task.coordinators.map((c) => CODE.get(c.departmentId)),
      warnings: codes(task).filter((code) => code !== "no_deadline_found"),
    };
  };

  it.each<[string, string, Code, Code[]]>([
    [
      "'[lead] chủ trì, phối hợp với […]'",
      "1. Sở Nội vụ chủ trì, phối hợp với Sở Tài chính, Sở Tư pháp rà soát.",
      "SNV",
      ["STC", "STP"],
    ],
    ["'giao [lead] chủ trì'", "1. Giao Sở Y tế chủ trì, phối hợp với BHXH Hà Nội triển khai.", "SYT", ["BHXH"]],
    ["'giao cho [lead]'", "1. Giao cho Sở Xây dựng hoàn thiện đề án.", "SXD", []],
    ["'đề nghị [lead]'", "1. Đề nghị Cục Thuế Hà Nội đẩy mạnh thu ngân sách.", "CTHN", []],
    ["'yêu cầu [lead]'", "1. Yêu cầu Sở Giao thông vận tải khẩn trương báo cáo.", "SGTVT", []],
    ["'do [lead] chủ trì'", "1. Tổ công tác do Sở Nội vụ chủ trì, có sự tham gia của Sở Tư pháp.", "SNV", []],
    [
      "'[lead] là cơ quan chủ trì'",
      "1. Sở Công Thương là cơ quan chủ trì, cùng Sở Tài chính thực hiện.",
      "SCT",
      ["STC"],
    ],
    ["'[lead] là đầu mối'", "1. Văn phòng UBND Thành phố là đầu mối, với Sở Nội vụ tổng hợp.", "VPUB", ["SNV"]],
    ["'[lead] cùng [coordinator]'", "1. Công an Thành phố cùng Sở TT&TT xây dựng phương án.", "CATP", ["STTTT"]],
    ["'[lead]: …' at the start", "1. Sở Y tế: chủ trì triển khai, phối hợp chặt chẽ với Sở Tài chính.", "SYT", ["STC"]],
    ["the subject of the sentence", "1. Sở Xây dựng khẩn trương hoàn thiện đề án.", "SXD", []],
    ["'Đồng thời, [subject]'", "1. Đồng thời, Sở Du lịch rà soát.", "SDL", []],
  ])("%s", (_, text, lead, coordinators) => {
    expect(roles(text)).toEqual({ lead, coordinators, warnings: [] });
  });

  it("reads 'giao A, B …' (several leads) as an item for many units, one task per lead", () => {
    expect(roles("1. Giao Sở Tài chính, Sở Kế hoạch và Đầu tư bố trí vốn.")).toEqual({
      lead: "STC",
      coordinators: [],
      warnings: ["leads_fan_out"],
    });
    const task = only("1. Giao Sở Tài chính, Sở Kế hoạch và Đầu tư bố trí vốn.");
    expect(task.fanOut).toEqual({
      kind: "leads",
      leads: [
        { departmentId: ID.STC, matchedText: "Sở Tài chính" },
        { departmentId: ID.SKHDT, matchedText: "Sở Kế hoạch và Đầu tư" },
      ],
    });
  });

  it("takes the first of several departments named without role words as the lead, with warnings", () => {
    expect(roles("1. Sở Tài chính, Sở KH&ĐT bố trí kinh phí.")).toEqual({
      lead: "STC",
      coordinators: ["SKHDT"],
      warnings: ["lead_guessed", "coordinators_guessed"],
    });
    expect(roles("1. Triển khai tại Sở Y tế và Sở Giáo dục và Đào tạo.")).toEqual({
      lead: "SYT",
      coordinators: ["SGDDT"],
      warnings: ["lead_guessed", "coordinators_guessed"],
    });
    // One department, but not as the subject and with no role word: still a guess.
    expect(roles("1. Triển khai tại Sở Y tế.")).toEqual({ lead: "SYT", coordinators: [], warnings: ["lead_guessed"] });
  });

  it("adds other departments named in an item with a lead as guessed coordinators", () => {
    expect(roles("1. Sở Nội vụ chủ trì số hóa tài liệu; Sở Thông tin và Truyền thông hướng dẫn kỹ thuật.")).toEqual({
      lead: "SNV",
      coordinators: ["STTTT"],
      warnings: ["coordinators_guessed"],
    });
  });

  it("ignores departments that are only addressed or quoted: báo cáo, trình, gửi, tham mưu, của, qua, về", () => {
    expect(
      roles(
        "1. Sở Y tế rà soát theo đề nghị của Sở Tài chính, báo cáo Sở Nội vụ, gửi Sở Tư pháp, tham mưu Văn phòng UBND Thành phố (qua Sở Xây dựng), gửi kết quả về Sở Du lịch.",
      ),
    ).toEqual({ lead: "SYT", coordinators: [], warnings: [] });
  });

  it("does not read 'cung cấp' as 'cùng'", () => {
    expect(roles("1. Sở Y tế cung cấp số liệu cho Sở Tài chính.")).toEqual({
      lead: "SYT",
      coordinators: ["STC"],
      warnings: ["coordinators_guessed"],
    });
  });

  it("lets 'Chủ trì: …; Phối hợp: …' fields decide over the sentences", () => {
    expect(
      roles(
        "1. Sở Nội vụ phối hợp với Sở Tài chính thực hiện. Đơn vị chủ trì: Sở Tư pháp; đơn vị phối hợp: Sở Nội vụ, Sở Tài chính.",
      ),
    ).toEqual({ lead: "STP", coordinators: ["SNV", "STC"], warnings: [] });
    expect(roles("1. Rà soát. Chủ trì: Sở Tư pháp, Sở Nội vụ.")).toEqual({
      lead: "STP",
      coordinators: [],
      warnings: ["leads_fan_out"],
    });
  });

  it("never lists the lead or a department twice among the coordinators", () => {
    expect(
      roles("1. Sở TT&TT chủ trì, phối hợp với Sở Thông tin và Truyền thông, Sở Nội vụ, Sở Nội vụ và Sở TTTT."),
    ).toEqual({ lead: "STTTT", coordinators: ["SNV"], warnings: [] });
  });

  it("warns when no department leads", () => {
    expect(roles("1. Tăng cường bảo đảm an toàn thông tin.")).toEqual({
      lead: null,
      coordinators: [],
      warnings: ["no_lead_found"],
    });
    expect(roles("1. Phối hợp với Công an Thành phố xử lý sự cố.")).toEqual({
      lead: null,
      coordinators: ["CATP"],
      warnings: ["no_lead_found"],
    });
  });

  it("gives a sub-item without a lead its parent's lead (and coordinators when it names none)", () => {
    const tasks = all(
      "2. Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp:\na) Rà soát quy trình.\nb) Phối hợp với Sở Tài chính lập dự toán.\nc) Sở Y tế báo cáo.",
    );
    expect(tasks.map((t) => [t.itemNumber, summary(t).lead, summary(t).coordinators])).toEqual([
      ["2", "SNV", ["STP"]],
      ["2.a", "SNV", ["STP"]],
      ["2.b", "SNV", ["STC"]],
      ["2.c", "SYT", []],
    ]);
    expect(tasks.map((t) => codes(t).includes("assignment_inherited"))).toEqual([false, true, true, false]);
    expect(tasks[1]!.lead?.matchedText).toBe("Sở Nội vụ");
  });

  it("marks a one-line heading over sub-items ('2. Sở Nội vụ:', 'II. NHIỆM VỤ') as heading_only", () => {
    const tasks = all("I. NHIỆM VỤ TRỌNG TÂM\n1. Sở Nội vụ:\na) Rà soát.\n2. Sở Y tế tổ chức kiểm tra:\n- Bước một.");
    expect(tasks.map((t) => [t.itemNumber, codes(t).includes("heading_only")])).toEqual([
      ["I", true],
      ["I.1", true],
      ["I.1.a", false],
      ["I.2", false],
      ["I.2.1", false],
    ]);
    expect(codes(tasks[0]!)).toEqual(["heading_only"]);
  });
});

// ---------------------------------------------------------------------------------
// Deadlines
// ---------------------------------------------------------------------------------

describe("deadlines", () => {
  const deadline = (text: string, issuedOn: LocalDate | null = ISSUED) => {
    const task = only(`1. Sở Y tế thực hiện ${text}.`, issuedOn);
    return { deadline: deadlineOf(task), matchedText: task.deadline?.matchedText ?? null, warnings: codes(task) };
  };

  it.each([
    ["trước ngày 31/12/2019", "2019-12-31"],
    ["trước 31/12/2019", "2019-12-31"],
    ["trước ngày 31-12-2019", "2019-12-31"],
    ["chậm nhất ngày 15/11/2019", "2019-11-15"],
    ["xong trước 15/11/2019", "2019-11-15"],
    ["đến hết ngày 30/11/2019", "2019-11-30"],
    ["hoàn thành trong tháng 10/2019", "2019-10-31"],
    ["trong tháng 10 năm 2019", "2019-10-31"],
    ["trong tháng 02/2020", "2020-02-29"],
    ["cuối tháng 11/2019", "2019-11-30"],
    ["trong quý IV/2019", "2019-12-31"],
    ["quý 4/2019", "2019-12-31"],
    ["quý IV năm 2019", "2019-12-31"],
    ["trong quý I/2020", "2020-03-31"],
    ["trong quý II/2020", "2020-06-30"],
    ["trong quý III năm 2020", "2020-09-30"],
    ["trong 6 tháng đầu năm 2020", "2020-06-30"],
    ["9 tháng đầu năm 2020", "2020-09-30"],
    ["6 tháng cuối năm 2020", "2020-12-31"],
    ["trong năm 2020", "2020-12-31"],
    ["năm 2020", "2020-12-31"],
    ["đến năm 2025", "2025-12-31"],
    ["cuối năm 2019", "2019-12-31"],
    ["ngày 15 tháng 10 năm 2019", "2019-10-15"],
    ["trước ngày 15 tháng 10 năm 2019", "2019-10-15"],
  ])("'%s' → %s", (phrase, date) => {
    const found = deadline(phrase);
    expect(found.deadline).toBe(date);
    expect(found.warnings).toEqual([]);
  });

  it("quotes the deadline phrase as written, with its deadline word", () => {
    expect(deadline("hoàn thành trong tháng 10/2019").matchedText).toBe("hoàn thành trong tháng 10/2019");
    expect(deadline("trước ngày 31/12/2019").matchedText).toBe("trước ngày 31/12/2019");
    expect(deadline("(thời hạn: 15/10/2019)").matchedText).toBe("thời hạn: 15/10/2019");
  });

  it.each(["thường xuyên", "hằng năm", "hàng năm", "liên tục", "định kỳ hằng tháng", "hằng quý"])(
    "'%s' → ongoing",
    (phrase) => {
      expect(deadline(phrase).deadline).toBe("ongoing");
    },
  );

  describe("a date without a year", () => {
    it("takes the year of the issue date", () => {
      expect(deadline("trước ngày 15/10")).toMatchObject({ deadline: "2019-10-15", warnings: [] });
      expect(deadline("trong quý IV")).toMatchObject({ deadline: "2019-12-31", warnings: [] });
      expect(deadline("trong tháng 11")).toMatchObject({ deadline: "2019-11-30", warnings: [] });
      expect(deadline("trong năm nay")).toMatchObject({ deadline: "2019-12-31", warnings: [] });
      expect(deadline("ngày 20 tháng 12")).toMatchObject({ deadline: "2019-12-20", warnings: [] });
    });

    it("takes the next year when the issue year would put it before the issue date, with a warning", () => {
      expect(deadline("trước 15/01")).toEqual({
        deadline: "2020-01-15",
        matchedText: "trước 15/01",
        warnings: ["year_assumed_next"],
      });
      expect(deadline("trong quý I")).toMatchObject({ deadline: "2020-03-31", warnings: ["year_assumed_next"] });
    });

    it("gives no deadline when there is no issue date to take the year from", () => {
      expect(deadline("trước ngày 15/10", null)).toMatchObject({ deadline: null, warnings: ["year_unknown"] });
      expect(deadline("trước ngày 15/10/2019", null)).toMatchObject({ deadline: "2019-10-15", warnings: [] });
    });
  });

  describe("dates that are not deadlines", () => {
    it.each([
      ["the date of a document", "theo Thông báo số 320/TB-VPCP ngày 09/9/2019"],
      ["the date of a resolution", "theo Nghị quyết số 02/NQ-CP ngày 01/01/2019 của Chính phủ"],
      ["the date of a meeting", "như kết luận tại cuộc họp ngày 18/9/2019"],
      ["a date in the past", "theo chỉ đạo ngày 10/9/2019"],
      ["a status date", "(tính đến ngày 31/8/2019 đạt 15,9%)"],
      ["a fraction", "tại 28/41 bệnh viện"],
      ["a span of years", "cho 15-20 năm tới"],
      ["a school year", "trong năm học 2019-2020"],
      ["a start date", "kể từ ngày 01/10/2019"],
    ])("%s: %s", (_, phrase) => {
      expect(deadline(phrase)).toMatchObject({ deadline: null, warnings: ["no_deadline_found"] });
    });

    it("reads 'từ ngày … đến ngày …' as ending on the second date", () => {
      expect(deadline("từ ngày 01/10/2019 đến ngày 31/12/2019").deadline).toBe("2019-12-31");
    });
  });

  describe("several dates", () => {
    it("takes the earliest of the deadline phrases, with a warning", () => {
      expect(deadline("trước 30/11/2019 (Sở A) và trước 15/11/2019 (Sở B)")).toMatchObject({
        deadline: "2019-11-15",
        warnings: ["several_deadlines"],
      });
    });

    it("prefers a 'Thời hạn:' field to a deadline phrase in the sentence, even a later one", () => {
      expect(deadline("trước 15/11/2019; thời hạn: 31/12/2019")).toMatchObject({
        deadline: "2019-12-31",
        warnings: [],
      });
      expect(deadline("trong quý IV/2019; thời hạn: thường xuyên").deadline).toBe("ongoing");
      expect(deadline("hằng năm, thời gian hoàn thành: trước 30/6/2020").deadline).toBe("2020-06-30");
    });

    it("prefers a deadline phrase to 'thường xuyên', and 'thường xuyên' to a bare date", () => {
      expect(deadline("thường xuyên kiểm tra; hoàn thành trước 31/12/2019").deadline).toBe("2019-12-31");
      expect(deadline("kế hoạch năm 2020 được kiểm tra thường xuyên").deadline).toBe("ongoing");
    });

    it("prefers a deadline phrase to a bare year", () => {
      expect(deadline("bố trí kinh phí năm 2020, báo cáo trong quý IV/2019")).toMatchObject({
        deadline: "2019-12-31",
        matchedText: "trong quý IV/2019",
      });
    });
  });

  describe("suspicious dates", () => {
    it("rejects an impossible date: a warning and no deadline (no weaker guess instead)", () => {
      expect(deadline("trước ngày 31/02/2020, kinh phí năm 2020")).toEqual({
        deadline: null,
        matchedText: null,
        warnings: ["invalid_date"],
      });
      expect(deadline("trước ngày 29/02/2019").warnings).toEqual(["invalid_date"]);
      expect(deadline("trong tháng 13/2019").warnings).toEqual(["invalid_date"]);
      expect(deadline("trước ngày 29/02/2020").deadline).toBe("2020-02-29");
    });

    it("still proposes a deadline phrase dated before the issue date, with a warning (probably a typo)", () => {
      expect(deadline("trước ngày 15/8/2019")).toEqual({
        deadline: "2019-08-15",
        matchedText: "trước ngày 15/8/2019",
        warnings: ["date_before_issue"],
      });
    });

    it("prefers a deadline on or after the issue date to an earlier one in the same tier", () => {
      expect(deadline("trước 15/8/2019, sau đó trước 30/11/2019")).toMatchObject({
        deadline: "2019-11-30",
        warnings: ["several_deadlines"],
      });
    });
  });

  describe("sub-items", () => {
    it("warns when a sub-item is due after its parent", () => {
      const tasks = all(
        "1. Sở Nội vụ thực hiện trước ngày 30/11/2019:\na) Rà soát trước 15/11/2019.\nb) Báo cáo trước 31/12/2019.",
      );
      expect(tasks.map((t) => [t.itemNumber, deadlineOf(t), codes(t).includes("deadline_after_parent")])).toEqual([
        ["1", "2019-11-30", false],
        ["1.a", "2019-11-15", false],
        ["1.b", "2019-12-31", true],
      ]);
    });

    it("gives a sub-item without a deadline its parent's, with a warning", () => {
      const tasks = all("1. Sở Nội vụ thực hiện trong quý IV/2019:\n- Rà soát.\n- Báo cáo thường xuyên.");
      expect(tasks.map((t) => [t.itemNumber, deadlineOf(t), codes(t)])).toEqual([
        ["1", "2019-12-31", []],
        ["1.1", "2019-12-31", ["assignment_inherited", "deadline_inherited"]],
        ["1.2", "ongoing", ["assignment_inherited"]],
      ]);
    });
  });
});

// ---------------------------------------------------------------------------------
// The flat list for the review screen
// ---------------------------------------------------------------------------------

describe("flattenDraftTasks", () => {
  it("lists tasks in document order with their parent's item number and depth, without children", () => {
    const flat = all("1. Một.\na) A.\n- x\nb) B.\n2. Hai.");
    expect(flat.map((t) => [t.itemNumber, t.parentItemNumber, t.depth])).toEqual([
      ["1", null, 0],
      ["1.a", "1", 1],
      ["1.a.1", "1.a", 2],
      ["1.b", "1", 1],
      ["2", null, 0],
    ]);
    expect(flat.every((t) => !("children" in t))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------
// Realistic texts, end to end
// ---------------------------------------------------------------------------------

describe("fixture: the seed conclusion, notice 1198/TB-UBND of 24/09/2019", () => {
  const text = fixture("thong-bao-1198-2019-seed.txt");
  const result = splitDirectiveDocument(text, { departments: DEPARTMENTS, issuedOn: "2019-09-24" });
  const flat = flattenDraftTasks(result.tasks);

  it("gives the ten contents as ten top-level tasks, and 10.a–10.c under task 10", () => {
    expect(result.tasks.map((t) => t.itemNumber)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
    expect(result.tasks[9]!.children.map((t) => t.itemNumber)).toEqual(["10.a", "10.b", "10.c"]);
    expect(flat).toHaveLength(13);
  });

  it("finds the lead, the coordinators and the deadline of every task", () => {
    const GROUP = "group_reference" as const;
    expect(flat.map(summary)).toEqual([
      { item: "1", lead: "VPUB", coordinators: ["STTTT", "SNV"], deadline: "2019-10-15", warnings: [] },
      { item: "2", lead: "STTTT", coordinators: ["VPUB"], deadline: "2019-11-30", warnings: [] },
      {
        item: "3",
        lead: "STTTT",
        coordinators: ["VPUB", "QBD", "QHK", "QDD", "QCG", "QHD", "TXST"],
        deadline: "2019-12-31",
        warnings: [GROUP, GROUP, GROUP],
      },
      { item: "4", lead: "SGDDT", coordinators: ["STC", "STTTT"], deadline: "2019-12-31", warnings: [] },
      { item: "5", lead: "SYT", coordinators: ["BHXH", "STC"], deadline: "2019-12-31", warnings: [] },
      {
        item: "6",
        lead: "STTTT",
        coordinators: ["SKHDT", "STC", "VPUB"],
        deadline: "ongoing",
        // "… báo cáo Ban Chỉ đạo hằng quý": proposed as a quarterly duty.
        warnings: [GROUP, GROUP, "recurrence_found", "recurrence_day_assumed"],
      },
      { item: "7", lead: "STC", coordinators: ["STTTT", "SKHDT"], deadline: "2019-11-30", warnings: [] },
      { item: "8", lead: "SNV", coordinators: ["STTTT", "STNMT", "STP"], deadline: "2020-06-30", warnings: [GROUP] },
      { item: "9", lead: "STTTT", coordinators: ["CATP"], deadline: "ongoing", warnings: [] },
      { item: "10", lead: "SNV", coordinators: ["STTTT", "SGDDT"], deadline: "2020-06-30", warnings: [] },
      { item: "10.a", lead: "SNV", coordinators: ["STTTT"], deadline: "2019-12-31", warnings: [] },
      { item: "10.b", lead: "STTTT", coordinators: ["SGDDT", "SVHTT"], deadline: "2020-03-31", warnings: [] },
      { item: "10.c", lead: "SNV", coordinators: ["STTTT", "SGDDT", "SLDTBXH"], deadline: "2020-06-30", warnings: [] },
    ]);
  });

  it("takes each task's title from its first line, as the seed wrote it", () => {
    expect(flat.map((t) => t.title.slice(0, 60))).toEqual([
      "Hoàn thiện dự thảo Quyết định sửa đổi, bổ sung Quyết định th",
      "Triển khai Thông báo số 320/TB-VPCP ngày 09/9/2019 của Văn p",
      "Nâng cao tỷ lệ dịch vụ công trực tuyến: đến ngày 31/12/2019,",
      "Triển khai thanh toán không dùng tiền mặt đối với học phí th",
      "Triển khai thanh toán viện phí không dùng tiền mặt tại các c",
      "Đẩy mạnh ứng dụng công nghệ thông tin trong hoạt động của cá",
      "Hướng dẫn các cơ quan, đơn vị thực hiện thuê dịch vụ công ng",
      "Đẩy mạnh số hóa dữ liệu: số hóa hồ sơ, tài liệu lưu trữ và k",
      "Tăng cường bảo đảm an toàn, an ninh thông tin cho các hệ thố",
      "Đào tạo, bồi dưỡng kỹ năng công nghệ thông tin cho cán bộ, c",
      "Đào tạo, bồi dưỡng kỹ năng ứng dụng công nghệ thông tin cho ",
      "Tuyên truyền, nâng cao nhận thức của người dân, doanh nghiệp",
      "Xây dựng Chiến lược phát triển nguồn nhân lực công nghệ thôn",
    ]);
    expect(flat[9]!.title).toBe(
      "Đào tạo, bồi dưỡng kỹ năng công nghệ thông tin cho cán bộ, công chức, viên chức; nâng cao nhận thức của người dân; xây dựng chiến lược phát triển nguồn nhân lực công nghệ thông tin của Thành phố cho 15-20 năm tới",
    );
    expect(flat.every((t) => !codes(t).includes("title_truncated"))).toBe(true);
  });

  it("keeps the item's full text as its description, and quotes what it matched", () => {
    expect(flat[0]!.description).toBe(
      [
        "Hoàn thiện dự thảo Quyết định sửa đổi, bổ sung Quyết định thành lập Ban Chỉ đạo xây dựng Chính quyền điện tử Thành phố.",
        "Văn phòng UBND Thành phố chủ trì, phối hợp với Sở Thông tin và Truyền thông, Sở Nội vụ khẩn trương hoàn thiện dự thảo, trình Chủ tịch UBND Thành phố ký ban hành; kiện toàn thành viên và Tổ giúp việc Ban Chỉ đạo.",
        "Chủ trì: Văn phòng UBND Thành phố; phối hợp: Sở Thông tin và Truyền thông, Sở Nội vụ; thời hạn: 15/10/2019.",
      ].join("\n"),
    );
    expect(flat[0]!.lead).toEqual({ departmentId: ID.VPUB, matchedText: "Văn phòng UBND Thành phố" });
    expect(flat[0]!.deadline).toEqual({ kind: "dated", date: "2019-10-15", matchedText: "thời hạn: 15/10/2019" });
    expect(flat[5]!.deadline).toEqual({ kind: "ongoing", matchedText: "thời hạn: thường xuyên" });
  });

  it("leaves the meeting summary and the closing formula out of the tasks", () => {
    expect(result.preamble.startsWith("Ngày 18/9/2019, Chủ tịch UBND Thành phố")).toBe(true);
    expect(result.preamble.endsWith("kết luận và giao nhiệm vụ như sau:")).toBe(true);
    expect(result.closing).toBe(
      "Văn phòng UBND Thành phố thông báo để các sở, ban, ngành, UBND các quận, huyện, thị xã và các đơn vị liên quan biết, thực hiện./.",
    );
  });

  it("finds the same leads from the sentences alone when the 'Chủ trì: …' summary lines are removed", () => {
    const withoutSummaries = text
      .split("\n")
      .filter((line) => !line.startsWith("Chủ trì:"))
      .join("\n");
    const tasks = flattenDraftTasks(split(withoutSummaries));
    const lead = (item: string) => {
      const task = tasks.find((t) => t.itemNumber === item)!;
      return task.lead && CODE.get(task.lead.departmentId);
    };
    expect([lead("1"), lead("8"), lead("10")]).toEqual(["VPUB", "SNV", "SNV"]);
    expect(summary(tasks.find((t) => t.itemNumber === "1")!).coordinators).toEqual(["STTTT", "SNV"]);
    expect(deadlineOf(tasks.find((t) => t.itemNumber === "3")!)).toBe("2019-12-31");
    // Items that name no department in their sentences are left for the secretariat.
    expect(codes(tasks.find((t) => t.itemNumber === "4")!)).toContain("no_lead_found");
  });
});

describe("fixture: a conclusion notice with I. / 1. / a) and a signature block", () => {
  const text = fixture("thong-bao-ket-luan-nhieu-cap.txt");
  const result = splitDirectiveDocument(text, { departments: DEPARTMENTS, issuedOn: "2019-10-08" });

  it("nests the items and proposes leads and deadlines", () => {
    expect(flattenDraftTasks(result.tasks).map(summary)).toEqual([
      {
        item: "I",
        lead: null,
        coordinators: [],
        deadline: null,
        warnings: ["group_reference", "group_reference", "no_lead_found", "no_deadline_found"],
      },
      { item: "II", lead: null, coordinators: [], deadline: null, warnings: ["heading_only"] },
      { item: "II.1", lead: "STTTT", coordinators: ["VPUB"], deadline: "2019-11-30", warnings: [] },
      { item: "II.2", lead: "SNV", coordinators: [], deadline: null, warnings: ["heading_only"] },
      {
        item: "II.2.a",
        lead: "SNV",
        coordinators: [],
        deadline: "2019-11-30",
        warnings: ["group_reference", "assignment_inherited"],
      },
      {
        item: "II.2.b",
        lead: "SNV",
        coordinators: ["STP"],
        deadline: "2019-12-15",
        warnings: ["assignment_inherited"],
      },
      { item: "II.3", lead: "STC", coordinators: [], deadline: "2019-12-31", warnings: [] },
      {
        item: "II.4",
        lead: "VPUB",
        coordinators: [],
        deadline: "ongoing",
        warnings: ["group_reference", "group_reference"],
      },
    ]);
  });

  it("keeps the letterhead in the preamble and 'Nơi nhận' and the signature in the closing", () => {
    expect(result.preamble.split("\n")[0]).toBe("ỦY BAN NHÂN DÂN");
    expect(result.preamble).toContain("kết luận như sau:");
    expect(result.closing.split("\n")).toEqual([
      "Văn phòng UBND Thành phố thông báo để các cơ quan, đơn vị biết, thực hiện./.",
      "Nơi nhận:",
      "- Chủ tịch UBND TP (để b/c);",
      "- Các PCT UBND TP;",
      "- Các sở: TT&TT, NV, TC, TP;",
      "- Lưu: VT, KGVX.",
      "KT. CHÁNH VĂN PHÒNG",
      "PHÓ CHÁNH VĂN PHÒNG",
    ]);
  });
});

describe("fixture: a directive (chỉ thị) with 'Thứ nhất, … Thứ hai, …'", () => {
  const result = splitDirectiveDocument(fixture("chi-thi-thu-nhat-thu-hai.txt"), {
    departments: DEPARTMENTS,
    issuedOn: "2019-10-15",
  });

  it("makes one task per ordinal", () => {
    expect(result.tasks.map(summary)).toEqual([
      { item: "1", lead: "STTTT", coordinators: ["CATP"], deadline: "2019-12-31", warnings: [] },
      {
        item: "2",
        lead: null,
        coordinators: [],
        deadline: "ongoing",
        warnings: ["group_reference", "group_reference", "no_lead_found"],
      },
      { item: "3", lead: "CATP", coordinators: ["STTTT"], deadline: "2020-03-31", warnings: [] },
      {
        item: "4",
        lead: "STC",
        coordinators: ["SKHDT"],
        deadline: "2020-12-31",
        warnings: ["lead_guessed", "coordinators_guessed"],
      },
      { item: "5", lead: "SGDDT", coordinators: [], deadline: "ongoing", warnings: [] },
    ]);
    expect(result.tasks.map((t) => t.title)).toEqual([
      "Sở Thông tin và Truyền thông chủ trì, phối hợp với Công an Thành phố tổ chức kiểm tra, đánh giá an toàn thông tin đối với các hệ thống thông tin của Thành phố; hoàn thành trước ngày 31/12/2019",
      "Yêu cầu thủ trưởng các sở, ban, ngành, Chủ tịch UBND các quận, huyện, thị xã thường xuyên quán triệt cán bộ, công chức thực hiện nghiêm quy định về bảo vệ bí mật nhà nước trên môi trường mạng",
      "Giao Công an Thành phố cùng Sở TT&TT xây dựng phương án ứng cứu sự cố an ninh mạng, trình UBND Thành phố trong quý I/2020",
      "Sở Tài chính, Sở KH&ĐT bố trí kinh phí bảo đảm an toàn thông tin trong dự toán ngân sách năm 2020",
      "Sở Giáo dục và Đào tạo chỉ đạo các trường học tuyên truyền, phổ biến kỹ năng an toàn thông tin cho học sinh hằng năm",
    ]);
  });

  it("keeps the closing paragraph out", () => {
    expect(result.closing.startsWith("Chỉ thị này có hiệu lực kể từ ngày ký.")).toBe(true);
  });
});

describe("fixture: a plan (kế hoạch) with '-' and '+' bullets", () => {
  const result = splitDirectiveDocument(fixture("ke-hoach-gach-dau-dong.txt"), {
    departments: DEPARTMENTS,
    issuedOn: "2019-11-20",
  });

  it("nests the bullets under the numbered departments and inherits the department", () => {
    expect(flattenDraftTasks(result.tasks).map(summary)).toEqual([
      { item: "I", lead: null, coordinators: [], deadline: null, warnings: ["heading_only"] },
      { item: "I.1", lead: null, coordinators: [], deadline: null, warnings: ["no_lead_found", "no_deadline_found"] },
      { item: "I.2", lead: null, coordinators: [], deadline: null, warnings: ["no_lead_found", "no_deadline_found"] },
      { item: "II", lead: null, coordinators: [], deadline: null, warnings: ["heading_only"] },
      { item: "II.1", lead: "SGDDT", coordinators: [], deadline: null, warnings: ["heading_only"] },
      { item: "II.1.1", lead: "SGDDT", coordinators: [], deadline: "2020-01-15", warnings: ["assignment_inherited"] },
      {
        item: "II.1.2",
        lead: "SGDDT",
        coordinators: ["STTTT"],
        deadline: null,
        warnings: ["assignment_inherited", "no_deadline_found"],
      },
      {
        item: "II.1.2.1",
        lead: "SGDDT",
        coordinators: ["STTTT"],
        deadline: "2019-12-31",
        warnings: ["assignment_inherited"],
      },
      {
        item: "II.1.2.2",
        lead: "SGDDT",
        coordinators: ["STTTT"],
        deadline: "ongoing",
        warnings: ["recurrence_found", "recurrence_day_assumed", "assignment_inherited"],
      },
      { item: "II.2", lead: "SYT", coordinators: [], deadline: null, warnings: ["heading_only"] },
      { item: "II.2.1", lead: "SYT", coordinators: [], deadline: "2020-06-30", warnings: ["assignment_inherited"] },
      {
        item: "II.2.2",
        lead: "SYT",
        coordinators: ["BHXH"],
        deadline: null,
        warnings: ["assignment_inherited", "no_deadline_found"],
      },
      { item: "II.3", lead: "STC", coordinators: [], deadline: "2020-03-31", warnings: [] },
      {
        item: "III",
        lead: null,
        coordinators: [],
        deadline: "ongoing",
        warnings: ["group_reference", "recurrence_found", "recurrence_day_assumed", "no_lead_found"],
      },
    ]);
  });

  it("reads '6 tháng đầu năm 2020' in a 'Thời gian hoàn thành:' field", () => {
    const task = flattenDraftTasks(result.tasks).find((t) => t.itemNumber === "II.2.1")!;
    expect(task.deadline).toEqual({
      kind: "dated",
      date: "2020-06-30",
      matchedText: "thời gian hoàn thành: 6 tháng đầu năm 2020",
    });
  });
});

describe("fixture: an official letter (công văn) with '1/ … 2/ …'", () => {
  const result = splitDirectiveDocument(fixture("cong-van-so-gach-cheo.txt"), {
    departments: DEPARTMENTS,
    issuedOn: "2019-10-21",
  });

  it("reads the items, abbreviations and the impossible date", () => {
    expect(result.tasks.map(summary)).toEqual([
      { item: "1", lead: "SGDDT", coordinators: ["STTTT"], deadline: "2019-11-30", warnings: [] },
      { item: "2", lead: "STTTT", coordinators: [], deadline: "ongoing", warnings: [] },
      {
        item: "3",
        lead: null,
        coordinators: [],
        deadline: null,
        warnings: ["group_reference", "invalid_date", "no_lead_found"],
      },
      {
        item: "4",
        lead: "STC",
        coordinators: ["SKHDT"],
        deadline: null,
        warnings: ["lead_guessed", "coordinators_guessed", "no_deadline_found"],
      },
    ]);
    expect(result.tasks[0]!.lead?.matchedText).toBe("Sở GD&ĐT");
    expect(result.tasks[0]!.coordinators[0]?.matchedText).toBe("Sở TT&TT");
    expect(result.tasks[2]!.warnings).toContainEqual({ code: "invalid_date", matchedText: "trước ngày 31/02/2020" });
  });

  it("keeps the 'Kính gửi' list of addressees in the preamble", () => {
    expect(result.preamble).toContain("Kính gửi:\n- Sở Giáo dục và Đào tạo;\n- Sở Thông tin và Truyền thông;");
    expect(result.closing).toBe("Nhận được văn bản này, đề nghị các đơn vị khẩn trương triển khai thực hiện./.");
  });
});

describe("fixture: a conclusion pasted as one paragraph", () => {
  const result = splitDirectiveDocument(fixture("ket-luan-mot-doan.txt"), {
    departments: DEPARTMENTS,
    issuedOn: "2019-10-30",
  });

  it("cuts it at the inline numbers and flags every item for checking", () => {
    expect(result.preamble).toBe("Ý kiến kết luận của Chủ tịch UBND Thành phố như sau:");
    expect(result.tasks.map(summary)).toEqual([
      { item: "1", lead: "SNV", coordinators: ["STC"], deadline: "2019-12-15", warnings: ["inline_numbering"] },
      { item: "2", lead: "SXD", coordinators: [], deadline: "2019-11-30", warnings: ["inline_numbering"] },
      {
        item: "3",
        lead: "CTHN",
        coordinators: ["STC"],
        deadline: "2019-12-31",
        warnings: ["inline_numbering", "leads_fan_out"],
      },
      {
        item: "4",
        lead: null,
        coordinators: [],
        deadline: "ongoing",
        warnings: ["inline_numbering", "group_reference", "no_lead_found"],
      },
    ]);
    expect(result.tasks[3]!.description).toBe(
      "Các sở, ban, ngành thường xuyên cập nhật tiến độ thực hiện nhiệm vụ trên Hệ thống theo dõi nhiệm vụ.",
    );
  });
});

describe("fixture: a decision (quyết định) with 'Điều 1.' and clauses '1.1.'", () => {
  const result = splitDirectiveDocument(fixture("quyet-dinh-dieu-khoan.txt"), {
    departments: DEPARTMENTS,
    issuedOn: "2020-01-10",
  });

  it("puts the clauses under their article and leaves the legal basis in the preamble", () => {
    expect(flattenDraftTasks(result.tasks).map(summary)).toEqual([
      { item: "1", lead: null, coordinators: [], deadline: "2020-12-31", warnings: ["no_lead_found"] },
      { item: "1.1", lead: "STTTT", coordinators: [], deadline: "2020-06-30", warnings: [] },
      {
        item: "1.2",
        lead: "SKHDT",
        coordinators: ["STC"],
        deadline: "2020-03-31",
        warnings: ["lead_guessed", "coordinators_guessed"],
      },
      { item: "1.3", lead: "VPUB", coordinators: [], deadline: "ongoing", warnings: [] },
      { item: "2", lead: null, coordinators: [], deadline: null, warnings: ["no_lead_found", "no_deadline_found"] },
      {
        item: "3",
        lead: "VPUB",
        coordinators: [],
        deadline: null,
        warnings: ["lead_guessed", "group_to_choose", "no_deadline_found"],
      },
    ]);
    expect(result.preamble).toContain("- Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;");
    expect(result.preamble.endsWith("QUYẾT ĐỊNH:")).toBe(true);
  });
});

describe("fixture: pasted from Word on Windows (CRLF, NBSP, tabs, a PDF line break, NFD)", () => {
  it("reads it like a clean text", () => {
    expect(WINDOWS_NBSP_PASTE).toContain("\r\n");
    expect(WINDOWS_NBSP_PASTE).toContain("\u00a0");
    const result = splitDirectiveDocument(WINDOWS_NBSP_PASTE, { departments: DEPARTMENTS, issuedOn: "2019-10-25" });
    expect(result.preamble).toBe(
      "KẾT LUẬN CỦA PHÓ CHỦ TỊCH UBND THÀNH PHỐ\nÝ kiến kết luận của Phó Chủ tịch UBND Thành phố như sau:",
    );
    expect(flattenDraftTasks(result.tasks).map(summary)).toEqual([
      { item: "1", lead: "STP", coordinators: ["SNV"], deadline: "2019-12-20", warnings: [] },
      { item: "2", lead: "SKHDT", coordinators: [], deadline: "2019-11-30", warnings: ["group_reference"] },
      {
        item: "3",
        lead: "SQHKT",
        coordinators: ["SXD"],
        deadline: null,
        warnings: ["lead_guessed", "coordinators_guessed", "heading_only"],
      },
      { item: "3.1", lead: "SQHKT", coordinators: ["SXD"], deadline: "2019-11-15", warnings: ["assignment_inherited"] },
      { item: "3.2", lead: "SQHKT", coordinators: ["SXD"], deadline: "2019-12-31", warnings: ["assignment_inherited"] },
    ]);
    const [first, second] = result.tasks;
    expect(first!.title).toBe(
      "Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ rà soát văn bản quy phạm pháp luật do HĐND, UBND Thành phố ban hành về cải cách hành chính; hoàn thành trước ngày 20/12/2019",
    );
    expect(second!.lead?.matchedText).toBe("Sở Kế hoạch và Đầu tư"); // NFC, as the text is normalised
    expect(result.tasks[2]!.title).toBe("Sở Quy hoạch - Kiến trúc, Sở Xây dựng");
  });
});

// ---------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------

/** Pieces that real pastes are made of, so that random texts exercise every rule. */
const FRAGMENTS = [
  "1. ",
  "2) ",
  "3/ ",
  "1.1. ",
  "1.2 ",
  "a) ",
  "b. ",
  "- ",
  "+ ",
  "• ",
  "I. ",
  "II. ",
  "Điều 1. ",
  "Thứ nhất, ",
  "Thứ hai, ",
  "Giao ",
  "Đề nghị ",
  "Sở Nội vụ",
  "Sở TT&TT",
  "Sở Giáo dục và Đào tạo",
  "VP UBND TP",
  "Quận Ba Đình",
  "Hoàn Kiếm",
  "STTTT",
  " chủ trì",
  ", phối hợp với ",
  " cùng ",
  "UBND các quận, huyện, thị xã",
  "Chủ trì: ",
  "Phối hợp: ",
  "Thời hạn: ",
  "trước ngày 31/12/2019",
  "31/02/2020",
  "15/10",
  "trong quý IV/2019",
  "6 tháng đầu năm 2020",
  "năm 2020",
  "thường xuyên",
  "ngày 15 tháng 10 năm 2019",
  "số 320/TB-VPCP ngày 09/9/2019",
  " rà soát, báo cáo",
  "; ",
  ": ",
  ". ",
  ", ",
  "./.",
  "\n",
  "\n\n",
  "\r\n",
  "\u00a0",
  "\t",
];
const pasteLike = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }).map((parts) => parts.join(""));
const anyText = fc.oneof(fc.string({ unit: "binary", maxLength: 300 }), pasteLike);
const issuedOnArb = fc.oneof(
  fc.constant(null),
  fc.constantFrom("2019-09-24", "2019-12-31", "2020-01-01", "2025-07-01"),
);

describe("properties", () => {
  const KNOWN_IDS = new Set(DEPARTMENTS.map((d) => d.id));

  it("never throws, and every task is well formed", () => {
    fc.assert(
      fc.property(anyText, issuedOnArb, (text, issuedOn) => {
        const result = splitDirectiveDocument(text, { departments: DEPARTMENTS, issuedOn });
        const tasks = flattenDraftTasks(result.tasks);
        const numbers = tasks.map((t) => t.itemNumber);
        expect(new Set(numbers).size).toBe(numbers.length);
        for (const task of tasks) {
          expect(task.itemNumber).not.toBe("");
          expect(task.title.length).toBeLessThanOrEqual(TITLE_MAX_LENGTH);
          const ids = task.coordinators.map((c) => c.departmentId);
          expect(new Set(ids).size).toBe(ids.length);
          if (task.lead) {
            expect(ids).not.toContain(task.lead.departmentId);
            expect(KNOWN_IDS.has(task.lead.departmentId)).toBe(true);
          }
          for (const id of ids) expect(KNOWN_IDS.has(id)).toBe(true);
          if (task.deadline?.kind === "dated") expect(isLocalDate(task.deadline.date)).toBe(true);
          for (const warning of task.warnings) expect(SPLIT_WARNING_CODES).toContain(warning.code);
          if (task.parentItemNumber !== null)
            expect(task.itemNumber.startsWith(`${task.parentItemNumber}.`)).toBe(true);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it("quotes only text that is in the task (or in the parent it inherited from)", () => {
    fc.assert(
      fc.property(pasteLike, (text) => {
        const tasks = flattenDraftTasks(split(text));
        const byNumber = new Map(tasks.map((t) => [t.itemNumber, t]));
        for (const task of tasks) {
          const ancestors = [task.description];
          for (let parent = task.parentItemNumber; parent !== null;) {
            const found = byNumber.get(parent)!;
            ancestors.push(found.description);
            parent = found.parentItemNumber;
          }
          const quoted = [task.lead, ...task.coordinators, task.deadline].flatMap((m) => (m ? [m.matchedText] : []));
          for (const matchedText of quoted) {
            expect(matchedText).not.toBe("");
            expect(ancestors.some((description) => description.includes(matchedText))).toBe(true);
          }
        }
      }),
      { numRuns: 800 },
    );
  });

  it("is not affected by Windows line endings, non-breaking spaces or decomposed Unicode", () => {
    fc.assert(
      fc.property(pasteLike, (text) => {
        const clean = split(text);
        expect(split(text.replace(/\r?\n/g, "\r\n"))).toEqual(clean);
        expect(split(text.replace(/ /g, "\u00a0"))).toEqual(clean);
        expect(split(text.normalize("NFD"))).toEqual(clean);
      }),
      { numRuns: 500 },
    );
  });

  it("gives the same answer twice (no state kept between calls)", () => {
    fc.assert(
      fc.property(pasteLike, issuedOnArb, (text, issuedOn) => {
        expect(split(text, issuedOn)).toEqual(split(text, issuedOn));
      }),
      { numRuns: 200 },
    );
  });

  it("does not throw on malformed departments or a malformed issue date", () => {
    const weird = [
      { id: 1, code: "", name: "", shortName: null },
      { id: 2, code: "X", name: "Sở", shortName: "" },
      { id: 3, code: "Y", name: "&&&", shortName: "-" },
    ] as SplitDepartment[];
    expect(() => split("1. Sở chủ trì trước 15/10.", "not-a-date", weird)).not.toThrow();
    const broken = [null, { id: "7", code: 7 }, ...DEPARTMENTS] as unknown as SplitDepartment[];
    expect(only("1. Sở Y tế chủ trì.", ISSUED, broken).lead?.departmentId).toBe(ID.SYT);
    expect(only("1. Sở Y tế trước 15/10.", "2019-02-30").warnings).toContainEqual({
      code: "year_unknown",
      matchedText: "trước 15/10",
    });
  });
});

describe("200 kB pastes", () => {
  // Well under a second on a laptop. The speed target lives in the bench; this bound
  // only catches a runaway (super-linear) parse, which takes minutes at 200 kB, and
  // leaves room for a CI machine whose two cores are busy with other work.
  const BUDGET_MS = 20_000;
  const SIZE = 200_000;
  const repeat = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
  const seed = fixture("thong-bao-1198-2019-seed.txt");

  it.each([
    ["the seed conclusion, repeated", repeat(`${seed}\n`)],
    ["the seed conclusion as one paragraph", repeat(`${seed.replace(/\n/g, " ")} `)],
    ["66,000 empty items", repeat("1.\n")],
    ["deeply nested bullets", repeat("- a\n+ b\n• c\n* d\n")],
    ["department names without punctuation", repeat("Sở Nội vụ Sở TT&TT phối hợp với Quận Ba Đình Hoàn Kiếm ")],
    ["dates without punctuation", repeat("trước ngày 31/12/2019 quý IV/2019 năm 2020 15/10 thường xuyên ")],
    ["an inline numbering that never ends", `Như sau: ${repeat("1. Giao Sở Nội vụ x. 2. Giao Sở Y tế y. ")}`],
  ])(
    "%s: finishes in time",
    (_, text) => {
      const started = performance.now();
      const tasks = split(text);
      const elapsed = performance.now() - started;
      expect(tasks.length).toBeGreaterThan(0);
      expect(elapsed).toBeLessThan(BUDGET_MS);
    },
    2 * BUDGET_MS,
  );

  it(
    "random text: finishes in time",
    () => {
      const text = fc.sample(fc.string({ unit: "binary", minLength: SIZE, maxLength: SIZE }), {
        numRuns: 1,
        seed: 42,
      })[0]!;
      const started = performance.now();
      expect(() => split(text)).not.toThrow();
      expect(performance.now() - started).toBeLessThan(BUDGET_MS);
    },
    2 * BUDGET_MS,
  );
});

// ---------------------------------------------------------------------------------
// Items for many units, recurring duties, working-day deadlines (issue #13 item 5)
// ---------------------------------------------------------------------------------

/** The groups of a small city: the built-in group of each kind, and two custom groups. */
const GROUPS = [
  { id: 101, name: "Các sở, ban, ngành", builtinKind: "department" },
  { id: 102, name: "Các quận, huyện, thị xã", builtinKind: "district" },
  { id: 103, name: "Doanh nghiệp", builtinKind: "enterprise" },
  { id: 110, name: "UBND các xã, phường, thị trấn", builtinKind: null },
  { id: 111, name: "Thành viên Ban Chỉ đạo", builtinKind: null },
] as const satisfies readonly SplitGroup[];

/** Tết Canh Tý 2020: Thursday 23/01 to Wednesday 29/01 off. */
const TET_2020: WorkingCalendar = {
  daysOff: new Set(["2020-01-23", "2020-01-24", "2020-01-27", "2020-01-28", "2020-01-29"]),
  workedWeekendDays: new Set(),
};

function withGroups(text: string, context: Partial<SplitContext> = {}) {
  const tasks = flattenDraftTasks(
    splitDirectiveText(text, { departments: DEPARTMENTS, issuedOn: ISSUED, groups: GROUPS, ...context }),
  );
  expect(tasks, "exactly one task").toHaveLength(1);
  return tasks[0]!;
}

describe("group phrases: an item for every unit of a group", () => {
  it.each([
    ["1. UBND các quận, huyện, thị xã chỉ đạo rà soát thủ tục.", 102, "UBND các quận, huyện, thị xã"],
    ["1. Giao các sở, ban, ngành Thành phố cập nhật dữ liệu.", 101, "các sở, ban, ngành Thành phố"],
    ["1. UBND các xã, phường, thị trấn niêm yết công khai thủ tục.", 110, "UBND các xã, phường, thị trấn"],
    ["1. Các thành viên Ban Chỉ đạo theo dõi địa bàn được phân công.", 111, "Các thành viên Ban Chỉ đạo"],
  ])("%s → group %i", (text, groupId, matchedText) => {
    const task = withGroups(text);
    expect(task.fanOut).toEqual({
      kind: "group",
      groupId,
      groupName: GROUPS.find((g) => g.id === groupId)!.name,
      matchedText,
    });
    expect(codes(task)).toContain("group_fan_out");
    expect(codes(task)).not.toContain("no_lead_found");
  });

  it("asks the secretariat to choose for 'các đơn vị liên quan', which names no group", () => {
    const task = withGroups("1. Các đơn vị liên quan rà soát, báo cáo.");
    expect(task.fanOut).toBeNull();
    expect(task.warnings).toContainEqual({ code: "group_to_choose", matchedText: "Các đơn vị liên quan" });
  });

  it("says when a group phrase names a group that does not exist", () => {
    const task = withGroups("1. UBND các xã, phường, thị trấn niêm yết thủ tục.", {
      groups: GROUPS.filter((g) => g.builtinKind !== null),
    });
    expect(task.fanOut).toBeNull();
    expect(task.warnings).toContainEqual({ code: "group_not_found", matchedText: "UBND các xã, phường, thị trấn" });
  });

  it("keeps a named lead, and a group as coordinators or addressee, as they are", () => {
    const coordinated = withGroups("1. Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành rà soát biên chế.");
    expect(coordinated.fanOut).toBeNull();
    expect(CODE.get(coordinated.lead!.departmentId)).toBe("SNV");
    expect(codes(coordinated)).toContain("group_reference");
    const addressed = withGroups("1. Sở Y tế tổng hợp, báo cáo UBND các quận, huyện, thị xã.");
    expect(addressed.fanOut).toBeNull();
  });
});

describe("group phrases that do not lead", () => {
  it("lets a 'Chủ trì:' field decide, and keeps a list of groups after 'của' as it is (the seed conclusion)", () => {
    const seed = flattenDraftTasks(
      splitDirectiveDocument(fixture("thong-bao-1198-2019-seed.txt"), {
        departments: DEPARTMENTS,
        issuedOn: ISSUED,
        groups: GROUPS,
      }).tasks,
    );
    expect(seed.filter((task) => task.fanOut !== null).map((task) => task.itemNumber)).toEqual([]);
    expect(codes(seed[2]!).filter((code) => code.startsWith("group"))).toEqual([
      "group_reference",
      "group_reference",
      "group_reference",
    ]);
    expect(withGroups("1. Chủ trì: UBND các quận, huyện, thị xã; phối hợp: Sở Nội vụ.").fanOut).toMatchObject({
      kind: "group",
      groupId: 102,
    });
  });
});

describe("several leads: an item for many units", () => {
  it.each([
    ["1. Sở Nội vụ, Sở Tài chính chủ trì xây dựng phương án.", ["SNV", "STC"]],
    ["1. Giao Sở Nội vụ và Sở Tài chính xây dựng phương án, phối hợp với Sở Tư pháp.", ["SNV", "STC"]],
  ])("%s", (text, leads) => {
    const task = withGroups(text);
    expect(task.fanOut?.kind).toBe("leads");
    expect(task.fanOut?.kind === "leads" && task.fanOut.leads.map((l) => CODE.get(l.departmentId))).toEqual(leads);
    // The leads are not also each other's coordinators.
    expect(task.coordinators.map((c) => CODE.get(c.departmentId))).toEqual(text.includes("Tư pháp") ? ["STP"] : []);
    expect(codes(task)).toContain("leads_fan_out");
    expect(codes(task)).not.toContain("several_leads");
  });

  it("keeps one lead when the others only coordinate", () => {
    expect(withGroups("1. Sở Nội vụ chủ trì, phối hợp với Sở Tài chính xây dựng phương án.").fanOut).toBeNull();
  });
});

describe("recurrence phrases: a proposed recurring duty", () => {
  it.each([
    ["1. Sở Y tế báo cáo UBND Thành phố trước ngày 05 hằng tháng.", "monthly", 5, false],
    ["1. Sở Y tế định kỳ hằng quý báo cáo, trước ngày 15 của tháng đầu quý sau.", "quarterly", 15, false],
    ["1. Sở Y tế báo cáo 6 tháng, trước ngày 20/7 và 20/01.", "half_yearly", 20, false],
    ["1. Sở Y tế báo cáo hằng năm, trước ngày 15/01 năm sau.", "yearly", 15, false],
    ["1. Sở Y tế báo cáo hằng tuần vào thứ Sáu.", "weekly", 5, false],
    ["1. Sở Y tế báo cáo trước ngày làm việc thứ 3 hằng tháng.", "monthly", 3, true],
  ])("%s → %s, day %i", (text, frequency, day, workingDays) => {
    const task = withGroups(text);
    expect(task.recurrence).toMatchObject({ frequency, day, workingDays });
    expect(codes(task)).toContain("recurrence_found");
    expect(codes(task)).not.toContain("recurrence_day_assumed");
  });

  it("assumes a due day when none is written, and says so", () => {
    const task = withGroups("1. Sở Y tế định kỳ hằng quý báo cáo kết quả.");
    expect(task.recurrence).toMatchObject({ frequency: "quarterly", day: 5, workingDays: false });
    expect(codes(task)).toContain("recurrence_day_assumed");
  });

  it("does not read a period or a plain yearly plan as a duty", () => {
    expect(withGroups("1. Sở Y tế hoàn thành trong 6 tháng đầu năm 2020.").recurrence).toBeNull();
    expect(withGroups("1. Sở Y tế xây dựng kế hoạch hằng năm.").recurrence).toBeNull();
  });
});

describe("working-day deadlines", () => {
  const text = "1. Sở Nội vụ trình UBND Thành phố trong 05 ngày làm việc kể từ ngày giao.";

  it("counts working days from the day of assignment over the holiday calendar", () => {
    const task = withGroups(text, { issuedOn: "2020-01-15", assignedOn: "2020-01-20", calendar: TET_2020 });
    expect(task.deadline).toEqual({
      kind: "dated",
      date: "2020-02-03",
      matchedText: "trong 05 ngày làm việc kể từ ngày giao",
      workingDays: 5,
    });
    expect(codes(task)).toContain("working_days_deadline");
    // Weekends only, without the calendar.
    expect(withGroups(text, { issuedOn: "2020-01-15", assignedOn: "2020-01-20" }).deadline).toMatchObject({
      date: "2020-01-27",
    });
  });

  it("counts from the issue date when no day of assignment is given, and asks when neither is", () => {
    expect(withGroups(text, { issuedOn: "2019-09-24" }).deadline).toMatchObject({ date: "2019-10-01" });
    const unknown = withGroups(text, { issuedOn: null });
    expect(unknown.deadline).toBeNull();
    expect(codes(unknown)).toContain("working_days_no_start");
  });
});

describe("ordinal lead-ins and coordinators of sub-items", () => {
  it.each([
    ["Thứ năm, Sở Y tế rà soát thủ tục.", "Sở Y tế rà soát thủ tục"],
    ["Một là, Sở Y tế rà soát thủ tục.", "Sở Y tế rà soát thủ tục"],
    ["Hai là: tăng cường kiểm tra.", "Tăng cường kiểm tra"],
    ["Thứ hai, ngày 23/9/2019 họp giao ban.", "Thứ hai, ngày 23/9/2019 họp giao ban"],
  ])("%s → %s", (line, title) => {
    expect(withGroups(`1. ${line}`).title).toBe(title);
  });

  it("finds a sub-item's coordinator written 'có sự phối hợp của …' or '…; Sở X phối hợp'", () => {
    const tasks = flattenDraftTasks(
      splitDirectiveText(
        "1. Triển khai các nội dung sau:\na) Sở Y tế thực hiện, có sự phối hợp của Sở Tài chính.\nb) Sở Nội vụ rà soát biên chế; Sở Tài chính phối hợp.\nc) Sở Y tế phối hợp với Sở Tài chính xây dựng kế hoạch.",
        { departments: DEPARTMENTS, issuedOn: ISSUED },
      ),
    );
    expect(
      tasks
        .slice(1)
        .map(summary)
        .map((t) => [t.item, t.lead, t.coordinators]),
    ).toEqual([
      ["1.a", "SYT", ["STC"]],
      ["1.b", "SNV", ["STC"]],
      ["1.c", "SYT", ["STC"]],
    ]);
  });
});

describe("fixture: a conclusion with a group item, two leads, a monthly duty and a working-day deadline", () => {
  const result = splitDirectiveDocument(fixture("ket-luan-nhom-dinh-ky.txt"), {
    departments: DEPARTMENTS,
    issuedOn: "2020-01-17",
    assignedOn: "2020-01-20",
    groups: GROUPS,
    calendar: TET_2020,
  });
  const flat = flattenDraftTasks(result.tasks);

  it("proposes each shape on its item", () => {
    expect(flat.map((t) => t.itemNumber)).toEqual(["1", "2", "3", "4", "4.a", "4.b"]);
    const [group, leads, duty, heading, subGroup, related] = flat;
    expect(group!.title).toBe(
      "UBND các quận, huyện, thị xã chỉ đạo rà soát, cập nhật danh mục thủ tục hành chính trực tuyến, hoàn thành trước ngày 31/3/2020",
    );
    expect(group!.fanOut).toMatchObject({ kind: "group", groupId: 102 });
    expect(leads!.fanOut?.kind === "leads" && leads!.fanOut.leads.map((l) => CODE.get(l.departmentId))).toEqual([
      "SNV",
      "STC",
    ]);
    expect(leads!.deadline).toMatchObject({ kind: "dated", date: "2020-02-03", workingDays: 5 });
    expect(duty!.recurrence).toEqual({
      frequency: "monthly",
      day: 5,
      workingDays: false,
      matchedText: "trước ngày 05 hằng tháng",
    });
    expect(CODE.get(duty!.lead!.departmentId)).toBe("STTTT");
    expect(heading!.title).toBe("Triển khai các nội dung sau");
    expect(subGroup!.fanOut).toMatchObject({ kind: "group", groupId: 101 });
    expect(subGroup!.coordinators.map((c) => CODE.get(c.departmentId))).toEqual(["STTTT"]);
    expect(codes(related!)).toContain("group_to_choose");
  });

  it("never throws on a context with odd groups or calendar", () => {
    const odd = { departments: DEPARTMENTS, issuedOn: ISSUED, groups: null, calendar: {}, assignedOn: "x" };
    expect(() =>
      splitDirectiveDocument(fixture("ket-luan-nhom-dinh-ky.txt"), odd as unknown as SplitContext),
    ).not.toThrow();
  });
});
