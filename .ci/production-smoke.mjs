// CI, after `npm prune --omit=dev`: the documented production start works with the
// production dependencies only (docs/deployment.md). Plain node, no test runner (the
// dev tools are gone): each check counts as a test in the JSON report named by the
// first argument, in Vitest's shape, for .ci/run's closing "N passed, N failed".
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const report = process.argv[2] ?? ".ci/results/production.json";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "directive-tracker-production-smoke-"));
const port = 3000 + Math.floor(Math.random() * 2000) + 20000;
const origin = `http://127.0.0.1:${port}`;
const env = {
  ...process.env,
  NODE_ENV: "production",
  DATABASE_URL: `file:${path.join(dir, "app.db")}`,
  PORT: String(port),
  HOST: "127.0.0.1",
  WEB_WORKERS: "1",
};
delete env.APP_MODE;

const results = [];
async function check(name, body) {
  try {
    await body();
    results.push({ name, ok: true });
    console.log(`  ✓ ${name}`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`  ✗ ${name}: ${error instanceof Error ? error.message : error}`);
  }
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}

let output = "";
let server = null;

await check("only production dependencies are installed", () => {
  assert(!fs.existsSync("node_modules/vite"), "vite is still installed: prune first");
  assert(fs.existsSync("build/server/start.js"), "no build/server/start.js: npm run build first");
});

await check("`node build/server/start.js` starts in production mode on an empty database", async () => {
  server = spawn(process.execPath, ["build/server/start.js"], { env, stdio: ["ignore", "pipe", "pipe"] });
  server.stdout.on("data", (chunk) => (output += chunk));
  server.stderr.on("data", (chunk) => (output += chunk));
  const started = Date.now();
  while (!output.includes("Listening on")) {
    assert(server.exitCode === null, `the server exited (${server.exitCode}):\n${output}`);
    assert(Date.now() - started < 60_000, `not listening after 60 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert(output.includes('"mode":"production"'), "not in production mode");
  assert(!output.includes("Demo logins"), "printed demo logins");
});

await check("/healthz and /readyz answer 200 without a session", async () => {
  const health = await fetch(`${origin}/healthz`);
  assert(health.status === 200, `/healthz ${health.status}`);
  const ready = await fetch(`${origin}/readyz`);
  assert(ready.status === 200, `/readyz ${ready.status}: ${await ready.text()}`);
});

await check("the login page has no demo banner", async () => {
  const page = await fetch(`${origin}/login`);
  assert(page.status === 200, `/login ${page.status}`);
  assert(!(await page.text()).includes("data-demo-banner"), "demo banner in production");
});

await check("`npm run admin:create` makes the first administrator, who can sign in", async () => {
  const password = "Quản trị Hà Nội 2026";
  const created = spawnSync(
    "npm",
    ["run", "--silent", "admin:create", "--", "--login", "quantri", "--name", "Quản trị", "--password-stdin"],
    { env, input: `${password}\n`, encoding: "utf8" },
  );
  assert(created.status === 0, `admin:create exited ${created.status}: ${created.stdout}${created.stderr}`);
  const response = await fetch(`${origin}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ login: "quantri", password }),
  });
  assert(response.status === 302, `sign-in answered ${response.status}`);
});

await check("SIGTERM stops it with exit code 0 and no stack trace", async () => {
  assert(server !== null && server.exitCode === null, "no server running");
  const exited = new Promise((resolve) => server.once("exit", (code, signal) => resolve(code ?? signal)));
  server.kill("SIGTERM");
  const code = await exited;
  assert(code === 0, `exit ${code}`);
  assert(!/^\s+at /m.test(output), `a stack trace in the output:\n${output}`);
});

if (server && server.exitCode === null) server.kill("SIGKILL");
fs.rmSync(dir, { recursive: true, force: true });
const failed = results.filter((r) => !r.ok).length;
fs.mkdirSync(path.dirname(report), { recursive: true });
fs.writeFileSync(
  report,
  JSON.stringify({ numPassedTests: results.length - failed, numFailedTests: failed, success: failed === 0 }),
);
process.exit(failed === 0 ? 0 : 1);
