// Running it for real (docs/deployment.md): health checks without a session, `/readyz`
// failing when the database file turns read-only, a structured access log
// that never holds a password, a token, a cookie or a form's content, and a shutdown
// that lets a request in flight finish and exits 0 without a stack trace — whether
// SIGTERM reaches the primary alone (systemd's KillMode=mixed) or every process of the
// group (the default KillMode, Ctrl+C).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../app/domain/password-policy";
import { openDatabase } from "../../app/models/db.server";
import { issueApiToken } from "../../app/models/api-tokens.server";
import { signInOverHttp, startServer, type ServerProcess } from "../setup/server-process";

let dir: string;
let server: ServerProcess | null = null;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "directive-tracker-operations-"));
});

afterEach(async () => {
  await server?.kill();
  server = null;
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function waitFor<T>(probe: () => Promise<T | null> | T | null, what: string, timeoutMs = 20_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function jsonLines(output: string): Record<string, unknown>[] {
  return output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function issueToken(databaseFile: string): string {
  const db = openDatabase(databaseFile, { migrate: false });
  try {
    const id = (login: string) =>
      (db.$client.prepare(`SELECT id FROM users WHERE login = ?`).get(login) as { id: number }).id;
    const result = issueApiToken(
      db,
      { id: id("admin"), role: "admin", departmentId: null },
      { name: "Kiểm thử nhật ký", userId: id("lanhdao"), expiresOn: null },
      { ipAddress: "127.0.0.1", userAgent: "operations e2e", requestId: "operations" },
    );
    if (!result.ok) throw new Error(`issuing a token failed: ${result.code}`);
    return result.secret;
  } finally {
    db.$client.close();
  }
}

describe("health checks", () => {
  it("answer without a session; /readyz fails while the database file is read-only, /healthz does not", async () => {
    const databaseFile = path.join(dir, "readonly.db");
    server = await startServer({ databaseFile, env: { WEB_WORKERS: "1", REMINDERS_JOB: "off" } });
    const health = await fetch(`${server.origin}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.text()).toBe("ok\n");
    expect(health.headers.get("set-cookie")).toBeNull();
    const ready = await fetch(`${server.origin}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.headers.get("set-cookie")).toBeNull();
    expect(await ready.json()).toMatchObject({ ready: true, checks: { database: { ok: true } } });

    // The file turns read-only under the running server (immutable: even root's open descriptors cannot write).
    const files = [databaseFile, `${databaseFile}-wal`].filter((file) => fs.existsSync(file));
    execFileSync("chattr", ["+i", ...files]);
    try {
      const refused = await fetch(`${server.origin}/readyz`);
      expect(refused.status).toBe(503);
      expect(await refused.json()).toMatchObject({
        ready: false,
        checks: { database: { ok: false, problem: "not writable (EPERM)" } },
      });
      expect((await fetch(`${server.origin}/healthz`)).status).toBe(200);
    } finally {
      execFileSync("chattr", ["-i", ...files]);
    }
    expect((await fetch(`${server.origin}/readyz`)).status).toBe(200);
  });
});

describe("the logs", () => {
  it("are JSON lines with method, path, route, status, duration and user — and no password, token, cookie or form", async () => {
    const databaseFile = path.join(dir, "logs.db");
    server = await startServer({ databaseFile, env: { WEB_WORKERS: "1", REMINDERS_JOB: "off" } });
    const origin = server.origin;
    const secretPassword = "Sai-mật-khẩu-7f3a91";
    const strangerLogin = "nguoi.la.5c2e";
    const failed = await fetch(`${origin}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ login: strangerLogin, password: secretPassword }),
    });
    expect(failed.status).toBe(400);
    const cookie = await signInOverHttp(origin, "lanhdao", DEMO_PASSWORD);
    expect((await fetch(`${origin}/tasks/1`, { headers: { Cookie: cookie } })).status).toBe(200);
    const token = issueToken(databaseFile);
    const api = await fetch(`${origin}/api/v1/directives`, { headers: { Authorization: `Bearer ${token}` } });
    expect(api.status).toBe(200);
    // What people search for is theirs: the query string is never logged.
    const search = await fetch(`${origin}/search?q=${encodeURIComponent("bí mật")}`, { headers: { Cookie: cookie } });
    expect(search.status).toBe(200);
    const leadership = openDatabase(databaseFile, { migrate: false });
    const lanhdao = (leadership.$client.prepare(`SELECT id FROM users WHERE login = 'lanhdao'`).get() as { id: number })
      .id;
    leadership.$client.close();

    const lines = await waitFor(() => {
      const parsed = jsonLines(server!.output());
      return parsed.some((line) => (line.req as { path?: string } | undefined)?.path === "/api/v1/directives")
        ? parsed
        : null;
    }, "the API request's log line");
    const task = lines.find((line) => (line.req as { path?: string } | undefined)?.path === "/tasks/1")!;
    expect(task).toMatchObject({
      level: 30,
      req: { method: "GET", path: "/tasks/1" },
      route: "/tasks/:id",
      status: 200,
      userId: lanhdao,
    });
    expect(typeof task.responseTime).toBe("number");
    expect(typeof task.time).toBe("string");
    const apiLine = lines.find((line) => (line.req as { path?: string } | undefined)?.path === "/api/v1/directives")!;
    expect(apiLine).toMatchObject({ status: 200, userId: lanhdao, route: "/api/v1/directives" });
    const failedLine = lines.find(
      (line) => (line.req as { method?: string; path?: string } | undefined)?.method === "POST" && line.status === 400,
    )!;
    expect(failedLine).toMatchObject({ route: "/login", userId: null });

    const output = server.output();
    for (const secret of [secretPassword, strangerLogin, token, cookie.split("=")[1]!, "bí mật", "b%C3%AD"]) {
      expect(output, `the log holds ${secret}`).not.toContain(secret);
    }
    expect(output).not.toMatch(/authorization|set-cookie|"cookie"/i);
  });
});

/**
 * A sign-in sent in two halves: the headers (with `Expect: 100-continue`, so that the
 * server says when it has them: the request is then in flight), and the body when
 * `finish` is called. Resolves with the final status line.
 */
function slowSignIn(port: number) {
  const body = new URLSearchParams({ login: "vanphong", password: DEMO_PASSWORD }).toString();
  const socket = net.connect(port, "127.0.0.1");
  let received = "";
  socket.on("data", (chunk: Buffer) => (received += chunk.toString()));
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  socket.write(
    [
      "POST /login HTTP/1.1",
      `Host: 127.0.0.1:${port}`,
      `Origin: http://127.0.0.1:${port}`,
      "Content-Type: application/x-www-form-urlencoded",
      `Content-Length: ${Buffer.byteLength(body)}`,
      "Expect: 100-continue",
      "Connection: close",
      "",
      "",
    ].join("\r\n"),
  );
  return {
    inFlight: () => waitFor(() => (received.includes("100 Continue") ? true : null), "100 Continue"),
    finish: async () => {
      // Not `end`: the server drops a request whose client half-closes. It closes after answering (Connection: close).
      socket.write(body);
      await closed;
      return (
        received
          .split("\r\n\r\n")
          .find((part) => !part.startsWith("HTTP/1.1 100"))
          ?.split("\r\n")[0] ?? received
      );
    },
  };
}

function refusesConnections(port: number): Promise<boolean | null> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(null);
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code === "ECONNREFUSED" ? true : null));
  });
}

describe("a shutdown", () => {
  for (const target of ["the primary", "every process of the group"] as const) {
    it(`on SIGTERM to ${target}: stops taking connections, finishes the request in flight, exits 0, no stack trace`, async () => {
      server = await startServer({
        databaseFile: path.join(dir, `shutdown-${target === "the primary" ? "primary" : "group"}.db`),
        env: { WEB_WORKERS: "2" },
      });
      const port = Number(new URL(server.origin).port);
      const request = slowSignIn(port);
      await request.inFlight();
      const exited = new Promise<number | null>((resolve) => server!.child.once("exit", (code) => resolve(code)));
      if (target === "the primary") server.child.kill("SIGTERM");
      else process.kill(-server.child.pid!, "SIGTERM");
      await waitFor(() => refusesConnections(port), "the listener to close");
      expect(await request.finish()).toBe("HTTP/1.1 302 Found");
      expect(await exited).toBe(0);
      const output = server.output();
      expect(output).toContain("Stopped.");
      expect(output).not.toMatch(/^\s+at /m);
      expect(output).not.toContain("ERR_IPC");
      expect(output).not.toMatch(/"level":50|"level":60/);
      server = null;
    });
  }
});
