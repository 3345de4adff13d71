-- Version checks on committees, meetings, users and departments (added in place,
-- default 1: no table rebuild); browsers known to each account for the sign-in
-- locks; and the notification kind that tells of a lock. The kind is a CHECK, so
-- notifications is rebuilt: no table references it and no trigger is on it, so
-- dropping the old one deletes nothing else.
CREATE TABLE `login_devices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`last_used_at` integer NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "login_devices_failures_check" CHECK("login_devices"."failures" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `login_devices_token_user_unique` ON `login_devices` (`token_hash`,`user_id`);--> statement-breakpoint
CREATE INDEX `login_devices_user_idx` ON `login_devices` (`user_id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`task_id` integer,
	`reminder_id` integer,
	`actor_id` integer,
	`params` text DEFAULT '{}' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`read_at` integer,
	`email_state` text,
	`email_attempts` integer DEFAULT 0 NOT NULL,
	`emailed_at` integer,
	`email_error` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reminder_id`) REFERENCES `reminders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "notifications_kind_check" CHECK("__new_notifications"."kind" IN ('reminder', 'escalation', 'extension_requested', 'extension_decided', 'completion_reported', 'completion_confirmed', 'completion_returned', 'instruction', 'comment', 'task_assigned', 'sign_in_locked')),
	CONSTRAINT "notifications_email_state_check" CHECK("__new_notifications"."email_state" IS NULL OR "__new_notifications"."email_state" IN ('pending', 'sent', 'failed', 'skipped')),
	CONSTRAINT "notifications_params_json" CHECK(json_valid("__new_notifications"."params")),
	CONSTRAINT "notifications_attempts_check" CHECK("__new_notifications"."email_attempts" >= 0)
);
--> statement-breakpoint
INSERT INTO `__new_notifications`("id", "user_id", "kind", "task_id", "reminder_id", "actor_id", "params", "created_at", "read_at", "email_state", "email_attempts", "emailed_at", "email_error") SELECT "id", "user_id", "kind", "task_id", "reminder_id", "actor_id", "params", "created_at", "read_at", "email_state", "email_attempts", "emailed_at", "email_error" FROM `notifications`;--> statement-breakpoint
DROP TABLE `notifications`;--> statement-breakpoint
ALTER TABLE `__new_notifications` RENAME TO `notifications`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `notifications_unread_idx` ON `notifications` (`user_id`) WHERE "notifications"."read_at" IS NULL;--> statement-breakpoint
CREATE INDEX `notifications_email_idx` ON `notifications` (`id`) WHERE "notifications"."email_state" = 'pending';--> statement-breakpoint
ALTER TABLE `committees` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `departments` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `meetings` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `version` integer DEFAULT 1 NOT NULL;