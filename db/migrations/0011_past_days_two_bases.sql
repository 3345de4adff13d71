CREATE TABLE `task_deadline_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer NOT NULL,
	`kind` text NOT NULL,
	`previous_due_date` text NOT NULL,
	`due_date` text NOT NULL,
	`effective_at` integer NOT NULL,
	`reason` text NOT NULL,
	`changed_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`changed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "task_deadline_changes_kind_check" CHECK("task_deadline_changes"."kind" IN ('change', 'correction')),
	CONSTRAINT "task_deadline_changes_due_date_check" CHECK("task_deadline_changes"."due_date" IS date("task_deadline_changes"."due_date")),
	CONSTRAINT "task_deadline_changes_previous_check" CHECK("task_deadline_changes"."previous_due_date" IS date("task_deadline_changes"."previous_due_date")),
	CONSTRAINT "task_deadline_changes_reason_not_blank" CHECK(length(trim("task_deadline_changes"."reason")) > 0),
	CONSTRAINT "task_deadline_changes_effective_check" CHECK("task_deadline_changes"."effective_at" <= "task_deadline_changes"."created_at")
);
--> statement-breakpoint
CREATE INDEX `task_deadline_changes_task_idx` ON `task_deadline_changes` (`task_id`,`effective_at`);--> statement-breakpoint
-- Past days as they were (docs/decisions/018): facts carry the instant they took
-- effect and, when entered after the fact, the instant they were recorded; deadline
-- changes are facts of their own; the stored status spans and counts are kept for
-- both readings of a past day. Partly generated (the new table and columns),
-- partly hand-written: drizzle-kit declares neither WITHOUT ROWID tables nor
-- triggers.
--
-- 1. The derived status facts get a basis (and the spans the days late of a late
-- completion report and the day it was reported). They are derived: dropped and
-- made again, empty, WITHOUT ROWID as in 0006/0008; start-up rebuilds them
-- (task_status_meta.version 3, app/models/status-facts.server.ts).
DROP TABLE `task_status_spans`;
--> statement-breakpoint
CREATE TABLE `task_status_spans` (
	`task_id` integer NOT NULL,
	`basis` integer NOT NULL,
	`from_day` integer NOT NULL,
	`to_day` integer NOT NULL,
	`status` text NOT NULL,
	`severity` integer NOT NULL,
	`stale` integer NOT NULL,
	`due_day` integer,
	`late_days` integer NOT NULL,
	`since_day` integer,
	`visibility` integer NOT NULL,
	`committee_id` integer NOT NULL,
	`lead_department_id` integer NOT NULL,
	`directive_id` integer NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`task_id`, `basis`, `from_day`),
	CONSTRAINT "task_status_spans_days_check" CHECK("task_status_spans"."from_day" < "task_status_spans"."to_day"),
	CONSTRAINT "task_status_spans_status_check" CHECK("task_status_spans"."status" IN ('done_on_time', 'done_late', 'awaiting_confirmation', 'overdue', 'due_soon', 'on_track', 'ongoing', 'on_hold', 'cancelled')),
	CONSTRAINT "task_status_spans_stale_check" CHECK("task_status_spans"."stale" IN (0, 1)),
	CONSTRAINT "task_status_spans_visibility_check" CHECK("task_status_spans"."visibility" IN (0, 1, 2)),
	CONSTRAINT "task_status_spans_basis_check" CHECK("task_status_spans"."basis" IN (0, 1, 2))
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `task_status_spans_due_idx` ON `task_status_spans` ("due_day" IS NULL,`due_day`,`directive_id`,`position`,`task_id`,`to_day`,`from_day`,`basis`,`visibility`,`severity`,`stale`,`lead_department_id`,`committee_id`);
--> statement-breakpoint
CREATE INDEX `task_status_spans_severity_idx` ON `task_status_spans` (`severity`,`directive_id`,`position`,`task_id`,`to_day`,`from_day`,`basis`,`visibility`,`stale`,`lead_department_id`,`committee_id`);
--> statement-breakpoint
CREATE INDEX `task_status_spans_differing_idx` ON `task_status_spans` (`basis`,`from_day`,`task_id`) WHERE "task_status_spans"."basis" > 0;
--> statement-breakpoint
DROP TABLE `task_status_rollups`;
--> statement-breakpoint
CREATE TABLE `task_status_rollups` (
	`basis` integer NOT NULL,
	`visibility` integer NOT NULL,
	`committee_id` integer NOT NULL,
	`department_id` integer NOT NULL,
	`level` integer NOT NULL,
	`bucket` integer NOT NULL,
	`series` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`basis`, `visibility`, `committee_id`, `department_id`, `level`, `bucket`, `series`),
	CONSTRAINT "task_status_rollups_level_check" CHECK("task_status_rollups"."level" IN (0, 1, 2)),
	CONSTRAINT "task_status_rollups_basis_check" CHECK("task_status_rollups"."basis" IN (0, 1))
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `task_status_rollups_by_department_idx` ON `task_status_rollups` (`basis`,`visibility`,`level`,`bucket`,`department_id`,`series`,`n`) WHERE "task_status_rollups"."committee_id" = 0 AND "task_status_rollups"."department_id" > 0;
--> statement-breakpoint
DROP TABLE `task_status_trend_rollups`;
--> statement-breakpoint
CREATE TABLE `task_status_trend_rollups` (
	`basis` integer NOT NULL,
	`visibility` integer NOT NULL,
	`committee_id` integer NOT NULL,
	`due_month` integer NOT NULL,
	`level` integer NOT NULL,
	`bucket` integer NOT NULL,
	`series` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`basis`, `visibility`, `committee_id`, `due_month`, `level`, `bucket`, `series`),
	CONSTRAINT "task_status_trend_rollups_level_check" CHECK("task_status_trend_rollups"."level" IN (0, 1, 2)),
	CONSTRAINT "task_status_trend_rollups_basis_check" CHECK("task_status_trend_rollups"."basis" IN (0, 1)),
	CONSTRAINT "task_status_trend_rollups_series_check" CHECK("task_status_trend_rollups"."series" IN ('due', 'done_on_time', 'done_late', 'overdue'))
) WITHOUT ROWID;
--> statement-breakpoint
-- 2. The times a fact was recorded, when entered after the fact (NULL: recorded as
-- it happened).
ALTER TABLE `extension_requests` ADD `decision_recorded_at` integer;--> statement-breakpoint
ALTER TABLE `task_lead_assignments` ADD `recorded_at` integer;--> statement-breakpoint
ALTER TABLE `task_transitions` ADD `recorded_at` integer;
--> statement-breakpoint
-- 3. Deadline changes are append-only, like progress reports and transitions, and
-- mark their task for a refresh of its spans like every other fact of its history.
CREATE TRIGGER task_deadline_changes_no_update
BEFORE UPDATE ON task_deadline_changes
BEGIN
  SELECT RAISE(ABORT, 'task_deadline_changes_append_only');
END;
--> statement-breakpoint
CREATE TRIGGER task_deadline_changes_no_delete
BEFORE DELETE ON task_deadline_changes
BEGIN
  SELECT RAISE(ABORT, 'task_deadline_changes_append_only');
END;
--> statement-breakpoint
CREATE TRIGGER task_status_dirty_deadline_change_insert
AFTER INSERT ON task_deadline_changes
BEGIN
  INSERT OR IGNORE INTO task_status_dirty (task_id) VALUES (NEW.task_id);
END;
--> statement-breakpoint
-- A task takes effect on its assignment day, so that day is part of its history now.
DROP TRIGGER task_status_dirty_task_update;
--> statement-breakpoint
CREATE TRIGGER task_status_dirty_task_update
AFTER UPDATE OF created_at, assigned_on, deadline_kind, original_due_date, lead_department_id, directive_id, position ON tasks
BEGIN
  INSERT OR IGNORE INTO task_status_dirty (task_id) VALUES (NEW.id);
  INSERT OR IGNORE INTO task_status_dirty (task_id) VALUES (OLD.id);
END;
--> statement-breakpoint
DROP TRIGGER task_status_dirty_extension_update;
--> statement-breakpoint
CREATE TRIGGER task_status_dirty_extension_update
AFTER UPDATE OF task_id, state, decided_at, decision_recorded_at, approved_due_date ON extension_requests
BEGIN
  INSERT OR IGNORE INTO task_status_dirty (task_id) VALUES (NEW.task_id);
  INSERT OR IGNORE INTO task_status_dirty (task_id) VALUES (OLD.task_id);
END;
--> statement-breakpoint
DROP TRIGGER task_status_dirty_lead_update;
--> statement-breakpoint
CREATE TRIGGER task_status_dirty_lead_update
AFTER UPDATE OF task_id, department_id, from_at, recorded_at ON task_lead_assignments
BEGIN
  INSERT OR IGNORE INTO task_status_dirty (task_id) VALUES (NEW.task_id);
  INSERT OR IGNORE INTO task_status_dirty (task_id) VALUES (OLD.task_id);
END;
--> statement-breakpoint
-- 4. Version 3 (STATUS_FACTS_VERSION): spans for both bases. A database with tasks
-- is rebuilt at start-up; an empty one is exact as it is.
UPDATE `task_status_meta` SET `version` = CASE WHEN EXISTS (SELECT 1 FROM `tasks`) THEN 0 ELSE 3 END;
