// Issuing an API token. The secret exists only in the action's answer: it is shown
// once on this page (never stored, never redirected through a URL) and the response
// is marked no-store so that no cache keeps it.
import { readForm } from "~/lib/form-data.server";
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useRef, useState } from "react";
import { AdminSection, FormAlert, refusalReply, SelectField, SubmitButton, TextField } from "~/components/admin-form";
import { formatLocalDate } from "~/domain/dates";
import { requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { issueApiTokenSchema } from "~/lib/admin-schemas";
import { useLazyValidation } from "~/lib/form-validation";
import { useT } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { useHydrated } from "~/lib/use-hydrated";
import { originOf } from "~/models/audit.server";
import { lastValidDay } from "~/domain/api-tokens";
import { issueApiToken, tokenUserChoices } from "~/models/api-tokens.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("common", "admin", "api", "desk") };

/** The page holds a secret after issuing: no cache may keep it. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "user.manage");
  const { t } = await getTranslator(request);
  return {
    title: `${t("apiTokens.new")} — ${t("app.name")}`,
    users: tokenUserChoices(getDb()),
  };
}

interface Issued {
  id: number;
  name: string;
  secret: string;
  user: string;
  expiresOn: string | null;
}

type ActionReply = { result: SubmissionResult<string[]>; issued: null } | { result: null; issued: Issued };

const NO_STORE = { "Cache-Control": "no-store" };

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requirePermission(request, context, "user.manage");
  const { t } = await getTranslator(request);
  const submission = parseWithZod(await readForm(request), { schema: issueApiTokenSchema(t) });
  if (submission.status !== "success") {
    return data<ActionReply>({ result: submission.reply(), issued: null }, { status: 400, headers: NO_STORE });
  }
  const { name, userId, expiresOn } = submission.value;
  const db = getDb();
  const result = issueApiToken(db, admin, { name, userId, expiresOn }, originOf(request, context));
  if (!result.ok) {
    const message = t(`apiTokens.error.${result.code}`);
    return data<ActionReply>(
      { result: submission.reply(refusalReply(message, result.field)), issued: null },
      { status: 400, headers: NO_STORE },
    );
  }
  const user = tokenUserChoices(db).find((u) => u.id === userId);
  return data<ActionReply>(
    {
      result: null,
      issued: {
        id: result.tokenId,
        name,
        secret: result.secret,
        user: user ? `${user.displayName} (${user.login})` : String(userId),
        expiresOn: result.expiresAt === null ? null : lastValidDay(result.expiresAt),
      },
    },
    { headers: NO_STORE },
  );
}

export default function NewApiTokenPage() {
  const reply = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p className="text-sm">
        <Link to="/admin/api-tokens">← {t("common.backTo", { name: t("apiTokens.title") })}</Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("apiTokens.new")}</h1>
      {reply?.issued ? <IssuedToken issued={reply.issued} /> : <IssueForm lastResult={reply?.result ?? undefined} />}
    </div>
  );
}

function IssueForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const { users } = useLoaderData<typeof loader>();
  const t = useT();
  const validation = useLazyValidation("issueApiToken", { shouldValidate: "onBlur", shouldRevalidate: "onInput" });
  const [form, fields] = useForm({
    id: "issue-api-token",
    lastResult,
    ...validation,
  });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <FormAlert id={form.errorId} errors={form.errors} />
      <AdminSection id="token-heading" title={t("apiTokens.section.details")} description={t("apiTokens.intro")}>
        <TextField field={fields.name} label={t("apiTokens.field.name")} hint={t("apiTokens.hint.name")} />
        <SelectField field={fields.userId} label={t("apiTokens.field.user")} hint={t("apiTokens.hint.user")}>
          <option value="">{t("admin.choose")}</option>
          {users.map((user) => (
            <option key={user.id} value={user.id}>
              {t("apiTokens.userOption", {
                login: user.login,
                name: user.displayName,
                role: user.departmentName
                  ? `${t(`role.${user.role}`)} · ${user.departmentName}`
                  : t(`role.${user.role}`),
              })}
            </option>
          ))}
        </SelectField>
        <div className="sm:w-64">
          <TextField
            field={fields.expiresOn}
            label={t("apiTokens.field.expiresOn")}
            hint={t("apiTokens.hint.expiresOn")}
            autoComplete="off"
          />
        </div>
      </AdminSection>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton>{t("apiTokens.issue")}</SubmitButton>
        <Link to="/admin/api-tokens">{t("admin.cancel")}</Link>
      </div>
    </Form>
  );
}

/** The secret, once: selectable without JavaScript, with a copy button when JavaScript runs. */
function IssuedToken({ issued }: { issued: Issued }) {
  const t = useT();
  const hydrated = useHydrated();
  const input = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<"copied" | "failed" | null>(null);
  const copySecret = async () => {
    try {
      await navigator.clipboard.writeText(issued.secret);
      setCopy("copied");
    } catch {
      input.current?.select();
      setCopy("failed");
    }
  };
  return (
    <section
      aria-labelledby="issued-heading"
      className="space-y-3 rounded-lg border border-green-300 bg-green-50 p-5 text-green-950"
    >
      <h2 id="issued-heading" className="text-lg font-semibold">
        <span aria-hidden="true">✓ </span>
        {t("apiTokens.secret.title", { name: issued.name })}
      </h2>
      <p className="font-medium">{t("apiTokens.secret.once")}</p>
      <div className="flex flex-col gap-1">
        <label htmlFor="api-token-secret" className="text-sm font-medium">
          {t("apiTokens.secret.label")}
        </label>
        <div className="flex flex-wrap gap-2">
          <input
            ref={input}
            id="api-token-secret"
            readOnly
            value={issued.secret}
            onFocus={(event) => event.currentTarget.select()}
            spellCheck={false}
            autoComplete="off"
            aria-describedby="api-token-usage"
            className="min-w-0 flex-1 rounded border border-slate-400 bg-white px-3 py-2 font-mono text-sm text-slate-950"
          />
          {hydrated && (
            <button
              type="button"
              onClick={() => void copySecret()}
              className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800"
            >
              {t("apiTokens.secret.copy")}
            </button>
          )}
        </div>
        <p id="api-token-usage" className="text-sm">
          {t("apiTokens.secret.usage")}
        </p>
        <p role="status" className="text-sm font-medium">
          {copy === "copied" ? t("apiTokens.secret.copied") : copy === "failed" ? t("apiTokens.secret.copyFailed") : ""}
        </p>
      </div>
      <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
        <div>
          <dt className="font-medium">{t("apiTokens.field.user")}</dt>
          <dd>{issued.user}</dd>
        </div>
        <div>
          <dt className="font-medium">{t("apiTokens.col.expires")}</dt>
          <dd>
            {issued.expiresOn === null
              ? t("apiTokens.noExpiry")
              : t("apiTokens.validThrough", { date: formatLocalDate(issued.expiresOn) })}
          </dd>
        </div>
      </dl>
      <p>
        <Link to="/admin/api-tokens" className="font-medium">
          {t("apiTokens.secret.done")}
        </Link>
      </p>
    </section>
  );
}
