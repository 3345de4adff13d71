import { readForm } from "~/lib/form-data.server";
import {
  getFieldsetProps,
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type FieldMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FieldErrors, FormAlert, HINT_CLASS, INPUT_CLASS, LABEL_CLASS } from "~/components/form-feedback";
import { DepartmentCheckbox, departmentBoxes } from "~/components/department-checklist";
import { DepartmentOptions } from "~/components/department-options";
import { today, type LocalDate } from "~/domain/dates";
import { REVIEW_KINDS } from "~/domain/split-review";
import { DEADLINE_KINDS, RECURRENCE_FREQUENCIES } from "~/domain/vocabulary";
import { requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { requireVisibleDirective } from "~/server/desk.server";
import { DESK_LIMITS } from "~/lib/desk-forms";
import { notFound } from "~/lib/http.server";
import { useT, type MessageKey, type Translate } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { idParam } from "~/lib/params.server";
import type { ReviewFormRow, ReviewFormValues } from "~/lib/split-forms";
import { splitFormSchema } from "~/lib/split-schemas";
import { originOf } from "~/models/audit.server";
import { departmentOptions, type DepartmentOption } from "~/models/desk-options.server";
import { defaultAssignmentDay, saveReviewedTasks } from "~/models/task-split.server";
import { dutyRuleInWords } from "~/lib/duty-text";
import { getDirectiveForSplit } from "./queries.server";
import { buildReview, reviewReplyErrors } from "./review.server";
import type { ReviewRowView, ReviewView } from "./review-view";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("common", "desk", "duties", "leadership", "split") };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

type Result = SubmissionResult<string[]>;

/** What the action answers: the paste step again (with its errors), or the review step. */
type SplitReply =
  | { step: "paste"; text: string; result: Result | null }
  | { step: "review"; review: ReviewView; defaultValue: ReviewFormValues; result: Result | null };

async function directiveFor(request: Request, context: LoaderFunctionArgs["context"], rawId: string | undefined) {
  const user = await requirePermission(request, context, "task.write");
  const id = idParam(rawId);
  await requireVisibleDirective(request, context, user, id, "task.write");
  const directive = getDirectiveForSplit(getDb(), id);
  if (!directive) notFound();
  return { user, directive };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { directive } = await directiveFor(request, context, params.id);
  const { t } = await getTranslator(request);
  return {
    title: `${t("split.title")} — ${t("app.name")}`,
    directive: { id: directive.id, number: directive.number, abstract: directive.abstract },
    fullText: directive.fullText ?? "",
    departments: departmentOptions(getDb()),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, directive } = await directiveFor(request, context, params.id);
  const { t } = await getTranslator(request);
  const db = getDb();
  const submission = parseWithZod(await readForm(request), { schema: splitFormSchema(t) });
  // Tasks are given on the day the directive was issued (or its meeting held) unless the
  // secretariat says otherwise: a conclusion from the past is not given today.
  const defaultDay = defaultAssignmentDay(db, directive.id) ?? today();
  const showReview = (built: ReturnType<typeof buildReview>, result: Result | null, status: 200 | 400) =>
    data<SplitReply>({ step: "review", review: built.view, defaultValue: built.defaultValue, result }, { status });
  // A refused save splits the posted text again: the rows line up with the form's by index.
  const review = (text: string, result: Result | null, status: 200 | 400, day: LocalDate = defaultDay) =>
    showReview(buildReview(db, text, directive.issuedOn, day), result, status);
  const paste = (text: string, result: Result | null, status: 200 | 400) =>
    data<SplitReply>({ step: "paste", text, result }, { status });

  if (submission.status !== "success") {
    const text = typeof submission.payload.text === "string" ? submission.payload.text : "";
    const reply = submission.reply();
    return submission.payload.intent === "save" ? review(text, reply, 400) : paste(text, reply, 400);
  }
  const input = submission.value;
  switch (input.intent) {
    case "edit":
      return paste(input.text, null, 200);
    case "split": {
      const built = buildReview(db, input.text, directive.issuedOn, defaultDay);
      if (built.view.rows.length === 0) {
        return paste(input.text, submission.reply({ fieldErrors: { text: [t("split.noTasks")] } }), 400);
      }
      return showReview(built, null, 200);
    }
    case "save": {
      const outcome = saveReviewedTasks(
        db,
        user,
        { directiveId: directive.id, assignedOn: input.assignedOn, tasks: input.tasks },
        originOf(request, context),
      );
      if (outcome.ok) {
        throw redirect(`/directives/${directive.id}?imported=${outcome.created}`);
      }
      return review(input.text, submission.reply(reviewReplyErrors(t, outcome.errors)), 400, input.assignedOn);
    }
  }
}

export default function SplitPage() {
  const { directive, fullText, departments } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const label = directive.number ?? directive.abstract;
  return (
    <div className="space-y-5">
      <p className="text-sm">
        <Link to={`/directives/${directive.id}`}>{t("common.backTo", { name: label })}</Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("split.title")}</h1>
      {reply?.step === "review" ? (
        <ReviewStep reply={reply} departments={departments} />
      ) : (
        <PasteStep
          directiveLabel={label}
          text={reply?.step === "paste" ? reply.text : fullText}
          prefilled={reply === undefined && fullText !== ""}
          result={reply?.result ?? null}
        />
      )}
    </div>
  );
}

// ---------------------------------------------------------------- step 1: paste

function PasteStep({
  directiveLabel,
  text,
  prefilled,
  result,
}: {
  directiveLabel: string;
  text: string;
  prefilled: boolean;
  result: Result | null;
}) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useForm({ id: "split-paste", lastResult: result, defaultValue: { text } });
  const hintId = `${fields.text.id}-hint`;
  return (
    <section aria-labelledby="split-step" className="space-y-4">
      <h2 id="split-step" className="text-lg font-semibold">
        {t("split.step1")}
      </h2>
      <p className="max-w-4xl text-slate-700">{t("split.intro", { directive: directiveLabel })}</p>
      <Form method="post" {...getFormProps(form)} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <FormAlert id={form.errorId} errors={form.errors} />
        <div className="flex flex-col gap-1">
          <label htmlFor={fields.text.id} className={LABEL_CLASS}>
            {t("split.text")}
          </label>
          <textarea
            {...getTextareaProps(fields.text, { ariaDescribedBy: hintId })}
            maxLength={DESK_LIMITS.fullText}
            rows={18}
            className={`${INPUT_CLASS} text-sm`}
          />
          <p id={hintId} className={HINT_CLASS}>
            {t("split.textHint")} {prefilled && t("split.prefilled")}
          </p>
          <FieldErrors id={fields.text.errorId} errors={fields.text.errors} />
        </div>
        <button
          type="submit"
          name="intent"
          value="split"
          disabled={navigation.state === "submitting"}
          className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
        >
          {t("split.submit")}
        </button>
      </Form>
    </section>
  );
}

// ---------------------------------------------------------------- step 2: review

const ROW_FIELDS = [
  "itemNumber",
  "parentItemNumber",
  "title",
  "description",
  "leadDepartmentId",
  "coordinatorDepartmentIds",
  "deadlineKind",
  "dueDate",
  "kind",
  "groupId",
  "fanOutLeadIds",
  "dutyDay",
  "dueWorkingDays",
] as const satisfies readonly (keyof ReviewFormRow)[];

const ROW_FIELD_LABEL: Record<(typeof ROW_FIELDS)[number], MessageKey> = {
  itemNumber: "desk.task.itemNumber",
  parentItemNumber: "split.parent",
  title: "desk.task.title",
  description: "desk.task.description",
  leadDepartmentId: "desk.task.lead",
  coordinatorDepartmentIds: "desk.task.coordinators",
  deadlineKind: "desk.task.deadlineKind",
  dueDate: "desk.task.dueDate",
  kind: "split.kind",
  groupId: "split.group",
  fanOutLeadIds: "split.leads",
  dutyDay: "split.dutyDay",
  dueWorkingDays: "split.dueWorkingDays",
};

/** Indentation of a sub-task by its depth (classes, not inline styles: the CSP forbids those). */
const DEPTH_CLASS = ["", "sm:ml-8", "sm:ml-16", "sm:ml-24"];

function errorsOf(field: { allErrors: Record<string, string[]> }): string[] {
  return [...new Set(Object.values(field.allErrors).flat())];
}

function ReviewStep({
  reply,
  departments,
}: {
  reply: Extract<SplitReply, { step: "review" }>;
  departments: DepartmentOption[];
}) {
  const t = useT();
  const navigation = useNavigation();
  const { review } = reply;
  const [form, fields] = useForm<ReviewFormValues>({
    id: "split-review",
    lastResult: reply.result,
    defaultValue: reply.defaultValue,
  });
  const rows = fields.tasks.getFieldList();

  const problems: { href: string; text: string }[] = [];
  for (const message of form.errors ?? []) problems.push({ href: `#${form.errorId}`, text: message });
  for (const message of [...(fields.text.errors ?? []), ...(fields.tasks.errors ?? [])]) {
    problems.push({ href: `#${form.errorId}`, text: message });
  }
  for (const message of fields.assignedOn.errors ?? []) {
    problems.push({ href: `#${fields.assignedOn.id}`, text: `${t("desk.task.assignedOn")}: ${message}` });
  }
  review.rows.forEach((view, index) => {
    const row = rows[index]?.getFieldset();
    if (!row) return;
    for (const name of ROW_FIELDS) {
      for (const message of errorsOf(row[name])) {
        problems.push({
          href: `#${row[name].id}`,
          text: t("split.errorAt", { item: view.itemNumber, field: t(ROW_FIELD_LABEL[name]), message }),
        });
      }
    }
  });

  const top = review.rows.filter((row) => row.depth === 0).length;
  return (
    <section aria-labelledby="split-step" className="space-y-4">
      <h2 id="split-step" className="text-lg font-semibold">
        {t("split.step2")}
      </h2>
      <p className="font-medium">
        {t("split.found", { count: review.rows.length, top, sub: review.rows.length - top })}
      </p>
      <p className="max-w-4xl text-slate-700">{t("split.reviewIntro")}</p>

      {/* Announced when it appears; Conform moves the focus to the first field in error. */}
      {problems.length > 0 && (
        <div
          role="alert"
          id={form.errorId}
          className="space-y-2 rounded-lg border border-red-300 bg-red-50 p-4 text-red-950"
        >
          <p className="font-semibold">{t("split.errorsHeading", { count: problems.length })}</p>
          <ul className="list-inside list-disc space-y-1 text-sm">
            {problems.map((problem, index) => (
              <li key={index}>
                <a href={problem.href} className="text-red-900 underline">
                  {problem.text}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}

      {review.preamble !== "" && <OutsideText heading={t("split.preamble")} text={review.preamble} />}

      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <input type="hidden" name="text" value={review.text} />
        <div className="flex max-w-xs flex-col gap-1">
          <label htmlFor={fields.assignedOn.id} className={LABEL_CLASS}>
            {t("desk.task.assignedOn")}
          </label>
          <input
            {...getInputProps(fields.assignedOn, { type: "text", ariaDescribedBy: `${fields.assignedOn.id}-hint` })}
            inputMode="numeric"
            autoComplete="off"
            className={INPUT_CLASS}
          />
          <p id={`${fields.assignedOn.id}-hint`} className={HINT_CLASS}>
            {t("split.assignedOnHint")}
          </p>
          <FieldErrors id={fields.assignedOn.errorId} errors={fields.assignedOn.errors} />
        </div>

        <h3 className="text-base font-semibold">{t("split.tasksHeading")}</h3>
        {review.rows.map((view, index) => {
          const row = rows[index];
          return row ? (
            <ReviewRow
              key={`${index}-${view.itemNumber}`}
              view={view}
              row={row}
              departments={departments}
              groups={review.groups}
            />
          ) : null;
        })}

        <button
          type="submit"
          name="intent"
          value="save"
          disabled={navigation.state === "submitting"}
          className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
        >
          {t("split.save")}
        </button>
      </Form>

      {review.closing !== "" && <OutsideText heading={t("split.closing")} text={review.closing} />}

      <Form method="post">
        <input type="hidden" name="text" value={review.text} />
        <button
          type="submit"
          name="intent"
          value="edit"
          className="rounded border border-slate-400 bg-white px-4 py-2 font-medium hover:bg-slate-50"
        >
          {t("split.back")}
        </button>
      </Form>
    </section>
  );
}

/** The text before or after the items: not tasks, shown greyed so nothing seems lost. */
function OutsideText({ heading, text }: { heading: string; text: string }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-slate-50 p-3 text-sm text-slate-600">
      <p className="font-medium">{heading}</p>
      <p className="whitespace-pre-line">{text}</p>
    </div>
  );
}

function warningText(t: Translate, warning: ReviewRowView["warnings"][number]): string {
  return t(`split.warning.${warning.code}`, { text: warning.text, departments: warning.departments });
}

function ReviewRow({
  view,
  row: rowField,
  departments,
  groups,
}: {
  view: ReviewRowView;
  row: FieldMetadata<ReviewFormRow>;
  departments: DepartmentOption[];
  groups: ReviewView["groups"];
}) {
  const t = useT();
  const row = rowField.getFieldset();
  const item = view.itemNumber;
  const forRow = <span className="sr-only"> {t("split.forRow", { item })}</span>;
  const coordinators = row.coordinatorDepartmentIds;
  // One checked box posts a string, several an array.
  const initial: unknown = coordinators.initialValue;
  const chosen = new Set(Array.isArray(initial) ? initial : typeof initial === "string" ? [initial] : []);
  // The departments already chosen come first: the reviewer sees them without scrolling.
  const coordinatorOptions = [
    ...departments.filter((d) => chosen.has(String(d.id))),
    ...departments.filter((d) => !chosen.has(String(d.id))),
  ];
  const coordinatorBoxes = departmentBoxes(coordinators, departments);
  const coordinatorErrors = errorsOf(coordinators);
  const descriptionErrors = row.description.errors ?? [];

  return (
    <fieldset
      id={rowField.id}
      className={`space-y-3 rounded-lg border border-slate-200 bg-white p-4 ${
        view.depth > 0 ? "border-l-4 border-l-brand-700" : ""
      } ${DEPTH_CLASS[Math.min(view.depth, DEPTH_CLASS.length - 1)]}`}
    >
      <legend className="px-1 font-semibold">
        {view.parentItemNumber === null
          ? t("split.rowLegend", { item })
          : t("split.rowLegendSub", { item, parent: view.parentItemNumber })}
      </legend>

      <label className="flex items-center gap-2 text-sm font-medium">
        <input {...getInputProps(row.include, { type: "checkbox" })} className="size-4" />
        <span>
          {t("split.include")}
          {forRow}
        </span>
      </label>

      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[8rem_8rem_1fr]">
        <div className="flex flex-col gap-1">
          <label htmlFor={row.itemNumber.id} className={LABEL_CLASS}>
            {t("desk.task.itemNumber")}
            {forRow}
          </label>
          <input
            {...getInputProps(row.itemNumber, { type: "text" })}
            autoComplete="off"
            maxLength={DESK_LIMITS.itemNumber}
            className={INPUT_CLASS}
          />
          <FieldErrors id={row.itemNumber.errorId} errors={row.itemNumber.errors} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={row.parentItemNumber.id} className={LABEL_CLASS}>
            {t("split.parent")}
            {forRow}
          </label>
          <input
            {...getInputProps(row.parentItemNumber, { type: "text" })}
            autoComplete="off"
            maxLength={DESK_LIMITS.itemNumber}
            title={t("split.parentHint")}
            className={INPUT_CLASS}
          />
          <FieldErrors id={row.parentItemNumber.errorId} errors={row.parentItemNumber.errors} />
        </div>
        <div className="flex flex-col gap-1 sm:col-span-2 lg:col-span-1">
          <label htmlFor={row.title.id} className={LABEL_CLASS}>
            {t("desk.task.title")}
            {forRow}
          </label>
          <textarea {...getTextareaProps(row.title)} rows={2} maxLength={DESK_LIMITS.title} className={INPUT_CLASS} />
          <FieldErrors id={row.title.errorId} errors={row.title.errors} />
        </div>
      </div>

      <details open={descriptionErrors.length > 0} className="rounded border border-slate-200 p-2">
        <summary className="cursor-pointer text-sm font-medium">
          {t("split.details")}
          {forRow}
        </summary>
        <div className="mt-2 space-y-2">
          {view.segments.length > 0 && (
            <div className="text-sm text-slate-700">
              <p className="text-xs">{t("split.source")}</p>
              <p className="whitespace-pre-line rounded bg-slate-50 p-2">
                {view.segments.map((segment, index) =>
                  segment.marked ? (
                    <mark key={index} className="rounded bg-amber-100 text-slate-950">
                      {segment.text}
                    </mark>
                  ) : (
                    <span key={index}>{segment.text}</span>
                  ),
                )}
              </p>
            </div>
          )}
          <div className="flex flex-col gap-1">
            <label htmlFor={row.description.id} className={LABEL_CLASS}>
              {t("desk.task.description")}
              {forRow}
            </label>
            <textarea
              {...getTextareaProps(row.description)}
              rows={5}
              maxLength={DESK_LIMITS.description}
              className={INPUT_CLASS}
            />
            <FieldErrors id={row.description.errorId} errors={descriptionErrors} />
          </div>
        </div>
      </details>

      <ManyUnitsFields row={row} forRow={forRow} departments={departments} groups={groups} />
      <RowPreview preview={view.preview} />

      <div className="grid gap-3 lg:grid-cols-2">
        <div className="space-y-3">
          <div className="flex flex-col gap-1">
            <label htmlFor={row.leadDepartmentId.id} className={LABEL_CLASS}>
              {t("desk.task.lead")}
              {forRow}
            </label>
            <select {...getSelectProps(row.leadDepartmentId)} className={INPUT_CLASS}>
              <DepartmentOptions departments={departments} t={t} emptyLabel={t("desk.choose")} />
            </select>
            <FieldErrors id={row.leadDepartmentId.errorId} errors={row.leadDepartmentId.errors} />
          </div>
          <div className="grid gap-3 sm:grid-cols-2">
            <div className="flex flex-col gap-1">
              <label htmlFor={row.deadlineKind.id} className={LABEL_CLASS}>
                {t("desk.task.deadlineKind")}
                {forRow}
              </label>
              <select {...getSelectProps(row.deadlineKind)} className={INPUT_CLASS}>
                {DEADLINE_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`desk.deadlineKind.${kind}`)}
                  </option>
                ))}
              </select>
              <FieldErrors id={row.deadlineKind.errorId} errors={row.deadlineKind.errors} />
            </div>
            <div className="flex flex-col gap-1">
              <label htmlFor={row.dueDate.id} className={LABEL_CLASS}>
                {t("desk.task.dueDate")}
                {forRow}
              </label>
              <input
                {...getInputProps(row.dueDate, { type: "text" })}
                placeholder={t("desk.dateHint")}
                inputMode="numeric"
                autoComplete="off"
                maxLength={DESK_LIMITS.date}
                className={INPUT_CLASS}
              />
              <FieldErrors id={row.dueDate.errorId} errors={row.dueDate.errors} />
            </div>
          </div>
          <div className="flex max-w-xs flex-col gap-1">
            <label htmlFor={row.dueWorkingDays.id} className={LABEL_CLASS}>
              {t("split.dueWorkingDays")}
              {forRow}
            </label>
            <input
              {...getInputProps(row.dueWorkingDays, { type: "text", ariaDescribedBy: `${row.dueWorkingDays.id}-hint` })}
              inputMode="numeric"
              autoComplete="off"
              maxLength={3}
              className={INPUT_CLASS}
            />
            <p id={`${row.dueWorkingDays.id}-hint`} className={HINT_CLASS}>
              {t("split.dueWorkingDaysHint")}
            </p>
            <FieldErrors id={row.dueWorkingDays.errorId} errors={row.dueWorkingDays.errors} />
          </div>
        </div>

        <fieldset {...getFieldsetProps(coordinators)} className="space-y-1">
          <legend className={LABEL_CLASS}>
            {t("desk.task.coordinators")}
            {forRow}
          </legend>
          <FieldErrors id={coordinators.errorId} errors={coordinatorErrors} />
          <ul className="max-h-40 overflow-y-auto rounded border border-slate-300 p-2">
            {coordinatorOptions.map((d) => {
              const box = coordinatorBoxes.get(String(d.id));
              return box && <DepartmentCheckbox key={box.key} box={box} label={d.name} />;
            })}
          </ul>
        </fieldset>
      </div>

      {view.warnings.length > 0 && (
        <div className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-950">
          <p className="font-medium">{t("split.warnings")}</p>
          <ul className="list-inside list-disc">
            {view.warnings.map((warning, index) => (
              <li key={index}>{warningText(t, warning)}</li>
            ))}
          </ul>
        </div>
      )}
    </fieldset>
  );
}

type RowFields = ReturnType<FieldMetadata<ReviewFormRow>["getFieldset"]>;

/**
 * What the row becomes — a task, an item for a group or for several leads, a recurring
 * duty — and what each needs. Plain selects and inputs: the choice works without
 * JavaScript, and the fields of the kinds not chosen are ignored when saving.
 */
function ManyUnitsFields({
  row,
  forRow,
  departments,
  groups,
}: {
  row: RowFields;
  forRow: React.ReactNode;
  departments: DepartmentOption[];
  groups: ReviewView["groups"];
}) {
  const t = useT();
  const chosenLeads: unknown = row.fanOutLeadIds.initialValue;
  const leadValues = Array.isArray(chosenLeads)
    ? chosenLeads.map(String)
    : typeof chosenLeads === "string"
      ? [chosenLeads]
      : [];
  return (
    <div className="space-y-3 rounded border border-slate-200 bg-slate-50 p-3">
      <div className="flex max-w-md flex-col gap-1">
        <label htmlFor={row.kind.id} className={LABEL_CLASS}>
          {t("split.kind")}
          {forRow}
        </label>
        <select {...getSelectProps(row.kind, { ariaDescribedBy: `${row.kind.id}-hint` })} className={INPUT_CLASS}>
          {REVIEW_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`split.kind.${kind}`)}
            </option>
          ))}
        </select>
        <p id={`${row.kind.id}-hint`} className={HINT_CLASS}>
          {t("split.kindHint")}
        </p>
        <FieldErrors id={row.kind.errorId} errors={row.kind.errors} />
      </div>
      <div className="grid gap-3 lg:grid-cols-3">
        <div className="flex flex-col gap-1">
          <label htmlFor={row.groupId.id} className={LABEL_CLASS}>
            {t("split.group")}
            {forRow}
          </label>
          <select {...getSelectProps(row.groupId)} className={INPUT_CLASS}>
            <option value="">{t("desk.choose")}</option>
            {groups.map((group) => (
              <option key={group.id} value={String(group.id)}>
                {group.name}
              </option>
            ))}
          </select>
          <FieldErrors id={row.groupId.errorId} errors={row.groupId.errors} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={row.fanOutLeadIds.id} className={LABEL_CLASS}>
            {t("split.leads")}
            {forRow}
          </label>
          <select
            id={row.fanOutLeadIds.id}
            name={row.fanOutLeadIds.name}
            multiple
            defaultValue={leadValues}
            aria-invalid={row.fanOutLeadIds.errors ? true : undefined}
            aria-describedby={`${row.fanOutLeadIds.id}-hint`}
            size={4}
            className={INPUT_CLASS}
          >
            {departments.map((d) => (
              <option key={d.id} value={String(d.id)}>
                {d.name}
              </option>
            ))}
          </select>
          <p id={`${row.fanOutLeadIds.id}-hint`} className={HINT_CLASS}>
            {t("split.leadsHint")}
          </p>
          <FieldErrors id={row.fanOutLeadIds.errorId} errors={errorsOf(row.fanOutLeadIds)} />
        </div>
        <div className="space-y-2">
          <div className="flex flex-col gap-1">
            <label htmlFor={row.frequency.id} className={LABEL_CLASS}>
              {t("split.frequency")}
              {forRow}
            </label>
            <select {...getSelectProps(row.frequency)} className={INPUT_CLASS}>
              {RECURRENCE_FREQUENCIES.map((frequency) => (
                <option key={frequency} value={frequency}>
                  {t(`duty.frequency.${frequency}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor={row.dutyDay.id} className={LABEL_CLASS}>
              {t("split.dutyDay")}
              {forRow}
            </label>
            <input
              {...getInputProps(row.dutyDay, { type: "text" })}
              inputMode="numeric"
              autoComplete="off"
              maxLength={2}
              className={INPUT_CLASS}
            />
            <FieldErrors id={row.dutyDay.errorId} errors={row.dutyDay.errors} />
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input {...getInputProps(row.dutyWorkingDays, { type: "checkbox" })} className="size-4" />
            <span>
              {t("split.dutyWorkingDays")}
              {forRow}
            </span>
          </label>
        </div>
      </div>
    </div>
  );
}

/** What saving the row as proposed creates: the units of the item, the duty's periods, the counted deadline. */
function RowPreview({ preview }: { preview: ReviewRowView["preview"] }) {
  const t = useT();
  const lines: string[] = [];
  if (preview.group) {
    const { name, day, count, names } = preview.group;
    lines.push(
      count === 0
        ? t("split.preview.groupEmpty", { group: name, day })
        : t("split.preview.group", {
            group: name,
            day,
            count,
            names: names.join("; ") + (names.length < count ? "; …" : ""),
          }),
    );
  }
  if (preview.leads) {
    lines.push(t("split.preview.leads", { count: preview.leads.length, names: preview.leads.join("; ") }));
  }
  if (preview.duty) {
    lines.push(t("split.preview.duty", { lead: preview.duty.lead, rule: dutyRuleInWords(t, preview.duty.rule) }));
    lines.push(
      t("split.preview.periods", {
        periods: preview.duty.periods.map((p) => t("split.preview.period", { label: p.label, due: p.due })).join("; "),
      }),
    );
  }
  if (preview.workingDays) lines.push(t("split.preview.workingDays", { ...preview.workingDays }));
  if (lines.length === 0) return null;
  return (
    <div className="rounded border border-sky-300 bg-sky-50 p-2 text-sm text-sky-950">
      <p className="font-medium">{t("split.preview")}</p>
      <ul className="list-inside list-disc">
        {lines.map((line, index) => (
          <li key={index}>{line}</li>
        ))}
      </ul>
    </div>
  );
}
