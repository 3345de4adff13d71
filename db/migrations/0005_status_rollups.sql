CREATE TABLE `task_status_dirty` (
	`task_id` integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE `task_status_meta` (
	`id` integer PRIMARY KEY NOT NULL,
	`due_soon_days` integer NOT NULL,
	`stale_after_days` integer NOT NULL,
	`built_at` integer,
	CONSTRAINT "task_status_meta_one_row" CHECK("task_status_meta"."id" = 1)
);
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
);
--> statement-breakpoint
CREATE INDEX `task_status_rollups_by_department_idx` ON `task_status_rollups` (`visibility`,`level`,`bucket`,`department_id`,`series`,`n`) WHERE "task_status_rollups"."committee_id" = 0 AND "task_status_rollups"."department_id" > 0;--> statement-breakpoint
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
);
--> statement-breakpoint
CREATE INDEX `task_status_spans_due_idx` ON `task_status_spans` ("due_day" IS NULL,`due_day`,`directive_id`,`position`,`task_id`,`to_day`,`from_day`,`visibility`,`severity`,`stale`,`lead_department_id`,`committee_id`);--> statement-breakpoint
CREATE INDEX `task_status_spans_severity_idx` ON `task_status_spans` (`severity`,`directive_id`,`position`,`task_id`,`to_day`,`from_day`,`visibility`,`stale`,`lead_department_id`,`committee_id`);--> statement-breakpoint
CREATE INDEX `extension_requests_decided_idx` ON `extension_requests` (`decided_at`);--> statement-breakpoint
CREATE INDEX `tasks_assigned_idx` ON `tasks` (`assigned_on`);