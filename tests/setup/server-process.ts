// The production server as a child process, for the tests and scripts that need a
// real one of their own: to kill it (durability), to run two on one file (two
// writers), to load it (npm run load). Started as `npm start` starts it: the build
// check (app/server/build-if-needed.mjs), then the compiled server
// (`node build/server/start.js`: migrate, demo data into an empty file), in demo mode
// unless a test says otherwise (APP_MODE in `env`).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import net from "node:net";
import { formatLocalDate, today } from "../../app/domain/dates";

/** The compiled server, as production and `npm start` run it. */
export const SERVER_COMMAND: readonly [string, string[]] = [process.execPath, ["build/server/start.js"]];

/** The environment a test server gets: not Vitest's (vite.config.ts drops the Remix plugin under it). */
export function serverEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("VITEST")));
  return { ...env, NODE_ENV: "production", APP_MODE: "demo", ...extra };
}

let buildChecked = false;

/** `npm start`'s build check, once per test process: builds when the build is missing or older than the sources. */
export function ensureServerBuild(): void {
  if (buildChecked) return;
  const result = spawnSync(process.execPath, ["app/server/build-if-needed.mjs"], {
    env: serverEnvironment(),
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (result.status !== 0) throw new Error(`The build check failed (exit ${result.status ?? result.signal})`);
  buildChecked = true;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  origin: string;
  /** Everything it printed (stdout and stderr), so far. */
  output: () => string;
  /** SIGTERM, and wait for the exit. */
  stop: () => Promise<void>;
  /** SIGKILL to the primary and its web workers: no shutdown code runs, exactly like a crash or the OOM killer. */
  kill: () => Promise<void>;
}

export interface StartOptions {
  databaseFile: string;
  port?: number;
  env?: Record<string, string>;
  /** How long to wait for "Listening on" (the first start may build the app). */
  timeoutMs?: number;
}

export async function startServer(options: StartOptions): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  ensureServerBuild();
  const child = spawn(SERVER_COMMAND[0], SERVER_COMMAND[1], {
    env: serverEnvironment({ PORT: String(port), DATABASE_URL: `file:${options.databaseFile}`, ...options.env }),
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group: the primary and its web workers, so that `kill` can crash them all at once.
    detached: true,
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // Detached, the server would outlive the test run: take its whole group down when the run ends.
  const killGroup = () => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  };
  process.once("exit", killGroup);
  child.once("exit", () => process.off("exit", killGroup));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      killGroup();
      reject(new Error(`The server did not start in time:\n${output}`));
    }, options.timeoutMs ?? 170_000);
    const check = setInterval(() => {
      if (!output.includes("Listening on")) return;
      clearInterval(check);
      clearTimeout(timer);
      resolve();
    }, 50);
    child.once("exit", (code, signal) => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`The server exited (${code ?? signal}) before listening:\n${output}`));
    });
  });

  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    // SIGTERM to the primary: it shuts its workers down. SIGKILL to the whole group: every process dies at once.
    if (signal === "SIGKILL") process.kill(-child.pid!, signal);
    else child.kill(signal);
    await exited;
  };
  return {
    child,
    origin: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: () => end("SIGTERM"),
    kill: () => end("SIGKILL"),
  };
}

/** Signs in through the login form, as a browser does (same-origin POST); the Cookie header to send after. */
export async function signInOverHttp(origin: string, login: string, password: string): Promise<string> {
  const response = await fetch(`${origin}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ login, password }),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith("dt_session="));
  if (response.status !== 302 || cookie === undefined) {
    throw new Error(`Signing in as ${login} failed: HTTP ${response.status}`);
  }
  return cookie;
}

/** Posts a form as the page would (url-encoded, same origin, the session cookie); redirects are not followed. */
export async function postForm(
  origin: string,
  path: string,
  cookie: string,
  fields: Record<string, string>,
  signal?: AbortSignal,
): Promise<Response> {
  return fetch(`${origin}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: origin, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
    ...(signal ? { signal } : {}),
  });
}

/** Today in Hanoi as the forms take it (dd/mm/yyyy). */
export function todayForForms(): string {
  return formatLocalDate(today());
}
