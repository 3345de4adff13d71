import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { INPUT_CLASS } from "~/components/admin-form";
import { DepartmentOptions } from "~/components/department-options";
import { formatInstant } from "~/domain/dates";
import { ROLES } from "~/domain/vocabulary";
import { requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { badRequest } from "~/lib/http.server";
import { useT } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { departmentFilterOptions, listUsers, PAGE_SIZE, userListQuery } from "./queries.server";
import { loadMessages } from "~/lib/messages/catalogs";
import { Pager } from "~/components/pager";

export const handle = { messages: await loadMessages("common", "admin", "desk") };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "user.manage");
  const { t } = await getTranslator(request);
  const url = new URL(request.url);
  const raw = Object.fromEntries(
    ["q", "role", "status", "department", "page"].flatMap((key) => {
      const value = url.searchParams.get(key);
      return value === null || value === "" ? [] : [[key, value]];
    }),
  );
  const parsed = userListQuery.safeParse(raw);
  if (!parsed.success) {
    badRequest(t("admin.filter.invalid", { detail: parsed.error.issues.map((i) => i.path.join(".")).join(", ") }));
  }
  const db = getDb();
  return {
    title: `${t("admin.users.title")} — ${t("app.name")}`,
    query: parsed.data,
    pageSize: PAGE_SIZE,
    ...listUsers(db, parsed.data),
    departments: departmentFilterOptions(db),
  };
}

export default function AdminUsersPage() {
  const { rows, rowCount, page, pages, pageSize, query, departments } = useLoaderData<typeof loader>();
  const t = useT();
  const pageLink = (target: number) => {
    const params = new URLSearchParams();
    if (query.q) params.set("q", query.q);
    if (query.role) params.set("role", query.role);
    if (query.status) params.set("status", query.status);
    if (query.department !== undefined) params.set("department", String(query.department));
    params.set("page", String(target));
    return `?${params.toString()}`;
  };
  const from = rowCount === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(rowCount, page * pageSize);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("admin.users.title")}</h1>
          <p className="text-slate-700">{t("admin.users.intro")}</p>
        </div>
        <Link
          to="/admin/users/new"
          className="rounded bg-brand-700 px-4 py-2 font-medium text-white no-underline hover:bg-brand-800 hover:no-underline"
        >
          {t("admin.users.new")}
        </Link>
      </div>

      <Form
        method="get"
        role="search"
        aria-label={t("admin.users.searchLabel")}
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm"
      >
        <label className="flex flex-col gap-1">
          <span className="font-medium">{t("admin.users.filter.q")}</span>
          <input
            type="search"
            name="q"
            defaultValue={query.q ?? ""}
            maxLength={100}
            className={`${INPUT_CLASS} w-56`}
          />
        </label>
        <label className="flex flex-col gap-1">
          <span className="font-medium">{t("admin.users.field.role")}</span>
          <select name="role" defaultValue={query.role ?? ""} className={INPUT_CLASS}>
            <option value="">{t("common.all")}</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`role.${role}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="font-medium">{t("admin.users.field.department")}</span>
          <select name="department" defaultValue={query.department ?? ""} className={`${INPUT_CLASS} max-w-64`}>
            <DepartmentOptions departments={departments} t={t} emptyLabel={t("common.all")} />
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="font-medium">{t("admin.users.filter.status")}</span>
          <select name="status" defaultValue={query.status ?? ""} className={INPUT_CLASS}>
            <option value="">{t("common.all")}</option>
            <option value="active">{t("admin.users.status.active")}</option>
            <option value="disabled">{t("admin.users.status.disabled")}</option>
          </select>
        </label>
        <button type="submit" className="rounded bg-brand-700 px-3 py-2 font-medium text-white hover:bg-brand-800">
          {t("common.filter")}
        </button>
        <Link to="/admin/users" className="px-1 py-2">
          {t("common.clear")}
        </Link>
      </Form>

      <p className="text-sm text-slate-700" aria-live="polite">
        {t("common.showing", { from, to, total: rowCount })}
      </p>

      {rows.length === 0 ? (
        <p>{t("common.noResults")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">{t("admin.users.title")}</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("admin.users.field.login")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("admin.users.field.displayName")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("admin.users.field.role")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("admin.users.field.department")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("admin.users.filter.status")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("admin.users.lastSignIn")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((user) => (
                <tr key={user.id} data-user-id={user.id}>
                  <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">
                    <Link to={`/admin/users/${user.id}`}>{user.login}</Link>
                  </td>
                  <td className="px-3 py-2">{user.displayName}</td>
                  <td className="whitespace-nowrap px-3 py-2">{t(`role.${user.role}`)}</td>
                  <td className="px-3 py-2">{user.departmentName ?? t("common.none")}</td>
                  <td className="whitespace-nowrap px-3 py-2">
                    <ActiveBadge active={user.active} />
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 tabular-nums">
                    {user.lastSignInAt === null ? t("admin.users.neverSignedIn") : formatInstant(user.lastSignInAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <Pager page={page} pages={pages} href={pageLink} label={t("admin.pagination")} />
    </div>
  );
}

function ActiveBadge({ active }: { active: boolean }) {
  const t = useT();
  return active ? (
    <span className="rounded bg-green-50 px-2 py-0.5 text-green-900 ring-1 ring-green-300">
      {t("admin.users.status.active")}
    </span>
  ) : (
    <span className="rounded bg-slate-100 px-2 py-0.5 text-slate-800 ring-1 ring-slate-300">
      <span aria-hidden="true">⊘ </span>
      {t("admin.users.status.disabled")}
    </span>
  );
}
