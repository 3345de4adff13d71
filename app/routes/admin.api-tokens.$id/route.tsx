import { readForm } from "~/lib/form-data.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { AdminSection, ConfirmCheckbox, DoneNotice, FormAlert, SubmitButton } from "~/components/admin-form";
import { ApiTokenStateBadge } from "~/components/api-token-state";
import { formatInstant, formatLocalDate } from "~/domain/dates";
import { requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { notFound } from "~/lib/http.server";
import { revokeApiTokenSchema } from "~/lib/admin-schemas";
import { useLazyValidation } from "~/lib/form-validation";
import { useT } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { idParam } from "~/lib/params.server";
import { originOf } from "~/models/audit.server";
import { lastValidDay } from "~/domain/api-tokens";
import { apiTokenForAdmin, revokeApiToken } from "~/models/api-tokens.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("common", "api", "desk") };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "user.manage");
  const tokenId = idParam(params.id);
  const { t } = await getTranslator(request);
  const token = apiTokenForAdmin(getDb(), tokenId);
  if (!token) notFound();
  const done = new URL(request.url).searchParams.get("done") === "revoked";
  return { title: `${token.name} — ${t("apiTokens.title")} — ${t("app.name")}`, token, done };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = await requirePermission(request, context, "user.manage");
  const tokenId = idParam(params.id);
  const { t } = await getTranslator(request);
  const db = getDb();
  if (!apiTokenForAdmin(db, tokenId)) notFound();
  const submission = parseWithZod(await readForm(request), { schema: revokeApiTokenSchema(t) });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = revokeApiToken(db, admin, { tokenId }, originOf(request, context));
  if (!result.ok) notFound();
  throw redirect(`/admin/api-tokens/${tokenId}?done=revoked`);
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export default function ApiTokenPage() {
  const { token, done } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const validation = useLazyValidation("revokeApiToken", {});
  const [form, fields] = useForm({
    id: "revoke-api-token",
    lastResult,
    ...validation,
  });
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p className="text-sm">
        <Link to="/admin/api-tokens">← {t("common.backTo", { name: t("apiTokens.title") })}</Link>
      </p>
      <div>
        <h1 className="text-2xl font-semibold">{token.name}</h1>
        <p className="font-mono text-sm text-slate-700">{token.prefix}…</p>
      </div>
      <DoneNotice message={done ? t("apiTokens.done.revoked") : null} />
      <dl className="grid gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-5 text-sm sm:grid-cols-2">
        <Fact label={t("apiTokens.col.state")}>
          <ApiTokenStateBadge state={token.state} />
        </Fact>
        <Fact label={t("apiTokens.col.user")}>
          <Link to={`/admin/users/${token.userId}`} className="underline">
            {token.userName}
          </Link>{" "}
          <span className="font-mono text-xs">({token.userLogin})</span> · {t(`role.${token.userRole}`)}
          {token.userDepartment ? ` · ${token.userDepartment}` : ""}
        </Fact>
        <Fact label={t("apiTokens.col.created")}>
          {formatInstant(token.createdAt)}
          {token.createdByName && ` ${t("apiTokens.by", { name: token.createdByName })}`}
        </Fact>
        <Fact label={t("apiTokens.col.expires")}>
          {token.expiresAt === null
            ? t("apiTokens.noExpiry")
            : t("apiTokens.validThrough", { date: formatLocalDate(lastValidDay(token.expiresAt)) })}
        </Fact>
        <Fact label={t("apiTokens.col.lastUsed")}>
          {token.lastUsedAt === null ? t("apiTokens.neverUsed") : formatInstant(token.lastUsedAt)}
        </Fact>
        <Fact label={t("apiTokens.col.revoked")}>
          {token.revokedAt === null
            ? t("apiTokens.notRevoked")
            : `${formatInstant(token.revokedAt)}${token.revokedByName ? ` ${t("apiTokens.by", { name: token.revokedByName })}` : ""}`}
        </Fact>
      </dl>

      <AdminSection id="revoke-heading" title={t("apiTokens.section.revoke")} tone="danger">
        {token.revokedAt !== null ? (
          <p className="text-sm text-slate-700">{t("apiTokens.revokedExplained")}</p>
        ) : (
          <Form method="post" {...getFormProps(form)} className="space-y-4">
            <input type="hidden" name="intent" value="revoke" />
            <p className="text-sm text-slate-700">{t("apiTokens.revokeExplained")}</p>
            <FormAlert id={form.errorId} errors={form.errors} />
            <ConfirmCheckbox field={fields.confirm} label={t("apiTokens.confirmRevoke")} />
            <SubmitButton intent="revoke" tone="danger">
              {t("apiTokens.revoke")}
            </SubmitButton>
          </Form>
        )}
      </AdminSection>
    </div>
  );
}
