// The shapes pages show: what a model reads and a component draws, named once here so
// that components depend on the domain and never on a model (docs/development.md, "Layers").
import type { Instant } from "./dates";
import type { AutomaticReminderRule } from "./reminders";
import type { DepartmentKind, TaskStatus, WorkflowState } from "./vocabulary";

export type StatusCounts = Record<TaskStatus, number> & { stale: number };

export interface CommitteeOption {
  id: number;
  name: string;
}

export interface MeetingOption {
  id: number;
  committeeId: number;
  heldOn: string;
  title: string;
}

export interface DepartmentOption {
  id: number;
  name: string;
  kind: DepartmentKind;
  active: boolean;
}

export interface ParentOption {
  id: number;
  itemNumber: string;
  title: string;
}

/** A department as rows name it. */
export interface DepartmentRef {
  id: number;
  name: string;
}

export interface TaskRow {
  id: number;
  directiveId: number;
  parentId: number | null;
  /** The item given to many units this task is one unit's share of (decision 026). */
  fanOutId: number | null;
  /** The recurring duty this task is one period's occurrence of (decision 026), and that period's key. */
  dutyId: number | null;
  dutyPeriod: string | null;
  itemNumber: string;
  title: string;
  /** The lead department on the as-of day. */
  lead: DepartmentRef;
  /** The coordinating departments at the end of the as-of day, on the basis. */
  coordinators: DepartmentRef[];
  deadlineKind: "dated" | "ongoing" | "none";
  originalDueDate: string | null;
  /** The due date in force at the end of the as-of day. */
  dueDate: string | null;
  /** Extensions granted by the end of the as-of day, on the basis. */
  extensionCount: number;
  /** The reported percent as of the day (see `progressAsOf`). */
  percent: number;
  /** The latest fact in effect by the end of the as-of day, on the basis (see `progressAsOf`). */
  updatedAt: Instant;
  status: TaskStatus;
  late: boolean;
  daysLate: number;
  /** Awaiting confirmation: the day the completion was reported (the secretariat's wait runs from it). */
  awaitingSince: string | null;
  /** Awaiting confirmation: the days it has waited for the secretariat by the day shown. */
  daysAwaiting: number | null;
  stale: boolean;
}

/** What the task page shows of an attachment. */
export interface AttachmentView {
  id: number;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  progressReportId: number | null;
  extensionRequestId: number | null;
  taskTransitionId: number | null;
}

/** An attachment as the history lists it, with its download link. */
export type HistoryAttachment = Pick<AttachmentView, "id" | "fileName" | "mediaType" | "sizeBytes"> & { href: string };

/** What happened to a task, at the moment it took effect; `recordedAt` when it was recorded later (nhập bổ sung). */
export type HistoryEntry = HistoryRecord & { recordedAt?: number | null };

export type HistoryRecord =
  | { kind: "created"; at: number; department: string }
  | {
      kind: "transition";
      at: number;
      state: WorkflowState;
      actor: string | null;
      reason: string | null;
      completionDate: string | null;
      /** The evidence of a completion report. */
      attachments: HistoryAttachment[];
    }
  | {
      kind: "report";
      at: number;
      department: string;
      actor: string | null;
      percent: number;
      result: string;
      difficulties: string | null;
      proposals: string | null;
      attachments: HistoryAttachment[];
    }
  | {
      kind: "extension_requested";
      at: number;
      department: string;
      actor: string | null;
      from: string;
      to: string;
      reason: string;
      attachments: HistoryAttachment[];
    }
  | {
      kind: "extension_decided";
      at: number;
      actor: string | null;
      state: "approved" | "countered" | "rejected";
      date: string | null;
      note: string | null;
    }
  | {
      kind: "deadline_changed";
      at: number;
      actor: string | null;
      correction: boolean;
      from: string;
      to: string;
      reason: string;
    }
  | { kind: "comment"; at: number; actor: string; instruction: boolean; body: string }
  | {
      kind: "reminder";
      at: number;
      actor: string | null;
      department: string;
      ordinal: number;
      message: string | null;
      /** For an automatic reminder, the rule that sent it. */
      rule: AutomaticReminderRule | null;
    };
