DROP INDEX IF EXISTS `extension_requests_state_idx`;--> statement-breakpoint
DROP INDEX IF EXISTS `extension_requests_decided_idx`;--> statement-breakpoint
CREATE INDEX `extension_requests_state_idx` ON `extension_requests` (`state`,`created_at`,`task_id`,`department_id`,`proposed_due_date`);--> statement-breakpoint
CREATE INDEX `extension_requests_decided_idx` ON `extension_requests` (`decided_at`,`created_at`,`task_id`,`department_id`,`proposed_due_date`);