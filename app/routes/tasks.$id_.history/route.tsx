// A task's deadline changes and the records the secretariat enters after the fact
// ("nhập bổ sung"): a change of deadline from a day, the correction of an entry
// error, an extension decided on paper, a completion reported and confirmed outside
// the system. Each keeps the day it took effect and the moment it was recorded
// (docs/domain-rules.md §4.4). Forms work without JavaScript.
import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { DateField, FormProblems, INPUT_CLASS, LABEL_CLASS, TextField } from "~/components/form-feedback";
import { formatInstant, formatLocalDate } from "~/domain/dates";
import { requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { describeTaskChanges, requireVisibleTask, type ChangeLine } from "~/server/desk.server";
import { readForm } from "~/lib/form-data.server";
import { historyIntentSchema, HISTORY_INTENTS, type HistoryInput, type HistoryIntent } from "~/lib/history-schemas";
import { notFound } from "~/lib/http.server";
import { useT, type Translate } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { idParam } from "~/lib/params.server";
import { originOf } from "~/models/audit.server";
import {
  changeDeadline,
  deadlineChanges,
  recordPastCompletion,
  recordPastExtension,
  type PastRecordResult,
} from "~/models/past-records.server";
import { getTaskDeadlines } from "./queries.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("common", "desk") };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "history.enter");
  const id = idParam(params.id);
  await requireVisibleTask(request, context, user, id, "history.enter");
  const db = getDb();
  const task = getTaskDeadlines(db, id);
  if (!task) notFound();
  const { t } = await getTranslator(request);
  return {
    title: `${t("history.title")} — ${task.itemNumber}. ${task.title}`,
    task,
    changes: deadlineChanges(db, id),
  };
}

interface HistoryReply {
  intent: HistoryIntent | null;
  result: SubmissionResult<string[]>;
  changes: ChangeLine[] | null;
}

function refusal(t: Translate, result: Extract<PastRecordResult, { ok: false }>) {
  if (result.error === "rule") {
    const fieldErrors: Record<string, string[]> = {};
    for (const { code, field } of result.violations) {
      fieldErrors[field] = [...(fieldErrors[field] ?? []), t(`history.error.${code}`)];
    }
    return { fieldErrors };
  }
  if (result.error === "invalid_state") {
    return { formErrors: [t("history.error.invalid_state", { state: t(`workflow.${result.state}`) })] };
  }
  if (result.error === "undated" || result.error === "pending_request") {
    return { formErrors: [t(`history.error.${result.error}`)] };
  }
  return { formErrors: [t("desk.error.unknownAction")] };
}

function save(
  db: ReturnType<typeof getDb>,
  user: Parameters<typeof changeDeadline>[1],
  id: number,
  input: HistoryInput,
  origin: ReturnType<typeof originOf>,
): PastRecordResult {
  switch (input.intent) {
    case "deadline":
      return changeDeadline(
        db,
        user,
        id,
        input.version,
        {
          kind: input.kind,
          dueDate: input.dueDate,
          effectiveOn: input.kind === "change" ? input.effectiveOn : null,
          reason: input.reason,
        },
        origin,
      );
    case "extension":
      return recordPastExtension(db, user, id, input.version, input, origin);
    case "completion":
      return recordPastCompletion(db, user, id, input.version, input, origin);
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "history.enter");
  const id = idParam(params.id);
  await requireVisibleTask(request, context, user, id, "history.enter");
  const { t } = await getTranslator(request);
  const formData = await readForm(request);
  const posted = formData.get("intent");
  const intent = HISTORY_INTENTS.find((i) => i === posted) ?? null;
  const submission = parseWithZod(formData, { schema: historyIntentSchema(t) });
  if (submission.status !== "success") {
    return data<HistoryReply>({ intent, result: submission.reply(), changes: null }, { status: 400 });
  }
  const input = submission.value;
  const db = getDb();
  const result = save(db, user, id, input, originOf(request, context));
  if (result.ok) throw redirect(`/tasks/${id}/history?saved=${input.intent}`);
  if (result.error === "not_found") notFound();
  if (result.error === "conflict") {
    return data<HistoryReply>(
      {
        intent: input.intent,
        result: submission.reply({ formErrors: [t("desk.conflict.task")] }),
        changes: describeTaskChanges(db, t, result.changes),
      },
      { status: 409 },
    );
  }
  const status = result.error === "forbidden" ? 403 : 400;
  return data<HistoryReply>(
    { intent: input.intent, result: submission.reply(refusal(t, result)), changes: null },
    { status },
  );
}

export default function TaskHistoryPage() {
  const { task, changes } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const t = useT();
  const saved = HISTORY_INTENTS.find((i) => i === searchParams.get("saved"));
  const lastResult = (intent: HistoryIntent) => (reply?.intent === intent ? reply.result : undefined);
  const conflict = (intent: HistoryIntent) =>
    reply?.intent === intent && reply.changes !== null ? { changes: reply.changes } : null;
  const dated = task.deadlineKind === "dated";
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p>
        <Link to={`/tasks/${task.id}`}>{t("common.backTo", { name: `${task.itemNumber}. ${task.title}` })}</Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("history.title")}</h1>
      <p className="text-sm text-slate-700">{t("history.intro")}</p>
      {saved && (
        <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">
          {t(`history.saved.${saved}`)}
        </p>
      )}
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <dt className="font-medium">{t("desk.task.assignedOn")}</dt>
        <dd>{formatLocalDate(task.assignedOn)}</dd>
        {dated && (
          <>
            <dt className="font-medium">{t("desk.change.originalDueDate")}</dt>
            <dd>{task.originalDueDate && formatLocalDate(task.originalDueDate)}</dd>
            <dt className="font-medium">{t("desk.change.currentDueDate")}</dt>
            <dd>{task.currentDueDate && formatLocalDate(task.currentDueDate)}</dd>
          </>
        )}
      </dl>
      {changes.length > 0 && (
        <ul className="list-disc space-y-1 pl-6 text-sm">
          {changes.map((c) => (
            <li key={c.id}>
              {t(c.kind === "correction" ? "history.correctionLine" : "history.changeLine", {
                kind: t(`history.deadline.kind.${c.kind}`),
                from: formatLocalDate(c.previousDueDate),
                to: formatLocalDate(c.dueDate),
                on: formatInstant(c.effectiveAt).slice(0, 10),
                reason: c.reason,
              })}{" "}
              <span className="text-slate-600">({formatInstant(c.recordedAt)})</span>
            </li>
          ))}
        </ul>
      )}

      {dated && (
        <HistoryForm
          key={`deadline-${task.version}`}
          intent="deadline"
          version={task.version}
          title={t("history.deadline.title")}
          lastResult={lastResult("deadline")}
          conflict={conflict("deadline")}
          submit={t("history.deadline.submit")}
        >
          {(fields) => (
            <>
              <fieldset className="flex flex-col gap-1 sm:col-span-2">
                <legend className={LABEL_CLASS}>{t("history.deadline.kind")}</legend>
                {(["change", "correction"] as const).map((kind) => (
                  <label key={kind} className="flex items-center gap-2">
                    <input type="radio" name="kind" value={kind} defaultChecked={kind === "change"} />
                    {t(`history.deadline.kind.${kind}`)}
                  </label>
                ))}
              </fieldset>
              <DateField field={fields.dueDate} label={t("history.deadline.dueDate")} hint={t("desk.dateHint")} />
              <DateField
                field={fields.effectiveOn}
                label={t("history.deadline.effectiveOn")}
                hint={t("history.deadline.effectiveOnHint")}
              />
            </>
          )}
        </HistoryForm>
      )}
      {dated && (
        <HistoryForm
          key={`extension-${task.version}`}
          intent="extension"
          version={task.version}
          title={t("history.extension.title")}
          lastResult={lastResult("extension")}
          conflict={conflict("extension")}
          submit={t("history.extension.submit")}
        >
          {(fields) => (
            <>
              <DateField field={fields.dueDate} label={t("history.extension.dueDate")} hint={t("desk.dateHint")} />
              <DateField field={fields.decidedOn} label={t("history.extension.decidedOn")} hint={t("desk.dateHint")} />
            </>
          )}
        </HistoryForm>
      )}
      <HistoryForm
        // A saved record bumps the version: the form starts empty again for the next one.
        key={`completion-${task.version}`}
        intent="completion"
        version={task.version}
        title={t("history.completion.title")}
        lastResult={lastResult("completion")}
        conflict={conflict("completion")}
        submit={t("history.completion.submit")}
      >
        {(fields) => (
          <>
            <DateField
              field={fields.completionDate}
              label={t("history.completion.completionDate")}
              hint={t("desk.dateHint")}
            />
            <DateField field={fields.reportedOn} label={t("history.completion.reportedOn")} hint={t("desk.dateHint")} />
            <DateField
              field={fields.confirmedOn}
              label={t("history.completion.confirmedOn")}
              hint={t("history.completion.confirmedOnHint")}
            />
            <TextField field={fields.result} label={t("history.completion.result")} rows={3} wide />
          </>
        )}
      </HistoryForm>
    </div>
  );
}

type HistoryFields = ReturnType<typeof useHistoryForm>[1];

/** The fields of the three forms (each uses its own; the action checks them with `historyIntentSchema`). */
interface HistoryFieldValues {
  kind: string;
  dueDate: string;
  effectiveOn: string;
  decidedOn: string;
  completionDate: string;
  reportedOn: string;
  confirmedOn: string;
  result: string;
  reason: string;
}

function useHistoryForm(intent: HistoryIntent, lastResult: SubmissionResult<string[]> | undefined) {
  return useForm<HistoryFieldValues>({ id: `history-${intent}`, lastResult, shouldValidate: "onSubmit" });
}

/** One of the page's forms: its fields, the reason every record needs, and the submit button. */
function HistoryForm({
  intent,
  version,
  title,
  lastResult,
  conflict,
  submit,
  children,
}: {
  intent: HistoryIntent;
  version: number;
  title: string;
  lastResult: SubmissionResult<string[]> | undefined;
  conflict: { changes: ChangeLine[] } | null;
  submit: string;
  children: (fields: HistoryFields) => ReactNode;
}) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useHistoryForm(intent, lastResult);
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === intent;
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="text-lg font-semibold">{title}</h2>
      <FormProblems id={form.errorId} errors={form.errors} conflict={conflict} />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={version} />
      <div className="grid gap-4 sm:grid-cols-2">
        {children(fields)}
        <div className="flex flex-col gap-1 sm:col-span-2">
          <label htmlFor={fields.reason.id} className={LABEL_CLASS}>
            {t("history.reason")}
          </label>
          <textarea {...getTextareaProps(fields.reason)} rows={2} className={INPUT_CLASS} />
          {fields.reason.errors && (
            <p id={fields.reason.errorId} className="text-sm text-red-800">
              {fields.reason.errors.join(" ")}
            </p>
          )}
        </div>
      </div>
      <button type="submit" disabled={busy} className="rounded bg-blue-800 px-4 py-2 font-medium text-white">
        {submit}
      </button>
    </Form>
  );
}
