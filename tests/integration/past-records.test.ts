// Deadline changes and records entered after the fact ("nhập bổ sung",
// docs/domain-rules.md §4.3–§4.4) through app/models/past-records.server.ts, and the
// deadline rule of a task edit (app/models/tasks.server.ts): a real migrated SQLite
// file with the demo data, and tasks of directives issued in 2019 entered either at
// the time or years later. Statuses are read as the pages read them
// (taskStatusesAsOf) on both bases. Every refusal is checked to write nothing: not
// the task row, not a history row, not an audit event.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { count, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  auditEvents,
  extensionRequests,
  taskDeadlineChanges,
  taskLeadAssignments,
  tasks,
  taskTransitions,
} from "../../db/schema";
import { loadDemoData } from "../../db/seed/demo";
import { addDays, endOfLocalDay, startOfLocalDay, type Instant, type LocalDate } from "../../app/domain/dates";
import type { PastRecordViolation } from "../../app/domain/past-records";
import type { Actor } from "../../app/domain/permissions";
import type { StatusBasis } from "../../app/domain/vocabulary";
import { openDatabase, type AppDatabase } from "../../app/models/db.server";
import { createDirective, setDirectiveState } from "../../app/models/directives.server";
import {
  changeDeadline,
  deadlineChanges,
  recordPastCompletion,
  recordPastExtension,
} from "../../app/models/past-records.server";
import { decideExtension, requestExtension } from "../../app/models/task-progress.server";
import { taskStatusesAsOf } from "../../app/models/task-status.server";
import { createTask, updateTask, type TaskInput } from "../../app/models/tasks.server";
import { freshDatabaseFile } from "../setup/database";

const origin = { ipAddress: "127.0.0.1", userAgent: "test", requestId: "past-records" };
/** An instant on a Hanoi calendar day. */
const at = (date: LocalDate, time = "10:00") => Date.parse(`${date}T${time}:00+07:00`);
const MINUTE = 60_000;
/** "Today" for these tests: the day the secretariat enters the old records. */
const TODAY: LocalDate = "2026-03-16";
const NOW = at(TODAY, "10:30");

let db: AppDatabase;
let secretariat: Actor;
let admin: Actor;
let leadership: Actor;
let sttttLead: Actor;
let snvLead: Actor;
let dept: Record<string, number>;
let committeeId: number;
let directiveNumber = 0;

function actor(login: string): Actor {
  return db.get<Actor>(sql`SELECT id, role, department_id AS departmentId FROM users WHERE login = ${login}`)!;
}

/** A migrated copy loaded with the demo data once; each test works on a copy of it. */
let seededFile: string;

beforeAll(async () => {
  seededFile = freshDatabaseFile();
  const seeding = openDatabase(seededFile);
  await loadDemoData(seeding, { now: at(TODAY, "09:00") });
  seeding.$client.close();
});

beforeEach(() => {
  const file = path.join(path.dirname(seededFile), `${crypto.randomUUID()}.db`);
  fs.copyFileSync(seededFile, file);
  db = openDatabase(file);
  secretariat = actor("vanphong");
  admin = actor("admin");
  leadership = actor("lanhdao");
  sttttLead = actor("stttt.truong");
  snvLead = actor("snv.truong");
  dept = Object.fromEntries(
    db.all<{ code: string; id: number }>(sql`SELECT code, id FROM departments`).map((d) => [d.code, d.id]),
  );
  committeeId = db.get<{ id: number }>(sql`SELECT id FROM committees WHERE code = 'BCD-CQDT'`)!.id;
});

afterEach(() => {
  db.$client.close();
});

interface Fixture {
  /** The day the directive was issued and the task assigned. */
  assignedOn: LocalDate;
  dueDate: LocalDate | null;
  /** When the secretariat entered the directive and the task (default: now, years later). */
  enteredAt?: Instant;
  /** Leave the directive a draft. */
  draft?: boolean;
  confidential?: boolean;
}

/** A directive with one task led by STTTT (SGDDT coordinates), issued on the assignment day unless a draft. */
function fixture({ assignedOn, dueDate, enteredAt = NOW, draft = false, confidential = false }: Fixture) {
  directiveNumber += 1;
  const directive = createDirective(
    db,
    secretariat,
    {
      committeeId,
      meetingId: null,
      number: `${900 + directiveNumber}/TB-UBND`,
      type: "conclusion_notice",
      issuedOn: assignedOn,
      issuer: "UBND Thành phố Hà Nội",
      signer: null,
      abstract: "Kết luận của Trưởng Ban Chỉ đạo (nhập bổ sung)",
      fullText: null,
      confidential,
    },
    origin,
    enteredAt,
  );
  if (!directive.ok) throw new Error(JSON.stringify(directive));
  const input = taskInput(directive.id, { assignedOn, dueDate, deadlineKind: dueDate === null ? "ongoing" : "dated" });
  const task = createTask(db, secretariat, input, origin, enteredAt);
  if (!task.ok) throw new Error(JSON.stringify(task));
  if (!draft) {
    const issued = setDirectiveState(db, secretariat, directive.id, 1, "issued", origin, enteredAt);
    if (!issued.ok) throw new Error(JSON.stringify(issued));
  }
  return { id: task.id, directiveId: directive.id, input };
}

function taskInput(directiveId: number, overrides: Partial<TaskInput> = {}): TaskInput {
  return {
    directiveId,
    parentId: null,
    itemNumber: "1",
    title: "Hướng dẫn thuê dịch vụ công nghệ thông tin sử dụng nguồn vốn ngân sách nhà nước",
    description: null,
    leadDepartmentId: dept.STTTT!,
    coordinatorDepartmentIds: [dept.SGDDT!],
    deadlineKind: "dated",
    dueDate: "2020-01-31",
    assignedOn: "2019-12-10",
    ...overrides,
  };
}

const row = (id: number) => db.select().from(tasks).where(eq(tasks.id, id)).get()!;
const version = (id: number) => row(id).version;
const statusOn = (id: number, day: LocalDate, basis: StatusBasis = "happened") =>
  taskStatusesAsOf(db, [id], day, basis).get(id) ?? null;

/** Everything a refused write must leave as it was. */
function snapshot(id: number) {
  const n = (table: typeof auditEvents | typeof extensionRequests | typeof taskTransitions) =>
    db.select({ n: count() }).from(table).get()!.n;
  return {
    task: row(id),
    audit: n(auditEvents),
    requests: n(extensionRequests),
    transitions: n(taskTransitions),
    deadlineChanges: db.select({ n: count() }).from(taskDeadlineChanges).get()!.n,
    leads: db.select({ n: count() }).from(taskLeadAssignments).get()!.n,
  };
}

function auditOf(id: number) {
  return db
    .select({ action: auditEvents.action, at: auditEvents.at, actorId: auditEvents.actorId, after: auditEvents.after })
    .from(auditEvents)
    .where(sql`${auditEvents.entityType} = 'task' AND ${auditEvents.entityId} = ${String(id)}`)
    .orderBy(auditEvents.id)
    .all();
}

const REASON = "Công văn số 215/UBND-KGVX ngày 20/02/2020 (bản giấy)";
const extension = (over: Partial<{ dueDate: LocalDate; decidedOn: LocalDate; reason: string }> = {}) => ({
  dueDate: "2020-02-29",
  decidedOn: "2020-02-20",
  reason: REASON,
  ...over,
});
const completion = (
  over: Partial<{
    completionDate: LocalDate;
    reportedOn: LocalDate;
    confirmedOn: LocalDate | null;
    result: string;
    reason: string;
  }> = {},
) => ({
  completionDate: "2020-02-25",
  reportedOn: "2020-02-25",
  confirmedOn: "2020-03-02" as LocalDate | null,
  result: "Đã ban hành văn bản hướng dẫn gửi các sở, ngành, quận, huyện.",
  reason: "Báo cáo số 41/BC-STTTT ngày 25/02/2020",
  ...over,
});

// ---------------------------------------------------------------- the case

describe("a directive of 2019 entered in 2026, with its extension and completion entered after the fact", () => {
  it("counts each record on the day it took effect as it happened, and on the day it was entered as recorded", () => {
    const { id } = fixture({ assignedOn: "2019-12-10", dueDate: "2020-01-31" });
    // Before the records: overdue from 01/02/2020 on, as it happened; unknown before today, as recorded.
    expect(statusOn(id, "2019-12-09")).toBeNull();
    expect(statusOn(id, "2019-12-31")).toMatchObject({ status: "on_track", dueDate: "2020-01-31" });
    expect(statusOn(id, "2020-02-20")).toMatchObject({ status: "overdue", daysLate: 20 });
    expect(statusOn(id, "2019-12-31", "recorded")).toBeNull();

    const extended = recordPastExtension(db, secretariat, id, version(id), extension(), origin, NOW + MINUTE);
    expect(extended).toMatchObject({ ok: true, id });
    if (!extended.ok) return;
    const completed = recordPastCompletion(
      db,
      secretariat,
      id,
      extended.version,
      completion(),
      origin,
      NOW + 2 * MINUTE,
    );
    expect(completed).toMatchObject({ ok: true, id, version: extended.version + 1 });

    expect(row(id)).toMatchObject({
      state: "done",
      percent: 100,
      originalDueDate: "2020-01-31",
      currentDueDate: "2020-02-29",
      completionDate: "2020-02-25",
      completionReportedAt: endOfLocalDay("2020-02-25") - 1,
      confirmedAt: endOfLocalDay("2020-03-02") - 1,
      confirmedBy: secretariat.id,
    });
    // The extension: decided on its day, on behalf of the lead, recorded now.
    expect(db.select().from(extensionRequests).where(eq(extensionRequests.taskId, id)).all()).toEqual([
      expect.objectContaining({
        state: "approved",
        departmentId: dept.STTTT,
        currentDueDate: "2020-01-31",
        proposedDueDate: "2020-02-29",
        approvedDueDate: "2020-02-29",
        decidedAt: endOfLocalDay("2020-02-20") - 1,
        decisionRecordedAt: NOW + MINUTE,
        reason: REASON,
      }),
    ]);
    // The completion: reported and confirmed on their days, both recorded now.
    expect(
      db
        .select({
          from: taskTransitions.fromState,
          to: taskTransitions.toState,
          changedAt: taskTransitions.changedAt,
          recordedAt: taskTransitions.recordedAt,
          completionDate: taskTransitions.completionDate,
        })
        .from(taskTransitions)
        .where(eq(taskTransitions.taskId, id))
        .orderBy(taskTransitions.id)
        .all(),
    ).toEqual([
      {
        from: "open",
        to: "awaiting_confirmation",
        changedAt: endOfLocalDay("2020-02-25") - 1,
        recordedAt: NOW + 2 * MINUTE,
        completionDate: "2020-02-25",
      },
      {
        from: "awaiting_confirmation",
        to: "done",
        changedAt: endOfLocalDay("2020-03-02") - 1,
        recordedAt: NOW + 2 * MINUTE,
        completionDate: "2020-02-25",
      },
    ]);

    const happened: [LocalDate, Record<string, unknown> | null][] = [
      ["2019-12-09", null],
      ["2019-12-10", { status: "on_track", dueDate: "2020-01-31" }],
      ["2019-12-31", { status: "on_track", dueDate: "2020-01-31" }],
      ["2020-01-27", { status: "on_track", dueDate: "2020-01-31" }],
      ["2020-01-28", { status: "due_soon", dueDate: "2020-01-31" }],
      ["2020-01-31", { status: "due_soon", dueDate: "2020-01-31" }],
      ["2020-02-01", { status: "overdue", dueDate: "2020-01-31", daysLate: 1 }],
      ["2020-02-19", { status: "overdue", dueDate: "2020-01-31", daysLate: 19 }],
      // The extension, decided on 20/02, counts from that day on.
      ["2020-02-20", { status: "on_track", dueDate: "2020-02-29" }],
      ["2020-02-24", { status: "on_track", dueDate: "2020-02-29" }],
      ["2020-02-25", { status: "awaiting_confirmation", late: false, awaitingSince: "2020-02-25" }],
      ["2020-03-01", { status: "awaiting_confirmation", late: false, awaitingSince: "2020-02-25" }],
      ["2020-03-02", { status: "done_on_time", dueDate: "2020-02-29" }],
      ["2021-12-31", { status: "done_on_time", dueDate: "2020-02-29" }],
      [TODAY, { status: "done_on_time", dueDate: "2020-02-29" }],
    ];
    for (const [day, expected] of happened) {
      const status = statusOn(id, day);
      if (expected === null) expect(status, day).toBeNull();
      else expect(status, day).toMatchObject(expected);
    }
    // As recorded, none of it existed before the day it was entered; on that day, all of it.
    for (const day of ["2019-12-31", "2020-02-20", "2020-02-25", "2020-03-02", "2026-03-15"] as LocalDate[]) {
      expect(statusOn(id, day, "recorded"), day).toBeNull();
    }
    expect(statusOn(id, TODAY, "recorded")).toMatchObject({ status: "done_on_time", dueDate: "2020-02-29" });

    // The audit events carry the day each record took effect, when it was recorded, and why.
    const audit = auditOf(id);
    expect(audit.map((a) => a.action)).toEqual(["task.create", "extension.record_past", "completion.record_past"]);
    expect(audit[1]).toMatchObject({
      at: NOW + MINUTE,
      actorId: secretariat.id,
      after: expect.objectContaining({
        effectiveOn: "2020-02-20",
        recordedAt: NOW + MINUTE,
        entryReason: REASON,
        approvedDueDate: "2020-02-29",
        currentDueDate: "2020-02-29",
      }),
    });
    // The reason entered is not a field of the task: it does not take the key of one (`reason` of a change of lead).
    for (const event of audit.slice(1)) expect(event.after).not.toHaveProperty("reason");
    expect(audit[2]).toMatchObject({
      at: NOW + 2 * MINUTE,
      after: expect.objectContaining({
        reportedOn: "2020-02-25",
        confirmedOn: "2020-03-02",
        recordedAt: NOW + 2 * MINUTE,
        entryReason: "Báo cáo số 41/BC-STTTT ngày 25/02/2020",
        state: "done",
      }),
    });
  });

  it("judges a completion entered after the fact by its date against the deadline in force on that date", () => {
    // Reported done on 05/02/2020, after the due date (31/01): late, and stays late after a later extension.
    const { id } = fixture({ assignedOn: "2019-12-10", dueDate: "2020-01-31" });
    const done = recordPastCompletion(
      db,
      secretariat,
      id,
      version(id),
      completion({ completionDate: "2020-02-05", reportedOn: "2020-02-06", confirmedOn: null }),
      origin,
      NOW,
    );
    expect(done).toMatchObject({ ok: true });
    expect(row(id)).toMatchObject({ state: "awaiting_confirmation", confirmedAt: null, confirmedBy: null });
    expect(statusOn(id, "2020-02-05")).toMatchObject({ status: "overdue", daysLate: 5 });
    expect(statusOn(id, "2020-02-06")).toMatchObject({
      status: "awaiting_confirmation",
      late: true,
      daysLate: 5,
      awaitingSince: "2020-02-06",
    });
    expect(statusOn(id, TODAY)).toMatchObject({ status: "awaiting_confirmation", late: true, daysLate: 5 });
  });

  it("enters a record of today as a live one: effective now, no separate recording time", () => {
    const { id } = fixture({ assignedOn: "2019-12-10", dueDate: "2020-01-31" });
    const extended = recordPastExtension(
      db,
      secretariat,
      id,
      version(id),
      extension({ decidedOn: TODAY, dueDate: "2026-06-30" }),
      origin,
      NOW,
    );
    expect(extended).toMatchObject({ ok: true });
    expect(db.select().from(extensionRequests).where(eq(extensionRequests.taskId, id)).get()).toMatchObject({
      decidedAt: NOW,
      decisionRecordedAt: null,
      currentDueDate: "2020-01-31",
    });
    expect(statusOn(id, addDays(TODAY, -1))).toMatchObject({ status: "overdue", dueDate: "2020-01-31" });
    expect(statusOn(id, TODAY)).toMatchObject({ status: "on_track", dueDate: "2026-06-30" });
  });
});

// ---------------------------------------------------------------- deadline changes

describe("a deadline change on an issued task (due 30/11/2019, entered at the time, like item 7 of the 2019 notice)", () => {
  const entered = at("2019-09-24", "14:30");
  const seven = () => fixture({ assignedOn: "2019-09-24", dueDate: "2019-11-30", enteredAt: entered });
  const change = (over: Partial<{ dueDate: LocalDate; effectiveOn: LocalDate | null; reason: string }> = {}) => ({
    kind: "change" as const,
    dueDate: "2020-01-31",
    effectiveOn: null as LocalDate | null,
    reason: "Quyết định số 88/QĐ-UBND điều chỉnh thời hạn",
    ...over,
  });

  it("keeps the original due date; from today, it leaves every past day as it was", () => {
    const { id } = seven();
    expect(statusOn(id, "2019-12-31")).toMatchObject({ status: "overdue", dueDate: "2019-11-30", daysLate: 31 });
    const result = changeDeadline(db, secretariat, id, version(id), change(), origin, NOW);
    expect(result).toMatchObject({ ok: true, id, version: 2 });
    expect(row(id)).toMatchObject({ originalDueDate: "2019-11-30", currentDueDate: "2020-01-31", version: 2 });
    expect(deadlineChanges(db, id)).toEqual([
      {
        id: expect.any(Number),
        kind: "change",
        previousDueDate: "2019-11-30",
        dueDate: "2020-01-31",
        effectiveAt: NOW,
        recordedAt: NOW,
        reason: "Quyết định số 88/QĐ-UBND điều chỉnh thời hạn",
      },
    ]);
    for (const basis of ["happened", "recorded"] as const) {
      expect(statusOn(id, "2019-12-31", basis), basis).toMatchObject({
        status: "overdue",
        dueDate: "2019-11-30",
        daysLate: 31,
      });
      expect(statusOn(id, "2026-03-15", basis), basis).toMatchObject({ status: "overdue", dueDate: "2019-11-30" });
      expect(statusOn(id, TODAY, basis), basis).toMatchObject({ status: "overdue", dueDate: "2020-01-31" });
    }
    const audit = auditOf(id).at(-1)!;
    expect(audit).toMatchObject({
      action: "task.deadline_change",
      at: NOW,
      after: expect.objectContaining({
        dueDate: "2020-01-31",
        effectiveOn: TODAY,
        recordedAt: NOW,
        entryReason: "Quyết định số 88/QĐ-UBND điều chỉnh thời hạn",
        originalDueDate: "2019-11-30",
        currentDueDate: "2020-01-31",
      }),
    });
  });

  it("from a past day: counts from that day as it happened, from the day entered as recorded", () => {
    const { id } = seven();
    const result = changeDeadline(db, secretariat, id, 1, change({ effectiveOn: "2020-01-15" }), origin, NOW);
    expect(result).toMatchObject({ ok: true });
    expect(deadlineChanges(db, id)[0]).toMatchObject({ effectiveAt: startOfLocalDay("2020-01-15"), recordedAt: NOW });
    expect(statusOn(id, "2019-12-31")).toMatchObject({ status: "overdue", dueDate: "2019-11-30" });
    expect(statusOn(id, "2020-01-14")).toMatchObject({ status: "overdue", dueDate: "2019-11-30", daysLate: 45 });
    expect(statusOn(id, "2020-01-15")).toMatchObject({ status: "on_track", dueDate: "2020-01-31" });
    expect(statusOn(id, "2020-01-15", "recorded")).toMatchObject({ status: "overdue", dueDate: "2019-11-30" });
    expect(auditOf(id).at(-1)!.after).toMatchObject({ effectiveOn: "2020-01-15", recordedAt: NOW });
  });

  it("a correction applies from the assignment as it happened, and not to what was recorded before it", () => {
    const { id } = seven();
    const result = changeDeadline(
      db,
      secretariat,
      id,
      1,
      {
        kind: "correction",
        dueDate: "2020-01-31",
        effectiveOn: null,
        reason: "Nhập nhầm thời hạn (văn bản ghi 31/01/2020)",
      },
      origin,
      NOW,
    );
    expect(result).toMatchObject({ ok: true });
    expect(row(id)).toMatchObject({ originalDueDate: "2019-11-30", currentDueDate: "2020-01-31" });
    expect(statusOn(id, "2019-10-01")).toMatchObject({ status: "on_track", dueDate: "2020-01-31" });
    expect(statusOn(id, "2019-12-31")).toMatchObject({ status: "on_track", dueDate: "2020-01-31" });
    expect(statusOn(id, "2020-02-01")).toMatchObject({ status: "overdue", daysLate: 1 });
    expect(statusOn(id, "2019-12-31", "recorded")).toMatchObject({
      status: "overdue",
      dueDate: "2019-11-30",
      daysLate: 31,
    });
    expect(auditOf(id).at(-1)).toMatchObject({
      action: "task.deadline_correct",
      after: expect.objectContaining({ effectiveOn: null, recordedAt: NOW, dueDate: "2020-01-31" }),
    });
  });

  it("a correction on the demo's item 7 (done late) turns it on time as it happened, not as recorded", () => {
    const seeded = db.get<{ id: number }>(sql`
      SELECT t.id FROM tasks t JOIN directives d ON d.id = t.directive_id
      WHERE d.number = '1198/TB-UBND' AND t.item_number = '7'`)!.id;
    expect(row(seeded)).toMatchObject({ originalDueDate: "2019-11-30", completionDate: "2020-01-10", state: "done" });
    expect(statusOn(seeded, "2020-03-01")).toMatchObject({ status: "done_late" });
    const result = changeDeadline(
      db,
      secretariat,
      seeded,
      version(seeded),
      { kind: "correction", dueDate: "2020-01-31", effectiveOn: null, reason: "Nhập nhầm thời hạn" },
      origin,
      NOW,
    );
    expect(result).toMatchObject({ ok: true });
    expect(statusOn(seeded, "2020-03-01")).toMatchObject({ status: "done_on_time", dueDate: "2020-01-31" });
    expect(statusOn(seeded, "2019-12-31")).toMatchObject({ status: "on_track", dueDate: "2020-01-31" });
    expect(statusOn(seeded, "2020-03-01", "recorded")).toMatchObject({ status: "done_late", dueDate: "2019-11-30" });
  });

  it("keeps one deadline in force: the row's current due date is the latest to take effect", () => {
    const { id } = seven();
    const ext = recordPastExtension(
      db,
      secretariat,
      id,
      1,
      extension({ decidedOn: "2019-11-25", dueDate: "2019-12-31" }),
      origin,
      NOW,
    );
    expect(ext).toMatchObject({ ok: true });
    expect(row(id).currentDueDate).toBe("2019-12-31");
    const changed = changeDeadline(
      db,
      secretariat,
      id,
      version(id),
      change({ dueDate: "2020-02-15", effectiveOn: "2020-01-10" }),
      origin,
      NOW + MINUTE,
    );
    expect(changed).toMatchObject({ ok: true });
    expect(row(id)).toMatchObject({ originalDueDate: "2019-11-30", currentDueDate: "2020-02-15" });
    // The change replaced the extended date, not the original one.
    expect(deadlineChanges(db, id)[0]).toMatchObject({ previousDueDate: "2019-12-31", dueDate: "2020-02-15" });
    const again = recordPastExtension(
      db,
      secretariat,
      id,
      version(id),
      extension({ decidedOn: "2020-02-10", dueDate: "2020-03-31" }),
      origin,
      NOW + 2 * MINUTE,
    );
    expect(again).toMatchObject({ ok: true });
    expect(row(id).currentDueDate).toBe("2020-03-31");
    expect(db.select().from(extensionRequests).where(eq(extensionRequests.taskId, id)).all().at(-1)).toMatchObject({
      currentDueDate: "2020-02-15",
    });
    const days: [LocalDate, LocalDate][] = [
      ["2019-11-24", "2019-11-30"],
      ["2019-11-25", "2019-12-31"],
      ["2020-01-09", "2019-12-31"],
      ["2020-01-10", "2020-02-15"],
      ["2020-02-10", "2020-03-31"],
      [TODAY, "2020-03-31"],
    ];
    for (const [day, due] of days) expect(statusOn(id, day)?.dueDate, day).toBe(due);
    // What the row says now is what the status rules say now.
    expect(statusOn(id, TODAY)?.dueDate).toBe(row(id).currentDueDate);
  });

  it("a change from the day of a live extension takes effect after it, and is in force from then", () => {
    const { id } = seven();
    const asked = requestExtension(
      db,
      sttttLead,
      { taskId: id, proposedDueDate: "2019-12-31", reason: "Chờ ý kiến các sở", idempotencyKey: null },
      origin,
      at("2019-11-20"),
    );
    if (!asked.ok) throw new Error(JSON.stringify(asked));
    const decidedAt = at("2019-11-25", "10:00");
    const decided = decideExtension(
      db,
      secretariat,
      { requestId: asked.id, baseVersion: version(id), outcome: "approve" },
      origin,
      decidedAt,
    );
    expect(decided).toMatchObject({ ok: true });
    const changed = changeDeadline(
      db,
      secretariat,
      id,
      version(id),
      change({ dueDate: "2020-02-15", effectiveOn: "2019-11-25" }),
      origin,
      NOW,
    );
    expect(changed).toMatchObject({ ok: true });
    expect(deadlineChanges(db, id)[0]).toMatchObject({
      previousDueDate: "2019-12-31",
      dueDate: "2020-02-15",
      effectiveAt: decidedAt + 1,
    });
    expect(row(id)).toMatchObject({ originalDueDate: "2019-11-30", currentDueDate: "2020-02-15" });
    expect(statusOn(id, "2019-11-24")?.dueDate).toBe("2019-11-30");
    expect(statusOn(id, "2019-11-25")?.dueDate).toBe("2020-02-15");
    expect(statusOn(id, "2019-12-31")?.dueDate).toBe("2020-02-15");
    // As recorded, the change counts only from the day it was entered.
    expect(statusOn(id, "2019-12-31", "recorded")?.dueDate).toBe("2019-12-31");
  });

  it("refuses a change from the day of an extension entered after the fact: no instant of that day is left", () => {
    const { id } = seven();
    expect(
      recordPastExtension(
        db,
        secretariat,
        id,
        1,
        extension({ decidedOn: "2019-11-25", dueDate: "2019-12-31" }),
        origin,
        NOW,
      ),
    ).toMatchObject({ ok: true });
    const before = snapshot(id);
    const changed = changeDeadline(
      db,
      secretariat,
      id,
      version(id),
      change({ dueDate: "2020-02-15", effectiveOn: "2019-11-25" }),
      origin,
      NOW + MINUTE,
    );
    expect(changed).toEqual({
      ok: false,
      error: "rule",
      violations: [{ code: "before_latest_move", field: "effectiveOn" }],
    });
    expect(snapshot(id)).toEqual(before);
    // From the next day it is accepted.
    expect(
      changeDeadline(
        db,
        secretariat,
        id,
        version(id),
        change({ dueDate: "2020-02-15", effectiveOn: "2019-11-26" }),
        origin,
        NOW + MINUTE,
      ),
    ).toMatchObject({ ok: true });
    expect(statusOn(id, "2019-11-25")?.dueDate).toBe("2019-12-31");
    expect(statusOn(id, "2019-11-26")?.dueDate).toBe("2020-02-15");
  });

  it("a correction after an extension replaces the deadline of the assignment, and says so", () => {
    const { id } = seven();
    expect(
      recordPastExtension(
        db,
        secretariat,
        id,
        1,
        extension({ decidedOn: "2019-11-25", dueDate: "2019-12-31" }),
        origin,
        NOW,
      ),
    ).toMatchObject({ ok: true });
    const corrected = changeDeadline(
      db,
      secretariat,
      id,
      version(id),
      { kind: "correction", dueDate: "2019-11-15", effectiveOn: null, reason: "Nhập nhầm thời hạn" },
      origin,
      NOW + MINUTE,
    );
    expect(corrected).toMatchObject({ ok: true });
    // The stored change names the due date in force at the assignment, not the extended one.
    expect(deadlineChanges(db, id)[0]).toMatchObject({
      kind: "correction",
      previousDueDate: "2019-11-30",
      dueDate: "2019-11-15",
    });
    // The extension still takes effect on its day.
    expect(statusOn(id, "2019-11-20")?.dueDate).toBe("2019-11-15");
    expect(statusOn(id, "2019-11-25")?.dueDate).toBe("2019-12-31");
    expect(row(id)).toMatchObject({ originalDueDate: "2019-11-30", currentDueDate: "2019-12-31" });
  });
});

// ---------------------------------------------------------------- refusals

describe("refusals write nothing", () => {
  /** The task, with its extension of 20/02/2020 already entered. */
  function extendedTask() {
    const { id } = fixture({ assignedOn: "2019-12-10", dueDate: "2020-01-31" });
    const ext = recordPastExtension(db, secretariat, id, 1, extension(), origin, NOW);
    if (!ext.ok) throw new Error(JSON.stringify(ext));
    return id;
  }

  type Attempt = (id: number, v: number) => ReturnType<typeof changeDeadline>;
  const deadline =
    (
      over: Partial<{
        kind: "change" | "correction";
        dueDate: LocalDate;
        effectiveOn: LocalDate | null;
        reason: string;
      }>,
    ) =>
    (id: number, v: number) =>
      changeDeadline(
        db,
        secretariat,
        id,
        v,
        { kind: "change", dueDate: "2020-04-30", effectiveOn: "2020-03-01", reason: "Quyết định điều chỉnh", ...over },
        origin,
        NOW + MINUTE,
      );
  const ext = (over: Parameters<typeof extension>[0]) => (id: number, v: number) =>
    recordPastExtension(
      db,
      secretariat,
      id,
      v,
      extension({ decidedOn: "2020-02-21", dueDate: "2020-03-15", ...over }),
      origin,
      NOW + MINUTE,
    );
  const done = (over: Parameters<typeof completion>[0]) => (id: number, v: number) =>
    recordPastCompletion(db, secretariat, id, v, completion(over), origin, NOW + MINUTE);

  /** A `rule` refusal: each problem with the form field it concerns. */
  const rule = (...problems: [PastRecordViolation, string][]) => ({
    error: "rule",
    violations: problems.map(([code, field]) => ({ code, field })),
  });
  const cases: [string, Attempt, Record<string, unknown>][] = [
    ["a blank reason (deadline)", deadline({ reason: "  " }), rule(["reason_required", "reason"])],
    ["a blank reason (extension)", ext({ reason: " \n " }), rule(["reason_required", "reason"])],
    ["a blank reason (completion)", done({ reason: "" }), rule(["reason_required", "reason"])],
    ["a change from a day to come", deadline({ effectiveOn: "2026-03-17" }), rule(["date_in_future", "effectiveOn"])],
    [
      "an extension decided on a day to come",
      ext({ decidedOn: "2026-03-17", dueDate: "2026-06-30" }),
      rule(["date_in_future", "decidedOn"]),
    ],
    [
      "a completion reported on a day to come",
      done({ completionDate: "2026-03-17", reportedOn: "2026-03-17", confirmedOn: null }),
      rule(["date_in_future", "reportedOn"], ["date_in_future", "completionDate"]),
    ],
    [
      "a completion confirmed on a day to come",
      done({ confirmedOn: "2026-03-17" }),
      rule(["date_in_future", "confirmedOn"]),
    ],
    ["a new due date before the assignment", deadline({ dueDate: "2019-12-01" }), rule(["before_assigned", "dueDate"])],
    [
      "a change from before the assignment",
      deadline({ effectiveOn: "2019-12-01" }),
      rule(["before_assigned", "effectiveOn"], ["before_latest_move", "effectiveOn"]),
    ],
    [
      "an extension decided before the assignment",
      ext({ decidedOn: "2019-12-09" }),
      rule(["before_assigned", "decidedOn"], ["before_latest_move", "decidedOn"]),
    ],
    [
      "a completion dated before the assignment",
      done({ completionDate: "2019-12-09" }),
      rule(["before_assigned", "completionDate"]),
    ],
    [
      "a change from before the latest extension",
      deadline({ effectiveOn: "2020-02-19" }),
      rule(["before_latest_move", "effectiveOn"]),
    ],
    [
      // The extension was entered after the fact: it takes the last instant of its day.
      "a change from the day of the latest extension, entered after the fact",
      deadline({ effectiveOn: "2020-02-20" }),
      rule(["before_latest_move", "effectiveOn"]),
    ],
    [
      "an extension decided before the latest extension",
      ext({ decidedOn: "2020-02-19" }),
      rule(["before_latest_move", "decidedOn"]),
    ],
    [
      "a completion reported before the latest extension",
      done({ completionDate: "2020-02-18", reportedOn: "2020-02-19", confirmedOn: null }),
      rule(["before_latest_move", "reportedOn"]),
    ],
    [
      "an extension to the due date then in force",
      ext({ dueDate: "2020-02-29" }),
      rule(["not_later_than_due", "dueDate"]),
    ],
    [
      "an extension to a date before the due date then in force",
      ext({ dueDate: "2020-02-25" }),
      rule(["not_later_than_due", "dueDate"]),
    ],
    ["a change to the due date in force", deadline({ dueDate: "2020-02-29" }), rule(["same_due_date", "dueDate"])],
    [
      "a confirmation before the report",
      done({ reportedOn: "2020-02-27", confirmedOn: "2020-02-26" }),
      rule(["confirmed_before_reported", "confirmedOn"]),
    ],
    [
      "a completion date after the report",
      done({ completionDate: "2020-02-27", reportedOn: "2020-02-26", confirmedOn: null }),
      rule(["completed_after_reported", "completionDate"]),
    ],
  ];

  it.each(cases)("refuses %s", (_label, attempt, expected) => {
    const id = extendedTask();
    const before = snapshot(id);
    expect(attempt(id, version(id))).toEqual({ ok: false, ...expected });
    expect(snapshot(id)).toEqual(before);
  });

  it("refuses an extension while the department's own request is pending", () => {
    const id = extendedTask();
    const asked = requestExtension(
      db,
      sttttLead,
      { taskId: id, proposedDueDate: "2026-06-30", reason: "Chờ kinh phí", idempotencyKey: null },
      origin,
      NOW,
    );
    expect(asked).toMatchObject({ ok: true });
    const before = snapshot(id);
    expect(ext({})(id, version(id))).toEqual({ ok: false, error: "pending_request" });
    expect(snapshot(id)).toEqual(before);
  });

  it("refuses a completion on a task awaiting confirmation or done, naming its state", () => {
    const id = extendedTask();
    expect(done({ confirmedOn: null })(id, version(id))).toMatchObject({ ok: true });
    const before = snapshot(id);
    expect(done({ completionDate: "2020-02-26", reportedOn: "2020-02-27" })(id, version(id))).toEqual({
      ok: false,
      error: "invalid_state",
      state: "awaiting_confirmation",
    });
    expect(snapshot(id)).toEqual(before);

    const other = extendedTask();
    expect(done({})(other, version(other))).toMatchObject({ ok: true });
    expect(
      done({ completionDate: "2020-03-05", reportedOn: "2020-03-05", confirmedOn: null })(other, version(other)),
    ).toEqual({
      ok: false,
      error: "invalid_state",
      state: "done",
    });
  });

  it("refuses a deadline change or an extension on a task without a deadline", () => {
    const { id } = fixture({ assignedOn: "2019-12-10", dueDate: null });
    const before = snapshot(id);
    expect(deadline({ dueDate: "2020-04-30" })(id, 1)).toEqual({ ok: false, error: "undated" });
    expect(ext({})(id, 1)).toEqual({ ok: false, error: "undated" });
    expect(snapshot(id)).toEqual(before);
  });

  it("refuses a write based on a stale version, and lists what changed since", () => {
    const id = extendedTask();
    const stale = version(id);
    expect(deadline({})(id, stale)).toMatchObject({ ok: true });
    const before = snapshot(id);
    for (const attempt of [
      deadline({ dueDate: "2020-05-31" }),
      ext({ decidedOn: "2020-03-02", dueDate: "2020-06-30" }),
      done({ reportedOn: "2020-03-02", confirmedOn: null }),
    ]) {
      const result = attempt(id, stale);
      expect(result).toMatchObject({ ok: false, error: "conflict" });
      if (result.ok || result.error !== "conflict") continue;
      expect(result.changes).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            field: "currentDueDate",
            from: "2020-02-29",
            to: "2020-04-30",
            by: expect.any(String),
          }),
        ]),
      );
    }
    expect(snapshot(id)).toEqual(before);
  });

  it("refuses users without history.enter (forbidden) and tasks they cannot see (not found)", () => {
    const id = extendedTask();
    const confidential = fixture({ assignedOn: "2019-12-10", dueDate: "2020-01-31", confidential: true }).id;
    const draft = fixture({ assignedOn: "2019-12-10", dueDate: "2020-01-31", draft: true }).id;
    const before = [snapshot(id), snapshot(confidential), snapshot(draft)];
    const tries: [Actor, number, string][] = [
      [leadership, id, "forbidden"],
      [sttttLead, id, "forbidden"], // leads the task, may not enter its history
      [snvLead, id, "not_found"], // not assigned: does not see it
      [admin, confidential, "not_found"],
      [admin, draft, "not_found"],
      [leadership, draft, "not_found"],
    ];
    for (const [who, task, error] of tries) {
      const v = version(task);
      const label = `${who.role} ${task}`;
      expect(
        changeDeadline(
          db,
          who,
          task,
          v,
          { kind: "change", dueDate: "2020-04-30", effectiveOn: null, reason: "r" },
          origin,
          NOW,
        ),
        label,
      ).toEqual({ ok: false, error });
      expect(
        recordPastExtension(
          db,
          who,
          task,
          v,
          extension({ decidedOn: "2020-02-21", dueDate: "2020-03-15" }),
          origin,
          NOW,
        ),
        label,
      ).toEqual({ ok: false, error });
      expect(recordPastCompletion(db, who, task, v, completion(), origin, NOW), label).toEqual({ ok: false, error });
    }
    expect([snapshot(id), snapshot(confidential), snapshot(draft)]).toEqual(before);
    // A task that does not exist is not found either.
    expect(recordPastCompletion(db, secretariat, 987_654, 1, completion(), origin, NOW)).toEqual({
      ok: false,
      error: "not_found",
    });
    // The administrator has the permission: on a task it sees, the record is saved.
    expect(recordPastCompletion(db, admin, id, version(id), completion(), origin, NOW)).toMatchObject({ ok: true });
  });
});

// ---------------------------------------------------------------- the deadline of a task edit

describe("editing a task's deadline", () => {
  const edit = (id: number, input: TaskInput, over: Partial<TaskInput> = {}) => {
    const { directiveId: _directive, ...rest } = { ...input, ...over };
    return updateTask(db, secretariat, id, version(id), rest, origin, NOW + 5 * MINUTE);
  };

  it("refuses a new deadline on an issued directive's task and writes nothing", () => {
    const { id, input } = fixture({ assignedOn: "2019-12-10", dueDate: "2020-01-31" });
    const before = snapshot(id);
    expect(edit(id, input, { dueDate: "2020-02-29", title: "Tiêu đề mới" })).toEqual({
      ok: false,
      error: "deadline_on_issued",
    });
    expect(edit(id, input, { deadlineKind: "ongoing", dueDate: null })).toEqual({
      ok: false,
      error: "deadline_on_issued",
    });
    expect(snapshot(id)).toEqual(before);
  });

  it("saves the other fields of an issued task when the deadline is left as it is", () => {
    const { id, input } = fixture({ assignedOn: "2019-12-10", dueDate: "2020-01-31" });
    expect(edit(id, input, { title: "Tiêu đề đã sửa" })).toMatchObject({ ok: true, version: 2 });
    expect(row(id)).toMatchObject({
      title: "Tiêu đề đã sửa",
      originalDueDate: "2020-01-31",
      currentDueDate: "2020-01-31",
    });
    // After an extension the form shows the deadline in force: saving it unchanged keeps both dates.
    expect(recordPastExtension(db, secretariat, id, version(id), extension(), origin, NOW + MINUTE)).toMatchObject({
      ok: true,
    });
    expect(edit(id, input, { title: "Lần sửa thứ hai", dueDate: "2020-02-29" })).toMatchObject({ ok: true });
    expect(row(id)).toMatchObject({
      title: "Lần sửa thứ hai",
      originalDueDate: "2020-01-31",
      currentDueDate: "2020-02-29",
    });
    // Posting the original date back is a change of the deadline in force: refused.
    expect(edit(id, input, { dueDate: "2020-01-31" })).toEqual({ ok: false, error: "deadline_on_issued" });
    expect(row(id).currentDueDate).toBe("2020-02-29");
  });

  it("edits a draft's deadline in place: original and current both", () => {
    const { id, input } = fixture({ assignedOn: "2019-12-10", dueDate: "2020-01-31", draft: true });
    expect(edit(id, input, { dueDate: "2020-03-31" })).toMatchObject({ ok: true, version: 2 });
    expect(row(id)).toMatchObject({
      originalDueDate: "2020-03-31",
      currentDueDate: "2020-03-31",
      deadlineKind: "dated",
    });
    expect(db.select({ n: count() }).from(taskDeadlineChanges).where(eq(taskDeadlineChanges.taskId, id)).get()!.n).toBe(
      0,
    );
    expect(edit(id, input, { deadlineKind: "ongoing", dueDate: null })).toMatchObject({ ok: true });
    expect(row(id)).toMatchObject({ deadlineKind: "ongoing", originalDueDate: null, currentDueDate: null });
  });
});

describe("creating a task assigned before it is entered", () => {
  const leadOf = (id: number) => db.select().from(taskLeadAssignments).where(eq(taskLeadAssignments.taskId, id)).all();

  it("starts the lead's period on the assignment day, recorded when entered", () => {
    const { id } = fixture({ assignedOn: "2019-12-10", dueDate: "2020-01-31" });
    expect(leadOf(id)).toEqual([
      expect.objectContaining({
        departmentId: dept.STTTT,
        fromAt: startOfLocalDay("2019-12-10"),
        recordedAt: NOW,
        untilAt: null,
      }),
    ]);
    // The task belongs to its lead on its past days (as happened).
    expect(statusOn(id, "2019-12-10")).not.toBeNull();
    const leads = db.all<{ lead: number | null }>(sql`
      SELECT DISTINCT lead_department_id AS lead FROM task_status_spans WHERE task_id = ${id}`);
    expect(leads).toEqual([{ lead: dept.STTTT }]);
  });

  it("enters a task assigned at the time it is entered without a later recording time", () => {
    const entered = at("2019-12-10", "00:00");
    const { id } = fixture({ assignedOn: "2019-12-10", dueDate: "2020-01-31", enteredAt: entered });
    expect(leadOf(id)).toEqual([expect.objectContaining({ fromAt: entered, recordedAt: null })]);
  });
});
