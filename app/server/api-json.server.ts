// The JSON shapes the API shares between endpoints. Calendar days are ISO
// `YYYY-MM-DD` (Hanoi calendar), instants ISO 8601 in UTC; every coded value
// (status, workflow state, directive type…) is its stable code from
// app/domain/vocabulary.ts with a label in the client's language.
import type { Instant } from "../domain/dates";
import { TASK_STATUSES, type TaskStatus } from "../domain/vocabulary";
import type { StatusCounts } from "../models/status-counts.server";
import type { TaskRow } from "../models/task-rows.server";
import { rates } from "../models/dashboard.server";
import { API_BASE } from "./api.server";
import type { MessageKey, Translate } from "../lib/i18n";

export interface Coded {
  code: string;
  label: string;
}

/** A code with its label, e.g. `{ code: "overdue", label: "Quá hạn" }`. */
export function coded(t: Translate, prefix: "status" | "workflow" | "directiveType" | "directiveState", code: string) {
  return { code, label: t(`${prefix}.${code}` as MessageKey) } satisfies Coded;
}

export function isoInstant(at: Instant | null | undefined): string | null {
  return at === null || at === undefined ? null : new Date(at).toISOString();
}

export const apiPaths = {
  task: (id: number) => `${API_BASE}/tasks/${id}`,
  directive: (id: number) => `${API_BASE}/directives/${id}`,
  tasks: (params: Record<string, string | number | undefined>) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value !== undefined) query.set(key, String(value));
    return `${API_BASE}/tasks?${query.toString()}`;
  },
};

/** Task counts by status (every status, in the vocabulary's order), the stale flag and the rates. */
export function statusCountsJson(t: Translate, counts: StatusCounts) {
  const { completionRate, onTimeRate } = rates(counts);
  return {
    total: TASK_STATUSES.reduce((sum, status) => sum + counts[status], 0),
    byStatus: TASK_STATUSES.map((status: TaskStatus) => ({ ...coded(t, "status", status), count: counts[status] })),
    stale: counts.stale,
    completionRate,
    onTimeRate,
  };
}

/** One task as the task list shows it, for the as-of day the row was computed for. */
export function taskItemJson(t: Translate, row: TaskRow, directiveLabel: string) {
  return {
    id: row.id,
    href: apiPaths.task(row.id),
    directive: { id: row.directiveId, label: directiveLabel, href: apiPaths.directive(row.directiveId) },
    parentId: row.parentId,
    /** The item given to many units this task is one unit's share of (decision 026); null for a task of its own. */
    fanOutId: row.fanOutId,
    /** The recurring duty this task is an occurrence of, and its period (`2020-01`, `2020-Q1`, `2020-W02`, `2020-H1`, `2020`). */
    dutyId: row.dutyId,
    dutyPeriod: row.dutyPeriod,
    itemNumber: row.itemNumber,
    title: row.title,
    leadDepartment: row.lead,
    coordinatingDepartments: row.coordinators,
    deadline: {
      kind: row.deadlineKind,
      originalDueDate: row.originalDueDate,
      dueDate: row.dueDate,
      extensionCount: row.extensionCount,
    },
    status: coded(t, "status", row.status),
    late: row.late,
    daysLate: row.daysLate,
    /** Awaiting confirmation: the day the completion was reported (the secretariat's wait runs from it). */
    awaitingSince: row.awaitingSince,
    stale: row.stale,
    percent: row.percent,
    updatedAt: isoInstant(row.updatedAt),
  };
}
