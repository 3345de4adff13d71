// The working calendar (docs/domain-rules.md §10): the table of days off and worked weekend
// days, its administration (each change audited in its transaction), and the calendar
// the working-day rules of app/domain/working-days.ts run over.
import { and, asc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import { z } from "zod";
import { calendarDays, users } from "../../db/schema";
import { CALENDAR_LIMITS } from "../domain/admin-limits";
import { isAcceptedDay, type LocalDate } from "../domain/dates";
import type { Actor } from "../domain/permissions";
import { RULE_YEARS, statutoryCalendarDays } from "../domain/public-holidays";
import { CALENDAR_DAY_KINDS, HOLIDAY_OCCASIONS, type CalendarDayKind } from "../domain/vocabulary";
import { addWorkingDays, isWeekend, workingCalendarOf, type WorkingCalendar } from "../domain/working-days";
import { writeTransaction, type AppDatabase, type WriteTransaction } from "./db.server";
import { recordAudit, type RequestOrigin } from "./audit.server";
import { allRows } from "./sql-rows.server";

type Reader = AppDatabase | WriteTransaction;

export type CalendarErrorCode =
  "invalid" | "not_found" | "day_taken" | "working_day_not_weekend" | "note_required" | "year_outside_rules";

export type CalendarResult<T extends object = object> =
  ({ ok: true } & T) | { ok: false; code: CalendarErrorCode; field?: string };

const fail = (code: CalendarErrorCode, field?: string) => ({ ok: false as const, code, field });

// ---------------------------------------------------------------- reading

/** The whole calendar: a few dozen rows a year, read at once (the rules walk day by day). */
export function workingCalendar(db: Reader): WorkingCalendar {
  return workingCalendarOf(db.select({ day: calendarDays.day, kind: calendarDays.kind }).from(calendarDays).all());
}

/** The calendar's rows as data a page can send to the browser (the recurring duty form's preview). */
export function calendarDayKinds(db: Reader): { day: LocalDate; kind: CalendarDayKind }[] {
  return db.select({ day: calendarDays.day, kind: calendarDays.kind }).from(calendarDays).all();
}

/** The due date of a deadline given as `n` working days from the day of assignment. */
export function dueDateInWorkingDays(db: Reader, assignedOn: LocalDate, n: number): LocalDate {
  return addWorkingDays(assignedOn, n, workingCalendar(db));
}

/** The days of one year, in order, with who entered them (none for the rows the migration loaded). */
export function calendarDaysOfYear(db: Reader, year: number) {
  return db
    .select({
      id: calendarDays.id,
      day: calendarDays.day,
      kind: calendarDays.kind,
      occasion: calendarDays.occasion,
      source: calendarDays.source,
      note: calendarDays.note,
      createdAt: calendarDays.createdAt,
      createdBy: users.displayName,
    })
    .from(calendarDays)
    .leftJoin(users, eq(users.id, calendarDays.createdBy))
    .where(and(gte(calendarDays.day, `${year}-01-01`), lte(calendarDays.day, `${year}-12-31`)))
    .orderBy(asc(calendarDays.day))
    .all();
}

/** The years that have at least one day in the calendar, latest first. */
export function calendarYears(db: Reader): number[] {
  return allRows(
    db,
    { year: "text" },
    sql`SELECT DISTINCT substr(day, 1, 4) AS year FROM calendar_days ORDER BY year DESC`,
  ).map((row) => Number(row.year));
}

// ---------------------------------------------------------------- input rules

const newCalendarDayInput = z.object({
  day: z.string().refine(isAcceptedDay),
  kind: z.enum(CALENDAR_DAY_KINDS),
  occasion: z.enum(HOLIDAY_OCCASIONS),
  note: z.string().trim().max(CALENDAR_LIMITS.noteMax).nullable(),
});
export type NewCalendarDayInput = z.input<typeof newCalendarDayInput>;

const recordId = z.number().int().positive();

function audit(
  tx: WriteTransaction,
  actor: Actor,
  action: string,
  entityId: number,
  before: unknown,
  after: unknown,
  origin: RequestOrigin,
  at: number,
) {
  recordAudit(tx, { actorId: actor.id, action, entityType: "calendar_day", entityId, before, after, origin, at });
}

// ---------------------------------------------------------------- use cases

/**
 * Adds a day the government announced: a day off (a swapped or extra holiday) or a
 * weekend day worked in exchange. One row per day: a day already in the calendar is
 * removed first, so that a change of plan is two audited steps, not a silent edit.
 */
export function addCalendarDay(
  db: AppDatabase,
  actor: Actor,
  input: NewCalendarDayInput,
  origin: RequestOrigin,
  now = Date.now(),
): CalendarResult<{ id: number }> {
  const parsed = newCalendarDayInput.safeParse(input);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0];
    return fail("invalid", typeof field === "string" ? field : undefined);
  }
  const value = { ...parsed.data, note: parsed.data.note || null };
  if (value.kind === "working_day" && !isWeekend(value.day)) return fail("working_day_not_weekend", "day");
  // An occasion outside the statutory list is named by its note.
  if (value.occasion === "other" && value.note === null) return fail("note_required", "note");

  return writeTransaction(db, (tx): CalendarResult<{ id: number }> => {
    const taken = tx.select({ id: calendarDays.id }).from(calendarDays).where(eq(calendarDays.day, value.day)).get();
    if (taken) return fail("day_taken", "day");
    const { id } = tx
      .insert(calendarDays)
      .values({ ...value, source: "announced", createdBy: actor.id, createdAt: now })
      .returning({ id: calendarDays.id })
      .get();
    audit(tx, actor, "calendar_day.create", id, null, { ...value, source: "announced" }, origin, now);
    return { ok: true, id };
  });
}

export function removeCalendarDay(
  db: AppDatabase,
  actor: Actor,
  input: { id: number },
  origin: RequestOrigin,
  now = Date.now(),
): CalendarResult<{ day: LocalDate }> {
  const parsed = recordId.safeParse(input.id);
  if (!parsed.success) return fail("invalid", "id");
  return writeTransaction(db, (tx): CalendarResult<{ day: LocalDate }> => {
    const row = tx
      .select({
        day: calendarDays.day,
        kind: calendarDays.kind,
        occasion: calendarDays.occasion,
        source: calendarDays.source,
        note: calendarDays.note,
      })
      .from(calendarDays)
      .where(eq(calendarDays.id, parsed.data))
      .get();
    if (!row) return fail("not_found");
    tx.delete(calendarDays).where(eq(calendarDays.id, parsed.data)).run();
    audit(tx, actor, "calendar_day.delete", parsed.data, row, null, origin, now);
    return { ok: true, day: row.day };
  });
}

/**
 * Loads a year's statutory days off (app/domain/public-holidays.ts) — the years after those
 * the migration loaded, or one the administrator cleared. Days already in the calendar
 * are kept as they are (the administrator's word stands over the rules); each day added
 * is audited.
 */
export function loadStatutoryYear(
  db: AppDatabase,
  actor: Actor,
  input: { year: number },
  origin: RequestOrigin,
  now = Date.now(),
): CalendarResult<{ added: number; kept: number }> {
  const year = input.year;
  if (!Number.isInteger(year) || year < RULE_YEARS.first || year > RULE_YEARS.last) {
    return fail("year_outside_rules", "year");
  }
  const rules = statutoryCalendarDays(year);
  return writeTransaction(db, (tx): CalendarResult<{ added: number; kept: number }> => {
    const existing = new Set(
      tx
        .select({ day: calendarDays.day })
        .from(calendarDays)
        .where(
          inArray(
            calendarDays.day,
            rules.map((r) => r.day),
          ),
        )
        .all()
        .map((row) => row.day),
    );
    let added = 0;
    for (const rule of rules) {
      if (existing.has(rule.day)) continue;
      const row = { ...rule, source: "rule" as const, note: null };
      const { id } = tx
        .insert(calendarDays)
        .values({ ...row, createdBy: actor.id, createdAt: now })
        .returning({ id: calendarDays.id })
        .get();
      audit(tx, actor, "calendar_day.create", id, null, row, origin, now);
      added++;
    }
    return { ok: true, added, kept: rules.length - added };
  });
}
