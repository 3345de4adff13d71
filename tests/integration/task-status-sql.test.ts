// The SQL form of the status rules (app/models/task-status.server.ts) must agree
// with the reference TypeScript form (app/domain/status.ts) for every task and
// every as-of day — and so must the stored spans and counts kept on write
// (app/models/status-facts.server.ts, docs/decisions/014). Histories are random
// but reproducible (fixed seeds), with events packed around due dates and local
// midnight, where the rules have edges, and recorded in any order of time.
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  committees,
  departments,
  directives,
  extensionRequests,
  progressReports,
  tasks,
  taskTransitions,
  users,
} from "../../db/schema";
import { addDays, startOfLocalDay, type Instant, type LocalDate } from "../../app/domain/dates";
import { DEFAULT_STATUS_RULES, taskStatusAsOf, type StatusRules } from "../../app/domain/status";
import { DEADLINE_KINDS, type WorkflowState } from "../../app/domain/vocabulary";
import { writeTransaction, type AppDatabase } from "../../app/lib/db.server";
import { rebuildTaskStatusFacts, statusFactsUsable } from "../../app/models/status-facts.server";
import { loadTaskFacts, taskStatusesAsOf } from "../../app/models/task-status.server";
import { freshDatabase } from "../setup/database";
import { storedFactsMismatches } from "../setup/status-facts-check";

const ORIGIN: LocalDate = "2019-09-01";
const HOUR = 3_600_000;

/** An instant on a local day, at a time chosen to hit the edges of the day often. */
const instantArb = (fromDay: number, toDay: number) =>
  fc
    .tuple(fc.integer({ min: fromDay, max: toDay }), fc.constantFrom(0, 0.5, 6.5, 12, 16.99, 17, 23.5, 23.99))
    .map(([day, hour]) => startOfLocalDay(addDays(ORIGIN, day)) + Math.round(hour * HOUR));

interface GeneratedTask {
  deadlineKind: (typeof DEADLINE_KINDS)[number];
  dueDay: number;
  createdAt: Instant;
  steps: { state: WorkflowState; at: Instant; completionDay: number }[];
  extensions: { state: "approved" | "countered" | "rejected"; decidedAt: Instant; extraDays: number }[];
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
  createdAt: instantArb(0, 30),
  steps: fc.array(
    fc.record({
      state: fc.constantFrom(...STEP_STATES),
      at: instantArb(10, 260),
      completionDay: fc.integer({ min: 15, max: 250 }),
    }),
    { maxLength: 5 },
  ),
  extensions: fc.array(
    fc.record({
      state: fc.constantFrom("approved" as const, "countered" as const, "rejected" as const),
      decidedAt: instantArb(15, 230),
      extraDays: fc.integer({ min: 1, max: 60 }),
    }),
    { maxLength: 3 },
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

function insertTasks(db: AppDatabase, generated: GeneratedTask[]): void {
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
      const { departmentId, directive } = scopeOfTask(index);
      const dated = task.deadlineKind === "dated";
      const due = dated ? addDays(ORIGIN, task.dueDay) : null;
      const steps = [...task.steps].sort((a, b) => a.at - b.at);
      const last = steps.at(-1);
      const completionDate = (day: number) => addDays(ORIGIN, day);
      const finalDone = last?.state === "done" || last?.state === "awaiting_confirmation";
      const [{ id }] = tx
        .insert(tasks)
        .values({
          directiveId: directive.id,
          itemNumber: String(index + 1),
          title: `Nhiệm vụ ${index + 1}`,
          leadDepartmentId: departmentId,
          deadlineKind: task.deadlineKind,
          originalDueDate: due,
          currentDueDate: due,
          assignedOn: ORIGIN,
          state: last?.state ?? "open",
          completionDate: finalDone && last ? completionDate(last.completionDay) : null,
          confirmedAt: last?.state === "done" ? last.at : null,
          createdAt: task.createdAt,
        })
        .returning({ id: tasks.id })
        .all() as [{ id: number }];
      for (const step of steps) {
        const reportsCompletion = step.state === "done" || step.state === "awaiting_confirmation";
        tx.insert(taskTransitions)
          .values({
            taskId: id,
            toState: step.state,
            changedAt: step.at,
            completionDate: reportsCompletion ? completionDate(step.completionDay) : null,
          })
          .run();
      }
      if (dated && due) {
        let current = due;
        for (const extension of [...task.extensions].sort((a, b) => a.decidedAt - b.decidedAt)) {
          const proposed = addDays(current, extension.extraDays);
          const inForce = extension.state !== "rejected";
          tx.insert(extensionRequests)
            .values({
              taskId: id,
              departmentId,
              currentDueDate: current,
              proposedDueDate: proposed,
              reason: "Lý do",
              state: extension.state,
              decidedBy: 1,
              decidedAt: extension.decidedAt,
              decisionNote: inForce ? null : "Không đồng ý",
              approvedDueDate: inForce ? proposed : null,
            })
            .run();
          if (inForce) current = proposed;
        }
      }
      for (const at of task.reports) {
        tx.insert(progressReports)
          .values({
            taskId: id,
            departmentId,
            asOfDate: ORIGIN,
            percent: 50,
            result: "Đang thực hiện",
            createdAt: at,
          })
          .run();
      }
    });
  });
}

/** The SQL twin against the reference, task by task; then the stored spans and counts. */
function expectAgreement(db: AppDatabase, asOfDays: LocalDate[], rules: StatusRules = DEFAULT_STATUS_RULES): number {
  const ids = db.all<{ id: number }>(sql`SELECT id FROM tasks`).map((r) => r.id);
  const facts = loadTaskFacts(db, ids);
  const mismatches: string[] = [];
  let compared = 0;
  for (const asOf of asOfDays) {
    const fromSql = taskStatusesAsOf(db, ids, asOf, rules);
    for (const id of ids) {
      const expected = taskStatusAsOf(facts.get(id)!, asOf, rules);
      const row = fromSql.get(id);
      const actual = row && {
        status: row.status,
        dueDate: row.dueDate,
        late: row.late === 1,
        daysLate: row.daysLate,
        stale: row.stale === 1,
      };
      compared++;
      if (JSON.stringify(actual ?? null) !== JSON.stringify(expected)) {
        mismatches.push(`task ${id} as of ${asOf}: SQL ${JSON.stringify(actual)} ≠ TS ${JSON.stringify(expected)}`);
      }
    }
  }
  expect(mismatches.slice(0, 5)).toEqual([]);
  // The stored facts are used only when they are exact for the rules (built for them, nothing marked).
  expect(statusFactsUsable(db, rules)).toBe(true);
  expect(storedFactsMismatches(db, asOfDays, rules).slice(0, 5)).toEqual([]);
  return compared;
}

describe("SQL status agrees with the TypeScript status rules", () => {
  let db: AppDatabase;
  const asOfDays = Array.from({ length: 40 }, (_, i) => addDays(ORIGIN, i * 7 - 5));

  beforeAll(() => {
    db = freshDatabase();
    insertTasks(db, fc.sample(taskArb, { numRuns: 3000, seed: 20190918 }));
  }, 60_000);

  it("for 3,000 random task histories on 40 as-of days", () => {
    const compared = expectAgreement(db, asOfDays);
    expect(compared).toBe(3000 * asOfDays.length);
  }, 120_000);

  it("with other rule settings (the stored facts rebuilt for them)", () => {
    for (const [rules, days] of [
      [{ dueSoonDays: 0, staleAfterDays: 1 }, asOfDays.slice(0, 15)],
      [{ dueSoonDays: 10, staleAfterDays: 90 }, asOfDays.slice(15, 30)],
    ] as const) {
      expect(statusFactsUsable(db, rules)).toBe(false);
      rebuildTaskStatusFacts(db.$client, rules);
      expectAgreement(db, days, rules);
    }
    rebuildTaskStatusFacts(db.$client, DEFAULT_STATUS_RULES);
  }, 120_000);

  it("covers every status in the sample (the comparison is not vacuous)", () => {
    const ids = db.all<{ id: number }>(sql`SELECT id FROM tasks`).map((r) => r.id);
    const seen = new Set<string>();
    for (const asOf of asOfDays) for (const row of taskStatusesAsOf(db, ids, asOf).values()) seen.add(row.status);
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
  });

  it("for small shrinkable cases", () => {
    fc.assert(
      fc.property(
        fc.array(taskArb, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: -5, max: 270 }),
        (generated, day) => {
          const small = freshDatabase();
          try {
            insertTasks(small, generated);
            expectAgreement(small, [addDays(ORIGIN, day)]);
          } finally {
            small.$client.close();
          }
        },
      ),
      { numRuns: 60, seed: 42 },
    );
  });
});
