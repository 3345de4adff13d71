// The app behind Debian's nginx with the shipped site (docs/deploy/nginx/), a self-signed
// certificate and ports of its own: Chromium signs in over HTTP/2 and TLS and gets a
// Secure session cookie; nginx serves the fingerprinted assets with a year's cache,
// compressed; plain HTTP is sent to HTTPS; bodies over the app's limit stop at nginx
// (but not the task page's attachments); the app sees the client's address, not one the
// client wrote in X-Forwarded-For; the health checks answer only the local machine.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../app/domain/password-policy";
import { openDatabase } from "../../app/models/db.server";
import { freePort, startServer, type ServerProcess } from "../setup/server-process";
import { collectProblems, launchBrowser, signIn } from "./browser";

const NGINX = "/usr/sbin/nginx";

let dir: string;
let databaseFile: string;
let app: ServerProcess;
let nginx: ChildProcess;
let httpsPort: number;
let httpPort: number;
let certificate: Buffer;
let browser: Browser;

/** The shipped site, with this test's ports, certificate and folders in place of the ones marked CHANGE. */
function siteForTest(appPort: number): string {
  const site = fs.readFileSync("docs/deploy/nginx/directive-tracker.conf", "utf8");
  const replacements: [string, string][] = [
    ["server 127.0.0.1:3000;", `server 127.0.0.1:${appPort};`],
    ["listen 80;", `listen 127.0.0.1:${httpPort};`],
    ["listen [::]:80;", ""],
    ["listen 443 ssl http2;", `listen 127.0.0.1:${httpsPort} ssl http2;`],
    ["listen [::]:443 ssl http2;", ""],
    ["/etc/ssl/directive-tracker/fullchain.pem", path.join(dir, "cert.pem")],
    ["/etc/ssl/directive-tracker/privkey.pem", path.join(dir, "key.pem")],
    ["/srv/directive-tracker/", `${process.cwd()}/`],
    [
      "/etc/nginx/snippets/directive-tracker-proxy.conf",
      path.resolve("docs/deploy/nginx/directive-tracker-proxy.conf"),
    ],
  ];
  let text = site.replaceAll("nhiemvu.example.gov.vn", "localhost");
  for (const [from, to] of replacements) {
    if (!text.includes(from)) throw new Error(`docs/deploy/nginx/directive-tracker.conf no longer has "${from}"`);
    text = text.replaceAll(from, to);
  }
  return text;
}

function mainConfig(): string {
  const temp = (name: string) => `${name}_temp_path ${path.join(dir, name)};`;
  return `daemon off;
user root;
worker_processes 1;
pid ${path.join(dir, "nginx.pid")};
error_log ${path.join(dir, "error.log")} warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log ${path.join(dir, "access.log")};
  ${temp("client_body")} ${temp("proxy")} ${temp("fastcgi")} ${temp("uwsgi")} ${temp("scgi")}
  include ${path.join(dir, "site.conf")};
}
`;
}

async function waitForPort(port: number): Promise<void> {
  const started = Date.now();
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    if (nginx.exitCode !== null)
      throw new Error(`nginx exited: ${fs.readFileSync(path.join(dir, "error.log"), "utf8")}`);
    if (Date.now() - started > 20_000) throw new Error("nginx did not listen");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One HTTPS request to nginx, verifying its certificate; from `localAddress` if given (another loopback address). */
function viaNginx(
  pathname: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer | string; localAddress?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      {
        host: "127.0.0.1",
        servername: "localhost",
        port: httpsPort,
        path: pathname,
        method: options.method ?? "GET",
        headers: { Host: `localhost:${httpsPort}`, ...options.headers },
        ca: certificate,
        localAddress: options.localAddress,
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    request.on("error", reject);
    request.end(options.body);
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "directive-tracker-nginx-"));
  databaseFile = path.join(dir, "app.db");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "2",
      "-subj",
      "/CN=localhost",
      "-addext",
      "subjectAltName=DNS:localhost,IP:127.0.0.1",
      "-keyout",
      path.join(dir, "key.pem"),
      "-out",
      path.join(dir, "cert.pem"),
    ],
    { stdio: "ignore" },
  );
  certificate = fs.readFileSync(path.join(dir, "cert.pem"));
  app = await startServer({
    databaseFile,
    // As the systemd unit runs it: on loopback only, trusting X-Forwarded-* from loopback only.
    env: { HOST: "127.0.0.1", TRUST_PROXY: "loopback", WEB_WORKERS: "1", REMINDERS_JOB: "off" },
  });
  httpsPort = await freePort();
  httpPort = await freePort();
  fs.writeFileSync(path.join(dir, "site.conf"), siteForTest(Number(new URL(app.origin).port)));
  fs.writeFileSync(path.join(dir, "nginx.conf"), mainConfig());
  execFileSync(NGINX, ["-t", "-q", "-c", path.join(dir, "nginx.conf")]);
  nginx = spawn(NGINX, ["-c", path.join(dir, "nginx.conf")], { stdio: "ignore" });
  await waitForPort(httpsPort);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  if (nginx && nginx.exitCode === null) {
    const exited = new Promise((resolve) => nginx.once("exit", resolve));
    nginx.kill("SIGQUIT"); // nginx's graceful stop
    await exited;
  }
  await app?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the app behind nginx", () => {
  it("signs in in Chromium over HTTP/2 and TLS, with a Secure session cookie", async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, baseURL: `https://localhost:${httpsPort}` });
    const page = await context.newPage();
    // Every refused request counts here: an asset nginx does not find is a 404 in the console.
    const problems = collectProblems(page, { statusErrors: true });
    await signIn(page, "lanhdao");
    await page.goto("/tasks", { waitUntil: "networkidle" });
    await expect(page.getByRole("heading", { level: 1 }).first().textContent()).resolves.toMatch(/nhiệm vụ|tasks/i);
    const protocol = await page.evaluate(
      () => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).nextHopProtocol,
    );
    expect(protocol).toBe("h2");
    const session = (await context.cookies()).find((cookie) => cookie.name === "dt_session");
    expect(session).toMatchObject({ secure: true, httpOnly: true });
    expect(problems).toEqual([]);
    await context.close();
  });

  it("serves the fingerprinted assets itself, compressed, cached for a year; pages keep the app's headers and get HSTS", async () => {
    const login = await viaNginx("/login");
    expect(login.status).toBe(200);
    expect(login.headers["strict-transport-security"]).toBe("max-age=31536000");
    expect(login.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    const asset = /\/assets\/entry\.client-[\w-]+\.js/.exec(login.body.toString())?.[0];
    expect(asset).toBeDefined();
    const script = await viaNginx(asset!, { headers: { "Accept-Encoding": "gzip" } });
    expect(script.status).toBe(200);
    expect(script.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(script.headers["content-encoding"]).toBe("gzip");
    expect(script.headers["x-request-id"]).toBeUndefined(); // from disk, not from the app
  });

  it("sends plain HTTP to HTTPS", async () => {
    const answer = await new Promise<http.IncomingMessage>((resolve, reject) =>
      http
        .get({ host: "127.0.0.1", port: httpPort, path: "/tasks?x=1", headers: { Host: "localhost" } }, resolve)
        .on("error", reject),
    );
    answer.resume();
    expect(answer.statusCode).toBe(301);
    expect(answer.headers.location).toBe("https://localhost/tasks?x=1");
  });

  it("refuses bodies over the app's limit before they reach it, except the task page's attachments", async () => {
    const nineMegabytes = Buffer.alloc(9 * 1024 * 1024, "a");
    const form = { "Content-Type": "application/x-www-form-urlencoded", Origin: `https://localhost:${httpsPort}` };
    const tooLarge = await viaNginx("/login", { method: "POST", headers: form, body: nineMegabytes });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.toString()).toContain("nginx");
    const upload = await viaNginx("/tasks/1", {
      method: "POST",
      headers: { ...form, "Content-Type": "multipart/form-data; boundary=x" },
      body: nineMegabytes,
    });
    expect(upload.status).not.toBe(413); // the app's answer (no session: to the login page), not nginx's refusal
  });

  it("passes the client's own address to the app, whatever the client writes in X-Forwarded-For", async () => {
    const signIn = await viaNginx("/login", {
      method: "POST",
      localAddress: "127.0.0.5",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: `https://localhost:${httpsPort}`,
        "X-Forwarded-For": "203.0.113.9",
        "X-Forwarded-Proto": "http",
      },
      body: new URLSearchParams({ login: "snv.truong", password: DEMO_PASSWORD }).toString(),
    });
    expect(signIn.status).toBe(302);
    const cookie = (signIn.headers["set-cookie"] ?? []).find((c) => c.startsWith("dt_session="));
    expect(cookie).toMatch(/; Secure/i);
    const db = openDatabase(databaseFile, { migrate: false });
    try {
      const event = db.$client
        .prepare(
          `SELECT e.ip_address AS ip FROM audit_events e JOIN users u ON u.id = e.actor_id
           WHERE e.action = 'auth.login' AND u.login = 'snv.truong' ORDER BY e.id DESC LIMIT 1`,
        )
        .get() as { ip: string } | undefined;
      expect(event?.ip).toBe("127.0.0.5");
    } finally {
      db.$client.close();
    }
  });

  it("answers the health checks to the local machine only", async () => {
    expect((await viaNginx("/readyz")).status).toBe(200);
    expect((await viaNginx("/healthz")).status).toBe(200);
    expect((await viaNginx("/readyz", { localAddress: "127.0.0.5" })).status).toBe(403);
  });
});
