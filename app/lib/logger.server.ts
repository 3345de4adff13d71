// The application log and the access log (pino): one JSON object a line on stdout,
// for the journal (systemd) or any collector; a readable line instead when stdout is
// a terminal (the quick start). LOG_LEVEL (default `info`) and LOG_FORMAT (`json` or
// `pretty`) change that. Never logged: passwords, tokens, cookies, form bodies — the
// access log (app/server/start.ts) writes only method, path, route, status, duration,
// request id and user id, and these paths are blanked should anything pass one in.
import { AsyncLocalStorage } from "node:async_hooks";
import { pino, type Level, type Logger } from "pino";
import pretty from "pino-pretty";
import { timedRequest } from "./server-timing.server";

const LEVELS: readonly (Level | "silent")[] = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

export function logLevel(env: Record<string, string | undefined> = process.env): Level | "silent" {
  const raw = (env.LOG_LEVEL ?? "").trim().toLowerCase();
  if (raw === "") return env.VITEST ? "silent" : "info";
  if (!(LEVELS as readonly string[]).includes(raw)) {
    throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(", ")}; got ${env.LOG_LEVEL}`);
  }
  return raw as Level | "silent";
}

export function logFormat(
  env: Record<string, string | undefined> = process.env,
  terminal: boolean = process.stdout.isTTY === true,
): "json" | "pretty" {
  const raw = (env.LOG_FORMAT ?? "").trim().toLowerCase();
  if (raw === "") return terminal ? "pretty" : "json";
  if (raw !== "json" && raw !== "pretty") throw new Error(`LOG_FORMAT must be json or pretty; got ${env.LOG_FORMAT}`);
  return raw;
}

const REDACTED = [
  "password",
  "*.password",
  "passwordHash",
  "*.passwordHash",
  "token",
  "*.token",
  "cookie",
  "req.headers.cookie",
  "req.headers.authorization",
  'res.headers["set-cookie"]',
];

function createLogger(): Logger {
  const options = {
    level: logLevel(),
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED, censor: "[redacted]" },
  };
  if (logFormat() === "json") return pino(options);
  return pino(
    options,
    pretty({ sync: true, colorize: true, translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname", singleLine: true }),
  );
}

// One logger per process, kept across dev-server module reloads.
const globalForLogger = globalThis as unknown as { __appLogger?: Logger };
export const logger: Logger = (globalForLogger.__appLogger ??= createLogger());

// ---------------------------------------------------------------- per request

/** What the access log line of a request says besides method, path and status, filled in while it is served. */
export interface RequestLogNote {
  userId?: number;
}

const requestNotes = new AsyncLocalStorage<RequestLogNote>();

/**
 * Runs the rest of a request's handling with `note` as the place to write its user to
 * (and, for `npm run bench` only, with its timings recorded: app/lib/server-timing.server.ts).
 */
export function withRequestLogNote<T>(note: RequestLogNote, handle: () => T): T {
  return requestNotes.run(note, () => timedRequest(handle));
}

/** The request being served acts as this user (a session or an API token): its access log line says so. */
export function noteRequestUser(userId: number): void {
  const note = requestNotes.getStore();
  if (note) note.userId = userId;
}
