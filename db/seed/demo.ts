// Demo data (docs/domain-rules.md §2): Hanoi's departments, the e-government steering committee's
// meeting of 18 September 2019 and the chairman's ten tasks (reconstructed from the
// press report), a current digital-transformation directive dated relative to today
// so that every status appears, and a small confidential directive.
//
// Every task is written as a chronological story of events (reports, extension
// requests and decisions, completion, confirmation, return, hold, cancellation);
// `simulate` replays the story and derives the task row and its workflow history
// from it, so the stored row always agrees with the history it came from.
import { canMove } from "../../app/domain/workflow";
import { count } from "drizzle-orm";
import {
  addDays,
  formatLocalDate,
  localDateOf,
  startOfLocalDay,
  today,
  type Instant,
  type LocalDate,
} from "../../app/domain/dates";
import type { ExtensionState, Role, TargetDirection, WorkflowState } from "../../app/domain/vocabulary";
import { writeTransaction, type AppDatabase, type WriteTransaction } from "../../app/models/db.server";
import { hashPassword } from "../../app/lib/password.server";
import {
  auditEvents,
  comments,
  committees,
  departments,
  directives,
  extensionRequests,
  meetings,
  progressReports,
  reminders,
  targets,
  targetValues,
  taskCoordinators,
  taskLeadAssignments,
  taskTransitions,
  tasks,
  users,
} from "../schema";
import { HANOI_DEPARTMENTS, type DepartmentCode } from "./departments";
import { DEMO_PASSWORD } from "../../app/domain/password-policy";

export { DEMO_PASSWORD };

export interface DemoLogin {
  login: string;
  displayName: string;
  role: Role;
  /** Department code (e.g. "STTTT"), null for roles without a department. */
  department: string | null;
  password: string;
}

// ---------------------------------------------------------------- users

const DEMO_USERS = [
  { login: "admin", displayName: "Quản trị hệ thống", role: "admin", department: null },
  {
    login: "vanphong",
    displayName: "Lê Thu Hương (Tổ giúp việc Ban Chỉ đạo)",
    role: "secretariat",
    department: "VPUB",
  },
  { login: "lanhdao", displayName: "Chủ tịch UBND Thành phố", role: "leadership", department: null },
  { login: "lanhdao2", displayName: "Phó Chủ tịch UBND Thành phố", role: "leadership", department: null },
  { login: "stttt.truong", displayName: "Phạm Quốc Hùng (Giám đốc Sở TT&TT)", role: "dept_lead", department: "STTTT" },
  {
    login: "stttt.chuyenvien",
    displayName: "Đỗ Thị Minh Ngọc (Chuyên viên Sở TT&TT)",
    role: "dept_officer",
    department: "STTTT",
  },
  {
    login: "sgddt.truong",
    displayName: "Nguyễn Thị Lan Anh (Giám đốc Sở GD&ĐT)",
    role: "dept_lead",
    department: "SGDDT",
  },
  { login: "syt.truong", displayName: "Trần Văn Khải (Giám đốc Sở Y tế)", role: "dept_lead", department: "SYT" },
  { login: "snv.truong", displayName: "Vũ Đức Thắng (Giám đốc Sở Nội vụ)", role: "dept_lead", department: "SNV" },
] as const satisfies readonly { login: string; displayName: string; role: Role; department: DepartmentCode | null }[];

type UserKey = (typeof DEMO_USERS)[number]["login"];

// ---------------------------------------------------------------- stories

/** An instant on the Hanoi clock: `date` at `time` (HH:mm). */
function at(date: LocalDate, time = "09:00"): Instant {
  const [hours = 0, minutes = 0] = time.split(":").map(Number);
  return startOfLocalDay(date) + (hours * 60 + minutes) * 60_000;
}

type TaskEvent =
  | {
      kind: "report";
      at: Instant;
      by: UserKey | null;
      /** Defaults to the lead department; a coordinating department may report its part. */
      department?: DepartmentCode;
      asOf?: LocalDate;
      percent: number;
      result: string;
      difficulties?: string;
      proposals?: string;
      /** A value of the task's target, as of this report. */
      targetValue?: number;
    }
  | {
      kind: "complete";
      at: Instant;
      by: UserKey | null;
      completionDate: LocalDate;
      result: string;
      targetValue?: number;
    }
  | { kind: "confirm"; at: Instant; by: UserKey }
  | { kind: "return" | "hold" | "cancel"; at: Instant; by: UserKey; reason: string }
  | { kind: "extension"; at: Instant; by: UserKey | null; proposed: LocalDate; reason: string }
  | {
      kind: "decide";
      at: Instant;
      by: UserKey;
      outcome: Exclude<ExtensionState, "pending">;
      note?: string;
      /** The counter-offered date (outcome "countered"). */
      dueDate?: LocalDate;
    }
  | { kind: "comment"; at: Instant; by: UserKey; body: string }
  | { kind: "remind"; at: Instant; by: UserKey; message: string; resolvedAt?: Instant };

interface TargetSpec {
  name: string;
  unit: string;
  baseline: number;
  targetValue: number;
  direction: TargetDirection;
  dueDate: LocalDate;
}

interface TaskSpec {
  item: string;
  title: string;
  description?: string;
  lead: DepartmentCode;
  coordinators?: readonly DepartmentCode[];
  /** A due date, or "ongoing" (thường xuyên). */
  due: LocalDate | "ongoing";
  /** The assignment instant (the task's createdAt). */
  createdAt: Instant;
  target?: TargetSpec;
  events?: readonly TaskEvent[];
  subtasks?: readonly TaskSpec[];
}

interface SimTransition {
  fromState: WorkflowState | null;
  toState: WorkflowState;
  changedAt: Instant;
  changedBy: UserKey | null;
  reason: string | null;
  completionDate: LocalDate | null;
}

interface SimReport {
  department: DepartmentCode;
  by: UserKey | null;
  at: Instant;
  asOf: LocalDate;
  percent: number;
  result: string;
  difficulties: string | null;
  proposals: string | null;
  targetValue: number | undefined;
}

interface SimExtension {
  by: UserKey | null;
  at: Instant;
  currentDueDate: LocalDate;
  proposed: LocalDate;
  reason: string;
  state: ExtensionState;
  decidedBy: UserKey | null;
  decidedAt: Instant | null;
  decisionNote: string | null;
  approvedDueDate: LocalDate | null;
}

interface SimRow {
  state: WorkflowState;
  stateReason: string | null;
  percent: number;
  lastReportedAt: Instant | null;
  originalDueDate: LocalDate | null;
  currentDueDate: LocalDate | null;
  completionDate: LocalDate | null;
  completionReportedAt: Instant | null;
  completionResult: string | null;
  confirmedAt: Instant | null;
  confirmedBy: UserKey | null;
  updatedAt: Instant;
  version: number;
}

interface Simulation {
  row: SimRow;
  transitions: SimTransition[];
  reports: SimReport[];
  extensions: SimExtension[];
  comments: { by: UserKey; at: Instant; body: string }[];
  reminders: { by: UserKey; at: Instant; message: string; resolvedAt: Instant | null }[];
}

/** The creator of every directive and task: the committee secretariat. */
const SECRETARIAT: UserKey = "vanphong";

/** Replays a task's story and derives its row and history. Throws on an impossible story. */
function simulate(spec: TaskSpec): Simulation {
  const fail = (message: string): never => {
    throw new Error(`Demo task ${spec.item} "${spec.title.slice(0, 40)}…": ${message}`);
  };
  const dated = spec.due !== "ongoing";
  const row: SimRow = {
    state: "open",
    stateReason: null,
    percent: 0,
    lastReportedAt: null,
    originalDueDate: dated ? spec.due : null,
    currentDueDate: dated ? spec.due : null,
    completionDate: null,
    completionReportedAt: null,
    completionResult: null,
    confirmedAt: null,
    confirmedBy: null,
    updatedAt: spec.createdAt,
    version: 1,
  };
  const sim: Simulation = {
    row,
    transitions: [
      {
        fromState: null,
        toState: "open",
        changedAt: spec.createdAt,
        changedBy: SECRETARIAT,
        reason: null,
        completionDate: null,
      },
    ],
    reports: [],
    extensions: [],
    comments: [],
    reminders: [],
  };
  const move = (
    to: WorkflowState,
    changedAt: Instant,
    changedBy: UserKey | null,
    reason: string | null,
    completionDate: LocalDate | null,
  ) => {
    if (!canMove(row.state, to)) fail(`cannot move from ${row.state} to ${to}`);
    sim.transitions.push({ fromState: row.state, toState: to, changedAt, changedBy, reason, completionDate });
    row.state = to;
    row.stateReason = reason;
  };
  /** Every event that changes the task row bumps its version once. */
  const touch = (instant: Instant) => {
    row.updatedAt = Math.max(row.updatedAt, instant);
    row.version += 1;
  };

  let previous = spec.createdAt;
  for (const event of spec.events ?? []) {
    if (event.at < previous) fail(`events out of order at ${new Date(event.at).toISOString()}`);
    previous = event.at;
    switch (event.kind) {
      case "report": {
        if (row.state === "open" || row.state === "returned") move("in_progress", event.at, event.by, null, null);
        if (row.state !== "in_progress") fail(`a progress report while ${row.state}`);
        if (spec.target === undefined && event.targetValue !== undefined) fail("a target value without a target");
        sim.reports.push({
          department: event.department ?? spec.lead,
          by: event.by,
          at: event.at,
          asOf: event.asOf ?? localDateOf(event.at),
          percent: event.percent,
          result: event.result,
          difficulties: event.difficulties ?? null,
          proposals: event.proposals ?? null,
          targetValue: event.targetValue,
        });
        row.percent = event.percent;
        row.lastReportedAt = event.at;
        touch(event.at);
        break;
      }
      case "complete": {
        if (event.completionDate > localDateOf(event.at)) fail("a completion date in the future");
        // Completion is reported with a final report at 100%, then awaits confirmation.
        sim.reports.push({
          department: spec.lead,
          by: event.by,
          at: event.at,
          asOf: event.completionDate,
          percent: 100,
          result: event.result,
          difficulties: null,
          proposals: null,
          targetValue: event.targetValue,
        });
        move("awaiting_confirmation", event.at, event.by, null, event.completionDate);
        row.percent = 100;
        row.lastReportedAt = event.at;
        row.completionDate = event.completionDate;
        row.completionReportedAt = event.at;
        row.completionResult = event.result;
        touch(event.at);
        break;
      }
      case "confirm": {
        move("done", event.at, event.by, null, row.completionDate);
        row.confirmedAt = event.at;
        row.confirmedBy = event.by;
        touch(event.at);
        break;
      }
      case "return": {
        move("returned", event.at, event.by, event.reason, null);
        row.completionDate = null;
        row.completionReportedAt = null;
        row.completionResult = null;
        touch(event.at);
        break;
      }
      case "hold":
      case "cancel": {
        move(event.kind === "hold" ? "on_hold" : "cancelled", event.at, event.by, event.reason, null);
        touch(event.at);
        break;
      }
      case "extension": {
        if (row.currentDueDate === null) fail("an extension of a task without a due date");
        if (sim.extensions.some((e) => e.state === "pending")) fail("a second pending extension request");
        const current = row.currentDueDate as LocalDate;
        if (event.proposed <= current) fail("an extension to an earlier date");
        sim.extensions.push({
          by: event.by,
          at: event.at,
          currentDueDate: current,
          proposed: event.proposed,
          reason: event.reason,
          state: "pending",
          decidedBy: null,
          decidedAt: null,
          decisionNote: null,
          approvedDueDate: null,
        });
        break;
      }
      case "decide": {
        const request = sim.extensions.find((e) => e.state === "pending") ?? fail("a decision without a request");
        if (request.by === event.by) fail("a request decided by its requester");
        request.state = event.outcome;
        request.decidedBy = event.by;
        request.decidedAt = event.at;
        request.decisionNote = event.note ?? null;
        if (event.outcome === "rejected") {
          if (!event.note) fail("a rejection without a reason");
        } else {
          const dueDate = event.outcome === "countered" ? event.dueDate : request.proposed;
          if (dueDate === undefined || dueDate <= request.currentDueDate) fail("an extension that does not extend");
          request.approvedDueDate = dueDate as LocalDate;
          row.currentDueDate = dueDate as LocalDate;
          touch(event.at);
        }
        break;
      }
      case "comment":
        sim.comments.push({ by: event.by, at: event.at, body: event.body });
        break;
      case "remind":
        sim.reminders.push({
          by: event.by,
          at: event.at,
          message: event.message,
          resolvedAt: event.resolvedAt ?? null,
        });
        break;
    }
  }
  return sim;
}

// ---------------------------------------------------------------- 2019: the seed case

const MEETING_2019 = "2019-09-18";
const ISSUED_2019 = "2019-09-24";

function seedTasks(): TaskSpec[] {
  let minute = 0;
  const assigned = () => at(ISSUED_2019, "14:30") + minute++ * 60_000;
  return [
    {
      item: "1",
      title:
        "Hoàn thiện dự thảo Quyết định sửa đổi, bổ sung Quyết định thành lập Ban Chỉ đạo xây dựng Chính quyền điện tử Thành phố",
      description:
        "Văn phòng UBND Thành phố chủ trì, phối hợp với Sở Thông tin và Truyền thông, Sở Nội vụ khẩn trương hoàn thiện dự thảo, trình Chủ tịch UBND Thành phố ký ban hành; kiện toàn thành viên và Tổ giúp việc Ban Chỉ đạo.",
      lead: "VPUB",
      coordinators: ["STTTT", "SNV"],
      due: "2019-10-15",
      createdAt: assigned(),
      events: [
        {
          kind: "report",
          at: at("2019-10-04", "10:15"),
          by: null,
          percent: 50,
          result:
            "Đã xây dựng dự thảo Quyết định sửa đổi, bổ sung; gửi xin ý kiến Sở Thông tin và Truyền thông, Sở Nội vụ và các thành viên Ban Chỉ đạo.",
        },
        {
          kind: "report",
          at: at("2019-10-08", "15:30"),
          by: "stttt.chuyenvien",
          department: "STTTT",
          percent: 70,
          result:
            "Sở Thông tin và Truyền thông đã có văn bản góp ý dự thảo, đề xuất bổ sung nhiệm vụ của Tổ giúp việc về tiếp nhận, vận hành dịch vụ công trực tuyến theo Thông báo số 320/TB-VPCP.",
        },
        {
          kind: "complete",
          at: at("2019-10-11", "16:00"),
          by: null,
          completionDate: "2019-10-11",
          result:
            "Đã tiếp thu ý kiến góp ý, hoàn thiện dự thảo và trình Chủ tịch UBND Thành phố ký ban hành Quyết định kiện toàn Ban Chỉ đạo xây dựng Chính quyền điện tử Thành phố.",
        },
        { kind: "confirm", at: at("2019-10-14", "09:00"), by: "vanphong" },
      ],
    },
    {
      item: "2",
      title:
        "Triển khai Thông báo số 320/TB-VPCP ngày 09/9/2019 của Văn phòng Chính phủ; tiếp nhận, quản lý và vận hành các dịch vụ công trực tuyến hiện có của Thành phố",
      description:
        "Phối hợp với Văn phòng Chính phủ, Bộ Thông tin và Truyền thông theo phân công tại Thông báo số 320/TB-VPCP; tiếp nhận, chuyển đổi và vận hành ổn định Cổng dịch vụ công và các dịch vụ công trực tuyến đang cung cấp của Thành phố, bảo đảm không gián đoạn việc tiếp nhận hồ sơ của người dân, doanh nghiệp.",
      lead: "STTTT",
      coordinators: ["VPUB"],
      due: "2019-11-30",
      createdAt: assigned(),
      events: [
        {
          kind: "report",
          at: at("2019-10-10", "14:00"),
          by: "stttt.chuyenvien",
          percent: 30,
          result:
            "Đã làm việc với Văn phòng Chính phủ và Bộ Thông tin và Truyền thông về phương án tiếp nhận; hoàn thành rà soát hiện trạng hạ tầng, phần mềm của Cổng dịch vụ công Thành phố.",
        },
        {
          kind: "report",
          at: at("2019-11-06", "09:30"),
          by: "stttt.chuyenvien",
          percent: 60,
          result: "Đã tiếp nhận mã nguồn, cơ sở dữ liệu và hạ tầng vận hành; đang chuyển đổi dữ liệu hồ sơ trực tuyến.",
          difficulties:
            "Lộ trình kết nối với Cổng Dịch vụ công quốc gia phụ thuộc hướng dẫn kỹ thuật của Văn phòng Chính phủ, chưa được ban hành.",
        },
        {
          kind: "extension",
          at: at("2019-11-20", "10:00"),
          by: "stttt.truong",
          proposed: "2019-12-31",
          reason:
            "Việc chuyển đổi dữ liệu và kết nối với Cổng Dịch vụ công quốc gia phụ thuộc hướng dẫn kỹ thuật của Văn phòng Chính phủ (dự kiến ban hành cuối tháng 11/2019). Đề nghị gia hạn đến ngày 31/12/2019 để vận hành thử, bảo đảm an toàn dữ liệu.",
        },
        {
          kind: "decide",
          at: at("2019-11-25", "15:00"),
          by: "vanphong",
          outcome: "approved",
          note: "Đồng ý gia hạn đến ngày 31/12/2019. Đề nghị Sở bảo đảm không gián đoạn việc tiếp nhận hồ sơ trực tuyến trong thời gian chuyển đổi.",
        },
        {
          kind: "report",
          at: at("2019-12-10", "11:00"),
          by: "stttt.chuyenvien",
          percent: 85,
          result:
            "Đã hoàn thành chuyển đổi dữ liệu; vận hành thử Cổng dịch vụ công trên hạ tầng mới từ ngày 02/12/2019.",
        },
        {
          kind: "complete",
          at: at("2019-12-20", "16:30"),
          by: "stttt.truong",
          completionDate: "2019-12-20",
          result:
            "Đã tiếp nhận và vận hành chính thức Cổng dịch vụ công Thành phố và toàn bộ dịch vụ công trực tuyến hiện có trên hạ tầng mới; hệ thống hoạt động ổn định, không gián đoạn việc tiếp nhận hồ sơ.",
        },
        { kind: "confirm", at: at("2019-12-26", "10:00"), by: "vanphong" },
      ],
    },
    {
      item: "3",
      title:
        "Nâng cao tỷ lệ dịch vụ công trực tuyến: đến ngày 31/12/2019, 100% thủ tục hành chính được cung cấp ở mức độ 3 hoặc 4, trong đó mức độ 4 đạt từ 30% trở lên",
      description:
        "Áp dụng cho thủ tục hành chính của các sở, ban, ngành, UBND quận, huyện, thị xã, UBND xã, phường, thị trấn và các doanh nghiệp cung cấp dịch vụ công. Tỷ lệ dịch vụ công trực tuyến mức độ 4 của Thành phố hiện mới đạt 15,9%.",
      lead: "STTTT",
      coordinators: ["VPUB", "QBD", "QHK", "QDD", "QCG", "QHD", "TXST"],
      due: "2019-12-31",
      createdAt: assigned(),
      target: {
        name: "Tỷ lệ dịch vụ công trực tuyến mức độ 4",
        unit: "%",
        baseline: 15.9,
        targetValue: 30,
        direction: "at_least",
        dueDate: "2019-12-31",
      },
      events: [
        {
          kind: "report",
          at: at("2019-10-16", "15:00"),
          by: "stttt.chuyenvien",
          percent: 30,
          targetValue: 18.4,
          result:
            "Đã rà soát toàn bộ thủ tục hành chính của các sở, ngành, quận, huyện, thị xã; xây dựng danh mục thủ tục đủ điều kiện nâng lên mức độ 4. Tỷ lệ dịch vụ công trực tuyến mức độ 4 đạt 18,4%.",
        },
        {
          kind: "report",
          at: at("2019-11-15", "16:00"),
          by: "stttt.chuyenvien",
          percent: 50,
          targetValue: 22.6,
          result: "Đã nâng cấp, đưa vào vận hành thêm 96 dịch vụ công trực tuyến mức độ 4; tỷ lệ mức độ 4 đạt 22,6%.",
          difficulties:
            "Một số thủ tục còn yêu cầu nộp bản gốc, chưa tích hợp được thanh toán phí, lệ phí trực tuyến; một số quận, huyện chậm chuẩn hóa quy trình nội bộ.",
        },
        {
          kind: "extension",
          at: at("2019-12-05", "10:30"),
          by: "stttt.truong",
          proposed: "2020-03-31",
          reason:
            "Nhiều thủ tục phải sửa đổi quy trình nội bộ, tích hợp chữ ký số và thanh toán trực tuyến; một số quận, huyện chưa hoàn thành cập nhật quy trình. Đề nghị gia hạn đến ngày 31/3/2020.",
        },
        {
          kind: "decide",
          at: at("2019-12-09", "17:00"),
          by: "lanhdao",
          outcome: "rejected",
          note: "Không đồng ý gia hạn. Chỉ tiêu đến ngày 31/12/2019 đã được Trưởng Ban Chỉ đạo kết luận tại phiên họp ngày 18/9/2019; đề nghị Sở Thông tin và Truyền thông tập trung nguồn lực, phối hợp với các quận, huyện, thị xã hoàn thành đúng thời hạn.",
        },
        {
          kind: "comment",
          at: at("2019-12-09", "17:10"),
          by: "lanhdao",
          body: "Yêu cầu UBND các quận, huyện, thị xã rà soát, đăng ký bổ sung dịch vụ công trực tuyến mức độ 4 với Sở Thông tin và Truyền thông trước ngày 20/12/2019; người đứng đầu đơn vị chịu trách nhiệm nếu không đạt chỉ tiêu.",
        },
        {
          kind: "report",
          at: at("2020-01-02", "15:30"),
          by: "stttt.chuyenvien",
          asOf: "2019-12-31",
          percent: 85,
          targetValue: 27.8,
          result:
            "Tính đến ngày 31/12/2019, 100% thủ tục hành chính đủ điều kiện đã được cung cấp trực tuyến ở mức độ 3; tỷ lệ mức độ 4 đạt 27,8%, chưa đạt chỉ tiêu 30%.",
          difficulties:
            "Còn 3 quận, huyện và 2 doanh nghiệp cung cấp dịch vụ công chưa hoàn thành nâng cấp dịch vụ lên mức độ 4.",
          proposals: "Đề nghị Văn phòng UBND Thành phố đôn đốc các đơn vị chưa hoàn thành.",
        },
        {
          kind: "complete",
          at: at("2020-01-21", "09:30"),
          by: "stttt.truong",
          completionDate: "2020-01-20",
          targetValue: 31.2,
          result:
            "Đến ngày 20/01/2020, 100% thủ tục hành chính đủ điều kiện được cung cấp trực tuyến ở mức độ 3, 4; tỷ lệ dịch vụ công trực tuyến mức độ 4 đạt 31,2%, vượt chỉ tiêu 30%.",
        },
        { kind: "confirm", at: at("2020-02-03", "14:00"), by: "vanphong" },
      ],
    },
    {
      item: "4",
      title:
        "Triển khai thanh toán không dùng tiền mặt đối với học phí theo Nghị quyết số 02/NQ-CP ngày 01/01/2019 của Chính phủ",
      description:
        "Chỉ đạo các cơ sở giáo dục công lập phối hợp với các ngân hàng, tổ chức cung ứng dịch vụ trung gian thanh toán thu học phí và các khoản thu qua tài khoản, ví điện tử; tuyên truyền, hướng dẫn cha mẹ học sinh.",
      lead: "SGDDT",
      coordinators: ["STC", "STTTT"],
      due: "2019-12-31",
      createdAt: assigned(),
      events: [
        {
          kind: "report",
          at: at("2019-10-21", "10:00"),
          by: "sgddt.truong",
          percent: 30,
          result:
            "Đã ban hành văn bản hướng dẫn các phòng giáo dục và đào tạo, các trường trực thuộc triển khai thu học phí không dùng tiền mặt; làm việc với các ngân hàng thương mại về phương án thu.",
        },
        {
          kind: "report",
          at: at("2019-12-16", "16:00"),
          by: "sgddt.truong",
          percent: 70,
          result: "72% trường công lập đã triển khai thu học phí không dùng tiền mặt.",
          difficulties:
            "Một bộ phận cha mẹ học sinh ở khu vực ngoại thành chưa có tài khoản ngân hàng; một số trường chưa thống nhất được phí giao dịch với ngân hàng.",
          proposals: "Đề nghị Sở Tài chính hướng dẫn việc chi trả phí dịch vụ thanh toán.",
        },
        {
          kind: "complete",
          at: at("2020-01-17", "15:00"),
          by: "sgddt.truong",
          completionDate: "2020-01-15",
          result:
            "100% trường công lập trực thuộc Sở và các quận, huyện, thị xã đã triển khai thu học phí không dùng tiền mặt từ học kỳ II năm học 2019-2020.",
        },
        { kind: "confirm", at: at("2020-01-22", "09:00"), by: "vanphong" },
      ],
    },
    {
      item: "5",
      title:
        "Triển khai thanh toán viện phí không dùng tiền mặt tại các cơ sở khám bệnh, chữa bệnh công lập trực thuộc Thành phố",
      description:
        "Thực hiện Nghị quyết số 02/NQ-CP ngày 01/01/2019 của Chính phủ; phối hợp với Bảo hiểm xã hội Hà Nội và các ngân hàng triển khai thanh toán viện phí, chi phí khám bệnh, chữa bệnh qua thẻ, tài khoản, mã QR.",
      lead: "SYT",
      coordinators: ["BHXH", "STC"],
      due: "2019-12-31",
      createdAt: assigned(),
      events: [
        {
          kind: "report",
          at: at("2019-10-25", "14:00"),
          by: "syt.truong",
          percent: 35,
          result: "Đã triển khai thí điểm thanh toán viện phí qua thẻ ngân hàng tại 8 bệnh viện tuyến Thành phố.",
        },
        {
          kind: "report",
          at: at("2019-11-20", "10:00"),
          by: null,
          department: "BHXH",
          percent: 50,
          result:
            "Bảo hiểm xã hội Hà Nội đã phối hợp kết nối dữ liệu giám định bảo hiểm y tế với hệ thống thanh toán của các bệnh viện thí điểm.",
        },
        {
          kind: "report",
          at: at("2019-12-06", "15:00"),
          by: "syt.truong",
          percent: 75,
          result: "Đã mở rộng thanh toán không dùng tiền mặt tới 28/41 bệnh viện công lập trực thuộc Sở.",
        },
        {
          kind: "complete",
          at: at("2019-12-27", "16:00"),
          by: "syt.truong",
          completionDate: "2019-12-27",
          result:
            "100% bệnh viện công lập trực thuộc Sở Y tế đã triển khai thanh toán viện phí không dùng tiền mặt (thẻ ngân hàng, chuyển khoản, mã QR).",
        },
        { kind: "confirm", at: at("2020-01-06", "10:30"), by: "vanphong" },
      ],
    },
    {
      item: "6",
      title:
        "Đẩy mạnh ứng dụng công nghệ thông tin trong hoạt động của các cơ quan nhà nước; triển khai các nhiệm vụ trọng tâm quý IV/2019",
      description:
        "Các sở, ban, ngành, UBND quận, huyện, thị xã đẩy mạnh ứng dụng công nghệ thông tin theo nhiệm vụ được phân công; Sở Thông tin và Truyền thông theo dõi, tổng hợp, báo cáo Ban Chỉ đạo hằng quý.",
      lead: "STTTT",
      coordinators: ["SKHDT", "STC", "VPUB"],
      due: "ongoing",
      createdAt: assigned(),
      events: [
        {
          kind: "report",
          at: at("2019-10-31", "16:00"),
          by: "stttt.chuyenvien",
          percent: 30,
          result:
            "Đã tổng hợp kết quả ứng dụng công nghệ thông tin 9 tháng năm 2019; ban hành kế hoạch triển khai các nhiệm vụ trọng tâm quý IV/2019.",
        },
        {
          kind: "report",
          at: at("2020-01-08", "10:00"),
          by: "stttt.chuyenvien",
          asOf: "2019-12-31",
          percent: 60,
          result:
            "Hoàn thành các nhiệm vụ trọng tâm quý IV/2019: vận hành Hệ thống quản lý văn bản và điều hành liên thông 4 cấp, mở rộng sử dụng chữ ký số; tiếp tục triển khai thường xuyên trong năm 2020.",
        },
      ],
    },
    {
      item: "7",
      title:
        "Hướng dẫn các cơ quan, đơn vị thực hiện thuê dịch vụ công nghệ thông tin sử dụng nguồn vốn ngân sách nhà nước",
      description:
        "Hướng dẫn việc lập dự toán, phân bổ, thanh toán, quyết toán kinh phí thuê dịch vụ công nghệ thông tin theo quy định; phối hợp với Sở Thông tin và Truyền thông, Sở Kế hoạch và Đầu tư.",
      lead: "STC",
      coordinators: ["STTTT", "SKHDT"],
      due: "2019-11-30",
      createdAt: assigned(),
      events: [
        {
          kind: "report",
          at: at("2019-10-28", "15:00"),
          by: null,
          percent: 50,
          result: "Đã dự thảo văn bản hướng dẫn, lấy ý kiến Sở Thông tin và Truyền thông, Sở Kế hoạch và Đầu tư.",
        },
        {
          kind: "report",
          at: at("2019-12-16", "16:00"),
          by: null,
          percent: 80,
          result: "Đã tiếp thu ý kiến góp ý, hoàn thiện dự thảo hướng dẫn.",
          difficulties: "Chưa có hướng dẫn thống nhất của Bộ Tài chính về định mức thuê dịch vụ công nghệ thông tin.",
          proposals:
            "Đề nghị Văn phòng UBND Thành phố cho phép ban hành hướng dẫn tạm thời, cập nhật sau khi có hướng dẫn của Bộ.",
        },
        {
          kind: "complete",
          at: at("2020-01-13", "10:00"),
          by: null,
          completionDate: "2020-01-10",
          result:
            "Đã ban hành văn bản hướng dẫn thuê dịch vụ công nghệ thông tin gửi các sở, ban, ngành, UBND quận, huyện, thị xã.",
        },
        { kind: "confirm", at: at("2020-01-16", "09:00"), by: "vanphong" },
      ],
    },
    {
      item: "8",
      title:
        "Đẩy mạnh số hóa dữ liệu: số hóa hồ sơ, tài liệu lưu trữ và kết quả giải quyết thủ tục hành chính, hình thành cơ sở dữ liệu dùng chung của Thành phố",
      description:
        "Sở Nội vụ chủ trì số hóa tài liệu lưu trữ; các sở, ngành số hóa dữ liệu chuyên ngành theo lĩnh vực quản lý; Sở Thông tin và Truyền thông hướng dẫn kỹ thuật, tích hợp vào cơ sở dữ liệu dùng chung.",
      lead: "SNV",
      coordinators: ["STTTT", "STNMT", "STP"],
      due: "2020-06-30",
      createdAt: assigned(),
      events: [
        {
          kind: "report",
          at: at("2019-11-15", "14:00"),
          by: "snv.truong",
          percent: 15,
          result:
            "Đã xây dựng kế hoạch số hóa tài liệu lưu trữ giai đoạn 2019-2020; khảo sát khối lượng tài liệu tại Trung tâm Lưu trữ lịch sử Thành phố.",
        },
        {
          kind: "report",
          at: at("2020-03-20", "10:00"),
          by: "snv.truong",
          percent: 30,
          result: "Đã số hóa khoảng 20% khối lượng tài liệu lưu trữ dự kiến.",
          difficulties: "Ảnh hưởng của dịch Covid-19, việc lựa chọn đơn vị thực hiện số hóa bị chậm.",
        },
        {
          kind: "report",
          at: at("2020-06-12", "16:00"),
          by: "snv.truong",
          percent: 45,
          result: "Đã số hóa khoảng 35% khối lượng tài liệu; đang xây dựng danh mục dữ liệu dùng chung.",
          difficulties:
            "Kinh phí số hóa năm 2020 chưa được bố trí đủ; chưa có quy định thống nhất về định dạng, cấu trúc dữ liệu dùng chung.",
          proposals:
            "Đề nghị Sở Tài chính bố trí bổ sung kinh phí; Sở Thông tin và Truyền thông ban hành hướng dẫn kỹ thuật về cơ sở dữ liệu dùng chung.",
        },
        {
          kind: "remind",
          at: at("2020-07-15", "09:00"),
          by: "vanphong",
          message:
            "Nhiệm vụ đã quá hạn (hạn 30/6/2020). Đề nghị Sở Nội vụ báo cáo kết quả thực hiện, nêu rõ nguyên nhân chậm và đề xuất thời hạn hoàn thành.",
        },
        {
          kind: "remind",
          at: at("2020-08-20", "09:00"),
          by: "vanphong",
          message:
            "Đôn đốc lần 2: đến nay Sở Nội vụ chưa báo cáo kết quả thực hiện nhiệm vụ. Đề nghị báo cáo trước ngày 31/8/2020.",
        },
      ],
    },
    {
      item: "9",
      title: "Tăng cường bảo đảm an toàn, an ninh thông tin cho các hệ thống thông tin của Thành phố",
      description:
        "Quán triệt, coi trọng công tác bảo đảm an toàn, an ninh thông tin; xác định cấp độ và triển khai phương án bảo vệ hệ thống thông tin theo cấp độ; phối hợp với Công an Thành phố phòng ngừa, phát hiện, xử lý sự cố.",
      lead: "STTTT",
      coordinators: ["CATP"],
      due: "ongoing",
      createdAt: assigned(),
      events: [
        {
          kind: "report",
          at: at("2019-11-28", "15:00"),
          by: "stttt.chuyenvien",
          percent: 30,
          result:
            "Đã tổ chức kiểm tra, đánh giá an toàn thông tin đối với Cổng dịch vụ công và Hệ thống quản lý văn bản và điều hành của Thành phố.",
        },
        {
          kind: "report",
          at: at("2019-12-12", "10:00"),
          by: null,
          department: "CATP",
          percent: 40,
          result:
            "Công an Thành phố đã phối hợp rà soát, phát hiện và đề nghị khắc phục lỗ hổng bảo mật trên một số trang thông tin điện tử của các đơn vị.",
        },
        {
          kind: "report",
          at: at("2020-01-09", "14:30"),
          by: "stttt.chuyenvien",
          percent: 50,
          result:
            "Đã hướng dẫn các đơn vị xác định cấp độ hệ thống thông tin và xây dựng phương án bảo đảm an toàn thông tin; tiếp tục triển khai thường xuyên.",
        },
      ],
    },
    {
      item: "10",
      title:
        "Đào tạo, bồi dưỡng kỹ năng công nghệ thông tin cho cán bộ, công chức, viên chức; nâng cao nhận thức của người dân; xây dựng chiến lược phát triển nguồn nhân lực công nghệ thông tin của Thành phố cho 15-20 năm tới",
      description:
        "Sở Nội vụ chủ trì, phối hợp với Sở Thông tin và Truyền thông, Sở Giáo dục và Đào tạo thực hiện; gồm các nội dung 10.a, 10.b, 10.c.",
      lead: "SNV",
      coordinators: ["STTTT", "SGDDT"],
      due: "2020-06-30",
      createdAt: assigned(),
      events: [
        {
          kind: "report",
          at: at("2019-12-23", "15:00"),
          by: "snv.truong",
          percent: 35,
          result:
            "Đã hoàn thành các lớp đào tạo kỹ năng công nghệ thông tin năm 2019; đang triển khai tuyên truyền và xây dựng đề cương chiến lược.",
        },
        {
          kind: "report",
          at: at("2020-04-02", "10:00"),
          by: "snv.truong",
          percent: 60,
          result: "Đã hoàn thành nội dung 10.a và 10.b; đang xây dựng dự thảo chiến lược (nội dung 10.c).",
        },
        {
          kind: "report",
          at: at("2020-06-25", "16:00"),
          by: "snv.truong",
          percent: 80,
          result: "Dự thảo chiến lược đang được lấy ý kiến các sở, ngành và chuyên gia.",
          difficulties: "Cần thêm thời gian lấy ý kiến các bộ, ngành Trung ương và các trường đại học.",
        },
        {
          kind: "complete",
          at: at("2020-09-29", "10:00"),
          by: "snv.truong",
          completionDate: "2020-09-28",
          result:
            "Đã hoàn thành cả ba nội dung: đào tạo, bồi dưỡng cán bộ, công chức, viên chức; tuyên truyền nâng cao nhận thức người dân; trình UBND Thành phố Chiến lược phát triển nguồn nhân lực công nghệ thông tin.",
        },
        { kind: "confirm", at: at("2020-10-06", "09:00"), by: "vanphong" },
      ],
      subtasks: [
        {
          item: "10.a",
          title:
            "Đào tạo, bồi dưỡng kỹ năng ứng dụng công nghệ thông tin cho cán bộ, công chức, viên chức các cơ quan, đơn vị của Thành phố",
          lead: "SNV",
          coordinators: ["STTTT"],
          due: "2019-12-31",
          createdAt: assigned(),
          events: [
            {
              kind: "report",
              at: at("2019-11-05", "10:00"),
              by: "snv.truong",
              percent: 40,
              result:
                "Đã mở 12 lớp đào tạo, bồi dưỡng kỹ năng ứng dụng công nghệ thông tin cho cán bộ, công chức các sở, ngành.",
            },
            {
              kind: "report",
              at: at("2019-11-25", "15:00"),
              by: "stttt.chuyenvien",
              department: "STTTT",
              percent: 60,
              result:
                "Sở Thông tin và Truyền thông đã cử giảng viên, biên soạn tài liệu về an toàn thông tin, sử dụng chữ ký số và dịch vụ công trực tuyến.",
            },
            {
              kind: "complete",
              at: at("2019-12-18", "16:00"),
              by: "snv.truong",
              completionDate: "2019-12-18",
              result: "Đã tổ chức 24 lớp đào tạo, bồi dưỡng cho hơn 2.400 lượt cán bộ, công chức, viên chức.",
            },
            { kind: "confirm", at: at("2019-12-24", "09:30"), by: "vanphong" },
          ],
        },
        {
          item: "10.b",
          title:
            "Tuyên truyền, nâng cao nhận thức của người dân, doanh nghiệp về Chính quyền điện tử và sử dụng dịch vụ công trực tuyến",
          lead: "STTTT",
          coordinators: ["SGDDT", "SVHTT"],
          due: "2020-03-31",
          createdAt: assigned(),
          events: [
            {
              kind: "report",
              at: at("2019-12-05", "14:00"),
              by: "stttt.chuyenvien",
              percent: 40,
              result:
                "Đã phối hợp với các cơ quan báo chí mở chuyên mục về Chính quyền điện tử; phát hành tài liệu hướng dẫn sử dụng dịch vụ công trực tuyến.",
            },
            {
              kind: "complete",
              at: at("2020-03-26", "10:00"),
              by: "stttt.truong",
              completionDate: "2020-03-25",
              result:
                "Đã hoàn thành chương trình tuyên truyền: chuyên mục trên các báo, đài của Thành phố, tài liệu hướng dẫn tại Bộ phận Một cửa các cấp và tại các trường học.",
            },
            { kind: "confirm", at: at("2020-03-31", "15:00"), by: "vanphong" },
          ],
        },
        {
          item: "10.c",
          title: "Xây dựng Chiến lược phát triển nguồn nhân lực công nghệ thông tin của Thành phố cho 15-20 năm tới",
          lead: "SNV",
          coordinators: ["STTTT", "SGDDT", "SLDTBXH"],
          due: "2020-06-30",
          createdAt: assigned(),
          events: [
            {
              kind: "report",
              at: at("2020-02-14", "10:00"),
              by: "snv.truong",
              percent: 25,
              result: "Đã thành lập tổ biên tập, xây dựng đề cương chiến lược.",
            },
            {
              kind: "report",
              at: at("2020-06-25", "15:00"),
              by: "snv.truong",
              percent: 80,
              result: "Đã hoàn thành dự thảo chiến lược, đang lấy ý kiến các sở, ngành và chuyên gia.",
              difficulties: "Dịch Covid-19 làm chậm việc khảo sát và tổ chức hội thảo lấy ý kiến chuyên gia.",
            },
            {
              kind: "complete",
              at: at("2020-09-28", "16:00"),
              by: "snv.truong",
              completionDate: "2020-09-25",
              result:
                "Đã hoàn thiện dự thảo Chiến lược phát triển nguồn nhân lực công nghệ thông tin, trình UBND Thành phố.",
            },
            { kind: "confirm", at: at("2020-10-06", "08:45"), by: "vanphong" },
          ],
        },
      ],
    },
  ];
}

// ---------------------------------------------------------------- now: a current directive

function currentTasks(day: (offset: number) => LocalDate, assignedAt: Instant): TaskSpec[] {
  let minute = 0;
  const assigned = () => assignedAt + minute++ * 60_000;
  const on = (offset: number, time = "09:00") => at(day(offset), time);
  return [
    {
      item: "1",
      title:
        "Nâng cấp Cổng Dịch vụ công và Hệ thống thông tin giải quyết thủ tục hành chính của Thành phố, đồng bộ với Cổng Dịch vụ công quốc gia",
      lead: "STTTT",
      coordinators: ["VPUB", "SNV"],
      due: day(-20),
      createdAt: assigned(),
      events: [
        {
          kind: "report",
          at: on(-70, "10:00"),
          by: "stttt.chuyenvien",
          percent: 30,
          result: "Đã hoàn thành khảo sát, xây dựng phương án nâng cấp; ký hợp đồng thuê dịch vụ với đơn vị cung cấp.",
        },
        {
          kind: "report",
          at: on(-45, "15:00"),
          by: "stttt.chuyenvien",
          percent: 70,
          result:
            "Đã triển khai phiên bản nâng cấp trên môi trường thử nghiệm; đồng bộ thành công trạng thái hồ sơ của 6/7 nhóm thủ tục với Cổng Dịch vụ công quốc gia.",
        },
        {
          kind: "report",
          at: on(-35, "16:00"),
          by: null,
          department: "VPUB",
          percent: 80,
          result: "Văn phòng UBND Thành phố đã phối hợp kiểm thử quy trình tiếp nhận, trả kết quả tại Bộ phận Một cửa.",
        },
        {
          kind: "complete",
          at: on(-25, "16:00"),
          by: "stttt.truong",
          completionDate: day(-26),
          result: `Hệ thống nâng cấp đã vận hành chính thức từ ngày ${formatLocalDate(day(-26))}, đồng bộ trạng thái hồ sơ với Cổng Dịch vụ công quốc gia.`,
        },
        { kind: "confirm", at: on(-22, "09:30"), by: "vanphong" },
      ],
    },
    {
      item: "2",
      title: "Triển khai bệnh án điện tử tại 100% bệnh viện công lập trực thuộc Sở Y tế",
      lead: "SYT",
      coordinators: ["BHXH", "STTTT"],
      due: day(-45),
      createdAt: assigned(),
      events: [
        {
          kind: "report",
          at: on(-75, "14:00"),
          by: "syt.truong",
          percent: 40,
          result: "18/41 bệnh viện đã hoàn thành triển khai bệnh án điện tử.",
        },
        {
          kind: "report",
          at: on(-50, "10:00"),
          by: "syt.truong",
          percent: 80,
          result: "35/41 bệnh viện đã hoàn thành triển khai bệnh án điện tử.",
          difficulties:
            "Một số bệnh viện tuyến huyện cũ chưa đáp ứng hạ tầng, thiết bị; việc ký số của người bệnh chưa có hướng dẫn thống nhất.",
        },
        {
          kind: "complete",
          at: on(-39, "15:30"),
          by: "syt.truong",
          completionDate: day(-40),
          result: "100% bệnh viện công lập trực thuộc Sở đã triển khai bệnh án điện tử, dừng sử dụng bệnh án giấy.",
        },
        { kind: "confirm", at: on(-35, "10:00"), by: "vanphong" },
      ],
    },
    {
      item: "3",
      title: "Triển khai học bạ số đối với học sinh tiểu học và trung học cơ sở",
      lead: "SGDDT",
      coordinators: ["STTTT"],
      due: day(-10),
      createdAt: assigned(),
      events: [
        {
          kind: "report",
          at: on(-60, "10:00"),
          by: "sgddt.truong",
          percent: 35,
          result: "100% trường tiểu học đã triển khai học bạ số; đang triển khai đối với cấp trung học cơ sở.",
        },
        {
          kind: "report",
          at: on(-25, "15:00"),
          by: "sgddt.truong",
          percent: 75,
          result: "82% trường trung học cơ sở đã triển khai học bạ số.",
          difficulties: "Một số trường chưa được cấp chứng thư chữ ký số cho hiệu trưởng.",
        },
        {
          kind: "complete",
          at: on(-5, "16:00"),
          by: "sgddt.truong",
          completionDate: day(-6),
          result:
            "100% trường tiểu học và trung học cơ sở công lập đã triển khai học bạ số; học bạ được ký số và lưu trữ trên hệ thống của Sở.",
        },
        {
          kind: "comment",
          at: on(-3, "11:00"),
          by: "vanphong",
          body: "Văn phòng đang đối chiếu số liệu với hệ thống học bạ số của Sở Giáo dục và Đào tạo, sẽ xác nhận trong tuần.",
        },
      ],
    },
    {
      item: "4",
      title: "Hướng dẫn thanh toán trực tuyến phí, lệ phí thủ tục hành chính qua Nền tảng thanh toán trực tuyến",
      lead: "STC",
      coordinators: ["KBNN", "STTTT"],
      due: day(15),
      createdAt: assigned(),
      events: [
        {
          kind: "report",
          at: on(-40, "10:00"),
          by: null,
          percent: 50,
          result: "Đã dự thảo văn bản hướng dẫn, lấy ý kiến Kho bạc Nhà nước Hà Nội và Sở Thông tin và Truyền thông.",
        },
        {
          kind: "complete",
          at: on(-3, "15:00"),
          by: null,
          completionDate: day(-4),
          result:
            "Đã ban hành văn bản hướng dẫn thanh toán trực tuyến phí, lệ phí gửi các sở, ngành, UBND các xã, phường.",
        },
      ],
    },
    {
      item: "5",
      title:
        "Hoàn thành nâng cấp Nền tảng tích hợp, chia sẻ dữ liệu của Thành phố (LGSP), kết nối với Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP)",
      lead: "STTTT",
      coordinators: ["VPUB", "SKHCN"],
      due: day(-30),
      createdAt: assigned(),
      events: [
        {
          kind: "report",
          at: on(-60, "14:00"),
          by: "stttt.chuyenvien",
          percent: 30,
          result: "Đã hoàn thành thiết kế kỹ thuật, nâng cấp hạ tầng máy chủ cho LGSP.",
        },
        {
          kind: "extension",
          at: on(-40, "10:00"),
          by: "stttt.truong",
          proposed: day(15),
          reason:
            "Việc kết nối chính thức với NDXP phụ thuộc thủ tục cấp quyền kết nối của cơ quan quản lý nền tảng quốc gia; đề nghị gia hạn để hoàn thành kiểm thử, đánh giá an toàn thông tin.",
        },
        {
          kind: "decide",
          at: on(-35, "16:00"),
          by: "lanhdao2",
          outcome: "countered",
          dueDate: day(-12),
          note: `Đồng ý gia hạn nhưng không quá ngày ${formatLocalDate(day(-12))}. Sở chủ động làm việc với cơ quan quản lý NDXP để đẩy nhanh tiến độ.`,
        },
        {
          kind: "report",
          at: on(-30, "15:00"),
          by: "stttt.chuyenvien",
          percent: 50,
          result: "Đã hoàn thành nâng cấp LGSP; đang kiểm thử các dịch vụ chia sẻ dữ liệu với các sở, ngành.",
        },
        {
          kind: "remind",
          at: on(-9, "09:00"),
          by: "vanphong",
          message:
            "Nhiệm vụ đã quá hạn. Đề nghị Sở Thông tin và Truyền thông báo cáo tiến độ, nguyên nhân chậm và thời hạn hoàn thành.",
          resolvedAt: on(-4, "10:00"),
        },
        {
          kind: "comment",
          at: on(-8, "14:00"),
          by: "stttt.chuyenvien",
          body: "Sở đã có văn bản đề nghị cấp quyền kết nối chính thức với NDXP; dự kiến hoàn thành trong tháng.",
        },
        {
          kind: "report",
          at: on(-4, "10:00"),
          by: "stttt.chuyenvien",
          percent: 75,
          result: "Đã kết nối thử nghiệm thành công 3 dịch vụ chia sẻ dữ liệu với NDXP.",
          difficulties: "Chưa được cấp quyền kết nối chính thức với NDXP.",
          proposals:
            "Đề nghị Văn phòng UBND Thành phố có văn bản gửi cơ quan quản lý NDXP đề nghị sớm cấp quyền kết nối.",
        },
      ],
    },
    {
      item: "6",
      title: "Hoàn thành xây dựng cơ sở dữ liệu đất đai của Thành phố, kết nối với Cơ sở dữ liệu quốc gia về dân cư",
      lead: "STNMT",
      coordinators: ["STTTT", "CATP"],
      due: day(-25),
      createdAt: assigned(),
      events: [
        {
          kind: "report",
          at: on(-70, "15:00"),
          by: null,
          percent: 20,
          result:
            "Đã hoàn thành số hóa hồ sơ địa chính tại 12 phường; đang lựa chọn đơn vị thực hiện các địa bàn còn lại.",
          difficulties: "Hồ sơ địa chính nhiều thời kỳ, không đồng bộ; khối lượng chỉnh lý lớn.",
        },
        {
          kind: "remind",
          at: on(-20, "09:00"),
          by: "vanphong",
          message: "Nhiệm vụ đã quá hạn. Đề nghị Sở Tài nguyên và Môi trường báo cáo kết quả thực hiện.",
        },
        {
          kind: "remind",
          at: on(-10, "09:00"),
          by: "vanphong",
          message:
            "Đôn đốc lần 2: Sở Tài nguyên và Môi trường chưa báo cáo kết quả thực hiện. Nếu tiếp tục chậm, Văn phòng sẽ báo cáo Chủ tịch UBND Thành phố.",
        },
        {
          kind: "comment",
          at: on(-8, "17:00"),
          by: "lanhdao",
          body: "Yêu cầu Giám đốc Sở Tài nguyên và Môi trường báo cáo ngay nguyên nhân chậm tiến độ, đề xuất giải pháp và thời hạn hoàn thành cụ thể; Văn phòng UBND Thành phố theo dõi, báo cáo kết quả.",
        },
      ],
    },
    {
      item: "7",
      title:
        "Cập nhật, chuẩn hóa Cơ sở dữ liệu cán bộ, công chức, viên chức của Thành phố, đồng bộ với Cơ sở dữ liệu quốc gia",
      lead: "SNV",
      coordinators: ["STTTT"],
      due: day(0),
      createdAt: assigned(),
      events: [
        {
          kind: "report",
          at: on(-45, "10:00"),
          by: "snv.truong",
          percent: 40,
          result: "Đã hướng dẫn các cơ quan, đơn vị rà soát, cập nhật hồ sơ cán bộ, công chức, viên chức.",
        },
        {
          kind: "report",
          at: on(-6, "16:00"),
          by: "snv.truong",
          percent: 90,
          result: "Đã cập nhật, chuẩn hóa 95% hồ sơ; đang đối soát lần cuối với Cơ sở dữ liệu quốc gia.",
        },
      ],
    },
    {
      item: "8",
      title: "Hỗ trợ hộ kinh doanh, doanh nghiệp nhỏ và vừa chuyển đổi số, tham gia các sàn thương mại điện tử",
      lead: "SCT",
      coordinators: ["STTTT", "CTHN"],
      due: day(2),
      createdAt: assigned(),
      events: [
        {
          kind: "report",
          at: on(-50, "10:00"),
          by: null,
          percent: 50,
          result: "Đã tổ chức 15 hội nghị tập huấn kỹ năng bán hàng trực tuyến cho hơn 1.800 hộ kinh doanh.",
        },
        {
          kind: "report",
          at: on(-15, "15:00"),
          by: null,
          percent: 80,
          result: "Đã hỗ trợ hơn 3.000 hộ kinh doanh, doanh nghiệp mở gian hàng trên các sàn thương mại điện tử.",
        },
      ],
    },
    {
      item: "9",
      title: "Triển khai trợ lý ảo hỗ trợ người dân tra cứu, thực hiện thủ tục hành chính trên ứng dụng iHanoi",
      description:
        "Trợ lý ảo trả lời câu hỏi thường gặp về thủ tục hành chính, hướng dẫn nộp hồ sơ trực tuyến và tra cứu kết quả.",
      lead: "STTTT",
      coordinators: ["VPUB"],
      due: day(60),
      createdAt: assigned(),
    },
    {
      item: "10",
      title:
        "Phối hợp làm sạch, khai thác dữ liệu dân cư; triển khai các tiện ích của Đề án 06 trong giải quyết thủ tục hành chính",
      lead: "CATP",
      coordinators: ["STTTT", "STP"],
      due: "ongoing",
      createdAt: assigned(),
      events: [
        {
          kind: "report",
          at: on(-40, "10:00"),
          by: null,
          percent: 30,
          result: "Đã phối hợp làm sạch dữ liệu hộ tịch, đối chiếu với Cơ sở dữ liệu quốc gia về dân cư.",
        },
        {
          kind: "report",
          at: on(-10, "15:00"),
          by: null,
          percent: 45,
          result:
            "Đã triển khai khai thác thông tin dân cư qua căn cước điện tử tại Bộ phận Một cửa của các xã, phường.",
        },
      ],
    },
    {
      item: "11",
      title: "Triển khai thí điểm hệ thống điều khiển giao thông thông minh tại các nút giao trọng điểm",
      lead: "SGTVT",
      coordinators: ["CATP", "STTTT"],
      due: day(30),
      createdAt: assigned(),
      events: [
        {
          kind: "report",
          at: on(-60, "14:00"),
          by: null,
          percent: 15,
          result: "Đã khảo sát hiện trạng 25 nút giao; xây dựng phương án kỹ thuật.",
        },
        {
          kind: "hold",
          at: on(-30, "10:00"),
          by: "vanphong",
          reason:
            "Tạm dừng theo chỉ đạo của Phó Chủ tịch UBND Thành phố để rà soát, điều chỉnh phạm vi cho phù hợp với Đề án giao thông thông minh của Thành phố; tiếp tục khi phương án điều chỉnh được phê duyệt.",
        },
      ],
    },
    {
      item: "12",
      title: "Xây dựng phần mềm quản lý hồ sơ quy hoạch riêng của Sở Quy hoạch - Kiến trúc",
      lead: "SQHKT",
      coordinators: ["STTTT"],
      due: day(45),
      createdAt: assigned(),
      events: [
        {
          kind: "cancel",
          at: on(-50, "15:00"),
          by: "vanphong",
          reason:
            "Rút nhiệm vụ: nội dung được tích hợp vào nhiệm vụ xây dựng cơ sở dữ liệu đất đai dùng chung (mục 6), tránh đầu tư trùng lặp.",
        },
      ],
    },
    {
      item: "13",
      title: "Chi trả trợ cấp xã hội, trợ cấp ưu đãi người có công không dùng tiền mặt",
      lead: "SLDTBXH",
      coordinators: ["STC", "BHXH"],
      due: day(20),
      createdAt: assigned(),
      target: {
        name: "Tỷ lệ đối tượng nhận trợ cấp không dùng tiền mặt",
        unit: "%",
        baseline: 65,
        targetValue: 80,
        direction: "at_least",
        dueDate: day(20),
      },
      events: [
        {
          kind: "report",
          at: on(-60, "10:00"),
          by: null,
          percent: 40,
          targetValue: 70,
          result:
            "Đã phối hợp với các ngân hàng mở tài khoản cho đối tượng; tỷ lệ chi trả không dùng tiền mặt đạt 70%.",
        },
        {
          kind: "report",
          at: on(-35, "15:00"),
          by: null,
          percent: 80,
          targetValue: 76,
          result: "Tỷ lệ chi trả không dùng tiền mặt đạt 76%.",
          difficulties: "Nhiều người cao tuổi, người khuyết tật chưa quen sử dụng tài khoản ngân hàng.",
        },
        {
          kind: "complete",
          at: on(-20, "16:00"),
          by: null,
          completionDate: day(-21),
          targetValue: 78,
          result: "Đã hoàn thành chuyển đổi phương thức chi trả; tỷ lệ chi trả không dùng tiền mặt đạt 78%.",
        },
        {
          kind: "return",
          at: on(-15, "10:00"),
          by: "vanphong",
          reason:
            "Tỷ lệ chi trả không dùng tiền mặt mới đạt 78%, chưa đạt chỉ tiêu 80%. Đề nghị tiếp tục thực hiện và báo cáo lại khi đạt chỉ tiêu.",
        },
        {
          kind: "report",
          at: on(-7, "15:00"),
          by: null,
          percent: 90,
          targetValue: 79.5,
          result: "Đang phối hợp với ngân hàng hỗ trợ mở tài khoản tại nhà cho người cao tuổi; tỷ lệ đạt 79,5%.",
        },
      ],
    },
    {
      item: "14",
      title:
        "Cấp chứng thư chữ ký số cho cán bộ, công chức; triển khai ký số trên Hệ thống quản lý văn bản và điều hành của Thành phố",
      lead: "STTTT",
      coordinators: ["VPUB", "SNV"],
      due: day(10),
      createdAt: assigned(),
      events: [
        {
          kind: "report",
          at: on(-50, "10:00"),
          by: "stttt.chuyenvien",
          percent: 30,
          result: "Đã tổng hợp nhu cầu cấp chứng thư chữ ký số của các cơ quan, đơn vị.",
        },
        {
          kind: "report",
          at: on(-20, "15:00"),
          by: "stttt.chuyenvien",
          percent: 55,
          result: "Đã cấp 6.500 chứng thư chữ ký số; 70% văn bản đi được ký số.",
          difficulties: "Tiến độ cấp chứng thư phụ thuộc Ban Cơ yếu Chính phủ.",
        },
        {
          kind: "extension",
          at: on(-3, "10:00"),
          by: "stttt.truong",
          proposed: day(40),
          reason:
            "Còn khoảng 2.000 cán bộ, công chức chưa được cấp chứng thư do Ban Cơ yếu Chính phủ chưa bàn giao đợt thiết bị thứ hai; đề nghị gia hạn thêm 30 ngày.",
        },
      ],
    },
  ];
}

function confidentialTasks(day: (offset: number) => LocalDate, assignedAt: Instant): TaskSpec[] {
  const on = (offset: number, time = "09:00") => at(day(offset), time);
  return [
    {
      item: "1",
      title:
        "Rà soát, đánh giá an ninh mạng đối với các hệ thống thông tin quan trọng của Thành phố; báo cáo kết quả và kiến nghị khắc phục",
      lead: "CATP",
      coordinators: ["STTTT"],
      due: day(20),
      createdAt: assignedAt,
      events: [
        {
          kind: "report",
          at: on(-14, "10:00"),
          by: null,
          percent: 30,
          result: "Đã lập danh sách 18 hệ thống thông tin quan trọng, triển khai kiểm tra đợt 1.",
        },
        {
          kind: "report",
          at: on(-11, "15:00"),
          by: "stttt.chuyenvien",
          department: "STTTT",
          percent: 35,
          result: "Sở Thông tin và Truyền thông đã cung cấp hồ sơ đề xuất cấp độ và sơ đồ kết nối của các hệ thống.",
        },
        {
          kind: "report",
          at: on(-6, "16:00"),
          by: null,
          percent: 45,
          result: "Đã kiểm tra 8/18 hệ thống; phát hiện một số lỗ hổng, đã thông báo đơn vị vận hành khắc phục.",
        },
      ],
    },
    {
      item: "2",
      title: "Tổ chức diễn tập thực chiến ứng cứu sự cố an ninh mạng cho các hệ thống thông tin của Thành phố",
      lead: "CATP",
      coordinators: ["STTTT"],
      due: day(75),
      createdAt: assignedAt + 60_000,
    },
  ];
}

// ---------------------------------------------------------------- full text

function fullText(
  preamble: string,
  specs: readonly TaskSpec[],
  closing: string,
  name: (code: DepartmentCode) => string,
): string {
  const describe = (spec: TaskSpec): string => {
    const parts = [`Chủ trì: ${name(spec.lead)}`];
    if (spec.coordinators?.length) parts.push(`phối hợp: ${spec.coordinators.map(name).join(", ")}`);
    parts.push(`thời hạn: ${spec.due === "ongoing" ? "thường xuyên" : formatLocalDate(spec.due)}`);
    return parts.join("; ") + ".";
  };
  const lines = [preamble, ""];
  for (const spec of specs) {
    lines.push(`${spec.item}. ${spec.title}.`);
    if (spec.description) lines.push(spec.description);
    lines.push(describe(spec));
    for (const sub of spec.subtasks ?? []) {
      const letter = sub.item.split(".").pop() ?? sub.item;
      lines.push(`${letter}) ${sub.title}. ${describe(sub)}`);
    }
    lines.push("");
  }
  lines.push(closing);
  return lines.join("\n");
}

// ---------------------------------------------------------------- loader

type Counts = Record<
  | "departments"
  | "users"
  | "committees"
  | "meetings"
  | "directives"
  | "tasks"
  | "taskCoordinators"
  | "taskTransitions"
  | "taskLeadAssignments"
  | "targets"
  | "targetValues"
  | "progressReports"
  | "extensionRequests"
  | "comments"
  | "reminders",
  number
>;

interface Context {
  tx: WriteTransaction;
  departmentId: (code: DepartmentCode) => number;
  userId: (login: UserKey | null) => number | null;
  roleOf: (login: UserKey) => Role;
  counts: Counts;
}

/** Inserts a task (and its sub-tasks) with its whole history; returns the next position. */
function insertTask(
  ctx: Context,
  spec: TaskSpec,
  directiveId: number,
  position: number,
  parent?: TaskSpec & { id: number },
): number {
  const { tx, counts, departmentId, userId } = ctx;
  if (parent && parent.due !== "ongoing" && (spec.due === "ongoing" || spec.due > parent.due)) {
    throw new Error(`Demo task ${spec.item} is due after its parent ${parent.item}`);
  }
  if (spec.coordinators?.includes(spec.lead)) throw new Error(`Demo task ${spec.item}: the lead cannot coordinate`);
  const sim = simulate(spec);
  const { row } = sim;
  const { id: taskId } = tx
    .insert(tasks)
    .values({
      directiveId,
      parentId: parent?.id ?? null,
      itemNumber: spec.item,
      position,
      title: spec.title,
      description: spec.description ?? null,
      leadDepartmentId: departmentId(spec.lead),
      deadlineKind: spec.due === "ongoing" ? "ongoing" : "dated",
      originalDueDate: row.originalDueDate,
      currentDueDate: row.currentDueDate,
      assignedOn: localDateOf(spec.createdAt),
      state: row.state,
      stateReason: row.stateReason,
      percent: row.percent,
      lastReportedAt: row.lastReportedAt,
      completionDate: row.completionDate,
      completionReportedAt: row.completionReportedAt,
      completionResult: row.completionResult,
      confirmedAt: row.confirmedAt,
      confirmedBy: userId(row.confirmedBy),
      version: row.version,
      createdBy: userId(SECRETARIAT),
      createdAt: spec.createdAt,
      updatedAt: row.updatedAt,
    })
    .returning({ id: tasks.id })
    .get();
  counts.tasks += 1;

  if (spec.coordinators?.length) {
    tx.insert(taskCoordinators)
      .values(spec.coordinators.map((code) => ({ taskId, departmentId: departmentId(code) })))
      .run();
    counts.taskCoordinators += spec.coordinators.length;
  }

  tx.insert(taskLeadAssignments)
    .values({
      taskId,
      departmentId: departmentId(spec.lead),
      fromAt: spec.createdAt,
      untilAt: null,
      assignedBy: userId(SECRETARIAT),
    })
    .run();
  counts.taskLeadAssignments += 1;

  // One row at a time, so ids follow the order of the history.
  for (const t of sim.transitions) {
    tx.insert(taskTransitions)
      .values({
        taskId,
        fromState: t.fromState,
        toState: t.toState,
        changedAt: t.changedAt,
        changedBy: userId(t.changedBy),
        reason: t.reason,
        completionDate: t.completionDate,
      })
      .run();
    counts.taskTransitions += 1;
  }

  let targetId: number | null = null;
  if (spec.target) {
    const values = sim.reports.filter((r) => r.targetValue !== undefined);
    const latest = values.at(-1);
    targetId = tx
      .insert(targets)
      .values({
        taskId,
        position: 0,
        name: spec.target.name,
        unit: spec.target.unit,
        baseline: spec.target.baseline,
        targetValue: spec.target.targetValue,
        direction: spec.target.direction,
        currentValue: latest?.targetValue ?? spec.target.baseline,
        dueDate: spec.target.dueDate,
        createdAt: spec.createdAt,
        updatedAt: latest?.at ?? spec.createdAt,
      })
      .returning({ id: targets.id })
      .get().id;
    counts.targets += 1;
  }

  for (const report of sim.reports) {
    const { id: reportId } = tx
      .insert(progressReports)
      .values({
        taskId,
        departmentId: departmentId(report.department),
        authorId: userId(report.by),
        asOfDate: report.asOf,
        percent: report.percent,
        result: report.result,
        difficulties: report.difficulties,
        proposals: report.proposals,
        createdAt: report.at,
      })
      .returning({ id: progressReports.id })
      .get();
    counts.progressReports += 1;
    if (targetId !== null && report.targetValue !== undefined) {
      tx.insert(targetValues)
        .values({
          targetId,
          progressReportId: reportId,
          value: report.targetValue,
          asOfDate: report.asOf,
          recordedBy: userId(report.by),
          createdAt: report.at,
        })
        .run();
      counts.targetValues += 1;
    }
  }

  for (const request of sim.extensions) {
    tx.insert(extensionRequests)
      .values({
        taskId,
        requestedBy: userId(request.by),
        departmentId: departmentId(spec.lead),
        currentDueDate: request.currentDueDate,
        proposedDueDate: request.proposed,
        reason: request.reason,
        state: request.state,
        decidedBy: userId(request.decidedBy),
        decidedAt: request.decidedAt,
        decisionNote: request.decisionNote,
        approvedDueDate: request.approvedDueDate,
        createdAt: request.at,
      })
      .run();
    counts.extensionRequests += 1;
  }

  for (const comment of sim.comments) {
    tx.insert(comments)
      .values({
        taskId,
        authorId: userId(comment.by) as number,
        isInstruction: ctx.roleOf(comment.by) === "leadership",
        body: comment.body,
        createdAt: comment.at,
      })
      .run();
    counts.comments += 1;
  }

  sim.reminders.forEach((reminder, index) => {
    tx.insert(reminders)
      .values({
        taskId,
        departmentId: departmentId(spec.lead),
        kind: "manual",
        ordinal: index + 1,
        sentBy: userId(reminder.by),
        sentAt: reminder.at,
        message: reminder.message,
        resolvedAt: reminder.resolvedAt,
      })
      .run();
    counts.reminders += 1;
  });

  let next = position + 1;
  for (const sub of spec.subtasks ?? []) next = insertTask(ctx, sub, directiveId, next, { ...spec, id: taskId });
  return next;
}

/** The first instant of the demo's history; organisation data is dated from it. */
const ORGANISATION_SINCE = at("2019-09-03", "08:00");

/**
 * Loads the demo into an empty, migrated database. Dates of the current directive
 * are relative to `now` (default: the clock); the 2019 history is fixed.
 */
export async function loadDemoData(db: AppDatabase, options: { now?: number } = {}): Promise<{ logins: DemoLogin[] }> {
  const now = options.now ?? Date.now();
  const todayDate = today(now);
  if (todayDate < "2021-01-01")
    throw new Error(`The demo's 2019-2020 history must lie in the past; today is ${todayDate}.`);
  const refuseIfLoaded = (existing: number | undefined) => {
    if ((existing ?? 0) > 0) {
      throw new Error(
        `Refusing to load the demo data: the database already has ${existing} department(s). Load the demo only into an empty database.`,
      );
    }
  };
  refuseIfLoaded(db.select({ n: count() }).from(departments).get()?.n);

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const day = (offset: number) => addDays(todayDate, offset);

  return writeTransaction(db, (tx) => {
    refuseIfLoaded(tx.select({ n: count() }).from(departments).get()?.n);
    const counts: Counts = {
      departments: 0,
      users: 0,
      committees: 0,
      meetings: 0,
      directives: 0,
      tasks: 0,
      taskCoordinators: 0,
      taskTransitions: 0,
      taskLeadAssignments: 0,
      targets: 0,
      targetValues: 0,
      progressReports: 0,
      extensionRequests: 0,
      comments: 0,
      reminders: 0,
    };

    // Organisation.
    const departmentRows = tx
      .insert(departments)
      .values(
        HANOI_DEPARTMENTS.map((d) => ({
          code: d.code,
          name: d.name,
          shortName: d.shortName,
          kind: d.kind,
          createdAt: ORGANISATION_SINCE,
          updatedAt: ORGANISATION_SINCE,
        })),
      )
      .returning({ id: departments.id, code: departments.code, name: departments.name })
      .all();
    counts.departments = departmentRows.length;
    const departmentIds = new Map(departmentRows.map((d) => [d.code, d.id]));
    const departmentNames = new Map(departmentRows.map((d) => [d.code, d.name]));
    const departmentId = (code: DepartmentCode): number => {
      const found = departmentIds.get(code);
      if (found === undefined) throw new Error(`Unknown demo department ${code}`);
      return found;
    };
    const departmentName = (code: DepartmentCode): string => departmentNames.get(code) ?? code;

    const userRows = tx
      .insert(users)
      .values(
        DEMO_USERS.map((u) => ({
          login: u.login,
          displayName: u.displayName,
          passwordHash,
          role: u.role,
          departmentId: u.department === null ? null : departmentId(u.department),
          createdAt: ORGANISATION_SINCE,
          updatedAt: ORGANISATION_SINCE,
        })),
      )
      .returning({ id: users.id, login: users.login })
      .all();
    counts.users = userRows.length;
    const userIds = new Map(userRows.map((u) => [u.login, u.id]));
    const userId = (login: UserKey | null): number | null => {
      if (login === null) return null;
      const found = userIds.get(login);
      if (found === undefined) throw new Error(`Unknown demo user ${login}`);
      return found;
    };
    const roleOf = (login: UserKey): Role => DEMO_USERS.find((u) => u.login === login)?.role ?? "admin";
    const ctx: Context = { tx, departmentId, userId, roleOf, counts };
    const secretariatId = userId(SECRETARIAT);

    // 2019: the e-government steering committee and the chairman's ten tasks.
    const egov = tx
      .insert(committees)
      .values({
        code: "BCD-CQDT",
        name: "Ban Chỉ đạo xây dựng Chính quyền điện tử thành phố Hà Nội",
        description:
          "Trưởng ban: Chủ tịch UBND Thành phố. Cơ quan thường trực: Sở Thông tin và Truyền thông; Văn phòng UBND Thành phố là đầu mối Tổ giúp việc.",
        createdAt: ORGANISATION_SINCE,
        updatedAt: ORGANISATION_SINCE,
      })
      .returning({ id: committees.id })
      .get();
    counts.committees += 1;

    const meeting2019 = tx
      .insert(meetings)
      .values({
        committeeId: egov.id,
        heldOn: MEETING_2019,
        title: "Phiên họp Ban Chỉ đạo xây dựng Chính quyền điện tử thành phố Hà Nội",
        chair: "Chủ tịch UBND Thành phố, Trưởng Ban Chỉ đạo",
        place: "Trụ sở UBND Thành phố, 79 Đinh Tiên Hoàng, quận Hoàn Kiếm",
        attendees:
          "Các thành viên Ban Chỉ đạo; lãnh đạo Văn phòng UBND Thành phố, các sở, ban, ngành và đại diện UBND các quận, huyện, thị xã.",
        notes: [
          "Ban Chỉ đạo nghe báo cáo:",
          "- Triển khai Thông báo số 320/TB-VPCP ngày 09/9/2019 của Văn phòng Chính phủ về phân công nhiệm vụ xây dựng Chính phủ điện tử giữa Văn phòng Chính phủ và Bộ Thông tin và Truyền thông; việc tiếp nhận, vận hành các dịch vụ công trực tuyến hiện có của Thành phố;",
          "- Thanh toán không dùng tiền mặt đối với học phí, viện phí theo Nghị quyết số 02/NQ-CP ngày 01/01/2019 của Chính phủ;",
          "- Kết quả ứng dụng công nghệ thông tin 9 tháng năm 2019 và nhiệm vụ trọng tâm quý IV/2019;",
          "- Thuê dịch vụ công nghệ thông tin.",
          "Tỷ lệ dịch vụ công trực tuyến mức độ 4 của Thành phố hiện đạt 15,9%. Chủ tịch UBND Thành phố, Trưởng Ban Chỉ đạo kết luận mười nội dung giao các sở, ngành, quận, huyện, thị xã thực hiện.",
        ].join("\n"),
        createdAt: at(MEETING_2019, "17:30"),
        updatedAt: at(MEETING_2019, "17:30"),
      })
      .returning({ id: meetings.id })
      .get();
    counts.meetings += 1;

    const seed = seedTasks();
    const directive2019 = tx
      .insert(directives)
      .values({
        committeeId: egov.id,
        meetingId: meeting2019.id,
        number: "1198/TB-UBND",
        type: "conclusion_notice",
        issuedOn: ISSUED_2019,
        issuer: "UBND Thành phố Hà Nội",
        signer: "TL. Chủ tịch, Phó Chánh Văn phòng UBND Thành phố",
        abstract:
          "Kết luận của Chủ tịch UBND Thành phố, Trưởng Ban Chỉ đạo xây dựng Chính quyền điện tử Thành phố tại cuộc họp ngày 18/9/2019",
        fullText: fullText(
          "Ngày 18/9/2019, Chủ tịch UBND Thành phố, Trưởng Ban Chỉ đạo xây dựng Chính quyền điện tử Thành phố chủ trì cuộc họp Ban Chỉ đạo. Sau khi nghe báo cáo của Sở Thông tin và Truyền thông, Văn phòng UBND Thành phố và ý kiến của các thành viên Ban Chỉ đạo, Chủ tịch UBND Thành phố, Trưởng Ban Chỉ đạo kết luận và giao nhiệm vụ như sau:",
          seed,
          "Văn phòng UBND Thành phố thông báo để các sở, ban, ngành, UBND các quận, huyện, thị xã và các đơn vị liên quan biết, thực hiện./.",
          departmentName,
        ),
        confidential: false,
        state: "issued",
        note: "Dữ liệu minh họa: văn bản này được dựng lại từ bản tin báo chí về cuộc họp ngày 18/9/2019, không phải văn bản gốc. Mười nhiệm vụ, số ký hiệu, đơn vị chủ trì, phối hợp, thời hạn và tiến độ thực hiện là giả định để trình diễn phần mềm.",
        createdBy: secretariatId,
        createdAt: at(ISSUED_2019, "14:00"),
        updatedAt: at(ISSUED_2019, "14:00"),
      })
      .returning({ id: directives.id })
      .get();
    counts.directives += 1;
    let position = 1;
    for (const spec of seed) position = insertTask(ctx, spec, directive2019.id, position);

    // Now: the digital-transformation committee and a directive dated relative to today.
    const year = todayDate.slice(0, 4);
    const meetingOn = day(-95);
    const issuedOn = day(-90);
    const digital = tx
      .insert(committees)
      .values({
        code: "BCD-CDS",
        name: "Ban Chỉ đạo Chuyển đổi số thành phố Hà Nội",
        description:
          "Trưởng ban: Chủ tịch UBND Thành phố; Phó Trưởng ban thường trực: Phó Chủ tịch UBND Thành phố phụ trách lĩnh vực.",
        createdAt: at(day(-150), "08:00"),
        updatedAt: at(day(-150), "08:00"),
      })
      .returning({ id: committees.id })
      .get();
    counts.committees += 1;

    const meetingNow = tx
      .insert(meetings)
      .values({
        committeeId: digital.id,
        heldOn: meetingOn,
        title: `Phiên họp Ban Chỉ đạo Chuyển đổi số Thành phố về các nhiệm vụ trọng tâm năm ${year}`,
        chair: "Phó Chủ tịch UBND Thành phố, Phó Trưởng Ban Chỉ đạo",
        place: "Trụ sở UBND Thành phố, 79 Đinh Tiên Hoàng, phường Hoàn Kiếm",
        attendees:
          "Các thành viên Ban Chỉ đạo; lãnh đạo các sở, ban, ngành; đại diện Công an Thành phố, Bảo hiểm xã hội Hà Nội.",
        notes:
          "Ban Chỉ đạo nghe báo cáo kết quả chuyển đổi số, tình hình cung cấp dịch vụ công trực tuyến, kết nối, chia sẻ dữ liệu với các cơ sở dữ liệu quốc gia và đề xuất các nhiệm vụ trọng tâm.",
        createdAt: at(meetingOn, "17:00"),
        updatedAt: at(meetingOn, "17:00"),
      })
      .returning({ id: meetings.id })
      .get();
    counts.meetings += 1;

    const current = currentTasks(day, at(day(-89), "09:00"));
    const directiveNow = tx
      .insert(directives)
      .values({
        committeeId: digital.id,
        meetingId: meetingNow.id,
        number: "412/TB-UBND",
        type: "conclusion_notice",
        issuedOn,
        issuer: "UBND Thành phố Hà Nội",
        signer: "TL. Chủ tịch, Phó Chánh Văn phòng UBND Thành phố",
        abstract: `Kết luận của Phó Chủ tịch UBND Thành phố, Phó Trưởng Ban Chỉ đạo Chuyển đổi số Thành phố tại phiên họp ngày ${formatLocalDate(meetingOn)} về các nhiệm vụ trọng tâm chuyển đổi số năm ${year}`,
        fullText: fullText(
          `Ngày ${formatLocalDate(meetingOn)}, Phó Chủ tịch UBND Thành phố, Phó Trưởng Ban Chỉ đạo Chuyển đổi số Thành phố chủ trì phiên họp về các nhiệm vụ trọng tâm chuyển đổi số năm ${year}. Sau khi nghe báo cáo và ý kiến của các thành viên, Phó Chủ tịch UBND Thành phố kết luận và giao nhiệm vụ như sau:`,
          current,
          "Văn phòng UBND Thành phố thông báo để các cơ quan, đơn vị biết, thực hiện; định kỳ ngày 20 hằng tháng báo cáo kết quả qua Hệ thống theo dõi nhiệm vụ./.",
          departmentName,
        ),
        confidential: false,
        state: "issued",
        createdBy: secretariatId,
        createdAt: at(day(-89), "08:30"),
        updatedAt: at(day(-89), "08:30"),
      })
      .returning({ id: directives.id })
      .get();
    counts.directives += 1;
    position = 1;
    for (const spec of current) position = insertTask(ctx, spec, directiveNow.id, position);

    // A confidential letter: visible only to the secretariat, leadership and the departments assigned.
    const secret = confidentialTasks(day, at(day(-29), "10:00"));
    const directiveSecret = tx
      .insert(directives)
      .values({
        committeeId: digital.id,
        meetingId: null,
        number: "1563/UBND-NC",
        type: "official_letter",
        issuedOn: day(-30),
        issuer: "UBND Thành phố Hà Nội",
        signer: "KT. Chủ tịch, Phó Chủ tịch UBND Thành phố",
        abstract: "Về việc tăng cường bảo đảm an ninh mạng đối với các hệ thống thông tin quan trọng của Thành phố",
        fullText: fullText(
          "Để bảo đảm an ninh mạng đối với các hệ thống thông tin quan trọng của Thành phố, UBND Thành phố giao nhiệm vụ như sau:",
          secret,
          "Yêu cầu các đơn vị được giao thực hiện nghiêm túc, bảo đảm bí mật theo quy định./.",
          departmentName,
        ),
        confidential: true,
        state: "issued",
        createdBy: secretariatId,
        createdAt: at(day(-29), "09:30"),
        updatedAt: at(day(-29), "09:30"),
      })
      .returning({ id: directives.id })
      .get();
    counts.directives += 1;
    position = 1;
    for (const spec of secret) position = insertTask(ctx, spec, directiveSecret.id, position);

    tx.insert(auditEvents)
      .values({ at: now, actorId: null, action: "demo.load", entityType: "database", entityId: null, after: counts })
      .run();

    return {
      logins: DEMO_USERS.map((u) => ({
        login: u.login,
        displayName: u.displayName,
        role: u.role,
        department: u.department,
        password: DEMO_PASSWORD,
      })),
    };
  });
}
