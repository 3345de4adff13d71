import fs from "node:fs";
import { describe, expect, it } from "vitest";
import {
  canDecideExtension,
  canReadDepartmentFigures,
  canOnTask,
  canSeeDirective,
  canSeeTask,
  hasPermission,
  permissionTableMarkdown,
  type Actor,
  type TaskAccessFacts,
} from "./permissions";

const OWN = 1;
const OTHER = 2;
const actor = (role: Actor["role"], departmentId: number | null = null, id = 100): Actor => ({
  id,
  role,
  departmentId,
});
const task = (overrides: Partial<TaskAccessFacts> = {}): TaskAccessFacts => ({
  leadDepartmentId: OTHER,
  coordinatorDepartmentIds: [],
  directiveConfidential: false,
  directiveDraft: false,
  ...overrides,
});

describe("seeing tasks", () => {
  it("department users see tasks their department leads or coordinates, and no others", () => {
    for (const role of ["dept_lead", "dept_officer"] as const) {
      expect(canSeeTask(actor(role, OWN), task({ leadDepartmentId: OWN }))).toBe(true);
      expect(canSeeTask(actor(role, OWN), task({ coordinatorDepartmentIds: [OWN] }))).toBe(true);
      expect(canSeeTask(actor(role, OWN), task())).toBe(false);
    }
  });

  it("confidential: secretariat, leadership and assigned departments only — not the administrator", () => {
    const secret = task({ directiveConfidential: true, coordinatorDepartmentIds: [OWN] });
    expect(canSeeTask(actor("secretariat"), secret)).toBe(true);
    expect(canSeeTask(actor("leadership"), secret)).toBe(true);
    expect(canSeeTask(actor("dept_officer", OWN), secret)).toBe(true);
    expect(canSeeTask(actor("dept_lead", 3), secret)).toBe(false);
    expect(canSeeTask(actor("admin"), secret)).toBe(false);
    expect(canSeeTask(actor("admin"), task())).toBe(true);
  });

  it("drafts are the secretariat's alone", () => {
    const draft = task({ directiveDraft: true, leadDepartmentId: OWN });
    expect(canSeeTask(actor("secretariat"), draft)).toBe(true);
    for (const other of [actor("leadership"), actor("admin"), actor("dept_lead", OWN)]) {
      expect(canSeeTask(other, draft)).toBe(false);
    }
  });
});

describe("acting on tasks", () => {
  it("only the lead department's head asks for extensions and reports completion", () => {
    const led = task({ leadDepartmentId: OWN });
    const coordinated = task({ coordinatorDepartmentIds: [OWN] });
    for (const permission of ["extension.request", "completion.report"] as const) {
      expect(canOnTask(actor("dept_lead", OWN), permission, led)).toBe(true);
      expect(canOnTask(actor("dept_lead", OWN), permission, coordinated)).toBe(false);
      expect(canOnTask(actor("dept_officer", OWN), permission, led)).toBe(false);
      expect(canOnTask(actor("secretariat"), permission, led)).toBe(false);
    }
  });

  it("coordinating departments report progress on their part", () => {
    const coordinated = task({ coordinatorDepartmentIds: [OWN] });
    expect(canOnTask(actor("dept_officer", OWN), "progress.report", coordinated)).toBe(true);
    expect(canOnTask(actor("dept_officer", OTHER + 1), "progress.report", coordinated)).toBe(false);
  });

  it("the secretariat or leadership decides extensions, never their own request", () => {
    const secretary = actor("secretariat", null, 7);
    expect(canDecideExtension(secretary, task(), 8)).toBe(true);
    expect(canDecideExtension(secretary, task(), 7)).toBe(false);
    expect(canDecideExtension(actor("leadership"), task(), 8)).toBe(true);
    expect(canDecideExtension(actor("dept_lead", OTHER), task(), 8)).toBe(false);
  });

  it("nobody acts on a task they cannot see", () => {
    expect(canOnTask(actor("admin"), "task.read", task({ directiveConfidential: true }))).toBe(false);
    expect(canOnTask(actor("leadership"), "comment.write", task({ directiveDraft: true }))).toBe(false);
  });

  it("the administrator edits no tasks; leadership confirms no completions", () => {
    expect(hasPermission(actor("admin"), "task.write")).toBe(false);
    expect(hasPermission(actor("leadership"), "completion.decide")).toBe(false);
    expect(hasPermission(null, "dashboard.read")).toBe(false);
  });
});

describe("seeing directives", () => {
  const directive = { confidential: false, draft: false, assignedDepartmentIds: [OWN] };
  it("department users see the directives that assign them", () => {
    expect(canSeeDirective(actor("dept_lead", OWN), directive)).toBe(true);
    expect(canSeeDirective(actor("dept_lead", OTHER), directive)).toBe(false);
  });
  it("confidential and draft directives follow the same rules as their tasks", () => {
    expect(canSeeDirective(actor("admin"), { ...directive, confidential: true })).toBe(false);
    expect(canSeeDirective(actor("leadership"), { ...directive, confidential: true })).toBe(true);
    expect(canSeeDirective(actor("leadership"), { ...directive, draft: true })).toBe(false);
    expect(canSeeDirective(actor("secretariat"), { ...directive, draft: true, confidential: true })).toBe(true);
  });
});

describe("reading a department's figures", () => {
  it("department users read their own department's; the roles that read every dashboard, any", () => {
    expect(canReadDepartmentFigures(actor("dept_lead", OWN), OWN)).toBe(true);
    expect(canReadDepartmentFigures(actor("dept_officer", OWN), OWN)).toBe(true);
    expect(canReadDepartmentFigures(actor("dept_lead", OWN), OTHER)).toBe(false);
    expect(canReadDepartmentFigures(actor("dept_officer", null), OTHER)).toBe(false);
    for (const role of ["admin", "secretariat", "leadership"] as const) {
      expect(canReadDepartmentFigures(actor(role), OTHER)).toBe(true);
    }
  });
});

it("the README shows the permission table exactly as the code defines it", () => {
  const readme = fs.readFileSync("README.md", "utf8");
  const section = /<!-- permission-table:start -->([\s\S]*?)<!-- permission-table:end -->/.exec(readme)?.[1];
  // Compare cell by cell: a Markdown formatter may pad the columns.
  const cells = (table: string | undefined) =>
    (table ?? "")
      .trim()
      .split("\n")
      .map((line) =>
        line
          .split("|")
          .map((cell) => cell.trim().replace(/^-+$/, "---"))
          .filter(Boolean),
      );
  expect(cells(section)).toEqual(cells(permissionTableMarkdown()));
});
