// The state of an item given to many units (decision 026; docs/domain-rules.md §13):
// computed from its units' tasks, never stored and never counted as a task. Each unit's
// status comes from app/domain/status.ts (the one home of the status rules); this only
// combines them.
import { SET_ASIDE_STATUSES, TASK_STATUSES, type TaskStatus } from "./vocabulary";

/** How many of the item's units' tasks have each status on the day, and how many of them are stale. */
export type UnitStatusCounts = Record<TaskStatus, number> & { stale: number };

export interface FanOutRollup {
  /** The item's own status on the day, from its units' (rule below); null when no unit existed yet. */
  status: TaskStatus | null;
  /** The units' statuses counted: always the sum of the units' own. */
  counts: UnitStatusCounts;
  /** Units counted (set-aside units excluded). */
  counted: number;
  /** Units done, on time or late. */
  done: number;
  /** Units late: overdue, done late, or reported done late while awaiting confirmation. */
  late: number;
}

export interface UnitStatus {
  status: TaskStatus;
  stale: boolean;
  /** Reported done late, awaiting confirmation (a done_late or overdue unit is late by its status). */
  late?: boolean;
}

const SET_ASIDE: readonly TaskStatus[] = SET_ASIDE_STATUSES;

export function emptyUnitCounts(): UnitStatusCounts {
  return { ...(Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>), stale: 0 };
}

/** The units' statuses counted, as the status counts of any set of tasks are. */
export function countUnits(units: readonly UnitStatus[]): UnitStatusCounts {
  const counts = emptyUnitCounts();
  for (const unit of units) {
    counts[unit.status] += 1;
    if (unit.stale) counts.stale += 1;
  }
  return counts;
}

/**
 * The item's status from its units' counts:
 * 1. units on hold or withdrawn are set apart, as tasks are; when every unit is, the item
 *    is withdrawn if every unit is, else on hold;
 * 2. done when every counted unit is done: done late if any unit finished late, else on time;
 * 3. otherwise the most pressing state of the units not done: overdue (any unit overdue),
 *    then due soon, on track, ongoing, and awaiting confirmation when the only units not
 *    done are waiting for the secretariat.
 */
export function rollupStatus(counts: Record<TaskStatus, number>): TaskStatus | null {
  const total = TASK_STATUSES.reduce((sum, s) => sum + counts[s], 0);
  if (total === 0) return null;
  const counted = total - counts.on_hold - counts.cancelled;
  if (counted === 0) return counts.on_hold > 0 ? "on_hold" : "cancelled";
  const done = counts.done_on_time + counts.done_late;
  if (done === counted) return counts.done_late > 0 ? "done_late" : "done_on_time";
  for (const status of ["overdue", "due_soon", "on_track", "ongoing", "awaiting_confirmation"] as const) {
    if (counts[status] > 0) return status;
  }
  throw new Error("unreachable: a counted unit not done has one of the statuses above");
}

/** The item's roll-up from its units' statuses on one day (what its page and the directive page show). */
export function fanOutRollup(units: readonly UnitStatus[]): FanOutRollup {
  const counts = countUnits(units);
  const counted = units.filter((u) => !SET_ASIDE.includes(u.status)).length;
  return {
    status: rollupStatus(counts),
    counts,
    counted,
    done: counts.done_on_time + counts.done_late,
    late: units.filter((u) => u.status === "overdue" || u.status === "done_late" || (u.late ?? false)).length,
  };
}
