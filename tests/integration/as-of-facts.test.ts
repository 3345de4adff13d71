// Every fact as of the day (issue #12, items 1 and 8): the percent, the last update
// and the latest report's texts of a task row, of the export and of the directive
// and task pages, for a past day D on both bases (docs/domain-rules.md §4.4).
//
// Three tasks get a history through the app's own writes, on many days: reports by the
// lead and by a coordinator, an extension, a completion, a return, a change of lead,
// a deadline change, a second completion and its confirmation; a sub-task whose
// completion is entered after the fact; and a task whose completion, entered after
// the fact, is then returned. After every write the stored row
// (tasks.percent, tasks.updated_at) is what the system shows; the list "as recorded"
// for D must show exactly what the row said at the end of D, and "as it happened" the
// completion entered later from the day it took effect. Every day is checked.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { attachments, targets } from "../../db/schema";
import { loadDemoData } from "../../db/seed/demo";
import {
  addDays,
  endOfLocalDay,
  localDateOf,
  startOfLocalDay,
  type Instant,
  type LocalDate,
} from "../../app/domain/dates";
import type { Actor } from "../../app/domain/permissions";
import type { StatusBasis, TaskStatus } from "../../app/domain/vocabulary";
import type { AppDatabase } from "../../app/models/db.server";
import { translator } from "../../app/lib/i18n";
import { recordPastCompletion, changeDeadline } from "../../app/models/past-records.server";
import { taskReport, type TaskReport } from "../../app/models/task-report.server";
import { progressAsOf, taskRows } from "../../app/models/task-rows.server";
import {
  confirmCompletion,
  decideExtension,
  reportCompletion,
  requestExtension,
  returnCompletion,
  submitProgressReport,
} from "../../app/models/task-progress.server";
import { createTask, reassignLead } from "../../app/models/tasks.server";
import { getDirective } from "../../app/models/directive-page.server";
import { getTask } from "../../app/models/task-page.server";
import { listTasks } from "../../app/models/task-list.server";
import { taskListQuery } from "../../app/lib/task-list-query";
import { freshDatabase } from "../setup/database";
import { forgetStatements } from "../../app/models/sql-rows.server";

const t = translator("vi");
const origin = { ipAddress: "127.0.0.1", userAgent: "test", requestId: "as-of-facts" };
/** An instant on a Hanoi calendar day. */
const at = (date: LocalDate, time = "10:00") => Date.parse(`${date}T${time}:00+07:00`);
const FIRST_DAY: LocalDate = "2026-03-30";
const LAST_DAY: LocalDate = "2026-05-16";
const DAYS = Array.from({ length: 48 }, (_, i) => addDays(FIRST_DAY, i));

interface Texts {
  result: string;
  difficulties: string | null;
  proposals: string | null;
}
/** What the system showed for a task after a write: its row, and the texts of its latest lead report. */
interface Shown {
  at: Instant;
  percent: number;
  updatedAt: Instant;
  texts: Texts | null;
}

let db: AppDatabase;
let secretariat: Actor;
let stttt: Actor; // lead of STTTT
let snv: Actor; // lead of SNV
let directiveId: number;
let parentId: number; // "90", led by STTTT then SNV
let subId: number; // "b" under "90", its completion entered after the fact
let returnedId: number; // "91", its completion entered after the fact, then returned
const shown = new Map<number, Shown[]>();
const texts = new Map<number, Texts | null>();

function actor(login: string): Actor {
  return db.get<Actor>(sql`SELECT id, role, department_id AS departmentId FROM users WHERE login = ${login}`)!;
}
const versionOf = (id: number) => db.get<{ v: number }>(sql`SELECT version AS v FROM tasks WHERE id = ${id}`)!.v;

/** Runs a write at `now`, checks it succeeded, and records what the rows show after it. */
function write(now: Instant, run: () => { ok: boolean }, reportTexts?: { taskId: number; texts: Texts }) {
  const result = run();
  expect(result, new Date(now).toISOString()).toMatchObject({ ok: true });
  if (reportTexts) texts.set(reportTexts.taskId, reportTexts.texts);
  for (const id of [parentId, subId, returnedId]) {
    if (id === undefined) continue;
    const row = db.get<{ percent: number; updated_at: number }>(
      sql`SELECT percent, updated_at FROM tasks WHERE id = ${id}`,
    )!;
    shown.set(id, [
      ...(shown.get(id) ?? []),
      { at: now, percent: row.percent, updatedAt: row.updated_at, texts: texts.get(id) ?? null },
    ]);
  }
}

/** What the system showed for a task at the end of D (undefined: not entered yet). */
function shownAtEndOf(taskId: number, day: LocalDate): Shown | undefined {
  return (shown.get(taskId) ?? []).filter((s) => s.at < endOfLocalDay(day)).at(-1);
}

/** A progress report of the task's lead department. */
function report(taskId: number, who: Actor, now: Instant, percent: number, own: Texts) {
  write(
    now,
    () =>
      submitProgressReport(
        db,
        who,
        { taskId, baseVersion: versionOf(taskId), asOfDate: localDateOf(now), percent, ...own },
        origin,
        now,
      ),
    { taskId, texts: own },
  );
}

beforeAll(async () => {
  db = freshDatabase();
  await loadDemoData(db, { now: Date.parse("2026-03-16T03:00:00Z") });
  secretariat = actor("vanphong");
  stttt = actor("stttt.truong");
  snv = actor("snv.truong");
  directiveId = db.get<{ id: number }>(sql`
    SELECT t.directive_id AS id FROM tasks t JOIN directives d ON d.id = t.directive_id
    WHERE t.item_number = '10.a' AND d.state = 'issued' AND d.confidential = 0 LIMIT 1`)!.id;

  const created = (now: Instant, input: Parameters<typeof createTask>[2]) => {
    const result = createTask(db, secretariat, input, origin, now);
    if (!result.ok) throw new Error(`could not create: ${JSON.stringify(result)}`);
    return result.id;
  };
  const base = {
    directiveId,
    description: null,
    deadlineKind: "dated" as const,
    assignedOn: "2026-04-01",
  };
  parentId = created(at("2026-04-01", "09:00"), {
    ...base,
    parentId: null,
    itemNumber: "90",
    title: "Xây dựng kho dữ liệu dùng chung",
    leadDepartmentId: stttt.departmentId!,
    coordinatorDepartmentIds: [snv.departmentId!],
    dueDate: "2026-05-15",
  });
  write(at("2026-04-01", "09:00"), () => ({ ok: true }));
  subId = created(at("2026-04-01", "09:30"), {
    ...base,
    parentId,
    itemNumber: "b",
    title: "Khảo sát hiện trạng dữ liệu",
    leadDepartmentId: stttt.departmentId!,
    coordinatorDepartmentIds: [],
    dueDate: "2026-05-10",
  });
  write(at("2026-04-01", "09:30"), () => ({ ok: true }));
  returnedId = created(at("2026-04-01", "10:00"), {
    ...base,
    parentId: null,
    itemNumber: "91",
    title: "Số hóa hồ sơ lưu trữ",
    leadDepartmentId: stttt.departmentId!,
    coordinatorDepartmentIds: [],
    dueDate: "2026-05-20",
  });
  write(at("2026-04-01", "10:00"), () => ({ ok: true }));
  // A target on the parent, set on 2 April; a second one only on 9 April.
  const target = (name: string, createdAt: Instant) =>
    db
      .insert(targets)
      .values({ taskId: parentId, name, unit: "%", baseline: 10, targetValue: 90, direction: "at_least", createdAt })
      .returning({ id: targets.id })
      .get().id;
  const coverage = target("Tỷ lệ dữ liệu được chuẩn hóa", at("2026-04-02"));
  target("Số cơ sở dữ liệu kết nối", at("2026-04-09"));

  // The writes, in time order (what the rows showed is read after each).
  report(parentId, stttt, at("2026-04-03"), 20, {
    result: "Đã lập kế hoạch",
    difficulties: "Thiếu nhân lực",
    proposals: "Bổ sung biên chế",
  });
  report(subId, stttt, at("2026-04-04", "08:00"), 30, {
    result: "B: khảo sát 5 sở",
    difficulties: null,
    proposals: null,
  });
  // A coordinating department's report (with a target value): not the task's progress.
  write(at("2026-04-05", "11:00"), () =>
    submitProgressReport(
      db,
      snv,
      {
        taskId: parentId,
        baseVersion: versionOf(parentId),
        asOfDate: "2026-04-05",
        percent: 60,
        result: "SNV: đã rà soát biên chế",
        targetValues: [{ targetId: coverage, value: 55 }],
      },
      origin,
      at("2026-04-05", "11:00"),
    ),
  );
  report(returnedId, stttt, at("2026-04-06"), 40, { result: "C: đã số hóa 40%", difficulties: null, proposals: null });
  report(parentId, stttt, at("2026-04-08", "16:00"), 45, {
    result: "Đã chuẩn hóa 12 cơ sở dữ liệu",
    difficulties: null,
    proposals: "Gia hạn 15 ngày",
  });
  write(at("2026-04-10", "09:00"), () =>
    requestExtension(
      db,
      stttt,
      { taskId: parentId, proposedDueDate: "2026-05-30", reason: "Khối lượng lớn" },
      origin,
      at("2026-04-10", "09:00"),
    ),
  );
  const requestId = db.get<{ id: number }>(
    sql`SELECT id FROM extension_requests WHERE task_id = ${parentId} AND state = 'pending'`,
  )!.id;
  write(at("2026-04-11", "14:00"), () =>
    decideExtension(
      db,
      secretariat,
      { requestId, baseVersion: versionOf(parentId), outcome: "approve" },
      origin,
      at("2026-04-11", "14:00"),
    ),
  );
  write(
    at("2026-04-15"),
    () =>
      reportCompletion(
        db,
        stttt,
        {
          taskId: parentId,
          baseVersion: versionOf(parentId),
          completionDate: "2026-04-15",
          result: "Đã hoàn thành kho dữ liệu",
        },
        origin,
        at("2026-04-15"),
      ),
    { taskId: parentId, texts: { result: "Đã hoàn thành kho dữ liệu", difficulties: null, proposals: null } },
  );
  write(at("2026-04-17"), () =>
    returnCompletion(
      db,
      secretariat,
      { taskId: parentId, baseVersion: versionOf(parentId), reason: "Chưa kết nối đủ" },
      origin,
      at("2026-04-17"),
    ),
  );
  write(at("2026-04-18"), () =>
    changeDeadline(
      db,
      secretariat,
      parentId,
      versionOf(parentId),
      { kind: "change", dueDate: "2026-06-10", effectiveOn: null, reason: "Theo chỉ đạo mới" },
      origin,
      at("2026-04-18"),
    ),
  );
  // SNV takes the lead: its earlier report (as a coordinator) still does not count.
  write(at("2026-04-19"), () =>
    reassignLead(
      db,
      secretariat,
      parentId,
      versionOf(parentId),
      { departmentId: snv.departmentId!, reason: "Phân công lại" },
      origin,
      at("2026-04-19"),
    ),
  );
  report(parentId, snv, at("2026-04-20"), 70, {
    result: "Đã kết nối 20 cơ sở dữ liệu",
    difficulties: "Đường truyền",
    proposals: null,
  });
  report(subId, stttt, at("2026-04-20", "15:00"), 50, {
    result: "B: khảo sát 10 sở",
    difficulties: null,
    proposals: null,
  });
  // Done on the 16th (reported on paper), entered on the 21st, returned on the 23rd.
  write(at("2026-04-21", "11:00"), () =>
    recordPastCompletion(
      db,
      secretariat,
      returnedId,
      versionOf(returnedId),
      {
        completionDate: "2026-04-16",
        reportedOn: "2026-04-16",
        confirmedOn: null,
        result: "C: hoàn thành",
        reason: "Báo cáo giấy",
      },
      origin,
      at("2026-04-21", "11:00"),
    ),
  );
  // A report a minute before midnight counts for its own day, not the day before.
  report(parentId, snv, at("2026-04-22", "23:59"), 80, {
    result: "Đã kết nối 25 cơ sở dữ liệu",
    difficulties: null,
    proposals: "Nghiệm thu",
  });
  write(at("2026-04-23", "11:00"), () =>
    returnCompletion(
      db,
      secretariat,
      { taskId: returnedId, baseVersion: versionOf(returnedId), reason: "Thiếu hồ sơ" },
      origin,
      at("2026-04-23", "11:00"),
    ),
  );
  write(
    at("2026-04-25"),
    () =>
      reportCompletion(
        db,
        snv,
        {
          taskId: parentId,
          baseVersion: versionOf(parentId),
          completionDate: "2026-04-25",
          result: "Hoàn thành, đã nghiệm thu",
        },
        origin,
        at("2026-04-25"),
      ),
    { taskId: parentId, texts: { result: "Hoàn thành, đã nghiệm thu", difficulties: null, proposals: null } },
  );
  write(at("2026-04-28"), () =>
    confirmCompletion(
      db,
      secretariat,
      { taskId: parentId, baseVersion: versionOf(parentId) },
      origin,
      at("2026-04-28"),
    ),
  );
  // The sub-task was done on 12 April and confirmed on the 14th; entered on 10 May.
  write(at("2026-05-10"), () =>
    recordPastCompletion(
      db,
      secretariat,
      subId,
      versionOf(subId),
      {
        completionDate: "2026-04-12",
        reportedOn: "2026-04-12",
        confirmedOn: "2026-04-14",
        result: "Đã khảo sát xong",
        reason: "Báo cáo giấy, nhập bổ sung",
      },
      origin,
      at("2026-05-10"),
    ),
  );
  // Evidence files: one with the report of 8 April, one uploaded on 20 April.
  const reportOf8April = db.get<{ id: number }>(
    sql`SELECT id FROM progress_reports WHERE task_id = ${parentId} AND percent = 45`,
  )!.id;
  const reportOf20April = db.get<{ id: number }>(
    sql`SELECT id FROM progress_reports WHERE task_id = ${parentId} AND percent = 70`,
  )!.id;
  for (const [progressReportId, createdAt, name] of [
    [reportOf8April, at("2026-04-08", "16:00"), "ke-hoach.pdf"],
    [reportOf20April, at("2026-04-20"), "bien-ban.pdf"],
  ] as const) {
    db.insert(attachments)
      .values({
        taskId: parentId,
        progressReportId,
        fileName: name,
        mediaType: "application/pdf",
        sizeBytes: 10,
        sha256: "a".repeat(64),
        storageKey: `test/${name}`,
        createdAt,
      })
      .run();
  }
}, 60_000);

/** The statements `work` runs (read with `all`), with their parameters; none kept prepared from before or after. */
function statementsOf(work: () => void): { source: string; params: unknown[] }[] {
  const client = db.$client;
  forgetStatements(client);
  const original = client.prepare;
  const seen: { source: string; params: unknown[] }[] = [];
  client.prepare = function (this: typeof client, source: string) {
    const statement = original.call(this, source);
    const all = statement.all.bind(statement) as (...params: unknown[]) => unknown[];
    statement.all = ((...params: unknown[]) => {
      seen.push({ source, params });
      return all(...params);
    }) as typeof statement.all;
    return statement;
  } as typeof client.prepare;
  try {
    work();
  } finally {
    client.prepare = original;
    forgetStatements(client);
  }
  return seen;
}

const parse = (query: Record<string, string>) => taskListQuery(t).parse(query);
const listed = (day: LocalDate, basis: StatusBasis) =>
  new Map(
    listTasks(db, secretariat, parse({ directive: String(directiveId), size: "100" }), day, basis).rows.map((r) => [
      r.id,
      r,
    ]),
  );
const exported = (day: LocalDate, basis: StatusBasis, query: Record<string, string> = {}): TaskReport => {
  const result = taskReport(db, secretariat, parse({ directive: String(directiveId), ...query }), day, basis, t);
  if (!result.ok) throw new Error(result.message);
  return result.report;
};

describe("a row as of a past day", () => {
  it("as recorded, shows on every day exactly what the task row showed at its end", () => {
    let checked = 0;
    const percents = new Set<number>();
    for (const day of DAYS) {
      const rows = listed(day, "recorded");
      const report = exported(day, "recorded");
      for (const id of [parentId, subId, returnedId]) {
        const expected = shownAtEndOf(id, day);
        const row = rows.get(id);
        if (expected === undefined) {
          expect(row, `task ${id} listed on ${day} before it was entered`).toBeUndefined();
          continue;
        }
        expect(row, `task ${id} on ${day}`).toBeDefined();
        expect({ percent: row!.percent, updatedAt: row!.updatedAt }, `task ${id} on ${day}`).toEqual({
          percent: expected.percent,
          updatedAt: expected.updatedAt,
        });
        const cells = report.rows.find((r) => r.taskId === id)!.cells;
        expect(
          {
            percent: cells.percent,
            result: cells.result,
            difficulties: cells.difficulties,
            proposals: cells.proposals,
          },
          `export of task ${id} on ${day}`,
        ).toEqual({
          percent: expected.percent,
          result: expected.texts?.result ?? null,
          difficulties: expected.texts?.difficulties ?? null,
          proposals: expected.texts?.proposals ?? null,
        });
        expect(cells.updated).toEqual({ at: expected.updatedAt });
        percents.add(row!.percent);
        checked++;
      }
    }
    // The history moves through every value it should: 0, 20, 45, 100 (completion), 45
    // (returned: the percent before the completion stands again), 70, 80 — never the coordinator's 60.
    expect([...percents].sort((a, b) => a - b)).toEqual([0, 20, 30, 40, 45, 50, 70, 80, 100]);
    expect(checked).toBeGreaterThan(120);
  });

  it("pins the values that matter, day by day", () => {
    const on = (day: LocalDate, basis: StatusBasis, id = parentId) => listed(day, basis).get(id)!;
    // The coordinator's 60% of 5 April is not the task's progress.
    expect(on("2026-04-05", "happened").percent).toBe(20);
    expect(on("2026-04-07", "recorded").percent).toBe(20);
    // The report a minute before midnight of the 22nd is not there on the 21st.
    expect(on("2026-04-21", "happened").percent).toBe(70);
    expect(on("2026-04-22", "happened").percent).toBe(80);
    // Returned on the 17th: the 45% of the report before the completion stands again (as tasks.percent does).
    expect(on("2026-04-16", "happened").percent).toBe(100);
    expect(on("2026-04-17", "happened").status).toBe("on_track");
    expect(on("2026-04-17", "happened").percent).toBe(45);
    expect(on("2026-04-17", "recorded").percent).toBe(45);
    // The extension of the 11th counts from the 11th.
    expect(on("2026-04-10", "happened").extensionCount).toBe(0);
    expect(on("2026-04-11", "happened").extensionCount).toBe(1);
    // Today's percent and lead are not yesterday's.
    expect(on("2026-04-16", "happened").lead.id).toBe(stttt.departmentId);
    expect(on("2026-04-19", "happened").lead.id).toBe(snv.departmentId);
  });

  it("as it happened, shows a completion entered later from the day it took effect", () => {
    const sub = (day: LocalDate, basis: StatusBasis) => listed(day, basis).get(subId)!;
    const expectations: [LocalDate, StatusBasis, TaskStatus, number, Instant][] = [
      // As it happened the task runs from the start of its assignment day; it was entered at 09:30.
      ["2026-04-03", "happened", "on_track", 0, startOfLocalDay("2026-04-01")],
      ["2026-04-03", "recorded", "on_track", 0, at("2026-04-01", "09:30")],
      ["2026-04-11", "happened", "on_track", 30, at("2026-04-04", "08:00")],
      ["2026-04-12", "happened", "awaiting_confirmation", 100, endOfLocalDay("2026-04-12") - 1],
      ["2026-04-14", "happened", "done_on_time", 100, endOfLocalDay("2026-04-14") - 1],
      // A report filed while nobody knew it was done: the later fact, yet the task is done.
      ["2026-04-25", "happened", "done_on_time", 100, at("2026-04-20", "15:00")],
      ["2026-04-14", "recorded", "on_track", 30, at("2026-04-04", "08:00")],
      ["2026-05-09", "recorded", "due_soon", 50, at("2026-04-20", "15:00")],
      ["2026-05-10", "recorded", "done_on_time", 100, at("2026-05-10")],
      ["2026-05-10", "happened", "done_on_time", 100, at("2026-04-20", "15:00")],
    ];
    for (const [day, basis, status, percent, updatedAt] of expectations) {
      const row = sub(day, basis);
      expect({ status: row.status, percent: row.percent, updatedAt: row.updatedAt }, `${day} ${basis}`).toEqual({
        status,
        percent,
        updatedAt,
      });
    }
    // A completion entered later and then returned: 100 from the day it took effect; after
    // the return, the 40% reported before it (as tasks.percent has it).
    const returned: [LocalDate, StatusBasis, TaskStatus, number][] = [
      ["2026-04-15", "happened", "on_track", 40],
      ["2026-04-16", "happened", "awaiting_confirmation", 100],
      ["2026-04-20", "recorded", "on_track", 40],
      ["2026-04-21", "recorded", "awaiting_confirmation", 100],
      ["2026-04-24", "recorded", "on_track", 40],
      ["2026-04-24", "happened", "on_track", 40],
    ];
    for (const [day, basis, status, percent] of returned) {
      const row = listed(day, basis).get(returnedId)!;
      expect({ status: row.status, percent: row.percent }, `returned task ${day} ${basis}`).toEqual({
        status,
        percent,
      });
    }
    // Without late entries the two readings agree on every day once the first report is in.
    for (const day of DAYS.filter((d) => d >= "2026-04-03")) {
      const happened = listed(day, "happened").get(parentId);
      const recorded = listed(day, "recorded").get(parentId);
      expect(happened && { ...happened }, day).toEqual(recorded && { ...recorded });
    }
  });

  it("never shows a fact from after the day, on either basis (every row of the directive, every day)", () => {
    let rowsChecked = 0;
    for (const basis of ["happened", "recorded"] as const) {
      for (const day of DAYS) {
        const cutoff = endOfLocalDay(day);
        for (const row of listed(day, basis).values()) {
          expect(row.updatedAt, `${row.id} on ${day} ${basis}`).toBeLessThan(cutoff);
          rowsChecked++;
        }
        for (const { taskId, cells } of exported(day, basis).rows) {
          if (cells.result === null) continue;
          const filed = db.get<{ created_at: number }>(sql`
            SELECT min(created_at) AS created_at FROM progress_reports WHERE task_id = ${taskId} AND result = ${cells.result}`)!;
          expect(filed.created_at, `${taskId} on ${day} ${basis}`).toBeLessThan(cutoff);
        }
      }
    }
    expect(rowsChecked).toBeGreaterThan(500);
  });

  it("today, mirrors the stored row for every task of the directive", () => {
    const stored = new Map(
      db
        .all<{ id: number; percent: number; updated_at: number }>(
          sql`SELECT id, percent, updated_at FROM tasks WHERE id IN (${parentId}, ${subId}, ${returnedId})`,
        )
        .map((r) => [r.id, r]),
    );
    const rows = listed(LAST_DAY, "recorded");
    for (const id of [parentId, subId, returnedId]) {
      expect({ percent: rows.get(id)!.percent, updatedAt: rows.get(id)!.updatedAt }).toEqual({
        percent: stored.get(id)!.percent,
        updatedAt: stored.get(id)!.updated_at,
      });
    }
  });

  it("reads the as-of facts with the tasks' indexes, never a whole table", () => {
    const seen = statementsOf(() => {
      for (const basis of ["happened", "recorded"] as const) {
        progressAsOf(db, [{ id: parentId, status: "on_track" }], "2026-04-20", basis);
      }
    });
    expect(seen.length).toBe(2);
    for (const { source, params } of seen) {
      const plan = db.$client
        .prepare(`EXPLAIN QUERY PLAN ${source}`)
        .all(...params)
        .map((r) => (r as { detail: string }).detail);
      const scans = plan.filter((line) => /^SCAN (?!x\b)/.test(line));
      expect(scans, plan.join("\n")).toEqual([]);
      for (const [table, index] of [
        ["pr", "progress_reports_task_idx"],
        ["tr", "task_transitions_task_idx"],
        ["e", "extension_requests_task_idx"],
        ["c", "task_deadline_changes_task_idx"],
        ["a", "task_lead_assignments_task_idx"],
      ]) {
        expect(
          plan.some((line) => line.startsWith(`SEARCH ${table} USING `) && line.includes(index!)),
          `${table} by ${index}\n${plan.join("\n")}`,
        ).toBe(true);
      }
    }
  });
});

describe("the export and the pages as of a past day", () => {
  it("write the sub-task under its parent's number, right after it", () => {
    for (const day of ["2026-04-03", LAST_DAY] as const) {
      const rows = exported(day, "happened").rows;
      const parent = rows.findIndex((r) => r.taskId === parentId);
      expect(rows[parent]!.cells.item).toBe("90");
      expect(rows[parent + 1]!.taskId).toBe(subId);
      expect(rows[parent + 1]!.cells.item).toBe("90.b");
      expect(rows.map((r) => r.cells.stt)).toEqual(rows.map((_, i) => i + 1));
    }
  });

  it("carry the deadline in force that day and the original one", () => {
    const cells = (day: LocalDate) => exported(day, "happened").rows.find((r) => r.taskId === parentId)!.cells;
    expect(cells("2026-04-10")).toMatchObject({
      deadline: { date: "2026-05-15" },
      originalDeadline: { date: "2026-05-15" },
    });
    expect(cells("2026-04-11")).toMatchObject({
      deadline: { date: "2026-05-30" },
      originalDeadline: { date: "2026-05-15" },
    });
    expect(cells("2026-04-18")).toMatchObject({
      deadline: { date: "2026-06-10" },
      originalDeadline: { date: "2026-05-15" },
    });
    // Completed on the 25th: the completion date of that day's completion, not the returned one of the 15th.
    expect(cells("2026-04-28").completed).toEqual({ date: "2026-04-25" });
    expect(cells("2026-04-16").completed).toBeNull();
  });

  it("the directive page: the targets set by the end of the day, valued as then", () => {
    const targetsOn = (day: LocalDate) =>
      getDirective(db, secretariat, directiveId, day, "happened")!.targets.filter((g) => g.taskId === parentId);
    expect(targetsOn("2026-04-01")).toEqual([]);
    expect(targetsOn("2026-04-04").map((g) => [g.name, g.currentValue])).toEqual([
      ["Tỷ lệ dữ liệu được chuẩn hóa", null],
    ]);
    expect(targetsOn("2026-04-05").map((g) => g.currentValue)).toEqual([55]);
    expect(targetsOn("2026-04-09").map((g) => g.name)).toEqual([
      "Tỷ lệ dữ liệu được chuẩn hóa",
      "Số cơ sở dữ liệu kết nối",
    ]);
    const row = getDirective(db, secretariat, directiveId, "2026-04-05", "happened")!.tasks.find(
      (r) => r.id === parentId,
    )!;
    expect(row.percent).toBe(20);
  });

  it("the task page for a past day: its targets and the files that existed then", () => {
    const files = (day: LocalDate) =>
      getTask(db, secretariat, parentId, day, "happened")!
        .history.flatMap((entry) => ("attachments" in entry ? entry.attachments : []))
        .map((file) => file.fileName)
        .sort();
    expect(files("2026-04-07")).toEqual([]);
    expect(files("2026-04-08")).toEqual(["ke-hoach.pdf"]);
    expect(files("2026-04-20")).toEqual(["bien-ban.pdf", "ke-hoach.pdf"]);
    const page = getTask(db, secretariat, parentId, "2026-04-06", "happened")!;
    expect(page.targets.map((g) => [g.name, g.currentValue])).toEqual([["Tỷ lệ dữ liệu được chuẩn hóa", 55]]);
    expect(page.row).toMatchObject({ percent: 20, lead: { id: stttt.departmentId } });
  });

  it("a page of the list reads the as-of facts of its own rows only", () => {
    let page: { id: number }[] = [];
    const seen = statementsOf(() => {
      page = taskRows(db, {
        asOf: "2026-04-20",
        taskFilter: sql`t.directive_id = ${directiveId}`,
        limit: 3,
        offset: 2,
      });
    });
    expect(page.length).toBe(3);
    const progress = seen.filter((s) => s.source.includes("progress_reports lr"));
    expect(progress.length).toBe(1);
    const ids = /t\.id IN \(([\d, ]+)\)/.exec(progress[0]!.source)![1]!.split(", ").map(Number);
    expect(ids).toEqual(page.map((r) => r.id));
  });
});
