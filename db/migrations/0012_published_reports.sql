CREATE TABLE `published_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`cut_off` text NOT NULL,
	`scope` text NOT NULL,
	`content` text NOT NULL,
	`xlsx` blob NOT NULL,
	`csv` blob NOT NULL,
	`published_by` integer NOT NULL,
	`published_at` integer NOT NULL,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "published_reports_cut_off_check" CHECK("published_reports"."cut_off" IS date("published_reports"."cut_off")),
	CONSTRAINT "published_reports_title_not_blank" CHECK(length(trim("published_reports"."title")) > 0)
);
--> statement-breakpoint
CREATE INDEX `published_reports_cut_off_idx` ON `published_reports` (`cut_off`,`id`);--> statement-breakpoint
-- A published report never changes (app/models/published-reports.server.ts): its
-- downloads are the bytes stored when it was published.
CREATE TRIGGER published_reports_no_update
BEFORE UPDATE ON published_reports
BEGIN
  SELECT RAISE(ABORT, 'published_reports_append_only');
END;
--> statement-breakpoint
CREATE TRIGGER published_reports_no_delete
BEFORE DELETE ON published_reports
BEGIN
  SELECT RAISE(ABORT, 'published_reports_append_only');
END;
