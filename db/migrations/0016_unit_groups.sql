CREATE TABLE `unit_group_members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`group_id` integer NOT NULL,
	`department_id` integer NOT NULL,
	`from_day` text NOT NULL,
	`until_day` text,
	`added_by` integer,
	`ended_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `unit_groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`added_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ended_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "unit_group_members_from_day_check" CHECK("unit_group_members"."from_day" IS date("unit_group_members"."from_day")),
	CONSTRAINT "unit_group_members_until_day_check" CHECK("unit_group_members"."until_day" IS NULL OR ("unit_group_members"."until_day" IS date("unit_group_members"."until_day") AND "unit_group_members"."until_day" > "unit_group_members"."from_day"))
);
--> statement-breakpoint
CREATE INDEX `unit_group_members_group_idx` ON `unit_group_members` (`group_id`,`from_day`);--> statement-breakpoint
CREATE INDEX `unit_group_members_department_idx` ON `unit_group_members` (`department_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `unit_group_members_open_unique` ON `unit_group_members` (`group_id`,`department_id`) WHERE "unit_group_members"."until_day" IS NULL;--> statement-breakpoint
CREATE TABLE `unit_groups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`builtin_kind` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "unit_groups_builtin_kind_check" CHECK("unit_groups"."builtin_kind" IS NULL OR "unit_groups"."builtin_kind" IN ('department', 'district', 'enterprise', 'other')),
	CONSTRAINT "unit_groups_name_not_blank" CHECK(length(trim("unit_groups"."name")) > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `unit_groups_name_unique` ON `unit_groups` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `unit_groups_builtin_kind_unique` ON `unit_groups` (`builtin_kind`);--> statement-breakpoint
-- The built-in groups, one per department kind (DEPARTMENT_KINDS in app/domain/vocabulary.ts;
-- tests/integration/unit-groups.test.ts checks that every kind has one). Their members are
-- computed from the departments table; the name shown is translated by kind.
INSERT INTO `unit_groups` (`name`, `builtin_kind`) VALUES
('Các sở, ban, ngành', 'department'),
('UBND các quận, huyện, thị xã', 'district'),
('Các doanh nghiệp', 'enterprise'),
('Các cơ quan, đơn vị khác', 'other');
