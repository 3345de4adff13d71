import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { AdminSection, FormAlert, refusalReply, SubmitButton, TextField } from "~/components/admin-form";
import { LOGIN_PATTERN, USER_LIMITS } from "~/domain/admin-limits";
import { requireDepartmentForRole, userProfileShape, UserProfileFields } from "~/components/admin-user-fields";
import { requirePermission } from "~/lib/auth.server";
import { getDb } from "~/lib/db.server";
import { useT, type Translate } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { readForm } from "~/lib/form-data.server";
import { originOf } from "~/models/audit.server";
import { activeDepartmentOptions } from "~/models/departments.server";
import { createUser } from "~/models/users.server";

function schema(t: Translate) {
  const loginRequired = t("admin.users.error.loginRequired");
  const passwordRequired = t("admin.users.error.passwordRequired");
  return z
    .object({
      login: z
        .string({ error: loginRequired })
        .trim()
        .min(USER_LIMITS.loginMin, t("admin.users.error.loginLength", { min: USER_LIMITS.loginMin }))
        .max(USER_LIMITS.loginMax, t("admin.error.tooLong", { max: USER_LIMITS.loginMax }))
        .regex(LOGIN_PATTERN, t("admin.users.error.loginFormat"))
        .toLowerCase(),
      ...userProfileShape(t),
      password: z
        .string({ error: passwordRequired })
        .min(USER_LIMITS.passwordMin, t("admin.users.error.passwordShort", { min: USER_LIMITS.passwordMin }))
        .max(USER_LIMITS.passwordMax, t("admin.error.tooLong", { max: USER_LIMITS.passwordMax })),
      passwordConfirm: z.string({ error: t("admin.users.error.passwordConfirmRequired") }),
    })
    .superRefine(requireDepartmentForRole(t))
    .superRefine((value, ctx) => {
      if (value.password !== value.passwordConfirm) {
        ctx.addIssue({ code: "custom", path: ["passwordConfirm"], message: t("admin.users.error.passwordMismatch") });
      }
    });
}

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
  const submission = parseWithZod(await readForm(request), { schema: schema(t) });
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
  const formSchema = schema(t);
  const [form, fields] = useForm({
    id: "new-user",
    lastResult,
    constraint: getZodConstraint(formSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: formSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
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
