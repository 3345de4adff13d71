// Past days as they were, for what a task page and a directive page show beyond the
// status (docs/domain-rules.md §4.4): the coordinators of the day, the workflow step,
// the history recorded by then, the directive's state, and which directives existed —
// on both readings, through the real loaders and a real database.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { LocalDate } from "../../app/domain/dates";
import type { Actor } from "../../app/domain/permissions";
import type { AppDatabase } from "../../app/models/db.server";
import { mergeDepartment } from "../../app/models/departments.server";
import { listDirectives } from "../../app/models/directive-list.server";
import {
  createDirective,
  setDirectiveState,
  updateDirective,
  type DirectiveInput,
} from "../../app/models/directives.server";
import { recordPastCompletion } from "../../app/models/past-records.server";
import { taskRows } from "../../app/models/task-rows.server";
import { createTask, updateTask, type TaskInput } from "../../app/models/tasks.server";
import * as dashboardRoute from "../../app/routes/_index/route";
import * as directiveRoute from "../../app/routes/directives.$id/route";
import * as taskRoute from "../../app/routes/tasks.$id/route";
import { callRoute, sessionFor, useFreshDemoDatabase } from "../setup/remix-harness";

const origin = { ipAddress: "127.0.0.1", userAgent: "test", requestId: "past-day-pages" };
/** An instant on a Hanoi calendar day. */
const at = (date: LocalDate, time = "10:00") => Date.parse(`${date}T${time}:00+07:00`);

let db: AppDatabase;
let secretariat: Actor;
let dept: Record<string, number>;
let committeeId: number;
let serial = 0;

beforeAll(async () => {
  db = await useFreshDemoDatabase();
  secretariat = db.get<Actor>(sql`SELECT id, role, department_id AS departmentId FROM users WHERE login = 'vanphong'`)!;
  dept = Object.fromEntries(
    db.all<{ code: string; id: number }>(sql`SELECT code, id FROM departments`).map((d) => [d.code, d.id]),
  );
  committeeId = db.get<{ id: number }>(sql`SELECT id FROM committees WHERE code = 'BCD-CQDT'`)!.id;
  await sessionFor("vanphong");
});

function newDirective(issuedOn: LocalDate, enteredAt: number) {
  serial += 1;
  const directive = createDirective(
    db,
    secretariat,
    {
      committeeId,
      meetingId: null,
      number: `${900 + serial}/TB-PD`,
      type: "conclusion_notice",
      issuedOn,
      issuer: "UBND Thành phố Hà Nội",
      signer: null,
      abstract: `Kết luận kiểm tra số ${serial}`,
      fullText: null,
      confidential: false,
    },
    origin,
    enteredAt,
  );
  if (!directive.ok) throw new Error(JSON.stringify(directive));
  return directive.id;
}

const taskInput = (directiveId: number, over: Partial<TaskInput> = {}): TaskInput => ({
  directiveId,
  parentId: null,
  itemNumber: "1",
  title: "Số hóa hồ sơ thủ tục hành chính",
  description: null,
  leadDepartmentId: dept.STTTT!,
  coordinatorDepartmentIds: [dept.SGDDT!],
  deadlineKind: "dated",
  dueDate: "2020-03-31",
  assignedOn: "2019-12-10",
  ...over,
});

/** A directive issued on 10/12/2019 with one task, both entered at `enteredAt`. */
function issuedTask(enteredAt: number, over: Partial<TaskInput> = {}) {
  const directiveId = newDirective("2019-12-10", enteredAt);
  const task = createTask(db, secretariat, taskInput(directiveId, over), origin, enteredAt);
  if (!task.ok) throw new Error(JSON.stringify(task));
  const issued = setDirectiveState(db, secretariat, directiveId, 1, "issued", origin, enteredAt);
  if (!issued.ok) throw new Error(JSON.stringify(issued));
  return { directiveId, taskId: task.id };
}

const coordinatorCodes = (taskId: number, asOf: LocalDate, basis: "happened" | "recorded" = "happened") => {
  const codeOf = new Map(Object.entries(dept).map(([code, id]) => [id, code]));
  const [row] = taskRows(db, { asOf, basis, taskFilter: sql`t.id = ${taskId}` });
  return row?.coordinators.map((c) => codeOf.get(c.id)).sort() ?? null;
};

const version = (taskId: number) => db.get<{ v: number }>(sql`SELECT version AS v FROM tasks WHERE id = ${taskId}`)!.v;

describe("coordinators of the day", () => {
  it("a coordinator added or removed later does not change an earlier day", () => {
    const { taskId, directiveId } = issuedTask(at("2019-12-10"));
    const changed = updateTask(
      db,
      secretariat,
      taskId,
      version(taskId),
      { ...taskInput(directiveId, { coordinatorDepartmentIds: [dept.STC!] }) },
      origin,
      at("2020-01-15"),
    );
    expect(changed.ok).toBe(true);
    expect(coordinatorCodes(taskId, "2019-12-31")).toEqual(["SGDDT"]);
    expect(coordinatorCodes(taskId, "2020-01-15")).toEqual(["STC"]);
    expect(coordinatorCodes(taskId, "2026-12-05")).toEqual(["STC"]);
  });

  it("a task entered after the fact has its coordinators from the assignment day as it happened, not as recorded", () => {
    const { taskId } = issuedTask(at("2020-05-04"));
    expect(coordinatorCodes(taskId, "2019-12-31", "happened")).toEqual(["SGDDT"]);
    // As recorded, the task did not exist yet on 31/12/2019.
    expect(coordinatorCodes(taskId, "2019-12-31", "recorded")).toBeNull();
    expect(coordinatorCodes(taskId, "2020-05-04", "recorded")).toEqual(["SGDDT"]);
  });

  it("a merge moves a coordination on its effective day, and as recorded on the day it was entered", () => {
    const { taskId } = issuedTask(at("2019-12-10"), { coordinatorDepartmentIds: [dept.SGTVT!] });
    const merged = mergeDepartment(
      db,
      secretariat.role === "admin" ? secretariat : adminActor(),
      { departmentId: dept.SGTVT!, successorId: dept.SXD!, effectiveOn: "2020-02-01", reason: "Sắp xếp tổ chức" },
      origin,
      at("2020-03-10"),
    );
    expect(merged.ok).toBe(true);
    expect(coordinatorCodes(taskId, "2020-01-31")).toEqual(["SGTVT"]);
    expect(coordinatorCodes(taskId, "2020-02-01")).toEqual(["SXD"]);
    expect(coordinatorCodes(taskId, "2020-02-01", "recorded")).toEqual(["SGTVT"]);
    expect(coordinatorCodes(taskId, "2020-03-10", "recorded")).toEqual(["SXD"]);
  });
});

function adminActor(): Actor {
  return db.get<Actor>(sql`SELECT id, role, department_id AS departmentId FROM users WHERE login = 'admin'`)!;
}

describe("directive state of the day", () => {
  const stateOn = (directiveId: number, asOf: LocalDate, basis: "happened" | "recorded" = "happened") =>
    listDirectives(db, secretariat, asOf, basis).find((d) => d.id === directiveId)?.state ?? null;

  it("a directive closed later reads issued before, closed after, and a draft before its issue day", () => {
    const directiveId = newDirective("2020-01-20", at("2020-01-10"));
    expect(setDirectiveState(db, secretariat, directiveId, 1, "issued", origin, at("2020-01-20")).ok).toBe(true);
    expect(setDirectiveState(db, secretariat, directiveId, 2, "closed", origin, at("2020-06-30")).ok).toBe(true);
    expect(stateOn(directiveId, "2020-01-15")).toBe("draft");
    expect(stateOn(directiveId, "2020-03-31")).toBe("issued");
    expect(stateOn(directiveId, "2020-06-30")).toBe("closed");
    expect(stateOn(directiveId, "2026-12-05")).toBe("closed");
    // Not yet entered on 05/01/2020: not listed.
    expect(stateOn(directiveId, "2020-01-05")).toBeNull();
    // The state filter reads the day's state.
    const issuedOnMarch = listDirectives(db, secretariat, "2020-03-31", "happened", { state: "issued" }).map(
      (d) => d.id,
    );
    expect(issuedOnMarch).toContain(directiveId);
  });

  it("a directive entered after the fact was issued on its issue day as it happened, and not there as recorded", () => {
    const { directiveId } = issuedTask(at("2020-05-04"));
    expect(stateOn(directiveId, "2019-12-31", "happened")).toBe("issued");
    expect(stateOn(directiveId, "2019-12-31", "recorded")).toBeNull();
    expect(stateOn(directiveId, "2020-05-04", "recorded")).toBe("issued");
  });

  it("a corrected issue day moves the issue", () => {
    const { directiveId } = issuedTask(at("2020-05-04"));
    const current = db.get<{ v: number }>(sql`SELECT version AS v FROM directives WHERE id = ${directiveId}`)!.v;
    const fields = db.get<Record<string, unknown>>(sql`
      SELECT committee_id AS committeeId, meeting_id AS meetingId, number, type, issuer, signer, abstract,
        full_text AS fullText, confidential FROM directives WHERE id = ${directiveId}`)!;
    const corrected = updateDirective(
      db,
      secretariat,
      directiveId,
      current,
      { ...fields, confidential: fields.confidential === 1, issuedOn: "2020-01-06" } as DirectiveInput,
      origin,
      at("2020-05-05"),
    );
    expect(corrected.ok).toBe(true);
    // Issued on 06/01/2020 now: not there yet at the end of 2019 (it was entered in May).
    expect(stateOn(directiveId, "2019-12-31")).toBeNull();
    expect(stateOn(directiveId, "2020-01-06")).toBe("issued");
  });
});

describe("the task page on a past day", () => {
  const load = async (taskId: number, query: string) => {
    const outcome = await callRoute(taskRoute.loader, {
      path: `/tasks/${taskId}${query}`,
      params: { id: String(taskId) },
      token: await sessionFor("vanphong"),
    });
    return outcome;
  };
  type Loaded = {
    row: { status: string; coordinators: { name: string }[] } | null;
    task: { state: string; completionDate: string | null; confirmedAt: number | null };
    history: { kind: string; at: number; recordedAt?: number | null }[];
    isToday: boolean;
    differing: { count: number; href: string } | null;
  };

  it("shows the workflow step and the history of the day, and says the readings differ", async () => {
    const { taskId } = issuedTask(at("2019-12-10"));
    const recorded = recordPastCompletion(
      db,
      secretariat,
      taskId,
      version(taskId),
      {
        completionDate: "2020-02-25",
        reportedOn: "2020-02-26",
        confirmedOn: "2020-03-02",
        result: "Đã số hóa toàn bộ hồ sơ",
        reason: "Nhập bổ sung theo văn bản giấy",
      },
      origin,
      at("2020-06-01"),
    );
    expect(recorded.ok).toBe(true);

    const before = (await load(taskId, "?asOf=31/01/2020")).body as Loaded;
    expect(before.isToday).toBe(false);
    expect(before.task.state).toBe("open");
    expect(before.task.completionDate).toBeNull();
    expect(before.history.every((e) => e.at < at("2020-02-01", "00:00"))).toBe(true);

    const confirmed = (await load(taskId, "?asOf=15/03/2020")).body as Loaded;
    expect(confirmed.task.state).toBe("done");
    expect(confirmed.task.completionDate).toBe("2020-02-25");
    expect(confirmed.row?.status).toBe("done_on_time");
    expect(confirmed.history.some((e) => e.kind === "transition")).toBe(true);
    expect(confirmed.differing).toEqual({ count: 1, href: "?asOf=2020-03-15&basis=recorded" });

    // As recorded on 15/03/2020 nothing of the completion had been entered yet.
    const asRecorded = (await load(taskId, "?asOf=15/03/2020&basis=recorded")).body as Loaded;
    expect(asRecorded.task.state).toBe("open");
    expect(asRecorded.history.some((e) => e.kind === "transition")).toBe(false);

    const today = (await load(taskId, "")).body as Loaded;
    expect(today.isToday).toBe(true);
    expect(today.task.state).toBe("done");
    expect(today.differing).toBeNull();
    const entered = today.history.find((e) => e.kind === "transition");
    expect(entered?.recordedAt).toBe(at("2020-06-01"));
  });

  it("a day before the assignment says the task was not assigned yet", async () => {
    const { taskId } = issuedTask(at("2019-12-10"));
    const outcome = await load(taskId, "?asOf=01/12/2019");
    expect(outcome.status).toBe(200);
    expect((outcome.body as Loaded).row).toBeNull();
  });

  it("a bad day is a 400 with the translated message and a hidden task stays a 404", async () => {
    const { taskId } = issuedTask(at("2019-12-10"));
    const bad = await load(taskId, "?asOf=31/02/2020");
    expect(bad.status).toBe(400);
    const hidden = await callRoute(taskRoute.loader, {
      path: `/tasks/${taskId}?asOf=31/12/2019`,
      params: { id: String(taskId) },
      token: await sessionFor("snv.truong"),
    });
    expect(hidden.status).toBe(404);
  });
});

describe("the directive page on a past day", () => {
  it("shows the state of the day", async () => {
    const directiveId = newDirective("2020-01-20", at("2020-01-10"));
    expect(setDirectiveState(db, secretariat, directiveId, 1, "issued", origin, at("2020-01-20")).ok).toBe(true);
    expect(setDirectiveState(db, secretariat, directiveId, 2, "closed", origin, at("2020-06-30")).ok).toBe(true);
    const load = async (query: string) =>
      (
        await callRoute(directiveRoute.loader, {
          path: `/directives/${directiveId}${query}`,
          params: { id: String(directiveId) },
          token: await sessionFor("vanphong"),
        })
      ).body as { directive: { state: string } };
    expect((await load("?asOf=31/03/2020")).directive.state).toBe("issued");
    expect((await load("")).directive.state).toBe("closed");
  });
});

describe("a day the page cannot read", () => {
  it("keeps the page: 400, the message on the form with what was typed, today's figures and the filters", async () => {
    const outcome = await callRoute(dashboardRoute.loader, {
      path: `/?asOf=31/02/2019&basis=recorded&committee=${committeeId}`,
      token: await sessionFor("vanphong"),
    });
    expect(outcome.status).toBe(400);
    const body = outcome.body as {
      asOfProblem: { field: string; value: string; message: string } | null;
      isToday: boolean;
      basis: string;
      filters: { committee: number | null };
    };
    expect(body.asOfProblem?.field).toBe("asOf");
    expect(body.asOfProblem?.value).toBe("31/02/2019");
    expect(body.asOfProblem?.message).toMatch(/không tồn tại/);
    expect(body.isToday).toBe(true);
    expect(body.basis).toBe("recorded");
    expect(body.filters.committee).toBe(committeeId);

    const task = issuedTask(at("2019-12-10")).taskId;
    const taskPage = await callRoute(taskRoute.loader, {
      path: `/tasks/${task}?asOf=2019-12-31&basis=sometimes`,
      params: { id: String(task) },
      token: await sessionFor("vanphong"),
    });
    expect(taskPage.status).toBe(400);
    expect((taskPage.body as { asOfProblem: { field: string } }).asOfProblem.field).toBe("basis");
  });
});
