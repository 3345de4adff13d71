// "Paste and split": the pasted text of a directive split into draft tasks against the
// active departments, and the reviewed drafts saved through the bulk import
// (task-import.server.ts) — the same rules, one transaction, an audit event per task.
import { asc, eq } from "drizzle-orm";
import { departments } from "../../db/schema";
import type { LocalDate } from "../domain/dates";
import { splitDirectiveDocument, type DirectiveSplit, type SplitDepartment } from "../domain/directive-split";
import { reviewedTasksAsSheet, reviewErrors, type ReviewedTask, type ReviewError } from "../domain/split-review";
import type { AppDatabase } from "../lib/db.server";
import type { RequestOrigin } from "./audit.server";
import { importTasks } from "./task-import.server";
import type { Author } from "./tasks.server";

/** Departments a text can name: the active ones. */
function activeDepartments(db: AppDatabase): SplitDepartment[] {
  return db
    .select({ id: departments.id, code: departments.code, name: departments.name, shortName: departments.shortName })
    .from(departments)
    .where(eq(departments.active, true))
    .orderBy(asc(departments.id))
    .all();
}

/** Draft tasks of a pasted text; years missing from its dates come from the directive's issue date. */
export function splitText(db: AppDatabase, text: string, issuedOn: LocalDate | null): DirectiveSplit {
  return splitDirectiveDocument(text, { departments: activeDepartments(db), issuedOn });
}

export type SplitSaveOutcome = { ok: true; created: number } | { ok: false; errors: ReviewError[] };

/** Creates the checked rows as tasks of the directive, all or none. */
export function saveReviewedTasks(
  db: AppDatabase,
  author: Author,
  input: { directiveId: number; assignedOn: LocalDate; tasks: readonly ReviewedTask[] },
  origin: RequestOrigin,
  now = Date.now(),
): SplitSaveOutcome {
  // Read outside the import's transaction: a department deactivated meanwhile no longer
  // resolves there, and its row is refused as an unknown department.
  const codes = new Map(activeDepartments(db).map((d) => [d.id, d.code]));
  const review = reviewedTasksAsSheet(input.tasks, (id) => codes.get(id) ?? null);
  if (review.errors.length > 0) return { ok: false, errors: review.errors };
  const outcome = importTasks(
    db,
    author,
    { directiveId: input.directiveId, assignedOn: input.assignedOn, rows: review.sheet },
    origin,
    now,
  );
  return outcome.ok ? outcome : { ok: false, errors: reviewErrors(outcome.errors, review.indexOfSheetRow) };
}
