// The "paste and split" screen's forms: one Zod schema, a discriminated union on `intent`,
// with messages in the reader's language. It checks the shape of what was posted; the
// rules of a task (required fields, departments, item numbers, parents, deadlines)
// are the bulk import's (app/domain/task-import.ts), applied when saving. Used by the
// action, and loaded on demand in the browser (app/lib/form-validation.ts).
// Client-safe: no server imports.
import { z } from "zod";
import { parseLocalDate } from "~/domain/dates";
import { REVIEW_KINDS } from "~/domain/split-review";
import { MAX_IMPORT_ROWS } from "~/domain/task-import";
import { DEADLINE_KINDS, RECURRENCE_FREQUENCIES } from "~/domain/vocabulary";
import { DESK_LIMITS } from "~/lib/desk-forms";
import { checkbox } from "~/lib/desk-schemas";
import type { Translate } from "~/lib/i18n";

/** Longer than any cell the import accepts, so that the import reports "too long" itself. */
const CELL_LIMIT = DESK_LIMITS.description * 2;

export function splitFormSchema(t: Translate) {
  const textRequired = t("split.error.emptyText");
  const textTooLong = t("desk.error.tooLong", { field: t("split.text"), max: DESK_LIMITS.fullText });
  const text = z.string().max(DESK_LIMITS.fullText, textTooLong);
  const cell = z
    .string()
    .max(CELL_LIMIT, t("split.error.tooLong", { max: CELL_LIMIT }))
    .default("");
  const departmentId = (message: string) => z.number({ error: message }).int(message).positive(message);
  const invalidLead = t("desk.error.invalidChoice", { field: t("desk.task.lead") });
  const invalidCoordinator = t("desk.error.invalidChoice", { field: t("desk.task.coordinators") });
  const assignedOnRequired = t("desk.error.required", { field: t("desk.task.assignedOn").toLowerCase() });

  const row = z
    .object({
      include: checkbox(t),
      itemNumber: cell,
      title: cell,
      description: cell,
      leadDepartmentId: departmentId(invalidLead)
        .optional()
        .transform((id) => id ?? null),
      coordinatorDepartmentIds: z
        .array(departmentId(invalidCoordinator), { error: invalidCoordinator })
        .max(500, invalidCoordinator)
        .default([]),
      deadlineKind: z.enum(DEADLINE_KINDS, {
        error: t("desk.error.choose", { field: t("desk.task.deadlineKind").toLowerCase() }),
      }),
      dueDate: cell,
      parentItemNumber: cell,
      // What the row becomes (a task, an item for a group or several leads, a duty) and
      // what that needs; checked against the rows' rules when saving (split-review.ts).
      kind: z.enum(REVIEW_KINDS, { error: t("desk.error.invalidChoice", { field: t("split.kind") }) }).default("task"),
      groupId: departmentId(t("desk.error.invalidChoice", { field: t("split.group") }))
        .optional()
        .transform((id) => id ?? null),
      fanOutLeadIds: z
        .array(departmentId(t("desk.error.invalidChoice", { field: t("split.leads") })))
        .max(500, t("desk.error.invalidChoice", { field: t("split.leads") }))
        .default([]),
      frequency: z
        .enum(RECURRENCE_FREQUENCIES, { error: t("desk.error.invalidChoice", { field: t("split.frequency") }) })
        .default("monthly"),
      dutyDay: cell,
      dutyWorkingDays: checkbox(t),
      dueWorkingDays: cell,
    })
    .superRefine((task, ctx) => {
      const inWorkingDays = task.kind !== "duty" && task.dueWorkingDays.trim() !== "";
      if (
        task.include &&
        task.kind !== "duty" &&
        task.deadlineKind === "dated" &&
        task.dueDate.trim() === "" &&
        !inWorkingDays
      ) {
        ctx.addIssue({ code: "custom", path: ["dueDate"], message: t("desk.rule.dated_needs_due_date") });
      }
    });

  return z.discriminatedUnion(
    "intent",
    [
      z.object({
        intent: z.literal("split"),
        text: z
          .string({ error: textRequired })
          .max(DESK_LIMITS.fullText, textTooLong)
          .refine((value) => value.trim() !== "", textRequired),
      }),
      z.object({ intent: z.literal("edit"), text: text.default("") }),
      z.object({
        intent: z.literal("save"),
        text: text.default(""),
        assignedOn: z
          .string({ error: assignedOnRequired })
          .trim()
          .min(1, assignedOnRequired)
          .max(DESK_LIMITS.date, t("desk.error.date", { field: t("desk.task.assignedOn"), value: "…" }))
          .transform((value, ctx) => {
            const date = parseLocalDate(value);
            if (date !== null) return date;
            ctx.addIssue({
              code: "custom",
              message: t("desk.error.date", { field: t("desk.task.assignedOn"), value }),
            });
            return z.NEVER;
          }),
        tasks: z
          .array(row, { error: t("split.error.no_rows") })
          .min(1, t("split.error.no_rows"))
          .max(MAX_IMPORT_ROWS, t("split.error.too_many_rows", { max: MAX_IMPORT_ROWS })),
      }),
    ],
    { error: t("desk.error.unknownAction") },
  );
}
