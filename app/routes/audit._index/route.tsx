import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { formatInstant, formatLocalDate } from "~/domain/dates";
import { requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { badRequest } from "~/lib/http.server";
import { useT, type MessageKey, type Translate } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { auditVi } from "~/lib/messages/audit.vi";
import { titleMeta } from "~/lib/meta";
import {
  AUDIT_PAGE_SIZE,
  auditEntityTypes,
  auditQueryInput,
  auditQuerySchema,
  listAuditEvents,
  type AuditFilterField,
} from "./queries.server";
import { loadMessages } from "~/lib/messages/catalogs";
import { Pager } from "~/components/pager";

export const handle = { messages: await loadMessages("common", "audit") };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

/** Read-only: the audit log is shown, never changed (there is no action). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "audit.read");
  const { t } = await getTranslator(request);
  const input = auditQueryInput(new URL(request.url));
  const parsed = auditQuerySchema(t).safeParse(input);
  if (!parsed.success) badRequest(parsed.error.issues.map((issue) => issue.message).join(" "));
  const db = getDb();
  // The form shows the filters back as typed; dates as dd/mm/yyyy whichever way they were typed.
  const { from, to } = parsed.data;
  const filters: Record<AuditFilterField, string> = {
    actor: input.actor ?? "",
    action: input.action ?? "",
    entity: input.entity ?? "",
    entityId: input.entityId ?? "",
    from: from === undefined ? "" : formatLocalDate(from),
    to: to === undefined ? "" : formatLocalDate(to),
  };
  return {
    title: `${t("audit.title")} — ${t("app.name")}`,
    filters,
    pageSize: AUDIT_PAGE_SIZE,
    entityTypes: auditEntityTypes(db),
    ...listAuditEvents(db, user, parsed.data),
  };
}

const ACTION_PREFIX = "audit.action.";
const ENTITY_PREFIX = "audit.entity.";
/** Actions with a label of their own; any other is shown as recorded. */
const KNOWN_ACTIONS = Object.keys(auditVi)
  .filter((key) => key.startsWith(ACTION_PREFIX))
  .map((key) => key.slice(ACTION_PREFIX.length));
const ACTION_GROUPS = [...new Set(KNOWN_ACTIONS.map((action) => action.slice(0, action.indexOf(".") + 1)))];

function labelOf(t: Translate, prefix: string, value: string): string {
  const key = `${prefix}${value}`;
  return key in auditVi ? t(key as MessageKey) : value;
}

/** A user agent is long and mostly noise: its start names the browser well enough. */
function shortUserAgent(userAgent: string): string {
  return userAgent.length <= 60 ? userAgent : `${userAgent.slice(0, 57)}…`;
}

type AuditRow = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

function ActorCell({ row }: { row: AuditRow }) {
  const t = useT();
  if (row.actorId === null) return <span className="text-slate-600">{t("audit.actor.none")}</span>;
  return (
    <>
      <span className="block">{row.actorName ?? `#${row.actorId}`}</span>
      {row.actorLogin && <span className="block font-mono text-xs text-slate-600">{row.actorLogin}</span>}
    </>
  );
}

function ActionCell({ action }: { action: string }) {
  const t = useT();
  const label = labelOf(t, ACTION_PREFIX, action);
  return (
    <>
      <span className="block">{label}</span>
      {label !== action && <span className="block font-mono text-xs text-slate-600">{action}</span>}
    </>
  );
}

function EntityCell({ row }: { row: AuditRow }) {
  const t = useT();
  const type = labelOf(t, ENTITY_PREFIX, row.entityType);
  const id = row.entityLogin ? `${row.entityLogin} (#${row.entityId})` : row.entityId;
  return (
    <>
      <span className="block">{type}</span>
      {id !== null && <span className="block break-all font-mono text-xs text-slate-600">{id}</span>}
    </>
  );
}

function OriginCell({ row }: { row: AuditRow }) {
  const t = useT();
  if (row.ipAddress === null && row.userAgent === null) {
    return <span className="text-slate-600">{t("audit.origin.unknown")}</span>;
  }
  return (
    <>
      {row.ipAddress && <span className="block font-mono text-xs">{t("audit.origin.ip", { ip: row.ipAddress })}</span>}
      {row.userAgent && <span className="block break-all text-xs text-slate-600">{shortUserAgent(row.userAgent)}</span>}
    </>
  );
}

function Details({ row }: { row: AuditRow }) {
  const t = useT();
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-brand-700">{t("audit.details.show")}</summary>
      <div className="mt-2 space-y-2">
        {row.hidden ? (
          <p>{t("audit.details.hidden")}</p>
        ) : row.before === null && row.after === null ? (
          <p>{t("audit.details.none")}</p>
        ) : (
          <>
            {row.before !== null && <Json label={t("audit.details.before")} json={row.before} />}
            {row.after !== null && <Json label={t("audit.details.after")} json={row.after} />}
          </>
        )}
        <dl className="text-slate-600">
          {row.userAgent && (
            <div>
              <dt className="inline font-medium">{t("audit.origin.userAgent")}: </dt>
              <dd className="inline break-all">{row.userAgent}</dd>
            </div>
          )}
          {row.requestId && (
            <div>
              <dt className="inline font-medium">{t("audit.origin.requestId")}: </dt>
              <dd className="inline break-all font-mono">{row.requestId}</dd>
            </div>
          )}
        </dl>
      </div>
    </details>
  );
}

function Json({ label, json }: { label: string; json: string }) {
  return (
    <div>
      <p className="font-medium">{label}</p>
      <pre className="max-h-64 max-w-full overflow-auto whitespace-pre-wrap break-all rounded bg-slate-100 p-2 font-mono">
        {json}
      </pre>
    </div>
  );
}

function Time({ at }: { at: number }) {
  return (
    <time dateTime={new Date(at).toISOString()} className="whitespace-nowrap tabular-nums">
      {formatInstant(at)}
    </time>
  );
}

const INPUT = "rounded border border-slate-400 px-2 py-1.5";

export default function AuditPage() {
  const { rows, rowCount, page, pages, pageSize, filters, entityTypes } = useLoaderData<typeof loader>();
  const t = useT();
  const pageLink = (target: number) => {
    const params = new URLSearchParams();
    for (const [field, value] of Object.entries(filters)) if (value !== "") params.set(field, value);
    params.set("page", String(target));
    return `?${params.toString()}`;
  };
  const from = rowCount === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(rowCount, page * pageSize);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">{t("audit.title")}</h1>
        <p className="mt-1 text-slate-700">{t("audit.intro")}</p>
      </div>

      <Form method="get" className="no-print rounded-lg border border-slate-200 bg-white p-3 text-sm">
        <fieldset className="flex flex-wrap items-end gap-3">
          <legend className="sr-only">{t("audit.filter.legend")}</legend>
          <label className="flex flex-col gap-1">
            <span className="font-medium">{t("audit.filter.actor")}</span>
            <input
              name="actor"
              defaultValue={filters.actor}
              placeholder={t("audit.filter.actorHint")}
              autoCapitalize="none"
              spellCheck={false}
              maxLength={100}
              className={`w-60 ${INPUT}`}
            />
          </label>
          <label className="flex flex-col gap-1">
            <span className="font-medium">{t("audit.filter.action")}</span>
            <input
              name="action"
              defaultValue={filters.action}
              list="audit-actions"
              aria-describedby="audit-action-hint"
              autoCapitalize="none"
              spellCheck={false}
              maxLength={100}
              className={`w-56 ${INPUT}`}
            />
          </label>
          <datalist id="audit-actions">
            {ACTION_GROUPS.map((group) => (
              <option key={group} value={group} label={t("audit.filter.actionGroup", { group })} />
            ))}
            {KNOWN_ACTIONS.map((action) => (
              <option key={action} value={action} label={labelOf(t, ACTION_PREFIX, action)} />
            ))}
          </datalist>
          <label className="flex flex-col gap-1">
            <span className="font-medium">{t("audit.filter.entity")}</span>
            <select name="entity" defaultValue={filters.entity} className={`max-w-48 ${INPUT}`}>
              <option value="">{t("common.all")}</option>
              {[...new Set([...entityTypes, ...(filters.entity ? [filters.entity] : [])])].map((type) => (
                <option key={type} value={type}>
                  {labelOf(t, ENTITY_PREFIX, type)}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            <span className="font-medium">{t("audit.filter.entityId")}</span>
            <input name="entityId" defaultValue={filters.entityId} maxLength={200} className={`w-28 ${INPUT}`} />
          </label>
          <label className="flex flex-col gap-1">
            <span className="font-medium">{t("audit.filter.from")}</span>
            <input
              name="from"
              defaultValue={filters.from}
              placeholder={t("audit.filter.dateHint")}
              inputMode="numeric"
              aria-describedby="audit-date-hint"
              className={`w-32 ${INPUT}`}
            />
          </label>
          <label className="flex flex-col gap-1">
            <span className="font-medium">{t("audit.filter.to")}</span>
            <input
              name="to"
              defaultValue={filters.to}
              placeholder={t("audit.filter.dateHint")}
              inputMode="numeric"
              aria-describedby="audit-date-hint"
              className={`w-32 ${INPUT}`}
            />
          </label>
          <button type="submit" className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white hover:bg-brand-800">
            {t("common.filter")}
          </button>
          <Link to="/audit" className="px-1 py-1.5">
            {t("common.clear")}
          </Link>
        </fieldset>
        <p id="audit-action-hint" className="mt-2 text-xs text-slate-600">
          {t("audit.filter.action")}: {t("audit.filter.actionHint")}
        </p>
        <p id="audit-date-hint" className="sr-only">
          {t("audit.filter.dateHint")}
        </p>
      </Form>

      <p className="text-sm text-slate-700" aria-live="polite">
        {t("common.showing", { from, to, total: rowCount })}
      </p>

      {rows.length === 0 ? (
        <p>{t("common.noResults")}</p>
      ) : (
        <>
          {/* Phones: one card per event, nothing to scroll sideways. */}
          <ul className="space-y-3 md:hidden" aria-label={t("audit.caption")}>
            {rows.map((row) => (
              <li
                key={row.id}
                data-audit-id={row.id}
                className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm"
              >
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <span className="font-medium">
                    <ActionCell action={row.action} />
                  </span>
                  <Time at={row.at} />
                </div>
                <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
                  <dt className="text-slate-600">{t("audit.col.actor")}</dt>
                  <dd>
                    <ActorCell row={row} />
                  </dd>
                  <dt className="text-slate-600">{t("audit.col.entity")}</dt>
                  <dd>
                    <EntityCell row={row} />
                  </dd>
                  <dt className="text-slate-600">{t("audit.col.origin")}</dt>
                  <dd>
                    <OriginCell row={row} />
                  </dd>
                </dl>
                <Details row={row} />
              </li>
            ))}
          </ul>

          <div className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm md:block">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">{t("audit.caption")}</caption>
              <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    {t("audit.col.at")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("audit.col.actor")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("audit.col.action")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("audit.col.entity")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("audit.col.origin")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("audit.col.details")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 align-top">
                {rows.map((row) => (
                  <tr key={row.id} data-audit-id={row.id} data-action={row.action}>
                    <td className="px-3 py-2">
                      <Time at={row.at} />
                    </td>
                    <td className="px-3 py-2">
                      <ActorCell row={row} />
                    </td>
                    <td className="px-3 py-2">
                      <ActionCell action={row.action} />
                    </td>
                    <td className="px-3 py-2">
                      <EntityCell row={row} />
                    </td>
                    <td className="max-w-56 px-3 py-2">
                      <OriginCell row={row} />
                    </td>
                    <td className="w-80 min-w-56 px-3 py-2">
                      <Details row={row} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      <Pager page={page} pages={pages} href={pageLink} />
    </div>
  );
}
