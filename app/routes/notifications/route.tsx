import { readForm } from "~/lib/form-data.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { formatInstant } from "~/domain/dates";
import { denyAccess, requireUser } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { badRequest } from "~/lib/http.server";
import { useT } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { notificationDetail, notificationHeadline, parseNotificationParams } from "~/lib/notification-text";
import { originOf } from "~/models/audit.server";
import { listNotifications, markAllNotificationsRead, markNotificationRead } from "~/models/notifications.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("reminders") };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

const pageNumber = z
  .string()
  .regex(/^\d{1,6}$/)
  .transform(Number)
  .pipe(z.number().int().min(1));

/** The reader's notifications, newest first, those about tasks they may no longer see left out. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { t } = await getTranslator(request);
  const raw = new URL(request.url).searchParams.get("page");
  const page = raw === null || raw === "" ? { success: true as const, data: 1 } : pageNumber.safeParse(raw);
  if (!page.success) badRequest(t("notifications.error.invalid"));
  return {
    title: `${t("notifications.title")} — ${t("app.name")}`,
    ...listNotifications(getDb(), user, page.data),
  };
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), id: pageNumber, page: pageNumber.optional() }),
  z.object({ intent: z.literal("read_all"), page: pageNumber.optional() }),
]);

/** Marks one notification (the reader's own: another's is a 404) or all of them read. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { t } = await getTranslator(request);
  const entries = [...(await readForm(request)).entries()].filter(
    ([, value]) => typeof value === "string" && value !== "",
  );
  // A field posted twice (two intents, two ids) is not this page's form.
  const duplicated = new Set(entries.map(([name]) => name)).size !== entries.length;
  const parsed = actionSchema.safeParse(Object.fromEntries(entries));
  if (duplicated || !parsed.success) return data({ message: t("notifications.error.invalid") }, { status: 400 });
  const db = getDb();
  const origin = originOf(request, context);
  const back = (done: string) =>
    redirect(
      `/notifications?${new URLSearchParams({ ...(parsed.data.page ? { page: String(parsed.data.page) } : {}), done })}`,
    );
  if (parsed.data.intent === "read_all") {
    markAllNotificationsRead(db, user, origin);
    throw back("readAll");
  }
  const result = markNotificationRead(db, user, parsed.data.id, origin);
  if (!result.ok)
    return denyAccess(request, context, user, "notification.read", 404, { type: "notification", id: parsed.data.id });
  throw back("read");
}

const BUTTON =
  "min-h-11 rounded border border-brand-700 px-3 py-2 text-sm font-medium text-brand-800 hover:bg-brand-50 disabled:opacity-60";

export default function NotificationsPage() {
  const { rows, total, page, pages, unread } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const t = useT();
  const done = search.get("done");
  return (
    <div className="space-y-4">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">{t("notifications.title")}</h1>
        {done === "read" || done === "readAll" ? (
          <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">
            {t(done === "read" ? "notifications.marked" : "notifications.markedAll")}
          </p>
        ) : null}
        <p className="text-sm text-slate-700" data-testid="notifications-summary">
          {t("notifications.summary", { unread, total })}
        </p>
      </header>
      {unread > 0 && (
        <Form method="post">
          <input type="hidden" name="intent" value="read_all" />
          <input type="hidden" name="page" value={page} />
          <button type="submit" disabled={busy} className={BUTTON}>
            {t("notifications.markAllRead")}
          </button>
        </Form>
      )}
      {rows.length === 0 ? (
        <p>{t("notifications.empty")}</p>
      ) : (
        <ul className="space-y-2">
          {rows.map((row) => {
            const params = parseNotificationParams(row.params);
            const detail = notificationDetail(t, row.kind, params);
            const isUnread = row.readAt === null;
            return (
              <li
                key={row.id}
                className={`space-y-1 rounded-lg border p-3 text-sm ${isUnread ? "border-brand-700 bg-brand-50" : "border-slate-200 bg-white"}`}
                data-notification-kind={row.kind}
                data-unread={isUnread}
              >
                <p className="flex flex-wrap items-center gap-2">
                  {isUnread && (
                    <span className="rounded bg-brand-700 px-1.5 text-xs font-semibold text-white">
                      {t("notifications.unread")}
                    </span>
                  )}
                  <span id={`notification-${row.id}`} className={isUnread ? "font-semibold" : "font-medium"}>
                    {notificationHeadline(t, row.kind, params)}
                  </span>
                </p>
                {row.taskId !== null && row.taskLabel !== null && (
                  <p>
                    <Link to={`/tasks/${row.taskId}`}>{t("notifications.task", { task: row.taskLabel })}</Link>
                  </p>
                )}
                {detail && <p className="whitespace-pre-line text-slate-800">{detail}</p>}
                <p className="text-xs text-slate-700">
                  <time dateTime={new Date(row.createdAt).toISOString()}>{formatInstant(row.createdAt)}</time>
                  {" · "}
                  {row.actorName ? t("notifications.by", { name: row.actorName }) : t("notifications.bySystem")}
                </p>
                {isUnread && (
                  <Form method="post">
                    <input type="hidden" name="intent" value="read" />
                    <input type="hidden" name="id" value={row.id} />
                    <input type="hidden" name="page" value={page} />
                    <button
                      type="submit"
                      disabled={busy}
                      className={BUTTON}
                      aria-describedby={`notification-${row.id}`}
                    >
                      {t("notifications.markRead")}
                    </button>
                  </Form>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {pages > 1 && (
        <nav aria-label={t("notifications.pagination")} className="flex items-center gap-3 text-sm">
          {page > 1 && <Link to={`?page=${page - 1}`}>{t("notifications.previous")}</Link>}
          <span>{t("notifications.page", { page, pages })}</span>
          {page < pages && <Link to={`?page=${page + 1}`}>{t("notifications.next")}</Link>}
        </nav>
      )}
    </div>
  );
}
