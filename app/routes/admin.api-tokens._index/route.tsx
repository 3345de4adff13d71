import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ApiTokenStateBadge } from "~/components/api-token-state";
import { formatInstant, formatLocalDate } from "~/domain/dates";
import { requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { badRequest } from "~/lib/http.server";
import { useT } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { lastValidDay } from "~/domain/api-tokens";
import { API_TOKEN_PAGE_SIZE, listApiTokens } from "~/models/api-tokens.server";
import { loadMessages } from "~/lib/messages/catalogs";
import { Pager } from "~/components/pager";

export const handle = { messages: await loadMessages("common", "admin", "api") };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

const pageQuery = z.object({
  page: z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number)
    .pipe(z.number().int().min(1))
    .optional(),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "user.manage");
  const { t } = await getTranslator(request);
  const page = new URL(request.url).searchParams.get("page");
  const parsed = pageQuery.safeParse(page === null || page === "" ? {} : { page });
  if (!parsed.success) badRequest(t("admin.filter.invalid", { detail: "page" }));
  return {
    title: `${t("apiTokens.title")} — ${t("app.name")}`,
    pageSize: API_TOKEN_PAGE_SIZE,
    ...listApiTokens(getDb(), parsed.data.page ?? 1),
  };
}

export default function ApiTokensPage() {
  const { rows, rowCount, page, pages, pageSize } = useLoaderData<typeof loader>();
  const t = useT();
  const from = rowCount === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(rowCount, page * pageSize);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("apiTokens.title")}</h1>
          <p className="max-w-3xl text-slate-700">{t("apiTokens.intro")}</p>
        </div>
        <Link
          to="/admin/api-tokens/new"
          className="rounded bg-brand-700 px-4 py-2 font-medium text-white no-underline hover:bg-brand-800 hover:no-underline"
        >
          {t("apiTokens.new")}
        </Link>
      </div>

      {rows.length === 0 ? (
        <p>{t("apiTokens.empty")}</p>
      ) : (
        <>
          <p className="text-sm text-slate-700">{t("common.showing", { from, to, total: rowCount })}</p>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">{t("apiTokens.title")}</caption>
              <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    {t("apiTokens.col.name")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("apiTokens.col.user")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("apiTokens.col.prefix")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("apiTokens.col.created")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("apiTokens.col.expires")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("apiTokens.col.lastUsed")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("apiTokens.col.state")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((token) => (
                  <tr key={token.id} data-token-id={token.id}>
                    <td className="px-3 py-2 font-medium">
                      <Link to={`/admin/api-tokens/${token.id}`}>{token.name}</Link>
                    </td>
                    <td className="px-3 py-2">
                      <span className="block">{token.userName}</span>
                      <span className="block font-mono text-xs text-slate-700">
                        {token.userLogin} · {t(`role.${token.userRole}`)}
                      </span>
                    </td>
                    <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{token.prefix}…</td>
                    <td className="whitespace-nowrap px-3 py-2 tabular-nums">
                      <span className="block">{formatInstant(token.createdAt)}</span>
                      {token.createdByName && (
                        <span className="block text-xs text-slate-700">
                          {t("apiTokens.by", { name: token.createdByName })}
                        </span>
                      )}
                    </td>
                    <td className="whitespace-nowrap px-3 py-2 tabular-nums">
                      {token.expiresAt === null
                        ? t("apiTokens.noExpiry")
                        : t("apiTokens.validThrough", { date: formatLocalDate(lastValidDay(token.expiresAt)) })}
                    </td>
                    <td className="whitespace-nowrap px-3 py-2 tabular-nums">
                      {token.lastUsedAt === null ? t("apiTokens.neverUsed") : formatInstant(token.lastUsedAt)}
                    </td>
                    <td className="px-3 py-2">
                      <ApiTokenStateBadge state={token.state} />
                      {token.revokedAt !== null && (
                        <span className="mt-1 block whitespace-nowrap text-xs text-slate-700">
                          {formatInstant(token.revokedAt)}
                          {token.revokedByName && ` ${t("apiTokens.by", { name: token.revokedByName })}`}
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      <Pager page={page} pages={pages} href={(n) => `?page=${n}`} label={t("admin.pagination")} />
    </div>
  );
}
