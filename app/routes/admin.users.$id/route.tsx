import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { z } from "zod";
import {
  AdminSection,
  ConfirmCheckbox,
  DoneNotice,
  FormAlert,
  refusalReply,
  SubmitButton,
  TextField,
} from "~/components/admin-form";
import { USER_LIMITS } from "~/domain/admin-limits";
import { UserProfileFields } from "~/components/admin-user-fields";
import { FormProblems } from "~/components/form-feedback";
import { userPageSchema } from "~/lib/admin-schemas";
import { formatInstant } from "~/domain/dates";
import { requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { conflictReply, formReply, type ReplyErrors } from "~/server/desk.server";
import { notFound } from "~/lib/http.server";
import { useLazyValidation } from "~/lib/form-validation";
import { useT } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { idParam } from "~/lib/params.server";
import { readForm } from "~/lib/form-data.server";
import { originOf } from "~/models/audit.server";
import { endSessions, resetPassword, setUserActive, updateUser, type UserUpdateResult } from "~/models/users.server";
import { departmentChoices, userForAdmin } from "./queries.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("common", "admin", "desk") };

// ---------------------------------------------------------------- forms

const PASSWORD_FIELDS = ["password", "passwordConfirm"];

const DONE = ["created", "updated", "unchanged", "password", "sessions", "disabled", "enabled"] as const;
type Done = (typeof DONE)[number];
const doneQuery = z.object({
  done: z.enum(DONE).optional().catch(undefined),
  count: z.coerce.number().int().min(0).max(1_000_000).optional().catch(undefined),
});

// ---------------------------------------------------------------- server

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "user.manage");
  const userId = idParam(params.id);
  const { t } = await getTranslator(request);
  const db = getDb();
  const account = userForAdmin(db, userId);
  if (!account) notFound();
  const url = new URL(request.url);
  const { done, count } = doneQuery.parse(Object.fromEntries(url.searchParams));
  return {
    title: `${account.displayName} (${account.login}) — ${t("admin.users.title")} — ${t("app.name")}`,
    account,
    isSelf: account.id === user.id,
    departments: departmentChoices(db, account),
    done: done ?? null,
    count: count ?? 0,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "user.manage");
  const userId = idParam(params.id);
  const { t } = await getTranslator(request);
  const db = getDb();
  if (!userForAdmin(db, userId)) notFound();
  const submission = parseWithZod(await readForm(request), { schema: userPageSchema(t) });
  const reply = (errors: ReplyErrors = {}) => submission.reply({ ...errors, hideFields: PASSWORD_FIELDS });
  if (submission.status !== "success") return formReply(reply(), 400);
  const value = submission.value;
  const origin = originOf(request, context);

  let result: UserUpdateResult<{ changed?: boolean; sessionsEnded?: number }>;
  let done: Done;
  switch (value.intent) {
    case "profile": {
      const profile = {
        userId,
        version: value.version,
        displayName: value.displayName,
        email: value.email ?? null,
        role: value.role,
        departmentId: value.departmentId ?? null,
      };
      result = updateUser(db, user, profile, origin);
      done = result.ok && !result.changed ? "unchanged" : "updated";
      break;
    }
    case "password":
      result = await resetPassword(db, user, { userId, version: value.version, password: value.password }, origin);
      done = "password";
      break;
    case "sessions":
      result = endSessions(db, user, { userId }, origin);
      done = "sessions";
      break;
    case "disable":
      result = setUserActive(db, user, { userId, version: value.version, active: false }, origin);
      done = "disabled";
      break;
    case "enable":
      result = setUserActive(db, user, { userId, version: value.version, active: true }, origin);
      done = "enabled";
      break;
  }
  if (!result.ok) {
    if (result.code === "not_found") notFound();
    if (result.code === "conflict") return conflictReply(db, t, "user", result, reply);
    return formReply(reply(refusalReply(t(`admin.users.error.${result.code}`), result.field)), 400);
  }
  const count = result.sessionsEnded === undefined ? "" : `&count=${result.sessionsEnded}`;
  throw redirect(`/admin/users/${userId}?done=${done}${count}`);
}

// ---------------------------------------------------------------- page

export default function AdminUserPage() {
  const { account, isSelf, done, count } = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p className="text-sm">
        <Link to="/admin/users">← {t("common.backTo", { name: t("admin.users.title") })}</Link>
      </p>
      <div>
        <h1 className="text-2xl font-semibold">{account.displayName}</h1>
        <p className="font-mono text-sm text-slate-700">{account.login}</p>
      </div>
      <DoneNotice message={done ? t(`admin.users.done.${done}`, { count }) : null} />
      <dl className="grid gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-5 text-sm sm:grid-cols-2">
        <Fact label={t("admin.users.field.role")}>{t(`role.${account.role}`)}</Fact>
        <Fact label={t("admin.users.field.department")}>
          {account.departmentName ?? t("common.none")}
          {account.departmentActive === false && ` (${t("departments.inactive")})`}
        </Fact>
        <Fact label={t("admin.users.filter.status")}>
          {account.active ? t("admin.users.status.active") : t("admin.users.status.disabled")}
        </Fact>
        <Fact label={t("admin.users.lastSignIn")}>
          {account.lastSignInAt === null ? t("admin.users.neverSignedIn") : formatInstant(account.lastSignInAt)}
        </Fact>
        <Fact label={t("admin.users.liveSessions")}>{account.liveSessions}</Fact>
        <Fact label={t("admin.users.createdAt")}>{formatInstant(account.createdAt)}</Fact>
      </dl>
      {/* Keyed by location: after each saved action the forms start afresh (no password left typed in). */}
      <UserForms key={location.key} isSelf={isSelf} />
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

/** The action's answer, for the form that sent it only. */
function resultFor(lastResult: SubmissionResult<string[]> | undefined, intent: string) {
  return lastResult?.initialValue?.intent === intent ? lastResult : undefined;
}

function UserForms({ isSelf }: { isSelf: boolean }) {
  const { account, departments } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const lastResult = reply?.result;
  // A refused save shows what the others changed, in the form that sent it.
  const conflictFor = (intent: string) => (resultFor(lastResult, intent) && reply?.conflict) || null;
  const version = <input type="hidden" name="version" value={reply?.conflict?.version ?? account.version} />;
  const t = useT();

  const profileValidation = useLazyValidation("userProfile", { shouldValidate: "onBlur", shouldRevalidate: "onInput" });
  const [profile, profileFields] = useForm({
    id: "user-profile",
    lastResult: resultFor(lastResult, "profile"),
    defaultValue: {
      displayName: account.displayName,
      email: account.email ?? undefined,
      role: account.role,
      departmentId: account.departmentId ?? undefined,
    },
    ...profileValidation,
  });

  const passwordValidation = useLazyValidation("userPassword", {
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [password, passwordFields] = useForm({
    id: "user-password",
    lastResult: resultFor(lastResult, "password"),
    ...passwordValidation,
  });

  const sessionsValidation = useLazyValidation("userSessions", {});
  const [sessions, sessionsFields] = useForm({
    id: "user-sessions",
    lastResult: resultFor(lastResult, "sessions"),
    ...sessionsValidation,
  });

  const disableValidation = useLazyValidation("userDisable", {});
  const [disable, disableFields] = useForm({
    id: "user-disable",
    lastResult: resultFor(lastResult, "disable"),
    ...disableValidation,
  });

  const enableValidation = useLazyValidation("userEnable", {});
  const [enable] = useForm({
    id: "user-enable",
    lastResult: resultFor(lastResult, "enable"),
    ...enableValidation,
  });

  return (
    <>
      <AdminSection id="profile-heading" title={t("admin.users.section.profile")}>
        <Form method="post" {...getFormProps(profile)} className="space-y-4">
          <input type="hidden" name="intent" value="profile" />
          {version}
          <FormProblems id={profile.errorId} errors={profile.errors} conflict={conflictFor("profile")} />
          <UserProfileFields
            fields={profileFields}
            departments={departments}
            t={t}
            roleLocked={isSelf ? account.role : undefined}
          />
          <SubmitButton intent="profile">{t("admin.save")}</SubmitButton>
        </Form>
      </AdminSection>

      <AdminSection
        id="password-heading"
        title={t("admin.users.section.password")}
        description={t("admin.users.hint.resetPassword", { min: USER_LIMITS.passwordMin })}
      >
        <Form method="post" {...getFormProps(password)} className="space-y-4">
          <input type="hidden" name="intent" value="password" />
          {version}
          <FormProblems id={password.errorId} errors={password.errors} conflict={conflictFor("password")} />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              field={passwordFields.password}
              type="password"
              label={t("admin.users.field.newPassword")}
              autoComplete="new-password"
            />
            <TextField
              field={passwordFields.passwordConfirm}
              type="password"
              label={t("admin.users.field.passwordConfirm")}
              autoComplete="new-password"
            />
          </div>
          <SubmitButton intent="password">{t("admin.users.resetPassword")}</SubmitButton>
        </Form>
      </AdminSection>

      <AdminSection
        id="sessions-heading"
        title={t("admin.users.section.sessions")}
        description={
          <>
            <p>{t("admin.users.sessionsSummary", { count: account.liveSessions })}</p>
            {isSelf && <p>{t("admin.users.hint.ownSessions")}</p>}
          </>
        }
      >
        {/* Nothing to end: no form (an administrator's own current session is kept anyway). */}
        {account.liveSessions > (isSelf ? 1 : 0) && (
          <Form method="post" {...getFormProps(sessions)} className="space-y-4">
            <input type="hidden" name="intent" value="sessions" />
            <FormAlert id={sessions.errorId} errors={sessions.errors} />
            <ConfirmCheckbox field={sessionsFields.confirm} label={t("admin.users.confirmEndSessions")} />
            <SubmitButton intent="sessions" tone="secondary">
              {t("admin.users.endSessions")}
            </SubmitButton>
          </Form>
        )}
      </AdminSection>

      <AdminSection id="status-heading" title={t("admin.users.section.status")} tone="danger">
        {!account.active ? (
          <Form method="post" {...getFormProps(enable)} className="space-y-4">
            <input type="hidden" name="intent" value="enable" />
            {version}
            <p className="text-sm text-slate-700">{t("admin.users.disabledExplained")}</p>
            <FormProblems id={enable.errorId} errors={enable.errors} conflict={conflictFor("enable")} />
            <SubmitButton intent="enable">{t("admin.users.enable")}</SubmitButton>
          </Form>
        ) : isSelf ? (
          <p className="text-sm text-slate-700">{t("admin.users.error.self_disable")}</p>
        ) : (
          <Form method="post" {...getFormProps(disable)} className="space-y-4">
            <input type="hidden" name="intent" value="disable" />
            {version}
            <p className="text-sm text-slate-700">{t("admin.users.disableExplained")}</p>
            <FormProblems id={disable.errorId} errors={disable.errors} conflict={conflictFor("disable")} />
            <ConfirmCheckbox field={disableFields.confirm} label={t("admin.users.confirmDisable")} />
            <SubmitButton intent="disable" tone="danger">
              {t("admin.users.disable")}
            </SubmitButton>
          </Form>
        )}
      </AdminSection>
    </>
  );
}
