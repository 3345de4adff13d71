// Unit groups (docs/domain-rules.md §11) on a real, migrated database with the Hanoi demo's
// departments: built-in groups by kind, custom groups with membership history resolved on a
// day (groupMembersOn), the 2025 merger of Information and Communications into Science and
// Technology, and the administrator's pages (validated, translated, audited; refusals
// change nothing).
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { addDays, type LocalDate } from "../../app/domain/dates";
import type { Actor } from "../../app/domain/permissions";
import { departmentExistsOn } from "../../app/domain/unit-groups";
import { DEPARTMENT_KINDS, type DepartmentKind } from "../../app/domain/vocabulary";
import type { AppDatabase } from "../../app/models/db.server";
import { localeCookie } from "../../app/lib/locale.server";
import { mergeDepartment, setDepartmentActive } from "../../app/models/departments.server";
import {
  addGroupMembers,
  createGroup,
  groupMembersOn,
  listGroups,
  removeGroupMembers,
  updateGroup,
  type GroupResult,
} from "../../app/models/unit-groups.server";
import { action as groupAction, loader as groupLoader } from "../../app/routes/admin.groups.$id/route";
import { loader as listLoader } from "../../app/routes/admin.groups._index/route";
import { action as newAction, loader as newLoader } from "../../app/routes/admin.groups.new/route";
import { callRoute, sessionFor, useFreshDemoDatabase } from "../setup/remix-harness";

const origin = { ipAddress: "203.0.113.7", userAgent: "vitest", requestId: "test" };
/** 16 March 2026, 10:00 in Hanoi. */
const NOW = Date.UTC(2026, 2, 16, 3, 0, 0);

let db: AppDatabase;
let admin: Actor;
let dept: Record<string, number>;

beforeAll(async () => {
  db = await useFreshDemoDatabase();
  const user = db.get<{ id: number }>(sql`SELECT id FROM users WHERE login = 'admin'`)!;
  admin = { id: user.id, role: "admin", departmentId: null };
  dept = Object.fromEntries(
    db.all<{ code: string; id: number }>(sql`SELECT code, id FROM departments`).map((d) => [d.code, d.id]),
  );
});

const builtinId = (kind: DepartmentKind) =>
  db.get<{ id: number }>(sql`SELECT id FROM unit_groups WHERE builtin_kind = ${kind}`)!.id;
const codesOn = (groupId: number, day: LocalDate) =>
  (groupMembersOn(db, groupId, day) ?? []).map((m) => Object.keys(dept).find((code) => dept[code] === m.id)).sort();
const auditOf = (action: string) =>
  db.all<{ entity_id: string; before: string | null; after: string | null }>(
    sql`SELECT entity_id, before, after FROM audit_events WHERE action = ${action} ORDER BY id`,
  );
const snapshot = () => ({
  groups: db.all(sql`SELECT * FROM unit_groups ORDER BY id`),
  members: db.all(sql`SELECT * FROM unit_group_members ORDER BY id`),
  audit: db.get<{ n: number }>(sql`SELECT count(*) AS n FROM audit_events`)!.n,
});

describe("built-in groups", () => {
  it("exist for every kind of department, and hold that kind's departments of the day", () => {
    for (const kind of DEPARTMENT_KINDS) {
      const members = groupMembersOn(db, builtinId(kind), "2019-09-18")!;
      const expected = db
        .all<{ id: number }>(sql`SELECT id FROM departments WHERE kind = ${kind} ORDER BY name, id`)
        .map((d) => d.id);
      expect(
        members.map((m) => m.id),
        kind,
      ).toEqual(expected);
      // The demo has no enterprise: its group is empty.
      expect(members.length > 0, kind).toBe(kind !== "enterprise");
    }
    expect(groupMembersOn(db, 999_999, "2019-09-18")).toBeNull();
  });

  it("follow the same rule as departmentExistsOn, on every day around a creation and a dissolution", () => {
    // A district created on 01/03/2020 and dissolved (no successor) from 15/03/2020 — written directly.
    const created = Date.UTC(2020, 1, 29, 17, 0, 0); // 01/03/2020 00:00 in Hanoi
    const { id } = db.get<{ id: number }>(
      sql`INSERT INTO departments (code, name, kind, active, dissolved_on, created_at, updated_at)
          VALUES ('QTEST', 'Quận Thử', 'district', 0, '2020-03-15', ${created}, ${created}) RETURNING id`,
    )!;
    const all = db.all<{
      id: number;
      kind: DepartmentKind;
      createdAt: number;
      active: number;
      dissolvedOn: string | null;
    }>(sql`SELECT id, kind, created_at AS createdAt, active, dissolved_on AS dissolvedOn FROM departments`);
    for (let day = "2020-02-27"; day <= "2020-03-17"; day = addDays(day, 1)) {
      const expected = all
        .filter((d) => d.kind === "district" && departmentExistsOn({ ...d, active: d.active === 1 }, day))
        .map((d) => d.id)
        .sort((a, b) => a - b);
      const actual = groupMembersOn(db, builtinId("district"), day)!
        .map((m) => m.id)
        .sort((a, b) => a - b);
      expect(actual, day).toEqual(expected);
      expect(actual.includes(id), day).toBe(day >= "2020-03-01" && day < "2020-03-15");
    }
  });

  it("are read-only", () => {
    const id = builtinId("department");
    expect(updateGroup(db, admin, { groupId: id, version: 1, name: "X", description: null }, origin, NOW)).toEqual({
      ok: false,
      code: "builtin_readonly",
    });
    expect(addGroupMembers(db, admin, { groupId: id, departmentIds: [dept.QBD!] }, origin, NOW)).toMatchObject({
      ok: false,
      code: "builtin_readonly",
    });
  });
});

describe("custom groups", () => {
  let groupId: number;

  it("are created with members from a day, audited", () => {
    const result = createGroup(
      db,
      admin,
      {
        name: "Các đơn vị thuộc Ban Chỉ đạo",
        description: "Ban Chỉ đạo xây dựng Chính quyền điện tử",
        departmentIds: [dept.VPUB!, dept.STTTT!, dept.SNV!],
        fromDay: "2019-09-18",
      },
      origin,
      NOW,
    );
    expect(result.ok).toBe(true);
    groupId = (result as { groupId: number }).groupId;
    expect(codesOn(groupId, "2019-09-17")).toEqual([]);
    expect(codesOn(groupId, "2019-09-18")).toEqual(["SNV", "STTTT", "VPUB"]);
    const [event] = auditOf("unit_group.create");
    expect(JSON.parse(event!.after!)).toMatchObject({ name: "Các đơn vị thuộc Ban Chỉ đạo", fromDay: "2019-09-18" });
  });

  it("keep their history: members join and leave on days, and each day reads as it was", () => {
    expect(
      addGroupMembers(db, admin, { groupId, departmentIds: [dept.SGDDT!], fromDay: "2020-01-01" }, origin, NOW),
    ).toEqual({
      ok: true,
      added: 1,
    });
    expect(
      removeGroupMembers(db, admin, { groupId, departmentIds: [dept.SNV!], untilDay: "2020-06-01" }, origin, NOW),
    ).toEqual({ ok: true, removed: 1 });
    expect(codesOn(groupId, "2019-12-31")).toEqual(["SNV", "STTTT", "VPUB"]);
    expect(codesOn(groupId, "2020-01-01")).toEqual(["SGDDT", "SNV", "STTTT", "VPUB"]);
    expect(codesOn(groupId, "2020-05-31")).toEqual(["SGDDT", "SNV", "STTTT", "VPUB"]);
    expect(codesOn(groupId, "2020-06-01")).toEqual(["SGDDT", "STTTT", "VPUB"]);
    // Back in from a later day: a second membership.
    expect(
      addGroupMembers(db, admin, { groupId, departmentIds: [dept.SNV!], fromDay: "2021-01-01" }, origin, NOW).ok,
    ).toBe(true);
    expect(codesOn(groupId, "2020-12-31")).toEqual(["SGDDT", "STTTT", "VPUB"]);
    expect(codesOn(groupId, "2021-01-01")).toEqual(["SGDDT", "SNV", "STTTT", "VPUB"]);
    expect(auditOf("unit_group.members_add")).toHaveLength(2);
    expect(JSON.parse(auditOf("unit_group.members_remove")[0]!.after!)).toMatchObject({ untilDay: "2020-06-01" });
    const listed = listGroups(db, "2020-06-01").find((g) => g.id === groupId);
    expect(listed?.memberCount).toBe(3);
  });

  it("refuse overlapping, unknown, inactive, future and badly named changes — changing nothing", () => {
    const before = snapshot();
    const refusals: [GroupResult<object>, string, string | undefined][] = [
      [
        addGroupMembers(db, admin, { groupId, departmentIds: [dept.VPUB!], fromDay: "2022-01-01" }, origin, NOW),
        "already_member",
        "departmentIds",
      ],
      [
        addGroupMembers(db, admin, { groupId, departmentIds: [dept.SNV!], fromDay: "2020-03-01" }, origin, NOW),
        "already_member",
        "departmentIds",
      ],
      [
        addGroupMembers(db, admin, { groupId, departmentIds: [999_999], fromDay: "2022-01-01" }, origin, NOW),
        "department_unavailable",
        "departmentIds",
      ],
      [
        addGroupMembers(db, admin, { groupId, departmentIds: [dept.SYT!], fromDay: "2026-03-17" }, origin, NOW),
        "effective_in_future",
        "fromDay",
      ],
      [
        removeGroupMembers(db, admin, { groupId, departmentIds: [dept.SYT!] }, origin, NOW),
        "not_member",
        "departmentIds",
      ],
      [
        removeGroupMembers(db, admin, { groupId, departmentIds: [dept.SNV!], untilDay: "2020-12-31" }, origin, NOW),
        "before_membership",
        "untilDay",
      ],
      [
        createGroup(
          db,
          admin,
          { name: "cac so, ban, nganh", description: null, departmentIds: [dept.SYT!] },
          origin,
          NOW,
        ),
        "name_taken",
        "name",
      ],
      [
        createGroup(db, admin, { name: "  ", description: null, departmentIds: [dept.SYT!] }, origin, NOW),
        "invalid",
        "name",
      ],
      [
        createGroup(db, admin, { name: "Nhóm rỗng", description: null, departmentIds: [] }, origin, NOW),
        "invalid",
        "departmentIds",
      ],
      [
        updateGroup(db, admin, { groupId, version: 1, name: "Tên khác", description: null }, origin, NOW),
        "conflict",
        undefined,
      ],
    ];
    for (const [result, code, field] of refusals) expect(result, code).toMatchObject({ ok: false, code, field });
    expect(refusals[2]![0]).toMatchObject({ departmentNames: ["#999999"] });
    expect(refusals[0]![0]).toMatchObject({ departmentNames: ["Văn phòng UBND Thành phố"] });
    expect(snapshot()).toEqual(before);
  });

  it("are renamed on the version the form showed", () => {
    const version = db.get<{ version: number }>(sql`SELECT version FROM unit_groups WHERE id = ${groupId}`)!.version;
    expect(
      updateGroup(db, admin, { groupId, version, name: "Thành viên Ban Chỉ đạo", description: null }, origin, NOW),
    ).toEqual({ ok: true, changed: true });
    expect(JSON.parse(auditOf("unit_group.update")[0]!.after!)).toMatchObject({ name: "Thành viên Ban Chỉ đạo" });
  });

  it("drop a department from the day it is dissolved", () => {
    const created = createGroup(
      db,
      admin,
      { name: "Nhóm có Sở Du lịch", description: null, departmentIds: [dept.SDL!], fromDay: "2026-03-01" },
      origin,
      NOW,
    );
    const id = (created as { groupId: number }).groupId;
    const version = db.get<{ version: number }>(sql`SELECT version FROM departments WHERE id = ${dept.SDL!}`)!.version;
    expect(setDepartmentActive(db, admin, { departmentId: dept.SDL!, version, active: false }, origin, NOW).ok).toBe(
      true,
    );
    expect(codesOn(id, "2026-03-15")).toEqual(["SDL"]);
    expect(codesOn(id, "2026-03-16")).toEqual([]);
  });
});

describe("a merge", () => {
  it("passes the merged department's memberships to its successor from the merge's day", () => {
    const both = createGroup(
      db,
      admin,
      { name: "Chuyển đổi số", description: null, departmentIds: [dept.STTTT!, dept.SKHCN!], fromDay: "2019-09-18" },
      origin,
      NOW,
    );
    const onlyMerged = createGroup(
      db,
      admin,
      { name: "An toàn thông tin", description: null, departmentIds: [dept.STTTT!, dept.CATP!], fromDay: "2019-09-18" },
      origin,
      NOW,
    );
    expect(both.ok && onlyMerged.ok).toBe(true);
    const bothId = (both as { groupId: number }).groupId;
    const onlyId = (onlyMerged as { groupId: number }).groupId;
    const version = db.get<{ version: number }>(
      sql`SELECT version FROM departments WHERE id = ${dept.STTTT!}`,
    )!.version;
    const merged = mergeDepartment(
      db,
      admin,
      {
        departmentId: dept.STTTT!,
        successorId: dept.SKHCN!,
        version,
        effectiveOn: "2025-03-01",
        reason: "Nghị quyết hợp nhất Sở Thông tin và Truyền thông vào Sở Khoa học và Công nghệ",
      },
      origin,
      NOW,
    );
    expect(merged.ok).toBe(true);

    expect(codesOn(onlyId, "2025-02-28")).toEqual(["CATP", "STTTT"]);
    expect(codesOn(onlyId, "2025-03-01")).toEqual(["CATP", "SKHCN"]);
    expect(codesOn(bothId, "2025-02-28")).toEqual(["SKHCN", "STTTT"]);
    expect(codesOn(bothId, "2025-03-01")).toEqual(["SKHCN"]);
    // The first group created above keeps its history too.
    const first = db.get<{ id: number }>(sql`SELECT id FROM unit_groups WHERE name = 'Thành viên Ban Chỉ đạo'`)!.id;
    expect(codesOn(first, "2025-02-28")).toContain("STTTT");
    expect(codesOn(first, "2025-03-01")).toEqual(["SGDDT", "SKHCN", "SNV", "VPUB"]);
    // Built-in: the merged department leaves its kind's group on the day.
    expect(codesOn(builtinId("department"), "2025-02-28")).toContain("STTTT");
    expect(codesOn(builtinId("department"), "2025-03-01")).not.toContain("STTTT");

    const moves = auditOf("unit_group.members_merge");
    expect(moves.map((e) => Number(e.entity_id)).sort()).toEqual([first, bothId, onlyId].sort());
    expect(JSON.parse(moves.find((e) => Number(e.entity_id) === bothId)!.after!)).toMatchObject({
      departmentId: null,
      mergeOf: dept.STTTT,
    });
  });
});

describe("the administrator's pages", () => {
  const english = async () => ({ Cookie: (await localeCookie.serialize("en")).split(";")[0]! });
  const errorsOf = (outcome: { body: unknown }) => (outcome.body as { error: Record<string, string[]> }).error;

  it("are the administrator's only", async () => {
    for (const login of ["vanphong", "lanhdao", "stttt.chuyenvien"]) {
      const token = await sessionFor(login);
      expect((await callRoute(listLoader, { path: "/admin/groups", token })).status).toBe(403);
      expect((await callRoute(newLoader, { path: "/admin/groups/new", token })).status).toBe(403);
      const post = await callRoute(newAction, {
        path: "/admin/groups/new",
        method: "POST",
        token,
        form: { name: "Nhóm", departmentIds: String(dept.SYT) },
      });
      expect(post.status).toBe(403);
    }
  });

  it("list the groups with their members on a day", async () => {
    const token = await sessionFor("admin");
    const page = await callRoute(listLoader, { path: "/admin/groups?day=18/09/2019", token });
    expect(page.status).toBe(200);
    const body = page.body as {
      day: string;
      groups: { name: string; builtinKind: string | null; memberCount: number }[];
    };
    expect(body.day).toBe("2019-09-18");
    expect(body.groups.filter((g) => g.builtinKind !== null)).toHaveLength(DEPARTMENT_KINDS.length);
    // A built-in group is named after its kind, in the reader's language.
    expect(body.groups.find((g) => g.builtinKind === "district")?.name).toBe("UBND các quận, huyện, thị xã");
    expect((await callRoute(listLoader, { path: "/admin/groups?day=31/02/2019", token })).status).toBe(400);
  });

  it("create a group, add and take out members, with translated refusals", async () => {
    const token = await sessionFor("admin");
    const created = await callRoute(newAction, {
      path: "/admin/groups/new",
      method: "POST",
      token,
      form: new URLSearchParams([
        ["name", "UBND các quận nội thành"],
        ["departmentIds", String(dept.QBD)],
        ["departmentIds", String(dept.QHK)],
        ["fromDay", "01/01/2020"],
      ]),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(302);
    const id = Number(/^\/admin\/groups\/(\d+)\?done=created$/.exec(created.location ?? "")![1]);
    const params = { id: String(id) };

    const page = await callRoute(groupLoader, { path: `/admin/groups/${id}?day=01/01/2020`, token, params });
    expect((page.body as { members: { name: string }[] }).members.map((m) => m.name)).toEqual([
      "Quận Ba Đình",
      "Quận Hoàn Kiếm",
    ]);

    const added = await callRoute(groupAction, {
      path: `/admin/groups/${id}`,
      method: "POST",
      token,
      params,
      form: new URLSearchParams([
        ["intent", "add"],
        ["departmentIds", String(dept.QDD)],
      ]),
    });
    expect(added).toMatchObject({ status: 302, location: `/admin/groups/${id}?done=added&count=1` });

    const again = await callRoute(groupAction, {
      path: `/admin/groups/${id}`,
      method: "POST",
      token,
      params,
      form: new URLSearchParams([
        ["intent", "add"],
        ["departmentIds", String(dept.QDD)],
      ]),
    });
    expect(again.status).toBe(400);
    expect(errorsOf(again).departmentIds).toEqual(["Đã thuộc nhóm vào ngày tham gia hoặc sau đó: Quận Đống Đa."]);

    const none = await callRoute(groupAction, {
      path: `/admin/groups/${id}`,
      method: "POST",
      token,
      params,
      headers: await english(),
      form: { intent: "remove", untilDay: "32/01/2020" },
    });
    expect(none.status).toBe(400);
    expect(errorsOf(none).departmentIds).toEqual(["Choose at least one unit."]);
    expect(errorsOf(none).untilDay?.[0]).toContain("There is no day “32/01/2020” (01/2020 has 31 days)");

    const removed = await callRoute(groupAction, {
      path: `/admin/groups/${id}`,
      method: "POST",
      token,
      params,
      form: new URLSearchParams([
        ["intent", "remove"],
        ["departmentIds", String(dept.QBD)],
      ]),
    });
    expect(removed).toMatchObject({ status: 302, location: `/admin/groups/${id}?done=removed&count=1` });

    const duplicate = await callRoute(newAction, {
      path: "/admin/groups/new",
      method: "POST",
      token,
      form: { name: "ubnd cac quan noi thanh", departmentIds: String(dept.QCG) },
    });
    expect(duplicate.status).toBe(400);
    expect(errorsOf(duplicate).name).toEqual(["Đã có nhóm mang tên này."]);

    const builtin = builtinId("district");
    const readonly = await callRoute(groupAction, {
      path: `/admin/groups/${builtin}`,
      method: "POST",
      token,
      params: { id: String(builtin) },
      form: { intent: "add", departmentIds: String(dept.QCG) },
    });
    expect(readonly.status).toBe(400);
    expect(errorsOf(readonly)[""]).toEqual(["Nhóm có sẵn được tính từ loại đơn vị, không sửa được."]);

    const missing = await callRoute(groupLoader, { path: "/admin/groups/999999", token, params: { id: "999999" } });
    expect(missing.status).toBe(404);
  });
});
