// Attachments through the task page's real action and the download route's real
// loader, on a real SQLite file and real files in a temporary attachments
// directory: every accepted type stored under a random key with its SHA-256 and
// served back byte for byte; oversized, disguised, too many and unreadable uploads
// refused with a translated message and nothing stored (no row, no file, no
// report, no temporary file); a department outside the task gets 404 for the
// report, the extension request and the download; a confidential directive's
// attachment is hidden from everyone it is hidden from; a double submission is
// stored once; a file altered on disk is refused; a failure half way stores nothing.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import { count, eq, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  attachments,
  auditEvents,
  directives,
  extensionRequests,
  progressReports,
  tasks,
  taskTransitions,
} from "../../db/schema";
import { ACCEPTED_EXTENSIONS_LABEL, ATTACHMENT_LIMITS } from "../../app/domain/attachments";
import { addDays, formatLocalDate, today } from "../../app/domain/dates";
import type { Actor } from "../../app/domain/permissions";
import { runDeferredWrites, type AppDatabase } from "../../app/models/db.server";
import { translate } from "../../app/lib/i18n";
import { storedFilePath, withAttachments, type AcceptedFile } from "../../app/models/attachments.server";
import { submitProgressReport } from "../../app/models/task-progress.server";
import { createTask } from "../../app/models/tasks.server";
import * as downloadRoute from "../../app/routes/tasks.$id_.attachments.$attachmentId";
import * as taskPageRoute from "../../app/routes/tasks.$id/route";
import type { HistoryEntry } from "../../app/models/task-page.server";
import {
  exeFile,
  htmlFile,
  JPEG_FILE,
  officeOpenXmlFile,
  oleFile,
  pdfFile,
  pngFile,
  WEBP_FILE,
} from "../setup/attachment-files";
import {
  callRoute,
  outcomeOf,
  sessionCookieHeader,
  sessionFor,
  TEST_CONTEXT,
  TEST_ORIGIN,
  useFreshDemoDatabase,
  type RouteOutcome,
} from "../setup/remix-harness";

let db: AppDatabase;
let dir: string;
let directiveId: number;
const origin = { ipAddress: "127.0.0.1", userAgent: "test", requestId: "attachments" };
const vi = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
  translate("vi", key, params);

function actor(login: string): Actor {
  return db.get<Actor>(sql`SELECT id, role, department_id AS departmentId FROM users WHERE login = ${login}`)!;
}
const departmentId = (code: string) => db.get<{ id: number }>(sql`SELECT id FROM departments WHERE code = ${code}`)!.id;

beforeAll(async () => {
  db = await useFreshDemoDatabase();
  dir = fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR!, "attachments-"));
  process.env.ATTACHMENTS_DIR = dir;
  directiveId = db.select({ id: directives.id }).from(directives).where(eq(directives.number, "412/TB-UBND")).get()!.id;
  for (const login of [
    "vanphong",
    "lanhdao",
    "admin",
    "stttt.truong",
    "stttt.chuyenvien",
    "snv.truong",
    "sgddt.truong",
  ]) {
    await sessionFor(login);
  }
});

/** A fresh task led by STTTT (SGDDT coordinates) in `directive`, assigned today, due in a month. */
function newTask(directive = directiveId): number {
  const result = createTask(
    db,
    actor("vanphong"),
    {
      directiveId: directive,
      parentId: null,
      itemNumber: "TL",
      title: `Nhiệm vụ có tài liệu ${crypto.randomUUID().slice(0, 8)}`,
      description: null,
      leadDepartmentId: departmentId("STTTT"),
      coordinatorDepartmentIds: [departmentId("SGDDT")],
      deadlineKind: "dated",
      dueDate: addDays(today(), 30),
      assignedOn: today(),
    },
    origin,
  );
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.id;
}

interface Upload {
  name: string;
  bytes: Uint8Array;
  /** What the browser claims; never trusted. */
  type?: string;
}

/** Posts the task page's form as a browser does with `encType="multipart/form-data"`. */
async function postMultipart(
  login: string,
  taskId: number,
  fields: Record<string, string>,
  files: Upload[] = [],
): Promise<RouteOutcome> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const file of files) {
    form.append(
      "attachments",
      new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? "application/octet-stream" }),
    );
  }
  const request = new Request(new URL(`/tasks/${taskId}`, TEST_ORIGIN), {
    method: "POST",
    headers: { Cookie: await sessionCookieHeader(await sessionFor(login)), Origin: TEST_ORIGIN, "User-Agent": "test" },
    body: form,
  });
  return call(taskPageRoute.action, request, { id: String(taskId) });
}

async function call(
  handler: (args: { request: Request; params: Record<string, string>; context: AppLoadContext }) => unknown,
  request: Request,
  params: Record<string, string>,
): Promise<RouteOutcome> {
  try {
    return await outcomeOf(await handler({ request, params, context: { ...TEST_CONTEXT } }));
  } catch (thrown) {
    if (thrown instanceof Error) throw thrown;
    return outcomeOf(thrown);
  } finally {
    // What the server writes just after the answer (the audit of a refused hidden task), as callRoute does.
    runDeferredWrites();
  }
}

async function page(login: string, taskId: number) {
  const outcome = await callRoute(taskPageRoute.loader, {
    path: `/tasks/${taskId}`,
    params: { id: String(taskId) },
    token: await sessionFor(login),
  });
  expect(outcome.status).toBe(200);
  return outcome.body as { idempotencyKey: string; task: { version: number }; history: HistoryEntry[] };
}

async function reportFields(taskId: number, extra: Record<string, string> = {}) {
  const shown = await page("stttt.truong", taskId);
  return {
    intent: "report",
    version: String(shown.task.version),
    idempotencyKey: shown.idempotencyKey,
    asOfDate: formatLocalDate(today()),
    percent: "60",
    result: "Đã kết nối 60% thủ tục",
    ...extra,
  };
}

async function download(login: string, taskId: number, attachmentId: number): Promise<RouteOutcome> {
  const url = `/tasks/${taskId}/attachments/${attachmentId}`;
  const request = new Request(new URL(url, TEST_ORIGIN), {
    headers: { Cookie: await sessionCookieHeader(await sessionFor(login)), "User-Agent": "test" },
  });
  return call(downloadRoute.loader, request, { id: String(taskId), attachmentId: String(attachmentId) });
}

/** The bytes of a download (`outcomeOf` reads a body as text; read it again as bytes). */
async function downloadBytes(login: string, taskId: number, attachmentId: number) {
  const url = `/tasks/${taskId}/attachments/${attachmentId}`;
  const request = new Request(new URL(url, TEST_ORIGIN), {
    headers: { Cookie: await sessionCookieHeader(await sessionFor(login)), "User-Agent": "test" },
  });
  const response = (await downloadRoute.loader({
    request,
    params: { id: String(taskId), attachmentId: String(attachmentId) },
    context: { ...TEST_CONTEXT },
  })) as Response;
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

function filesUnder(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

/** Everything an upload could leave behind. */
function stored() {
  const n = (table: typeof attachments | typeof progressReports | typeof extensionRequests | typeof taskTransitions) =>
    db.select({ n: count() }).from(table).get()!.n;
  return {
    attachments: n(attachments),
    reports: n(progressReports),
    requests: n(extensionRequests),
    transitions: n(taskTransitions),
    files: filesUnder(dir).filter((f) => !f.startsWith(".incoming")).length,
    incoming: filesUnder(path.join(dir, ".incoming")),
    uploadsAudited: db
      .select({ n: count() })
      .from(auditEvents)
      .where(eq(auditEvents.action, "attachment.upload"))
      .get()!.n,
  };
}

const sha256 = (bytes: Uint8Array) => crypto.createHash("sha256").update(bytes).digest("hex");

interface Reply {
  intent: string | null;
  result: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };
}
const errorsOf = (outcome: RouteOutcome, field: string) => (outcome.body as Reply).result.error?.[field] ?? [];

function rowsOf(where: { progressReportId?: number; extensionRequestId?: number }) {
  return db
    .select()
    .from(attachments)
    .where(
      where.progressReportId !== undefined
        ? eq(attachments.progressReportId, where.progressReportId)
        : eq(attachments.extensionRequestId, where.extensionRequestId!),
    )
    .orderBy(attachments.id)
    .all();
}

function latestReportId(taskId: number): number {
  return db.get<{ id: number }>(sql`SELECT max(id) AS id FROM progress_reports WHERE task_id = ${taskId}`)!.id;
}

beforeEach(() => {
  // Every test starts with no temporary file left by an earlier one.
  expect(stored().incoming).toEqual([]);
});

describe("accepted files", () => {
  const batches: Upload[][] = [
    [
      { name: "Báo cáo tiến độ quý 3.pdf", bytes: pdfFile("Bao cao quy 3"), type: "application/pdf" },
      { name: "Kế hoạch.docx", bytes: officeOpenXmlFile("docx") },
      { name: "Số liệu.xlsx", bytes: officeOpenXmlFile("xlsx") },
      { name: "Ảnh hiện trường.png", bytes: pngFile(), type: "image/png" },
      { name: "Ảnh 2.JPEG", bytes: JPEG_FILE, type: "image/jpeg" },
    ],
    [
      { name: "Trình chiếu.pptx", bytes: officeOpenXmlFile("pptx") },
      { name: "Công văn cũ.doc", bytes: oleFile(["WordDocument", "1Table"]) },
      { name: "Bảng cũ.xls", bytes: oleFile(["Workbook"]) },
      { name: "Bài trình bày cũ.ppt", bytes: oleFile(["PowerPoint Document", "Current User"]) },
      // The browser's claimed type is wrong: the content decides.
      { name: "Ảnh nén.webp", bytes: WEBP_FILE, type: "text/plain" },
    ],
  ];

  it.each(batches.map((files, i) => [i + 1, files] as const))(
    "stores batch %i with a progress report: random key, sniffed type, SHA-256, audited, served back",
    async (_n, files) => {
      const id = newTask();
      const before = stored();
      const outcome = await postMultipart("stttt.truong", id, await reportFields(id), files);
      expect(outcome).toMatchObject({ status: 302, location: `/tasks/${id}?done=reported` });

      const reportId = latestReportId(id);
      const rows = rowsOf({ progressReportId: reportId });
      expect(rows.map((r) => r.fileName)).toEqual(files.map((f) => f.name.normalize("NFC")));
      const expectedTypes: Record<string, string> = {
        pdf: "application/pdf",
        docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        doc: "application/msword",
        xls: "application/vnd.ms-excel",
        ppt: "application/vnd.ms-powerpoint",
        png: "image/png",
        jpeg: "image/jpeg",
        webp: "image/webp",
      };
      for (const [i, row] of rows.entries()) {
        const file = files[i]!;
        expect(row).toMatchObject({
          taskId: id,
          progressReportId: reportId,
          extensionRequestId: null,
          taskTransitionId: null,
          mediaType: expectedTypes[file.name.split(".").pop()!.toLowerCase()],
          sizeBytes: file.bytes.length,
          sha256: sha256(file.bytes),
          uploadedBy: actor("stttt.truong").id,
        });
        expect(row.storageKey).toMatch(/^[0-9a-f]{32}$/);
        const onDisk = fs.readFileSync(storedFilePath(row.storageKey, dir));
        expect(sha256(onDisk)).toBe(row.sha256);

        const { response, bytes } = await downloadBytes("vanphong", id, row.id);
        expect(response.status).toBe(200);
        expect(Buffer.from(bytes).equals(Buffer.from(file.bytes))).toBe(true);
        expect(response.headers.get("Content-Type")).toBe(row.mediaType);
        expect(response.headers.get("Content-Length")).toBe(String(file.bytes.length));
        // Left to the server's security headers (helmet, on every answer): set here too, it went out twice.
        expect(response.headers.get("X-Content-Type-Options")).toBeNull();
        expect(response.headers.get("Cache-Control")).toBe("private, no-store");
        const disposition = response.headers.get("Content-Disposition")!;
        expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
        expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!)).toBe(row.fileName);
      }
      // Nothing on disk carries the user's file name.
      expect(filesUnder(dir).some((f) => files.some((u) => f.includes(u.name.split(".")[0]!)))).toBe(false);
      expect(stored()).toMatchObject({
        attachments: before.attachments + files.length,
        files: before.files + files.length,
        uploadsAudited: before.uploadsAudited + files.length,
        incoming: [],
      });
      const audited = db.all<{ entity_type: string; entity_id: string; after: string }>(sql`
        SELECT entity_type, entity_id, after FROM audit_events
        WHERE action = 'attachment.upload' ORDER BY id DESC LIMIT ${files.length}`);
      expect(audited.every((e) => e.entity_type === "task" && e.entity_id === String(id))).toBe(true);
      expect(audited.map((e) => (JSON.parse(e.after) as { sha256: string }).sha256).sort()).toEqual(
        rows.map((r) => r.sha256).sort(),
      );

      // The history shows them with the report, each with its download link.
      const report = (await page("stttt.truong", id)).history.find((e) => e.kind === "report");
      expect(report).toMatchObject({
        attachments: rows.map((r) => ({ id: r.id, fileName: r.fileName, href: `/tasks/${id}/attachments/${r.id}` })),
      });
    },
  );

  it("takes a file of exactly the size limit", async () => {
    const id = newTask();
    const pdf = pdfFile();
    const bytes = Buffer.concat([pdf, Buffer.alloc(ATTACHMENT_LIMITS.maxFileBytes - pdf.length, 0x20)]);
    const outcome = await postMultipart("stttt.truong", id, await reportFields(id), [{ name: "lớn.pdf", bytes }]);
    expect(outcome.status).toBe(302);
    expect(rowsOf({ progressReportId: latestReportId(id) })).toMatchObject([
      { sizeBytes: ATTACHMENT_LIMITS.maxFileBytes, sha256: sha256(bytes) },
    ]);
  });

  it("files an extension request's supporting document and a completion's evidence, shown with them", async () => {
    const id = newTask();
    const shown = await page("stttt.truong", id);
    const asked = await postMultipart(
      "stttt.truong",
      id,
      {
        intent: "request_extension",
        idempotencyKey: shown.idempotencyKey,
        proposedDueDate: formatLocalDate(addDays(today(), 60)),
        reason: "Chờ kinh phí",
      },
      [{ name: "Công văn đề nghị.pdf", bytes: pdfFile("De nghi gia han") }],
    );
    expect(asked).toMatchObject({ status: 302, location: `/tasks/${id}?done=extensionRequested` });
    const requestId = db.get<{ id: number }>(
      sql`SELECT max(id) AS id FROM extension_requests WHERE task_id = ${id}`,
    )!.id;
    expect(rowsOf({ extensionRequestId: requestId })).toMatchObject([
      { fileName: "Công văn đề nghị.pdf", progressReportId: null, taskTransitionId: null },
    ]);

    const fields = await reportFields(id);
    const done = await postMultipart(
      "stttt.truong",
      id,
      {
        intent: "report_completion",
        version: fields.version,
        idempotencyKey: fields.idempotencyKey,
        completionDate: fields.asOfDate,
        result: "Đã kết nối toàn bộ thủ tục",
      },
      [
        { name: "Biên bản nghiệm thu.pdf", bytes: pdfFile("Nghiem thu") },
        { name: "Ảnh.png", bytes: pngFile(8) },
      ],
    );
    expect(done).toMatchObject({ status: 302, location: `/tasks/${id}?done=completionReported` });
    const reportId = latestReportId(id);
    const transitionId = db.get<{ id: number }>(
      sql`SELECT max(id) AS id FROM task_transitions WHERE task_id = ${id}`,
    )!.id;
    expect(rowsOf({ progressReportId: reportId })).toMatchObject([
      { fileName: "Biên bản nghiệm thu.pdf", taskTransitionId: transitionId, mediaType: "application/pdf" },
      { fileName: "Ảnh.png", taskTransitionId: transitionId, mediaType: "image/png" },
    ]);

    const history = (await page("vanphong", id)).history;
    const names = (entry: HistoryEntry | undefined) =>
      entry && "attachments" in entry ? entry.attachments.map((a) => a.fileName) : null;
    expect(names(history.find((e) => e.kind === "extension_requested"))).toEqual(["Công văn đề nghị.pdf"]);
    expect(names(history.find((e) => e.kind === "transition" && e.state === "awaiting_confirmation"))).toEqual([
      "Biên bản nghiệm thu.pdf",
      "Ảnh.png",
    ]);
    // Shown once: with the step "reported done", not again with its 100% report.
    expect(names(history.find((e) => e.kind === "report"))).toEqual([]);
  });
});

describe("refused files: a clear message, the form kept, nothing stored", () => {
  async function expectRefused(files: Upload[], message: string, fields?: Record<string, string>) {
    const id = newTask();
    const before = stored();
    const versionBefore = db.select({ v: tasks.version }).from(tasks).where(eq(tasks.id, id)).get()!.v;
    const posted = fields ?? (await reportFields(id, { result: "Kết quả đã nhập, phải được giữ lại" }));
    const outcome = await postMultipart("stttt.truong", id, posted, files);
    expect(outcome.status).toBe(400);
    expect((outcome.body as Reply).intent).toBe(posted.intent);
    expect(errorsOf(outcome, "attachments")).toContain(message);
    expect(errorsOf(outcome, "attachments")).toContain(vi("attachments.error.nothingSaved"));
    // The user's input comes back to the form.
    expect((outcome.body as Reply).result.initialValue).toMatchObject({ result: posted.result });
    expect(stored()).toEqual(before);
    expect(db.select({ v: tasks.version }).from(tasks).where(eq(tasks.id, id)).get()!.v).toBe(versionBefore);
  }

  it("a file over the size limit", async () => {
    const pdf = pdfFile();
    const bytes = Buffer.concat([pdf, Buffer.alloc(ATTACHMENT_LIMITS.maxFileBytes + 1 - pdf.length, 0x20)]);
    await expectRefused(
      [{ name: "quá lớn.pdf", bytes, type: "application/pdf" }],
      vi("attachments.error.too_large", { name: "quá lớn.pdf", size: 20 }),
    );
  });

  it.each([
    [
      "an executable renamed .pdf",
      { name: "bao-cao.pdf", bytes: exeFile(), type: "application/pdf" },
      "content_not_allowed",
    ],
    ["HTML renamed .pdf", { name: "bao-cao.pdf", bytes: htmlFile(), type: "application/pdf" }, "content_not_allowed"],
    ["a PNG named .pdf", { name: "bao-cao.pdf", bytes: pngFile(), type: "application/pdf" }, "content_mismatch"],
    ["a Word 97 file named .docx", { name: "van-ban.docx", bytes: oleFile(["WordDocument"]) }, "content_mismatch"],
    ["an Excel 97 file named .doc", { name: "van-ban.doc", bytes: oleFile(["Workbook"]) }, "content_mismatch"],
    [
      "a compound file of no Office kind named .doc",
      { name: "cai-dat.doc", bytes: oleFile(["Msi"]) },
      "content_not_allowed",
    ],
    [
      "a password-protected document",
      { name: "mat-khau.docx", bytes: oleFile(["EncryptionInfo", "EncryptedPackage"]) },
      "encrypted",
    ],
    ["an executable", { name: "setup.exe", bytes: exeFile() }, "type_not_allowed"],
    ["a name without extension", { name: "bao-cao", bytes: pdfFile() }, "type_not_allowed"],
    ["an empty file", { name: "trong.pdf", bytes: new Uint8Array(0) }, "empty"],
  ] as const)("%s", async (_label, file, refusal) => {
    await expectRefused(
      [file],
      vi(`attachments.error.${refusal}`, { name: file.name, size: 20, types: ACCEPTED_EXTENSIONS_LABEL }),
    );
  });

  it("one bad file among good ones: none of them is kept", async () => {
    await expectRefused(
      [
        { name: "tốt.pdf", bytes: pdfFile() },
        { name: "xấu.pdf", bytes: exeFile() },
        { name: "tốt.png", bytes: pngFile() },
      ],
      vi("attachments.error.content_not_allowed", { name: "xấu.pdf" }),
    );
  });

  it("more files than a submission takes", async () => {
    const files = Array.from({ length: ATTACHMENT_LIMITS.maxFiles + 1 }, (_, i) => ({
      name: `tệp ${i + 1}.pdf`,
      bytes: pdfFile(`Tep ${i + 1}`),
    }));
    await expectRefused(files, vi("attachments.error.too_many", { count: ATTACHMENT_LIMITS.maxFiles }));
  });

  it("a good file with a form error: the form's errors and nothing stored", async () => {
    const id = newTask();
    const before = stored();
    const outcome = await postMultipart("stttt.truong", id, await reportFields(id, { percent: "160" }), [
      { name: "tốt.pdf", bytes: pdfFile() },
    ]);
    expect(outcome.status).toBe(400);
    expect(errorsOf(outcome, "percent")).toEqual([vi("progress.error.percent")]);
    expect(stored()).toEqual(before);
  });

  it("a body over the request limit is refused before it is read", async () => {
    const id = newTask();
    const before = stored();
    const request = new Request(new URL(`/tasks/${id}`, TEST_ORIGIN), {
      method: "POST",
      headers: {
        Cookie: await sessionCookieHeader(await sessionFor("stttt.truong")),
        Origin: TEST_ORIGIN,
        "Content-Type": "multipart/form-data; boundary=x",
        "Content-Length": String(200 * 1024 * 1024),
      },
      body: "--x--\r\n",
    });
    const outcome = await call(taskPageRoute.action, request, { id: String(id) });
    expect(outcome.status).toBe(413);
    expect(outcome.body).toEqual({
      message: vi("attachments.error.requestTooLarge", { count: ATTACHMENT_LIMITS.maxFiles, size: 20 }),
    });
    expect(stored()).toEqual(before);
  });

  it("a body the multipart parser cannot read (a file name with “;”) is refused with what to do", async () => {
    const id = newTask();
    const fields = await reportFields(id);
    const before = stored();
    const boundary = "----ranh-gioi";
    const part = (headers: string, body: string) => `--${boundary}\r\n${headers}\r\n\r\n${body}\r\n`;
    const body =
      Object.entries(fields)
        .map(([name, value]) => part(`Content-Disposition: form-data; name="${name}"`, value))
        .join("") +
      part('Content-Disposition: form-data; name="attachments"; filename="a;b.pdf"', pdfFile().toString("latin1")) +
      `--${boundary}--\r\n`;
    const request = new Request(new URL(`/tasks/${id}`, TEST_ORIGIN), {
      method: "POST",
      headers: {
        Cookie: await sessionCookieHeader(await sessionFor("stttt.truong")),
        Origin: TEST_ORIGIN,
        "Content-Type": `multipart/form-data; boundary=${boundary}`,
      },
      body: Buffer.from(body, "utf8"),
    });
    const outcome = await call(taskPageRoute.action, request, { id: String(id) });
    expect(outcome.status).toBe(400);
    expect(outcome.body).toEqual({ message: vi("attachments.error.unreadable") });
    expect(stored()).toEqual(before);
  });
});

describe("who may upload and download", () => {
  it("a department outside the task: 404 for the report, the extension request and the download", async () => {
    const id = newTask();
    expect(
      (await postMultipart("stttt.truong", id, await reportFields(id), [{ name: "a.pdf", bytes: pdfFile() }])).status,
    ).toBe(302);
    const [row] = rowsOf({ progressReportId: latestReportId(id) });
    const before = stored();
    const denials = () =>
      db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, "access.denied")).get()!.n;
    const deniedBefore = denials();

    const fields = await reportFields(id);
    const report = await postMultipart("snv.truong", id, fields, [{ name: "b.pdf", bytes: pdfFile() }]);
    expect(report).toMatchObject({ status: 404, body: null });
    const extension = await postMultipart(
      "snv.truong",
      id,
      { intent: "request_extension", idempotencyKey: crypto.randomUUID(), proposedDueDate: "31/12/2030", reason: "x" },
      [{ name: "c.pdf", bytes: pdfFile() }],
    );
    expect(extension).toMatchObject({ status: 404, body: null });
    // Without files (url-encoded) it is the same answer.
    const plain = await callRoute(taskPageRoute.action, {
      path: `/tasks/${id}`,
      method: "POST",
      params: { id: String(id) },
      token: await sessionFor("snv.truong"),
      form: fields,
    });
    expect(plain).toMatchObject({ status: 404, body: null });
    expect(await download("snv.truong", id, row!.id)).toMatchObject({ status: 404, body: null });
    expect(stored()).toEqual(before);
    expect(denials()).toBe(deniedBefore + 4);

    // A coordinating department sees the task, and its attachments.
    expect((await download("sgddt.truong", id, row!.id)).status).toBe(200);
  });

  it("an attachment asked for under another task, or one that does not exist, is 404", async () => {
    const first = newTask();
    const second = newTask();
    await postMultipart("stttt.truong", first, await reportFields(first), [{ name: "a.pdf", bytes: pdfFile() }]);
    const [row] = rowsOf({ progressReportId: latestReportId(first) });
    expect((await download("stttt.truong", first, row!.id)).status).toBe(200);
    expect(await download("stttt.truong", second, row!.id)).toMatchObject({ status: 404, body: null });
    expect(await download("stttt.truong", first, 999_999)).toMatchObject({ status: 404, body: null });
    const audited = db.get<{ after: string }>(sql`
      SELECT after FROM audit_events WHERE action = 'access.denied' ORDER BY id DESC LIMIT 1`)!;
    expect(JSON.parse(audited.after)).toMatchObject({ path: `/tasks/${first}/attachments/999999`, status: 404 });
  });

  it("a confidential directive's attachment: only the secretariat, leadership and the assigned departments", async () => {
    const confidential = db
      .insert(directives)
      .values({
        committeeId: db.get<{ id: number }>(sql`SELECT id FROM committees ORDER BY id LIMIT 1`)!.id,
        type: "official_letter",
        number: `${Date.now() % 100000}/CV-MAT`,
        issuer: "UBND Thành phố Hà Nội",
        issuedOn: "2026-01-05",
        abstract: "Văn bản mật có tài liệu kèm theo",
        state: "issued",
        confidential: true,
      })
      .returning({ id: directives.id })
      .get().id;
    const id = newTask(confidential);
    const outcome = await postMultipart("stttt.truong", id, await reportFields(id), [
      { name: "Tài liệu mật.pdf", bytes: pdfFile("Mat") },
    ]);
    expect(outcome.status).toBe(302);
    const [row] = rowsOf({ progressReportId: latestReportId(id) });
    for (const login of ["vanphong", "lanhdao", "stttt.truong", "stttt.chuyenvien", "sgddt.truong"]) {
      expect((await download(login, id, row!.id)).status, login).toBe(200);
    }
    for (const login of ["snv.truong", "admin"]) {
      expect(await download(login, id, row!.id), login).toMatchObject({ status: 404, body: null });
    }
    // The upload's audit event is hidden from the admin's audit log like the task itself.
    const upload = db.get<{ id: number }>(sql`
      SELECT id FROM audit_events WHERE action = 'attachment.upload' AND entity_id = ${String(id)}`);
    expect(upload).toBeDefined();
  });
});

describe("stored once, stored whole", () => {
  it("a report posted twice with its file (double click, retry) is stored once, its file once", async () => {
    const id = newTask();
    const fields = await reportFields(id);
    const before = stored();
    const file = { name: "Báo cáo.pdf", bytes: pdfFile("Mot lan") };
    const first = await postMultipart("stttt.truong", id, fields, [file]);
    const second = await postMultipart("stttt.truong", id, fields, [file]);
    // A retry that picked another file is still the same submission.
    const third = await postMultipart("stttt.truong", id, fields, [{ name: "Khác.png", bytes: pngFile() }]);
    expect([first.status, second.status, third.status]).toEqual([302, 302, 302]);
    expect(stored()).toMatchObject({
      reports: before.reports + 1,
      attachments: before.attachments + 1,
      files: before.files + 1,
      uploadsAudited: before.uploadsAudited + 1,
      incoming: [],
    });
  });

  it("a file changed or lost on disk is not served: 500 with the reason, audited", async () => {
    const id = newTask();
    await postMultipart("stttt.truong", id, await reportFields(id), [{ name: "a.pdf", bytes: pdfFile() }]);
    const [row] = rowsOf({ progressReportId: latestReportId(id) });
    const file = storedFilePath(row!.storageKey, dir);
    const original = fs.readFileSync(file);
    const tampered = Buffer.from(original);
    tampered[20] = tampered[20]! ^ 0xff;
    fs.writeFileSync(file, tampered);
    expect(await download("vanphong", id, row!.id)).toMatchObject({
      status: 500,
      body: { message: vi("attachments.error.damaged") },
    });
    fs.rmSync(file);
    expect((await download("vanphong", id, row!.id)).status).toBe(500);
    const damaged = db.all<{ after: string }>(sql`
      SELECT after FROM audit_events WHERE action = 'attachment.damaged' AND entity_id = ${String(id)} ORDER BY id`);
    expect(damaged.map((d) => (JSON.parse(d.after) as { reason: string }).reason)).toEqual(["checksum", "missing"]);
    fs.writeFileSync(file, original);
    expect((await download("vanphong", id, row!.id)).status).toBe(200);
  });

  it("a failure while storing the files leaves no report, no row and no file", async () => {
    const id = newTask();
    const incoming = path.join(dir, ".incoming");
    fs.mkdirSync(incoming, { recursive: true });
    const good = path.join(incoming, "good.part");
    const bytes = pdfFile();
    fs.writeFileSync(good, bytes);
    const files: AcceptedFile[] = [
      {
        fileName: "a.pdf",
        tempPath: good,
        sizeBytes: bytes.length,
        sha256: sha256(bytes),
        mediaType: "application/pdf",
      },
      // Its temporary file is gone: the rename fails after the first file was put in place.
      {
        fileName: "b.pdf",
        tempPath: path.join(incoming, "gone.part"),
        sizeBytes: 1,
        sha256: "0".repeat(64),
        mediaType: "application/pdf",
      },
    ];
    const before = stored();
    const lead = actor("stttt.truong");
    const version = db.select({ v: tasks.version }).from(tasks).where(eq(tasks.id, id)).get()!.v;
    expect(() =>
      withAttachments(
        db,
        lead,
        files,
        origin,
        () =>
          submitProgressReport(
            db,
            lead,
            { taskId: id, baseVersion: version, asOfDate: today(), percent: 10, result: "x", idempotencyKey: null },
            origin,
          ),
        (result) => (result.ok ? { taskId: id, progressReportId: result.id } : null),
      ),
    ).toThrow(/ENOENT/);
    expect(stored()).toEqual({ ...before, incoming: [] });
    expect(fs.existsSync(good)).toBe(false);
  });

  it("a refused move keeps no file", async () => {
    const id = newTask();
    const incoming = path.join(dir, ".incoming");
    fs.mkdirSync(incoming, { recursive: true });
    const temp = path.join(incoming, "refused.part");
    fs.writeFileSync(temp, pdfFile());
    const before = stored();
    const lead = actor("stttt.truong");
    const result = withAttachments(
      db,
      lead,
      [{ fileName: "a.pdf", tempPath: temp, sizeBytes: 1, sha256: "0".repeat(64), mediaType: "application/pdf" }],
      origin,
      // A stale version: refused, nothing written.
      () =>
        submitProgressReport(
          db,
          lead,
          { taskId: id, baseVersion: 999, asOfDate: today(), percent: 10, result: "x", idempotencyKey: null },
          origin,
        ),
      (outcome) => (outcome.ok ? { taskId: id, progressReportId: outcome.id } : null),
    );
    expect(result).toMatchObject({ ok: false, error: "conflict" });
    expect(stored()).toEqual({ ...before, incoming: [] });
  });
});
