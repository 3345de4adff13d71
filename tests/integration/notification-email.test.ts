// Notification e-mail against a real SMTP server started here (the `smtp-server`
// package on a free local port; nothing is mocked): a reminder sent from the task
// page queues the department's mail in its transaction and the mailer delivers it
// after the commit, with the right recipient, a Vietnamese subject and a plain-text
// body linking to the task (APP_URL); a server that refuses the message leaves the
// row pending with its attempts and error, the job's retry sends it once the server
// accepts, and after MAX_EMAIL_ATTEMPTS the row is marked failed. Without SMTP
// settings nothing is queued: `skipped` with an address, NULL without. A task saved
// from the new-task page is announced by mail to its lead department. A user who
// chose English in the app gets English mail, and the choice returns at sign-in.
import type { AddressInfo } from "node:net";
import { and, eq, sql } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, notifications, users } from "../../db/schema";
import type { LocalDate } from "../../app/domain/dates";
import type { Actor } from "../../app/domain/permissions";
import type { AppDatabase } from "../../app/models/db.server";
import {
  backgroundDelivery,
  deliverPendingEmails,
  EMAIL_RETRY_AFTER_MS,
  MAX_EMAIL_ATTEMPTS,
} from "../../app/models/mailer.server";
import { renderEmail } from "../../app/lib/email.server";
import { runReminderJob, sendReminder } from "../../app/models/reminders.server";
import { createTask } from "../../app/models/tasks.server";
import * as taskPageRoute from "../../app/routes/tasks.$id/route";
import * as taskNewRoute from "../../app/routes/tasks.new/route";
import { localeCookie } from "../../app/lib/locale.server";
import * as languageRoute from "../../app/routes/language";
import * as loginRoute from "../../app/routes/login/route";
import { callRoute, sessionFor, useFreshDemoDatabase } from "../setup/remix-harness";

interface Received {
  from: string;
  to: string[];
  subject: string;
  text: string;
  raw: string;
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / ?B?), as nodemailer writes non-ASCII headers. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_whole, encoding: string, data: string) =>
      encoding.toLowerCase() === "b"
        ? Buffer.from(data, "base64").toString("utf8")
        : Buffer.from(
            data
              .replace(/_/g, " ")
              .replace(/=([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            "latin1",
          ).toString("utf8"),
    );
}

/** Just enough MIME for a single-part text message: headers, and a quoted-printable or base64 body. */
function parseMessage(raw: string): { subject: string; text: string } {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, "im").exec(head)?.[1] ?? "";
  const encoding = header("Content-Transfer-Encoding").toLowerCase();
  const text =
    encoding === "base64"
      ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
      : encoding === "quoted-printable"
        ? Buffer.from(
            body
              .replace(/=\r\n/g, "")
              .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            "latin1",
          ).toString("utf8")
        : body;
  return { subject: decodeHeader(header("Subject")), text: text.replace(/\r\n/g, "\n") };
}

let server: SMTPServer;
let port = 0;
const inbox: Received[] = [];
/** While set, the server refuses every message with this temporary error. */
let refusing: string | null = null;

let db: AppDatabase;
let secretariat: Actor;
let stttt: number;
let directiveId: number;
const origin = { ipAddress: "127.0.0.1", userAgent: "test", requestId: "email" };
const ENV_KEYS = ["SMTP_HOST", "SMTP_PORT", "SMTP_SECURE", "SMTP_USER", "SMTP_PASSWORD", "SMTP_FROM", "APP_URL"];
const savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));

function useSmtp(): void {
  process.env.SMTP_HOST = "127.0.0.1";
  process.env.SMTP_PORT = String(port);
  process.env.SMTP_SECURE = "false";
  process.env.SMTP_FROM = "Theo dõi nhiệm vụ <no-reply@ubnd.example.vn>";
  process.env.APP_URL = "https://nhiemvu.example.vn/";
  delete process.env.SMTP_USER;
  delete process.env.SMTP_PASSWORD;
}

function withoutSmtp(): void {
  for (const key of ENV_KEYS) delete process.env[key];
}

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (refusing !== null) {
          const error = Object.assign(new Error(refusing), { responseCode: 451 });
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks).toString("latin1");
        const from = session.envelope.mailFrom === false ? "" : session.envelope.mailFrom.address;
        inbox.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw, ...parseMessage(raw) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as AddressInfo).port;

  db = await useFreshDemoDatabase();
  secretariat = db.get<Actor>(sql`SELECT id, role, department_id AS departmentId FROM users WHERE login = 'vanphong'`)!;
  stttt = db.get<{ id: number }>(sql`SELECT id FROM departments WHERE code = 'STTTT'`)!.id;
  directiveId = db.get<{ id: number }>(sql`SELECT id FROM directives WHERE number = '412/TB-UBND'`)!.id;
  // The head of STTTT has an address; the focal point does not.
  db.update(users).set({ email: "truong.stttt@hanoi.example.vn" }).where(eq(users.login, "stttt.truong")).run();
  await sessionFor("vanphong");
});

afterAll(async () => {
  for (const [key, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

afterEach(async () => {
  await backgroundDelivery();
  refusing = null;
  inbox.length = 0;
});

function newTask(title: string): number {
  const day = (offset: number): LocalDate =>
    new Date(Date.now() + 7 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
  const result = createTask(
    db,
    secretariat,
    {
      directiveId,
      parentId: null,
      itemNumber: "E",
      title,
      description: null,
      leadDepartmentId: stttt,
      coordinatorDepartmentIds: [],
      deadlineKind: "dated",
      dueDate: day(20),
      assignedOn: day(-5),
    },
    origin,
  );
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.id;
}

/** The task's notifications of one kind (by default its reminders, not the announcement of the new task). */
const rowsOf = (taskId: number, kind: "reminder" | "task_assigned" = "reminder") =>
  db
    .select({
      login: users.login,
      emailState: notifications.emailState,
      emailAttempts: notifications.emailAttempts,
      emailedAt: notifications.emailedAt,
      emailError: notifications.emailError,
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(and(eq(notifications.taskId, taskId), eq(notifications.kind, kind)))
    .orderBy(users.login)
    .all();

async function waitForMail(count: number): Promise<void> {
  for (let i = 0; i < 100 && inbox.length < count; i++) await new Promise((r) => setTimeout(r, 50));
}

describe("notification e-mail through SMTP", () => {
  it("a reminder sent from the task page arrives after the commit, in Vietnamese, with the task's link", async () => {
    withoutSmtp(); // the new task's announcement is not what this test mails
    const id = newTask("Kết nối hệ thống thư điện tử công vụ");
    useSmtp();
    const page = await callRoute(taskPageRoute.loader, {
      path: `/tasks/${id}`,
      params: { id: String(id) },
      token: await sessionFor("vanphong"),
    });
    const sent = await callRoute(taskPageRoute.action, {
      path: `/tasks/${id}`,
      method: "POST",
      params: { id: String(id) },
      token: await sessionFor("vanphong"),
      form: {
        intent: "remind",
        idempotencyKey: (page.body as { idempotencyKey: string }).idempotencyKey,
        departmentId: String(stttt),
        message: "Đề nghị Sở báo cáo kết quả trước ngày 30.",
      },
    });
    expect(sent.status).toBe(302);
    await backgroundDelivery();
    await waitForMail(1);

    expect(inbox).toHaveLength(1);
    const [mail] = inbox;
    expect(mail!.to).toEqual(["truong.stttt@hanoi.example.vn"]);
    expect(mail!.from).toBe("no-reply@ubnd.example.vn");
    expect(mail!.subject).toBe("[Theo dõi nhiệm vụ chỉ đạo] Đôn đốc lần 1 gửi Sở Thông tin và Truyền thông");
    expect(mail!.text).toContain("Kính gửi Phạm Quốc Hùng (Giám đốc Sở TT&TT),");
    expect(mail!.text).toContain("Người gửi: Lê Thu Hương (Tổ giúp việc Ban Chỉ đạo)");
    expect(mail!.text).toContain("Nhiệm vụ: E. Kết nối hệ thống thư điện tử công vụ");
    expect(mail!.text).toContain("Nội dung: Đề nghị Sở báo cáo kết quả trước ngày 30.");
    expect(mail!.text).toContain(`Xem nhiệm vụ: https://nhiemvu.example.vn/tasks/${id}`);
    expect(mail!.text).toContain("Tất cả thông báo: https://nhiemvu.example.vn/notifications");
    expect(mail!.raw).toMatch(/Content-Type: text\/plain; charset=utf-8/i);

    // The head got it by mail; the focal point (no address) in the app only.
    const rows = rowsOf(id);
    expect(rows).toEqual([
      { login: "stttt.chuyenvien", emailState: null, emailAttempts: 0, emailedAt: null, emailError: null },
      expect.objectContaining({ login: "stttt.truong", emailState: "sent", emailAttempts: 1, emailError: null }),
    ]);
    expect(rows[1]!.emailedAt).toBeGreaterThan(0);
  });

  it("a refusing server leaves the mail pending with its error; the job retries it; it gives up after the last attempt", async () => {
    withoutSmtp(); // the new tasks' announcements are not what this test mails
    const id = newTask("Nhiệm vụ thư bị từ chối");
    const other = newTask("Nhiệm vụ thư không gửi được");
    useSmtp();
    refusing = "Mailbox temporarily unavailable";
    const start = Date.now();
    const first = sendReminder(db, secretariat, { taskId: id, departmentId: stttt, idempotencyKey: "mail-1" }, origin);
    expect(first).toMatchObject({ ok: true, emailsQueued: 1 });
    expect(await deliverPendingEmails(db, { now: () => start })).toEqual({
      sent: 0,
      retrying: 1,
      failed: 0,
      skipped: 0,
    });
    const failedOnce = rowsOf(id).find((r) => r.login === "stttt.truong")!;
    expect(failedOnce).toMatchObject({ emailState: "pending", emailAttempts: 1, emailedAt: start });
    expect(failedOnce.emailError).toContain("Mailbox temporarily unavailable");

    // Not again before the retry delay; then the server accepts and the retry sends it.
    expect(await deliverPendingEmails(db, { retries: true, now: () => start + 60_000 })).toMatchObject({
      sent: 0,
      retrying: 0,
    });
    refusing = null;
    const retried = await runReminderJob(db, start + EMAIL_RETRY_AFTER_MS + 1);
    // The job also mails the automatic reminders it created for the demo's tasks.
    expect(retried.emails.sent).toBeGreaterThanOrEqual(1);
    expect(retried.emails.retrying).toBe(0);
    expect(inbox.filter((m) => m.text.includes("Nhiệm vụ thư bị từ chối")).map((m) => m.to)).toEqual([
      ["truong.stttt@hanoi.example.vn"],
    ]);
    expect(rowsOf(id).find((r) => r.login === "stttt.truong")).toMatchObject({
      emailState: "sent",
      emailAttempts: 2,
      emailError: null,
    });

    // A server that never accepts: `failed` after the last allowed attempt, and left alone afterwards.
    refusing = "Service unavailable";
    sendReminder(db, secretariat, { taskId: other, departmentId: stttt, idempotencyKey: "mail-2" }, origin);
    let now = start;
    for (let attempt = 1; attempt <= MAX_EMAIL_ATTEMPTS; attempt++) {
      const report = await deliverPendingEmails(db, { retries: true, now: () => now });
      expect(report, `attempt ${attempt}`).toMatchObject(
        attempt < MAX_EMAIL_ATTEMPTS ? { retrying: 1, failed: 0 } : { retrying: 0, failed: 1 },
      );
      now += EMAIL_RETRY_AFTER_MS + 1;
    }
    expect(rowsOf(other).find((r) => r.login === "stttt.truong")).toMatchObject({
      emailState: "failed",
      emailAttempts: MAX_EMAIL_ATTEMPTS,
      emailError: expect.stringContaining("Service unavailable"),
    });
    expect(await deliverPendingEmails(db, { retries: true, now: () => now + EMAIL_RETRY_AFTER_MS })).toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
      skipped: 0,
    });
  });

  it("never names a confidential directive's task, nor its free text, in a mailbox", () => {
    const facts = {
      recipientName: "Phạm Quốc Hùng",
      kind: "completion_returned" as const,
      params: JSON.stringify({ text: "Thiếu số liệu về hệ thống mật" }),
      taskId: 7,
      taskLabel: "3. Nâng cấp hệ thống mật",
      actorName: "Lê Thu Hương",
    };
    const open = renderEmail({ ...facts, confidential: false }, "https://x.example.vn");
    expect(open.subject).toBe("[Theo dõi nhiệm vụ chỉ đạo] Báo cáo hoàn thành bị trả lại, yêu cầu thực hiện lại");
    expect(open.text).toContain("Nhiệm vụ: 3. Nâng cấp hệ thống mật");
    expect(open.text).toContain("Lý do: Thiếu số liệu về hệ thống mật");
    const secret = renderEmail({ ...facts, confidential: true }, "https://x.example.vn");
    expect(secret.text).not.toContain("Nâng cấp");
    expect(secret.text).not.toContain("Thiếu số liệu");
    expect(secret.text).toContain("Nhiệm vụ thuộc văn bản mật: xem nội dung trên hệ thống.");
    expect(secret.text).toContain("https://x.example.vn/tasks/7");
  });

  it("a task saved on the new-task page is announced by mail to its lead department", async () => {
    useSmtp();
    const saved = await callRoute(taskNewRoute.action, {
      path: `/tasks/new?directive=${directiveId}`,
      method: "POST",
      token: await sessionFor("vanphong"),
      form: {
        itemNumber: "M",
        title: "Triển khai hộp thư điện tử cho cán bộ cấp xã",
        leadDepartmentId: String(stttt),
        deadlineKind: "dated",
        dueDate: "31/12/2026",
        assignedOn: "20/03/2026",
      },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(302);
    const id = Number(/^\/tasks\/(\d+)\?saved=created$/.exec(saved.location ?? "")![1]);
    await backgroundDelivery();
    await waitForMail(1);
    expect(inbox.map((m) => [m.to, m.subject])).toEqual([
      [
        ["truong.stttt@hanoi.example.vn"],
        "[Theo dõi nhiệm vụ chỉ đạo] Sở Thông tin và Truyền thông được giao chủ trì nhiệm vụ mới",
      ],
    ]);
    expect(inbox[0]!.text).toContain("Nhiệm vụ: M. Triển khai hộp thư điện tử cho cán bộ cấp xã");
    expect(inbox[0]!.text).toContain(`Xem nhiệm vụ: https://nhiemvu.example.vn/tasks/${id}`);
    expect(rowsOf(id, "task_assigned").map((r) => [r.login, r.emailState])).toEqual([
      ["stttt.chuyenvien", null],
      ["stttt.truong", "sent"],
    ]);
  });

  it("without SMTP settings nothing is queued: skipped with an address, NULL without", async () => {
    withoutSmtp();
    const id = newTask("Nhiệm vụ không có SMTP");
    expect(
      sendReminder(db, secretariat, { taskId: id, departmentId: stttt, idempotencyKey: "mail-3" }, origin),
    ).toMatchObject({ ok: true, emailsQueued: 0 });
    expect(rowsOf(id).map((r) => [r.login, r.emailState])).toEqual([
      ["stttt.chuyenvien", null],
      ["stttt.truong", "skipped"],
    ]);
    expect(await deliverPendingEmails(db)).toEqual({ sent: 0, retrying: 0, failed: 0, skipped: 0 });
    expect(inbox).toEqual([]);
  });

  it("a user who chose English gets English mail, and finds English again at the next sign-in", async () => {
    withoutSmtp();
    const id = newTask("Công bố danh mục dữ liệu mở");
    const token = await sessionFor("stttt.truong");
    const choose = (locale: string) =>
      callRoute(languageRoute.action, {
        path: "/language",
        method: "POST",
        token,
        form: { locale, redirectTo: `/tasks/${id}` },
      });
    const localeOf = () =>
      db.select({ locale: users.locale }).from(users).where(eq(users.login, "stttt.truong")).get()!.locale;
    const localeEvents = () =>
      db
        .select({ after: auditEvents.after })
        .from(auditEvents)
        .where(eq(auditEvents.action, "user.locale"))
        .all()
        .map((e) => e.after);
    expect(localeOf()).toBeNull();
    // An unknown language changes nothing.
    expect(await choose("fr")).toMatchObject({ status: 302, location: `/tasks/${id}` });
    expect(localeOf()).toBeNull();
    const chosen = await choose("en");
    expect(chosen).toMatchObject({ status: 302, location: `/tasks/${id}` });
    expect(chosen.headers.get("Set-Cookie")).toMatch(/^lang=/);
    expect(localeOf()).toBe("en");
    await choose("en"); // the same again: nothing to record
    expect(localeEvents()).toEqual([{ locale: "en" }]);

    useSmtp();
    sendReminder(db, secretariat, { taskId: id, departmentId: stttt, idempotencyKey: "mail-en" }, origin);
    await deliverPendingEmails(db);
    const mail = inbox.find((m) => m.text.includes("Công bố danh mục dữ liệu mở"))!;
    expect(mail.subject).toBe("[Directive Tracker] Reminder no. 1 to Sở Thông tin và Truyền thông");
    expect(mail.text).toContain("Dear Phạm Quốc Hùng (Giám đốc Sở TT&TT),");
    expect(mail.text).toContain(`Open the task: https://nhiemvu.example.vn/tasks/${id}`);

    // Signing in again, on a browser without the language cookie: English.
    const signedIn = await callRoute(loginRoute.action, {
      path: "/login",
      method: "POST",
      form: { login: "stttt.truong", password: "Demo@2019", redirectTo: "/" },
    });
    expect(signedIn.status).toBe(302);
    const cookie = /lang=[^;]+/.exec(signedIn.headers.get("Set-Cookie") ?? "")?.[0];
    expect(await localeCookie.parse(cookie ?? null)).toBe("en");
    // Someone who never chose keeps the browser's choice (no language cookie set).
    const other = await callRoute(loginRoute.action, {
      path: "/login",
      method: "POST",
      form: { login: "vanphong", password: "Demo@2019", redirectTo: "/" },
    });
    expect(other.status).toBe(302);
    expect(other.headers.get("Set-Cookie")).not.toMatch(/lang=/);
    // Back to Vietnamese for the other tests' mail.
    await choose("vi");
    expect(localeOf()).toBe("vi");
  });
});
