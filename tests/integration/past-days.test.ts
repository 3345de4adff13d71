// Past days as they were (issue #12; docs/domain-rules.md §4.4): over random task
// histories with records entered after the fact (tasks assigned before they were
// entered, moves, extension decisions and lead assignments recorded later, deadline
// changes and corrections), for every day D checked:
// - the stored spans and counts equal the reference rules (app/domain/status.ts) on
//   both readings of the day (tests/setup/status-facts-check.ts);
// - "as recorded" equals what the system showed on D: the figures "as it happened"
//   of a database holding only what had been recorded by the end of D;
// - "as it happened" shows nothing dated after D: a database without the facts that
//   took effect after D gives the same figures for D.
// Histories are random but reproducible (fixed seeds), with events packed around
// due dates and local midnight, where the rules have edges.
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  committees,
  departments,
  directives,
  extensionRequests,
  progressReports,
  taskDeadlineChanges,
  taskLeadAssignments,
  tasks,
  taskTransitions,
  users,
} from "../../db/schema";
import {
  addDays,
  endOfLocalDay,
  localDateOf,
  startOfLocalDay,
  type Instant,
  type LocalDate,
} from "../../app/domain/dates";
import { DEFAULT_STATUS_RULES, type StatusRules } from "../../app/domain/status";
import { DEADLINE_KINDS, STATUS_BASES, type StatusBasis, type WorkflowState } from "../../app/domain/vocabulary";
import { writeTransaction, type AppDatabase } from "../../app/models/db.server";
import { rebuildTaskStatusFacts, rollupCounts, trendRollupCounts } from "../../app/models/status-facts.server";
import { taskStatusesAsOf } from "../../app/models/task-status.server";
import { freshDatabase } from "../setup/database";
import { storedFactsMismatches } from "../setup/status-facts-check";

const ORIGIN: LocalDate = "2019-09-01";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** An instant on a local day, at a time chosen to hit the edges of the day often. */
const instantArb = (fromDay: number, toDay: number) =>
  fc
    .tuple(fc.integer({ min: fromDay, max: toDay }), fc.constantFrom(0, 0.5, 6.5, 12, 16.99, 17, 23.5, 23.99))
    .map(([day, hour]) => startOfLocalDay(addDays(ORIGIN, day)) + Math.round(hour * HOUR));

/** How much later a fact was recorded than it took effect: mostly not at all, sometimes days or months. */
const lagArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 120 }).map((days) => days * DAY + 5 * HOUR) },
);

interface GeneratedTask {
  deadlineKind: (typeof DEADLINE_KINDS)[number];
  dueDay: number;
  /** When the task was entered; it was assigned `assignedEarlier` days before (0: the same day). */
  createdAt: Instant;
  assignedEarlier: number;
  steps: { state: WorkflowState; at: Instant; lag: number; completionDay: number }[];
  extensions: { state: "approved" | "countered" | "rejected"; decidedAt: Instant; lag: number; extraDays: number }[];
  deadlineChanges: { kind: "change" | "correction"; at: Instant; lag: number; extraDays: number }[];
  reassignments: { at: Instant; lag: number; department: number }[];
  reports: Instant[];
}

const STEP_STATES: WorkflowState[] = [
  "in_progress",
  "awaiting_confirmation",
  "returned",
  "done",
  "on_hold",
  "in_progress",
  "cancelled",
];

const taskArb: fc.Arbitrary<GeneratedTask> = fc.record({
  deadlineKind: fc.constantFrom(...DEADLINE_KINDS, "dated", "dated"),
  dueDay: fc.integer({ min: 20, max: 200 }),
  createdAt: instantArb(0, 60),
  assignedEarlier: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, fc.integer({ min: 1, max: 40 })),
  steps: fc.array(
    fc.record({
      state: fc.constantFrom(...STEP_STATES),
      at: instantArb(10, 260),
      lag: lagArb,
      completionDay: fc.integer({ min: 15, max: 250 }),
    }),
    { maxLength: 5 },
  ),
  extensions: fc.array(
    fc.record({
      state: fc.constantFrom("approved" as const, "countered" as const, "rejected" as const),
      decidedAt: instantArb(15, 230),
      lag: lagArb,
      extraDays: fc.integer({ min: 1, max: 60 }),
    }),
    { maxLength: 3 },
  ),
  deadlineChanges: fc.array(
    fc.record({
      kind: fc.constantFrom("change" as const, "correction" as const),
      at: instantArb(15, 230),
      lag: lagArb,
      extraDays: fc.integer({ min: -10, max: 60 }),
    }),
    { maxLength: 2 },
  ),
  reassignments: fc.array(
    fc.record({ at: instantArb(20, 240), lag: lagArb, department: fc.integer({ min: 1, max: 3 }) }),
    { maxLength: 2 },
  ),
  reports: fc.array(instantArb(5, 260), { maxLength: 4 }),
});

/** Three lead departments; directives in two committees: issued, confidential, draft (the counts' scopes). */
const DIRECTIVES = [
  { id: 1, committeeId: 1, state: "issued", confidential: false, visibility: 0 },
  { id: 2, committeeId: 2, state: "issued", confidential: true, visibility: 1 },
  { id: 3, committeeId: 2, state: "draft", confidential: false, visibility: 2 },
] as const;
const scopeOfTask = (index: number) => ({
  departmentId: (index % 3) + 1,
  directive: DIRECTIVES[index % 5 === 4 ? 2 : index % 7 === 6 ? 1 : 0],
});

/** Which facts go into a database: all, those recorded before an instant, or those in effect before one. */
type Keep = { recordedBefore?: Instant; effectiveBefore?: Instant };

/**
 * Writes the histories (task ids 1, 2, … in order). `keep` leaves out the facts
 * recorded, or in effect, at or after an instant — the database as it was then, or
 * without what happened later.
 */
function insertTasks(db: AppDatabase, generated: readonly GeneratedTask[], keep: Keep = {}): void {
  const kept = (at: Instant, recordedAt: Instant) =>
    (keep.recordedBefore === undefined || recordedAt < keep.recordedBefore) &&
    (keep.effectiveBefore === undefined || at < keep.effectiveBefore);
  writeTransaction(db, (tx) => {
    for (const id of [1, 2, 3])
      tx.insert(departments)
        .values({ id, code: `D${id}`, name: `Sở ${id}`, kind: "department" })
        .run();
    tx.insert(users).values({ id: 1, login: "vp", displayName: "VP", passwordHash: "x", role: "secretariat" }).run();
    tx.insert(committees).values({ id: 1, code: "C", name: "Ban Chỉ đạo" }).run();
    tx.insert(committees).values({ id: 2, code: "C2", name: "Ban Chỉ đạo 2" }).run();
    for (const d of DIRECTIVES) {
      tx.insert(directives)
        .values({
          id: d.id,
          committeeId: d.committeeId,
          type: "plan",
          issuer: "UBND",
          abstract: "Kế hoạch",
          state: d.state,
          confidential: d.confidential,
          issuedOn: d.state === "draft" ? null : ORIGIN,
        })
        .run();
    }
    generated.forEach((task, index) => {
      const id = index + 1;
      const { departmentId, directive } = scopeOfTask(index);
      const assignedOn = addDays(localDateOf(task.createdAt), -task.assignedEarlier);
      const start = Math.min(task.createdAt, startOfLocalDay(assignedOn));
      if (!kept(start, task.createdAt)) return;
      const dated = task.deadlineKind === "dated";
      const due = dated ? addDays(ORIGIN, task.dueDay) : null;
      // The task row's own columns do not count for the status; its history does.
      tx.insert(tasks)
        .values({
          id,
          directiveId: directive.id,
          itemNumber: String(id),
          title: `Nhiệm vụ ${id}`,
          leadDepartmentId: departmentId,
          deadlineKind: task.deadlineKind,
          originalDueDate: due,
          currentDueDate: due,
          assignedOn,
          createdAt: task.createdAt,
        })
        .run();
      const leads = [
        { departmentId, fromAt: start, recordedAt: task.createdAt > start ? task.createdAt : null },
        ...task.reassignments
          .map((move) => ({ move, at: Math.max(move.at, start) }))
          .filter(({ move, at }) => kept(at, at + move.lag))
          .map(({ move, at }) => ({
            departmentId: move.department,
            fromAt: at,
            recordedAt: move.lag ? at + move.lag : null,
          })),
      ];
      // One current assignment: the others are closed (their end does not count for the status).
      leads.forEach((lead, i) =>
        tx
          .insert(taskLeadAssignments)
          .values({ taskId: id, ...lead, untilAt: i === leads.length - 1 ? null : lead.fromAt })
          .run(),
      );
      // Recorded in the order they were entered (the reference breaks ties of effect by it).
      const steps = task.steps.map((s) => ({ ...s, at: Math.max(s.at, start) }));
      for (const step of [...steps].sort((a, b) => a.at + a.lag - (b.at + b.lag))) {
        if (!kept(step.at, step.at + step.lag)) continue;
        const reportsCompletion = step.state === "done" || step.state === "awaiting_confirmation";
        tx.insert(taskTransitions)
          .values({
            taskId: id,
            toState: step.state,
            changedAt: step.at,
            recordedAt: step.lag ? step.at + step.lag : null,
            completionDate: reportsCompletion ? addDays(ORIGIN, step.completionDay) : null,
          })
          .run();
      }
      if (dated && due) {
        let current = due;
        for (const extension of [...task.extensions].sort((a, b) => a.decidedAt - b.decidedAt)) {
          const proposed = addDays(current, extension.extraDays);
          const inForce = extension.state !== "rejected";
          if (inForce) current = proposed;
          if (!kept(extension.decidedAt, extension.decidedAt + extension.lag)) continue;
          tx.insert(extensionRequests)
            .values({
              taskId: id,
              departmentId,
              currentDueDate: addDays(proposed, -extension.extraDays),
              proposedDueDate: proposed,
              reason: "Lý do",
              state: extension.state,
              decidedBy: 1,
              decidedAt: extension.decidedAt,
              decisionRecordedAt: extension.lag ? extension.decidedAt + extension.lag : null,
              decisionNote: inForce ? null : "Không đồng ý",
              approvedDueDate: inForce ? proposed : null,
              createdAt: extension.decidedAt - HOUR,
            })
            .run();
        }
        for (const change of task.deadlineChanges) {
          // A correction was always the deadline (in force from the assignment); a change from its day.
          const effective = change.kind === "correction" ? start : Math.max(change.at, start);
          const recordedAt = Math.max(change.at, start) + change.lag;
          if (!kept(effective, recordedAt)) continue;
          tx.insert(taskDeadlineChanges)
            .values({
              taskId: id,
              kind: change.kind,
              previousDueDate: due,
              dueDate: addDays(due, change.extraDays),
              effectiveAt: change.kind === "correction" ? recordedAt : effective,
              reason: "Điều chỉnh",
              createdAt: recordedAt,
            })
            .run();
        }
      }
      for (const at of task.reports) {
        if (at < start || !kept(at, at)) continue;
        tx.insert(progressReports)
          .values({ taskId: id, departmentId, asOfDate: ORIGIN, percent: 50, result: "Đang thực hiện", createdAt: at })
          .run();
      }
    });
  });
}

/** What the dashboards read for a day on a basis: every task's status, and the stored counts and trend. */
function figures(db: AppDatabase, asOf: LocalDate, basis: StatusBasis) {
  const ids = db.all<{ id: number }>(sql`SELECT id FROM tasks ORDER BY id`).map((r) => r.id);
  const statuses = Object.fromEntries(
    [...taskStatusesAsOf(db, ids, asOf, basis)].map(([id, row]) => [id, { ...row, taskId: undefined }]),
  );
  const counts = (scope: Parameters<typeof rollupCounts>[1], byDepartment = false) =>
    Object.fromEntries(
      [...rollupCounts(db, { ...scope, basis }, asOf, byDepartment)].map(([group, series]) => [
        group,
        Object.fromEntries([...series].filter(([, n]) => n !== 0).sort()),
      ]),
    );
  const months = Array.from({ length: 12 }, (_, i) => addDays(ORIGIN, i * 31).slice(0, 7));
  // A month whose counts came and went reads 0s (net changes summed): the same as no row.
  const trend = Object.fromEntries(
    [...trendRollupCounts(db, { basis, visibilities: [0, 1, 2] }, asOf, months)]
      .map(([month, series]) => [month, Object.fromEntries([...series].filter(([, n]) => n !== 0).sort())] as const)
      .filter(([, series]) => Object.keys(series).length > 0),
  );
  return {
    statuses,
    all: counts({ visibilities: [0, 1, 2] }),
    committee: counts({ visibilities: [0, 1, 2], committeeId: 2 }),
    department: counts({ visibilities: [0, 1], departmentId: 1 }),
    byDepartment: counts({ visibilities: [0, 1, 2] }, true),
    trend,
  };
}

/**
 * Lets the test worker answer the runner between long synchronous steps: a worker
 * busy for a minute on a loaded machine misses the runner's messages and the run
 * fails with "Timeout calling onTaskUpdate" although every test passed.
 */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("past days: both readings agree with the rules, with records entered after the fact", () => {
  let db: AppDatabase;
  let sample: GeneratedTask[];
  const asOfDays = Array.from({ length: 40 }, (_, i) => addDays(ORIGIN, i * 8 - 5));

  beforeAll(() => {
    db = freshDatabase();
    sample = fc.sample(taskArb, { numRuns: 2000, seed: 20191210 });
    insertTasks(db, sample);
  }, 60_000);

  it("stored spans, counts and trend equal the reference on both bases (2,000 histories, 40 days)", async () => {
    for (let start = 0; start < asOfDays.length; start += 8) {
      const days = asOfDays.slice(start, start + 8);
      expect(storedFactsMismatches(db, days, DEFAULT_STATUS_RULES).slice(0, 5), days.join(", ")).toEqual([]);
      await breathe();
    }
  }, 180_000);

  it("the two bases differ for some tasks and days, and agree where nothing was entered after the fact", () => {
    const differing = db.get<{ n: number }>(
      sql`SELECT count(DISTINCT task_id) AS n FROM task_status_spans WHERE basis > 0`,
    )!;
    expect(differing.n).toBeGreaterThan(100);
    // A task with no late entry at all keeps one set of spans for both.
    const plain = sample.findIndex(
      (t) =>
        t.assignedEarlier === 0 &&
        [...t.steps, ...t.extensions, ...t.deadlineChanges, ...t.reassignments].every((f) => f.lag === 0) &&
        t.deadlineChanges.every((c) => c.kind === "change"),
    );
    expect(plain).toBeGreaterThanOrEqual(0);
    expect(db.all(sql`SELECT basis FROM task_status_spans WHERE task_id = ${plain + 1} AND basis > 0`)).toEqual([]);
  });

  it("as recorded, a day shows what the system showed then: the figures of the database as it was at its end", async () => {
    for (const asOf of asOfDays.filter((_, i) => i % 4 === 1)) {
      await breathe();
      const then = freshDatabase();
      try {
        insertTasks(then, sample, { recordedBefore: endOfLocalDay(asOf) });
        expect(figures(db, asOf, "recorded")).toEqual(figures(then, asOf, "happened"));
      } finally {
        then.$client.close();
      }
    }
  }, 180_000);

  it("as it happened, a day shows nothing that took effect after it", async () => {
    for (const asOf of asOfDays.filter((_, i) => i % 4 === 3)) {
      await breathe();
      const upToThen = freshDatabase();
      try {
        insertTasks(upToThen, sample, { effectiveBefore: endOfLocalDay(asOf) });
        expect(figures(db, asOf, "happened")).toEqual(figures(upToThen, asOf, "happened"));
      } finally {
        upToThen.$client.close();
      }
    }
  }, 180_000);

  it("with other rule settings (the stored facts rebuilt for them)", async () => {
    for (const [rules, days] of [
      [{ dueSoonDays: 0, staleAfterDays: 1 }, asOfDays.slice(0, 12)],
      [{ dueSoonDays: 10, staleAfterDays: 90 }, asOfDays.slice(20, 32)],
    ] as [StatusRules, LocalDate[]][]) {
      rebuildTaskStatusFacts(db.$client, rules);
      await breathe();
      expect(storedFactsMismatches(db, days, rules).slice(0, 5)).toEqual([]);
      await breathe();
    }
    rebuildTaskStatusFacts(db.$client, DEFAULT_STATUS_RULES);
  }, 180_000);

  it("covers every status on both bases (the comparison is not vacuous)", () => {
    const ids = db.all<{ id: number }>(sql`SELECT id FROM tasks`).map((r) => r.id);
    for (const basis of STATUS_BASES) {
      const seen = new Set<string>();
      for (const asOf of asOfDays)
        for (const row of taskStatusesAsOf(db, ids, asOf, basis).values()) seen.add(row.status);
      expect([...seen].sort()).toEqual(
        [
          "awaiting_confirmation",
          "cancelled",
          "done_late",
          "done_on_time",
          "due_soon",
          "on_hold",
          "on_track",
          "ongoing",
          "overdue",
        ].sort(),
      );
    }
  });

  it("for small shrinkable cases, written through the app's refresh on write", () => {
    fc.assert(
      fc.property(
        fc.array(taskArb, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: -5, max: 270 }),
        (generated, day) => {
          const small = freshDatabase();
          try {
            insertTasks(small, generated);
            expect(storedFactsMismatches(small, [addDays(ORIGIN, day)], DEFAULT_STATUS_RULES)).toEqual([]);
          } finally {
            small.$client.close();
          }
        },
      ),
      { numRuns: 40, seed: 42 },
    );
  }, 120_000);
});
