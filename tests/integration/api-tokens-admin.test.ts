// The API token screens (/admin/api-tokens) through their real loaders and actions:
// administrators only; issuing shows the secret once (only its hash is stored);
// bad input is refused with a translated message and stores nothing; revoking needs
// the confirmation, is audited, and the token stops working on the next call.
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { AppDatabase } from "../../app/models/db.server";
import { translate } from "../../app/lib/i18n";
import { action as revokeAction, loader as tokenLoader } from "../../app/routes/admin.api-tokens.$id/route";
import { loader as listLoader } from "../../app/routes/admin.api-tokens._index/route";
import { action as issueAction, loader as newLoader } from "../../app/routes/admin.api-tokens.new/route";
import { loader as tasksApiLoader } from "../../app/routes/api.v1.tasks._index/route";
import { bearer, callRoute, sessionFor, useFreshDemoDatabase, type RouteOutcome } from "../setup/remix-harness";

let db: AppDatabase;

beforeAll(async () => {
  db = await useFreshDemoDatabase();
});

const userId = (login: string) => db.get<{ id: number }>(sql`SELECT id FROM users WHERE login = ${login}`)!.id;

function tokenRows() {
  return db.all<{ id: number; name: string; token_hash: string; revoked_at: number | null }>(
    sql`SELECT id, name, token_hash, revoked_at FROM api_tokens ORDER BY id`,
  );
}

function auditSince(id: number) {
  return db.all<{ action: string; entity_id: string; actor_id: number; after: string | null }>(
    sql`SELECT action, entity_id, actor_id, after FROM audit_events WHERE id > ${id} ORDER BY id`,
  );
}

const lastAuditId = () => db.get<{ id: number }>(sql`SELECT max(id) AS id FROM audit_events`)!.id;

interface IssueReply {
  result: { error?: Record<string, string[] | null> } | null;
  issued: { id: number; name: string; secret: string; user: string; expiresOn: string | null } | null;
}

async function issue(form: Record<string, string>, login = "admin"): Promise<RouteOutcome> {
  return callRoute(issueAction, {
    path: "/admin/api-tokens/new",
    method: "POST",
    token: await sessionFor(login),
    form,
  });
}

describe("the API token screens", () => {
  it("are for administrators only (403 for others, the login page when signed out)", async () => {
    for (const login of ["lanhdao", "vanphong", "stttt.truong"]) {
      const token = await sessionFor(login);
      expect((await callRoute(listLoader, { path: "/admin/api-tokens", token })).status).toBe(403);
      expect((await callRoute(newLoader, { path: "/admin/api-tokens/new", token })).status).toBe(403);
      expect((await issue({ name: "x", userId: String(userId(login)) }, login)).status).toBe(403);
    }
    expect(tokenRows()).toEqual([]);
    const signedOut = await callRoute(listLoader, { path: "/admin/api-tokens" });
    expect(signedOut.status).toBe(302);
    expect(signedOut.location).toBe("/login?redirectTo=%2Fadmin%2Fapi-tokens");
  });

  it("issues a token, shows its secret once, stores only its hash and audits the issue", async () => {
    const admin = await sessionFor("admin");
    const choices = (await callRoute(newLoader, { path: "/admin/api-tokens/new", token: admin })).body as {
      users: { login: string }[];
    };
    expect(choices.users.map((u) => u.login)).toContain("sgddt.truong");

    const before = lastAuditId();
    const outcome = await issue({
      name: "Cổng dữ liệu",
      userId: String(userId("sgddt.truong")),
      expiresOn: "31/12/2099",
    });
    expect(outcome.status).toBe(200);
    expect(outcome.headers.get("Cache-Control")).toBe("no-store");
    const { issued } = outcome.body as IssueReply;
    expect(issued).toMatchObject({ name: "Cổng dữ liệu", expiresOn: "2099-12-31" });
    const secret = issued!.secret;
    expect(secret).toMatch(/^dtk_[A-Za-z0-9_-]{43}$/);

    const [row] = tokenRows();
    expect(row!.token_hash).toBe(crypto.createHash("sha256").update(secret).digest("hex"));
    expect(JSON.stringify(db.all(sql`SELECT * FROM api_tokens`))).not.toContain(secret);
    const audit = auditSince(before);
    expect(audit.map((a) => [a.action, a.entity_id, a.actor_id])).toEqual([
      ["api_token.issue", String(row!.id), userId("admin")],
    ]);
    expect(audit[0]!.after).not.toContain(secret);

    // The list and the token's page show its start, never the whole secret again.
    const list = await callRoute(listLoader, { path: "/admin/api-tokens", token: admin });
    expect(list.status).toBe(200);
    const listed = JSON.stringify(list.body);
    expect(listed).toContain(secret.slice(0, 12));
    expect(listed).not.toContain(secret);
    expect((list.body as { rows: { state: string; userLogin: string }[] }).rows[0]).toMatchObject({
      state: "active",
      userLogin: "sgddt.truong",
    });
    const page = await callRoute(tokenLoader, {
      path: `/admin/api-tokens/${row!.id}`,
      params: { id: String(row!.id) },
      token: admin,
    });
    expect(JSON.stringify(page.body)).not.toContain(secret);

    // The secret works on the API, as the chosen account.
    const api = await callRoute(tasksApiLoader, { path: "/api/v1/tasks", headers: bearer(secret) });
    expect(api.status).toBe(200);
  });

  it("refuses bad input with a translated message at its field, storing nothing", async () => {
    const before = tokenRows();
    const auditBefore = lastAuditId();
    const cases: [Record<string, string>, string, string][] = [
      [{ name: "", userId: String(userId("lanhdao")) }, "name", translate("vi", "apiTokens.error.nameRequired")],
      [
        { name: "x".repeat(101), userId: String(userId("lanhdao")) },
        "name",
        translate("vi", "admin.error.tooLong", { max: 100 }),
      ],
      [{ name: "Thử" }, "userId", translate("vi", "apiTokens.error.userRequired")],
      [{ name: "Thử", userId: "999999" }, "userId", translate("vi", "apiTokens.error.user_unknown")],
      [
        { name: "Thử", userId: String(userId("lanhdao")), expiresOn: "31/02/2030" },
        "expiresOn",
        "Ngày “31/02/2030” không tồn tại (tháng 02/2030 chỉ có 28 ngày).",
      ],
      [
        { name: "Thử", userId: String(userId("lanhdao")), expiresOn: "31-12-2030" },
        "expiresOn",
        translate("vi", "apiTokens.error.expiresOn", { value: "31-12-2030" }),
      ],
      [
        { name: "Thử", userId: String(userId("lanhdao")), expiresOn: "01/01/2020" },
        "expiresOn",
        translate("vi", "apiTokens.error.expiry_past"),
      ],
    ];
    for (const [form, field, message] of cases) {
      const outcome = await issue(form);
      expect(outcome.status, JSON.stringify(form)).toBe(400);
      const reply = outcome.body as IssueReply;
      expect(reply.issued).toBeNull();
      expect(reply.result?.error?.[field]).toEqual([message]);
    }
    db.run(sql`UPDATE users SET active = 0 WHERE login = 'lanhdao2'`);
    const disabled = await issue({ name: "Thử", userId: String(userId("lanhdao2")) });
    expect((disabled.body as IssueReply).result?.error?.userId).toEqual([
      translate("vi", "apiTokens.error.user_disabled"),
    ]);
    db.run(sql`UPDATE users SET active = 1 WHERE login = 'lanhdao2'`);
    expect(tokenRows()).toEqual(before);
    expect(auditSince(auditBefore)).toEqual([]);
  });

  it("revokes a token after the confirmation; the API refuses it from the next call", async () => {
    const admin = await sessionFor("admin");
    const issued = (await issue({ name: "Sẽ thu hồi", userId: String(userId("lanhdao")) })).body as IssueReply;
    const { id, secret } = issued.issued!;
    expect((await callRoute(tasksApiLoader, { path: "/api/v1/tasks", headers: bearer(secret) })).status).toBe(200);

    const revoke = (form: Record<string, string>) =>
      callRoute(revokeAction, {
        path: `/admin/api-tokens/${id}`,
        method: "POST",
        params: { id: String(id) },
        token: admin,
        form,
      });
    const before = lastAuditId();
    const unconfirmed = await revoke({ intent: "revoke" });
    expect(unconfirmed.status).toBe(400);
    expect(JSON.stringify(unconfirmed.body)).toContain(translate("vi", "admin.confirm.required"));
    expect(tokenRows().find((r) => r.id === id)!.revoked_at).toBeNull();
    expect(auditSince(before)).toEqual([]);

    const done = await revoke({ intent: "revoke", confirm: "on" });
    expect(done.status).toBe(302);
    expect(done.location).toBe(`/admin/api-tokens/${id}?done=revoked`);
    expect(tokenRows().find((r) => r.id === id)!.revoked_at).not.toBeNull();
    expect(auditSince(before).map((a) => [a.action, a.entity_id, a.actor_id])).toEqual([
      ["api_token.revoke", String(id), userId("admin")],
    ]);
    const refused = await callRoute(tasksApiLoader, { path: "/api/v1/tasks", headers: bearer(secret) });
    expect(refused.status).toBe(401);
    expect((refused.body as { error: { code: string } }).error.code).toBe("token_revoked");

    // Again: nothing more happens.
    const again = await revoke({ intent: "revoke", confirm: "on" });
    expect(again.status).toBe(302);
    expect(auditSince(before)).toHaveLength(1);

    const page = await callRoute(tokenLoader, {
      path: `/admin/api-tokens/${id}?done=revoked`,
      params: { id: String(id) },
      token: admin,
    });
    expect(page.body).toMatchObject({ done: true, token: { state: "revoked", revokedByName: expect.any(String) } });
    expect(
      (await callRoute(tokenLoader, { path: "/admin/api-tokens/999999", params: { id: "999999" }, token: admin }))
        .status,
    ).toBe(404);
  });
});
