import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AdminSection, FormAlert, refusalReply, SubmitButton, TextField } from "~/components/admin-form";
import { USER_LIMITS } from "~/domain/admin-limits";
import { UserProfileFields } from "~/components/admin-user-fields";
import { newUserSchema } from "~/lib/admin-schemas";
import { requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { useLazyValidation } from "~/lib/form-validation";
import { useT } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { readForm } from "~/lib/form-data.server";
import { originOf } from "~/models/audit.server";
import { activeDepartmentOptions } from "~/models/departments.server";
import { createUser } from "~/models/users.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("common", "admin", "desk") };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "user.manage");
  const { t } = await getTranslator(request);
  return {
    title: `${t("admin.users.new")} — ${t("app.name")}`,
    departments: activeDepartmentOptions(getDb()),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "user.manage");
  const { t } = await getTranslator(request);
  const submission = parseWithZod(await readForm(request), { schema: newUserSchema(t) });
  const hideFields = ["password", "passwordConfirm"];
  if (submission.status !== "success") return data(submission.reply({ hideFields }), { status: 400 });
  const { passwordConfirm: _confirm, ...value } = submission.value;
  const result = await createUser(
    getDb(),
    user,
    { ...value, email: value.email ?? null, departmentId: value.departmentId ?? null },
    originOf(request, context),
  );
  if (!result.ok) {
    const message = t(`admin.users.error.${result.code}`);
    return data(submission.reply({ ...refusalReply(message, result.field), hideFields }), { status: 400 });
  }
  throw redirect(`/admin/users/${result.userId}?done=created`);
}

export default function NewUserPage() {
  const { departments } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const validation = useLazyValidation("newUser", { shouldValidate: "onBlur", shouldRevalidate: "onInput" });
  const [form, fields] = useForm({
    id: "new-user",
    lastResult,
    ...validation,
  });
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p className="text-sm">
        <Link to="/admin/users">← {t("common.backTo", { name: t("admin.users.title") })}</Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("admin.users.new")}</h1>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormAlert id={form.errorId} errors={form.errors} />
        <AdminSection id="account-heading" title={t("admin.users.section.account")}>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              field={fields.login}
              label={t("admin.users.field.login")}
              hint={t("admin.users.hint.login")}
              autoComplete="off"
            />
          </div>
          <UserProfileFields fields={fields} departments={departments} t={t} />
        </AdminSection>
        <AdminSection
          id="password-heading"
          title={t("admin.users.section.initialPassword")}
          description={t("admin.users.hint.initialPassword", { min: USER_LIMITS.passwordMin })}
        >
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              field={fields.password}
              type="password"
              label={t("admin.users.field.password")}
              autoComplete="new-password"
            />
            <TextField
              field={fields.passwordConfirm}
              type="password"
              label={t("admin.users.field.passwordConfirm")}
              autoComplete="new-password"
            />
          </div>
        </AdminSection>
        <div className="flex flex-wrap items-center gap-3">
          <SubmitButton>{t("admin.users.create")}</SubmitButton>
          <Link to="/admin/users">{t("admin.cancel")}</Link>
        </div>
      </Form>
    </div>
  );
}
