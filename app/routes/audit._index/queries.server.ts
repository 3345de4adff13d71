import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { endOfLocalDay, isLocalDate, parseLocalDate, startOfLocalDay } from "~/domain/dates";
import type { Actor } from "~/domain/permissions";
import type { AppDatabase } from "~/models/db.server";
import { dayRefusal } from "~/lib/day-refusal";
import type { Translate } from "~/lib/i18n";
import { visibleDirectivesFilter, visibleTasksFilter } from "~/models/visibility.server";
import { allRows, firstRow, type Columns } from "~/models/sql-rows.server";

export const AUDIT_PAGE_SIZE = 50;

/** The filter fields of the page, as named in the URL. */
export const AUDIT_FILTER_FIELDS = ["actor", "action", "entity", "entityId", "from", "to"] as const;
export type AuditFilterField = (typeof AUDIT_FILTER_FIELDS)[number];

/** `?actor=&action=&entity=&entityId=&from=&to=&page=`; messages in the reader's language. */
export function auditQuerySchema(t: Translate) {
  const localDay = (field: string) =>
    z
      .string()
      .max(40, t("audit.invalid.date", { field, value: "…" }))
      .refine((value) => parseLocalDate(value) !== null, {
        error: (issue) =>
          dayRefusal(t, String(issue.input), t("audit.invalid.date", { field, value: String(issue.input) }), field),
      })
      .transform((value) => parseLocalDate(value) ?? value);
  return (
    z
      .object({
        actor: z
          .string()
          .max(100, t("audit.invalid.actor"))
          .regex(/^[\p{L}\p{N}._@-]+$/u, t("audit.invalid.actor"))
          .optional(),
        action: z
          .string()
          .max(100, t("audit.invalid.action"))
          .regex(/^[a-z0-9_.]+$/, t("audit.invalid.action"))
          .optional(),
        entity: z
          .string()
          .max(50, t("audit.invalid.entity"))
          .regex(/^[a-z0-9_]+$/, t("audit.invalid.entity"))
          .optional(),
        entityId: z.string().max(200, t("audit.invalid.entityId")).optional(),
        from: localDay(t("audit.filter.from")).optional(),
        to: localDay(t("audit.filter.to")).optional(),
        page: z
          .string()
          .regex(/^\d{1,6}$/, t("audit.invalid.page"))
          .transform(Number)
          .pipe(z.number().int().min(1, t("audit.invalid.page")))
          .optional(),
      })
      // Only between two real days: a malformed one has its own message already.
      .refine((q) => !isLocalDate(q.from) || !isLocalDate(q.to) || q.from <= q.to, {
        error: t("audit.invalid.range"),
        path: ["to"],
      })
  );
}
export type AuditQuery = z.infer<ReturnType<typeof auditQuerySchema>>;

/** The query string's fields, trimmed; empty ones (a GET form sends them all) are left out. */
export function auditQueryInput(url: URL): Partial<Record<AuditFilterField | "page", string>> {
  return Object.fromEntries(
    [...AUDIT_FILTER_FIELDS, "page"].flatMap((key) => {
      const value = url.searchParams.get(key)?.trim();
      return value === undefined || value === "" ? [] : [[key, value]];
    }),
  );
}

function conditions(query: AuditQuery): SQL {
  const where: SQL[] = [sql`1 = 1`];
  if (query.actor !== undefined) {
    where.push(
      /^\d+$/.test(query.actor)
        ? sql`e.actor_id = ${Number(query.actor)}`
        : sql`e.actor_id IN (SELECT id FROM users WHERE lower(login) = ${query.actor.toLowerCase()})`,
    );
  }
  if (query.action !== undefined) {
    // `auth.` is a group (every action that starts with it); anything else is one action.
    // substr, not LIKE: `_` in an action name is not a wildcard.
    where.push(
      query.action.endsWith(".")
        ? sql`substr(e.action, 1, ${query.action.length}) = ${query.action}`
        : sql`e.action = ${query.action}`,
    );
  }
  if (query.entity !== undefined) where.push(sql`e.entity_type = ${query.entity}`);
  if (query.entityId !== undefined) where.push(sql`e.entity_id = ${query.entityId}`);
  if (query.from !== undefined) where.push(sql`e.at >= ${startOfLocalDay(query.from)}`);
  if (query.to !== undefined) where.push(sql`e.at < ${endOfLocalDay(query.to)}`);
  return sql.join(where, sql` AND `);
}

/**
 * An event about a task or directive the reader may not see (a confidential one,
 * for the administrator; a draft) keeps its row but not its data: docs/domain-rules.md §5 hides
 * confidential directives from everyone not entitled to them, the audit log included.
 */
function hiddenFor(reader: Actor): SQL {
  return sql`CASE e.entity_type
    WHEN 'task' THEN EXISTS (SELECT 1 FROM tasks t
      WHERE t.id = CAST(e.entity_id AS INTEGER) AND NOT (${visibleTasksFilter(reader)}))
    WHEN 'directive' THEN EXISTS (SELECT 1 FROM directives d
      WHERE d.id = CAST(e.entity_id AS INTEGER) AND NOT (${visibleDirectivesFilter(reader)}))
    ELSE 0 END`;
}

const AUDIT_ROW = {
  id: "integer",
  at: "integer",
  action: "text",
  entityType: "text",
  entityId: "text?",
  entityLogin: "text?",
  before: "text?",
  after: "text?",
  ipAddress: "text?",
  userAgent: "text?",
  requestId: "text?",
  actorId: "integer?",
  actorName: "text?",
  actorLogin: "text?",
  hidden: "boolean",
} satisfies Columns;

/** Stored JSON, indented for reading; null when nothing was recorded. */
function prettyJson(text: string | null): string | null {
  if (text === null || text === "null") return null;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** One page of the log, newest first, and the number of events that match. */
export function listAuditEvents(db: AppDatabase, reader: Actor, query: AuditQuery) {
  const where = conditions(query);
  const total = firstRow(db, { n: "integer" }, sql`SELECT count(*) AS n FROM audit_events e WHERE ${where}`)?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(query.page ?? 1, pages);
  const rows = allRows(
    db,
    AUDIT_ROW,
    sql`
    SELECT e.id, e.at, e.action, e.entity_type AS entityType, e.entity_id AS entityId,
      CASE WHEN e.entity_type = 'user' THEN
        (SELECT u.login FROM users u WHERE u.id = CAST(e.entity_id AS INTEGER) AND CAST(u.id AS TEXT) = e.entity_id)
      END AS entityLogin,
      e.before, e.after, e.ip_address AS ipAddress, e.user_agent AS userAgent, e.request_id AS requestId,
      e.actor_id AS actorId, a.display_name AS actorName, a.login AS actorLogin,
      ${hiddenFor(reader)} AS hidden
    FROM audit_events e LEFT JOIN users a ON a.id = e.actor_id
    WHERE ${where}
    ORDER BY e.at DESC, e.id DESC
    LIMIT ${AUDIT_PAGE_SIZE} OFFSET ${(page - 1) * AUDIT_PAGE_SIZE}`,
  );
  return {
    rows: rows.map(({ hidden, before, after, ...row }) => ({
      ...row,
      hidden,
      before: hidden ? null : prettyJson(before),
      after: hidden ? null : prettyJson(after),
    })),
    rowCount: total,
    page,
    pages,
  };
}

/** The record types present in the log, for the filter's list. */
export function auditEntityTypes(db: AppDatabase): string[] {
  return allRows(
    db,
    { type: "text" },
    sql`SELECT DISTINCT entity_type AS type FROM audit_events ORDER BY entity_type`,
  ).map((r) => r.type);
}
