// Recurring duties (decision 026): each occurrence is an ordinary task, so a missed
// monthly report is overdue on the dashboard and the scorecard like any task; the job
// creates the next one once; stopping the duty stops what comes next.
import { count, eq, isNotNull, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, recurringDuties, taskLeadAssignments, tasks } from "../../db/schema";
import { loadDemoData } from "../../db/seed/demo";
import type { Actor } from "../../app/domain/permissions";
import type { AppDatabase } from "../../app/models/db.server";
import { dashboardFigures, scorecard } from "../../app/models/dashboard.server";
import { mergeDepartment } from "../../app/models/departments.server";
import { createDirective, setDirectiveState } from "../../app/models/directives.server";
import {
  canSeeDuty,
  changeDutyState,
  createDueOccurrences,
  createDuty,
  dutyAccessFacts,
  type DutyInput,
} from "../../app/models/recurring-duties.server";
import { runReminderJob } from "../../app/models/reminders.server";
import { freshDatabase } from "../setup/database";

const origin = { ipAddress: "127.0.0.1", userAgent: "test", requestId: "duty" };
/** 10:00 on 16/03/2026 in Hanoi. */
const NOW = Date.parse("2026-03-16T03:00:00Z");
const at = (day: string) => Date.parse(`${day}T03:00:00Z`);

let db: AppDatabase;
let secretary: Actor;
let chair: Actor;
let sttttLead: Actor;
let otherLead: Actor;
let dept: Record<string, number>;
let directiveId: number;

const actor = (login: string) =>
  db.get<Actor>(sql`SELECT id, role, department_id AS departmentId FROM users WHERE login = ${login}`)!;
const total = (table: typeof tasks | typeof auditEvents | typeof recurringDuties) =>
  db.select({ n: count() }).from(table).get()!.n;
const occurrencesOf = (dutyId: number) =>
  db
    .select({ id: tasks.id, period: tasks.dutyPeriod, assignedOn: tasks.assignedOn, due: tasks.currentDueDate })
    .from(tasks)
    .where(eq(tasks.dutyId, dutyId))
    .orderBy(tasks.assignedOn)
    .all();

beforeEach(async () => {
  db = freshDatabase();
  await loadDemoData(db, { now: NOW });
  secretary = actor("vanphong");
  chair = actor("lanhdao");
  sttttLead = actor("stttt.truong");
  dept = Object.fromEntries(
    db.all<{ code: string; id: number }>(sql`SELECT code, id FROM departments`).map((d) => [d.code, d.id]),
  );
  otherLead = db.get<Actor>(
    sql`SELECT id, role, department_id AS departmentId FROM users WHERE role = 'dept_lead' AND department_id <> ${dept.STTTT!} LIMIT 1`,
  )!;
  const created = createDirective(
    db,
    secretary,
    {
      committeeId: 1,
      meetingId: null,
      number: "15/TB-BCĐ",
      type: "conclusion_notice",
      issuedOn: "2025-01-02",
      issuer: "Ban Chỉ đạo",
      signer: null,
      abstract: "Chế độ báo cáo định kỳ",
      fullText: null,
      confidential: false,
    },
    origin,
    NOW,
  );
  if (!created.ok) throw new Error("setup");
  directiveId = created.id;
  if (!setDirectiveState(db, secretary, directiveId, 1, "issued", origin, NOW).ok) throw new Error("setup");
});

const monthly = (overrides: Partial<DutyInput> = {}): DutyInput => ({
  directiveId,
  itemNumber: "5",
  title: "Báo cáo tình hình chuyển đổi số",
  description: null,
  leadDepartmentId: dept.STTTT!,
  coordinatorDepartmentIds: [dept.STC!],
  frequency: "monthly",
  day: 5,
  workingDays: false,
  startsOn: "2025-01-01",
  endsOn: null,
  ...overrides,
});

function create(input = monthly(), now = NOW) {
  const result = createDuty(db, secretary, input, origin, now);
  if (!result.ok) throw new Error(`createDuty: ${result.error}`);
  return result;
}

describe("creating a duty", () => {
  it("creates every occurrence given by today, entered after the fact, and the next one ahead", () => {
    const duty = create();
    // January 2025 to March 2026 (15 months) and April 2026 ahead.
    expect(duty.created).toBe(16);
    const occurrences = occurrencesOf(duty.id);
    expect(occurrences.map((o) => o.period)).toEqual([
      ...Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, "0")}`),
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
    ]);
    expect(occurrences[0]).toMatchObject({ assignedOn: "2025-01-01", due: "2025-01-05" });
    const first = db.select().from(tasks).where(eq(tasks.id, occurrences[0]!.id)).get()!;
    expect(first).toMatchObject({
      title: "Báo cáo tình hình chuyển đổi số — Tháng 01/2025",
      itemNumber: "5",
      leadDepartmentId: dept.STTTT,
      deadlineKind: "dated",
      state: "open",
    });
    // A past occurrence is a record entered after the fact: its lead from its assignment day, recorded now.
    const lead = db.select().from(taskLeadAssignments).where(eq(taskLeadAssignments.taskId, first.id)).get()!;
    expect(lead.fromAt).toBe(Date.parse("2025-01-01T00:00:00+07:00"));
    expect(lead.recordedAt).toBe(NOW);
    // Each occurrence is audited as a task create, and the duty once.
    const creates = db.all<{ n: number }>(
      sql`SELECT count(*) AS n FROM audit_events WHERE action = 'task.create' AND json_extract("after", '$.duty.id') = ${duty.id}`,
    );
    expect(creates[0]!.n).toBe(16);
    expect(db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, "duty.create")).get()!.n).toBe(1);
  });

  it("charges a missed month to its lead as overdue, on the dashboard and the scorecard, today and on its day", () => {
    const before = scorecard(db, chair, { directive: directiveId }, "2026-03-16", true);
    expect(before).toEqual([]);
    create();
    const row = scorecard(db, chair, { directive: directiveId }, "2026-03-16", true).find(
      (r) => r.department.id === dept.STTTT,
    )!;
    // 15 reports due by 05/03/2026 and none made; April's is ahead.
    expect(row.figures.overdue.count).toBe(15);
    expect(row.figures.assigned.count).toBe(16);
    const overview = dashboardFigures(db, chair, { directive: directiveId }, "2026-03-16", true);
    expect(overview.byStatus.overdue.count).toBe(15);
    // On 06/02/2025 (as it happened) January's and February's reports were overdue, March's not given yet.
    const then = dashboardFigures(db, chair, { directive: directiveId }, "2025-02-06", false);
    expect(then.byStatus.overdue.count).toBe(2);
    // As recorded then, nothing existed.
    const recorded = dashboardFigures(db, chair, { directive: directiveId }, "2025-02-06", false, "recorded");
    expect(recorded.total.count).toBe(0);
    // The lead department sees them in its own figures.
    const own = dashboardFigures(db, sttttLead, { directive: directiveId }, "2026-03-16", true);
    expect(own.byStatus.overdue.count).toBe(15);
  });

  it("refuses a department user, a bad rule, an unknown department, a closed directive and too many at once, changing nothing", () => {
    const counts = () => [total(recurringDuties), total(tasks), total(auditEvents)];
    const start = counts();
    expect(createDuty(db, sttttLead, monthly(), origin, NOW)).toEqual({ ok: false, error: "forbidden" });
    expect(createDuty(db, chair, monthly(), origin, NOW)).toEqual({ ok: false, error: "forbidden" });
    expect(createDuty(db, secretary, monthly({ day: 32 }), origin, NOW)).toEqual({
      ok: false,
      error: "recurrence",
      violations: ["day_out_of_range"],
    });
    expect(createDuty(db, secretary, monthly({ endsOn: "2024-12-31" }), origin, NOW)).toMatchObject({
      ok: false,
      error: "recurrence",
    });
    expect(createDuty(db, secretary, monthly({ leadDepartmentId: 999_999 }), origin, NOW)).toEqual({
      ok: false,
      error: "unknown_department",
      departmentIds: [999_999],
    });
    expect(createDuty(db, secretary, monthly({ coordinatorDepartmentIds: [dept.STTTT!] }), origin, NOW)).toMatchObject({
      ok: false,
      error: "rule",
      violations: ["coordinator_is_lead"],
    });
    expect(
      createDuty(db, secretary, monthly({ frequency: "weekly", day: 5, startsOn: "2019-01-01" }), origin, NOW),
    ).toMatchObject({ ok: false, error: "too_many_occurrences" });
    expect(counts()).toEqual(start);
    expect(setDirectiveState(db, secretary, directiveId, 2, "closed", origin, NOW).ok).toBe(true);
    const closed = counts();
    expect(createDuty(db, secretary, monthly(), origin, NOW)).toEqual({ ok: false, error: "directive_closed" });
    expect(counts()).toEqual(closed);
  });
});

describe("the daily job", () => {
  it("creates the next occurrence once and only once, as a record entered after the fact when late", async () => {
    const duty = create();
    // 02/04/2026: April's exists already (it was the one ahead); May's is now the next one.
    const first = await runReminderJob(db, at("2026-04-02"), { deliverEmails: false });
    expect(first.occurrences).toBe(1);
    expect(occurrencesOf(duty.id).at(-1)).toMatchObject({
      period: "2026-05",
      assignedOn: "2026-05-01",
      due: "2026-05-05",
    });
    const again = await runReminderJob(db, at("2026-04-02"), { deliverEmails: false });
    expect(again.occurrences).toBe(0);
    expect(createDueOccurrences(db, at("2026-04-30")).created).toBe(0);
    expect(occurrencesOf(duty.id)).toHaveLength(17);
    // The job did not run in May: on 10/06 June's (given 01/06, so entered after the fact) and July's are created.
    expect(createDueOccurrences(db, at("2026-06-10"))).toEqual({ created: 2, deferred: 0 });
    const june = occurrencesOf(duty.id).find((o) => o.period === "2026-06")!;
    const lead = db.select().from(taskLeadAssignments).where(eq(taskLeadAssignments.taskId, june.id)).get()!;
    expect(lead.fromAt).toBe(Date.parse("2026-06-01T00:00:00+07:00"));
    expect(lead.recordedAt).toBe(at("2026-06-10"));
    const jobAudit = db
      .select({ actorId: auditEvents.actorId })
      .from(auditEvents)
      .where(eq(auditEvents.action, "duty.occurrences"))
      .all();
    expect(jobAudit).toEqual([{ actorId: null }, { actorId: null }]);
  });

  it("creates at most its limit per run and the rest at the next run", () => {
    const a = create();
    const b = create(monthly({ itemNumber: "6", title: "Báo cáo an toàn thông tin" }));
    // Each owes May to September (five): ten in all, three a run.
    expect(createDueOccurrences(db, at("2026-08-02"), 3)).toEqual({ created: 3, deferred: 2 });
    expect(createDueOccurrences(db, at("2026-08-02"), 3)).toEqual({ created: 3, deferred: 1 });
    expect(createDueOccurrences(db, at("2026-08-02"), 3)).toEqual({ created: 3, deferred: 1 });
    expect(createDueOccurrences(db, at("2026-08-02"), 3)).toEqual({ created: 1, deferred: 0 });
    expect(createDueOccurrences(db, at("2026-08-02"), 3)).toEqual({ created: 0, deferred: 0 });
    expect(occurrencesOf(a.id).at(-1)!.period).toBe("2026-09");
    expect(occurrencesOf(b.id).at(-1)!.period).toBe("2026-09");
  });

  it("stops at the duty's end and at the directive's closing", () => {
    const ending = create(monthly({ endsOn: "2026-04-30" }));
    const open = create(monthly({ itemNumber: "6" }));
    // The open one owes May, June and July; the one that ended with April nothing more.
    expect(createDueOccurrences(db, at("2026-06-10")).created).toBe(3);
    expect(occurrencesOf(ending.id).at(-1)!.period).toBe("2026-04");
    expect(setDirectiveState(db, secretary, directiveId, 2, "closed", origin, at("2026-06-11")).ok).toBe(true);
    expect(createDueOccurrences(db, at("2026-09-10")).created).toBe(0);
    expect(occurrencesOf(open.id).at(-1)!.period).toBe("2026-07");
  });
});

describe("stopping a duty", () => {
  it("holds with a reason: no future occurrence; existing ones keep their state; resuming owes from that day", () => {
    const duty = create();
    expect(changeDutyState(db, secretary, duty.id, 1, { to: "on_hold", reason: "  " }, origin, NOW)).toEqual({
      ok: false,
      error: "reason_required",
    });
    expect(changeDutyState(db, sttttLead, duty.id, 1, { to: "on_hold", reason: "x" }, origin, NOW)).toEqual({
      ok: false,
      error: "forbidden",
    });
    const held = changeDutyState(
      db,
      secretary,
      duty.id,
      1,
      { to: "on_hold", reason: "Chờ sửa đổi chế độ báo cáo" },
      origin,
      at("2026-03-20"),
    );
    expect(held).toMatchObject({ ok: true, version: 2, created: 0 });
    expect(db.select().from(recurringDuties).where(eq(recurringDuties.id, duty.id)).get()).toMatchObject({
      state: "on_hold",
      stateReason: "Chờ sửa đổi chế độ báo cáo",
    });
    expect(createDueOccurrences(db, at("2026-06-10")).created).toBe(0);
    // Existing occurrences keep their own state.
    const states = db.all<{ state: string }>(sql`SELECT DISTINCT state FROM tasks WHERE duty_id = ${duty.id}`);
    expect(states).toEqual([{ state: "open" }]);
    // A stale version is refused.
    expect(
      changeDutyState(db, secretary, duty.id, 1, { to: "resume", reason: null }, origin, at("2026-06-10")),
    ).toEqual({
      ok: false,
      error: "conflict",
    });
    // Resumed on 10/06: May's period passed while held (not owed); June's is due 05/06, before the resumption.
    const resumed = changeDutyState(
      db,
      secretary,
      duty.id,
      2,
      { to: "resume", reason: null },
      origin,
      at("2026-06-10"),
    );
    expect(resumed).toMatchObject({ ok: true, version: 3, created: 1 });
    expect(
      occurrencesOf(duty.id)
        .map((o) => o.period)
        .slice(-2),
    ).toEqual(["2026-04", "2026-07"]);
    expect(occurrencesOf(duty.id).at(-1)).toMatchObject({ assignedOn: "2026-07-01", due: "2026-07-05" });
    const actions = db.all<{ action: string }>(
      sql`SELECT action FROM audit_events WHERE entity_type = 'recurring_duty' ORDER BY id`,
    );
    expect(actions.map((a) => a.action)).toEqual(["duty.create", "duty.hold", "duty.resume"]);
  });

  it("withdraws for good: nothing more is created and it cannot be resumed", () => {
    const duty = create();
    expect(
      changeDutyState(db, secretary, duty.id, 1, { to: "withdrawn", reason: "Bãi bỏ chế độ báo cáo" }, origin, NOW).ok,
    ).toBe(true);
    expect(changeDutyState(db, secretary, duty.id, 2, { to: "resume", reason: null }, origin, NOW)).toEqual({
      ok: false,
      error: "invalid_move",
      from: "withdrawn",
      to: "active",
    });
    expect(createDueOccurrences(db, at("2026-12-10")).created).toBe(0);
    expect(occurrencesOf(duty.id)).toHaveLength(16);
  });
});

describe("a merge of its lead department", () => {
  it("gives the duty's next occurrences to the successor, the open ones moved with the merge", () => {
    const duty = create();
    const admin = actor("admin");
    const merged = mergeDepartment(
      db,
      admin,
      { departmentId: dept.STTTT!, successorId: dept.SKHCN!, reason: "Hợp nhất theo Nghị quyết 2025" },
      origin,
      at("2026-03-20"),
    );
    expect(merged.ok).toBe(true);
    expect(db.select().from(recurringDuties).where(eq(recurringDuties.id, duty.id)).get()).toMatchObject({
      leadDepartmentId: dept.SKHCN,
      version: 2,
    });
    expect(createDueOccurrences(db, at("2026-04-02"))).toEqual({ created: 1, deferred: 0 });
    const leads = db.all<{ lead: number }>(
      sql`SELECT DISTINCT lead_department_id AS lead FROM tasks WHERE duty_id = ${duty.id}`,
    );
    expect(leads).toEqual([{ lead: dept.SKHCN }]);
  });
});

describe("who sees a duty", () => {
  it("the secretariat, leadership and its departments; not another department", () => {
    const duty = create();
    const facts = dutyAccessFacts(db, duty.id)!;
    expect(canSeeDuty(secretary, facts)).toBe(true);
    expect(canSeeDuty(chair, facts)).toBe(true);
    expect(canSeeDuty(sttttLead, facts)).toBe(true);
    expect(otherLead.departmentId).not.toBe(dept.STC);
    expect(canSeeDuty(otherLead, facts)).toBe(false);
    expect(db.select({ n: count() }).from(tasks).where(isNotNull(tasks.dutyId)).get()!.n).toBe(16);
  });
});
