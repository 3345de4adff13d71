-- Rules that span rows or forbid changes, which CHECK constraints cannot express.
-- Hand-written (drizzle-kit generate --custom); drizzle-kit does not manage triggers.

-- A coordinating department is never also the lead (DESIGN §5).
CREATE TRIGGER task_coordinators_not_lead_insert
BEFORE INSERT ON task_coordinators
WHEN NEW.department_id = (SELECT lead_department_id FROM tasks WHERE id = NEW.task_id)
BEGIN
  SELECT RAISE(ABORT, 'coordinator_is_lead');
END;
--> statement-breakpoint
CREATE TRIGGER task_coordinators_not_lead_update
BEFORE UPDATE ON task_coordinators
WHEN NEW.department_id = (SELECT lead_department_id FROM tasks WHERE id = NEW.task_id)
BEGIN
  SELECT RAISE(ABORT, 'coordinator_is_lead');
END;
--> statement-breakpoint
CREATE TRIGGER tasks_lead_not_coordinator
BEFORE UPDATE OF lead_department_id ON tasks
WHEN EXISTS (
  SELECT 1 FROM task_coordinators
  WHERE task_id = NEW.id AND department_id = NEW.lead_department_id
)
BEGIN
  SELECT RAISE(ABORT, 'coordinator_is_lead');
END;
--> statement-breakpoint
-- The audit log is append-only: the application never edits or deletes it.
CREATE TRIGGER audit_events_no_update
BEFORE UPDATE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit_events_append_only');
END;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_delete
BEFORE DELETE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit_events_append_only');
END;
--> statement-breakpoint
-- Progress reports are append-only: a correction is a new report (DESIGN §3).
CREATE TRIGGER progress_reports_no_update
BEFORE UPDATE ON progress_reports
BEGIN
  SELECT RAISE(ABORT, 'progress_reports_append_only');
END;
--> statement-breakpoint
CREATE TRIGGER progress_reports_no_delete
BEFORE DELETE ON progress_reports
BEGIN
  SELECT RAISE(ABORT, 'progress_reports_append_only');
END;
--> statement-breakpoint
-- Workflow history is what past statuses are computed from: it is never rewritten.
CREATE TRIGGER task_transitions_no_update
BEFORE UPDATE ON task_transitions
BEGIN
  SELECT RAISE(ABORT, 'task_transitions_append_only');
END;
--> statement-breakpoint
CREATE TRIGGER task_transitions_no_delete
BEFORE DELETE ON task_transitions
BEGIN
  SELECT RAISE(ABORT, 'task_transitions_append_only');
END;
