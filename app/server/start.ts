// `npm start`: build if the build is missing or older than the sources, migrate,
// load the demo data into an empty database, print the demo logins, serve — from
// one web worker per core (WEB_WORKERS), all on the same port (docs/decisions/004).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import cluster from "node:cluster";
import crypto from "node:crypto";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import { translate } from "../lib/i18n";
import { apiMethodRefusal } from "../lib/api-protocol";
import { isSameOriginRequest } from "../lib/same-origin.server";
import { answerRateQuestions } from "../lib/api-rate-limit.server";
import { bodyLimitRefusal, MAX_BODY_BYTES } from "../lib/body-limit.server";
import { MAX_UPLOAD_REQUEST_BYTES } from "../domain/attachments";
import type { RequestContext } from "../lib/request-context";
import { databasePath, getDb, closeDb, type AppDatabase } from "../lib/db.server";
import { ensureDemoData, printDemoLogins } from "../../db/seed/setup";
import { ensureSearchIndex } from "../models/search.server";
import { backgroundDelivery } from "../lib/mailer.server";
import { reminderJobEnabled, startReminderSchedule } from "./reminder-schedule";
import { webWorkerCount } from "./web-workers";
import { getStatusRules } from "../models/settings.server";
import { ensureTaskStatusFacts } from "../models/status-facts.server";

const ROOT = process.cwd();
const SERVER_BUILD = path.join(ROOT, "build/server/index.js");
const SOURCES = ["app", "db/schema.ts", "public", "vite.config.ts", "package.json", "package-lock.json"];

function newestModification(entry: string): number {
  const full = path.join(ROOT, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .reduce((newest, d) => Math.max(newest, fs.statSync(path.join(d.parentPath, d.name)).mtimeMs), 0);
}

function buildIfNeeded(): void {
  const built = fs.existsSync(SERVER_BUILD) ? fs.statSync(SERVER_BUILD).mtimeMs : 0;
  const sources = Math.max(...SOURCES.map(newestModification));
  if (built >= sources && process.env.FORCE_BUILD !== "1") return;
  console.log(built === 0 ? "Building the app (first start)…" : "Sources changed since the last build: rebuilding…");
  const result = spawnSync(
    process.execPath,
    [path.join(ROOT, "node_modules/@remix-run/dev/dist/cli.js"), "vite:build"],
    {
      stdio: "inherit",
      // Under Vitest (browser tests) the config would drop the Remix plugin: build as a plain process.
      env: {
        ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("VITEST"))),
        NODE_ENV: "production",
      },
    },
  );
  if (result.status !== 0) {
    console.error("The build failed; see the messages above.");
    process.exit(1);
  }
}

/** CSP with a per-response nonce (enforced), no framing, no MIME sniffing, no referrer leaks. */
function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce as string}'`],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    referrerPolicy: { policy: "same-origin" },
    // Served over plain HTTP on localhost in the quick start; HSTS belongs to the TLS proxy.
    strictTransportSecurity: false,
  });
}

/** Non-GET requests from another origin are refused before they reach any action. */
function refuseCrossOrigin(req: express.Request, res: express.Response, next: express.NextFunction) {
  const ownOrigin = `${req.protocol}://${req.get("host") ?? ""}`;
  const headers = { origin: req.get("origin"), referer: req.get("referer") };
  if (isSameOriginRequest(req.method, headers, ownOrigin)) return next();
  res
    .status(403)
    .type("text/plain; charset=utf-8")
    .send(`${translate("vi", "error.crossOrigin")}\n${translate("en", "error.crossOrigin")}\n`);
}

/** The JSON API only reads: other methods get a JSON 405 there, not the cross-origin refusal's text. */
function readOnlyApi(req: express.Request, res: express.Response, next: express.NextFunction) {
  const lang = typeof req.query.lang === "string" ? req.query.lang : null;
  const refusal = apiMethodRefusal(req.method, req.get("accept-language"), lang);
  if (refusal === null) return next();
  res.status(refusal.status).set(refusal.headers).send(refusal.body);
}

/** Bodies larger than any form of the app, or of unknown length, are refused before anything reads them. */
function limitBodies(req: express.Request, res: express.Response, next: express.NextFunction) {
  // The task page takes files (attachments): its own, larger limit; its parser then limits each file.
  const upload = /^\/tasks\/\d+\/?$/.test(req.path) && /^\s*multipart\/form-data/i.test(req.get("content-type") ?? "");
  const refusal = bodyLimitRefusal(
    req.method,
    { contentLength: req.get("content-length"), transferEncoding: req.get("transfer-encoding") },
    upload ? MAX_UPLOAD_REQUEST_BYTES : MAX_BODY_BYTES,
  );
  if (refusal === null) return next();
  const key = refusal === 413 ? "input.error.tooLarge" : "input.error.lengthRequired";
  const max = (upload ? MAX_UPLOAD_REQUEST_BYTES : MAX_BODY_BYTES) / 1024 / 1024;
  // Node reads and discards the unread body once the answer is sent (nothing is kept in memory).
  res
    .status(refusal)
    .type("text/plain; charset=utf-8")
    .send(`${translate("vi", key, { max })}\n${translate("en", key, { max })}\n`);
}

/** Which kind of worker a forked process is (set by the primary in its environment). */
const WORKER_ROLE = "DIRECTIVE_TRACKER_WORKER";
type WorkerRole = "web" | "jobs";

/** A replacement for a worker that died soon after it started waits longer each time (a broken build, a full disk). */
const QUICK_EXIT_MS = 10_000;
const MAX_RESTART_DELAY_MS = 30_000;

/**
 * The primary process: build, migrate, load the demo data, bring the derived data up
 * to date and run the reminders job once, then start the web workers, which share
 * the port, and a jobs worker for the hourly reminders (docs/decisions/004). After
 * that it only hands out connections, counts the API's rate limit and replaces a
 * worker that dies.
 */
async function primary(): Promise<void> {
  buildIfNeeded();

  const db = getDb(); // opens and migrates
  await ensureDemoData(db);
  ensureSearchIndex(db);
  const started = Date.now();
  if (ensureTaskStatusFacts(db, getStatusRules(db)) === "rebuilt") {
    console.log(`Status counts rebuilt from the task histories in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
  // Automatic reminders, escalations and e-mail retries: now, before anyone is served; then hourly in the jobs worker.
  await startReminderSchedule(db, { repeat: false });
  const jobs = reminderJobEnabled();

  const port = Number(process.env.PORT ?? 3000);
  const count = webWorkerCount();
  const roles = new Map<number, { role: WorkerRole; forkedAt: number }>();
  const quickExits: Record<WorkerRole, number> = { web: 0, jobs: 0 };
  const listened = new Set<number>();
  let serving = false;
  let stopping = false;

  const fork = (role: WorkerRole) => {
    const worker = cluster.fork({ [WORKER_ROLE]: role });
    roles.set(worker.id, { role, forkedAt: Date.now() });
    if (role === "web") answerRateQuestions(worker);
  };
  const finish = (code: number) =>
    void backgroundDelivery().finally(() => {
      closeDb();
      process.exit(code);
    });

  cluster.on("listening", (worker) => {
    listened.add(worker.id);
    if (serving || listened.size < count) return;
    serving = true;
    console.log(`\nDatabase: ${databasePath()}`);
    void printDemoLogins(db).then(() =>
      console.log(`\nListening on http://localhost:${port} (${count} web worker${count === 1 ? "" : "s"})`),
    );
  });
  cluster.on("exit", (worker, code, signal) => {
    const { role, forkedAt } = roles.get(worker.id)!;
    roles.delete(worker.id);
    if (stopping) {
      // The last worker has finished its requests and exited: the primary goes too.
      if (roles.size === 0) finish(0);
      return;
    }
    if (role === "web" && !serving) {
      // Not even started (the port is taken, the build is broken): another would fail the same way.
      console.error(`A web worker failed to start (${signal ?? code}); see the messages above.`);
      process.exit(1);
    }
    quickExits[role] = Date.now() - forkedAt < QUICK_EXIT_MS ? quickExits[role] + 1 : 0;
    const delay = quickExits[role] === 0 ? 0 : Math.min(MAX_RESTART_DELAY_MS, 1000 * 2 ** (quickExits[role] - 1));
    console.error(
      `The ${role} worker ${worker.process.pid} exited (${signal ?? code}); ` +
        `starting another${delay === 0 ? "" : ` in ${delay / 1000} s`}.`,
    );
    setTimeout(() => {
      if (!stopping) fork(role);
    }, delay);
  });
  for (let i = 0; i < count; i++) fork("web");
  if (jobs) fork("jobs");

  const shutdown = (signal: string) => {
    if (stopping) {
      // A second Ctrl+C: stop now.
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: shutting down`);
    // Each worker stops taking connections, finishes the requests it has, and exits (then `finish`).
    if (roles.size === 0) finish(0);
    else cluster.disconnect();
    // Workers that do not finish in time: a supervisor sees the stop was not clean.
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

/** Stops this worker once its channel to the primary closes: the shutdown, or the primary died. */
function exitOnDisconnect(db: AppDatabase): void {
  let leaving = false;
  const leave = (code: number) => {
    if (leaving) return;
    leaving = true;
    void backgroundDelivery().finally(() => {
      db.$client.close();
      process.exit(code);
    });
  };
  process.once("disconnect", () => leave(0));
  // A message to a primary already gone (it gave up while this worker was starting, e.g. the
  // port was taken) fails on the channel: leave quietly, the primary said why.
  cluster.worker?.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE" && error.code !== "ERR_IPC_CHANNEL_CLOSED") throw error;
    leave(1);
  });
  // Ctrl+C reaches every process of the group: the primary leads the shutdown. SIGTERM to one worker stops
  // that worker gently (it finishes its requests; the primary starts another).
  process.on("SIGINT", () => {});
  process.on("SIGTERM", () => cluster.worker?.disconnect());
}

/** The hourly reminders job, away from the primary (which hands out connections) and the web workers. */
async function jobsWorker(): Promise<void> {
  const db = getDb({ migrate: false }); // the primary migrated
  exitOnDisconnect(db);
  await startReminderSchedule(db, { runNow: false });
}

/** A web worker: serves the app on the shared port until the primary disconnects it. */
async function webWorker(): Promise<void> {
  const db = getDb({ migrate: false }); // the primary migrated
  exitOnDisconnect(db);
  const build = (await import(pathToFileURL(SERVER_BUILD).href)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  // Behind a reverse proxy, TRUST_PROXY (e.g. "loopback" or "1") makes req.ip the client's address.
  if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);
  app.use((_req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    res.locals.requestId = crypto.randomUUID();
    next();
  });
  app.use(securityHeaders());
  app.use(compression());
  app.use("/assets", express.static(path.join(ROOT, "build/client/assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(ROOT, "build/client"), { maxAge: "1h" }));
  app.use("/api", readOnlyApi);
  app.use(refuseCrossOrigin);
  app.use(limitBodies);
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: "production",
      getLoadContext: (req, res) =>
        ({
          clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
          requestId: res.locals.requestId as string,
          cspNonce: res.locals.cspNonce as string,
        }) satisfies RequestContext,
    }),
  );
  const server = app.listen(Number(process.env.PORT ?? 3000));
  server.on("error", (error) => {
    console.error(error);
    process.exit(1);
  });
}

async function main(): Promise<void> {
  process.env.NODE_ENV ??= "production";
  if (cluster.isPrimary) await primary();
  else if (process.env[WORKER_ROLE] === "jobs") await jobsWorker();
  else await webWorker();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
