// Unit groups (docs/domain-rules.md §11): who belongs to a group on a day. Pure; the SQL
// that resolves groups in app/models/unit-groups.server.ts states the same rules, and
// tests/integration/unit-groups.test.ts checks it against these functions.
import { localDateOf, type Instant, type LocalDate } from "./dates";

/** A department's membership of a custom group: from a day, until a day (exclusive; null while it lasts). */
export interface MembershipSpan {
  departmentId: number;
  fromDay: LocalDate;
  untilDay: LocalDate | null;
}

/** A membership counts on the days from its first up to the day before it ended. */
export function spanHolds(span: Pick<MembershipSpan, "fromDay" | "untilDay">, day: LocalDate): boolean {
  return span.fromDay <= day && (span.untilDay === null || day < span.untilDay);
}

export interface DepartmentLife {
  createdAt: Instant;
  active: boolean;
  /** The day a merge or a deactivation took effect: from it on, the department is gone. */
  dissolvedOn: LocalDate | null;
}

/**
 * A department exists on a day from the day it was created until the day before its
 * merge or dissolution took effect (the successor leads from that day, docs/domain-rules.md
 * §3). An inactive department with no such day is not counted at all.
 */
export function departmentExistsOn(department: DepartmentLife, day: LocalDate): boolean {
  if (localDateOf(department.createdAt) > day) return false;
  if (department.dissolvedOn !== null) return day < department.dissolvedOn;
  return department.active;
}

/** Two memberships share at least one day. */
export function spansOverlap(
  a: Pick<MembershipSpan, "fromDay" | "untilDay">,
  b: Pick<MembershipSpan, "fromDay" | "untilDay">,
): boolean {
  return (a.untilDay === null || b.fromDay < a.untilDay) && (b.untilDay === null || a.fromDay < b.untilDay);
}

/** Why a change to a unit group was refused (app/models/unit-groups.server.ts); the forms translate the code. */
export type GroupErrorCode =
  | "invalid"
  | "not_found"
  | "builtin_readonly"
  | "conflict"
  | "name_taken"
  | "department_unavailable"
  | "already_member"
  | "not_member"
  | "effective_in_future"
  | "before_membership";

export interface GroupFailure {
  ok: false;
  code: GroupErrorCode;
  field?: string;
  /** The names of the departments the refusal is about, for the message. */
  departmentNames?: string[];
}
