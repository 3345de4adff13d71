// Published period reports ("chốt số liệu", docs/domain-rules.md §4.4): the
// secretariat freezes the figures of a cut-off day for a scope — the counts by
// status, the scorecard and the task rows with their texts — and the files made of
// them. A published report never changes: its downloads are the bytes stored when
// it was published. What has changed since (an entry after the fact, a correction,
// a task entered later) is computed live by comparing its rows with the figures of
// the same day now.
import ExcelJS from "exceljs";
import { desc, eq, sql } from "drizzle-orm";
import { publishedReports, users } from "../../db/schema";
import { endOfLocalDay, formatInstant, formatLocalDate, today, type Instant, type LocalDate } from "../domain/dates";
import { parsePeriod } from "../domain/periods";
import type { Actor } from "../domain/permissions";
import { TASK_STATUSES, type TaskStatus } from "../domain/vocabulary";
import { writeTransaction, type AppDatabase } from "./db.server";
import type { Translate } from "../lib/i18n";
import { taskListQuery } from "../lib/task-list-query";
import { recordAudit, type RequestOrigin } from "./audit.server";
import { dashboardScope, scorecard, type DashboardFilters } from "./dashboard.server";
import { statusCountsInScope } from "./status-counts.server";
import { taskStatusesAsOf } from "./task-status.server";
import { taskReport, taskReportCsv, taskReportWorkbook, xmlSafe } from "./task-report.server";
import { SCORECARD_COLUMNS } from "../lib/scorecard";
import { firstRow, allRows } from "./sql-rows.server";

/** What a report covers: all tasks, or one committee's, or one directive's; optionally those assigned in a period. */
export type ReportScope = Pick<DashboardFilters, "committee" | "directive" | "period">;

/** The frozen content of a published report. */
export interface ReportContent {
  counts: Record<TaskStatus | "stale", number>;
  scorecard: {
    department: { id: number; name: string; code: string };
    counts: Record<string, number>;
    onTimeRate: number | null;
    rank: number;
  }[];
  tasks: {
    id: number;
    itemNumber: string;
    title: string;
    lead: string;
    status: TaskStatus;
    dueDate: LocalDate | null;
  }[];
}

/**
 * Official figures are what leadership sees: every issued directive, confidential
 * ones included, no drafts — whoever publishes them.
 */
function officialReader(publisher: Actor): Actor {
  return { id: publisher.id, role: "leadership", departmentId: null };
}

/** The task list's query of a report's scope: its rows are the list's, with the list's filters. */
function scopeQuery(scope: ReportScope, t: Translate) {
  return taskListQuery(t).parse({
    ...(scope.committee === undefined ? {} : { committee: String(scope.committee) }),
    ...(scope.directive === undefined ? {} : { directive: String(scope.directive) }),
    ...(scope.period === undefined ? {} : { period: scope.period }),
  });
}

export type PublishResult =
  { ok: true; id: number } | { ok: false; error: "cut_off_in_future" | "too_many" | "not_found"; message?: string };

/**
 * Publishes the report of a cut-off day for a scope: computes its figures as they
 * stand now (as it happened), writes its Excel and CSV files, and stores all of it
 * with the publisher and the moment, in one transaction with its audit event.
 */
export async function publishReport(
  db: AppDatabase,
  publisher: Actor & { displayName: string },
  input: { title: string; cutOff: LocalDate; scope: ReportScope },
  t: Translate,
  origin: RequestOrigin,
  now: Instant = Date.now(),
): Promise<PublishResult> {
  if (input.cutOff > today(now)) return { ok: false, error: "cut_off_in_future" };
  const reader = officialReader(publisher);
  const report = taskReport(db, reader, scopeQuery(input.scope, t), input.cutOff, "happened", t);
  if (!report.ok)
    return { ok: false, error: report.status === 404 ? "not_found" : "too_many", message: report.message };
  const counts = statusCountsInScope(db, dashboardScope(reader, input.scope), input.cutOff).get(0);
  const rows = scorecard(db, reader, input.scope, input.cutOff, false, "happened");
  const statuses = taskStatusesAsOf(
    db,
    report.report.rows.map((r) => r.taskId),
    input.cutOff,
  );
  const content: ReportContent = {
    counts: Object.fromEntries(
      [...TASK_STATUSES, "stale" as const].map((s) => [s, counts?.[s] ?? 0]),
    ) as ReportContent["counts"],
    scorecard: rows.map((r) => ({
      department: r.department,
      counts: Object.fromEntries(SCORECARD_COLUMNS.map((c) => [c, r.figures[c].count])),
      onTimeRate: r.onTimeRate,
      rank: r.rank,
    })),
    tasks: report.report.rows.map(({ taskId, cells }) => ({
      id: taskId,
      itemNumber: String(cells.item ?? ""),
      title: String(cells.task ?? ""),
      lead: String(cells.lead ?? ""),
      status: statuses.get(taskId)!.status,
      dueDate: statuses.get(taskId)!.dueDate,
    })),
  };
  const author = { name: publisher.displayName, at: now };
  const xlsx = await withScorecardSheet(await taskReportWorkbook(report.report, author, t), content, t);
  const csv = Buffer.from(taskReportCsv(report.report, t), "utf8");
  return writeTransaction(db, (tx): PublishResult => {
    const { id } = tx
      .insert(publishedReports)
      .values({
        title: input.title.trim(),
        cutOff: input.cutOff,
        scope: input.scope,
        content,
        xlsx,
        csv,
        publishedBy: publisher.id,
        publishedAt: now,
      })
      .returning({ id: publishedReports.id })
      .get();
    recordAudit(tx, {
      actorId: publisher.id,
      action: "report.publish",
      entityType: "published_report",
      entityId: id,
      after: { title: input.title.trim(), cutOff: input.cutOff, scope: input.scope, tasks: content.tasks.length },
      origin,
      at: now,
    });
    return { ok: true, id };
  });
}

/** The task workbook with the counts and the scorecard as a second sheet. */
async function withScorecardSheet(tasksWorkbook: Buffer, content: ReportContent, t: Translate): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(tasksWorkbook as unknown as ArrayBuffer);
  const sheet = workbook.addWorksheet(t("published.sheet.summary"));
  sheet.addRow([t("published.sheet.counts")]).font = { bold: true };
  for (const status of TASK_STATUSES) sheet.addRow([t(`status.${status}`), content.counts[status]]);
  sheet.addRow([t("status.flag.stale"), content.counts.stale]);
  sheet.addRow([]);
  sheet.addRow([t("published.sheet.scorecard")]).font = { bold: true };
  sheet.addRow([
    t("scorecard.col.rank"),
    t("scorecard.col.name"),
    ...SCORECARD_COLUMNS.map((c) => t(`scorecard.col.${c}`)),
    t("scorecard.col.on_time_rate"),
  ]).font = { bold: true };
  for (const row of content.scorecard) {
    sheet.addRow([
      row.rank,
      xmlSafe(row.department.name),
      ...SCORECARD_COLUMNS.map((c) => row.counts[c] ?? 0),
      row.onTimeRate,
    ]);
  }
  sheet.getColumn(2).width = 40;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The published reports, newest cut-off first, with who published them. */
export function listPublishedReports(db: AppDatabase) {
  return db
    .select({
      id: publishedReports.id,
      title: publishedReports.title,
      cutOff: publishedReports.cutOff,
      scope: publishedReports.scope,
      publishedAt: publishedReports.publishedAt,
      publishedBy: users.displayName,
    })
    .from(publishedReports)
    .innerJoin(users, eq(users.id, publishedReports.publishedBy))
    .orderBy(desc(publishedReports.cutOff), desc(publishedReports.id))
    .all()
    .map((r) => ({ ...r, scope: r.scope as ReportScope }));
}

export function getPublishedReport(db: AppDatabase, id: number) {
  const row = db
    .select({
      id: publishedReports.id,
      title: publishedReports.title,
      cutOff: publishedReports.cutOff,
      scope: publishedReports.scope,
      content: publishedReports.content,
      publishedAt: publishedReports.publishedAt,
      publishedBy: users.displayName,
    })
    .from(publishedReports)
    .innerJoin(users, eq(users.id, publishedReports.publishedBy))
    .where(eq(publishedReports.id, id))
    .get();
  return row ? { ...row, scope: row.scope as ReportScope, content: row.content as ReportContent } : null;
}

/** The stored bytes of a published file. */
export function publishedFile(db: AppDatabase, id: number, format: "xlsx" | "csv"): Buffer | null {
  const row = db
    .select({ file: format === "xlsx" ? publishedReports.xlsx : publishedReports.csv })
    .from(publishedReports)
    .where(eq(publishedReports.id, id))
    .get();
  return row ? (row.file as Buffer) : null;
}

/** Why a task reads differently now than when the report was published. */
const CHANGE_REASONS = ["late_entry", "correction", "entered_later", "other"] as const;
export type ChangeReason = (typeof CHANGE_REASONS)[number];

export interface ChangedTask {
  id: number;
  itemNumber: string;
  title: string;
  then: TaskStatus | null;
  now: TaskStatus | null;
  reasons: ChangeReason[];
}

/**
 * The tasks whose status on the cut-off day is not what the report says, computed
 * now: those in the report whose status as of that day changed, and those that now
 * count on that day but were not in it (entered later). With each, why: records
 * entered after publication that took effect by the cut-off, deadline corrections.
 */
export function changedSincePublished(
  db: AppDatabase,
  report: { cutOff: LocalDate; scope: ReportScope; content: ReportContent; publishedAt: Instant },
  t: Translate,
  publisher: Actor,
): ChangedTask[] {
  const reader = officialReader(publisher);
  const then = new Map(report.content.tasks.map((task) => [task.id, task]));
  const current = taskReport(db, reader, scopeQuery(report.scope, t), report.cutOff, "happened", t);
  const nowIds = current.ok ? current.report.rows.map((r) => r.taskId) : [];
  const ids = [...new Set([...then.keys(), ...nowIds])];
  const statuses = taskStatusesAsOf(db, ids, report.cutOff);
  const inScopeNow = new Set(nowIds);
  const changed = ids.filter((id) => {
    const before = then.get(id)?.status ?? null;
    const after = inScopeNow.has(id) ? (statuses.get(id)?.status ?? null) : null;
    return before !== after;
  });
  if (changed.length === 0) return [];
  const reasons = changeReasons(db, changed, report.cutOff, report.publishedAt);
  const titles = new Map(
    allRows(
      db,
      { id: "integer", item_number: "text", title: "text" },
      sql`SELECT id, item_number, title FROM tasks WHERE id IN (${sql.raw(changed.map(Number).join(", "))})`,
    ).map((r) => [r.id, r]),
  );
  return changed.map((id) => ({
    id,
    itemNumber: titles.get(id)?.item_number ?? "",
    title: titles.get(id)?.title ?? "",
    then: then.get(id)?.status ?? null,
    now: inScopeNow.has(id) ? (statuses.get(id)?.status ?? null) : null,
    reasons: reasons.get(id) ?? ["other"],
  }));
}

/** What was recorded after publication and took effect by the cut-off, per task. */
function changeReasons(
  db: AppDatabase,
  taskIds: readonly number[],
  cutOff: LocalDate,
  publishedAt: Instant,
): Map<number, ChangeReason[]> {
  const ids = sql.raw(taskIds.map(Number).join(", "));
  const cutoff = endOfLocalDay(cutOff);
  const rows = allRows(
    db,
    { task_id: "integer", reason: CHANGE_REASONS },
    sql`
    SELECT id AS task_id, 'entered_later' AS reason FROM tasks WHERE id IN (${ids}) AND created_at > ${publishedAt}
    UNION SELECT task_id, 'late_entry' FROM task_transitions
      WHERE task_id IN (${ids}) AND coalesce(recorded_at, changed_at) > ${publishedAt} AND changed_at < ${cutoff}
    UNION SELECT task_id, 'late_entry' FROM extension_requests
      WHERE task_id IN (${ids}) AND coalesce(decision_recorded_at, decided_at) > ${publishedAt} AND decided_at < ${cutoff}
    UNION SELECT task_id, 'late_entry' FROM task_lead_assignments
      WHERE task_id IN (${ids}) AND coalesce(recorded_at, from_at) > ${publishedAt} AND from_at < ${cutoff}
    UNION SELECT task_id, CASE kind WHEN 'correction' THEN 'correction' ELSE 'late_entry' END FROM task_deadline_changes
      WHERE task_id IN (${ids}) AND created_at > ${publishedAt} AND (kind = 'correction' OR effective_at < ${cutoff})`,
  );
  const result = new Map<number, ChangeReason[]>();
  for (const row of rows) result.set(row.task_id, [...(result.get(row.task_id) ?? []), row.reason]);
  // A task entered after publication brought its own history with it (its first lead
  // assignment, its moves): that it was entered later is the whole reason.
  for (const [taskId, reasons] of result) if (reasons.includes("entered_later")) result.set(taskId, ["entered_later"]);
  return result;
}

/** The scope in words for the page and the list. */
export function describeReportScope(db: AppDatabase, scope: ReportScope, t: Translate): string {
  const parts: string[] = [];
  if (scope.committee !== undefined) {
    const row = firstRow(db, { name: "text" }, sql`SELECT name FROM committees WHERE id = ${scope.committee}`);
    if (row) parts.push(row.name);
  }
  if (scope.directive !== undefined) {
    const row = firstRow(
      db,
      { label: "text" },
      sql`SELECT coalesce(number, abstract) AS label FROM directives WHERE id = ${scope.directive}`,
    );
    if (row) parts.push(row.label);
  }
  if (scope.period !== undefined && parsePeriod(scope.period) !== null) {
    parts.push(t("published.scope.period", { period: scope.period }));
  }
  return parts.length === 0 ? t("published.scope.all") : parts.join(" · ");
}

/** When and by whom, for the page: "31/12/2019 · Văn phòng · 05/12/2026 10:00". */
export function publicationLine(report: { cutOff: LocalDate; publishedBy: string; publishedAt: Instant }): string {
  return `${formatLocalDate(report.cutOff)} · ${report.publishedBy} · ${formatInstant(report.publishedAt)}`;
}
