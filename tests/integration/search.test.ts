import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { loadDemoData } from "../../db/seed/demo";
import type { Actor } from "../../app/domain/permissions";
import { foldVietnamese } from "../../app/domain/text";
import type { AppDatabase } from "../../app/models/db.server";
import { createTask } from "../../app/models/tasks.server";
import { highlight, parseQuery, rebuildSearchIndex, search } from "../../app/models/search.server";
import { freshDatabase } from "../setup/database";

let db: AppDatabase;
const actor = (login: string) =>
  db.get<Actor>(sql`SELECT id, role, department_id AS departmentId FROM users WHERE login = ${login}`)!;

beforeAll(async () => {
  db = freshDatabase();
  await loadDemoData(db, { now: Date.parse("2026-03-16T03:00:00Z") });
  rebuildSearchIndex(db);
});

describe("search", () => {
  it("finds Vietnamese words typed without accents, đ included", () => {
    const training = search(db, actor("lanhdao"), "dao tao");
    expect(training.some((hit) => hit.kind === "task" && hit.title.includes("Đào tạo"))).toBe(true);
    const digitisation = search(db, actor("lanhdao"), "so hoa");
    expect(digitisation.some((hit) => foldVietnamese(hit.title).includes("so hoa"))).toBe(true);
    expect(digitisation.some((hit) => hit.title.includes("số hóa") || hit.title.includes("Số hóa"))).toBe(true);
    expect(search(db, actor("lanhdao"), "ĐÀO TẠO").length).toBe(training.length);
  });

  it("ranks a title match above a mention in the body", () => {
    const hits = search(db, actor("vanphong"), "dao tao");
    expect(hits[0]!.title.toLowerCase()).toContain("đào tạo");
  });

  it("respects access: a department user never finds a confidential directive it is not assigned in", () => {
    const secret = search(db, actor("vanphong"), "an ninh mang");
    expect(secret.some((hit) => hit.kind === "directive" && hit.title.includes("1563"))).toBe(true);
    const outsider = search(db, actor("sgddt.truong"), "an ninh mang");
    expect(outsider.some((hit) => hit.title.includes("1563"))).toBe(false);
    const stttt = actor("stttt.truong");
    for (const hit of search(db, stttt, "thanh pho")) {
      if (hit.taskId === null) continue;
      const assigned = db.get<{ n: number }>(sql`
        SELECT count(*) AS n FROM tasks t WHERE t.id = ${hit.taskId} AND (t.lead_department_id = ${stttt.departmentId}
          OR EXISTS (SELECT 1 FROM task_coordinators c WHERE c.task_id = t.id AND c.department_id = ${stttt.departmentId}))`);
      expect(assigned?.n, `task ${hit.taskId}`).toBe(1);
    }
  });

  it("indexes a new task in the same transaction as its creation", () => {
    const secretary = actor("vanphong");
    const lead = db.get<{ id: number }>(sql`SELECT id FROM departments WHERE code = 'SYT'`)!.id;
    const created = createTask(
      db,
      secretary,
      {
        directiveId: 2,
        parentId: null,
        itemNumber: "99",
        title: "Triển khai bệnh án điện tử",
        description: null,
        leadDepartmentId: lead,
        coordinatorDepartmentIds: [],
        deadlineKind: "ongoing",
        dueDate: null,
        assignedOn: "2026-03-16",
      },
      { ipAddress: null, userAgent: null, requestId: null },
    );
    expect(created.ok).toBe(true);
    expect(search(db, secretary, "benh an dien tu").map((hit) => hit.title)).toContain(
      "99. Triển khai bệnh án điện tử",
    );
  });

  it("treats any input as words, never as query syntax", () => {
    for (const query of ['"', "NEAR(", "a* OR b", "'; DROP TABLE tasks; --", "<script>", "  ", "\u0000"]) {
      expect(() => search(db, actor("vanphong"), query)).not.toThrow();
    }
    expect(parseQuery("  ")).toEqual([]);
  });

  it("highlights matches on the original text, accents kept", () => {
    const parts = highlight("Đào tạo, bồi dưỡng kỹ năng", parseQuery("dao tao"));
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(["Đào", "tạo"]);
    expect(parts.map((p) => p.text).join("")).toBe("Đào tạo, bồi dưỡng kỹ năng");
  });
});
