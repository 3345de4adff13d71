// A realistic mix (issue #16): 50 people using the app at once, on a compressed clock so
// that a minute of bench holds about half an hour of a working morning. Leaders read the
// dashboard, the scorecard, the task list and directives; departments' heads read their
// own tasks and file a progress report every few (simulated) minutes; the secretariat
// reads and decides an extension request now and then. What is measured: the document
// reads (req/s, p50/p95) and how often the read cache answered them (X-Page-Cache), since
// every report and decision makes the next read of every page compute afresh.
import Database from "better-sqlite3";
import { ascending, percentile, postProgressReport, timedRequest } from "./requests";

/** One simulated minute lasts this many real milliseconds (30× faster than real time). */
const SIMULATED_MINUTE_MS = 2_000;
const LEADERS = 20;
const DEPARTMENT_HEADS = 25;
const SECRETARIES = 5;

/** Uniform in [lo, hi) simulated minutes, as real milliseconds. */
const minutes = (lo: number, hi: number) => (lo + Math.random() * (hi - lo)) * SIMULATED_MINUTE_MS;
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

interface Person {
  /** What it does next: a read, or a write when one is due. */
  act(): Promise<void>;
  /** How long it thinks between two actions, in real milliseconds. */
  think: () => number;
}

export interface MixResult {
  seconds: number;
  users: number;
  reads: number;
  readsPerSecond: number;
  p50: number;
  p95: number;
  /** Of the document reads of cacheable pages, the share the read cache answered. */
  hitRate: number;
  hits: number;
  misses: number;
  reports: number;
  decisions: number;
  errors: number;
  /** What the first error was, when there was one. */
  firstError?: string;
}

interface MixData {
  leaders: string[];
  secretaries: string[];
  /** Department heads, each with a task its department coordinates (a coordinator's report never conflicts). */
  heads: { login: string; task: { id: number; version: number } }[];
  directiveIds: number[];
  pendingExtensions: { requestId: number; taskId: number }[];
}

function mixData(databaseFile: string): MixData {
  const db = new Database(databaseFile, { readonly: true });
  try {
    const logins = (role: string) =>
      (
        db.prepare(`SELECT login FROM users WHERE role = ? AND active = 1 ORDER BY id`).all(role) as {
          login: string;
        }[]
      ).map((r) => r.login);
    const heads = db
      .prepare(
        `SELECT u.login AS login, min(t.id) AS id FROM users u
         JOIN task_coordinators c ON c.department_id = u.department_id
         JOIN tasks t ON t.id = c.task_id AND t.state = 'in_progress'
         WHERE u.role = 'dept_lead' AND u.active = 1
         GROUP BY u.id ORDER BY u.id LIMIT ?`,
      )
      .all(DEPARTMENT_HEADS) as { login: string; id: number }[];
    const version = db.prepare(`SELECT version FROM tasks WHERE id = ?`);
    return {
      leaders: logins("leadership"),
      secretaries: logins("secretariat"),
      heads: heads.map((h) => ({
        login: h.login,
        task: { id: h.id, version: (version.get(h.id) as { version: number }).version },
      })),
      directiveIds: (
        db.prepare(`SELECT id FROM directives WHERE state <> 'draft' ORDER BY id DESC LIMIT 20`).all() as {
          id: number;
        }[]
      ).map((r) => r.id),
      pendingExtensions: db
        .prepare(
          `SELECT e.id AS requestId, e.task_id AS taskId FROM extension_requests e
           WHERE e.state = 'pending' ORDER BY e.id LIMIT 200`,
        )
        .all() as { requestId: number; taskId: number }[],
    };
  } finally {
    db.close();
  }
}

/**
 * Runs the mix for `seconds` on the server at `origin` (its database file read for logins
 * and ids). `signIn` returns a session cookie: each simulated person has its own session,
 * as 50 browsers would, even where several share an account.
 */
export async function realisticMix(
  origin: string,
  databaseFile: string,
  seconds: number,
  signIn: (login: string) => Promise<string>,
): Promise<MixResult> {
  const data = mixData(databaseFile);
  if (data.leaders.length === 0 || data.secretaries.length === 0 || data.heads.length === 0) {
    throw new Error("The database has no leadership, secretariat or department head with a coordinated task");
  }
  const reads: number[] = [];
  const counts = { hits: 0, misses: 0, reports: 0, decisions: 0, errors: 0 };
  let firstError: string | undefined;
  const read = async (cookie: string, path: string) => {
    try {
      // A person comes back after thinking longer than the server keeps an idle connection (5 s): the reused
      // connection may be reset as the request goes out. A browser sends a GET again then; so does the bench.
      const get = () => timedRequest(origin + path, { headers: { cookie } });
      const response = await get().catch((error: unknown) => {
        if (!connectionReset(error)) throw error;
        return get();
      });
      reads.push(response.millis);
      if (response.status !== 200) counts.errors++;
      if (response.pageCache === "hit") counts.hits++;
      if (response.pageCache === "miss") counts.misses++;
    } catch (error) {
      counts.errors++;
      firstError ??= describeError(error);
    }
  };
  const statusOfTask = new Database(databaseFile, { readonly: true });
  const taskVersion = statusOfTask.prepare(`SELECT version FROM tasks WHERE id = ?`);
  const decide = async (cookie: string) => {
    const request = data.pendingExtensions.shift();
    if (request === undefined) return;
    for (const outcome of ["approve", "reject"] as const) {
      const { version } = taskVersion.get(request.taskId) as { version: number };
      const response = await fetch(`${origin}/tasks/${request.taskId}`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie, origin, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          intent: "decide_extension",
          version: String(version),
          requestId: String(request.requestId),
          outcome,
          note: "Bench: đã xem xét đề nghị.",
        }).toString(),
      });
      await response.arrayBuffer();
      // A date the rules refuse (beyond the parent's deadline, say): the secretariat rejects it instead.
      if (response.status === 302) {
        counts.decisions++;
        return;
      }
    }
    counts.errors++;
  };

  const people: Person[] = [];
  try {
    for (let i = 0; i < LEADERS; i++) {
      const login = data.leaders[i % data.leaders.length]!;
      const cookie = await signIn(login);
      const pages = [
        "/",
        "/",
        "/scorecard",
        "/tasks",
        "/tasks?status=overdue",
        ...data.directiveIds.slice(0, 5).map((id) => `/directives/${id}`),
      ];
      people.push({ think: () => minutes(0.5, 2), act: () => read(cookie, pick(pages)) });
    }
    for (const head of data.heads) {
      const cookie = await signIn(head.login);
      // A report every 3 to 10 simulated minutes; reads of its desk in between.
      let nextReport = performance.now() + minutes(0, 10);
      people.push({
        think: () => minutes(0.5, 3),
        act: async () => {
          if (performance.now() < nextReport) return read(cookie, pick(["/", "/tasks", `/tasks/${head.task.id}`]));
          nextReport = performance.now() + minutes(3, 10);
          if (await postProgressReport(origin, cookie, head.task)) counts.reports++;
          else counts.errors++;
        },
      });
    }
    for (let i = 0; i < SECRETARIES; i++) {
      const login = data.secretaries[i % data.secretaries.length]!;
      const cookie = await signIn(login);
      // A decision every 5 to 15 simulated minutes.
      let nextDecision = performance.now() + minutes(0, 15);
      people.push({
        think: () => minutes(0.5, 2),
        act: async () => {
          if (performance.now() < nextDecision) return read(cookie, pick(["/", "/tasks", "/scorecard"]));
          nextDecision = performance.now() + minutes(5, 15);
          await decide(cookie);
        },
      });
    }

    const started = performance.now();
    const deadline = started + seconds * 1000;
    await Promise.all(
      people.map(async (person) => {
        // Not all at the same instant: each starts within its first think time.
        await sleepUntil(Math.min(deadline, performance.now() + Math.random() * person.think()));
        while (performance.now() < deadline) {
          // A refused connection or a reset (a keep-alive connection the server closed as it was reused) is
          // an error of that action, counted, not the end of the run.
          await person.act().catch((error: unknown) => {
            counts.errors++;
            firstError ??= describeError(error);
          });
          await sleepUntil(Math.min(deadline, performance.now() + person.think()));
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const sorted = ascending(reads);
    return {
      seconds: elapsed,
      users: people.length,
      reads: reads.length,
      readsPerSecond: reads.length / elapsed,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      hitRate: counts.hits + counts.misses === 0 ? Number.NaN : counts.hits / (counts.hits + counts.misses),
      ...counts,
      ...(firstError === undefined ? {} : { firstError }),
    };
  } finally {
    statusOfTask.close();
  }
}

/** fetch's "fetch failed" says nothing: its cause does (ECONNRESET, ECONNREFUSED). */
function describeError(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  return String(cause instanceof Error ? cause.message : error instanceof Error ? error.message : error);
}

/** fetch failed because the connection was reset or closed under it (Node's socket, or undici's). */
function connectionReset(error: unknown): boolean {
  const code = error instanceof Error ? (error.cause as { code?: unknown } | undefined)?.code : undefined;
  return code === "ECONNRESET" || code === "UND_ERR_SOCKET";
}

/** Waits until a moment on performance.now()'s clock: the simulated people's thinking. */
function sleepUntil(at: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, at - performance.now())));
}
