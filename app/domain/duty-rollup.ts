// A recurring duty's own state, rolled up from its occurrences' statuses (decision 026):
// the duty is never counted in any figure; this only says, on its page and the directive's,
// how its periods stand. Pure.
import { SET_ASIDE_STATUSES, TASK_STATUSES, type TaskStatus } from "./vocabulary";

export type DutyRollupState = "none" | "overdue" | "in_progress" | "done_on_time" | "done_late";

export interface DutyRollup {
  state: DutyRollupState;
  /** Occurrences per status (every status, zero included). */
  counts: Record<TaskStatus, number>;
  /** Occurrences counted: those not on hold or withdrawn. */
  counted: number;
}

/**
 * Overdue while any counted occurrence is overdue; done when every counted one is done
 * (late if any was late); in progress otherwise; none when no occurrence is counted.
 */
export function dutyRollup(statuses: readonly TaskStatus[]): DutyRollup {
  const counts = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>;
  for (const status of statuses) counts[status] += 1;
  const counted = statuses.filter((s) => !(SET_ASIDE_STATUSES as readonly TaskStatus[]).includes(s)).length;
  const done = counts.done_on_time + counts.done_late;
  const state: DutyRollupState =
    counted === 0
      ? "none"
      : counts.overdue > 0
        ? "overdue"
        : done === counted
          ? counts.done_late > 0
            ? "done_late"
            : "done_on_time"
          : "in_progress";
  return { state, counts, counted };
}
