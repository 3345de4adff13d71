// How every route is guarded: one row per route module, read by the access-matrix
// test (tests/integration/access-matrix.test.ts), which calls each route's real
// loader and action as every demo role and checks the answer against the
// permission table (app/domain/permissions.ts). Data only: no server code here.
//
// Keys are Remix route ids, exactly as the build names them (and as
// `useRouteLoaderData` takes them): `root` for app/root.tsx; `routes/` + the file
// name without its extension for a file route (`app/routes/logout.tsx` →
// `routes/logout`), or + the folder name for a folder route
// (`app/routes/tasks.$id/route.tsx` → `routes/tasks.$id`). A route module
// missing from this table, or a handler it exports that the table does not
// declare, fails the test.
import type { Permission } from "~/domain/permissions";

/** What the matrix expects from a request the guard lets through. */
export interface GrantedOutcome {
  status: 200 | 302 | 400 | 404;
  /** For a redirect: where to. */
  location?: string;
}

export interface Guard {
  /**
   * Who may call the handler: holders of a permission (any scope), anyone signed
   * in, or anyone at all. Signed out → 302 to the login page; a role without the
   * permission → 403.
   */
  permission: Permission | "public" | "signed_in";
  /**
   * The record named by `$id` must be visible to the user (canSeeTask / canSeeDirective),
   * else 404. `department`: the department must exist (else 404) and its figures be
   * the user's to read (canReadDepartmentFigures), else 403.
   */
  resource?: "task" | "directive" | "department";
  /** The record is named by this query parameter instead of `$id` (e.g. `/tasks/new?directive=3`). */
  resourceQuery?: string;
  /**
   * The answer when access is granted, for the matrix's probe: a GET, or a POST
   * with an empty form, with no query string but `resourceQuery`. Default `{ status: 200 }`.
   */
  granted?: GrantedOutcome;
  /** A public handler that answers signed-in users differently (the login page sends them on). */
  grantedWhenSignedIn?: GrantedOutcome;
  /**
   * How the caller is identified: the session cookie (default), or for the JSON API an API
   * token in `Authorization: Bearer …` only. An API route answers 401 (JSON) to a request
   * without a token, signed in or not, and applies the permission and record rules to the
   * token's acting user, answering 404 (JSON) for what that user may not see.
   */
  authentication?: "session" | "api_token";
}

export interface RouteAccess {
  loader?: Guard;
  action?: Guard;
}

/** A route whose module has no loader (or no action) simply has no entry for it. */
export const ROUTE_ACCESS = {
  // The document shell runs on every page, signed in or not: it only reads who is signed in.
  root: { loader: { permission: "public" } },

  "routes/_index": { loader: { permission: "dashboard.read" } },
  // The department scorecard: counts of the tasks the user may see, by lead department.
  "routes/scorecard": { loader: { permission: "dashboard.read" } },
  // The scorecard as Excel/CSV: the scorecard page's query string (models/scorecard-report.server.ts).
  "routes/scorecard_.export": { loader: { permission: "dashboard.read" } },
  // Published period reports (chốt số liệu): the list, and publishing one (an empty form is a 400).
  "routes/reports._index": {
    loader: { permission: "report.read" },
    action: { permission: "report.publish", granted: { status: 400 } },
  },
  // One published report (an unknown id is a 404), and its stored files. Reports hold the
  // official figures of every issued directive: no record rule, the permission decides.
  // The matrix probes a report it publishes.
  "routes/reports.$id": { loader: { permission: "report.read" } },
  "routes/reports.$id_.download": { loader: { permission: "report.read" } },
  // Deadline changes and records entered after the fact on a task (an empty form is a 400).
  "routes/tasks.$id_.history": {
    loader: { permission: "history.enter", resource: "task" },
    action: { permission: "history.enter", resource: "task", granted: { status: 400 } },
  },
  // A department's page with its scorecard over quarters: department users read their own only.
  "routes/departments.$id": { loader: { permission: "dashboard.read", resource: "department" } },
  "routes/directives._index": { loader: { permission: "directive.read" } },
  "routes/directives.$id": {
    loader: { permission: "directive.read", resource: "directive" },
    // Issue, close, reopen: the secretariat's moves of the directive's state.
    action: { permission: "directive.write", resource: "directive", granted: { status: 400 } },
  },
  // An item given to many units (decision 026) in its directive: its roll-up and its units' tasks
  // the reader may see. The matrix probes every directive with an item id that does not exist,
  // which is a 404 even where the directive is visible; tests/integration/fan-outs.test.ts reads real ones.
  "routes/directives.$id_.items.$itemId": {
    loader: { permission: "directive.read", resource: "directive", granted: { status: 404 } },
    // Give the item to one more unit: the secretariat's; the same audited 404 for an item id that does not exist.
    action: { permission: "task.write", resource: "directive", granted: { status: 404 } },
  },
  // The directive's items given to many units with one roll-up status: the list behind the
  // items' numbers of the directive's sentence (docs/domain-rules.md §6).
  "routes/directives.$id_.items._index": { loader: { permission: "directive.read", resource: "directive" } },
  "routes/tasks._index": { loader: { permission: "task.read" } },
  // The whole filter menus (departments, directives) that the list and dashboards load when long.
  "routes/filter-options": { loader: { permission: "task.read" } },
  // The task list as Excel/CSV: the list's query string, filtered by what the user may see (models/task-report.server.ts).
  "routes/tasks.export": { loader: { permission: "task.read" } },
  "routes/tasks.$id": {
    loader: { permission: "task.read", resource: "task" },
    // Every move posted from a task page: the secretariat's (reassign, hold, cancel, resume:
    // task.write), the department's (report: progress.report; request_extension:
    // extension.request; report_completion: completion.report), the deciders'
    // (decide_extension: extension.decide; confirm_completion / return_completion:
    // completion.decide) and comments (comment.write). The permission depends on the
    // posted intent, which this table cannot express: the entry declares the broadest
    // check that holds for every post (task.read + a visible task), an empty form is
    // refused with 400 for everyone who sees the task, and the action then answers 403
    // to an intent the user may not make (INTENT_PERMISSION in app/lib/progress-forms.ts;
    // tests/integration/progress-routes.test.ts checks each intent per role).
    action: { permission: "task.read", resource: "task", granted: { status: 400 } },
  },
  // An attachment of a report, completion report or extension request (`/tasks/:id/attachments/:attachmentId`):
  // for whoever may see the task. The matrix probes every task with an attachment id that does not exist,
  // which is a 404 (audited) even where the task is visible; tests/integration/attachments.test.ts
  // downloads real ones, and checks an attachment of another task is refused the same way.
  "routes/tasks.$id_.attachments.$attachmentId": {
    loader: { permission: "task.read", resource: "task", granted: { status: 404 } },
  },
  // The department's home: its tasks by urgency and the reminders it received. Other roles
  // get a short explanation (200) rather than a redirect.
  "routes/my-department": { loader: { permission: "task.read" } },
  // The reader's own notifications (each user sees only theirs, and only about tasks they may
  // see); marking one read names it by id: another user's is a 404 (tests/integration/reminders-routes.test.ts).
  "routes/notifications": {
    loader: { permission: "signed_in" },
    action: { permission: "signed_in", granted: { status: 400 } },
  },
  "routes/departments._index": { loader: { permission: "department.read" } },
  "routes/audit._index": { loader: { permission: "audit.read" } },

  "routes/login": {
    loader: { permission: "public", grantedWhenSignedIn: { status: 302, location: "/" } },
    // An empty form fails validation; the sign-in itself is rate-limited (sessions.server.ts).
    action: { permission: "public", granted: { status: 400 } },
  },
  // Signing out and switching language are POSTs; a GET goes home.
  "routes/logout": {
    loader: { permission: "public", granted: { status: 302, location: "/" } },
    action: { permission: "public", granted: { status: 302, location: "/login" } },
  },
  "routes/language": {
    loader: { permission: "public", granted: { status: 302, location: "/" } },
    action: { permission: "public", granted: { status: 302, location: "/" } },
  },

  // The secretariat's desk: entering directives and tasks.
  "routes/directives.new": {
    loader: { permission: "directive.write" },
    action: { permission: "directive.write", granted: { status: 400 } },
  },
  "routes/directives.$id_.edit": {
    loader: { permission: "directive.write", resource: "directive" },
    action: { permission: "directive.write", resource: "directive", granted: { status: 400 } },
  },
  "routes/tasks.new": {
    loader: { permission: "task.write", resource: "directive", resourceQuery: "directive" },
    action: { permission: "task.write", resource: "directive", resourceQuery: "directive", granted: { status: 400 } },
  },
  // Recurring duties (decision 026): a new one of a directive, as a new task; its page for
  // whoever sees it as they would a task with its lead and coordinators. The demo has no
  // duty, so the matrix's probe of a duty page is a 404 for everyone let through;
  // tests/integration/recurring-duty-routes.test.ts checks who sees a real one.
  "routes/duties.new": {
    loader: { permission: "task.write", resource: "directive", resourceQuery: "directive" },
    action: { permission: "task.write", resource: "directive", resourceQuery: "directive", granted: { status: 400 } },
  },
  "routes/duties.$id": {
    loader: { permission: "task.read", granted: { status: 404 } },
    action: { permission: "task.write", granted: { status: 404 } },
  },
  "routes/tasks.$id_.edit": {
    loader: { permission: "task.write", resource: "task" },
    action: { permission: "task.write", resource: "task", granted: { status: 400 } },
  },

  "routes/directives.$id_.import": {
    loader: { permission: "task.write", resource: "directive" },
    // An empty (non-multipart) form is refused with a translated message.
    action: { permission: "task.write", resource: "directive", granted: { status: 400 } },
  },
  "routes/tasks.import-template": { loader: { permission: "task.write" } },
  "routes/directives.$id_.split": {
    loader: { permission: "task.write", resource: "directive" },
    // A form without an intent is refused with a translated message.
    action: { permission: "task.write", resource: "directive", granted: { status: 400 } },
  },
  // Steering committees and their meetings: everyone who reads directives reads them (their
  // directives filtered by what the user may see); the secretariat enters and edits them.
  "routes/committees._index": { loader: { permission: "directive.read" } },
  "routes/committees.$id": { loader: { permission: "directive.read" } },
  "routes/committees.new": {
    loader: { permission: "directive.write" },
    action: { permission: "directive.write", granted: { status: 400 } },
  },
  "routes/committees.$id_.edit": {
    loader: { permission: "directive.write" },
    action: { permission: "directive.write", granted: { status: 400 } },
  },
  "routes/meetings.$id": { loader: { permission: "directive.read" } },
  // `?committee=ID` only chooses the committee in advance; without it the form asks for one.
  "routes/meetings.new": {
    loader: { permission: "directive.write" },
    action: { permission: "directive.write", granted: { status: 400 } },
  },
  "routes/meetings.$id_.edit": {
    loader: { permission: "directive.write" },
    action: { permission: "directive.write", granted: { status: 400 } },
  },

  // Search filters its results by what the user may see (models/search.server.ts).
  "routes/search": { loader: { permission: "directive.read" } },

  // Administration (users and departments).
  "routes/admin.users._index": { loader: { permission: "user.manage" } },
  "routes/admin.users.new": {
    loader: { permission: "user.manage" },
    action: { permission: "user.manage", granted: { status: 400 } },
  },
  "routes/admin.users.$id": {
    loader: { permission: "user.manage" },
    action: { permission: "user.manage", granted: { status: 400 } },
  },
  "routes/admin.departments._index": { loader: { permission: "department.manage" } },
  "routes/admin.departments.new": {
    loader: { permission: "department.manage" },
    action: { permission: "department.manage", granted: { status: 400 } },
  },
  "routes/admin.departments.$id": {
    loader: { permission: "department.manage" },
    action: { permission: "department.manage", granted: { status: 400 } },
  },
  // Unit groups: named groups of departments, administered with the departments.
  "routes/admin.groups._index": { loader: { permission: "department.manage" } },
  "routes/admin.groups.new": {
    loader: { permission: "department.manage" },
    action: { permission: "department.manage", granted: { status: 400 } },
  },
  "routes/admin.groups.$id": {
    loader: { permission: "department.manage" },
    action: { permission: "department.manage", granted: { status: 400 } },
  },
  // The working calendar (public holidays, worked days): data the rules run on, like the settings.
  "routes/admin.holidays._index": {
    loader: { permission: "settings.manage" },
    action: { permission: "settings.manage", granted: { status: 400 } },
  },
  // API tokens (issue, revoke): an administrator's task, like the accounts the tokens act as.
  "routes/admin.api-tokens._index": { loader: { permission: "user.manage" } },
  "routes/admin.api-tokens.new": {
    loader: { permission: "user.manage" },
    action: { permission: "user.manage", granted: { status: 400 } },
  },
  "routes/admin.api-tokens.$id": {
    loader: { permission: "user.manage" },
    // An empty form lacks the confirmation.
    action: { permission: "user.manage", granted: { status: 400 } },
  },

  // The read-only JSON API (docs/decisions/013): API tokens only, then the screens' own rules.
  "routes/api.v1.directives._index": { loader: { permission: "directive.read", authentication: "api_token" } },
  "routes/api.v1.directives.$id": {
    loader: { permission: "directive.read", resource: "directive", authentication: "api_token" },
  },
  "routes/api.v1.tasks._index": { loader: { permission: "task.read", authentication: "api_token" } },
  "routes/api.v1.tasks.$id": { loader: { permission: "task.read", resource: "task", authentication: "api_token" } },
  "routes/api.v1.scorecard": { loader: { permission: "dashboard.read", authentication: "api_token" } },
  // Any other address under /api: a JSON 404 for everyone, token or not.
  "routes/api.$": { loader: { permission: "public", granted: { status: 404 } } },
} as const satisfies Record<string, RouteAccess>;

export type RouteId = keyof typeof ROUTE_ACCESS;
