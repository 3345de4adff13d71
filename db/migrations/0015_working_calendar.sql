CREATE TABLE `calendar_days` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`day` text NOT NULL,
	`kind` text NOT NULL,
	`occasion` text NOT NULL,
	`source` text NOT NULL,
	`note` text,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "calendar_days_day_check" CHECK("calendar_days"."day" IS date("calendar_days"."day")),
	CONSTRAINT "calendar_days_kind_check" CHECK("calendar_days"."kind" IN ('holiday', 'compensatory', 'swapped_off', 'working_day')),
	CONSTRAINT "calendar_days_occasion_check" CHECK("calendar_days"."occasion" IN ('new_year', 'lunar_new_year', 'hung_kings', 'reunification', 'labour_day', 'national_day', 'other')),
	CONSTRAINT "calendar_days_source_check" CHECK("calendar_days"."source" IN ('rule', 'announced')),
	CONSTRAINT "calendar_days_working_day_on_weekend" CHECK("calendar_days"."kind" <> 'working_day' OR strftime('%w', "calendar_days"."day") IN ('0', '6'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_days_day_unique` ON `calendar_days` (`day`);
--> statement-breakpoint
-- The statutory days off of 2019–2030 and their compensatory days, as app/domain/public-holidays.ts
-- computes them (statutoryCalendarDays); tests/integration/working-calendar.test.ts checks these rows against it.
INSERT INTO `calendar_days` (`day`, `kind`, `occasion`, `source`) VALUES
('2019-01-01', 'holiday', 'new_year', 'rule'),
('2019-02-03', 'holiday', 'lunar_new_year', 'rule'),
('2019-02-04', 'holiday', 'lunar_new_year', 'rule'),
('2019-02-05', 'holiday', 'lunar_new_year', 'rule'),
('2019-02-06', 'holiday', 'lunar_new_year', 'rule'),
('2019-02-07', 'holiday', 'lunar_new_year', 'rule'),
('2019-02-08', 'compensatory', 'lunar_new_year', 'rule'),
('2019-04-14', 'holiday', 'hung_kings', 'rule'),
('2019-04-15', 'compensatory', 'hung_kings', 'rule'),
('2019-04-30', 'holiday', 'reunification', 'rule'),
('2019-05-01', 'holiday', 'labour_day', 'rule'),
('2019-09-02', 'holiday', 'national_day', 'rule');
--> statement-breakpoint
INSERT INTO `calendar_days` (`day`, `kind`, `occasion`, `source`) VALUES
('2020-01-01', 'holiday', 'new_year', 'rule'),
('2020-01-23', 'holiday', 'lunar_new_year', 'rule'),
('2020-01-24', 'holiday', 'lunar_new_year', 'rule'),
('2020-01-25', 'holiday', 'lunar_new_year', 'rule'),
('2020-01-26', 'holiday', 'lunar_new_year', 'rule'),
('2020-01-27', 'holiday', 'lunar_new_year', 'rule'),
('2020-01-28', 'compensatory', 'lunar_new_year', 'rule'),
('2020-01-29', 'compensatory', 'lunar_new_year', 'rule'),
('2020-04-02', 'holiday', 'hung_kings', 'rule'),
('2020-04-30', 'holiday', 'reunification', 'rule'),
('2020-05-01', 'holiday', 'labour_day', 'rule'),
('2020-09-02', 'holiday', 'national_day', 'rule');
--> statement-breakpoint
INSERT INTO `calendar_days` (`day`, `kind`, `occasion`, `source`) VALUES
('2021-01-01', 'holiday', 'new_year', 'rule'),
('2021-02-10', 'holiday', 'lunar_new_year', 'rule'),
('2021-02-11', 'holiday', 'lunar_new_year', 'rule'),
('2021-02-12', 'holiday', 'lunar_new_year', 'rule'),
('2021-02-13', 'holiday', 'lunar_new_year', 'rule'),
('2021-02-14', 'holiday', 'lunar_new_year', 'rule'),
('2021-02-15', 'compensatory', 'lunar_new_year', 'rule'),
('2021-02-16', 'compensatory', 'lunar_new_year', 'rule'),
('2021-04-21', 'holiday', 'hung_kings', 'rule'),
('2021-04-30', 'holiday', 'reunification', 'rule'),
('2021-05-01', 'holiday', 'labour_day', 'rule'),
('2021-05-03', 'compensatory', 'labour_day', 'rule'),
('2021-09-02', 'holiday', 'national_day', 'rule'),
('2021-09-03', 'holiday', 'national_day', 'rule');
--> statement-breakpoint
INSERT INTO `calendar_days` (`day`, `kind`, `occasion`, `source`) VALUES
('2022-01-01', 'holiday', 'new_year', 'rule'),
('2022-01-03', 'compensatory', 'new_year', 'rule'),
('2022-01-30', 'holiday', 'lunar_new_year', 'rule'),
('2022-01-31', 'holiday', 'lunar_new_year', 'rule'),
('2022-02-01', 'holiday', 'lunar_new_year', 'rule'),
('2022-02-02', 'holiday', 'lunar_new_year', 'rule'),
('2022-02-03', 'holiday', 'lunar_new_year', 'rule'),
('2022-02-04', 'compensatory', 'lunar_new_year', 'rule'),
('2022-04-10', 'holiday', 'hung_kings', 'rule'),
('2022-04-11', 'compensatory', 'hung_kings', 'rule'),
('2022-04-30', 'holiday', 'reunification', 'rule'),
('2022-05-01', 'holiday', 'labour_day', 'rule'),
('2022-05-02', 'compensatory', 'reunification', 'rule'),
('2022-05-03', 'compensatory', 'labour_day', 'rule'),
('2022-09-01', 'holiday', 'national_day', 'rule'),
('2022-09-02', 'holiday', 'national_day', 'rule');
--> statement-breakpoint
INSERT INTO `calendar_days` (`day`, `kind`, `occasion`, `source`) VALUES
('2023-01-01', 'holiday', 'new_year', 'rule'),
('2023-01-02', 'compensatory', 'new_year', 'rule'),
('2023-01-20', 'holiday', 'lunar_new_year', 'rule'),
('2023-01-21', 'holiday', 'lunar_new_year', 'rule'),
('2023-01-22', 'holiday', 'lunar_new_year', 'rule'),
('2023-01-23', 'holiday', 'lunar_new_year', 'rule'),
('2023-01-24', 'holiday', 'lunar_new_year', 'rule'),
('2023-01-25', 'compensatory', 'lunar_new_year', 'rule'),
('2023-01-26', 'compensatory', 'lunar_new_year', 'rule'),
('2023-04-29', 'holiday', 'hung_kings', 'rule'),
('2023-04-30', 'holiday', 'reunification', 'rule'),
('2023-05-01', 'holiday', 'labour_day', 'rule'),
('2023-05-02', 'compensatory', 'hung_kings', 'rule'),
('2023-05-03', 'compensatory', 'reunification', 'rule'),
('2023-09-01', 'holiday', 'national_day', 'rule'),
('2023-09-02', 'holiday', 'national_day', 'rule'),
('2023-09-04', 'compensatory', 'national_day', 'rule');
--> statement-breakpoint
INSERT INTO `calendar_days` (`day`, `kind`, `occasion`, `source`) VALUES
('2024-01-01', 'holiday', 'new_year', 'rule'),
('2024-02-08', 'holiday', 'lunar_new_year', 'rule'),
('2024-02-09', 'holiday', 'lunar_new_year', 'rule'),
('2024-02-10', 'holiday', 'lunar_new_year', 'rule'),
('2024-02-11', 'holiday', 'lunar_new_year', 'rule'),
('2024-02-12', 'holiday', 'lunar_new_year', 'rule'),
('2024-02-13', 'compensatory', 'lunar_new_year', 'rule'),
('2024-02-14', 'compensatory', 'lunar_new_year', 'rule'),
('2024-04-18', 'holiday', 'hung_kings', 'rule'),
('2024-04-30', 'holiday', 'reunification', 'rule'),
('2024-05-01', 'holiday', 'labour_day', 'rule'),
('2024-09-02', 'holiday', 'national_day', 'rule'),
('2024-09-03', 'holiday', 'national_day', 'rule');
--> statement-breakpoint
INSERT INTO `calendar_days` (`day`, `kind`, `occasion`, `source`) VALUES
('2025-01-01', 'holiday', 'new_year', 'rule'),
('2025-01-27', 'holiday', 'lunar_new_year', 'rule'),
('2025-01-28', 'holiday', 'lunar_new_year', 'rule'),
('2025-01-29', 'holiday', 'lunar_new_year', 'rule'),
('2025-01-30', 'holiday', 'lunar_new_year', 'rule'),
('2025-01-31', 'holiday', 'lunar_new_year', 'rule'),
('2025-04-07', 'holiday', 'hung_kings', 'rule'),
('2025-04-30', 'holiday', 'reunification', 'rule'),
('2025-05-01', 'holiday', 'labour_day', 'rule'),
('2025-09-01', 'holiday', 'national_day', 'rule'),
('2025-09-02', 'holiday', 'national_day', 'rule');
--> statement-breakpoint
INSERT INTO `calendar_days` (`day`, `kind`, `occasion`, `source`) VALUES
('2026-01-01', 'holiday', 'new_year', 'rule'),
('2026-02-15', 'holiday', 'lunar_new_year', 'rule'),
('2026-02-16', 'holiday', 'lunar_new_year', 'rule'),
('2026-02-17', 'holiday', 'lunar_new_year', 'rule'),
('2026-02-18', 'holiday', 'lunar_new_year', 'rule'),
('2026-02-19', 'holiday', 'lunar_new_year', 'rule'),
('2026-02-20', 'compensatory', 'lunar_new_year', 'rule'),
('2026-04-26', 'holiday', 'hung_kings', 'rule'),
('2026-04-27', 'compensatory', 'hung_kings', 'rule'),
('2026-04-30', 'holiday', 'reunification', 'rule'),
('2026-05-01', 'holiday', 'labour_day', 'rule'),
('2026-09-02', 'holiday', 'national_day', 'rule'),
('2026-09-03', 'holiday', 'national_day', 'rule');
--> statement-breakpoint
INSERT INTO `calendar_days` (`day`, `kind`, `occasion`, `source`) VALUES
('2027-01-01', 'holiday', 'new_year', 'rule'),
('2027-02-04', 'holiday', 'lunar_new_year', 'rule'),
('2027-02-05', 'holiday', 'lunar_new_year', 'rule'),
('2027-02-06', 'holiday', 'lunar_new_year', 'rule'),
('2027-02-07', 'holiday', 'lunar_new_year', 'rule'),
('2027-02-08', 'holiday', 'lunar_new_year', 'rule'),
('2027-02-09', 'compensatory', 'lunar_new_year', 'rule'),
('2027-02-10', 'compensatory', 'lunar_new_year', 'rule'),
('2027-04-16', 'holiday', 'hung_kings', 'rule'),
('2027-04-30', 'holiday', 'reunification', 'rule'),
('2027-05-01', 'holiday', 'labour_day', 'rule'),
('2027-05-03', 'compensatory', 'labour_day', 'rule'),
('2027-09-02', 'holiday', 'national_day', 'rule'),
('2027-09-03', 'holiday', 'national_day', 'rule');
--> statement-breakpoint
INSERT INTO `calendar_days` (`day`, `kind`, `occasion`, `source`) VALUES
('2028-01-01', 'holiday', 'new_year', 'rule'),
('2028-01-03', 'compensatory', 'new_year', 'rule'),
('2028-01-24', 'holiday', 'lunar_new_year', 'rule'),
('2028-01-25', 'holiday', 'lunar_new_year', 'rule'),
('2028-01-26', 'holiday', 'lunar_new_year', 'rule'),
('2028-01-27', 'holiday', 'lunar_new_year', 'rule'),
('2028-01-28', 'holiday', 'lunar_new_year', 'rule'),
('2028-04-04', 'holiday', 'hung_kings', 'rule'),
('2028-04-30', 'holiday', 'reunification', 'rule'),
('2028-05-01', 'holiday', 'labour_day', 'rule'),
('2028-05-02', 'compensatory', 'reunification', 'rule'),
('2028-09-01', 'holiday', 'national_day', 'rule'),
('2028-09-02', 'holiday', 'national_day', 'rule'),
('2028-09-04', 'compensatory', 'national_day', 'rule');
--> statement-breakpoint
INSERT INTO `calendar_days` (`day`, `kind`, `occasion`, `source`) VALUES
('2029-01-01', 'holiday', 'new_year', 'rule'),
('2029-02-11', 'holiday', 'lunar_new_year', 'rule'),
('2029-02-12', 'holiday', 'lunar_new_year', 'rule'),
('2029-02-13', 'holiday', 'lunar_new_year', 'rule'),
('2029-02-14', 'holiday', 'lunar_new_year', 'rule'),
('2029-02-15', 'holiday', 'lunar_new_year', 'rule'),
('2029-02-16', 'compensatory', 'lunar_new_year', 'rule'),
('2029-04-23', 'holiday', 'hung_kings', 'rule'),
('2029-04-30', 'holiday', 'reunification', 'rule'),
('2029-05-01', 'holiday', 'labour_day', 'rule'),
('2029-09-02', 'holiday', 'national_day', 'rule'),
('2029-09-03', 'holiday', 'national_day', 'rule'),
('2029-09-04', 'compensatory', 'national_day', 'rule');
--> statement-breakpoint
INSERT INTO `calendar_days` (`day`, `kind`, `occasion`, `source`) VALUES
('2030-01-01', 'holiday', 'new_year', 'rule'),
('2030-01-31', 'holiday', 'lunar_new_year', 'rule'),
('2030-02-01', 'holiday', 'lunar_new_year', 'rule'),
('2030-02-02', 'holiday', 'lunar_new_year', 'rule'),
('2030-02-03', 'holiday', 'lunar_new_year', 'rule'),
('2030-02-04', 'holiday', 'lunar_new_year', 'rule'),
('2030-02-05', 'compensatory', 'lunar_new_year', 'rule'),
('2030-02-06', 'compensatory', 'lunar_new_year', 'rule'),
('2030-04-12', 'holiday', 'hung_kings', 'rule'),
('2030-04-30', 'holiday', 'reunification', 'rule'),
('2030-05-01', 'holiday', 'labour_day', 'rule'),
('2030-09-02', 'holiday', 'national_day', 'rule'),
('2030-09-03', 'holiday', 'national_day', 'rule');
