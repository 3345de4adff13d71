import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { z } from "zod";
import { DepartmentProfileFields } from "~/components/admin-department-fields";
import {
  AdminSection,
  ConfirmCheckbox,
  DoneNotice,
  refusalReply,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
} from "~/components/admin-form";
import { DepartmentOptions } from "~/components/department-options";
import { FormProblems } from "~/components/form-feedback";
import { formatLocalDate, today } from "~/domain/dates";
import { requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { conflictReply, formReply, type ReplyErrors } from "~/server/desk.server";
import { notFound } from "~/lib/http.server";
import { departmentPageSchema } from "~/lib/admin-schemas";
import { useLazyValidation } from "~/lib/form-validation";
import { useT } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { idParam } from "~/lib/params.server";
import { readForm } from "~/lib/form-data.server";
import { originOf } from "~/models/audit.server";
import {
  mergeDepartment,
  setDepartmentActive,
  updateDepartment,
  type DepartmentUpdateResult,
  type MergeSummary,
} from "~/models/departments.server";
import { departmentForAdmin } from "./queries.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("common", "admin", "desk") };

// ---------------------------------------------------------------- forms

const DONE = ["created", "updated", "unchanged", "deactivated", "reactivated", "merged"] as const;
type Done = (typeof DONE)[number];
const count = z.coerce.number().int().min(0).max(1_000_000).optional().catch(undefined);
const doneQuery = z.object({
  done: z.enum(DONE).optional().catch(undefined),
  tasks: count,
  coordinations: count,
  users: count,
  subunits: count,
});

// ---------------------------------------------------------------- server

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "department.manage");
  const departmentId = idParam(params.id);
  const { t } = await getTranslator(request);
  const found = departmentForAdmin(getDb(), departmentId);
  if (!found) notFound();
  const { done, ...counts } = doneQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return {
    title: `${found.department.name} — ${t("admin.departments.title")} — ${t("app.name")}`,
    ...found,
    today: today(),
    done: done ?? null,
    counts: {
      tasks: counts.tasks ?? 0,
      coordinations: counts.coordinations ?? 0,
      users: counts.users ?? 0,
      subunits: counts.subunits ?? 0,
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "department.manage");
  const departmentId = idParam(params.id);
  const { t } = await getTranslator(request);
  const db = getDb();
  if (!departmentForAdmin(db, departmentId)) notFound();
  const submission = parseWithZod(await readForm(request), { schema: departmentPageSchema(t) });
  const reply = (errors: ReplyErrors = {}) => submission.reply(errors);
  if (submission.status !== "success") return formReply(reply(), 400);
  const value = submission.value;
  const origin = originOf(request, context);
  const version = value.version;

  let result: DepartmentUpdateResult<{ changed?: boolean; summary?: MergeSummary }>;
  let done: Done;
  switch (value.intent) {
    case "profile":
      result = updateDepartment(
        db,
        user,
        {
          departmentId,
          version,
          name: value.name,
          shortName: value.shortName || null,
          kind: value.kind,
          parentId: value.parentId ?? null,
        },
        origin,
      );
      done = result.ok && !result.changed ? "unchanged" : "updated";
      break;
    case "deactivate":
      result = setDepartmentActive(db, user, { departmentId, version, active: false }, origin);
      done = "deactivated";
      break;
    case "reactivate":
      result = setDepartmentActive(db, user, { departmentId, version, active: true }, origin);
      done = "reactivated";
      break;
    case "merge":
      result = mergeDepartment(
        db,
        user,
        { departmentId, version, successorId: value.successorId, effectiveOn: value.effectiveOn, reason: value.reason },
        origin,
      );
      done = "merged";
      break;
  }
  if (!result.ok) {
    if (result.code === "not_found") notFound();
    if (result.code === "conflict") return conflictReply(db, t, "department", result, reply);
    const message = t(`admin.departments.error.${result.code}`, { count: result.count ?? 0 });
    return formReply(reply(refusalReply(message, result.field)), 400);
  }
  const summary = result.summary;
  const counts = summary
    ? `&tasks=${summary.tasksReassigned}&coordinations=${summary.coordinationsMoved + summary.coordinationsDropped}` +
      `&users=${summary.usersMoved}&subunits=${summary.subunitsMoved}`
    : "";
  throw redirect(`/admin/departments/${departmentId}?done=${done}${counts}`);
}

// ---------------------------------------------------------------- page

export default function AdminDepartmentPage() {
  const { department, subunits, predecessors, done, counts } = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  const merged = department.successorId !== null;
  const notice =
    done === "merged"
      ? t("admin.departments.done.merged", { name: department.successorName ?? "", ...counts })
      : done
        ? t(`admin.departments.done.${done}`)
        : null;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p className="text-sm">
        <Link to="/admin/departments">← {t("common.backTo", { name: t("admin.departments.title") })}</Link>
      </p>
      <div>
        <h1 className="text-2xl font-semibold">{department.name}</h1>
        <p className="text-sm text-slate-700">
          <span className="font-mono">{department.code}</span> · {t(`departmentKind.${department.kind}`)}
        </p>
      </div>
      <DoneNotice message={notice} />
      <dl className="grid gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-5 text-sm sm:grid-cols-2">
        <Fact label={t("admin.departments.filter.status")}>
          {department.active
            ? t("admin.departments.status.active")
            : merged
              ? t("admin.departments.mergedInto", {
                  name: department.successorName ?? "",
                  date: department.dissolvedOn ? formatLocalDate(department.dissolvedOn) : "",
                })
              : department.dissolvedOn
                ? t("admin.departments.inactiveSince", { date: formatLocalDate(department.dissolvedOn) })
                : t("admin.departments.status.inactive")}
        </Fact>
        <Fact label={t("admin.departments.field.parent")}>{department.parentName ?? t("common.none")}</Fact>
        <Fact label={t("admin.departments.field.shortName")}>{department.shortName ?? t("common.none")}</Fact>
        <Fact label={t("admin.departments.subunits")}>
          {subunits.length === 0
            ? t("common.none")
            : subunits.map((s, i) => (
                <span key={s.id}>
                  {i > 0 && ", "}
                  <Link to={`/admin/departments/${s.id}`} className="underline">
                    {s.name}
                  </Link>
                  {!s.active && ` (${t("admin.departments.status.inactive")})`}
                </span>
              ))}
        </Fact>
        {predecessors.length > 0 && (
          <Fact label={t("admin.departments.predecessors")}>
            {predecessors.map((p, i) => (
              <span key={p.id}>
                {i > 0 && ", "}
                <Link to={`/admin/departments/${p.id}`} className="underline">
                  {p.name}
                </Link>
                {p.dissolvedOn && ` (${formatLocalDate(p.dissolvedOn)})`}
              </span>
            ))}
          </Fact>
        )}
      </dl>
      {merged ? (
        <p className="rounded border border-slate-300 bg-slate-50 px-3 py-2 text-sm">
          {t("admin.departments.mergedReadonly")}{" "}
          <Link to={`/admin/departments/${department.successorId}`} className="underline">
            {t("admin.departments.openSuccessor", { name: department.successorName ?? "" })}
          </Link>
        </p>
      ) : (
        <DepartmentForms key={location.key} />
      )}
    </div>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function resultFor(lastResult: SubmissionResult<string[]> | undefined, intent: string) {
  return lastResult?.initialValue?.intent === intent ? lastResult : undefined;
}

function DepartmentForms() {
  const { department, workload, parents, successors, today: todayDate } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const lastResult = reply?.result;
  // A refused save shows what the others changed, in the form that sent it.
  const conflictFor = (intent: string) => (resultFor(lastResult, intent) && reply?.conflict) || null;
  const version = <input type="hidden" name="version" value={reply?.conflict?.version ?? department.version} />;
  const t = useT();

  const profileValidation = useLazyValidation("departmentProfile", {
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [profile, profileFields] = useForm({
    id: "department-profile",
    lastResult: resultFor(lastResult, "profile"),
    defaultValue: {
      name: department.name,
      shortName: department.shortName ?? undefined,
      kind: department.kind,
      parentId: department.parentId ?? undefined,
    },
    ...profileValidation,
  });

  const mergeValidation = useLazyValidation("departmentMerge", {
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [merge, mergeFields] = useForm({
    id: "department-merge",
    lastResult: resultFor(lastResult, "merge"),
    defaultValue: { effectiveOn: formatLocalDate(todayDate) },
    ...mergeValidation,
  });

  const deactivateValidation = useLazyValidation("departmentDeactivate", {});
  const [deactivate, deactivateFields] = useForm({
    id: "department-deactivate",
    lastResult: resultFor(lastResult, "deactivate"),
    ...deactivateValidation,
  });

  const reactivateValidation = useLazyValidation("departmentReactivate", {});
  const [reactivate] = useForm({
    id: "department-reactivate",
    lastResult: resultFor(lastResult, "reactivate"),
    ...reactivateValidation,
  });

  const openTasks = workload.openLedTasks + workload.openCoordinatedTasks;
  const blockers = [
    openTasks > 0 && t("admin.departments.error.has_open_tasks", { count: openTasks }),
    workload.activeUsers > 0 && t("admin.departments.error.has_active_users", { count: workload.activeUsers }),
    workload.activeChildren > 0 && t("admin.departments.error.has_active_children", { count: workload.activeChildren }),
  ].filter((text): text is string => typeof text === "string");

  return (
    <>
      <AdminSection id="profile-heading" title={t("admin.departments.section.profile")}>
        <Form method="post" {...getFormProps(profile)} className="space-y-4">
          <input type="hidden" name="intent" value="profile" />
          {version}
          <FormProblems id={profile.errorId} errors={profile.errors} conflict={conflictFor("profile")} />
          <DepartmentProfileFields fields={profileFields} parents={parents} t={t} />
          <p className="text-xs text-slate-700">{t("admin.departments.hint.codeFixed")}</p>
          <SubmitButton intent="profile">{t("admin.save")}</SubmitButton>
        </Form>
      </AdminSection>

      {department.active && (
        <AdminSection
          id="merge-heading"
          title={t("admin.departments.section.merge")}
          tone="danger"
          description={
            <>
              <p>{t("admin.departments.merge.intro")}</p>
              <ul className="mt-2 list-disc space-y-1 pl-5">
                <li>{t("admin.departments.merge.tasks", { count: workload.openLedTasks })}</li>
                <li>{t("admin.departments.merge.coordinations", { count: workload.openCoordinatedTasks })}</li>
                <li>{t("admin.departments.merge.users", { count: workload.users })}</li>
                <li>{t("admin.departments.merge.subunits", { count: workload.activeChildren })}</li>
                <li>{t("admin.departments.merge.history")}</li>
              </ul>
            </>
          }
        >
          <Form method="post" {...getFormProps(merge)} className="space-y-4">
            <input type="hidden" name="intent" value="merge" />
            {version}
            <FormProblems id={merge.errorId} errors={merge.errors} conflict={conflictFor("merge")} />
            <div className="grid gap-4 sm:grid-cols-2">
              <SelectField
                field={mergeFields.successorId}
                label={t("admin.departments.field.successor")}
                hint={t("admin.departments.hint.successor")}
              >
                <DepartmentOptions departments={successors} t={t} emptyLabel={t("admin.choose")} />
              </SelectField>
              <TextField
                field={mergeFields.effectiveOn}
                label={t("admin.departments.field.effectiveOn")}
                hint={t("admin.departments.hint.effectiveOn")}
                autoComplete="off"
              />
            </div>
            <TextAreaField
              field={mergeFields.reason}
              label={t("admin.departments.field.reason")}
              hint={t("admin.departments.hint.reason")}
            />
            <ConfirmCheckbox field={mergeFields.confirm} label={t("admin.departments.confirmMerge")} />
            <SubmitButton intent="merge" tone="danger">
              {t("admin.departments.mergeSubmit")}
            </SubmitButton>
          </Form>
        </AdminSection>
      )}

      <AdminSection id="status-heading" title={t("admin.departments.section.status")} tone="danger">
        {!department.active ? (
          <Form method="post" {...getFormProps(reactivate)} className="space-y-4">
            <input type="hidden" name="intent" value="reactivate" />
            {version}
            <FormProblems id={reactivate.errorId} errors={reactivate.errors} conflict={conflictFor("reactivate")} />
            <SubmitButton intent="reactivate">{t("admin.departments.reactivate")}</SubmitButton>
          </Form>
        ) : blockers.length > 0 ? (
          <div className="space-y-2 text-sm text-slate-700">
            <p>{t("admin.departments.deactivateBlocked")}</p>
            <ul className="list-disc space-y-1 pl-5">
              {blockers.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          </div>
        ) : (
          <Form method="post" {...getFormProps(deactivate)} className="space-y-4">
            <input type="hidden" name="intent" value="deactivate" />
            {version}
            <p className="text-sm text-slate-700">{t("admin.departments.deactivateExplained")}</p>
            <FormProblems id={deactivate.errorId} errors={deactivate.errors} conflict={conflictFor("deactivate")} />
            <ConfirmCheckbox field={deactivateFields.confirm} label={t("admin.departments.confirmDeactivate")} />
            <SubmitButton intent="deactivate" tone="danger">
              {t("admin.departments.deactivate")}
            </SubmitButton>
          </Form>
        )}
      </AdminSection>
    </>
  );
}
