import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  redirectDocument,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getDb } from "~/models/db.server";
import {
  deviceCookie,
  deviceToken as readDeviceToken,
  getUser,
  sessionCookie,
  sessionToken,
} from "~/server/auth.server";
import { safeRedirectPath } from "~/lib/http.server";
import { useLazyValidation } from "~/lib/form-validation";
import { useT } from "~/lib/i18n";
import { getTranslator, localeCookie } from "~/lib/locale.server";
import { loginSchema } from "~/lib/login-schema";
import { titleMeta } from "~/lib/meta";
import { readForm } from "~/lib/form-data.server";
import { originOf } from "~/models/audit.server";
import { newToken, signIn } from "~/models/sessions.server";
import { newDeviceToken } from "~/models/sign-in-locks.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getTranslator(request);
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), "/");
  if (await getUser(request)) throw redirect(redirectTo);
  return { title: `${t("auth.login.title")} — ${t("app.name")}`, redirectTo };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { t, locale } = await getTranslator(request);
  const submission = parseWithZod(await readForm(request), { schema: loginSchema(t) });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const answer = await prepareAnswer(request, submission.value.redirectTo);
  const db = getDb();
  const result = await signIn(db, {
    login: submission.value.login,
    password: submission.value.password,
    previousToken: await sessionToken(request),
    origin: originOf(request, context),
    token: answer.token,
    deviceToken: answer.deviceToken,
  });
  if (!result.ok) {
    const message =
      result.reason === "locked"
        ? t(`auth.login.locked.${result.lock.scope}`, { minutes: minutesUntil(result.lock.until) })
        : t("auth.login.invalid");
    return data(submission.reply({ formErrors: [message], hideFields: ["password"] }), {
      status: result.reason === "locked" ? 429 : 400,
    });
  }
  // The language the user chose before, on any device, comes back with them. The
  // browser holds only the current language's catalogue: another one needs a full page load.
  if (result.user.locale !== null && result.user.locale !== locale) {
    answer.headers.append("Set-Cookie", await localeCookie.serialize(result.user.locale));
    throw redirectDocument(answer.back, { headers: answer.headers });
  }
  throw redirect(answer.back, { headers: answer.headers });
}

/**
 * The answer to a successful sign-in, made before signing in: the session's token and
 * cookie, the browser's device cookie and where to go back to (a header-safe path).
 * A sign-in is written only with an answer that cannot fail after it — else the
 * session and its audit event would exist for a sign-in the user never received.
 */
async function prepareAnswer(request: Request, redirectTo: string | undefined) {
  const token = newToken();
  const deviceToken = (await readDeviceToken(request)) ?? newDeviceToken();
  const headers = new Headers();
  headers.append("Set-Cookie", await sessionCookie.serialize(token));
  headers.append("Set-Cookie", await deviceCookie.serialize(deviceToken));
  return { token, deviceToken, headers, back: safeRedirectPath(redirectTo, "/") };
}

function minutesUntil(until: number): number {
  return Math.max(1, Math.ceil((until - Date.now()) / 60_000));
}

export default function LoginPage() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const navigation = useNavigation();
  const validation = useLazyValidation("login", { shouldRevalidate: "onBlur" });
  const [form, fields] = useForm({
    lastResult,
    ...validation,
  });
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="text-2xl font-semibold">{t("auth.login.title")}</h1>
      <p className="mt-1 text-sm text-slate-700">{t("auth.login.intro")}</p>
      <Form
        method="post"
        {...getFormProps(form)}
        className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-5"
      >
        <input type="hidden" name="redirectTo" value={redirectTo} />
        {form.errors && (
          <div
            id={form.errorId}
            role="alert"
            className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900"
          >
            {form.errors.join(" ")}
          </div>
        )}
        <div className="flex flex-col gap-1">
          <label htmlFor={fields.login.id} className="text-sm font-medium">
            {t("auth.login.login")}
          </label>
          <input
            {...getInputProps(fields.login, { type: "text" })}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            className="rounded border border-slate-400 px-3 py-2"
          />
          {fields.login.errors && (
            <p id={fields.login.errorId} className="text-sm text-red-800">
              {fields.login.errors.join(" ")}
            </p>
          )}
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={fields.password.id} className="text-sm font-medium">
            {t("auth.login.password")}
          </label>
          <input
            {...getInputProps(fields.password, { type: "password" })}
            autoComplete="current-password"
            className="rounded border border-slate-400 px-3 py-2"
          />
          {fields.password.errors && (
            <p id={fields.password.errorId} className="text-sm text-red-800">
              {fields.password.errors.join(" ")}
            </p>
          )}
        </div>
        <button
          type="submit"
          disabled={navigation.state === "submitting"}
          className="w-full rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
        >
          {t("auth.login.submit")}
        </button>
      </Form>
    </div>
  );
}
