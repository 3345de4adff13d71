import {
  data,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { eq } from "drizzle-orm";
import { directives } from "../../../db/schema";
import { formatLocalDate, parseLocalDate, today } from "~/domain/dates";
import { canSeeDirective } from "~/domain/permissions";
import { IMPORT_COLUMNS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, type ImportError } from "~/domain/task-import";
import { denyAccess, requirePermission, type SessionUser } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { notFound } from "~/lib/http.server";
import { useT, type MessageKey } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { idParam } from "~/lib/params.server";
import { originOf } from "~/models/audit.server";
import { importTasks, readSheet } from "~/models/task-import.server";
import { directiveAccessFacts } from "~/models/visibility.server";
import type { AppLoadContext } from "@remix-run/node";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("common", "import") };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

const MAX_MEGABYTES = MAX_IMPORT_BYTES / 1024 / 1024;

async function directiveFor(request: Request, context: AppLoadContext, user: SessionUser, raw: string | undefined) {
  const id = idParam(raw);
  const db = getDb();
  const access = directiveAccessFacts(db, id);
  if (!access) notFound();
  if (!canSeeDirective(user, access))
    return denyAccess(request, context, user, "task.write", 404, { type: "directive", id });
  const directive = db
    .select({
      id: directives.id,
      number: directives.number,
      abstract: directives.abstract,
      issuedOn: directives.issuedOn,
    })
    .from(directives)
    .where(eq(directives.id, id))
    .get();
  if (!directive) notFound();
  return directive;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "task.write");
  const directive = await directiveFor(request, context, user, params.id);
  const { t } = await getTranslator(request);
  return { title: `${t("import.title")} — ${t("app.name")}`, directive };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "task.write");
  const directive = await directiveFor(request, context, user, params.id);
  const { t } = await getTranslator(request);
  const fail = (message: string, errors: ImportError[] = []) => data({ message, errors }, { status: 400 });

  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_BYTES }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return fail(t("import.error.tooLarge", { size: MAX_MEGABYTES }));
    return fail(t("import.error.unreadable"));
  }
  const file = form.get("file");
  if (!(file instanceof Blob) || file.size === 0) return fail(t("import.error.noFile"));
  // The day the tasks were assigned (a conclusion of the past, entered later, counts from its own day).
  const typedDay = String(form.get("assignedOn") ?? "").trim();
  const assignedOn = typedDay === "" ? (directive.issuedOn ?? today()) : parseLocalDate(typedDay);
  if (assignedOn === null) return fail(t("import.error.assignedOn", { value: typedDay.slice(0, 30) }));
  if (assignedOn > today()) return fail(t("import.error.assignedInFuture"));
  const sheet = await readSheet(new Uint8Array(await file.arrayBuffer()), "name" in file ? String(file.name) : "");
  if (!sheet.ok) return fail(t(`import.error.${sheet.error}`));

  const db = getDb();
  const outcome = importTasks(
    db,
    user,
    { directiveId: directive.id, assignedOn, rows: sheet.rows },
    originOf(request, context),
  );
  if (!outcome.ok) return fail(t("import.errorsHeading", { count: outcome.errors.length }), outcome.errors);
  throw redirect(`/directives/${directive.id}?imported=${outcome.created}`);
}

export default function ImportPage() {
  const { directive } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const label = directive.number ?? directive.abstract;
  return (
    <div className="space-y-5">
      <p className="text-sm">
        <Link to={`/directives/${directive.id}`}>{t("common.backTo", { name: label })}</Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("import.title")}</h1>
      <p className="text-slate-700">{t("import.intro", { directive: label })}</p>
      <p className="text-sm text-slate-700">{t("import.rules")}</p>
      <p>
        <a href="/tasks/import-template" download className="font-medium">
          {t("import.template")}
        </a>
      </p>

      {result && (
        <div role="alert" className="space-y-3 rounded-lg border border-red-300 bg-red-50 p-4 text-red-950">
          <p className="font-semibold">{result.message}</p>
          {result.errors.length > 0 && <ErrorTable errors={result.errors} />}
        </div>
      )}

      <Form
        method="post"
        encType="multipart/form-data"
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      >
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">{t("import.file", { size: MAX_MEGABYTES })}</span>
          <input
            type="file"
            name="file"
            required
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">{t("import.assignedOn")}</span>
          <input
            type="text"
            name="assignedOn"
            inputMode="numeric"
            autoComplete="off"
            defaultValue={formatLocalDate(directive.issuedOn ?? today())}
            aria-describedby="assigned-on-hint"
            className="w-40 rounded border border-slate-400 px-2 py-1.5"
          />
          <span id="assigned-on-hint" className="text-xs text-slate-700">
            {t("import.assignedOnHint")}
          </span>
        </label>
        <button
          type="submit"
          disabled={navigation.state === "submitting"}
          className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
        >
          {t("import.submit")}
        </button>
      </Form>

      <section aria-labelledby="columns-heading" className="space-y-2">
        <h2 id="columns-heading" className="text-lg font-semibold">
          {t("import.columns")}
        </h2>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("import.col.column")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("import.col.meaning")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {IMPORT_COLUMNS.map((column) => (
                <tr key={column.key}>
                  <td className="whitespace-nowrap px-3 py-2 font-medium">{column.header}</td>
                  <td className="px-3 py-2">{t(`import.meaning.${column.key}` as MessageKey)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

function ErrorTable({ errors }: { errors: ImportError[] }) {
  const t = useT();
  return (
    <div className="max-h-96 overflow-auto rounded border border-red-200 bg-white text-slate-900">
      <table className="min-w-full divide-y divide-red-100 text-sm">
        <thead className="bg-red-50 text-left">
          <tr>
            <th scope="col" className="px-3 py-1.5">
              {t("import.col.row")}
            </th>
            <th scope="col" className="px-3 py-1.5">
              {t("import.col.field")}
            </th>
            <th scope="col" className="px-3 py-1.5">
              {t("import.col.problem")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-red-50">
          {errors.map((error, index) => (
            <tr key={index}>
              <td className="px-3 py-1.5 tabular-nums">{error.row}</td>
              <td className="px-3 py-1.5">{error.column ?? t("common.none")}</td>
              <td className="px-3 py-1.5">
                {t(`import.code.${error.code}`, {
                  value: error.value ?? "",
                  column: error.column ?? "",
                  max: MAX_IMPORT_ROWS,
                })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
