// The HTTP server. `npm run build` compiles this file on its own (esbuild, vite.config.ts)
// to build/server/start.js, which runs with plain node: `node build/server/start.js` in
// production, `npm start` (after its build check, app/server/build-if-needed.mjs) for the
// quick start. It bundles only the process plumbing — cluster, Express, headers, access
// log, health checks, shutdown; everything of the app, the start-up work included, comes
// from the Remix server build it loads (build/server/index.js, `serverRuntime`), so each
// module is loaded once per process (docs/decisions/021).
//
// A primary process migrates and prepares the database (demo or production mode:
// docs/decisions/020), then forks one web worker per core (WEB_WORKERS) sharing the
// port and a jobs worker (docs/decisions/004).
import cluster, { type Worker } from "node:cluster";
import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { matchRoutes, type AgnosticRouteObject } from "@remix-run/router";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import type { RequestContext } from "../lib/request-context";
import type { RequestLogNote } from "../lib/logger.server";
import type { ServerRuntime } from "./runtime.server";
import { webWorkerCount } from "./web-workers";

/** The environment as the server was started, before NODE_ENV is defaulted: it decides demo or production. */
const startEnvironment: Record<string, string | undefined> = { ...process.env };
// React and Remix render in production mode in both app modes (the quick start too).
process.env.NODE_ENV ??= "production";

const HERE = path.dirname(fileURLToPath(import.meta.url)); // build/server
const SERVER_BUILD = path.join(HERE, "index.js");
const CLIENT_BUILD = path.join(HERE, "..", "client");

/** A worker's message asking the primary to disconnect it (it got SIGTERM). */
const STOP_ME = "stop-me";

/** Which kind of worker a forked process is (set by the primary in its environment). */
const WORKER_ROLE = "DIRECTIVE_TRACKER_WORKER";
type WorkerRole = "web" | "jobs";

/** A replacement for a worker that died soon after it started waits longer each time (a broken build, a full disk). */
const QUICK_EXIT_MS = 10_000;
const MAX_RESTART_DELAY_MS = 30_000;

/** How long requests in flight may take to finish once a shutdown starts (SHUTDOWN_TIMEOUT_SECONDS). */
function shutdownTimeoutMs(env: Record<string, string | undefined> = process.env): number {
  const seconds = Number(env.SHUTDOWN_TIMEOUT_SECONDS ?? "");
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : 10) * 1000;
}

function port(): number {
  return Number(process.env.PORT ?? 3000);
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
    // Served over plain HTTP on localhost in the quick start; HSTS is the TLS proxy's (docs/deploy/nginx).
    strictTransportSecurity: false,
  });
}

/** The route pattern a path belongs to (`/tasks/:id`), for the access log; null for no route (a 404). */
function routeMatcher(routes: ServerBuild["routes"]): (pathname: string) => string | null {
  const all = Object.values(routes).filter((route) => route !== undefined);
  const childrenOf = (parentId: string | undefined): AgnosticRouteObject[] =>
    all
      .filter((route) => route.parentId === parentId)
      .map((route) =>
        route.index
          ? { id: route.id, index: true, path: route.path, caseSensitive: route.caseSensitive }
          : { id: route.id, path: route.path, caseSensitive: route.caseSensitive, children: childrenOf(route.id) },
      );
  const tree = childrenOf(undefined);
  return (pathname) => {
    // Single-fetch data requests: /tasks/5.data is the data of /tasks/5, /_root.data of /.
    const page = pathname.endsWith(".data") ? pathname.slice(0, -".data".length).replace(/^\/_root$/, "/") : pathname;
    const matches = matchRoutes(tree, page);
    if (!matches) return null;
    return `/${matches
      .map((match) => match.route.path)
      .filter(Boolean)
      .join("/")}`;
  };
}

function pathOf(url: string | undefined): string {
  return (url ?? "/").split("?")[0]!;
}

/**
 * One line per request: method, path (never the query string), route, status,
 * duration, request id, client address and user id. Never headers, cookies or bodies.
 * Health checks and static files are logged at `debug`; server errors at `error`.
 */
function accessLog(runtime: ServerRuntime, routeOf: (pathname: string) => string | null) {
  type Req = IncomingMessage & { ip?: string; id?: unknown };
  type Res = ServerResponse & { locals?: { logNote?: RequestLogNote; staticFile?: boolean } };
  const quiet = (req: Req, res: Res) =>
    res.locals?.staticFile === true || ["/healthz", "/readyz"].includes(pathOf(req.url));
  const summary = (req: Req, res: Res, val: object) => {
    const { res: _raw, err: _err, ...rest } = val as { res?: unknown; err?: unknown };
    return {
      ...rest,
      status: res.statusCode,
      route: routeOf(pathOf(req.url)),
      userId: res.locals?.logNote?.userId ?? null,
    };
  };
  return pinoHttp<Req, Res>({
    logger: runtime.logger,
    genReqId: (_req, res) => (res as express.Response).locals.requestId as string,
    wrapSerializers: false,
    serializers: {
      req: (req: Req) => ({ id: req.id, method: req.method, path: pathOf(req.url), ip: req.ip }),
    },
    customLogLevel: (req, res, error) => {
      if (error || res.statusCode >= 500) return "error";
      return quiet(req, res) && res.statusCode < 400 ? "debug" : "info";
    },
    customSuccessMessage: (req, res, ms) => `${req.method} ${pathOf(req.url)} ${res.statusCode} ${ms} ms`,
    customErrorMessage: (req, res) => `${req.method} ${pathOf(req.url)} ${res.statusCode}`,
    customSuccessObject: summary,
    customErrorObject: (req, res, _error, val) => summary(req, res, val),
  });
}

/**
 * The primary process: decide the mode, prepare the database (the runtime's
 * `prepareDatabase`), then start the web workers, which share the port, and a jobs
 * worker. After that it only hands out connections, counts the API's rate limit,
 * replaces a worker that dies, and leads the shutdown.
 */
async function primary(runtime: ServerRuntime): Promise<void> {
  const { logger } = runtime;
  const mode = runtime.appMode(startEnvironment);
  process.env.APP_MODE = mode; // the workers, and the pages' demo banner, read the decided mode
  logger.info({ mode }, `Starting in ${mode} mode`);
  let db;
  try {
    db = await runtime.prepareDatabase(mode);
  } catch (error) {
    if (!(error instanceof runtime.StartRefusal)) throw error;
    logger.fatal(error.message);
    runtime.closeDatabase();
    process.exitCode = error.exitCode;
    return;
  }
  const jobs = runtime.reminderJobEnabled();
  const count = webWorkerCount();
  const roles = new Map<number, { role: WorkerRole; forkedAt: number }>();
  const quickExits: Record<WorkerRole, number> = { web: 0, jobs: 0 };
  const listened = new Set<number>();
  let serving = false;
  let stopping = false;

  cluster.setupPrimary({ exec: fileURLToPath(import.meta.url) });
  // A worker is disconnected once: a second disconnect of its closed channel throws ERR_IPC_DISCONNECTED in it.
  const disconnecting = new Set<number>();
  const disconnect = (worker: Worker) => {
    if (disconnecting.has(worker.id) || !worker.isConnected()) return;
    disconnecting.add(worker.id);
    worker.disconnect();
  };
  const fork = (role: WorkerRole) => {
    const worker = cluster.fork({ [WORKER_ROLE]: role });
    roles.set(worker.id, { role, forkedAt: Date.now() });
    worker.on("message", (message: { type?: unknown }) => {
      if (message?.type === STOP_ME) disconnect(worker);
    });
    // A message to a worker that died meanwhile (the API rate limit's answer to its last question: the
    // library sends without a callback) fails on the channel as an 'error' event: without this listener
    // it would take the primary down. The worker's exit is reported, and it is replaced, below.
    worker.on("error", (error: NodeJS.ErrnoException) => {
      if (!["EPIPE", "ERR_IPC_CHANNEL_CLOSED", "ERR_IPC_DISCONNECTED"].includes(error.code ?? "")) throw error;
    });
  };
  let finishing = false;
  const finish = (code: number) => {
    if (finishing) return; // the first reason to stop is the one reported
    finishing = true;
    void runtime.backgroundDelivery().finally(() => {
      runtime.closeDatabase();
      logger.info(code === 0 ? "Stopped." : "Stopped before every request had finished.");
      process.exitCode = code;
      logger.flush();
      // Nothing else is left to run: the timers are unref'd, the workers gone.
      setImmediate(() => process.exit(code));
    });
  };

  cluster.on("listening", (worker) => {
    listened.add(worker.id);
    if (serving || listened.size < count) return;
    serving = true;
    logger.info(`Database: ${runtime.databasePath()}`);
    const logins = mode === "demo" ? runtime.printDemoLogins(db) : Promise.resolve();
    void logins.then(() =>
      logger.info(`Listening on http://localhost:${port()} (${count} web worker${count === 1 ? "" : "s"})`),
    );
  });
  cluster.on("exit", (worker: Worker, code: number, signal: string | null) => {
    const { role, forkedAt } = roles.get(worker.id)!;
    roles.delete(worker.id);
    disconnecting.delete(worker.id);
    if (stopping) {
      // The last worker has finished its requests and exited: the primary goes too.
      if (roles.size === 0) finish(0);
      return;
    }
    if (role === "web" && !serving) {
      // Not even started (the port is taken, the build is broken): another would fail the same way.
      logger.fatal(`A web worker failed to start (${signal ?? code}); see the messages above.`);
      process.exit(1);
    }
    quickExits[role] = Date.now() - forkedAt < QUICK_EXIT_MS ? quickExits[role] + 1 : 0;
    const delay = quickExits[role] === 0 ? 0 : Math.min(MAX_RESTART_DELAY_MS, 1000 * 2 ** (quickExits[role] - 1));
    logger.error(
      `The ${role} worker ${worker.process.pid} exited (${signal ?? code}); ` +
        `starting another${delay === 0 ? "" : ` in ${delay / 1000} s`}.`,
    );
    setTimeout(() => {
      if (!stopping) fork(role);
    }, delay);
  });
  // The API's per-token budget, one for all web workers: their limiters ask this one from their first API call.
  runtime.shareApiRateLimit();
  for (let i = 0; i < count; i++) fork("web");
  if (jobs) fork("jobs");

  const shutdown = (signal: string) => {
    if (stopping) {
      // A second Ctrl+C: stop now.
      process.exit(1);
    }
    stopping = true;
    const limit = shutdownTimeoutMs();
    logger.info(`${signal}: shutting down (requests in flight have ${limit / 1000} s to finish)`);
    // Each worker stops taking connections, finishes the requests it has, closes its database and exits (then `finish`).
    if (roles.size === 0) finish(0);
    else for (const worker of Object.values(cluster.workers ?? {})) if (worker) disconnect(worker);
    setTimeout(() => {
      logger.error(`Requests still running after ${limit / 1000} s: stopping them.`);
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
      finish(1);
    }, limit).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

/**
 * A worker stops when its channel to the primary closes — the primary's shutdown, or the
 * primary died: it finishes what it has, closes its database and exits 0. Signals sent
 * to the whole group (Ctrl+C; systemd's default KillMode) reach the workers too: the
 * primary leads the shutdown, so a worker only starts it early and never twice (a second
 * disconnect of a closed channel was the ERR_IPC_DISCONNECTED stack trace).
 */
function leaveOnDisconnect(runtime: ServerRuntime, close: () => Promise<void>): void {
  let leaving = false;
  const leave = (code: number) => {
    if (leaving) return;
    leaving = true;
    void close()
      .then(() => runtime.backgroundDelivery())
      .finally(() => {
        runtime.closeDatabase();
        runtime.logger.flush();
        process.exit(code);
      });
  };
  process.once("disconnect", () => leave(0));
  // A message to a primary already gone (it gave up while this worker was starting, e.g. the
  // port was taken) fails on the channel: leave quietly, the primary said why.
  cluster.worker?.on("error", (error: NodeJS.ErrnoException) => {
    if (!["EPIPE", "ERR_IPC_CHANNEL_CLOSED", "ERR_IPC_DISCONNECTED"].includes(error.code ?? "")) throw error;
    leave(1);
  });
  // SIGINT (Ctrl+C) reaches every process of the group: the primary leads. SIGTERM to this worker asks
  // the primary to disconnect it — gently, and once even when the primary is shutting everything down
  // (systemd's default KillMode signals the whole group); alone, it recycles the worker.
  process.on("SIGINT", () => {});
  process.on("SIGTERM", () => {
    if (process.connected) process.send?.({ type: STOP_ME });
  });
}

/** The hourly reminders job, away from the primary (which hands out connections) and the web workers. */
async function jobsWorker(runtime: ServerRuntime): Promise<void> {
  const db = runtime.openWorkerDatabase();
  const schedule = await runtime.startReminderSchedule(db, { runNow: false });
  leaveOnDisconnect(runtime, async () => schedule.stop());
}

/** A web worker: serves the app on the shared port until the primary disconnects it. */
async function webWorker(build: ServerBuild, runtime: ServerRuntime): Promise<void> {
  const db = runtime.openWorkerDatabase();
  const { refuseCrossOrigin, readOnlyApi, limitBodies } = runtime.httpGuards;
  const app = express();
  app.disable("x-powered-by");
  // Behind a reverse proxy, TRUST_PROXY (e.g. "loopback") makes req.ip the client's address and
  // req.protocol the one the client used: only from that proxy (docs/deployment.md#nginx).
  if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);
  app.use((_req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    res.locals.requestId = crypto.randomUUID();
    res.set("X-Request-Id", res.locals.requestId as string);
    const note: RequestLogNote = {};
    res.locals.logNote = note;
    runtime.withRequestLogNote(note, next);
  });
  app.use(accessLog(runtime, routeMatcher(build.routes)));
  // Health checks answer without a session, cookie or database write (docs/deployment.md#health-checks).
  app.get("/healthz", (_req, res) => {
    res.set("Cache-Control", "no-store").type("text/plain").send("ok\n");
  });
  app.get("/readyz", (_req, res) => {
    const report = runtime.readiness(db);
    res
      .status(report.ready ? 200 : 503)
      .set("Cache-Control", "no-store")
      .json(report);
  });
  app.use(securityHeaders());
  app.use(compression());
  const markStatic = (res: ServerResponse) => {
    (res as express.Response).locals.staticFile = true;
  };
  app.use(
    "/assets",
    express.static(path.join(CLIENT_BUILD, "assets"), { immutable: true, maxAge: "1y", setHeaders: markStatic }),
  );
  app.use(express.static(CLIENT_BUILD, { maxAge: "1h", setHeaders: markStatic }));
  app.use("/api", readOnlyApi);
  app.use(refuseCrossOrigin);
  app.use(limitBodies);
  // A page kept from an earlier request, sent again before any loader runs.
  app.use(runtime.servePageFromCache);
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
  const host = process.env.HOST?.trim() || undefined;
  const server = host ? app.listen(port(), host) : app.listen(port());
  server.on("error", (error: NodeJS.ErrnoException) => {
    runtime.logger.fatal(`Cannot listen on ${host ?? "*"}:${port()}: ${error.code ?? error.message}`);
    runtime.logger.flush();
    process.exit(1);
  });
  // The cluster's disconnect has closed the listener; requests in flight finish, idle connections close.
  leaveOnDisconnect(runtime, async () => {
    server.closeIdleConnections();
  });
}

async function loadServerBuild(): Promise<{ build: ServerBuild; runtime: ServerRuntime }> {
  let build: ServerBuild;
  try {
    build = (await import(pathToFileURL(SERVER_BUILD).href)) as ServerBuild;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ERR_MODULE_NOT_FOUND") throw error;
    console.error(`No server build at ${SERVER_BUILD}: run \`npm run build\` first.`);
    process.exit(1);
  }
  const runtime = (build.entry.module as unknown as { serverRuntime: ServerRuntime }).serverRuntime;
  return { build, runtime };
}

async function main(): Promise<void> {
  const { build, runtime } = await loadServerBuild();
  if (cluster.isPrimary) await primary(runtime);
  else if (process.env[WORKER_ROLE] === "jobs") await jobsWorker(runtime);
  else await webWorker(build, runtime);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
