// One unit group (docs/domain-rules.md §11): its members on a day (default today) and, for a
// custom group, its name, adding and taking out members from a day, and its membership
// history. A built-in group is read-only: its members follow the departments' kinds.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { AdminSection, DoneNotice, FormAlert, SubmitButton, TextAreaField, TextField } from "~/components/admin-form";
import { GroupDayForm, MembershipFields } from "~/components/unit-group-fields";
import { formatLocalDate, today } from "~/domain/dates";
import { DEPARTMENT_KINDS } from "~/domain/vocabulary";
import { requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { readForm } from "~/lib/form-data.server";
import { useLazyValidation } from "~/lib/form-validation";
import { groupName, groupPageDay, groupRefusal } from "~/lib/group-pages.server";
import { groupPageSchema } from "~/lib/group-schemas";
import { notFound } from "~/lib/http.server";
import { useT } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { idParam } from "~/lib/params.server";
import { originOf } from "~/models/audit.server";
import { activeDepartmentOptions } from "~/models/departments.server";
import {
  addGroupMembers,
  groupForAdmin,
  removeGroupMembers,
  updateGroup,
  type GroupResult,
} from "~/models/unit-groups.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("common", "admin", "desk", "groups") };

const DONE = ["created", "updated", "unchanged", "added", "removed"] as const;
const doneQuery = z.object({
  done: z.enum(DONE).optional().catch(undefined),
  count: z.coerce.number().int().min(0).max(1_000_000).optional().catch(undefined),
});

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "department.manage");
  const groupId = idParam(params.id);
  const { t } = await getTranslator(request);
  const url = new URL(request.url);
  const { day, isToday } = groupPageDay(url, t);
  const db = getDb();
  const found = groupForAdmin(db, groupId, day);
  if (!found) notFound();
  const { done, count } = doneQuery.parse(Object.fromEntries(url.searchParams));
  const name = groupName(t, found.group);
  const currentIds = new Set(found.memberships.filter((m) => m.untilDay === null).map((m) => m.departmentId));
  const active = found.group.builtinKind === null ? activeDepartmentOptions(db) : [];
  return {
    title: `${name} — ${t("groups.title")} — ${t("app.name")}`,
    name,
    ...found,
    day,
    isToday,
    done: done ?? null,
    count: count ?? 0,
    // Forms: who may join (active, not a member now) and who may leave (a member now).
    joinable: active.filter((d) => !currentIds.has(d.id)),
    leavable: found.memberships
      .filter((m) => m.untilDay === null)
      .map((m) => ({ id: m.departmentId, name: m.name, kind: m.kind })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "department.manage");
  const groupId = idParam(params.id);
  const { t } = await getTranslator(request);
  const db = getDb();
  if (!groupForAdmin(db, groupId, today())) notFound();
  const submission = parseWithZod(await readForm(request), { schema: groupPageSchema(t) });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const value = submission.value;
  const origin = originOf(request, context);

  let result: GroupResult<{ changed?: boolean; added?: number; removed?: number }>;
  let done: (typeof DONE)[number];
  switch (value.intent) {
    case "profile":
      result = updateGroup(
        db,
        user,
        { groupId, version: value.version, name: value.name, description: value.description },
        origin,
      );
      done = result.ok && !result.changed ? "unchanged" : "updated";
      break;
    case "add":
      result = addGroupMembers(
        db,
        user,
        { groupId, departmentIds: value.departmentIds, fromDay: value.fromDay },
        origin,
      );
      done = "added";
      break;
    case "remove":
      result = removeGroupMembers(
        db,
        user,
        { groupId, departmentIds: value.departmentIds, untilDay: value.untilDay },
        origin,
      );
      done = "removed";
      break;
  }
  if (!result.ok) {
    if (result.code === "not_found") notFound();
    return data(submission.reply(groupRefusal(t, result)), { status: result.code === "conflict" ? 409 : 400 });
  }
  const count = result.added ?? result.removed;
  throw redirect(`/admin/groups/${groupId}?done=${done}${count === undefined ? "" : `&count=${count}`}`);
}

// ---------------------------------------------------------------- page

function resultFor(lastResult: SubmissionResult<string[]> | undefined, intent: string) {
  return lastResult?.initialValue?.intent === intent ? lastResult : undefined;
}

export default function GroupPage() {
  const { group, name, members, memberships, day, isToday, done, count } = useLoaderData<typeof loader>();
  const location = useLocation();
  const t = useT();
  const notice = done ? t(`groups.done.${done}`, { count }) : null;
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p className="text-sm">
        <Link to="/admin/groups">← {t("common.backTo", { name: t("groups.title") })}</Link>
      </p>
      <div>
        <h1 className="text-2xl font-semibold">{name}</h1>
        {group.builtinKind !== null ? (
          <p className="text-sm text-slate-700">{t("groups.builtinBadge")}</p>
        ) : (
          group.description && <p className="text-sm text-slate-700">{group.description}</p>
        )}
      </div>
      <DoneNotice message={notice} />

      <GroupDayForm day={day} isToday={isToday} />

      <AdminSection
        id="members-heading"
        title={t("groups.section.members", { date: formatLocalDate(day), count: members.length })}
        description={
          group.builtinKind !== null
            ? t("groups.builtinExplained", { kind: t(`departmentKind.${group.builtinKind}`) })
            : undefined
        }
      >
        {members.length === 0 ? (
          <p className="text-sm">{t("groups.noMembers")}</p>
        ) : (
          DEPARTMENT_KINDS.map((kind) => {
            const ofKind = members.filter((m) => m.kind === kind);
            if (ofKind.length === 0) return null;
            return (
              <div key={kind} className="text-sm">
                <h3 className="font-medium">
                  {t(`departmentKind.${kind}`)} ({ofKind.length})
                </h3>
                <ul className="grid list-disc gap-x-6 pl-5 sm:grid-cols-2" data-testid="group-members">
                  {ofKind.map((m) => (
                    <li key={m.id}>{m.name}</li>
                  ))}
                </ul>
              </div>
            );
          })
        )}
      </AdminSection>

      {group.builtinKind === null && (
        <>
          <GroupForms key={location.key} />
          <AdminSection id="history-heading" title={t("groups.section.history")}>
            <div className="overflow-x-auto">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <thead className="text-left text-xs font-semibold uppercase tracking-wide text-slate-700">
                  <tr>
                    <th scope="col" className="px-3 py-2">
                      {t("groups.history.col.department")}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {t("groups.history.col.from")}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {t("groups.history.col.until")}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {t("groups.history.col.by")}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {memberships.map((m) => (
                    <tr key={m.id}>
                      <td className="px-3 py-2">
                        {m.name}
                        {!m.active && (
                          <span className="block text-xs text-slate-700">{t("groups.history.inactive")}</span>
                        )}
                      </td>
                      <td className="px-3 py-2 tabular-nums">{formatLocalDate(m.fromDay)}</td>
                      <td className="px-3 py-2 tabular-nums">
                        {m.untilDay === null ? t("groups.history.current") : formatLocalDate(m.untilDay)}
                      </td>
                      <td className="px-3 py-2">
                        {[m.addedBy, m.endedBy].filter((by): by is string => by !== null).join(" · ")}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </AdminSection>
        </>
      )}
    </div>
  );
}

function GroupForms() {
  const { group, joinable, leavable } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();

  const profileValidation = useLazyValidation("groupProfile", {
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [profile, profileFields] = useForm({
    id: "group-profile",
    lastResult: resultFor(reply, "profile"),
    defaultValue: { name: group.name, description: group.description ?? undefined },
    ...profileValidation,
  });
  const addValidation = useLazyValidation("groupAddMembers", { shouldValidate: "onBlur", shouldRevalidate: "onInput" });
  const [add, addFields] = useForm({ id: "group-add", lastResult: resultFor(reply, "add"), ...addValidation });
  const removeValidation = useLazyValidation("groupRemoveMembers", {
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [remove, removeFields] = useForm({
    id: "group-remove",
    lastResult: resultFor(reply, "remove"),
    ...removeValidation,
  });

  return (
    <>
      <AdminSection id="add-heading" title={t("groups.section.add")}>
        {joinable.length === 0 ? (
          <p className="text-sm">{t("groups.noneToAdd")}</p>
        ) : (
          <Form method="post" {...getFormProps(add)} className="space-y-4">
            <input type="hidden" name="intent" value="add" />
            <FormAlert id={add.errorId} errors={add.errors} />
            <MembershipFields
              departments={joinable}
              departmentsField={addFields.departmentIds}
              departmentsHint={t("groups.hint.departments")}
              dayField={addFields.fromDay}
              dayLabel={t("groups.field.fromDay")}
              dayHint={t("groups.hint.fromDay")}
            />
            <SubmitButton intent="add">{t("groups.addSubmit")}</SubmitButton>
          </Form>
        )}
      </AdminSection>

      <AdminSection id="remove-heading" title={t("groups.section.remove")}>
        {leavable.length === 0 ? (
          <p className="text-sm">{t("groups.noneToRemove")}</p>
        ) : (
          <Form method="post" {...getFormProps(remove)} className="space-y-4">
            <input type="hidden" name="intent" value="remove" />
            <FormAlert id={remove.errorId} errors={remove.errors} />
            <MembershipFields
              departments={leavable}
              departmentsField={removeFields.departmentIds}
              dayField={removeFields.untilDay}
              dayLabel={t("groups.field.untilDay")}
              dayHint={t("groups.hint.untilDay")}
            />
            <SubmitButton intent="remove" tone="secondary">
              {t("groups.removeSubmit")}
            </SubmitButton>
          </Form>
        )}
      </AdminSection>

      <AdminSection id="profile-heading" title={t("groups.section.profile")}>
        <Form method="post" {...getFormProps(profile)} className="space-y-4">
          <input type="hidden" name="intent" value="profile" />
          <input type="hidden" name="version" value={group.version} />
          <FormAlert id={profile.errorId} errors={profile.errors} />
          <TextField field={profileFields.name} label={t("groups.field.name")} autoComplete="off" />
          <TextAreaField field={profileFields.description} label={t("groups.field.description")} />
          <SubmitButton intent="profile">{t("admin.save")}</SubmitButton>
        </Form>
      </AdminSection>
    </>
  );
}
