// The secretariat's forms (committees, meetings, directives, tasks, and the moves on
// them): one Zod schema per form, with messages in the reader's language. The actions
// parse with them; in the browser they are loaded on demand after the page is
// interactive (app/lib/form-validation.ts), so a page never imports this module
// itself: its constants are in desk-forms.ts. Client-safe: no server imports.
import { z } from "zod";
import { parseLocalDate } from "~/domain/dates";
import { dayRefusal } from "~/lib/day-refusal";
import { DEADLINE_KINDS, DIRECTIVE_TYPES } from "~/domain/vocabulary";
import { taskRuleViolations, type TaskShape } from "~/domain/workflow";
import { DEADLINE_WORKING_DAYS_MAX } from "~/domain/working-days";
import {
  ASSIGN_TO,
  COMMITTEE_CODE_PATTERN,
  DESK_LIMITS,
  FAN_OUT_MAX_UNITS,
  VIOLATION_FIELD,
  violationMessage,
} from "~/lib/desk-forms";
import type { MessageKey, Translate } from "~/lib/i18n";

function requiredMessage(t: Translate, label: MessageKey) {
  return t("desk.error.required", { field: t(label).toLowerCase() });
}

function chooseMessage(t: Translate, label: MessageKey) {
  return t("desk.error.choose", { field: t(label).toLowerCase() });
}

export function requiredText(t: Translate, label: MessageKey, max: number) {
  const required = requiredMessage(t, label);
  return z
    .string({ error: required })
    .trim()
    .min(1, required)
    .max(max, t("desk.error.tooLong", { field: t(label), max }));
}

/** Empty (or only spaces) means "none": stored as null. */
export function optionalText(t: Translate, label: MessageKey, max: number) {
  return z
    .string()
    .trim()
    .max(max, t("desk.error.tooLong", { field: t(label), max }))
    .optional()
    .transform((value) => (value ? value : null));
}

export function requiredId(t: Translate, label: MessageKey) {
  const message = chooseMessage(t, label);
  return z.number({ error: message }).int(message).positive(message);
}

function optionalId(t: Translate, label: MessageKey) {
  const message = t("desk.error.invalidChoice", { field: t(label) });
  return z
    .number({ error: message })
    .int(message)
    .positive(message)
    .optional()
    .transform((value) => value ?? null);
}

function toLocalDate(t: Translate, label: MessageKey) {
  return (value: string, ctx: z.RefinementCtx) => {
    const date = parseLocalDate(value);
    if (date === null) {
      ctx.addIssue({
        code: "custom",
        message: dayRefusal(t, value, t("desk.error.date", { field: t(label), value }), t(label)),
      });
      return z.NEVER;
    }
    return date;
  };
}

/** A day typed as dd/mm/yyyy (31/02/2026 is refused), stored as yyyy-mm-dd. */
export function requiredDate(t: Translate, label: MessageKey) {
  const required = requiredMessage(t, label);
  return z
    .string({ error: required })
    .trim()
    .min(1, required)
    .max(DESK_LIMITS.date, t("desk.error.date", { field: t(label), value: "…" }))
    .transform(toLocalDate(t, label));
}

export function optionalDate(t: Translate, label: MessageKey) {
  const parse = toLocalDate(t, label);
  return z
    .string()
    .trim()
    .max(DESK_LIMITS.date, t("desk.error.date", { field: t(label), value: "…" }))
    .optional()
    .transform((value, ctx) => (value ? parse(value, ctx) : null));
}

/** A checkbox: ticked ("on") or absent; any other value is a crafted post. */
export function checkbox(t: Translate) {
  return z.boolean({ error: t("input.error.checkbox") }).default(false);
}

/** The version a form was based on (optimistic concurrency). */
export function versionField(t: Translate) {
  const message = t("desk.error.version");
  return z.number({ error: message }).int(message).positive(message);
}

// ---------------------------------------------------------------- committees and meetings

function committeeFields(t: Translate) {
  return {
    // An empty code already has its message ("please enter"): the format is checked on what was typed.
    code: requiredText(t, "committee.field.code", DESK_LIMITS.committeeCode).refine(
      (code) => code === "" || COMMITTEE_CODE_PATTERN.test(code),
      t("committee.error.codeFormat"),
    ),
    name: requiredText(t, "committee.field.name", DESK_LIMITS.committeeName),
    description: optionalText(t, "committee.field.description", DESK_LIMITS.committeeDescription),
  };
}

export function newCommitteeSchema(t: Translate) {
  return z.object(committeeFields(t));
}

/** An unticked "active" box deactivates the committee. */
export function editCommitteeSchema(t: Translate) {
  return z.object({ ...committeeFields(t), active: checkbox(t), version: versionField(t) });
}

function meetingFields(t: Translate) {
  return {
    heldOn: requiredDate(t, "meeting.field.heldOn"),
    title: requiredText(t, "meeting.field.title", DESK_LIMITS.title),
    chair: optionalText(t, "meeting.field.chair", DESK_LIMITS.chair),
    place: optionalText(t, "meeting.field.place", DESK_LIMITS.place),
    attendees: optionalText(t, "meeting.field.attendees", DESK_LIMITS.attendees),
    notes: optionalText(t, "meeting.field.notes", DESK_LIMITS.notes),
  };
}

export function newMeetingSchema(t: Translate) {
  return z.object({ committeeId: requiredId(t, "meeting.field.committee"), ...meetingFields(t) });
}

/** A meeting stays with its committee (models/committees.server.ts): the edit form does not offer it. */
export function editMeetingSchema(t: Translate) {
  return z.object({ ...meetingFields(t), version: versionField(t) });
}

// ---------------------------------------------------------------- directives

function directiveFields(t: Translate) {
  return {
    committeeId: requiredId(t, "desk.directive.committee"),
    meetingId: optionalId(t, "desk.directive.meeting"),
    number: optionalText(t, "desk.directive.number", DESK_LIMITS.directiveNumber),
    type: z.enum(DIRECTIVE_TYPES, { error: chooseMessage(t, "desk.directive.type") }),
    issuedOn: optionalDate(t, "desk.directive.issuedOn"),
    issuer: requiredText(t, "desk.directive.issuer", DESK_LIMITS.issuer),
    signer: optionalText(t, "desk.directive.signer", DESK_LIMITS.signer),
    abstract: requiredText(t, "desk.directive.abstract", DESK_LIMITS.abstract),
    fullText: optionalText(t, "desk.directive.fullText", DESK_LIMITS.fullText),
    confidential: checkbox(t),
  };
}

export function newDirectiveSchema(t: Translate) {
  return z.object(directiveFields(t));
}

export function editDirectiveSchema(t: Translate) {
  return z.object({ ...directiveFields(t), version: versionField(t) });
}

/**
 * A field of the issuing step: absent keeps the draft's value (undefined), posted
 * empty is "none" (null, which the issue refuses on that field).
 */
function issuingField<T>(max: number, tooLong: string, read: (value: string, ctx: z.RefinementCtx) => T) {
  return z
    .string()
    .trim()
    .max(max, tooLong)
    .optional()
    .transform((value, ctx) => (value === undefined ? undefined : value === "" ? null : read(value, ctx)));
}

/** Moves on a directive, posted from its page: issue a draft (with its number and date), close it, reopen it. */
export function directiveIntentSchema(t: Translate) {
  const version = versionField(t);
  return z.discriminatedUnion(
    "intent",
    [
      z.object({
        intent: z.literal("issue"),
        version,
        number: issuingField(
          DESK_LIMITS.directiveNumber,
          t("desk.error.tooLong", { field: t("desk.directive.number"), max: DESK_LIMITS.directiveNumber }),
          (value) => value,
        ),
        issuedOn: issuingField(
          DESK_LIMITS.date,
          t("desk.error.date", { field: t("desk.directive.issuedOn"), value: "…" }),
          toLocalDate(t, "desk.directive.issuedOn"),
        ),
      }),
      z.object({ intent: z.literal("close"), version }),
      z.object({ intent: z.literal("reopen"), version }),
    ],
    { error: t("desk.error.unknownAction") },
  );
}

// ---------------------------------------------------------------- tasks

function taskFields(t: Translate) {
  const invalidCoordinator = t("desk.error.invalidChoice", { field: t("desk.task.coordinators") });
  return {
    itemNumber: requiredText(t, "desk.task.itemNumber", DESK_LIMITS.itemNumber),
    title: requiredText(t, "desk.task.title", DESK_LIMITS.title),
    description: optionalText(t, "desk.task.description", DESK_LIMITS.description),
    leadDepartmentId: requiredId(t, "desk.task.lead"),
    coordinatorDepartmentIds: z
      .array(z.number({ error: invalidCoordinator }).int(invalidCoordinator).positive(invalidCoordinator), {
        error: invalidCoordinator,
      })
      .max(500, invalidCoordinator),
    deadlineKind: z.enum(DEADLINE_KINDS, { error: chooseMessage(t, "desk.task.deadlineKind") }),
    dueDate: optionalDate(t, "desk.task.dueDate"),
    assignedOn: requiredDate(t, "desk.task.assignedOn"),
    parentId: optionalId(t, "desk.task.parent"),
  };
}

/**
 * The task rules a form can check by itself (docs/domain-rules.md §5: one lead, never also a
 * coordinator; deadlines), from app/domain/workflow.ts. The rules that need the
 * parent task are checked by the model and shown on the same fields.
 */
function checkTaskRules(t: Translate) {
  return (task: Omit<TaskShape, "directiveId">, ctx: z.RefinementCtx) => {
    for (const violation of taskRuleViolations({ ...task, directiveId: 0 }, null)) {
      ctx.addIssue({ code: "custom", path: [VIOLATION_FIELD[violation]], message: violationMessage(t, violation) });
    }
  };
}

/** "trong 05 ngày làm việc kể từ ngày giao": the deadline as a number of working days (docs/domain-rules.md §10). */
function workingDaysField(t: Translate) {
  const message = t("calendar.deadline.error.range", { max: DEADLINE_WORKING_DAYS_MAX });
  return z
    .number({ error: message })
    .int(message)
    .min(1, message)
    .max(DEADLINE_WORKING_DAYS_MAX, message)
    .optional()
    .transform((value) => value ?? null);
}

/**
 * A new task's deadline is a date, or a number of working days from the day of assignment
 * that the action turns into a date over the working calendar (which the browser does not
 * have): the rules are then checked with the assignment day standing in for the date,
 * which the computed one can only follow.
 */
export function newTaskSchema(t: Translate) {
  const checkRules = checkTaskRules(t);
  const invalidLead = t("fanOut.error.invalidLead");
  return z
    .object({
      ...taskFields(t),
      // Given to many units (decision 026): the leads or the group stand for the one lead.
      assignTo: z.enum(ASSIGN_TO, { error: chooseMessage(t, "fanOut.assignTo.legend") }).default("one"),
      leadDepartmentId: optionalId(t, "desk.task.lead"),
      leadDepartmentIds: z
        .array(z.number({ error: invalidLead }).int(invalidLead).positive(invalidLead), { error: invalidLead })
        .max(FAN_OUT_MAX_UNITS, t("fanOut.error.tooMany", { count: "…", max: FAN_OUT_MAX_UNITS })),
      groupId: optionalId(t, "fanOut.group"),
      dueInWorkingDays: workingDaysField(t),
    })
    .superRefine((task, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
      if (task.assignTo === "one" && task.leadDepartmentId === null) {
        issue("leadDepartmentId", chooseMessage(t, "desk.task.lead"));
      }
      if (task.assignTo === "leads") {
        if (new Set(task.leadDepartmentIds).size < 2) issue("leadDepartmentIds", t("fanOut.error.tooFewLeads"));
        if (task.leadDepartmentIds.some((id) => task.coordinatorDepartmentIds.includes(id))) {
          issue("coordinatorDepartmentIds", violationMessage(t, "coordinator_is_lead"));
        }
      }
      if (task.assignTo === "group" && task.groupId === null) issue("groupId", t("fanOut.error.chooseGroup"));
      if (task.assignTo !== "one" && task.parentId !== null) issue("parentId", t("fanOut.error.parent"));
      // The task rules on the one lead; given to many, each unit's lead is checked by the model.
      const shaped = { ...task, leadDepartmentId: task.assignTo === "one" ? (task.leadDepartmentId ?? -1) : -1 };
      if (task.dueInWorkingDays === null) return checkRules(shaped, ctx);
      if (task.dueDate !== null) issue("dueInWorkingDays", t("calendar.deadline.error.both"));
      if (task.deadlineKind !== "dated") issue("dueInWorkingDays", t("calendar.deadline.error.undated"));
      checkRules(task.deadlineKind === "dated" ? { ...shaped, dueDate: task.dueDate ?? task.assignedOn } : shaped, ctx);
    });
}

/** One more unit for an item given to many units (its page, the secretariat). */
export function addFanOutUnitSchema(t: Translate) {
  return z.object({
    version: versionField(t),
    departmentId: requiredId(t, "fanOut.addUnit.department"),
    dueDate: optionalDate(t, "desk.task.dueDate"),
    assignedOn: requiredDate(t, "desk.task.assignedOn"),
  });
}

export function editTaskSchema(t: Translate) {
  return z.object({ ...taskFields(t), version: versionField(t) }).superRefine(checkTaskRules(t));
}

/**
 * Moves on a task, posted from its page. Holding and withdrawing need a reason;
 * so does re-assigning the lead, which must name another department.
 */
export function taskIntentSchema(t: Translate, currentLeadId: number) {
  const version = versionField(t);
  const reason = requiredText(t, "desk.task.reason", DESK_LIMITS.reason);
  return z.discriminatedUnion(
    "intent",
    [
      z.object({ intent: z.literal("hold"), version, reason }),
      z.object({ intent: z.literal("cancel"), version, reason }),
      z.object({ intent: z.literal("resume"), version }),
      z.object({
        intent: z.literal("reassign"),
        version,
        departmentId: requiredId(t, "desk.task.newLead").refine((id) => id !== currentLeadId, t("desk.error.sameLead")),
        reason,
      }),
    ],
    { error: t("desk.error.unknownAction") },
  );
}
