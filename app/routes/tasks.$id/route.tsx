import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams, type ShouldRevalidateFunction } from "@remix-run/react";
import { AsOfForm, BasisNote } from "~/components/as-of-form";
import { SavedBanner, type IntentReply } from "~/components/form-feedback";
import { TaskActions } from "~/components/task-actions";
import { Deadline } from "~/components/deadline";
import { LateNote, StaleFlag, StatusBadge } from "~/components/status-badge";
import { TargetBar } from "~/components/target-bar";
import { TaskHistory } from "~/components/task-history";
import { formatInstant, formatLocalDate, parseLocalDate, today } from "~/domain/dates";
import { dutyPeriodLabel } from "~/lib/duty-text";
import { useT, type Translate } from "~/lib/i18n";
import { titleMeta } from "~/lib/meta";
import { occurrencePeriods } from "~/models/recurring-duties.server";
import { getDb } from "~/models/db.server";
import { notFound } from "~/lib/http.server";
import { getTranslator } from "~/lib/locale.server";
import { denyAccess, requirePermission, type SessionUser } from "~/server/auth.server";
import { canOnTask, canSeeTask, hasPermission } from "~/domain/permissions";
import { describeTaskChanges, requireVisibleTask, taskErrors, type ReplyErrors } from "~/server/desk.server";
import { savedNotice, type SavedNotice, type TaskIntent } from "~/lib/desk-forms";
import { INTENT_PERMISSION, progressNotice, type ProgressNotice, type TaskPageIntent } from "~/lib/progress-forms";
import { taskPageIntentSchema, type TaskPageInput } from "~/lib/progress-schemas";
import { progressErrors, shownChanges } from "~/server/progress.server";
import { CommentForm, DeadlineBox, NextStep, ProgressBanner, TaskDesk } from "~/components/task-desk";
import { useOptionalUser } from "~/components/use-user";
import { originOf } from "~/models/audit.server";
import { departmentOptions } from "~/models/desk-options.server";
import { changeTaskState, reassignLead, type TaskChange } from "~/models/tasks.server";
import {
  addComment,
  confirmCompletion,
  decideExtension,
  extensionSummary,
  reportCompletion,
  requestExtension,
  returnCompletion,
  submitProgressReport,
  type ProgressError,
} from "~/models/task-progress.server";
import { taskAccessFacts } from "~/models/visibility.server";
import { discardReceived, withAttachments } from "~/models/attachments.server";
import { ATTACHMENT_FIELD, isMultipart } from "~/server/uploads.server";
import {
  ATTACHMENT_INTENTS,
  attachmentLink,
  attachmentProblems,
  readTaskPageForm,
  type StoredMove,
  type TaskPageForm,
} from "~/server/task-attachments.server";
import { idParam } from "~/lib/params.server";
import { asOfForPage } from "~/lib/as-of.server";
import type { StatusBasis } from "~/domain/vocabulary";
import { taskReadsDifferently } from "~/models/task-status.server";
import { reminderErrors } from "~/server/reminder-errors.server";
import { isEscalated, sendReminder, taskReminders } from "~/models/reminders.server";
import { markTaskNotificationsRead } from "~/models/notifications.server";
import { percentStandingAfterReturn } from "~/models/task-rows.server";
import { ReminderPanel } from "~/components/reminder-panel";
import { extensionRequestShown, extensionRequestTaskId, getTask } from "~/models/task-page.server";
import { fanOutOfTask } from "~/models/fan-outs.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = {
  messages: await loadMessages(
    "common",
    "attachments",
    "desk",
    "duties",
    "fanout",
    "leadership",
    "progress",
    "reminders",
  ),
};

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "task.read");
  const id = idParam(params.id);
  const db = getDb();
  const access = taskAccessFacts(db, id);
  if (!access) notFound();
  if (!canSeeTask(user, access)) return denyAccess(request, context, user, "task.read", 404, { type: "task", id });
  // Opening the task is reading what its notifications were about (the badge leaves them out: app/root.tsx).
  markTaskNotificationsRead(db, user, id, originOf(request, context));
  const { t } = await getTranslator(request);
  const { asOf, isToday, basis, problem } = asOfForPage(new URL(request.url), t);
  const found = getTask(db, user, id, asOf, basis);
  // Today a task always has its row; a past day may come before it was assigned.
  if (!found || (isToday && !found.row)) notFound();
  const differs = !isToday && taskReadsDifferently(db, id, asOf);
  const page = {
    ...found,
    asOfProblem: problem,
    asOf,
    isToday,
    basis,
    differing: isToday ? null : { count: differs ? 1 : 0, href: otherReadingHref(asOf, basis) },
    access,
    deadline: extensionSummary(db, id)!,
    // The return form says what percent would stand (the completion's 100% would not).
    percentAfterReturn: found.task.state === "awaiting_confirmation" ? percentStandingAfterReturn(db, id) : null,
    extensionRequest: extensionRequestShown(db, id),
    reminders: taskReminders(db, id),
    escalated: isEscalated(db, id, today()),
    // A fresh key per rendered form: the same form posted twice (double click, retry) is stored once.
    idempotencyKey: crypto.randomUUID(),
    today: today(),
    // The choices of the secretariat's "re-assign" form, only for those who may use it.
    departments: canOnTask(user, "task.write", access) ? departmentOptions(db) : [],
    title: `${found.row?.itemNumber ?? ""}. ${found.row?.title ?? ""} — ${t("app.name")}`,
    // A recurring duty's occurrence links to its duty (decision 026).
    duty: occurrencePeriods(db, [id]).get(id) ?? null,
    // One unit's share of an item given to many units: the link back to the item (decision 026).
    fanOut: fanOutOfTask(db, id) ?? null,
  };
  // A day it cannot read: today's page with the message on the form, and a 400.
  return data(page, { status: problem === null ? 200 : 400 });
}

/** The same past day read the other way. */
function otherReadingHref(asOf: string, basis: StatusBasis): string {
  const params = new URLSearchParams({ asOf });
  if (basis === "happened") params.set("basis", "recorded");
  return `?${params}`;
}

const SAVED: Record<TaskIntent, SavedNotice> = {
  hold: "held",
  cancel: "cancelled",
  resume: "resumed",
  reassign: "reassigned",
};

type SecretariatInput = Extract<TaskPageInput, { intent: TaskIntent }>;
type DeskInput = Exclude<TaskPageInput, { intent: TaskIntent }>;

function isSecretariatMove(input: TaskPageInput): input is SecretariatInput {
  return input.intent in SAVED;
}

const DONE: Record<Exclude<DeskInput["intent"], "decide_extension" | "remind">, ProgressNotice> = {
  report: "reported",
  request_extension: "extensionRequested",
  report_completion: "completionReported",
  confirm_completion: "completionConfirmed",
  return_completion: "completionReturned",
  comment: "commented",
};
const DECIDED: Record<"approve" | "reject" | "counter", ProgressNotice> = {
  approve: "extensionApproved",
  reject: "extensionRejected",
  counter: "extensionCountered",
};

/**
 * Every move posted from a task page: the secretariat's (hold, withdraw, resume,
 * re-assign), the department's (progress, extension request, completion), the
 * deciders' (extension decision, confirm or return a completion) and comments.
 * Anyone who sees the task may post; each intent then needs its own permission
 * (INTENT_PERMISSION), and the models check it again on the record.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "task.read");
  const id = idParam(params.id);
  const { t } = await getTranslator(request);
  // Files are read only for a task the user may see: a hidden task's 404 comes before the body is read.
  if (isMultipart(request)) await requireVisibleTask(request, context, user, id, "task.read");
  const form = await readTaskPageForm(request, t);
  try {
    return await taskPageMove(request, context, user, id, form, t);
  } finally {
    discardReceived(form.accepted);
  }
}

async function taskPageMove(
  request: Request,
  context: ActionFunctionArgs["context"],
  user: SessionUser,
  id: number,
  { formData, ...files }: TaskPageForm,
  t: Translate,
) {
  // A move the role may not make at all is refused first, whether the task exists or not: nothing leaks.
  const posted = formData.get("intent");
  if (typeof posted === "string" && Object.hasOwn(INTENT_PERMISSION, posted)) {
    const needed = INTENT_PERMISSION[posted as TaskPageIntent];
    if (!hasPermission(user, needed)) return denyAccess(request, context, user, needed, 403);
  }
  const access = await requireVisibleTask(request, context, user, id, "task.read");
  const submission = parseWithZod(formData, {
    schema: taskPageIntentSchema(t, access.leadDepartmentId),
  });
  // A refused file refuses the whole move: nothing is stored, the other fields are kept.
  const fileProblems = attachmentProblems(t, files);
  const withFileProblems = fileProblems.length > 0 ? { fieldErrors: { [ATTACHMENT_FIELD]: fileProblems } } : undefined;
  if (submission.status !== "success" || withFileProblems) {
    const intent = submission.payload.intent;
    return data<IntentReply>(
      {
        intent: typeof intent === "string" ? intent : null,
        result: submission.reply(withFileProblems),
        conflict: null,
      },
      { status: 400 },
    );
  }
  const input = submission.value;
  const permission = INTENT_PERMISSION[input.intent];
  if (!canOnTask(user, permission, access)) {
    return denyAccess(request, context, user, permission, 403, { type: "task", id });
  }
  const db = getDb();
  const origin = originOf(request, context);
  const refuse = (errors: ReplyErrors) =>
    data<IntentReply>({ intent: input.intent, result: submission.reply(errors), conflict: null }, { status: 400 });
  const stale = (changes: TaskChange[]) => {
    const reply = submission.reply({ formErrors: [t("desk.conflict.task")] });
    const described = describeTaskChanges(db, t, shownChanges(changes));
    return data<IntentReply>(
      { intent: input.intent, result: reply, conflict: { changes: described } },
      { status: 409 },
    );
  };

  if (isSecretariatMove(input)) {
    const result =
      input.intent === "reassign"
        ? reassignLead(db, user, id, input.version, { departmentId: input.departmentId, reason: input.reason }, origin)
        : changeTaskState(
            db,
            user,
            id,
            input.version,
            input.intent === "resume"
              ? { to: "resume", reason: null }
              : { to: input.intent === "hold" ? "on_hold" : "cancelled", reason: input.reason },
            origin,
          );
    if (result.ok) {
      throw redirect(`/tasks/${id}?saved=${SAVED[input.intent]}`);
    }
    if (result.error === "not_found") notFound();
    if (result.error === "conflict") return stale(result.changes);
    return refuse(
      result.error === "invalid_move" && input.intent === "resume"
        ? { formErrors: [t("desk.error.notOnHold")] }
        : taskErrors(t, result, null),
    );
  }

  if (input.intent === "remind") {
    const sent = sendReminder(
      db,
      user,
      { taskId: id, departmentId: input.departmentId, message: input.message, idempotencyKey: input.idempotencyKey },
      origin,
    );
    if (sent.ok) {
      throw redirect(`/tasks/${id}?done=${sent.escalated ? "remindedEscalated" : "reminded"}`);
    }
    if (sent.error === "not_found") notFound();
    if (sent.error === "forbidden") return denyAccess(request, context, user, permission, 403, { type: "task", id });
    return refuse(reminderErrors(t, sent));
  }

  const { result, notice, dateField } = withAttachments(
    db,
    user,
    ATTACHMENT_INTENTS.has(input.intent) ? files.accepted : [],
    origin,
    () => deskMove(db, user, id, input, origin),
    (move) => attachmentLink(id, input.intent, move.result),
  );
  if (result.ok) {
    throw redirect(`/tasks/${id}?done=${notice}`);
  }
  if (result.error === "not_found") notFound();
  if (result.error === "forbidden") return denyAccess(request, context, user, permission, 403, { type: "task", id });
  if (result.error === "conflict") return stale(result.changes);
  return refuse(progressErrors(t, result, dateField));
}

/** The department's and the deciders' moves, each through its model function. */
function deskMove(
  db: ReturnType<typeof getDb>,
  user: Parameters<typeof addComment>[1],
  taskId: number,
  input: Exclude<DeskInput, { intent: "remind" }>,
  origin: ReturnType<typeof originOf>,
): { result: StoredMove | ({ ok: false } & ProgressError); notice: ProgressNotice; dateField: string | null } {
  switch (input.intent) {
    case "report":
      return {
        result: submitProgressReport(
          db,
          user,
          {
            taskId,
            baseVersion: input.version,
            asOfDate: input.asOfDate,
            percent: input.percent,
            result: input.result,
            difficulties: input.difficulties,
            proposals: input.proposals,
            targetValues: input.targetValues,
            idempotencyKey: input.idempotencyKey,
          },
          origin,
        ),
        notice: DONE.report,
        dateField: null,
      };
    case "request_extension":
      return {
        result: requestExtension(
          db,
          user,
          {
            taskId,
            proposedDueDate: input.proposedDueDate,
            reason: input.reason,
            idempotencyKey: input.idempotencyKey,
          },
          origin,
        ),
        notice: DONE.request_extension,
        dateField: "proposedDueDate",
      };
    case "decide_extension": {
      const base = { requestId: input.requestId, baseVersion: input.version };
      const decision =
        input.outcome === "counter"
          ? { ...base, outcome: "counter" as const, dueDate: parseLocalDate(input.dueDate) ?? "", note: input.note }
          : input.outcome === "reject"
            ? { ...base, outcome: "reject" as const, note: input.note ?? "" }
            : { ...base, outcome: "approve" as const, note: input.note };
      // A request of another task is not decided from this page.
      const result: { ok: false; error: "not_found" } | ReturnType<typeof decideExtension> =
        extensionRequestTaskId(db, input.requestId) === taskId
          ? decideExtension(db, user, decision, origin)
          : { ok: false, error: "not_found" };
      return {
        result,
        notice: DECIDED[input.outcome],
        dateField: input.outcome === "counter" ? "dueDate" : null,
      };
    }
    case "report_completion":
      return {
        result: reportCompletion(
          db,
          user,
          {
            taskId,
            baseVersion: input.version,
            completionDate: input.completionDate,
            result: input.result,
            targetValues: input.targetValues,
            idempotencyKey: input.idempotencyKey,
          },
          origin,
        ),
        notice: DONE.report_completion,
        dateField: null,
      };
    case "confirm_completion":
      return {
        result: confirmCompletion(db, user, { taskId, baseVersion: input.version }, origin),
        notice: DONE.confirm_completion,
        dateField: null,
      };
    case "return_completion":
      return {
        result: returnCompletion(db, user, { taskId, baseVersion: input.version, reason: input.reason }, origin),
        notice: DONE.return_completion,
        dateField: null,
      };
    case "comment":
      return {
        result: addComment(db, user, { taskId, body: input.body, idempotencyKey: input.idempotencyKey }, origin),
        notice: DONE.comment,
        dateField: null,
      };
  }
}

/** After a refused move (someone changed the task), show the task as it now is. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 || defaultShouldRevalidate;

export default function TaskPage() {
  const {
    row,
    task,
    parent,
    subtasks,
    targets,
    history,
    access,
    departments,
    deadline,
    extensionRequest,
    idempotencyKey,
    reminders,
    escalated,
    today: todayDate,
    asOf,
    isToday,
    basis,
    differing,
    asOfProblem,
    percentAfterReturn,
    duty,
    fanOut,
  } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const user = useOptionalUser();
  const t = useT();
  if (row === null) {
    return (
      <article className="space-y-4">
        <p className="text-sm">
          <Link to={`/directives/${task.directiveId}`}>
            {t("common.backTo", { name: task.directiveNumber ?? task.directiveAbstract })}
          </Link>
        </p>
        <AsOfForm asOf={asOf} isToday={isToday} basis={basis} problem={asOfProblem} />
        <p role="status" className="rounded border-l-4 border-slate-400 bg-slate-50 px-3 py-2 text-sm">
          {t("task.notYetAssigned", { date: formatLocalDate(asOf) })}{" "}
          <Link to={`/tasks/${task.id}`} className="underline">
            {t("task.openToday")}
          </Link>
        </p>
      </article>
    );
  }
  const deskTask = {
    id: task.id,
    state: task.state,
    version: task.version,
    leadDepartmentId: task.leadDepartmentId,
    percent: row.percent,
    deadlineKind: row.deadlineKind,
    percentAfterReturn,
  };
  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <p className="text-sm">
          <Link to={`/directives/${task.directiveId}`}>
            {t("common.backTo", { name: task.directiveNumber ?? task.directiveAbstract })}
          </Link>
        </p>
        {fanOut && (
          <p className="text-sm" data-testid="fan-out-link">
            {t("fanOut.partOf", { number: fanOut.itemNumber, count: fanOut.units })}{" "}
            <Link to={`/directives/${task.directiveId}/items/${fanOut.id}`}>{fanOut.title}</Link>
          </p>
        )}
        <SavedBanner notice={savedNotice(searchParams.get("saved"))} />
        <ProgressBanner notice={progressNotice(searchParams.get("done"))} percent={row.percent} />
        <h1 className="text-2xl font-semibold">
          <span className="text-slate-600">{row.itemNumber}.</span> {row.title}
        </h1>
        {duty && (
          <p className="text-sm" data-testid="task-duty">
            <Link to={`/duties/${duty.dutyId}`}>{t("duty.ofTask", { period: dutyPeriodLabel(t, duty.period) })}</Link>
          </p>
        )}
        <div className="flex flex-wrap items-center gap-2">
          <StatusBadge status={row.status} />
          <LateNote task={row} className="text-sm" />
          {row.stale && <StaleFlag />}
          {task.directiveConfidential && (
            <span className="rounded bg-red-700 px-1.5 text-xs font-semibold uppercase text-white">
              {t("common.confidential")}
            </span>
          )}
        </div>
      </header>

      <div className="space-y-2">
        <AsOfForm asOf={asOf} isToday={isToday} basis={basis} problem={asOfProblem} />
        <BasisNote asOf={asOf} isToday={isToday} basis={basis} differing={differing} single />
        {!isToday && (
          <p className="no-print text-sm">
            {t("task.pastDayNote", { date: formatLocalDate(asOf) })}{" "}
            <Link to={`/tasks/${task.id}`} className="underline">
              {t("task.openToday")}
            </Link>
          </p>
        )}
      </div>

      {/* A past day is a record of that day: the desk works on today's task only. */}
      {isToday && (
        <>
          <NextStep task={deskTask} access={access} extensionRequest={extensionRequest} />
          <DeadlineBox deadline={deadline} deadlineKind={row.deadlineKind} extensionRequest={extensionRequest} />
          {user && canOnTask(user, "history.enter", access) && (
            <p className="no-print text-sm">
              <Link to={`/tasks/${task.id}/history`}>{t("history.title")}</Link>
            </p>
          )}
          <TaskDesk
            task={deskTask}
            access={access}
            extensionRequest={extensionRequest}
            targets={targets}
            reply={reply}
            idempotencyKey={idempotencyKey}
            today={todayDate}
          />

          <ReminderPanel
            task={deskTask}
            access={access}
            reminders={reminders}
            escalated={escalated}
            departments={[
              { id: row.lead.id, name: row.lead.name, lead: true },
              ...row.coordinators.map((c) => ({ id: c.id, name: c.name, lead: false })),
            ]}
            reply={reply}
            idempotencyKey={idempotencyKey}
          />

          {user && canOnTask(user, "task.write", access) && (
            <TaskActions
              task={{
                id: task.id,
                state: task.state,
                version: task.version,
                leadDepartmentId: task.leadDepartmentId,
              }}
              departments={departments}
              reply={reply}
            />
          )}
        </>
      )}

      <dl className="grid gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2 lg:grid-cols-3">
        <div>
          <dt className="text-slate-600">{t("task.directive")}</dt>
          <dd>
            <Link to={`/directives/${task.directiveId}`}>{task.directiveNumber ?? task.directiveAbstract}</Link>
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("task.lead")}</dt>
          <dd className="font-medium">{row.lead.name}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("task.coordinators")}</dt>
          <dd>
            {row.coordinators.length === 0 ? t("task.noCoordinators") : row.coordinators.map((c) => c.name).join("; ")}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("task.deadline")}</dt>
          <dd>
            <Deadline
              deadlineKind={row.deadlineKind}
              dueDate={row.dueDate}
              originalDueDate={row.originalDueDate}
              extensionCount={row.extensionCount}
            />
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("task.assignedOn")}</dt>
          <dd>{formatLocalDate(task.assignedOn)}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("task.workflow")}</dt>
          <dd>
            {t(`workflow.${task.state}`)}
            {task.stateReason && (
              <span className="block text-slate-700">{t("task.reason", { reason: task.stateReason })}</span>
            )}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("task.percent")}</dt>
          <dd className="tabular-nums">{t("common.percent", { value: row.percent })}</dd>
        </div>
        {task.completionDate && (
          <div>
            <dt className="text-slate-600">{t("task.completionDate")}</dt>
            <dd>{formatLocalDate(task.completionDate)}</dd>
          </div>
        )}
        {task.confirmedAt && (
          <div>
            <dt className="text-slate-600">{t("task.confirmedAt")}</dt>
            <dd>{formatInstant(task.confirmedAt)}</dd>
          </div>
        )}
        {parent && (
          <div>
            <dt className="text-slate-600">{t("task.parent")}</dt>
            <dd>
              <Link to={`/tasks/${parent.id}`}>
                {parent.itemNumber}. {parent.title}
              </Link>
            </dd>
          </div>
        )}
      </dl>

      {task.description && (
        <section aria-labelledby="description-heading" className="space-y-2">
          <h2 id="description-heading" className="text-lg font-semibold">
            {t("task.description")}
          </h2>
          <p className="whitespace-pre-line text-sm leading-relaxed">{task.description}</p>
        </section>
      )}

      {subtasks.length > 0 && (
        <section aria-labelledby="subtasks-heading" className="space-y-2">
          <h2 id="subtasks-heading" className="text-lg font-semibold">
            {t("task.subtasks")}
          </h2>
          <ul className="list-inside list-disc text-sm">
            {subtasks.map((s) => (
              <li key={s.id}>
                <Link to={`/tasks/${s.id}`}>
                  {s.itemNumber}. {s.title}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      {targets.length > 0 && (
        <section aria-labelledby="targets-heading" className="space-y-3">
          <h2 id="targets-heading" className="text-lg font-semibold">
            {t("task.targets")}
          </h2>
          <ul className="grid gap-4 sm:grid-cols-2">
            {targets.map((target) => (
              <li key={target.id} className="rounded-lg border border-slate-200 bg-white p-4">
                <TargetBar target={target} />
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-lg font-semibold">
          {t("task.history")}
        </h2>
        <TaskHistory entries={history} />
        {isToday && <CommentForm task={deskTask} access={access} reply={reply} idempotencyKey={idempotencyKey} />}
      </section>
    </article>
  );
}
