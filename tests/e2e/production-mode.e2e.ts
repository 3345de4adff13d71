// Demo and production modes (docs/decisions/020), with the compiled server as
// production runs it: production never loads the demo, refuses a database whose
// accounts still take a published password (and says how to fix it), and the first
// administrator comes from `npm run admin:create`; demo mode says so on every page.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../app/domain/password-policy";
import { openDatabase } from "../../app/models/db.server";
import { loadDemoData } from "../../db/seed/demo";
import {
  ensureServerBuild,
  SERVER_COMMAND,
  serverEnvironment,
  signInOverHttp,
  startServer,
  type ServerProcess,
} from "../setup/server-process";
import { baseUrl } from "./browser";

const ADMIN_PASSWORD = "Quản trị Hà Nội 2026";
const BANNER = 'data-testid="demo-banner"';

let dir: string;
let server: ServerProcess | null = null;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "directive-tracker-production-"));
});

afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs a command to its end: exit code and everything it printed. */
function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  input?: string,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["pipe", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, output }));
    child.stdin.end(input ?? "");
  });
}

function counts(file: string): { departments: number; users: number; directives: number } {
  const db = openDatabase(file, { migrate: false });
  try {
    const one = (table: string) => (db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { departments: one("departments"), users: one("users"), directives: one("directives") };
  } finally {
    db.$client.close();
  }
}

function adminCreate(file: string, args: string[], password: string) {
  return run(
    "npm",
    ["run", "--silent", "admin:create", "--", ...args, "--password-stdin"],
    serverEnvironment({ DATABASE_URL: `file:${file}` }),
    `${password}\n`,
  );
}

describe("production mode", () => {
  it("refuses to start on a database whose accounts still take the demo password, and says how to fix it", async () => {
    const file = path.join(dir, "demo.db");
    const db = openDatabase(file);
    await loadDemoData(db);
    db.$client.close();
    ensureServerBuild();
    // NODE_ENV=production alone means production: what a deployment sets.
    const env = serverEnvironment({ DATABASE_URL: `file:${file}`, PORT: "0" });
    delete env.APP_MODE;
    const { code, output } = await run(SERVER_COMMAND[0], SERVER_COMMAND[1], env);
    expect(code).toBe(78);
    expect(output).toContain("Production mode: refusing to start");
    expect(output).toMatch(/admin \(admin\).*vanphong \(secretariat\)/);
    expect(output).toContain("npm run admin:create");
    expect(output).not.toContain("Listening on");
    expect(output).not.toMatch(/^\s+at /m); // a refusal, not a crash
  });

  it("never loads the demo, shows no banner, and serves the administrator that admin:create made", async () => {
    const file = path.join(dir, "production.db");
    server = await startServer({ databaseFile: file, env: { APP_MODE: "production", WEB_WORKERS: "1" } });
    expect(server.output()).toContain("No active administrator");
    expect(server.output()).not.toContain("Demo logins");
    expect(counts(file)).toEqual({ departments: 0, users: 0, directives: 0 });

    const login = await fetch(`${server.origin}/login`);
    expect(login.status).toBe(200);
    expect(await login.text()).not.toContain(BANNER);

    // The policy first: a published password is refused, and nothing is created.
    const refused = await adminCreate(file, ["--login", "quantri", "--name", "Quản trị hệ thống"], DEMO_PASSWORD);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain("printed in the documentation");
    expect(counts(file).users).toBe(0);

    const created = await adminCreate(
      file,
      ["--login", "quantri", "--name", "Quản trị hệ thống", "--email", "quantri@hanoi.gov.vn"],
      ADMIN_PASSWORD,
    );
    expect(created.code, created.output).toBe(0);
    expect(created.output).toContain('Administrator "quantri" created');

    const cookie = await signInOverHttp(server.origin, "quantri", ADMIN_PASSWORD);
    const page = await fetch(`${server.origin}/admin/users`, { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("quantri");
    expect(html).not.toContain(BANNER);
    // Still nothing of the demo.
    expect(counts(file)).toMatchObject({ departments: 0, directives: 0 });

    await server.stop();
    expect(server.child.exitCode).toBe(0);
    server = null;
  });
});

describe("the compiled server", () => {
  it("bundles only its own plumbing: the app's modules load once, from the Remix build", () => {
    ensureServerBuild();
    const map = JSON.parse(fs.readFileSync("build/server/start.js.map", "utf8")) as { sources: string[] };
    expect(map.sources.map((source) => source.replace(/^(\.\.\/)+/, "")).sort()).toEqual([
      "app/server/start.ts",
      "app/server/web-workers.ts",
    ]);
  });
});

describe("demo mode", () => {
  it("carries the demo banner on every page, signed in or not", async () => {
    const origin = baseUrl();
    expect(await (await fetch(`${origin}/login`)).text()).toContain(BANNER);
    const cookie = await signInOverHttp(origin, "lanhdao", DEMO_PASSWORD);
    for (const page of ["/", "/tasks", "/directives", "/no-such-page"]) {
      const html = await (await fetch(`${origin}${page}`, { headers: { Cookie: cookie } })).text();
      expect(html, page).toContain(BANNER);
      expect(html, page).toContain("Dữ liệu minh họa");
    }
  });
});
