-- Derived status facts (docs/decisions/014): storage, and the triggers that mark
-- every task whose status history a statement changes. Hand-written (drizzle-kit
-- generate --custom): drizzle-kit declares neither WITHOUT ROWID tables nor
-- triggers.
--
-- 1. The spans and the counts are only ever read and written by primary key or
-- through their indexes: stored WITHOUT ROWID, each table is its primary key's
-- B-tree (one lookup instead of two, a third smaller). They are rebuilt here,
-- still empty, with exactly the columns, checks and indexes of 0005.
DROP TABLE `task_status_spans`;
--> statement-breakpoint
CREATE TABLE `task_status_spans` (
	`task_id` integer NOT NULL,
	`from_day` integer NOT NULL,
	`to_day` integer NOT NULL,
	`status` text NOT NULL,
	`severity` integer NOT NULL,
	`stale` integer NOT NULL,
	`due_day` integer,
	`visibility` integer NOT NULL,
	`committee_id` integer NOT NULL,
	`lead_department_id` integer NOT NULL,
	`directive_id` integer NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`task_id`, `from_day`),
	CONSTRAINT "task_status_spans_days_check" CHECK("task_status_spans"."from_day" < "task_status_spans"."to_day"),
	CONSTRAINT "task_status_spans_status_check" CHECK("task_status_spans"."status" IN ('done_on_time', 'done_late', 'awaiting_confirmation', 'overdue', 'due_soon', 'on_track', 'ongoing', 'on_hold', 'cancelled')),
	CONSTRAINT "task_status_spans_stale_check" CHECK("task_status_spans"."stale" IN (0, 1)),
	CONSTRAINT "task_status_spans_visibility_check" CHECK("task_status_spans"."visibility" IN (0, 1, 2))
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `task_status_spans_due_idx` ON `task_status_spans` ("due_day" IS NULL,`due_day`,`directive_id`,`position`,`task_id`,`to_day`,`from_day`,`visibility`,`severity`,`stale`,`lead_department_id`,`committee_id`);
--> statement-breakpoint
CREATE INDEX `task_status_spans_severity_idx` ON `task_status_spans` (`severity`,`directive_id`,`position`,`task_id`,`to_day`,`from_day`,`visibility`,`stale`,`lead_department_id`,`committee_id`);
--> statement-breakpoint
DROP TABLE `task_status_rollups`;
--> statement-breakpoint
CREATE TABLE `task_status_rollups` (
	`visibility` integer NOT NULL,
	`committee_id` integer NOT NULL,
	`department_id` integer NOT NULL,
	`level` integer NOT NULL,
	`bucket` integer NOT NULL,
	`series` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`visibility`, `committee_id`, `department_id`, `level`, `bucket`, `series`),
	CONSTRAINT "task_status_rollups_level_check" CHECK("task_status_rollups"."level" IN (0, 1, 2))
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `task_status_rollups_by_department_idx` ON `task_status_rollups` (`visibility`,`level`,`bucket`,`department_id`,`series`,`n`) WHERE "task_status_rollups"."committee_id" = 0 AND "task_status_rollups"."department_id" > 0;
--> statement-breakpoint
-- 2. Mark every task whose status history a statement changes, so
-- app/models/status-facts.server.ts recomputes its spans and counts before the
-- transaction commits (writeTransaction), and readers fall back to computing
-- statuses from history while any mark is left (a write made outside the app).
--
-- What a task's spans depend on: its creation time, deadline kind and original due
-- date; its workflow transitions; its extension decisions; its progress reports
-- (stale); and, for the counts' scopes and the lists, its lead department,
-- directive, position in it, and the directive's committee, state and
-- confidentiality.
CREATE TRIGGER task_status_dirty_task_insert
AFTER INSERT ON tasks
BEGIN
  INSERT OR IGNORE INTO task_status_dirty (task_id) VALUES (NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER task_status_dirty_task_update
AFTER UPDATE OF created_at, deadline_kind, original_due_date, lead_department_id, directive_id, position ON tasks
BEGIN
  INSERT OR IGNORE INTO task_status_dirty (task_id) VALUES (NEW.id);
  INSERT OR IGNORE INTO task_status_dirty (task_id) VALUES (OLD.id);
END;
--> statement-breakpoint
CREATE TRIGGER task_status_dirty_task_delete
AFTER DELETE ON tasks
BEGIN
  INSERT OR IGNORE INTO task_status_dirty (task_id) VALUES (OLD.id);
END;
--> statement-breakpoint
CREATE TRIGGER task_status_dirty_transition_insert
AFTER INSERT ON task_transitions
BEGIN
  INSERT OR IGNORE INTO task_status_dirty (task_id) VALUES (NEW.task_id);
END;
--> statement-breakpoint
CREATE TRIGGER task_status_dirty_extension_insert
AFTER INSERT ON extension_requests
WHEN NEW.state IN ('approved', 'countered')
BEGIN
  INSERT OR IGNORE INTO task_status_dirty (task_id) VALUES (NEW.task_id);
END;
--> statement-breakpoint
CREATE TRIGGER task_status_dirty_extension_update
AFTER UPDATE OF task_id, state, decided_at, approved_due_date ON extension_requests
BEGIN
  INSERT OR IGNORE INTO task_status_dirty (task_id) VALUES (NEW.task_id);
  INSERT OR IGNORE INTO task_status_dirty (task_id) VALUES (OLD.task_id);
END;
--> statement-breakpoint
CREATE TRIGGER task_status_dirty_extension_delete
AFTER DELETE ON extension_requests
BEGIN
  INSERT OR IGNORE INTO task_status_dirty (task_id) VALUES (OLD.task_id);
END;
--> statement-breakpoint
CREATE TRIGGER task_status_dirty_report_insert
AFTER INSERT ON progress_reports
BEGIN
  INSERT OR IGNORE INTO task_status_dirty (task_id) VALUES (NEW.task_id);
END;
--> statement-breakpoint
CREATE TRIGGER task_status_dirty_directive_update
AFTER UPDATE OF committee_id, state, confidential ON directives
WHEN NEW.committee_id IS NOT OLD.committee_id
  OR (NEW.state = 'draft') IS NOT (OLD.state = 'draft')
  OR NEW.confidential IS NOT OLD.confidential
BEGIN
  INSERT OR IGNORE INTO task_status_dirty (task_id) SELECT id FROM tasks WHERE directive_id = NEW.id;
END;
--> statement-breakpoint
-- The spans start out built for the default rules (status.due_soon_days 3,
-- status.stale_after_days 30); the tasks already there are marked, and start-up
-- (ensureTaskStatusFacts) computes them before the server takes requests.
INSERT INTO task_status_meta (id, due_soon_days, stale_after_days, built_at) VALUES (1, 3, 30, NULL);
--> statement-breakpoint
INSERT INTO task_status_dirty (task_id) SELECT id FROM tasks;
