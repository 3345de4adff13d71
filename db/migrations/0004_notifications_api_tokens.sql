CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`user_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`token_prefix` text NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`expires_at` integer,
	`last_used_at` integer,
	`revoked_at` integer,
	`revoked_by` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`revoked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "api_tokens_name_not_blank" CHECK(length(trim("api_tokens"."name")) > 0),
	CONSTRAINT "api_tokens_hash_check" CHECK(length("api_tokens"."token_hash") = 64)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_user_idx` ON `api_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `notifications` (
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
	CONSTRAINT "notifications_kind_check" CHECK("notifications"."kind" IN ('reminder', 'escalation', 'extension_requested', 'extension_decided', 'completion_reported', 'completion_confirmed', 'completion_returned', 'instruction', 'comment', 'task_assigned')),
	CONSTRAINT "notifications_email_state_check" CHECK("notifications"."email_state" IS NULL OR "notifications"."email_state" IN ('pending', 'sent', 'failed', 'skipped')),
	CONSTRAINT "notifications_params_json" CHECK(json_valid("notifications"."params")),
	CONSTRAINT "notifications_attempts_check" CHECK("notifications"."email_attempts" >= 0)
);
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `notifications_unread_idx` ON `notifications` (`user_id`) WHERE "notifications"."read_at" IS NULL;--> statement-breakpoint
CREATE INDEX `notifications_email_idx` ON `notifications` (`id`) WHERE "notifications"."email_state" = 'pending';--> statement-breakpoint
ALTER TABLE `comments` ADD `idempotency_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `comments_idempotency_unique` ON `comments` (`idempotency_key`) WHERE "comments"."idempotency_key" IS NOT NULL;