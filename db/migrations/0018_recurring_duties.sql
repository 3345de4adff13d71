CREATE TABLE `recurring_duties` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`directive_id` integer NOT NULL,
	`item_number` text NOT NULL,
	`title` text NOT NULL,
	`description` text,
	`lead_department_id` integer NOT NULL,
	`coordinator_department_ids` text NOT NULL,
	`frequency` text NOT NULL,
	`day` integer NOT NULL,
	`working_days` integer DEFAULT false NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text,
	`state` text DEFAULT 'active' NOT NULL,
	`state_reason` text,
	`resumed_on` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`directive_id`) REFERENCES `directives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lead_department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "recurring_duties_frequency_check" CHECK("recurring_duties"."frequency" IN ('weekly', 'monthly', 'quarterly', 'half_yearly', 'yearly')),
	CONSTRAINT "recurring_duties_state_check" CHECK("recurring_duties"."state" IN ('active', 'on_hold', 'withdrawn')),
	CONSTRAINT "recurring_duties_working_days_check" CHECK("recurring_duties"."working_days" IN (0, 1)),
	CONSTRAINT "recurring_duties_starts_on_check" CHECK("recurring_duties"."starts_on" IS date("recurring_duties"."starts_on")),
	CONSTRAINT "recurring_duties_ends_on_check" CHECK("recurring_duties"."ends_on" IS date("recurring_duties"."ends_on")),
	CONSTRAINT "recurring_duties_resumed_on_check" CHECK("recurring_duties"."resumed_on" IS date("recurring_duties"."resumed_on")),
	CONSTRAINT "recurring_duties_ends_after_start" CHECK("recurring_duties"."ends_on" IS NULL OR "recurring_duties"."ends_on" >= "recurring_duties"."starts_on"),
	CONSTRAINT "recurring_duties_day_check" CHECK("recurring_duties"."day" BETWEEN 1 AND 31),
	CONSTRAINT "recurring_duties_title_not_blank" CHECK(length(trim("recurring_duties"."title")) > 0),
	CONSTRAINT "recurring_duties_version_check" CHECK("recurring_duties"."version" >= 1)
);
--> statement-breakpoint
CREATE INDEX `recurring_duties_directive_idx` ON `recurring_duties` (`directive_id`);--> statement-breakpoint
CREATE INDEX `recurring_duties_state_idx` ON `recurring_duties` (`state`);--> statement-breakpoint
ALTER TABLE `tasks` ADD `duty_id` integer REFERENCES recurring_duties(id);--> statement-breakpoint
ALTER TABLE `tasks` ADD `duty_period` text;--> statement-breakpoint
CREATE UNIQUE INDEX `tasks_duty_period_unique` ON `tasks` (`duty_id`,`duty_period`);--> statement-breakpoint
CREATE TRIGGER data_version_recurring_duties_insert AFTER INSERT ON recurring_duties
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_recurring_duties_update AFTER UPDATE ON recurring_duties
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_recurring_duties_delete AFTER DELETE ON recurring_duties
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
