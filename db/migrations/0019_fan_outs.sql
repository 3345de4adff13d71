CREATE TABLE `task_fan_outs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`directive_id` integer NOT NULL,
	`item_number` text NOT NULL,
	`title` text NOT NULL,
	`description` text,
	`group_id` integer,
	`assigned_on` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`directive_id`) REFERENCES `directives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `unit_groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "task_fan_outs_title_not_blank" CHECK(length(trim("task_fan_outs"."title")) > 0),
	CONSTRAINT "task_fan_outs_assigned_on_check" CHECK("task_fan_outs"."assigned_on" IS date("task_fan_outs"."assigned_on")),
	CONSTRAINT "task_fan_outs_version_check" CHECK("task_fan_outs"."version" >= 1)
);
--> statement-breakpoint
CREATE INDEX `task_fan_outs_directive_idx` ON `task_fan_outs` (`directive_id`);--> statement-breakpoint
ALTER TABLE `tasks` ADD `fan_out_id` integer REFERENCES task_fan_outs(id);--> statement-breakpoint
CREATE INDEX `tasks_fan_out_idx` ON `tasks` (`fan_out_id`);--> statement-breakpoint
CREATE TRIGGER data_version_task_fan_outs_insert AFTER INSERT ON task_fan_outs
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_task_fan_outs_update AFTER UPDATE ON task_fan_outs
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_task_fan_outs_delete AFTER DELETE ON task_fan_outs
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
