CREATE TABLE `directive_state_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`directive_id` integer NOT NULL,
	`state` text NOT NULL,
	`effective_at` integer NOT NULL,
	`recorded_at` integer,
	`changed_by` integer,
	FOREIGN KEY (`directive_id`) REFERENCES `directives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`changed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "directive_state_changes_state_check" CHECK("directive_state_changes"."state" IN ('draft', 'issued', 'closed'))
);
--> statement-breakpoint
CREATE INDEX `directive_state_changes_directive_idx` ON `directive_state_changes` (`directive_id`,`effective_at`);--> statement-breakpoint
CREATE TABLE `task_coordinator_spans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer NOT NULL,
	`department_id` integer NOT NULL,
	`from_at` integer NOT NULL,
	`recorded_at` integer,
	`until_at` integer,
	`until_recorded_at` integer,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "task_coordinator_spans_order_check" CHECK("task_coordinator_spans"."until_at" IS NULL OR "task_coordinator_spans"."until_at" >= "task_coordinator_spans"."from_at")
);
--> statement-breakpoint
CREATE INDEX `task_coordinator_spans_task_idx` ON `task_coordinator_spans` (`task_id`,`from_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `task_coordinator_spans_one_open` ON `task_coordinator_spans` (`task_id`,`department_id`) WHERE "task_coordinator_spans"."until_at" IS NULL;--> statement-breakpoint
-- Today's coordinators become the first period of each: from the task's assignment
-- day (the start of that day in Asia/Ho_Chi_Minh, UTC+7), recorded when the task was
-- entered if that was later — the rule the lead's first assignment follows.
INSERT INTO task_coordinator_spans (task_id, department_id, from_at, recorded_at)
SELECT c.task_id, c.department_id,
  min(t.created_at, CAST((julianday(t.assigned_on) - 2440587.5) * 86400000 AS INTEGER) - 25200000),
  CASE WHEN CAST((julianday(t.assigned_on) - 2440587.5) * 86400000 AS INTEGER) - 25200000 < t.created_at
    THEN t.created_at END
FROM task_coordinators c JOIN tasks t ON t.id = c.task_id;
--> statement-breakpoint
-- Each issued or closed directive was issued on its issue day, recorded when the audit
-- log says it was issued (or when it was entered).
INSERT INTO directive_state_changes (directive_id, state, effective_at, recorded_at, changed_by)
SELECT d.id, 'issued',
  min(r.at, CAST((julianday(d.issued_on) - 2440587.5) * 86400000 AS INTEGER) - 25200000),
  CASE WHEN CAST((julianday(d.issued_on) - 2440587.5) * 86400000 AS INTEGER) - 25200000 < r.at THEN r.at END,
  r.actor_id
FROM directives d
JOIN (
  SELECT d2.id AS directive_id,
    coalesce((SELECT min(a.at) FROM audit_events a
      WHERE a.entity_type = 'directive' AND a.entity_id = CAST(d2.id AS TEXT) AND a.action = 'directive.issue'), d2.created_at) AS at,
    (SELECT a.actor_id FROM audit_events a
      WHERE a.entity_type = 'directive' AND a.entity_id = CAST(d2.id AS TEXT) AND a.action = 'directive.issue'
      ORDER BY a.at LIMIT 1) AS actor_id
  FROM directives d2
) r ON r.directive_id = d.id
WHERE d.state <> 'draft' AND d.issued_on IS NOT NULL;
--> statement-breakpoint
-- Closings and reopenings as the audit log has them.
INSERT INTO directive_state_changes (directive_id, state, effective_at, changed_by)
SELECT CAST(a.entity_id AS INTEGER), CASE a.action WHEN 'directive.close' THEN 'closed' ELSE 'issued' END, a.at, a.actor_id
FROM audit_events a
WHERE a.entity_type = 'directive' AND a.action IN ('directive.close', 'directive.reopen')
  AND EXISTS (SELECT 1 FROM directives d WHERE d.id = CAST(a.entity_id AS INTEGER))
ORDER BY a.at, a.id;
--> statement-breakpoint
-- A closed directive whose closing the audit log does not hold was closed at its last update.
INSERT INTO directive_state_changes (directive_id, state, effective_at)
SELECT d.id, 'closed', d.updated_at FROM directives d
WHERE d.state = 'closed'
  AND NOT EXISTS (SELECT 1 FROM directive_state_changes s WHERE s.directive_id = d.id AND s.state = 'closed');
--> statement-breakpoint
-- The periods follow today's set whoever writes it. The app opens and closes a period
-- with its own times before it changes the set (app/models/coordinators.server.ts), so
-- these only act on a write that did not: a coordinator inserted with its task (a seed,
-- a script) counts from the assignment, as above; one removed counts until now.
CREATE TRIGGER task_coordinator_spans_open
AFTER INSERT ON task_coordinators
WHEN NOT EXISTS (SELECT 1 FROM task_coordinator_spans s
  WHERE s.task_id = NEW.task_id AND s.department_id = NEW.department_id AND s.until_at IS NULL)
BEGIN
  INSERT INTO task_coordinator_spans (task_id, department_id, from_at, recorded_at)
  SELECT t.id, NEW.department_id,
    min(t.created_at, CAST((julianday(t.assigned_on) - 2440587.5) * 86400000 AS INTEGER) - 25200000),
    CASE WHEN CAST((julianday(t.assigned_on) - 2440587.5) * 86400000 AS INTEGER) - 25200000 < t.created_at
      THEN t.created_at END
  FROM tasks t WHERE t.id = NEW.task_id;
END;
--> statement-breakpoint
CREATE TRIGGER task_coordinator_spans_close
AFTER DELETE ON task_coordinators
BEGIN
  UPDATE task_coordinator_spans SET until_at = max(from_at, CAST(unixepoch('subsec') * 1000 AS INTEGER))
  WHERE task_id = OLD.task_id AND department_id = OLD.department_id AND until_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER task_coordinator_spans_move
AFTER UPDATE OF task_id, department_id ON task_coordinators
BEGIN
  UPDATE task_coordinator_spans SET until_at = max(from_at, CAST(unixepoch('subsec') * 1000 AS INTEGER))
  WHERE task_id = OLD.task_id AND department_id = OLD.department_id AND until_at IS NULL;
  INSERT INTO task_coordinator_spans (task_id, department_id, from_at)
  SELECT NEW.task_id, NEW.department_id, CAST(unixepoch('subsec') * 1000 AS INTEGER)
  WHERE NOT EXISTS (SELECT 1 FROM task_coordinator_spans s
    WHERE s.task_id = NEW.task_id AND s.department_id = NEW.department_id AND s.until_at IS NULL);
END;
--> statement-breakpoint
-- The app enters a directive as a draft and records each change of state itself
-- (app/models/directive-states.server.ts); a directive inserted already issued (a seed,
-- a script) was issued on its issue day, as above.
CREATE TRIGGER directive_state_changes_on_insert
AFTER INSERT ON directives
WHEN NEW.state <> 'draft' AND NEW.issued_on IS NOT NULL
BEGIN
  INSERT INTO directive_state_changes (directive_id, state, effective_at, recorded_at, changed_by)
  VALUES (NEW.id, 'issued',
    min(NEW.created_at, CAST((julianday(NEW.issued_on) - 2440587.5) * 86400000 AS INTEGER) - 25200000),
    CASE WHEN CAST((julianday(NEW.issued_on) - 2440587.5) * 86400000 AS INTEGER) - 25200000 < NEW.created_at
      THEN NEW.created_at END,
    NEW.created_by);
  INSERT INTO directive_state_changes (directive_id, state, effective_at, changed_by)
  SELECT NEW.id, 'closed', max(NEW.created_at, NEW.updated_at), NEW.created_by WHERE NEW.state = 'closed';
END;
