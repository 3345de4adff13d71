// A large, realistic, reproducible data set for performance work (`npm run
// db:generate-large`): hundreds of departments, thousands of directives, tens of
// thousands of tasks with sub-tasks, coordinators, progress reports, extensions,
// completions on time and late, holds, returns and cancellations, due dates
// spread around "today".
//
// Like db/seed/demo.ts, every task is first planned as a list of events and then
// replayed through the workflow (app/domain/workflow.ts canMove); the stored row
// and its history both come out of that replay, so they always agree. Events the
// workflow would refuse at that point (a report while on hold, a second pending
// extension request) are dropped, not forced.
//
// Speed: rows are written with raw prepared statements inside a few large
// transactions (a Drizzle insert per row is far too slow for a million rows),
// with explicit ids so the same seed gives the same database byte for byte
// (except for the password hash, which is salted).
import fs from "node:fs";
import { today as todayInHanoi, type Instant } from "../../app/domain/dates";
import { foldVietnamese } from "../../app/domain/text";
import type { DepartmentKind, DirectiveType, ExtensionState, WorkflowState } from "../../app/domain/vocabulary";
import { DEFAULT_STATUS_RULES } from "../../app/domain/status";
import { occurrencesDueBy, type RecurrenceRule } from "../../app/domain/recurrence";
import { canMove } from "../../app/domain/workflow";
import { openDatabase, type AppDatabase } from "../../app/models/db.server";
import { hashPassword } from "../../app/lib/password.server";
import { rebuildTaskStatusFacts } from "../../app/models/status-facts.server";
import { HANOI_DEPARTMENTS } from "./departments";
import { LARGE_DATA_PASSWORD } from "../../app/domain/password-policy";

export { LARGE_DATA_PASSWORD };

/**
 * Raised whenever the generator makes a different data set from the same seed (2: items
 * given to many units and recurring duties), so that a database kept for the bench is
 * made again rather than measured as the old shape.
 */
export const LARGE_DATA_VERSION = 2;

/** The generator version a database was made by (0 for one made before versions were written). */
export function largeDataVersionOf(db: AppDatabase): number {
  const row = db.$client
    .prepare(`SELECT after FROM audit_events WHERE action = 'large.generate' ORDER BY id DESC LIMIT 1`)
    .get() as { after: string | null } | undefined;
  const version = row?.after ? (JSON.parse(row.after) as { version?: unknown }).version : undefined;
  return typeof version === "number" ? version : 0;
}

export interface LargeDataOptions {
  /** How many tasks (sub-tasks included). */
  tasks: number;
  /** PRNG seed: the same seed (and today) gives the same data. */
  seed: number;
  /** Target file; must not exist unless `force`. */
  out: string;
  /** The "today" the data is built around (yyyy-mm-dd, Hanoi calendar). */
  today: string;
  force?: boolean;
  /** Called now and then with how far the generation is. */
  onProgress?: (done: number, total: number, phase: string) => void;
}

export interface LargeDataSummary {
  file: string;
  counts: Record<string, number>;
  password: string;
  milliseconds: number;
}

// ---------------------------------------------------------------- PRNG and days

/** mulberry32: a tiny, fast, seedable PRNG, good enough for test data. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
}

const DAY_MS = 86_400_000;
/** Asia/Ho_Chi_Minh is UTC+7 all year; day arithmetic on day numbers is much faster than date-fns here. */
const HANOI_OFFSET_MS = 7 * 3_600_000;

/** Days since 1970-01-01 of a `yyyy-mm-dd` day. */
function dayNumber(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

const isoCache = new Map<number, string>();
function iso(day: number): string {
  let found = isoCache.get(day);
  if (found === undefined) {
    found = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoCache.set(day, found);
  }
  return found;
}

/** An instant on `day` at `minute` minutes past midnight, Hanoi time. */
const instantAt = (day: number, minute: number): Instant => day * DAY_MS - HANOI_OFFSET_MS + minute * 60_000;
const dayOfInstant = (at: Instant): number => Math.floor((at + HANOI_OFFSET_MS) / DAY_MS);

// ---------------------------------------------------------------- organisation

interface Department {
  id: number;
  code: string;
  name: string;
  shortName: string;
  kind: DepartmentKind;
  parentId: number | null;
}

const DISTRICTS: readonly [code: string, name: string, urban: boolean][] = [
  ["QBD", "Quận Ba Đình", true],
  ["QHK", "Quận Hoàn Kiếm", true],
  ["QDD", "Quận Đống Đa", true],
  ["QCG", "Quận Cầu Giấy", true],
  ["QHD", "Quận Hà Đông", true],
  ["TXST", "Thị xã Sơn Tây", true],
  ["QTH", "Quận Tây Hồ", true],
  ["QHBT", "Quận Hai Bà Trưng", true],
  ["QHM", "Quận Hoàng Mai", true],
  ["QTX", "Quận Thanh Xuân", true],
  ["QLB", "Quận Long Biên", true],
  ["QBTL", "Quận Bắc Từ Liêm", true],
  ["QNTL", "Quận Nam Từ Liêm", true],
  ["HBV", "Huyện Ba Vì", false],
  ["HCM", "Huyện Chương Mỹ", false],
  ["HDP", "Huyện Đan Phượng", false],
  ["HDA", "Huyện Đông Anh", false],
  ["HGL", "Huyện Gia Lâm", false],
  ["HHD", "Huyện Hoài Đức", false],
  ["HML", "Huyện Mê Linh", false],
  ["HMD", "Huyện Mỹ Đức", false],
  ["HPX", "Huyện Phú Xuyên", false],
  ["HPT", "Huyện Phúc Thọ", false],
  ["HQO", "Huyện Quốc Oai", false],
  ["HSS", "Huyện Sóc Sơn", false],
  ["HTT", "Huyện Thạch Thất", false],
  ["HTO", "Huyện Thanh Oai", false],
  ["HTTR", "Huyện Thanh Trì", false],
  ["HTTI", "Huyện Thường Tín", false],
  ["HUH", "Huyện Ứng Hòa", false],
];

/** Common place-name stems of Hanoi's wards and communes, combined per district. */
const WARD_STEMS = [
  "Phúc Xá",
  "Trúc Bạch",
  "Vĩnh Phúc",
  "Cống Vị",
  "Liễu Giai",
  "Ngọc Hà",
  "Đội Cấn",
  "Kim Mã",
  "Giảng Võ",
  "Thành Công",
  "Hàng Bạc",
  "Hàng Bồ",
  "Tràng Tiền",
  "Cửa Nam",
  "Đồng Xuân",
  "Văn Miếu",
  "Quốc Tử Giám",
  "Láng Thượng",
  "Ô Chợ Dừa",
  "Kim Liên",
  "Trung Hòa",
  "Yên Hòa",
  "Dịch Vọng",
  "Mai Dịch",
  "Nghĩa Đô",
  "Quan Hoa",
  "Vạn Phúc",
  "Yết Kiêu",
  "Quang Trung",
  "Phú Lãm",
  "Kiến Hưng",
  "Trung Hưng",
  "Xuân Khanh",
  "Quảng An",
  "Nhật Tân",
  "Tứ Liên",
  "Bạch Đằng",
  "Thanh Lương",
  "Minh Khai",
  "Tương Mai",
  "Định Công",
  "Hoàng Liệt",
  "Khương Đình",
  "Nhân Chính",
  "Phúc Đồng",
  "Bồ Đề",
  "Ngọc Thụy",
  "Thượng Thanh",
  "Cổ Nhuế",
  "Xuân Đỉnh",
  "Đông Ngạc",
  "Mỹ Đình",
  "Tây Mỗ",
  "Đại Mỗ",
  "Tản Lĩnh",
  "Cẩm Lĩnh",
  "Thụy An",
  "Ngọc Hòa",
  "Thủy Xuân Tiên",
  "Tân Hội",
  "Liên Hồng",
  "Uy Nỗ",
  "Cổ Loa",
  "Vân Nội",
  "Bát Tràng",
  "Kiêu Kỵ",
  "Đa Tốn",
  "An Khánh",
  "Vân Canh",
  "Tiền Phong",
  "Tráng Việt",
  "Hương Sơn",
  "Phù Lưu Tế",
  "Chuyên Mỹ",
  "Phú Túc",
  "Sen Phương",
  "Ngọc Liệp",
  "Sài Sơn",
  "Phù Linh",
  "Minh Trí",
  "Bình Yên",
  "Thạch Hòa",
  "Cự Khê",
  "Tam Hưng",
  "Tả Thanh Oai",
  "Ngũ Hiệp",
  "Vạn Điểm",
  "Hồng Vân",
  "Đại Hùng",
  "Trường Thịnh",
  "Hòa Xá",
  "Phương Tú",
  "Tân Ước",
  "Đông Sơn",
  "Tiên Phương",
  "Yên Sở",
];

const ENTERPRISES: readonly [code: string, name: string, shortName: string][] = [
  ["EVNHN", "Tổng công ty Điện lực TP Hà Nội", "EVN Hà Nội"],
  ["TRANSERCO", "Tổng công ty Vận tải Hà Nội", "Transerco"],
  ["HAWACOM", "Công ty TNHH MTV Nước sạch Hà Nội", "Nước sạch HN"],
  ["URENCO", "Công ty TNHH MTV Môi trường đô thị Hà Nội", "URENCO"],
  ["HANOIMETRO", "Công ty TNHH MTV Đường sắt Hà Nội", "Hanoi Metro"],
  ["THOATNUOC", "Công ty TNHH MTV Thoát nước Hà Nội", "Thoát nước HN"],
];

function buildDepartments(): Department[] {
  const list: Department[] = [];
  const add = (d: Omit<Department, "id">) => list.push({ ...d, id: list.length + 1 });
  for (const d of HANOI_DEPARTMENTS) {
    if (d.kind === "district") continue;
    add({ code: d.code, name: d.name, shortName: d.shortName, kind: d.kind, parentId: null });
  }
  for (const [code, name, shortName] of ENTERPRISES) add({ code, name, shortName, kind: "enterprise", parentId: null });
  const districtIds: { id: number; code: string; name: string; urban: boolean }[] = [];
  for (const [code, name, urban] of DISTRICTS) {
    add({
      code,
      name,
      shortName: name.replace("Quận ", "Q. ").replace("Huyện ", "H. ").replace("Thị xã ", "TX "),
      kind: "district",
      parentId: null,
    });
    districtIds.push({ id: list.length, code, name, urban });
  }
  // Eight wards or communes per district: about 240, enough for ~300 units in all.
  districtIds.forEach((district, i) => {
    for (let k = 0; k < 8; k++) {
      const stem = WARD_STEMS[(i * 8 + k) % WARD_STEMS.length] as string;
      const level = district.urban ? "phường" : "xã";
      const name = `UBND ${level} ${stem}, ${district.name.replace(/^(Quận|Huyện|Thị xã) /, (m) => m.toLowerCase())}`;
      add({
        code: `${district.code}-${String(k + 1).padStart(2, "0")}`,
        name,
        shortName: `${level === "xã" ? "Xã" : "P."} ${stem}`,
        kind: "other",
        parentId: district.id,
      });
    }
  });
  return list;
}

const COMMITTEES: readonly [code: string, name: string][] = [
  ["BCD-CDS", "Ban Chỉ đạo Chuyển đổi số thành phố Hà Nội"],
  ["BCD-CCHC", "Ban Chỉ đạo Cải cách hành chính thành phố Hà Nội"],
  ["BCD-GPMB", "Ban Chỉ đạo Giải phóng mặt bằng các dự án trọng điểm Thành phố"],
  ["BCD-ATTP", "Ban Chỉ đạo liên ngành về an toàn thực phẩm Thành phố"],
  ["BCD-DT", "Ban Chỉ đạo phát triển đô thị và trật tự xây dựng Thành phố"],
  ["BCD-MTQG", "Ban Chỉ đạo các chương trình mục tiêu quốc gia Thành phố"],
];

// ---------------------------------------------------------------- text

const ACTIONS = [
  "Triển khai",
  "Hoàn thiện",
  "Xây dựng",
  "Rà soát",
  "Đẩy nhanh tiến độ",
  "Tổ chức thực hiện",
  "Kiểm tra, đánh giá",
  "Tham mưu ban hành",
  "Tăng cường",
  "Chủ động phối hợp",
  "Đôn đốc thực hiện",
  "Báo cáo kết quả",
  "Nghiên cứu, đề xuất",
];
const OBJECTS = [
  "cung cấp dịch vụ công trực tuyến toàn trình",
  "số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
  "kết nối, chia sẻ dữ liệu với cơ sở dữ liệu quốc gia về dân cư",
  "thanh toán không dùng tiền mặt trong trường học và bệnh viện",
  "bảo đảm an toàn thông tin theo cấp độ",
  "đào tạo, bồi dưỡng kỹ năng số cho cán bộ, công chức",
  "giải phóng mặt bằng dự án đường Vành đai 4",
  "xử lý vi phạm trật tự xây dựng",
  "kiểm tra an toàn thực phẩm dịp cao điểm",
  "chỉnh trang đô thị, hạ ngầm đường dây, cáp viễn thông",
  "xây dựng nông thôn mới nâng cao",
  "nâng cao chỉ số cải cách hành chính (PAR Index)",
  "cắt giảm, đơn giản hóa thủ tục hành chính",
  "giải ngân vốn đầu tư công",
  "phòng, chống ngập úng mùa mưa bão",
  "xử lý rác thải sinh hoạt và nước thải đô thị",
  "quản lý, khai thác hệ thống camera giám sát giao thông",
  "cấp giấy chứng nhận quyền sử dụng đất lần đầu",
  "vận hành Trung tâm điều hành thông minh (IOC)",
  "tiếp nhận, giải quyết phản ánh, kiến nghị của người dân",
];
const SCOPES = [
  "trên địa bàn Thành phố",
  "năm 2024",
  "giai đoạn 2021-2025",
  "tại các quận, huyện, thị xã",
  "theo Kế hoạch của UBND Thành phố",
  "trong quý tới",
  "",
];
const RESULTS = [
  "Đã ban hành kế hoạch triển khai và phân công cán bộ đầu mối.",
  "Đã tổ chức hội nghị quán triệt, hướng dẫn các đơn vị thực hiện.",
  "Đang khảo sát hiện trạng, tổng hợp số liệu từ các đơn vị.",
  "Đã hoàn thành dự thảo, đang lấy ý kiến các sở, ngành.",
  "Đã kiểm tra tại các đơn vị, lập biên bản và yêu cầu khắc phục.",
  "Đã số hóa phần lớn hồ sơ, đang rà soát chất lượng dữ liệu.",
  "Đã trình UBND Thành phố xem xét, phê duyệt.",
  "Đã phối hợp với đơn vị chủ trì cung cấp thông tin, số liệu.",
];
const DIFFICULTIES = [
  "Kinh phí chưa được bố trí kịp thời.",
  "Nhân lực chuyên trách còn thiếu.",
  "Hạ tầng kỹ thuật chưa đồng bộ.",
  "Một số hộ dân chưa đồng thuận với phương án bồi thường.",
  "Dữ liệu các đơn vị cung cấp chưa thống nhất.",
];
const COMPLETION_RESULTS = [
  "Đã hoàn thành nhiệm vụ, có báo cáo kết quả gửi kèm.",
  "Đã ban hành văn bản theo chỉ đạo; đề nghị xác nhận hoàn thành.",
  "Đã hoàn thành, đạt chỉ tiêu được giao.",
];
const RETURN_REASONS = [
  "Báo cáo chưa kèm kết quả cụ thể; đề nghị bổ sung số liệu và thực hiện lại.",
  "Kết quả chưa đạt chỉ tiêu được giao; yêu cầu tiếp tục thực hiện.",
];
const HOLD_REASONS = [
  "Tạm dừng chờ Trung ương ban hành hướng dẫn mới.",
  "Tạm dừng theo chỉ đạo của lãnh đạo Thành phố để rà soát lại phạm vi.",
];
const CANCEL_REASONS = [
  "Rút nhiệm vụ do đã được giao tại văn bản khác.",
  "Rút nhiệm vụ do không còn phù hợp sau sắp xếp tổ chức bộ máy.",
];
const EXTENSION_REASONS = [
  "Khối lượng công việc lớn, cần thêm thời gian lấy ý kiến các đơn vị.",
  "Chờ bố trí kinh phí thực hiện.",
  "Vướng mắc trong giải phóng mặt bằng, cần thêm thời gian xử lý.",
];
const REJECT_NOTES = [
  "Không đồng ý gia hạn: nhiệm vụ cấp bách, yêu cầu hoàn thành đúng thời hạn.",
  "Lý do chưa thuyết phục; đề nghị tập trung nguồn lực hoàn thành đúng hạn.",
];
const INSTRUCTIONS = [
  "Yêu cầu đơn vị chủ trì khẩn trương thực hiện, báo cáo kết quả trước thời hạn.",
  "Đề nghị các đơn vị phối hợp chặt chẽ, tháo gỡ vướng mắc ngay trong tuần.",
];

const DIRECTIVE_KINDS: readonly [type: DirectiveType, suffix: string, label: string, weight: number][] = [
  ["conclusion_notice", "TB-UBND", "Thông báo kết luận", 0.45],
  ["directive", "CT-UBND", "Chỉ thị", 0.1],
  ["decision", "QĐ-UBND", "Quyết định", 0.1],
  ["plan", "KH-UBND", "Kế hoạch", 0.2],
  ["official_letter", "UBND-KSTTHC", "Công văn", 0.15],
];

// ---------------------------------------------------------------- one task's story

type PlannedEvent =
  | { kind: "report"; at: Instant; department: number }
  | { kind: "complete"; at: Instant; completionDay: number }
  | { kind: "confirm" | "resume"; at: Instant }
  | { kind: "return" | "hold" | "cancel"; at: Instant; reason: string }
  | { kind: "request"; at: Instant; extendBy: number; reason: string }
  | { kind: "decide"; at: Instant; outcome: Exclude<ExtensionState, "pending">; counterFraction: number; note: string }
  | { kind: "comment"; at: Instant; body: string };

interface TaskPlan {
  id: number;
  createdAt: Instant;
  assignedDay: number;
  deadlineKind: "dated" | "ongoing" | "none";
  originalDue: number | null;
  /** A sub-task's extensions never go past this day (its parent's original due date). */
  dueCap: number | null;
  lead: number;
  coordinators: number[];
  draft: boolean;
}

/** What an item given to many units, or a duty's period, fixes for the task it gives. */
interface GivenTask {
  lead: number;
  title: string;
  description: string | null;
  assignedDay: number;
  deadlineKind: TaskPlan["deadlineKind"];
  originalDue: number | null;
  fanOutId: number | null;
  dutyId: number | null;
  dutyPeriod: string | null;
}

interface Writers {
  transition: (
    task: number,
    from: WorkflowState | null,
    to: WorkflowState,
    at: Instant,
    by: number | null,
    reason: string | null,
    completion: string | null,
  ) => void;
  report: (
    task: number,
    department: number,
    author: number | null,
    asOf: string,
    percent: number,
    result: string,
    difficulties: string | null,
    at: Instant,
  ) => void;
  extension: (row: ExtensionRow) => void;
  comment: (task: number, author: number, body: string, at: Instant) => void;
}

interface ExtensionRow {
  taskId: number;
  requestedBy: number | null;
  departmentId: number;
  currentDueDate: string;
  proposedDueDate: string;
  reason: string;
  state: ExtensionState;
  decidedBy: number | null;
  decidedAt: Instant | null;
  decisionNote: string | null;
  approvedDueDate: string | null;
  createdAt: Instant;
}

interface TaskOutcome {
  state: WorkflowState;
  stateReason: string | null;
  percent: number;
  lastReportedAt: Instant | null;
  currentDue: number | null;
  completionDate: string | null;
  completionReportedAt: Instant | null;
  completionResult: string | null;
  confirmedAt: Instant | null;
  confirmedBy: number | null;
  version: number;
  updatedAt: Instant;
}

interface People {
  secretariat: number[];
  leadership: number[];
  /** dept_lead user of each department id. */
  headOf: Map<number, number>;
}

/** A working-hours instant on `day` (08:00–17:00). */
const workTime = (rng: Random, day: number): Instant => instantAt(day, 8 * 60 + rng.int(0, 540));

function planEvents(rng: Random, plan: TaskPlan, todayDay: number): PlannedEvent[] {
  const events: PlannedEvent[] = [];
  if (plan.draft) return events;
  const A = plan.assignedDay;
  const due = plan.originalDue;
  const started = rng.chance(0.9);
  const startDay = A + rng.int(1, 40);

  // Completion (report day, completion date), then confirmation or a return and rework.
  let reportDay: number | null = null;
  if (started && rng.chance(due !== null ? 0.85 : 0.45)) {
    let completionDay: number;
    if (due === null) completionDay = startDay + rng.int(20, 400);
    else if (rng.chance(0.27) || due < startDay) completionDay = Math.max(due, startDay) + rng.int(1, 120);
    else completionDay = rng.int(startDay, due);
    reportDay = completionDay + rng.pick([0, 0, 0, 1, 2, 5]);
    events.push({ kind: "complete", at: workTime(rng, reportDay), completionDay });
    const next = rng.next();
    if (next < 0.85) events.push({ kind: "confirm", at: workTime(rng, reportDay + rng.int(1, 25)) });
    else if (next < 0.93) {
      const returnDay = reportDay + rng.int(2, 15);
      events.push({ kind: "return", at: workTime(rng, returnDay), reason: rng.pick(RETURN_REASONS) });
      events.push({ kind: "report", at: workTime(rng, returnDay + rng.int(2, 10)), department: plan.lead });
      const again = returnDay + rng.int(12, 45);
      events.push({ kind: "complete", at: workTime(rng, again), completionDay: again - rng.int(0, 2) });
      if (rng.chance(0.9)) events.push({ kind: "confirm", at: workTime(rng, again + rng.int(1, 15)) });
    }
    // else: reported done, never confirmed (the secretariat has not got to it).
  }

  // Progress reports between the start and the completion (or an open-ended horizon).
  if (started) {
    const until = (reportDay ?? startDay + rng.int(60, 500)) - 1;
    const count = rng.int(1, 5);
    for (let i = 0; i < count; i++) {
      const day = startDay + Math.floor(rng.next() * Math.max(1, until - startDay + 1));
      const department = plan.coordinators.length > 0 && rng.chance(0.35) ? rng.pick(plan.coordinators) : plan.lead;
      events.push({ kind: "report", at: i === 0 ? workTime(rng, startDay) : workTime(rng, day), department });
    }
  }

  // Extension requests: before the due date, decided a few days later.
  if (due !== null && rng.chance(0.17)) {
    let requestDay = Math.min(Math.max(A + 1, due - rng.int(1, 30)), (reportDay ?? due + 30) - 1);
    if (requestDay <= A) requestDay = A + 1;
    const rounds = rng.chance(0.15) ? 2 : 1;
    for (let round = 0; round < rounds; round++) {
      events.push({
        kind: "request",
        at: workTime(rng, requestDay),
        extendBy: rng.int(15, 90),
        reason: rng.pick(EXTENSION_REASONS),
      });
      const decisionDay = requestDay + rng.int(1, 10);
      const roll = rng.next();
      const outcome = roll < 0.55 ? "approved" : roll < 0.75 ? "countered" : "rejected";
      events.push({
        kind: "decide",
        at: workTime(rng, decisionDay),
        outcome,
        counterFraction: rng.next(),
        note:
          outcome === "rejected"
            ? rng.pick(REJECT_NOTES)
            : outcome === "countered"
              ? "Đồng ý gia hạn đến thời hạn ngắn hơn đề nghị."
              : "",
      });
      requestDay = decisionDay + rng.int(10, 60);
    }
  }
  // A few requests waiting for a decision today.
  if (due !== null && due >= todayDay - 15 && due <= todayDay + 60 && rng.chance(0.15)) {
    events.push({
      kind: "request",
      at: workTime(rng, todayDay - rng.int(0, 4)),
      extendBy: rng.int(10, 60),
      reason: rng.pick(EXTENSION_REASONS),
    });
  }

  if (rng.chance(0.03)) {
    const holdDay = A + rng.int(5, 300);
    events.push({ kind: "hold", at: workTime(rng, holdDay), reason: rng.pick(HOLD_REASONS) });
    if (rng.chance(0.4)) events.push({ kind: "resume", at: workTime(rng, holdDay + rng.int(10, 120)) });
  }
  if (rng.chance(0.03))
    events.push({ kind: "cancel", at: workTime(rng, A + rng.int(5, 400)), reason: rng.pick(CANCEL_REASONS) });
  if (rng.chance(0.04))
    events.push({ kind: "comment", at: workTime(rng, A + rng.int(1, 200)), body: rng.pick(INSTRUCTIONS) });

  // Chronological, strictly after the assignment and one another; nothing after today.
  const end = instantAt(todayDay + 1, 0);
  const ordered = events.filter((e) => e.at < end).sort((a, b) => a.at - b.at);
  let previous = plan.createdAt;
  for (const event of ordered) {
    if (event.at <= previous) event.at = previous + 1000;
    previous = event.at;
  }
  return ordered.filter((e) => e.at < end);
}

/** Replays the planned events through the workflow and writes the history; returns the task row's facts. */
function replay(rng: Random, plan: TaskPlan, events: PlannedEvent[], people: People, write: Writers): TaskOutcome {
  const secretariatAt = () => rng.pick(people.secretariat);
  const leadUser = people.headOf.get(plan.lead) ?? null;
  const row: TaskOutcome = {
    state: "open",
    stateReason: null,
    percent: 0,
    lastReportedAt: null,
    currentDue: plan.originalDue,
    completionDate: null,
    completionReportedAt: null,
    completionResult: null,
    confirmedAt: null,
    confirmedBy: null,
    version: 1,
    updatedAt: plan.createdAt,
  };
  const creator = people.secretariat[0] ?? null;
  write.transition(plan.id, null, "open", plan.createdAt, creator, null, null);
  const move = (
    to: WorkflowState,
    at: Instant,
    by: number | null,
    reason: string | null,
    completion: string | null,
  ) => {
    write.transition(plan.id, row.state, to, at, by, reason, completion);
    row.state = to;
    row.stateReason = reason;
  };
  const touch = (at: Instant) => {
    row.updatedAt = Math.max(row.updatedAt, at);
    row.version += 1;
  };
  let pending: ExtensionRow | null = null;

  for (const event of events) {
    switch (event.kind) {
      case "report": {
        if (row.state === "open" || row.state === "returned")
          move("in_progress", event.at, people.headOf.get(event.department) ?? null, null, null);
        if (row.state !== "in_progress") break;
        row.percent = Math.min(95, row.percent + rng.int(5, 35));
        const difficulties = rng.chance(0.3) ? rng.pick(DIFFICULTIES) : null;
        write.report(
          plan.id,
          event.department,
          people.headOf.get(event.department) ?? null,
          iso(dayOfInstant(event.at)),
          row.percent,
          rng.pick(RESULTS),
          difficulties,
          event.at,
        );
        row.lastReportedAt = event.at;
        touch(event.at);
        break;
      }
      case "complete": {
        if (!canMove(row.state, "awaiting_confirmation") || row.state === "awaiting_confirmation") break;
        if (row.state === "on_hold") break;
        const completionDay = Math.max(plan.assignedDay, Math.min(event.completionDay, dayOfInstant(event.at)));
        const completion = iso(completionDay);
        const result = rng.pick(COMPLETION_RESULTS);
        write.report(plan.id, plan.lead, leadUser, completion, 100, result, null, event.at);
        move("awaiting_confirmation", event.at, leadUser, null, completion);
        row.percent = 100;
        row.lastReportedAt = event.at;
        row.completionDate = completion;
        row.completionReportedAt = event.at;
        row.completionResult = result;
        touch(event.at);
        break;
      }
      case "confirm": {
        if (row.state !== "awaiting_confirmation") break;
        const by = secretariatAt();
        move("done", event.at, by, null, row.completionDate);
        row.confirmedAt = event.at;
        row.confirmedBy = by;
        touch(event.at);
        break;
      }
      case "return": {
        if (row.state !== "awaiting_confirmation") break;
        move("returned", event.at, secretariatAt(), event.reason, null);
        row.completionDate = null;
        row.completionReportedAt = null;
        row.completionResult = null;
        touch(event.at);
        break;
      }
      case "hold":
      case "cancel": {
        const to = event.kind === "hold" ? "on_hold" : "cancelled";
        if (row.state === to || !canMove(row.state, to)) break;
        if (row.state === "awaiting_confirmation") {
          // Work reported done is not held or withdrawn in this data set.
          break;
        }
        move(to, event.at, secretariatAt(), event.reason, null);
        touch(event.at);
        break;
      }
      case "resume": {
        if (row.state !== "on_hold") break;
        move("in_progress", event.at, secretariatAt(), null, null);
        touch(event.at);
        break;
      }
      case "request": {
        if (row.currentDue === null || pending !== null) break;
        if (
          row.state === "done" ||
          row.state === "cancelled" ||
          row.state === "on_hold" ||
          row.state === "awaiting_confirmation"
        )
          break;
        let proposed = row.currentDue + event.extendBy;
        if (plan.dueCap !== null) proposed = Math.min(proposed, plan.dueCap);
        if (proposed <= row.currentDue) break;
        pending = {
          taskId: plan.id,
          requestedBy: leadUser,
          departmentId: plan.lead,
          currentDueDate: iso(row.currentDue),
          proposedDueDate: iso(proposed),
          reason: event.reason,
          state: "pending",
          decidedBy: null,
          decidedAt: null,
          decisionNote: null,
          approvedDueDate: null,
          createdAt: event.at,
        };
        break;
      }
      case "decide": {
        if (pending === null) break;
        const current = row.currentDue as number;
        const proposed = dayNumber(pending.proposedDueDate);
        let outcome = event.outcome;
        if (outcome === "countered" && proposed - current < 2) outcome = "approved";
        pending.state = outcome;
        pending.decidedAt = event.at;
        pending.decidedBy = rng.chance(0.7) ? secretariatAt() : rng.pick(people.leadership);
        pending.decisionNote = event.note === "" ? null : event.note;
        if (outcome !== "rejected") {
          const granted =
            outcome === "approved"
              ? proposed
              : current + 1 + Math.floor(event.counterFraction * (proposed - current - 1));
          pending.approvedDueDate = iso(granted);
          row.currentDue = granted;
          touch(event.at);
        }
        write.extension(pending);
        pending = null;
        break;
      }
      case "comment":
        write.comment(plan.id, rng.pick(people.leadership), event.body, event.at);
        break;
    }
  }
  if (pending !== null) write.extension(pending);
  return row;
}

// ---------------------------------------------------------------- the generator

/** As app/models/search.server.ts joins the parts of an indexed text. */
const joinLines = (...parts: (string | null)[]) => parts.filter(Boolean).join("\n");

/** Parses `--tasks N --seed S --out file --today yyyy-mm-dd --force` (CLI helper). */
export function parseLargeDataArgs(argv: readonly string[]): LargeDataOptions {
  const options: LargeDataOptions = {
    tasks: 100_000,
    seed: 1,
    out: "data/large.db",
    today: todayInHanoi(),
    force: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case "--tasks":
        options.tasks = Number(value());
        if (!Number.isInteger(options.tasks) || options.tasks < 1)
          throw new Error("--tasks must be a positive integer");
        break;
      case "--seed":
        options.seed = Number(value());
        if (!Number.isInteger(options.seed)) throw new Error("--seed must be an integer");
        break;
      case "--out":
        options.out = value();
        break;
      case "--today":
        options.today = value();
        if (!/^\d{4}-\d{2}-\d{2}$/.test(options.today) || iso(dayNumber(options.today)) !== options.today) {
          throw new Error("--today must be a day written yyyy-mm-dd");
        }
        break;
      case "--force":
        options.force = true;
        break;
      default:
        throw new Error(`Unknown option ${arg}. Options: --tasks N --seed S --out file --today yyyy-mm-dd --force`);
    }
  }
  return options;
}

/** Writes a fresh database with `options.tasks` tasks and their histories; see the file comment. */
export async function generateLargeDatabase(options: LargeDataOptions): Promise<LargeDataSummary> {
  const started = Date.now();
  const { out, seed } = options;
  const total = options.tasks;
  const progress = options.onProgress ?? (() => {});
  if (fs.existsSync(out)) {
    if (!options.force) throw new Error(`${out} exists; pass --force to overwrite it.`);
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(out + suffix, { force: true });
  }
  const rng = new Random(seed);
  const todayDay = dayNumber(options.today);
  const passwordHash = await hashPassword(LARGE_DATA_PASSWORD);

  const db = openDatabase(out);
  const client = db.$client;
  client.pragma("synchronous = OFF");
  client.pragma("cache_size = -200000");
  client.pragma("temp_store = MEMORY");

  const counts: Record<string, number> = {};
  const bump = (table: string, n = 1) => (counts[table] = (counts[table] ?? 0) + n);
  const organisationSince = instantAt(todayDay - 1300, 8 * 60);

  // Organisation, people, committees.
  const departments = buildDepartments();
  const people: People = { secretariat: [], leadership: [], headOf: new Map() };
  client.transaction(() => {
    const insertDepartment = client.prepare(
      `INSERT INTO departments (id, code, name, short_name, kind, parent_id, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    );
    for (const d of departments)
      insertDepartment.run(d.id, d.code, d.name, d.shortName, d.kind, d.parentId, organisationSince, organisationSince);
    bump("departments", departments.length);

    const insertUser = client.prepare(
      `INSERT INTO users (id, login, display_name, password_hash, role, department_id, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    );
    let userId = 0;
    const addUser = (login: string, name: string, role: string, departmentId: number | null) => {
      insertUser.run(++userId, login, name, passwordHash, role, departmentId, organisationSince, organisationSince);
      bump("users");
      return userId;
    };
    addUser("admin", "Quản trị hệ thống", "admin", null);
    const vpub = departments.find((d) => d.code === "VPUB")?.id ?? null;
    for (const [i, name] of ["Lê Thu Hương", "Nguyễn Văn Nam", "Trần Thị Mai"].entries()) {
      people.secretariat.push(addUser(`vanphong${i + 1}`, `${name} (Tổ giúp việc)`, "secretariat", vpub));
    }
    for (const [i, name] of [
      "Chủ tịch UBND Thành phố",
      "Phó Chủ tịch UBND Thành phố (Kinh tế)",
      "Phó Chủ tịch UBND Thành phố (Đô thị)",
      "Phó Chủ tịch UBND Thành phố (Văn xã)",
    ].entries()) {
      people.leadership.push(addUser(`lanhdao${i + 1}`, name, "leadership", null));
    }
    for (const d of departments) {
      people.headOf.set(
        d.id,
        addUser(`${d.code.toLowerCase()}.truong`, `Thủ trưởng ${d.shortName}`, "dept_lead", d.id),
      );
    }

    const insertCommittee = client.prepare(
      `INSERT INTO committees (id, code, name, description, active, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)`,
    );
    COMMITTEES.forEach(([code, name], i) =>
      insertCommittee.run(
        i + 1,
        code,
        name,
        `Trưởng ban: Chủ tịch UBND Thành phố.`,
        organisationSince,
        organisationSince,
      ),
    );
    bump("committees", COMMITTEES.length);
  })();

  // Department pools: city-level units lead most tasks, districts some, wards and enterprises a few.
  const cityLevel = departments.filter((d) => d.kind === "department").map((d) => d.id);
  const districts = departments.filter((d) => d.kind === "district").map((d) => d.id);
  const others = departments.filter((d) => d.kind === "other" || d.kind === "enterprise").map((d) => d.id);
  const wards = departments.filter((d) => d.kind === "other").map((d) => d.id);
  const pickDepartment = () => {
    const roll = rng.next();
    return rng.pick(roll < 0.6 ? cityLevel : roll < 0.88 ? districts : others);
  };

  const insertMeeting = client.prepare(
    `INSERT INTO meetings (id, committee_id, held_on, title, chair, place, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertDirective = client.prepare(
    `INSERT INTO directives (id, committee_id, meeting_id, number, type, issued_on, issuer, signer, abstract, full_text, confidential, state, version, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
  );
  const closeDirective = client.prepare(`UPDATE directives SET state = 'closed' WHERE id = ?`);
  const insertTask = client.prepare(
    `INSERT INTO tasks (id, directive_id, parent_id, item_number, position, title, description, lead_department_id, deadline_kind,
       original_due_date, current_due_date, assigned_on, state, state_reason, percent, last_reported_at, completion_date,
       completion_reported_at, completion_result, confirmed_at, confirmed_by, version, created_by, created_at, updated_at,
       fan_out_id, duty_id, duty_period)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const updateTask = client.prepare(
    `UPDATE tasks SET current_due_date = ?, state = ?, state_reason = ?, percent = ?, last_reported_at = ?, completion_date = ?,
       completion_reported_at = ?, completion_result = ?, confirmed_at = ?, confirmed_by = ?, version = ?, updated_at = ? WHERE id = ?`,
  );
  const insertCoordinator = client.prepare(`INSERT INTO task_coordinators (task_id, department_id) VALUES (?, ?)`);
  const insertLead = client.prepare(
    `INSERT INTO task_lead_assignments (task_id, department_id, from_at, until_at, assigned_by) VALUES (?, ?, ?, NULL, ?)`,
  );
  const insertTransition = client.prepare(
    `INSERT INTO task_transitions (id, task_id, from_state, to_state, changed_at, changed_by, reason, completion_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertReport = client.prepare(
    `INSERT INTO progress_reports (id, task_id, department_id, author_id, as_of_date, percent, result, difficulties, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertExtension = client.prepare(
    `INSERT INTO extension_requests (task_id, requested_by, department_id, current_due_date, proposed_due_date, reason, state, decided_by, decided_at, decision_note, approved_due_date, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertComment = client.prepare(
    `INSERT INTO comments (task_id, author_id, is_instruction, body, created_at) VALUES (?, ?, 1, ?, ?)`,
  );
  const insertSearch = client.prepare(`INSERT INTO search_index (rowid, title, body) VALUES (?, ?, ?)`);
  const insertFanOut = client.prepare(
    `INSERT INTO task_fan_outs (id, directive_id, item_number, title, description, group_id, assigned_on, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)`,
  );
  const insertDuty = client.prepare(
    `INSERT INTO recurring_duties (id, directive_id, item_number, title, description, lead_department_id, coordinator_department_ids,
       frequency, day, working_days, starts_on, ends_on, state, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, '[]', ?, ?, 0, ?, NULL, 'active', ?, ?, ?)`,
  );

  let transitionId = 0;
  let reportId = 0;
  // The search index is written along with the rows, exactly as app/models/search.server.ts
  // rebuildSearchIndex would write it (rowid = id * 4 + kind, folded text; the test
  // checks they agree): rebuilding it afterwards row by row took 25 s for 100k tasks.
  const write: Writers = {
    transition: (task, from, to, at, by, reason, completion) => {
      insertTransition.run(++transitionId, task, from, to, at, by, reason, completion);
    },
    report: (task, department, author, asOf, percent, result, difficulties, at) => {
      insertReport.run(++reportId, task, department, author, asOf, percent, result, difficulties, at);
      insertSearch.run(reportId * 4 + 2, "", foldVietnamese(joinLines(result, difficulties)));
    },
    extension: (e) => {
      insertExtension.run(
        e.taskId,
        e.requestedBy,
        e.departmentId,
        e.currentDueDate,
        e.proposedDueDate,
        e.reason,
        e.state,
        e.decidedBy,
        e.decidedAt,
        e.decisionNote,
        e.approvedDueDate,
        e.createdAt,
      );
      bump("extensionRequests");
    },
    comment: (task, author, body, at) => {
      insertComment.run(task, author, body, at);
      bump("comments");
    },
  };

  const directiveCount = Math.max(1, Math.round(total / 25));
  const numbers = new Map<string, number>();
  let taskId = 0;
  let meetingId = 0;
  let fanOutCount = 0;
  let dutyCount = 0;
  progress(0, total, "tasks");

  const writeDirective = (directiveId: number, taskBudget: number) => {
    const [type, suffix, label] = (() => {
      let roll = rng.next();
      for (const kind of DIRECTIVE_KINDS) {
        roll -= kind[3];
        if (roll < 0) return kind;
      }
      return DIRECTIVE_KINDS[0] as (typeof DIRECTIVE_KINDS)[number];
    })();
    const committeeId = rng.int(1, COMMITTEES.length);
    const draft = rng.chance(0.01);
    const confidential = rng.chance(0.03);
    const issuedDay = todayDay - rng.int(3, 1125);
    const issuedOn = draft ? null : iso(issuedDay);
    const createdAt = instantAt(issuedDay, 8 * 60 + rng.int(0, 120));
    let meeting: number | null = null;
    const topic = `${rng.pick(OBJECTS)} ${rng.pick(SCOPES)}`.trim();
    if (type === "conclusion_notice") {
      const heldDay = issuedDay - rng.int(2, 7);
      insertMeeting.run(
        ++meetingId,
        committeeId,
        iso(heldDay),
        `Phiên họp ${COMMITTEES[committeeId - 1]?.[1] ?? ""} về ${topic}`,
        rng.pick(["Chủ tịch UBND Thành phố", "Phó Chủ tịch UBND Thành phố"]),
        "Trụ sở UBND Thành phố, 79 Đinh Tiên Hoàng",
        instantAt(heldDay, 17 * 60),
        instantAt(heldDay, 17 * 60),
      );
      bump("meetings");
      meeting = meetingId;
    }
    let number: string | null = null;
    if (!draft) {
      const n = (numbers.get(suffix) ?? 0) + 1;
      numbers.set(suffix, n);
      number = `${n}/${suffix}`;
    }
    const abstract = `${label} về việc ${topic}`;
    const issuer = "UBND Thành phố Hà Nội";
    const fullText = `${abstract}. UBND Thành phố giao các sở, ban, ngành, UBND các quận, huyện, thị xã thực hiện các nhiệm vụ sau.`;
    const signer = rng.pick([
      "KT. Chủ tịch, Phó Chủ tịch UBND Thành phố",
      "TL. Chủ tịch, Phó Chánh Văn phòng UBND Thành phố",
    ]);
    insertDirective.run(
      directiveId,
      committeeId,
      meeting,
      number,
      type,
      issuedOn,
      issuer,
      signer,
      abstract,
      fullText,
      confidential ? 1 : 0,
      draft ? "draft" : "issued",
      people.secretariat[0] ?? null,
      createdAt,
      createdAt,
    );
    bump("directives");
    insertSearch.run(
      directiveId * 4,
      foldVietnamese(joinLines(number, abstract)),
      foldVietnamese(joinLines(issuer, fullText)),
    );

    let position = 0;
    let item = 0;
    let allClosed = true;
    const writeTask = (parent: TaskPlan | null, itemNumber: string, given: GivenTask | null = null) => {
      const assignedDay = given?.assignedDay ?? parent?.assignedDay ?? Math.min(todayDay, issuedDay + rng.int(0, 3));
      const createdAtTask = parent
        ? parent.createdAt + 60_000
        : // A duty's period ahead is created now, before the day it is given.
          instantAt(Math.min(assignedDay, todayDay), 9 * 60 + rng.int(0, 300));
      let deadlineKind: TaskPlan["deadlineKind"];
      let originalDue: number | null = null;
      if (given) {
        deadlineKind = given.deadlineKind;
        originalDue = given.originalDue;
      } else if (parent && parent.deadlineKind === "dated") {
        deadlineKind = "dated";
        const cap = parent.originalDue as number;
        originalDue = Math.max(assignedDay, cap - rng.int(0, Math.max(0, cap - assignedDay - 7)));
      } else {
        const roll = rng.next();
        deadlineKind = roll < 0.86 ? "dated" : roll < 0.96 ? "ongoing" : "none";
        if (deadlineKind === "dated") {
          const r = rng.next();
          const length = r < 0.5 ? rng.int(14, 90) : r < 0.85 ? rng.int(90, 180) : rng.int(180, 365);
          originalDue = assignedDay + length;
          // Some due dates right around today, so "due soon" and fresh "overdue" are never rare.
          if (rng.chance(0.04) && assignedDay < todayDay - 10)
            originalDue = Math.max(assignedDay + 1, todayDay + rng.int(-7, 10));
        }
      }
      const lead = given?.lead ?? pickDepartment();
      const coordinatorCount = given ? 0 : rng.pick([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6]);
      const coordinators: number[] = [];
      for (let k = 0; k < coordinatorCount * 3 && coordinators.length < coordinatorCount; k++) {
        const d = pickDepartment();
        if (d !== lead && !coordinators.includes(d)) coordinators.push(d);
      }
      const plan: TaskPlan = {
        id: ++taskId,
        createdAt: createdAtTask,
        assignedDay,
        deadlineKind,
        originalDue,
        dueCap: parent?.deadlineKind === "dated" ? (parent.originalDue as number) : null,
        lead,
        coordinators,
        draft,
      };
      // Nothing has happened yet to a period given after today.
      const events = assignedDay > todayDay ? [] : planEvents(rng, plan, todayDay);
      // The row goes in first (coordinators, history and reports refer to it); its
      // final fields are known only after the replay, so they are set just after.
      const title = given?.title ?? `${rng.pick(ACTIONS)} ${rng.pick(OBJECTS)} ${rng.pick(SCOPES)}`.trim();
      const description = given
        ? given.description
        : rng.chance(0.5)
          ? `Nhiệm vụ giao tại ${number ?? "dự thảo văn bản"}: ${title.toLowerCase()}.`
          : null;
      const creator = people.secretariat[0] ?? null;
      insertTask.run(
        plan.id,
        directiveId,
        parent?.id ?? null,
        itemNumber,
        ++position,
        title,
        description,
        lead,
        deadlineKind,
        originalDue === null ? null : iso(originalDue),
        originalDue === null ? null : iso(originalDue),
        iso(assignedDay),
        "open",
        null,
        0,
        null,
        null,
        null,
        null,
        null,
        null,
        1,
        creator,
        createdAtTask,
        createdAtTask,
        given?.fanOutId ?? null,
        given?.dutyId ?? null,
        given?.dutyPeriod ?? null,
      );
      for (const d of coordinators) insertCoordinator.run(plan.id, d);
      insertLead.run(plan.id, lead, createdAtTask, creator);
      const row = replay(rng, plan, events, people, write);
      updateTask.run(
        row.currentDue === null ? null : iso(row.currentDue),
        row.state,
        row.stateReason,
        row.percent,
        row.lastReportedAt,
        row.completionDate,
        row.completionReportedAt,
        row.completionResult,
        row.confirmedAt,
        row.confirmedBy,
        row.version,
        row.updatedAt,
        plan.id,
      );
      insertSearch.run(plan.id * 4 + 1, foldVietnamese(title), foldVietnamese(joinLines(description)));
      bump("tasks");
      bump("taskCoordinators", coordinators.length);
      if (row.state !== "done" && row.state !== "cancelled") allClosed = false;
      return plan;
    };

    // An item given to many units (decision 026): the item's row, then one task per unit,
    // each with the item's number, title, day of assignment and deadline.
    const writeItem = (units: readonly number[]) => {
      const itemNumber = String(++item);
      const assignedDay = Math.min(todayDay, issuedDay + rng.int(0, 3));
      const originalDue = assignedDay + rng.int(30, 240);
      const title = `${rng.pick(ACTIONS)} ${rng.pick(OBJECTS)} ${rng.pick(SCOPES)}`.trim();
      const createdAtItem = instantAt(assignedDay, 9 * 60);
      const fanOutId = ++fanOutCount;
      insertFanOut.run(
        fanOutId,
        directiveId,
        itemNumber,
        title,
        null,
        iso(assignedDay),
        people.secretariat[0] ?? null,
        createdAtItem,
        createdAtItem,
      );
      bump("taskFanOuts");
      for (const lead of units)
        writeTask(null, itemNumber, {
          lead,
          title,
          description: null,
          assignedDay,
          deadlineKind: "dated",
          originalDue,
          fanOutId,
          dutyId: null,
          dutyPeriod: null,
        });
    };
    // A recurring report duty (docs/domain-rules.md §12): its rule, then every period given
    // by today and the next one ahead, as the duty's model and the daily job create them.
    const writeDuty = () => {
      const itemNumber = String(++item);
      const frequency = rng.pick(["monthly", "monthly", "monthly", "quarterly", "quarterly", "half_yearly"] as const);
      const rule: RecurrenceRule = {
        frequency,
        day: rng.pick([5, 10, 15, 20, 25]),
        workingDays: false,
        startsOn: iso(Math.min(todayDay, issuedDay + rng.int(0, 10))),
        endsOn: null,
      };
      const lead = pickDepartment();
      const title = `Báo cáo ${frequency === "monthly" ? "hằng tháng" : frequency === "quarterly" ? "hằng quý" : "6 tháng"} kết quả ${rng.pick(OBJECTS)}`;
      const createdAtDuty = instantAt(dayNumber(rule.startsOn), 9 * 60);
      const dutyId = ++dutyCount;
      insertDuty.run(
        dutyId,
        directiveId,
        itemNumber,
        title,
        null,
        lead,
        rule.frequency,
        rule.day,
        rule.startsOn,
        people.secretariat[0] ?? null,
        createdAtDuty,
        createdAtDuty,
      );
      bump("recurringDuties");
      for (const occurrence of occurrencesDueBy(rule, iso(todayDay))) {
        if (taskId >= total) break;
        writeTask(null, itemNumber, {
          lead,
          title: `${title} (${occurrence.label})`,
          description: null,
          assignedDay: dayNumber(occurrence.assignedOn),
          deadlineKind: "dated",
          originalDue: dayNumber(occurrence.dueDate),
          fanOutId: null,
          dutyId,
          dutyPeriod: occurrence.periodKey,
        });
      }
    };

    // About one directive in fifteen gives an item to many units: mostly the districts, some
    // the city's departments, a few every ward and commune (100+ units); one in thirty has a duty.
    if (!draft && rng.chance(1 / 15)) {
      const roll = rng.next();
      const units = roll < 0.7 ? districts : roll < 0.95 ? cityLevel : wards;
      if (total - taskId >= units.length) writeItem(units);
    }
    if (!draft && rng.chance(1 / 30)) writeDuty();
    while (taskId < total && position < taskBudget) {
      const parent = writeTask(null, String(++item));
      if (rng.chance(0.06)) {
        const subtasks = rng.int(1, 3);
        for (let s = 0; s < subtasks && taskId < total; s++)
          writeTask(parent, `${item}.${String.fromCharCode(97 + s)}`);
      }
    }
    if (!draft && allClosed && position > 0 && issuedDay < todayDay - 365) closeDirective.run(directiveId);
  };

  // A few big transactions: one per batch of directives.
  let directiveId = 0;
  const batch = client.transaction((until: number) => {
    while (directiveId < directiveCount && taskId < until) {
      const remainingDirectives = directiveCount - directiveId;
      const remainingTasks = total - taskId;
      const budget =
        remainingDirectives === 1
          ? remainingTasks
          : Math.max(1, Math.round((remainingTasks / remainingDirectives) * (0.4 + rng.next() * 1.2)));
      writeDirective(++directiveId, budget);
    }
  });
  const step = Math.max(1000, Math.ceil(total / 50));
  while (taskId < total && directiveId < directiveCount) {
    batch(Math.min(total, taskId + step));
    progress(taskId, total, "tasks");
  }
  counts.transitions = transitionId;
  counts.progressReports = reportId;

  client
    .prepare(
      `INSERT INTO audit_events (at, actor_id, action, entity_type, entity_id, after) VALUES (?, NULL, 'large.generate', 'database', NULL, ?)`,
    )
    .run(
      instantAt(todayDay, 8 * 60),
      JSON.stringify({ seed, tasks: total, today: options.today, version: LARGE_DATA_VERSION }),
    );

  // The derived status facts, built in bulk from the history just written (the
  // triggers only marked the tasks; docs/decisions/014).
  rebuildTaskStatusFacts(client, DEFAULT_STATUS_RULES, (done) => progress(done, total, "status"));

  progress(total, total, "analyze");
  client.pragma("synchronous = NORMAL");
  client.exec("ANALYZE");
  client.pragma("optimize");
  client.pragma("wal_checkpoint(TRUNCATE)");
  client.close();
  return { file: out, counts, password: LARGE_DATA_PASSWORD, milliseconds: Date.now() - started };
}
