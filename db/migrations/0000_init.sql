CREATE TABLE `attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer NOT NULL,
	`progress_report_id` integer,
	`extension_request_id` integer,
	`task_transition_id` integer,
	`file_name` text NOT NULL,
	`media_type` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`storage_key` text NOT NULL,
	`uploaded_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`progress_report_id`) REFERENCES `progress_reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`extension_request_id`) REFERENCES `extension_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`task_transition_id`) REFERENCES `task_transitions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "attachments_size_check" CHECK("attachments"."size_bytes" > 0),
	CONSTRAINT "attachments_sha256_check" CHECK(length("attachments"."sha256") = 64)
);
--> statement-breakpoint
CREATE INDEX `attachments_task_idx` ON `attachments` (`task_id`);--> statement-breakpoint
CREATE INDEX `attachments_report_idx` ON `attachments` (`progress_report_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `attachments_storage_key_unique` ON `attachments` (`storage_key`);--> statement-breakpoint
CREATE TABLE `audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_id` integer,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text,
	`before` text,
	`after` text,
	`ip_address` text,
	`user_agent` text,
	`request_id` text,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_events_entity_idx` ON `audit_events` (`entity_type`,`entity_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_events_actor_idx` ON `audit_events` (`actor_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_events_at_idx` ON `audit_events` (`at`);--> statement-breakpoint
CREATE TABLE `comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer NOT NULL,
	`author_id` integer NOT NULL,
	`is_instruction` integer DEFAULT false NOT NULL,
	`body` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "comments_instruction_check" CHECK("comments"."is_instruction" IN (0, 1)),
	CONSTRAINT "comments_body_not_blank" CHECK(length(trim("comments"."body")) > 0)
);
--> statement-breakpoint
CREATE INDEX `comments_task_idx` ON `comments` (`task_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `committees` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	CONSTRAINT "committees_active_check" CHECK("committees"."active" IN (0, 1))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `committees_code_unique` ON `committees` (`code`);--> statement-breakpoint
CREATE TABLE `departments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`short_name` text,
	`kind` text NOT NULL,
	`parent_id` integer,
	`active` integer DEFAULT true NOT NULL,
	`successor_id` integer,
	`dissolved_on` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`successor_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "departments_kind_check" CHECK("departments"."kind" IN ('department', 'district', 'enterprise', 'other')),
	CONSTRAINT "departments_active_check" CHECK("departments"."active" IN (0, 1)),
	CONSTRAINT "departments_dissolved_on_check" CHECK("departments"."dissolved_on" IS date("departments"."dissolved_on")),
	CONSTRAINT "departments_not_own_parent" CHECK("departments"."parent_id" IS NULL OR "departments"."parent_id" <> "departments"."id"),
	CONSTRAINT "departments_not_own_successor" CHECK("departments"."successor_id" IS NULL OR "departments"."successor_id" <> "departments"."id"),
	CONSTRAINT "departments_name_not_blank" CHECK(length(trim("departments"."name")) > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `departments_code_unique` ON `departments` (`code`);--> statement-breakpoint
CREATE INDEX `departments_parent_idx` ON `departments` (`parent_id`);--> statement-breakpoint
CREATE TABLE `directives` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`committee_id` integer NOT NULL,
	`meeting_id` integer,
	`number` text,
	`type` text NOT NULL,
	`issued_on` text,
	`issuer` text NOT NULL,
	`signer` text,
	`abstract` text NOT NULL,
	`full_text` text,
	`confidential` integer DEFAULT false NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`note` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`committee_id`) REFERENCES `committees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "directives_type_check" CHECK("directives"."type" IN ('conclusion_notice', 'directive', 'decision', 'plan', 'official_letter')),
	CONSTRAINT "directives_state_check" CHECK("directives"."state" IN ('draft', 'issued', 'closed')),
	CONSTRAINT "directives_confidential_check" CHECK("directives"."confidential" IN (0, 1)),
	CONSTRAINT "directives_issued_on_check" CHECK("directives"."issued_on" IS date("directives"."issued_on")),
	CONSTRAINT "directives_issued_needs_date" CHECK("directives"."state" = 'draft' OR "directives"."issued_on" IS NOT NULL)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `directives_issuer_number_unique` ON `directives` (`issuer`,`number`) WHERE "directives"."number" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `directives_committee_idx` ON `directives` (`committee_id`,`issued_on`);--> statement-breakpoint
CREATE INDEX `directives_meeting_idx` ON `directives` (`meeting_id`);--> statement-breakpoint
CREATE INDEX `directives_issued_on_idx` ON `directives` (`issued_on`);--> statement-breakpoint
CREATE TABLE `extension_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer NOT NULL,
	`requested_by` integer,
	`department_id` integer NOT NULL,
	`current_due_date` text NOT NULL,
	`proposed_due_date` text NOT NULL,
	`reason` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`decided_by` integer,
	`decided_at` integer,
	`decision_note` text,
	`approved_due_date` text,
	`idempotency_key` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "extension_requests_state_check" CHECK("extension_requests"."state" IN ('pending', 'approved', 'rejected', 'countered')),
	CONSTRAINT "extension_requests_current_check" CHECK("extension_requests"."current_due_date" IS date("extension_requests"."current_due_date")),
	CONSTRAINT "extension_requests_proposed_check" CHECK("extension_requests"."proposed_due_date" IS date("extension_requests"."proposed_due_date")),
	CONSTRAINT "extension_requests_approved_check" CHECK("extension_requests"."approved_due_date" IS date("extension_requests"."approved_due_date")),
	CONSTRAINT "extension_requests_later_date" CHECK("extension_requests"."proposed_due_date" > "extension_requests"."current_due_date"),
	CONSTRAINT "extension_requests_decision_complete" CHECK("extension_requests"."state" = 'pending' OR ("extension_requests"."decided_at" IS NOT NULL AND "extension_requests"."decided_by" IS NOT NULL)),
	CONSTRAINT "extension_requests_in_force_has_date" CHECK(("extension_requests"."state" IN ('approved', 'countered')) = ("extension_requests"."approved_due_date" IS NOT NULL)),
	CONSTRAINT "extension_requests_approved_later" CHECK("extension_requests"."approved_due_date" IS NULL OR "extension_requests"."approved_due_date" > "extension_requests"."current_due_date"),
	CONSTRAINT "extension_requests_rejection_reason" CHECK("extension_requests"."state" <> 'rejected' OR length(trim(coalesce("extension_requests"."decision_note", ''))) > 0)
);
--> statement-breakpoint
CREATE INDEX `extension_requests_task_idx` ON `extension_requests` (`task_id`,`decided_at`);--> statement-breakpoint
CREATE INDEX `extension_requests_state_idx` ON `extension_requests` (`state`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `extension_requests_one_pending` ON `extension_requests` (`task_id`) WHERE "extension_requests"."state" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX `extension_requests_idempotency_unique` ON `extension_requests` (`idempotency_key`) WHERE "extension_requests"."idempotency_key" IS NOT NULL;--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`committee_id` integer NOT NULL,
	`held_on` text NOT NULL,
	`title` text NOT NULL,
	`chair` text,
	`place` text,
	`attendees` text,
	`notes` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`committee_id`) REFERENCES `committees`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "meetings_held_on_check" CHECK("meetings"."held_on" IS date("meetings"."held_on"))
);
--> statement-breakpoint
CREATE INDEX `meetings_committee_idx` ON `meetings` (`committee_id`,`held_on`);--> statement-breakpoint
CREATE TABLE `progress_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer NOT NULL,
	`department_id` integer NOT NULL,
	`author_id` integer,
	`as_of_date` text NOT NULL,
	`percent` integer NOT NULL,
	`result` text NOT NULL,
	`difficulties` text,
	`proposals` text,
	`idempotency_key` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "progress_reports_percent_check" CHECK("progress_reports"."percent" BETWEEN 0 AND 100),
	CONSTRAINT "progress_reports_as_of_check" CHECK("progress_reports"."as_of_date" IS date("progress_reports"."as_of_date"))
);
--> statement-breakpoint
CREATE INDEX `progress_reports_task_idx` ON `progress_reports` (`task_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `progress_reports_department_idx` ON `progress_reports` (`department_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `progress_reports_idempotency_unique` ON `progress_reports` (`idempotency_key`) WHERE "progress_reports"."idempotency_key" IS NOT NULL;--> statement-breakpoint
CREATE TABLE `reminders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer NOT NULL,
	`department_id` integer NOT NULL,
	`kind` text NOT NULL,
	`ordinal` integer NOT NULL,
	`sent_by` integer,
	`sent_at` integer NOT NULL,
	`message` text,
	`resolved_at` integer,
	`dedupe_key` text,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sent_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "reminders_kind_check" CHECK("reminders"."kind" IN ('manual', 'automatic')),
	CONSTRAINT "reminders_ordinal_check" CHECK("reminders"."ordinal" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reminders_ordinal_unique` ON `reminders` (`task_id`,`department_id`,`ordinal`);--> statement-breakpoint
CREATE UNIQUE INDEX `reminders_dedupe_unique` ON `reminders` (`dedupe_key`) WHERE "reminders"."dedupe_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `reminders_department_idx` ON `reminders` (`department_id`,`sent_at`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	`ip_address` text,
	`user_agent` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `target_values` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`target_id` integer NOT NULL,
	`progress_report_id` integer,
	`value` real NOT NULL,
	`as_of_date` text NOT NULL,
	`recorded_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`target_id`) REFERENCES `targets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`progress_report_id`) REFERENCES `progress_reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "target_values_as_of_check" CHECK("target_values"."as_of_date" IS date("target_values"."as_of_date"))
);
--> statement-breakpoint
CREATE INDEX `target_values_target_idx` ON `target_values` (`target_id`,`as_of_date`);--> statement-breakpoint
CREATE TABLE `targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`name` text NOT NULL,
	`unit` text NOT NULL,
	`baseline` real,
	`target_value` real NOT NULL,
	`direction` text NOT NULL,
	`current_value` real,
	`due_date` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "targets_direction_check" CHECK("targets"."direction" IN ('at_least', 'at_most')),
	CONSTRAINT "targets_due_date_check" CHECK("targets"."due_date" IS date("targets"."due_date"))
);
--> statement-breakpoint
CREATE INDEX `targets_task_idx` ON `targets` (`task_id`,`position`);--> statement-breakpoint
CREATE TABLE `task_coordinators` (
	`task_id` integer NOT NULL,
	`department_id` integer NOT NULL,
	PRIMARY KEY(`task_id`, `department_id`),
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `task_coordinators_department_idx` ON `task_coordinators` (`department_id`,`task_id`);--> statement-breakpoint
CREATE TABLE `task_lead_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer NOT NULL,
	`department_id` integer NOT NULL,
	`from_at` integer NOT NULL,
	`until_at` integer,
	`assigned_by` integer,
	`reason` text,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `task_lead_assignments_task_idx` ON `task_lead_assignments` (`task_id`,`from_at`);--> statement-breakpoint
CREATE INDEX `task_lead_assignments_department_idx` ON `task_lead_assignments` (`department_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `task_lead_assignments_one_current` ON `task_lead_assignments` (`task_id`) WHERE "task_lead_assignments"."until_at" IS NULL;--> statement-breakpoint
CREATE TABLE `task_transitions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer NOT NULL,
	`from_state` text,
	`to_state` text NOT NULL,
	`changed_at` integer NOT NULL,
	`changed_by` integer,
	`reason` text,
	`completion_date` text,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`changed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "task_transitions_from_check" CHECK("task_transitions"."from_state" IS NULL OR "task_transitions"."from_state" IN ('open', 'in_progress', 'awaiting_confirmation', 'returned', 'done', 'on_hold', 'cancelled')),
	CONSTRAINT "task_transitions_to_check" CHECK("task_transitions"."to_state" IN ('open', 'in_progress', 'awaiting_confirmation', 'returned', 'done', 'on_hold', 'cancelled')),
	CONSTRAINT "task_transitions_completion_date_check" CHECK("task_transitions"."completion_date" IS date("task_transitions"."completion_date")),
	CONSTRAINT "task_transitions_completion_reported" CHECK("task_transitions"."to_state" NOT IN ('awaiting_confirmation', 'done') OR "task_transitions"."completion_date" IS NOT NULL)
);
--> statement-breakpoint
CREATE INDEX `task_transitions_task_idx` ON `task_transitions` (`task_id`,`changed_at`);--> statement-breakpoint
CREATE INDEX `task_transitions_changed_idx` ON `task_transitions` (`changed_at`);--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`directive_id` integer NOT NULL,
	`parent_id` integer,
	`item_number` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`title` text NOT NULL,
	`description` text,
	`lead_department_id` integer NOT NULL,
	`deadline_kind` text NOT NULL,
	`original_due_date` text,
	`current_due_date` text,
	`assigned_on` text NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`state_reason` text,
	`percent` integer DEFAULT 0 NOT NULL,
	`last_reported_at` integer,
	`completion_date` text,
	`completion_reported_at` integer,
	`completion_result` text,
	`confirmed_at` integer,
	`confirmed_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`directive_id`) REFERENCES `directives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`parent_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lead_department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`confirmed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tasks_deadline_kind_check" CHECK("tasks"."deadline_kind" IN ('dated', 'ongoing', 'none')),
	CONSTRAINT "tasks_state_check" CHECK("tasks"."state" IN ('open', 'in_progress', 'awaiting_confirmation', 'returned', 'done', 'on_hold', 'cancelled')),
	CONSTRAINT "tasks_dated_has_due_dates" CHECK(("tasks"."deadline_kind" = 'dated') = ("tasks"."original_due_date" IS NOT NULL AND "tasks"."current_due_date" IS NOT NULL)),
	CONSTRAINT "tasks_original_due_date_check" CHECK("tasks"."original_due_date" IS date("tasks"."original_due_date")),
	CONSTRAINT "tasks_current_due_date_check" CHECK("tasks"."current_due_date" IS date("tasks"."current_due_date")),
	CONSTRAINT "tasks_assigned_on_check" CHECK("tasks"."assigned_on" IS date("tasks"."assigned_on")),
	CONSTRAINT "tasks_completion_date_check" CHECK("tasks"."completion_date" IS date("tasks"."completion_date")),
	CONSTRAINT "tasks_percent_check" CHECK("tasks"."percent" BETWEEN 0 AND 100),
	CONSTRAINT "tasks_title_not_blank" CHECK(length(trim("tasks"."title")) > 0),
	CONSTRAINT "tasks_not_own_parent" CHECK("tasks"."parent_id" IS NULL OR "tasks"."parent_id" <> "tasks"."id"),
	CONSTRAINT "tasks_completion_reported" CHECK("tasks"."state" NOT IN ('awaiting_confirmation', 'done') OR "tasks"."completion_date" IS NOT NULL),
	CONSTRAINT "tasks_done_confirmed" CHECK("tasks"."state" <> 'done' OR "tasks"."confirmed_at" IS NOT NULL),
	CONSTRAINT "tasks_version_check" CHECK("tasks"."version" >= 1)
);
--> statement-breakpoint
CREATE INDEX `tasks_directive_idx` ON `tasks` (`directive_id`,`position`);--> statement-breakpoint
CREATE INDEX `tasks_parent_idx` ON `tasks` (`parent_id`);--> statement-breakpoint
CREATE INDEX `tasks_lead_state_idx` ON `tasks` (`lead_department_id`,`state`,`current_due_date`);--> statement-breakpoint
CREATE INDEX `tasks_open_due_idx` ON `tasks` (`current_due_date`,`lead_department_id`) WHERE "tasks"."state" NOT IN ('done', 'cancelled', 'on_hold');--> statement-breakpoint
CREATE INDEX `tasks_state_idx` ON `tasks` (`state`,`completion_date`);--> statement-breakpoint
CREATE INDEX `tasks_updated_idx` ON `tasks` (`updated_at`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`login` text NOT NULL,
	`display_name` text NOT NULL,
	`email` text,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`department_id` integer,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "users_role_check" CHECK("users"."role" IN ('admin', 'secretariat', 'leadership', 'dept_lead', 'dept_officer')),
	CONSTRAINT "users_active_check" CHECK("users"."active" IN (0, 1)),
	CONSTRAINT "users_department_role_check" CHECK("users"."role" NOT IN ('dept_lead', 'dept_officer') OR "users"."department_id" IS NOT NULL)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_login_unique` ON `users` (lower("login"));--> statement-breakpoint
CREATE INDEX `users_department_idx` ON `users` (`department_id`);