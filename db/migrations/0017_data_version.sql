CREATE TABLE `data_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	CONSTRAINT "data_version_one_row" CHECK("data_version"."id" = 1)
);
--> statement-breakpoint
INSERT INTO data_version (id, version) VALUES (1, 0);
--> statement-breakpoint
-- Every write to what pages are computed from bumps the version (row by row: cheap,
-- and the same transaction). Left out: bookkeeping (sessions, login_attempts,
-- login_devices, audit_events, notifications, api_tokens), the stored status facts
-- (derived from the tables here, rebuilt with them) and, for users, the columns no page
-- shows (password, language, timestamps). A new table a page reads needs its triggers
-- here too: tests/integration/data-version.test.ts lists every table.
CREATE TRIGGER data_version_settings_insert AFTER INSERT ON settings
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_settings_update AFTER UPDATE ON settings
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_settings_delete AFTER DELETE ON settings
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_departments_insert AFTER INSERT ON departments
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_departments_update AFTER UPDATE ON departments
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_departments_delete AFTER DELETE ON departments
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_calendar_days_insert AFTER INSERT ON calendar_days
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_calendar_days_update AFTER UPDATE ON calendar_days
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_calendar_days_delete AFTER DELETE ON calendar_days
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_unit_groups_insert AFTER INSERT ON unit_groups
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_unit_groups_update AFTER UPDATE ON unit_groups
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_unit_groups_delete AFTER DELETE ON unit_groups
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_unit_group_members_insert AFTER INSERT ON unit_group_members
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_unit_group_members_update AFTER UPDATE ON unit_group_members
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_unit_group_members_delete AFTER DELETE ON unit_group_members
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_committees_insert AFTER INSERT ON committees
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_committees_update AFTER UPDATE ON committees
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_committees_delete AFTER DELETE ON committees
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_meetings_insert AFTER INSERT ON meetings
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_meetings_update AFTER UPDATE ON meetings
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_meetings_delete AFTER DELETE ON meetings
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_directives_insert AFTER INSERT ON directives
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_directives_update AFTER UPDATE ON directives
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_directives_delete AFTER DELETE ON directives
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_directive_state_changes_insert AFTER INSERT ON directive_state_changes
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_directive_state_changes_update AFTER UPDATE ON directive_state_changes
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_directive_state_changes_delete AFTER DELETE ON directive_state_changes
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_tasks_insert AFTER INSERT ON tasks
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_tasks_update AFTER UPDATE ON tasks
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_tasks_delete AFTER DELETE ON tasks
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_task_coordinators_insert AFTER INSERT ON task_coordinators
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_task_coordinators_update AFTER UPDATE ON task_coordinators
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_task_coordinators_delete AFTER DELETE ON task_coordinators
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_task_transitions_insert AFTER INSERT ON task_transitions
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_task_transitions_update AFTER UPDATE ON task_transitions
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_task_transitions_delete AFTER DELETE ON task_transitions
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_task_coordinator_spans_insert AFTER INSERT ON task_coordinator_spans
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_task_coordinator_spans_update AFTER UPDATE ON task_coordinator_spans
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_task_coordinator_spans_delete AFTER DELETE ON task_coordinator_spans
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_task_lead_assignments_insert AFTER INSERT ON task_lead_assignments
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_task_lead_assignments_update AFTER UPDATE ON task_lead_assignments
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_task_lead_assignments_delete AFTER DELETE ON task_lead_assignments
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_targets_insert AFTER INSERT ON targets
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_targets_update AFTER UPDATE ON targets
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_targets_delete AFTER DELETE ON targets
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_progress_reports_insert AFTER INSERT ON progress_reports
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_progress_reports_update AFTER UPDATE ON progress_reports
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_progress_reports_delete AFTER DELETE ON progress_reports
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_target_values_insert AFTER INSERT ON target_values
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_target_values_update AFTER UPDATE ON target_values
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_target_values_delete AFTER DELETE ON target_values
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_extension_requests_insert AFTER INSERT ON extension_requests
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_extension_requests_update AFTER UPDATE ON extension_requests
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_extension_requests_delete AFTER DELETE ON extension_requests
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_task_deadline_changes_insert AFTER INSERT ON task_deadline_changes
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_task_deadline_changes_update AFTER UPDATE ON task_deadline_changes
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_task_deadline_changes_delete AFTER DELETE ON task_deadline_changes
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_comments_insert AFTER INSERT ON comments
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_comments_update AFTER UPDATE ON comments
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_comments_delete AFTER DELETE ON comments
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_reminders_insert AFTER INSERT ON reminders
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_reminders_update AFTER UPDATE ON reminders
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_reminders_delete AFTER DELETE ON reminders
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_attachments_insert AFTER INSERT ON attachments
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_attachments_update AFTER UPDATE ON attachments
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_attachments_delete AFTER DELETE ON attachments
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_published_reports_insert AFTER INSERT ON published_reports
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_published_reports_update AFTER UPDATE ON published_reports
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_published_reports_delete AFTER DELETE ON published_reports
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_users_insert AFTER INSERT ON users
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_users_update AFTER UPDATE OF login, display_name, email, role, department_id, active ON users
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_users_delete AFTER DELETE ON users
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
