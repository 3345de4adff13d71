// "Paste and split": the pasted text of a directive split into draft tasks against the
// active departments, the unit groups and the working calendar, and the reviewed drafts
// saved in one transaction: ordinary tasks through the bulk import (task-import.server.ts,
// an audit event per task), items for many units through createFanOut and recurring
// duties through createDuty — the same functions, rules and audit events as their own
// forms. Their transactions nest as savepoints in this one: any refusal writes nothing.
import { asc, eq } from "drizzle-orm";
import { departments, directives, meetings, unitGroups } from "../../db/schema";
import type { LocalDate } from "../domain/dates";
import {
  splitDirectiveDocument,
  type DirectiveSplit,
  type SplitDepartment,
  type SplitGroup,
} from "../domain/directive-split";
import type { Actor } from "../domain/permissions";
import {
  reviewedItems,
  reviewedTasksAsSheet,
  reviewErrors,
  withWorkingDayDeadlines,
  type ReviewedTask,
  type ReviewError,
  type ReviewField,
} from "../domain/split-review";
import { writeTransaction, type AppDatabase } from "./db.server";
import type { RequestOrigin } from "./audit.server";
import { createFanOut, type FanOutError } from "./fan-outs.server";
import { createDuty, type DutyWriteError } from "./recurring-duties.server";
import { importTasks } from "./task-import.server";
import { workingCalendar } from "./working-calendar.server";

/** Departments a text can name: the active ones. */
function activeDepartments(db: AppDatabase): SplitDepartment[] {
  return db
    .select({ id: departments.id, code: departments.code, name: departments.name, shortName: departments.shortName })
    .from(departments)
    .where(eq(departments.active, true))
    .orderBy(asc(departments.id))
    .all();
}

/** Every unit group, built-in first: what a group phrase of the text may stand for. */
export function splitGroups(db: AppDatabase): SplitGroup[] {
  return db
    .select({ id: unitGroups.id, name: unitGroups.name, builtinKind: unitGroups.builtinKind })
    .from(unitGroups)
    .orderBy(asc(unitGroups.id))
    .all();
}

/**
 * Draft tasks of a pasted text; years missing from its dates come from the directive's
 * issue date, deadlines in working days count from `assignedOn` over the calendar.
 */
export function splitText(
  db: AppDatabase,
  text: string,
  issuedOn: LocalDate | null,
  assignedOn: LocalDate | null = issuedOn,
): DirectiveSplit {
  return splitDirectiveDocument(text, {
    departments: activeDepartments(db),
    issuedOn,
    assignedOn,
    groups: splitGroups(db),
    calendar: workingCalendar(db),
  });
}

/**
 * The day a directive's tasks are given by default: its issue date, else its meeting's
 * date — a conclusion pasted long after is still given on its own day, not today. Null
 * when neither is known.
 */
export function defaultAssignmentDay(db: AppDatabase, directiveId: number): LocalDate | null {
  const row = db
    .select({ issuedOn: directives.issuedOn, meetingOn: meetings.heldOn })
    .from(directives)
    .leftJoin(meetings, eq(meetings.id, directives.meetingId))
    .where(eq(directives.id, directiveId))
    .get();
  return row?.issuedOn ?? row?.meetingOn ?? null;
}

export type SplitSaveOutcome = { ok: true; created: number } | { ok: false; errors: ReviewError[] };

/** Rolls the whole save back with the errors of the row that was refused. */
class SaveRefused extends Error {
  constructor(readonly errors: ReviewError[]) {
    super("refused");
  }
}

function fanOutErrors(index: number, refusal: FanOutError): ReviewError[] {
  const at = (field: ReviewField | null, code: ReviewError["code"], value?: string): ReviewError[] => [
    { index, field, code, ...(value === undefined ? {} : { value }) },
  ];
  switch (refusal.error) {
    case "unknown_group":
    case "empty_group":
      return at("groupId", refusal.error);
    case "too_few_leads":
      return at("fanOutLeadIds", "too_few_leads");
    case "too_many_units":
      return at(null, "too_many_units", String(refusal.count));
    case "bad_day":
      return at("dueDate", "invalid_date");
    case "lead_is_coordinator":
      return at("coordinatorDepartmentIds", "lead_is_coordinator", refusal.departmentNames.join(", "));
    case "rule":
      return refusal.violations.map((code) => ({ index, field: "dueDate" as const, code }));
    case "unknown_department":
      return at("coordinatorDepartmentIds", "unknown_department");
    case "forbidden":
    case "unknown_directive":
    case "unknown_parent":
    case "parent_cycle":
    case "deadline_on_issued":
      return at(null, "directive_closed");
  }
}

function dutyErrors(index: number, refusal: DutyWriteError): ReviewError[] {
  switch (refusal.error) {
    case "recurrence":
      return [{ index, field: "dutyDay", code: "duty_day" }];
    case "too_many_occurrences":
      return [{ index, field: "dutyDay", code: "too_many_occurrences", value: String(refusal.count) }];
    case "unknown_department":
      return [{ index, field: "leadDepartmentId", code: "unknown_department" }];
    case "rule":
      return refusal.violations.map((code) => ({ index, field: "leadDepartmentId" as const, code }));
    default:
      return [{ index, field: null, code: "directive_closed" }];
  }
}

/**
 * Creates the checked rows of the review, all or none: ordinary tasks (with their
 * parents), items for many units and recurring duties. A working-day deadline is counted
 * from `assignedOn`; a duty starts on it.
 */
export function saveReviewedTasks(
  db: AppDatabase,
  author: Actor,
  input: { directiveId: number; assignedOn: LocalDate; tasks: readonly ReviewedTask[] },
  origin: RequestOrigin,
  now = Date.now(),
): SplitSaveOutcome {
  // Read outside the transaction: a department deactivated meanwhile no longer
  // resolves there, and its row is refused as an unknown department.
  const codes = new Map(activeDepartments(db).map((d) => [d.id, d.code]));
  const dated = withWorkingDayDeadlines(input.tasks, input.assignedOn, workingCalendar(db));
  const review = reviewedTasksAsSheet(dated.tasks, (id) => codes.get(id) ?? null);
  const items = reviewedItems(dated.tasks, input.assignedOn);
  const errors = [...dated.errors, ...review.errors, ...items.errors];
  if (errors.length > 0) return { ok: false, errors };
  const ordinaryRows = review.sheet.length - 1;
  if (ordinaryRows === 0 && items.fanOuts.length === 0 && items.duties.length === 0) {
    return { ok: false, errors: [{ index: null, field: null, code: "no_rows" }] };
  }
  try {
    return writeTransaction(db, (): SplitSaveOutcome => {
      let created = 0;
      if (ordinaryRows > 0) {
        const outcome = importTasks(
          db,
          author,
          { directiveId: input.directiveId, assignedOn: input.assignedOn, rows: review.sheet },
          origin,
          now,
        );
        if (!outcome.ok) throw new SaveRefused(reviewErrors(outcome.errors, review.indexOfSheetRow));
        created += outcome.created;
      }
      for (const { index, ...item } of items.fanOuts) {
        const outcome = createFanOut(
          db,
          author,
          { ...item, directiveId: input.directiveId, assignedOn: input.assignedOn },
          origin,
          now,
        );
        if (!outcome.ok) throw new SaveRefused(fanOutErrors(index, outcome));
        created += outcome.taskIds.length;
      }
      for (const { index, rule, ...duty } of items.duties) {
        const outcome = createDuty(db, author, { ...duty, ...rule, directiveId: input.directiveId }, origin, now);
        if (!outcome.ok) throw new SaveRefused(dutyErrors(index, outcome));
        created += outcome.created;
      }
      return { ok: true, created };
    });
  } catch (error) {
    if (error instanceof SaveRefused) return { ok: false, errors: error.errors };
    throw error;
  }
}
