// What the secretariat's actions answer when a model refuses a write: the
// refusal codes of app/models/committees.server.ts, directives.server.ts and
// tasks.server.ts as translated messages on the fields they concern, and a
// conflict as the list of what others changed (field, old → new, who, when).
import { data, type AppLoadContext } from "@remix-run/node";
import type { SubmissionResult } from "@conform-to/react";
import { sql } from "drizzle-orm";
import { formatInstant, formatLocalDate, isLocalDate } from "~/domain/dates";
import { canSeeDirective, canSeeTask, type Permission } from "~/domain/permissions";
import {
  DEADLINE_KINDS,
  DEPARTMENT_KINDS,
  ROLES,
  WORKFLOW_STATES,
  type DeadlineKind,
  type DepartmentKind,
  type Role,
  type WorkflowState,
} from "~/domain/vocabulary";
import { FAN_OUT_MAX_UNITS, VIOLATION_FIELD, violationMessage } from "~/lib/desk-forms";
import { denyAccess, requirePermission, type SessionUser } from "~/server/auth.server";
import { getDb, type AppDatabase } from "~/models/db.server";
import { notFound } from "~/lib/http.server";
import type { MessageKey, Translate } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { directiveQueryParam } from "~/lib/params.server";
import type { RecordChange } from "~/models/audit.server";
import type { CommitteeWriteResult, MeetingWriteResult } from "~/models/committees.server";
import type { DirectiveWriteResult } from "~/models/directives.server";
import type { FanOutError } from "~/models/fan-outs.server";
import { departmentNames } from "~/models/desk-options.server";
import type { TaskChange, TaskWriteError } from "~/models/tasks.server";
import { directiveAccessFacts, taskAccessFacts } from "~/models/visibility.server";
import { allRows } from "~/models/sql-rows.server";

/**
 * The directive must exist and be visible to the user, else 404 (audited when it
 * exists but is hidden). Call after `requirePermission`.
 */
export async function requireVisibleDirective(
  request: Request,
  context: AppLoadContext | undefined,
  user: SessionUser,
  id: number,
  permission: Permission,
) {
  const access = directiveAccessFacts(getDb(), id);
  if (!access) notFound();
  if (!canSeeDirective(user, access)) {
    return denyAccess(request, context, user, permission, 404, { type: "directive", id });
  }
  return access;
}

/**
 * The opening of the pages that add work to a directive (a task, a recurring duty), in
 * their loaders and actions alike: the `task.write` permission, the directive of
 * `?directive=` (400 when malformed) visible to the user, else 404.
 */
export async function requireDirectiveDesk(request: Request, context: AppLoadContext | undefined) {
  const user = await requirePermission(request, context, "task.write");
  const { t } = await getTranslator(request);
  const directiveId = directiveQueryParam(request, t);
  await requireVisibleDirective(request, context, user, directiveId, "task.write");
  return { user, t, directiveId };
}

/** The task must exist and be visible to the user, else 404 (see requireVisibleDirective). */
export async function requireVisibleTask(
  request: Request,
  context: AppLoadContext | undefined,
  user: SessionUser,
  id: number,
  permission: Permission,
) {
  const access = taskAccessFacts(getDb(), id);
  if (!access) notFound();
  if (!canSeeTask(user, access)) return denyAccess(request, context, user, permission, 404, { type: "task", id });
  return access;
}

export interface ReplyErrors {
  formErrors?: string[];
  fieldErrors?: Record<string, string[]>;
}

/** One change made by someone else since the form was opened, ready to show. */
export interface ChangeLine {
  field: string;
  from: string;
  to: string;
  by: string;
  at: string;
}

/** A refused save: the version to base the next attempt on, and what changed meanwhile. */
export interface Conflict {
  version: number;
  changes: ChangeLine[];
}

/** What a form action answers: Conform's reply, and the conflict when there was one. */
export interface FormReply {
  result: SubmissionResult<string[]>;
  conflict: Conflict | null;
}

export function formReply(result: SubmissionResult<string[]>, status: 400 | 409, conflict: Conflict | null = null) {
  return data<FormReply>({ result, conflict }, { status });
}

/**
 * A save refused because the record changed after the form was opened: 409, the
 * input kept (`reply` builds Conform's answer), the conflict notice of the tasks'
 * and directives' forms with what the others changed, and the version to save on.
 */
export function conflictReply(
  db: AppDatabase,
  t: Translate,
  entity: keyof typeof RECORD_CHANGE_LABELS,
  conflict: { version: number; changes: readonly RecordChange[] },
  reply: (errors: ReplyErrors) => SubmissionResult<string[]>,
) {
  return formReply(reply({ formErrors: [t(`desk.conflict.${entity}`)] }), 409, {
    version: conflict.version,
    changes: describeRecordChanges(db, t, entity, conflict.changes),
  });
}

type CommitteeWriteError = Extract<CommitteeWriteResult, { ok: false }>["error"];
type MeetingWriteError = Extract<MeetingWriteResult, { ok: false }>["error"];

/** A committee refusal other than `not_found`, on its field. */
export function committeeErrors(t: Translate, error: Exclude<CommitteeWriteError, "not_found">): ReplyErrors {
  switch (error) {
    case "duplicate_code":
      return { fieldErrors: { code: [t("committee.error.duplicateCode")] } };
  }
}

/** A meeting refusal other than `not_found`, on its field. */
export function meetingErrors(t: Translate, error: Exclude<MeetingWriteError, "not_found">): ReplyErrors {
  switch (error) {
    case "unknown_committee":
      return { fieldErrors: { committeeId: [t("desk.error.unknownCommittee")] } };
  }
}

type DirectiveWriteError = Extract<DirectiveWriteResult, { ok: false }>["error"];

/** A directive refusal other than `not_found` and `conflict`, on its field. */
export function directiveErrors(
  t: Translate,
  error: Exclude<DirectiveWriteError, "not_found" | "conflict">,
): ReplyErrors {
  switch (error) {
    case "duplicate_number":
      return { fieldErrors: { number: [t("desk.error.duplicateNumber")] } };
    case "unknown_committee":
      return { fieldErrors: { committeeId: [t("desk.error.unknownCommittee")] } };
    case "unknown_meeting":
      return { fieldErrors: { meetingId: [t("desk.error.unknownMeeting")] } };
    case "issued_needs_date":
      return { fieldErrors: { issuedOn: [t("desk.error.issuedNeedsDate")] } };
    case "issued_needs_number":
      return { fieldErrors: { number: [t("desk.error.issuedNeedsNumber")] } };
    case "invalid_move":
      return { formErrors: [t("desk.error.invalidDirectiveMove")] };
  }
}

/** A task refusal other than `not_found` and `conflict`, on the field it concerns. */
export function taskErrors(
  t: Translate,
  error: Exclude<TaskWriteError, { error: "not_found" } | { error: "conflict" }>,
  leadDepartmentId: number | null,
): ReplyErrors {
  switch (error.error) {
    case "rule": {
      const fieldErrors: Record<string, string[]> = {};
      for (const violation of error.violations) {
        const field = VIOLATION_FIELD[violation];
        fieldErrors[field] = [...(fieldErrors[field] ?? []), violationMessage(t, violation)];
      }
      return { fieldErrors };
    }
    case "unknown_department": {
      const fieldErrors: Record<string, string[]> = {};
      const message = t("desk.error.unknownDepartment");
      if (leadDepartmentId === null) return { fieldErrors: { departmentId: [message] } };
      if (error.departmentIds.includes(leadDepartmentId)) fieldErrors.leadDepartmentId = [message];
      if (error.departmentIds.some((id) => id !== leadDepartmentId)) fieldErrors.coordinatorDepartmentIds = [message];
      return { fieldErrors };
    }
    case "unknown_directive":
      return { formErrors: [t("desk.error.unknownDirective")] };
    case "unknown_parent":
      return { fieldErrors: { parentId: [t("desk.error.unknownParent")] } };
    case "parent_cycle":
      return { fieldErrors: { parentId: [t("desk.error.parentCycle")] } };
    case "invalid_move":
      return {
        formErrors: [
          t("desk.error.invalidTaskMove", { from: t(`workflow.${error.from}`), to: t(`workflow.${error.to}`) }),
        ],
      };
    case "deadline_on_issued":
      return { fieldErrors: { dueDate: [t("desk.error.deadlineOnIssued")] } };
  }
}

/** A refused item given to many units, on the new-task form's fields (decision 026). */
export function fanOutErrors(t: Translate, error: Exclude<FanOutError, { error: "forbidden" }>): ReplyErrors {
  switch (error.error) {
    case "unknown_group":
      return { fieldErrors: { groupId: [t("fanOut.error.unknownGroup")] } };
    case "empty_group":
      return { fieldErrors: { groupId: [t("fanOut.error.emptyGroup")] } };
    case "too_few_leads":
      return { fieldErrors: { leadDepartmentIds: [t("fanOut.error.tooFewLeads")] } };
    case "too_many_units":
      return { formErrors: [t("fanOut.error.tooMany", { count: error.count, max: FAN_OUT_MAX_UNITS })] };
    case "bad_day":
      return { formErrors: [t("fanOut.error.badDay")] };
    case "lead_is_coordinator":
      return {
        fieldErrors: {
          coordinatorDepartmentIds: [t("fanOut.error.leadIsCoordinator", { names: error.departmentNames.join(", ") })],
        },
      };
    case "unknown_department":
      return { fieldErrors: { leadDepartmentIds: [t("desk.error.unknownDepartment")] } };
    default:
      return taskErrors(t, error, null);
  }
}

const CHANGE_LABELS: Record<string, MessageKey> = {
  parentId: "desk.task.parent",
  itemNumber: "desk.task.itemNumber",
  title: "desk.task.title",
  description: "desk.task.description",
  leadDepartmentId: "desk.task.lead",
  coordinatorDepartmentIds: "desk.task.coordinators",
  deadlineKind: "desk.task.deadlineKind",
  originalDueDate: "desk.change.originalDueDate",
  currentDueDate: "desk.change.currentDueDate",
  assignedOn: "desk.task.assignedOn",
  state: "desk.change.state",
  stateReason: "desk.change.stateReason",
  reason: "desk.change.reassignReason",
  percent: "progress.change.percent",
  completionDate: "progress.change.completionDate",
  completionResult: "progress.change.completionResult",
};

const SHOWN_TEXT = 160;

/** What a conflict on a committee, meeting, account or department lists: its fields' labels. */
export const RECORD_CHANGE_LABELS = {
  committee: {
    code: "committee.field.code",
    name: "committee.field.name",
    description: "committee.field.description",
    active: "desk.change.active",
  },
  meeting: {
    heldOn: "meeting.field.heldOn",
    title: "meeting.field.title",
    chair: "meeting.field.chair",
    place: "meeting.field.place",
    attendees: "meeting.field.attendees",
    notes: "meeting.field.notes",
  },
  user: {
    displayName: "admin.users.field.displayName",
    email: "admin.users.field.email",
    role: "admin.users.field.role",
    departmentId: "admin.users.field.department",
    active: "desk.change.active",
    passwordChanged: "desk.change.password",
  },
  department: {
    name: "admin.departments.field.name",
    shortName: "admin.departments.field.shortName",
    kind: "admin.departments.field.kind",
    parentId: "admin.departments.field.parent",
    active: "desk.change.active",
    successorId: "admin.departments.field.successor",
    dissolvedOn: "desk.change.dissolvedOn",
  },
} as const satisfies Record<string, Record<string, MessageKey>>;

const DEPARTMENT_FIELDS = new Set(["departmentId", "parentId", "successorId"]);

/**
 * The changes a conflict on a committee, meeting, account or department reports,
 * in the reader's language: only the fields its form shows (an audit event's
 * bookkeeping, e.g. how many sessions ended, is not a change to compare).
 */
export function describeRecordChanges(
  db: AppDatabase,
  t: Translate,
  entity: keyof typeof RECORD_CHANGE_LABELS,
  changes: readonly RecordChange[],
): ChangeLine[] {
  const labels: Record<string, MessageKey> = RECORD_CHANGE_LABELS[entity];
  const departmentIds = changes
    .filter((c) => DEPARTMENT_FIELDS.has(c.field))
    .flatMap((c) => [...ids(c.from), ...ids(c.to)]);
  const names = departmentNames(db, [...new Set(departmentIds)]);
  const show = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === "") return t("common.none");
    if (typeof value === "boolean") return t(value ? "desk.change.yes" : "desk.change.no");
    if (DEPARTMENT_FIELDS.has(field)) return names.get(Number(value)) ?? String(value);
    if (field === "role" && (ROLES as readonly unknown[]).includes(value)) return t(`role.${value as Role}`);
    if (field === "kind" && (DEPARTMENT_KINDS as readonly unknown[]).includes(value)) {
      return t(`departmentKind.${value as DepartmentKind}`);
    }
    if (isLocalDate(value)) return formatLocalDate(value);
    const text = typeof value === "string" ? value : JSON.stringify(value);
    return text.length > SHOWN_TEXT ? `${text.slice(0, SHOWN_TEXT)}…` : text;
  };
  return changes
    .filter((c) => labels[c.field] !== undefined)
    .map((c) => ({
      field: t(labels[c.field]!),
      from: show(c.field, c.from),
      to: show(c.field, c.to),
      by: c.by ?? t("history.system"),
      at: formatInstant(c.at),
    }));
}

function ids(value: unknown): number[] {
  if (typeof value === "number") return [value];
  return Array.isArray(value) ? value.filter((v): v is number => typeof v === "number") : [];
}

/** The changes a conflict reports, described in the reader's language. */
export function describeTaskChanges(db: AppDatabase, t: Translate, changes: readonly TaskChange[]): ChangeLine[] {
  const departmentIds = changes
    .filter((c) => c.field === "leadDepartmentId" || c.field === "coordinatorDepartmentIds")
    .flatMap((c) => [...ids(c.from), ...ids(c.to)]);
  const names = departmentNames(db, [...new Set(departmentIds)]);
  const parentIds = [
    ...new Set(changes.filter((c) => c.field === "parentId").flatMap((c) => [...ids(c.from), ...ids(c.to)])),
  ];
  const parents = new Map(
    parentIds.length === 0
      ? []
      : allRows(
          db,
          { id: "integer", label: "text" },
          sql`SELECT id, item_number || '. ' || title AS label FROM tasks WHERE id IN (${sql.join(parentIds, sql`, `)})`,
        ).map((p) => [p.id, p.label]),
  );

  const show = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === "") return t("common.none");
    switch (field) {
      case "leadDepartmentId":
        return names.get(Number(value)) ?? String(value);
      case "coordinatorDepartmentIds": {
        const list = ids(value);
        return list.length === 0 ? t("task.noCoordinators") : list.map((id) => names.get(id) ?? String(id)).join("; ");
      }
      case "parentId":
        return parents.get(Number(value)) ?? String(value);
      case "deadlineKind":
        return (DEADLINE_KINDS as readonly unknown[]).includes(value)
          ? t(`desk.deadlineKind.${value as DeadlineKind}`)
          : String(value);
      case "state":
        return (WORKFLOW_STATES as readonly unknown[]).includes(value)
          ? t(`workflow.${value as WorkflowState}`)
          : String(value);
      default: {
        if (isLocalDate(value)) return formatLocalDate(value);
        const text = typeof value === "string" ? value : JSON.stringify(value);
        return text.length > SHOWN_TEXT ? `${text.slice(0, SHOWN_TEXT)}…` : text;
      }
    }
  };

  // Only the task's own fields: an audit event's details (ids of the records it wrote,
  // the moment it was recorded) are not changes a reader of the form needs to see.
  return changes
    .filter((c) => CHANGE_LABELS[c.field] !== undefined)
    .map((c) => {
      const label = CHANGE_LABELS[c.field];
      return {
        field: label ? t(label) : c.field,
        from: show(c.field, c.from),
        to: show(c.field, c.to),
        by: c.by ?? t("history.system"),
        at: formatInstant(c.at),
      };
    });
}
