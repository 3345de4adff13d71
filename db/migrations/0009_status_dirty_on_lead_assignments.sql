-- The stored status spans carry the lead department of their days, read from
-- task_lead_assignments (app/models/status-facts.server.ts, STATUS_FACTS_VERSION 2):
-- a change to a task's assignments marks it for a refresh, like any other write to
-- its history (0006). The app also updates tasks.lead_department_id in the same
-- transaction; these keep a change made outside the app exact too.
CREATE TRIGGER task_status_dirty_lead_insert
AFTER INSERT ON task_lead_assignments
BEGIN
  INSERT OR IGNORE INTO task_status_dirty (task_id) VALUES (NEW.task_id);
END;
--> statement-breakpoint
CREATE TRIGGER task_status_dirty_lead_update
AFTER UPDATE OF task_id, department_id, from_at ON task_lead_assignments
BEGIN
  INSERT OR IGNORE INTO task_status_dirty (task_id) VALUES (NEW.task_id);
  INSERT OR IGNORE INTO task_status_dirty (task_id) VALUES (OLD.task_id);
END;
--> statement-breakpoint
CREATE TRIGGER task_status_dirty_lead_delete
AFTER DELETE ON task_lead_assignments
BEGIN
  INSERT OR IGNORE INTO task_status_dirty (task_id) VALUES (OLD.task_id);
END;
--> statement-breakpoint
-- Stored spans built before this migration carry the task's current lead on every
-- day: version < 2, rebuilt at start-up (ensureTaskStatusFacts); until then every
-- reader computes from history. With no span stored yet (a new database, or one
-- whose tasks are all still marked), nothing is wrong, and every refresh from now on
-- cuts the spans by lead: version 2 (STATUS_FACTS_VERSION).
UPDATE `task_status_meta` SET `version` = 2 WHERE NOT EXISTS (SELECT 1 FROM `task_status_spans`);
