// Who may do what (docs/domain-rules.md §1 and §5). One table, read by every loader and action
// on the server (app/server/auth.server.ts) and by the UI only to hide what a user
// cannot do. Pure: no I/O, safe in the browser.
import type { Role } from "./vocabulary";

/**
 * How far a permission reaches:
 * - `all`: every record the role can see;
 * - `own_department`: records where the user's department is the lead or a coordinator;
 * - `lead_department`: records where the user's department is the lead.
 */
export type Scope = "all" | "own_department" | "lead_department";

export const PERMISSIONS = [
  // reading
  "dashboard.read",
  "directive.read",
  "task.read",
  "department.read",
  "audit.read",
  // secretariat's desk
  "directive.write",
  "task.write",
  "reminder.send",
  // department's desk
  "progress.report",
  "extension.request",
  "completion.report",
  "comment.write",
  // decisions
  "extension.decide",
  "completion.decide",
  // deadline changes and records entered after the fact (nhập bổ sung)
  "history.enter",
  // published period reports (chốt số liệu)
  "report.read",
  "report.publish",
  // administration
  "user.manage",
  "department.manage",
  "settings.manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The permission table. A permission a role does not list is denied. */
export const PERMISSION_TABLE: Record<Role, Partial<Record<Permission, Scope>>> = {
  admin: {
    "dashboard.read": "all",
    "directive.read": "all",
    "task.read": "all",
    "department.read": "all",
    "audit.read": "all",
    "user.manage": "all",
    "department.manage": "all",
    "settings.manage": "all",
    "history.enter": "all",
    "report.read": "all",
  },
  secretariat: {
    "dashboard.read": "all",
    "directive.read": "all",
    "task.read": "all",
    "department.read": "all",
    "audit.read": "all",
    "directive.write": "all",
    "task.write": "all",
    "reminder.send": "all",
    "comment.write": "all",
    "extension.decide": "all",
    "completion.decide": "all",
    "history.enter": "all",
    "report.read": "all",
    "report.publish": "all",
  },
  leadership: {
    "report.read": "all",
    "dashboard.read": "all",
    "directive.read": "all",
    "task.read": "all",
    "department.read": "all",
    "comment.write": "all",
    "extension.decide": "all",
  },
  dept_lead: {
    "dashboard.read": "own_department",
    "directive.read": "own_department",
    "task.read": "own_department",
    "department.read": "all",
    "progress.report": "own_department",
    "comment.write": "own_department",
    "extension.request": "lead_department",
    "completion.report": "lead_department",
  },
  dept_officer: {
    "dashboard.read": "own_department",
    "directive.read": "own_department",
    "task.read": "own_department",
    "department.read": "all",
    "progress.report": "own_department",
    "comment.write": "own_department",
  },
};

/** What the rules need to know about the person asking. */
export interface Actor {
  id: number;
  role: Role;
  departmentId: number | null;
}

/** What the rules need to know about a task (or a directive, through its tasks). */
export interface TaskAccessFacts {
  leadDepartmentId: number;
  coordinatorDepartmentIds: readonly number[];
  directiveConfidential: boolean;
  directiveDraft: boolean;
}

export function scopeOf(actor: Actor, permission: Permission): Scope | undefined {
  return PERMISSION_TABLE[actor.role][permission];
}

/** May the actor do this at all (on some record)? For menus and buttons. */
export function hasPermission(actor: Actor | null, permission: Permission): boolean {
  return actor !== null && scopeOf(actor, permission) !== undefined;
}

/** Roles that see confidential directives without being assigned in them (docs/domain-rules.md §5). */
const SEES_ALL_CONFIDENTIAL: readonly Role[] = ["secretariat", "leadership"];
/** Only the secretariat sees drafts: a draft is not yet a decision. */
const SEES_DRAFTS: readonly Role[] = ["secretariat"];

function isAssigned(actor: Actor, task: TaskAccessFacts): boolean {
  return (
    actor.departmentId !== null &&
    (task.leadDepartmentId === actor.departmentId || task.coordinatorDepartmentIds.includes(actor.departmentId))
  );
}

/**
 * May the actor see this task? Mirrored in SQL by `visibleTasksFilter`
 * (app/models/visibility.server.ts); the permission matrix test checks both.
 */
export function canSeeTask(actor: Actor, task: TaskAccessFacts): boolean {
  const scope = scopeOf(actor, "task.read");
  if (scope === undefined) return false;
  if (task.directiveDraft && !SEES_DRAFTS.includes(actor.role)) return false;
  if (scope !== "all") return isAssigned(actor, task);
  return !task.directiveConfidential || SEES_ALL_CONFIDENTIAL.includes(actor.role);
}

/** May the actor do `permission` on this task? Always false for a task they cannot see. */
export function canOnTask(actor: Actor, permission: Permission, task: TaskAccessFacts): boolean {
  const scope = scopeOf(actor, permission);
  if (scope === undefined || !canSeeTask(actor, task)) return false;
  switch (scope) {
    case "all":
      return true;
    case "own_department":
      return isAssigned(actor, task);
    case "lead_department":
      return actor.departmentId !== null && task.leadDepartmentId === actor.departmentId;
  }
}

/** Nobody decides a request they made (docs/domain-rules.md §5). */
export function canDecideExtension(actor: Actor, task: TaskAccessFacts, requestedBy: number | null): boolean {
  return canOnTask(actor, "extension.decide", task) && requestedBy !== actor.id;
}

export interface DirectiveAccessFacts {
  confidential: boolean;
  draft: boolean;
  /** Departments that lead or coordinate at least one task of the directive. */
  assignedDepartmentIds: readonly number[];
}

/** May the actor see this directive? Department users see the directives that assign them. */
export function canSeeDirective(actor: Actor, directive: DirectiveAccessFacts): boolean {
  const scope = scopeOf(actor, "directive.read");
  if (scope === undefined) return false;
  if (directive.draft && !SEES_DRAFTS.includes(actor.role)) return false;
  if (scope !== "all") {
    return actor.departmentId !== null && directive.assignedDepartmentIds.includes(actor.departmentId);
  }
  return !directive.confidential || SEES_ALL_CONFIDENTIAL.includes(actor.role);
}

/**
 * May the actor read a department's own figures (its page of quarters, a dashboard
 * narrowed to it)? Roles that read every dashboard: any department; department users:
 * their own department only (`dashboard.read` is "own dept." for them).
 */
export function canReadDepartmentFigures(actor: Actor, departmentId: number): boolean {
  const scope = scopeOf(actor, "dashboard.read");
  if (scope === undefined) return false;
  return scope === "all" || (actor.departmentId !== null && actor.departmentId === departmentId);
}

const SCOPE_LABEL: Record<Scope, string> = { all: "all", own_department: "own dept.", lead_department: "lead dept." };

/** The permission table as Markdown, for the README (a test keeps the two identical). */
export function permissionTableMarkdown(): string {
  const roles = Object.keys(PERMISSION_TABLE) as Role[];
  const header = `| permission | ${roles.map((r) => `\`${r}\``).join(" | ")} |`;
  const rule = `|---|${roles.map(() => "---").join("|")}|`;
  const rows = PERMISSIONS.map((permission) => {
    const cells = roles.map((role) => {
      const scope = PERMISSION_TABLE[role][permission];
      return scope === undefined ? "—" : SCOPE_LABEL[scope];
    });
    return `| \`${permission}\` | ${cells.join(" | ")} |`;
  });
  return [header, rule, ...rows].join("\n");
}
