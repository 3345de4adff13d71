// A new custom unit group: its name, description and first members, from a day.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AdminSection, FormAlert, SubmitButton, TextAreaField, TextField } from "~/components/admin-form";
import { MembershipFields } from "~/components/unit-group-fields";
import { requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { readForm } from "~/lib/form-data.server";
import { useLazyValidation } from "~/lib/form-validation";
import { groupRefusal } from "~/lib/group-pages.server";
import { newGroupSchema } from "~/lib/group-schemas";
import { useT } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { originOf } from "~/models/audit.server";
import { activeDepartmentOptions } from "~/models/departments.server";
import { createGroup } from "~/models/unit-groups.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("common", "admin", "desk", "groups") };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "department.manage");
  const { t } = await getTranslator(request);
  return {
    title: `${t("groups.new")} — ${t("app.name")}`,
    departments: activeDepartmentOptions(getDb()),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "department.manage");
  const { t } = await getTranslator(request);
  const submission = parseWithZod(await readForm(request), { schema: newGroupSchema(t) });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const db = getDb();
  const result = createGroup(db, user, submission.value, originOf(request, context));
  if (!result.ok) return data(submission.reply(groupRefusal(t, result)), { status: 400 });
  throw redirect(`/admin/groups/${result.groupId}?done=created`);
}

export default function NewGroupPage() {
  const { departments } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const validation = useLazyValidation("newGroup", { shouldValidate: "onBlur", shouldRevalidate: "onInput" });
  const [form, fields] = useForm({ id: "new-group", lastResult, ...validation });
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p className="text-sm">
        <Link to="/admin/groups">← {t("common.backTo", { name: t("groups.title") })}</Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("groups.new")}</h1>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormAlert id={form.errorId} errors={form.errors} />
        <AdminSection id="group-heading" title={t("groups.section.profile")}>
          <TextField
            field={fields.name}
            label={t("groups.field.name")}
            hint={t("groups.hint.name")}
            autoComplete="off"
          />
          <TextAreaField field={fields.description} label={t("groups.field.description")} />
        </AdminSection>
        <AdminSection id="group-members-heading" title={t("groups.field.departments")}>
          <MembershipFields
            departments={departments}
            departmentsField={fields.departmentIds}
            departmentsHint={t("groups.hint.departments")}
            dayField={fields.fromDay}
            dayLabel={t("groups.field.fromDay")}
            dayHint={t("groups.hint.fromDay")}
          />
        </AdminSection>
        <div className="flex flex-wrap items-center gap-3">
          <SubmitButton>{t("groups.create")}</SubmitButton>
          <Link to="/admin/groups">{t("admin.cancel")}</Link>
        </div>
      </Form>
    </div>
  );
}
