import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { DepartmentProfileFields } from "~/components/admin-department-fields";
import { AdminSection, FormAlert, refusalReply, SubmitButton, TextField } from "~/components/admin-form";
import { requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { newDepartmentSchema } from "~/lib/admin-schemas";
import { useLazyValidation } from "~/lib/form-validation";
import { useT } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { readForm } from "~/lib/form-data.server";
import { originOf } from "~/models/audit.server";
import { activeDepartmentOptions, createDepartment } from "~/models/departments.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("common", "admin", "desk") };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "department.manage");
  const { t } = await getTranslator(request);
  return {
    title: `${t("admin.departments.new")} — ${t("app.name")}`,
    parents: activeDepartmentOptions(getDb()),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "department.manage");
  const { t } = await getTranslator(request);
  const submission = parseWithZod(await readForm(request), { schema: newDepartmentSchema(t) });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const value = submission.value;
  const result = createDepartment(
    getDb(),
    user,
    { ...value, shortName: value.shortName || null, parentId: value.parentId ?? null },
    originOf(request, context),
  );
  if (!result.ok) {
    const message = t(`admin.departments.error.${result.code}`, { count: result.count ?? 0 });
    return data(submission.reply(refusalReply(message, result.field)), { status: 400 });
  }
  throw redirect(`/admin/departments/${result.departmentId}?done=created`);
}

export default function NewDepartmentPage() {
  const { parents } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const validation = useLazyValidation("newDepartment", { shouldValidate: "onBlur", shouldRevalidate: "onInput" });
  const [form, fields] = useForm({
    id: "new-department",
    lastResult,
    ...validation,
  });
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p className="text-sm">
        <Link to="/admin/departments">← {t("common.backTo", { name: t("admin.departments.title") })}</Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("admin.departments.new")}</h1>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormAlert id={form.errorId} errors={form.errors} />
        <AdminSection id="department-heading" title={t("admin.departments.section.profile")}>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              field={fields.code}
              label={t("admin.departments.field.code")}
              hint={t("admin.departments.hint.code")}
              autoComplete="off"
              className="uppercase"
            />
          </div>
          <DepartmentProfileFields fields={fields} parents={parents} t={t} />
        </AdminSection>
        <div className="flex flex-wrap items-center gap-3">
          <SubmitButton>{t("admin.departments.create")}</SubmitButton>
          <Link to="/admin/departments">{t("admin.cancel")}</Link>
        </div>
      </Form>
    </div>
  );
}
