// Reminders and notifications through the real routes: the task page's `remind`
// intent (secretariat only: 403 for the others, 404 for a task outside the
// department), bad input answered 400 in the reader's language with nothing
// changed, a form posted twice sending one reminder, /notifications (the
// reader's own only: another user's id is a 404), the unread badge of the
// root loader, the task list's `?escalated=1`, and a comment posted twice.
import { count, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { comments, notifications, reminders } from "../../db/schema";
import type { LocalDate } from "../../app/domain/dates";
import type { Actor } from "../../app/domain/permissions";
import type { AppDatabase } from "../../app/models/db.server";
import { localeCookie } from "../../app/lib/locale.server";
import { createTask } from "../../app/models/tasks.server";
import * as rootRoute from "../../app/root";
import * as myDepartmentRoute from "../../app/routes/my-department/route";
import * as notificationsRoute from "../../app/routes/notifications/route";
import * as taskListRoute from "../../app/routes/tasks._index/route";
import * as taskPageRoute from "../../app/routes/tasks.$id/route";
import * as dashboardRoute from "../../app/routes/_index/route";
import { callRoute, sessionFor, useFreshDemoDatabase, type RouteOutcome } from "../setup/remix-harness";

let db: AppDatabase;
let secretariat: Actor;
let stttt: number;
let sgddt: number;
let directiveId: number;
const origin = { ipAddress: "127.0.0.1", userAgent: "test", requestId: "reminders-routes" };
const LOGINS = ["vanphong", "lanhdao", "stttt.truong", "stttt.chuyenvien", "snv.truong", "admin"] as const;

/** A Hanoi calendar day `days` from today. */
function hanoiDay(days: number): LocalDate {
  return new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

function actor(login: string): Actor {
  return db.get<Actor>(sql`SELECT id, role, department_id AS departmentId FROM users WHERE login = ${login}`)!;
}

beforeAll(async () => {
  db = await useFreshDemoDatabase();
  secretariat = actor("vanphong");
  stttt = actor("stttt.truong").departmentId!;
  sgddt = actor("sgddt.truong").departmentId!;
  directiveId = db.get<{ id: number }>(sql`SELECT id FROM directives WHERE number = '412/TB-UBND'`)!.id;
  for (const login of LOGINS) await sessionFor(login);
});

afterEach(() => {
  vi.useRealTimers();
});

/** A task led by STTTT (SGDDT coordinates), assigned 30 days ago, due `dueIn` days from today. */
function newTask(dueIn: number): number {
  const result = createTask(
    db,
    secretariat,
    {
      directiveId,
      parentId: null,
      itemNumber: "R",
      title: `Nhiệm vụ kiểm thử đôn đốc ${Math.random().toString(36).slice(2)}`,
      description: null,
      leadDepartmentId: stttt,
      coordinatorDepartmentIds: [sgddt],
      deadlineKind: "dated",
      dueDate: hanoiDay(dueIn),
      assignedOn: hanoiDay(-30),
    },
    origin,
    Date.now() - 30 * 86_400_000,
  );
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.id;
}

async function post(login: string, taskId: number, fields: Record<string, string>, headers?: Record<string, string>) {
  return callRoute(taskPageRoute.action, {
    path: `/tasks/${taskId}`,
    method: "POST",
    params: { id: String(taskId) },
    token: await sessionFor(login),
    form: fields,
    ...(headers ? { headers } : {}),
  });
}

async function taskPage(login: string, taskId: number) {
  const outcome = await callRoute(taskPageRoute.loader, {
    path: `/tasks/${taskId}`,
    params: { id: String(taskId) },
    token: await sessionFor(login),
  });
  return outcome as RouteOutcome & {
    body: {
      idempotencyKey: string;
      escalated: boolean;
      reminders: { ordinal: number; department: string; resolvedAt: number | null; kind: string }[];
    };
  };
}

async function remindFields(taskId: number, extra: Record<string, string> = {}) {
  return {
    intent: "remind",
    idempotencyKey: (await taskPage("vanphong", taskId)).body.idempotencyKey,
    departmentId: String(stttt),
    message: "Đề nghị Sở báo cáo tiến độ trước 17h.",
    ...extra,
  };
}

const errorsOf = (outcome: RouteOutcome, field: string) =>
  ((outcome.body as { result: { error?: Record<string, string[] | null> } }).result.error?.[field] ?? []).join(" ");

function writes() {
  const n = (table: typeof reminders | typeof notifications | typeof comments) =>
    db.select({ n: count() }).from(table).get()!.n;
  return {
    reminders: n(reminders),
    notifications: n(notifications),
    comments: n(comments),
    changes: db.get<{ n: number }>(sql`SELECT count(*) AS n FROM audit_events WHERE action <> 'access.denied'`)!.n,
  };
}
const remindersOf = (taskId: number) => db.select().from(reminders).where(eq(reminders.taskId, taskId)).all();

describe("sending a reminder from the task page", () => {
  it("the secretariat sends one; the task page and My department show it, numbered, until answered", async () => {
    const id = newTask(20);
    const sent = await post("vanphong", id, await remindFields(id));
    expect(sent).toMatchObject({ status: 302, location: `/tasks/${id}?done=reminded` });
    expect(remindersOf(id)).toEqual([
      expect.objectContaining({ departmentId: stttt, kind: "manual", ordinal: 1, sentBy: secretariat.id }),
    ]);

    const shown = await taskPage("stttt.chuyenvien", id);
    expect(shown.body.reminders).toEqual([
      expect.objectContaining({ ordinal: 1, department: "Sở Thông tin và Truyền thông", resolvedAt: null }),
    ]);
    const home = await callRoute(myDepartmentRoute.loader, {
      path: "/my-department",
      token: await sessionFor("stttt.truong"),
    });
    const received = (home.body as { reminders: { taskId: number; ordinal: number; resolvedAt: number | null }[] })
      .reminders;
    expect(received.find((r) => r.taskId === id)).toMatchObject({ ordinal: 1, resolvedAt: null });
    // Another department sees neither the task nor its reminders.
    expect((await taskPage("snv.truong", id)).status).toBe(404);
    const other = await callRoute(myDepartmentRoute.loader, {
      path: "/my-department",
      token: await sessionFor("snv.truong"),
    });
    expect((other.body as { reminders: { taskId: number }[] }).reminders.map((r) => r.taskId)).not.toContain(id);

    // The department answers with a progress report: the reminder is resolved.
    const page = await taskPage("stttt.truong", id);
    const version = db.get<{ v: number }>(sql`SELECT version AS v FROM tasks WHERE id = ${id}`)!.v;
    const reported = await post("stttt.truong", id, {
      intent: "report",
      version: String(version),
      idempotencyKey: page.body.idempotencyKey,
      asOfDate: hanoiDay(0).split("-").reverse().join("/"),
      percent: "30",
      result: "Đã triển khai",
    });
    expect(reported.status).toBe(302);
    expect((await taskPage("vanphong", id)).body.reminders[0]!.resolvedAt).not.toBeNull();
  });

  it("the same form posted twice sends one reminder; the 3rd on an overdue task escalates", async () => {
    const id = newTask(-5);
    const fields = await remindFields(id);
    const first = await post("vanphong", id, fields);
    const second = await post("vanphong", id, fields);
    expect([first.location, second.location]).toEqual([`/tasks/${id}?done=reminded`, `/tasks/${id}?done=reminded`]);
    expect(remindersOf(id)).toHaveLength(1);

    expect((await post("vanphong", id, await remindFields(id))).location).toBe(`/tasks/${id}?done=reminded`);
    expect((await post("vanphong", id, await remindFields(id))).location).toBe(`/tasks/${id}?done=remindedEscalated`);
    expect((await taskPage("lanhdao", id)).body.escalated).toBe(true);

    // The dashboard's figure links to exactly the tasks the list shows.
    const dashboard = await callRoute(dashboardRoute.loader, { path: "/", token: await sessionFor("lanhdao") });
    const escalated = (dashboard.body as { figures: { escalated: { count: number; href: string } } }).figures.escalated;
    expect(escalated.href).toBe("/tasks?escalated=1");
    const list = await callRoute(taskListRoute.loader, { path: escalated.href, token: await sessionFor("lanhdao") });
    const rows = (list.body as { rows: { id: number; status: string }[]; rowCount: number }).rows;
    expect((list.body as { rowCount: number }).rowCount).toBe(escalated.count);
    expect(rows.map((r) => r.id)).toContain(id);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["overdue"]));
    expect(
      (await callRoute(taskListRoute.loader, { path: "/tasks?escalated=yes", token: await sessionFor("lanhdao") }))
        .status,
    ).toBe(400);

    // Leadership was told, each of them once.
    const told = db.get<{ n: number }>(
      sql`SELECT count(*) AS n FROM notifications WHERE kind = 'escalation' AND task_id = ${id}`,
    )!.n;
    expect(told).toBe(2);
  });

  it("department users and leadership may not send reminders (403, audited); nothing changes", async () => {
    const id = newTask(20);
    const fields = await remindFields(id);
    for (const login of ["stttt.truong", "stttt.chuyenvien", "lanhdao", "admin"]) {
      const before = writes();
      const denied = db.get<{ n: number }>(
        sql`SELECT count(*) AS n FROM audit_events WHERE action = 'access.denied'`,
      )!.n;
      expect((await post(login, id, fields)).status, login).toBe(403);
      expect(writes(), login).toEqual(before);
      expect(
        db.get<{ n: number }>(sql`SELECT count(*) AS n FROM audit_events WHERE action = 'access.denied'`)!.n,
        login,
      ).toBe(denied + 1);
    }
    // A role that may not remind is refused before the task is looked at (nothing leaks either way).
    expect((await post("snv.truong", id, fields)).status).toBe(403);
  });

  it("refuses bad input with a translated message on the field, and changes nothing", async () => {
    const id = newTask(20);
    const snv = actor("snv.truong").departmentId!;
    const cases: [Record<string, string>, string, string][] = [
      [await remindFields(id, { departmentId: "" }), "departmentId", "Chọn đơn vị nhận đôn đốc."],
      [await remindFields(id, { departmentId: "abc" }), "departmentId", "Chọn đơn vị nhận đôn đốc."],
      [
        await remindFields(id, { departmentId: String(snv) }),
        "departmentId",
        "Đơn vị này không chủ trì cũng không phối hợp thực hiện nhiệm vụ.",
      ],
      [
        await remindFields(id, { message: "x".repeat(2001) }),
        "message",
        "Nội dung đôn đốc quá dài: tối đa 2.000 ký tự.",
      ],
    ];
    for (const [fields, field, message] of cases) {
      const before = writes();
      const outcome = await post("vanphong", id, fields);
      expect(outcome.status, field).toBe(400);
      expect(errorsOf(outcome, field), field).toContain(message);
      expect(writes(), field).toEqual(before);
    }
    // In English for a reader who chose English.
    const english = await post("vanphong", id, await remindFields(id, { departmentId: String(snv) }), {
      Cookie: (await localeCookie.serialize("en")).split(";")[0]!,
    });
    expect(english.status).toBe(400);
    expect(errorsOf(english, "departmentId")).toContain("This department neither leads nor coordinates the task.");
  });

  it("stores a comment posted twice once", async () => {
    const id = newTask(20);
    const key = (await taskPage("stttt.chuyenvien", id)).body.idempotencyKey;
    const fields = { intent: "comment", idempotencyKey: key, body: "Sở đã nhận và đang triển khai." };
    const before = writes();
    expect((await post("stttt.chuyenvien", id, fields)).status).toBe(302);
    expect((await post("stttt.chuyenvien", id, fields)).status).toBe(302);
    expect(writes().comments).toBe(before.comments + 1);
  });
});

describe("/notifications", () => {
  async function notificationsPage(login: string, query = "") {
    return callRoute(notificationsRoute.loader, { path: `/notifications${query}`, token: await sessionFor(login) });
  }
  async function act(login: string, form: Record<string, string>) {
    return callRoute(notificationsRoute.action, {
      path: "/notifications",
      method: "POST",
      token: await sessionFor(login),
      form,
    });
  }
  const badge = async (login: string) =>
    (
      (await callRoute(rootRoute.loader, { path: "/", token: await sessionFor(login) })).body as {
        user: { unreadNotifications: number };
      }
    ).user.unreadNotifications;

  it("lists the reader's own, newest first; marks one (only their own) or all read", async () => {
    const id = newTask(20);
    const unreadBefore = await badge("stttt.truong");
    expect((await post("vanphong", id, await remindFields(id))).status).toBe(302);
    expect(await badge("stttt.truong")).toBe(unreadBefore + 1);

    const shown = (await notificationsPage("stttt.truong")).body as {
      rows: { id: number; kind: string; taskId: number; readAt: number | null; params: string }[];
      unread: number;
    };
    expect(shown.rows[0]).toMatchObject({ kind: "reminder", taskId: id, readAt: null });
    expect(JSON.parse(shown.rows[0]!.params)).toMatchObject({
      ordinal: 1,
      text: "Đề nghị Sở báo cáo tiến độ trước 17h.",
    });
    expect(shown.unread).toBe(unreadBefore + 1);
    const mine = shown.rows[0]!.id;
    const officers = db.get<{ id: number }>(
      sql`SELECT n.id FROM notifications n JOIN users u ON u.id = n.user_id
          WHERE u.login = 'stttt.chuyenvien' AND n.task_id = ${id}`,
    )!.id;

    // Another user's notification: 404, audited, nothing marked.
    const before = writes();
    const refused = await act("stttt.truong", { intent: "read", id: String(officers) });
    expect(refused.status).toBe(404);
    expect(writes()).toEqual(before);
    expect(
      db.get<{ n: number }>(
        sql`SELECT count(*) AS n FROM audit_events WHERE action = 'access.denied' AND entity_type = 'notification' AND entity_id = ${String(officers)}`,
      )!.n,
    ).toBe(1);
    expect(db.select().from(notifications).where(eq(notifications.id, officers)).get()!.readAt).toBeNull();

    expect(await act("stttt.truong", { intent: "read", id: String(mine), page: "1" })).toMatchObject({
      status: 302,
      location: "/notifications?page=1&done=read",
    });
    expect(await badge("stttt.truong")).toBe(unreadBefore);
    expect(await act("stttt.truong", { intent: "read_all" })).toMatchObject({
      status: 302,
      location: "/notifications?done=readAll",
    });
    expect(await badge("stttt.truong")).toBe(0);
    expect(await badge("stttt.chuyenvien")).toBeGreaterThan(0);
    expect(
      db.get<{ n: number }>(
        sql`SELECT count(*) AS n FROM audit_events WHERE action IN ('notification.read', 'notification.read_all')`,
      )!.n,
    ).toBe(2);
  });

  it("opening a task marks the reader's notifications about it read, and the badge leaves them out", async () => {
    const id = newTask(20);
    const other = newTask(25);
    expect((await post("vanphong", id, await remindFields(id))).status).toBe(302);
    expect((await post("vanphong", other, await remindFields(other))).status).toBe(302);
    const unreadOn = (login: string, taskId: number) =>
      db.get<{ n: number }>(
        sql`SELECT count(*) AS n FROM notifications n JOIN users u ON u.id = n.user_id
            WHERE u.login = ${login} AND n.task_id = ${taskId} AND n.read_at IS NULL`,
      )!.n;
    // The task's announcement and the reminder, for the head and for the focal point.
    expect(unreadOn("stttt.truong", id)).toBe(2);
    expect(unreadOn("stttt.chuyenvien", id)).toBe(2);
    const before = await badge("stttt.truong");

    // The badge of the page that opens the task already leaves them out, whichever loader runs first.
    const rootOfTaskPage = (await callRoute(rootRoute.loader, {
      path: `/tasks/${id}?asOf=${hanoiDay(0)}`,
      token: await sessionFor("stttt.truong"),
    })) as RouteOutcome & { body: { user: { unreadNotifications: number } } };
    expect(rootOfTaskPage.body.user.unreadNotifications).toBe(before - 2);

    expect((await taskPage("stttt.truong", id)).status).toBe(200);
    expect(unreadOn("stttt.truong", id)).toBe(0);
    expect(await badge("stttt.truong")).toBe(before - 2);
    // Only the reader's own, only that task's.
    expect(unreadOn("stttt.chuyenvien", id)).toBe(2);
    expect(unreadOn("stttt.truong", other)).toBe(2);
    expect(
      db.get<{ after: string }>(
        sql`SELECT after FROM audit_events WHERE action = 'notification.read_task' AND entity_id = ${String(id)}`,
      )!.after,
    ).toContain("notificationIds");

    // Opening it again writes nothing.
    const again = writes();
    expect((await taskPage("stttt.truong", id)).status).toBe(200);
    expect(writes()).toEqual(again);

    // "Mark all read" is there for the rest.
    const page = (await notificationsPage("stttt.truong")).body as { unread: number };
    expect(page.unread).toBe(before - 2);
    expect(await act("stttt.truong", { intent: "read_all" })).toMatchObject({ status: 302 });
    expect(await badge("stttt.truong")).toBe(0);
  });

  it("answers bad input with a translated 400 and changes nothing", async () => {
    const forms: Record<string, string>[] = [
      {},
      { intent: "read" },
      { intent: "read", id: "abc" },
      { intent: "delete", id: "1" },
    ];
    for (const form of forms) {
      const before = writes();
      const outcome = await act("stttt.truong", form);
      expect(outcome.status, JSON.stringify(form)).toBe(400);
      expect(outcome.body).toEqual({ message: "Yêu cầu không hợp lệ: hãy tải lại trang rồi thử lại." });
      expect(writes()).toEqual(before);
    }
    expect((await notificationsPage("stttt.truong", "?page=x")).status).toBe(400);
    expect((await notificationsPage("stttt.truong", "?page=999")).status).toBe(200);
  });

  it("signed out: to the login page", async () => {
    const outcome = await callRoute(notificationsRoute.loader, { path: "/notifications" });
    expect(outcome).toMatchObject({ status: 302, location: "/login?redirectTo=%2Fnotifications" });
  });
});
