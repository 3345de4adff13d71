CREATE TABLE `login_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`login` text NOT NULL,
	`ip_address` text NOT NULL,
	`at` integer NOT NULL,
	`succeeded` integer NOT NULL,
	CONSTRAINT "login_attempts_succeeded_check" CHECK("login_attempts"."succeeded" IN (0, 1))
);
--> statement-breakpoint
CREATE INDEX `login_attempts_login_idx` ON `login_attempts` (`login`,`at`);--> statement-breakpoint
CREATE INDEX `login_attempts_ip_idx` ON `login_attempts` (`ip_address`,`at`);