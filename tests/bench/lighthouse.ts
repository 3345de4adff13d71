// Lighthouse mobile performance of the signed-in dashboard and task list (issue #16:
// ≥ 90 each, with Debian's Chromium and Lighthouse 12.2.3, the version the issue pins
// for Node 20). `npm run bench` calls lighthouseScores() once its loads are
// done; alone, `npx tsx tests/bench/lighthouse.ts [database]` starts the production
// server on a copy of the database (data/bench-100000.db by default, as the bench does)
// and prints the table.
//
// Lighthouse is the `LIGHTHOUSE` binary when that variable is set, else
// `npx --yes lighthouse@12.2.3` (fetched from the npm registry on first use). It is not a
// dependency of the project: a bench run without it, or without a Chromium, still reports
// everything else, and says here why the scores are missing.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { benchDatabase, printTable, runWhenStarted, withLeadershipServer } from "./run";

const LIGHTHOUSE_VERSION = "12.2.3";
const BUDGET_SCORE = 90;
// The first `npx` use downloads Lighthouse; a page on a loaded 2-core machine can take minutes.
const VERSION_TIMEOUT_MS = 5 * 60_000;
const PAGE_TIMEOUT_MS = 5 * 60_000;

/** The pages issue #16 budgets, as the bench names them. */
export const LIGHTHOUSE_PAGES: readonly { name: string; path: string }[] = [
  { name: "dashboard", path: "/" },
  { name: "task list", path: "/tasks" },
];

export type LighthousePage = { path: string; loadAverage: number } & (
  | {
      /** Performance category, 0–100. */
      score: number;
      /** Milliseconds, except `cls` (unitless); Lighthouse's simulated mobile values. */
      metrics: { fcp: number; lcp: number; tbt: number; cls: number; speedIndex: number };
      /** Lighthouse's CPU benchmark of this machine during the run (a loaded machine scores lower). */
      benchmarkIndex: number;
      seconds: number;
    }
  | { notMeasured: string }
);

export interface LighthouseRun {
  /** How Lighthouse was run, and the version it reported. */
  lighthouse: string;
  pages: LighthousePage[];
}

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Set when it could not start (ENOENT, EACCES) or ran out of time. */
  failure?: string;
}

/**
 * Runs a command in a process group of its own, so that on a timeout, or when the
 * bench exits early, Lighthouse and the Chromium it launched are stopped together
 * (SIGINT first: Lighthouse then closes Chromium and removes its profile).
 */
function runGrouped(command: string, args: readonly string[], timeoutMs: number): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let failure: string | undefined;
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const signalGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, signal);
      } catch {
        // The group has already exited.
      }
    };
    const onParentExit = () => signalGroup("SIGINT");
    process.once("exit", onParentExit);
    let forceKill: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      failure = `no answer in ${timeoutMs / 1000} s`;
      signalGroup("SIGINT");
      forceKill = setTimeout(() => signalGroup("SIGKILL"), 10_000);
    }, timeoutMs);
    const settle = (result: Omit<Finished, "stdout" | "stderr">) => {
      clearTimeout(timer);
      clearTimeout(forceKill);
      process.off("exit", onParentExit);
      resolve({ stdout, stderr, ...result, ...(failure && !result.failure ? { failure } : {}) });
    };
    child.once("error", (error) => settle({ code: null, signal: null, failure: error.message }));
    child.once("close", (code, signal) => settle({ code, signal }));
  });
}

/** The command that runs Lighthouse: `LIGHTHOUSE` if set, else the pinned version through npx. */
function lighthouseCommand(): { command: string; args: string[]; label: string } {
  const configured = process.env.LIGHTHOUSE;
  if (configured) return { command: configured, args: [], label: `LIGHTHOUSE=${configured}` };
  const pinned = `lighthouse@${LIGHTHOUSE_VERSION}`;
  return { command: "npx", args: ["--yes", pinned], label: `npx --yes ${pinned}` };
}

/** Why a process did not do its job, in one line: its failure, else the last line it printed. */
function whyFailed(finished: Finished): string {
  if (finished.failure) return finished.failure;
  const lastLine =
    (finished.stderr + finished.stdout)
      .trim()
      .split("\n")
      .filter((line) => line.trim() !== "")
      .pop() ?? "";
  const exit = finished.signal ? `killed by ${finished.signal}` : `exit ${finished.code}`;
  return lastLine ? `${exit}: ${lastLine.trim()}` : exit;
}

/** The parts of Lighthouse's JSON report (LHR) read here. */
interface LighthouseReport {
  lighthouseVersion: string;
  finalDisplayedUrl: string;
  runtimeError?: { code: string; message: string };
  categories: { performance?: { score: number | null } };
  audits: Record<string, { numericValue?: number } | undefined>;
  environment: { benchmarkIndex: number };
}

function readReport(
  file: string,
  origin: string,
  pagePath: string,
): Omit<Extract<LighthousePage, { score: number }>, "path" | "loadAverage" | "seconds"> | string {
  const report = JSON.parse(fs.readFileSync(file, "utf8")) as LighthouseReport;
  if (report.runtimeError) return `${report.runtimeError.code}: ${report.runtimeError.message}`;
  // A cookie the server did not take lands on the login page, which would score on its own.
  const landed = new URL(report.finalDisplayedUrl);
  const expected = new URL(pagePath, origin);
  if (landed.pathname !== expected.pathname) return `the page went to ${landed.pathname} (not signed in?)`;
  const score = report.categories.performance?.score;
  const metric = (id: string) => report.audits[id]?.numericValue ?? Number.NaN;
  if (score === undefined || score === null) return "the report has no performance score";
  return {
    score: Math.round(score * 100),
    metrics: {
      fcp: metric("first-contentful-paint"),
      lcp: metric("largest-contentful-paint"),
      tbt: metric("total-blocking-time"),
      cls: metric("cumulative-layout-shift"),
      speedIndex: metric("speed-index"),
    },
    benchmarkIndex: report.environment.benchmarkIndex,
  };
}

/**
 * Lighthouse's performance score and main metrics for each path, signed in with
 * `cookie`, one page at a time (two Chromiums at once would measure each other).
 * Never throws: without Lighthouse or Chromium, or on any other failure, a page is
 * "not measured", with the reason, and the bench keeps its other results.
 */
export async function lighthouseScores(
  origin: string,
  cookie: string,
  paths: readonly string[] = LIGHTHOUSE_PAGES.map((page) => page.path),
): Promise<LighthouseRun> {
  const { command, args, label } = lighthouseCommand();
  try {
    return await measure(command, args, label, origin, cookie, paths);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    console.log(`Lighthouse failed: ${why}`);
    return {
      lighthouse: label,
      pages: paths.map((p) => ({ path: p, loadAverage: os.loadavg()[0]!, notMeasured: why })),
    };
  }
}

async function measure(
  command: string,
  args: readonly string[],
  label: string,
  origin: string,
  cookie: string,
  paths: readonly string[],
): Promise<LighthouseRun> {
  process.stdout.write(`Lighthouse (${label}) … `);
  const version = await runGrouped(command, [...args, "--version"], VERSION_TIMEOUT_MS);
  if (version.code !== 0 || version.failure) {
    const why = `${label} does not run (${whyFailed(version)})`;
    console.log(why);
    return {
      lighthouse: label,
      pages: paths.map((p) => ({ path: p, loadAverage: os.loadavg()[0]!, notMeasured: why })),
    };
  }
  const reported = version.stdout.trim();
  console.log(
    reported === LIGHTHOUSE_VERSION ? reported : `${reported} (the budget is set with ${LIGHTHOUSE_VERSION})`,
  );

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "directive-tracker-lighthouse-"));
  try {
    // In a file rather than on the command line, where any user of the machine could read the session.
    const headersFile = path.join(workDir, "headers.json");
    fs.writeFileSync(headersFile, JSON.stringify({ Cookie: cookie }), { mode: 0o600 });
    const pages: LighthousePage[] = [];
    for (const [index, pagePath] of paths.entries()) {
      const reportFile = path.join(workDir, `report-${index}.json`);
      const loadAverage = os.loadavg()[0]!;
      process.stdout.write(`Lighthouse ${pagePath.padEnd(28)} (load average ${loadAverage.toFixed(1)}) … `);
      const started = performance.now();
      // No --preset: Lighthouse's default is the mobile one (Moto G Power emulation, simulated slow 4G and 4× CPU).
      const finished = await runGrouped(
        command,
        [
          ...args,
          new URL(pagePath, origin).href,
          "--only-categories=performance",
          "--chrome-flags=--headless=new --no-sandbox",
          `--extra-headers=${headersFile}`,
          "--output=json",
          `--output-path=${reportFile}`,
          "--quiet",
        ],
        PAGE_TIMEOUT_MS,
      );
      const seconds = (performance.now() - started) / 1000;
      let read: ReturnType<typeof readReport>;
      try {
        // Without a report (Chromium not found, a crash, the timeout) the reason is in what Lighthouse printed.
        read =
          finished.failure || !fs.existsSync(reportFile)
            ? `Lighthouse ${whyFailed(finished)}`
            : readReport(reportFile, origin, pagePath);
      } catch (error) {
        read = `the report cannot be read (${error instanceof Error ? error.message : String(error)})`;
      }
      if (typeof read === "string") {
        pages.push({ path: pagePath, loadAverage, notMeasured: read });
        console.log(`not measured: ${read}`);
      } else {
        pages.push({ path: pagePath, loadAverage, seconds, ...read });
        console.log(`score ${read.score} (${seconds.toFixed(0)} s)`);
      }
    }
    return { lighthouse: `Lighthouse ${reported} (${label})`, pages };
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

const nameOf = (pagePath: string) => LIGHTHOUSE_PAGES.find((page) => page.path === pagePath)?.name ?? pagePath;

/** The "Lighthouse (mobile)" table. */
export function printLighthouse(run: LighthouseRun): void {
  console.log(`\nLighthouse (mobile): ${run.lighthouse}; times in ms, simulated\n`);
  const ms = (value: number) => value.toFixed(0);
  printTable(
    ["page", "path", "score", "FCP", "LCP", "TBT", "CLS", "Speed Index", "CPU index", "load avg"],
    run.pages.map((page) =>
      "notMeasured" in page
        ? [nameOf(page.path), page.path, "-", "-", "-", "-", "-", "-", "-", page.loadAverage.toFixed(1)]
        : [
            nameOf(page.path),
            page.path,
            String(page.score),
            ms(page.metrics.fcp),
            ms(page.metrics.lcp),
            ms(page.metrics.tbt),
            page.metrics.cls.toFixed(3),
            ms(page.metrics.speedIndex),
            page.benchmarkIndex.toFixed(0),
            page.loadAverage.toFixed(1),
          ],
    ),
    2,
  );
  for (const page of run.pages) {
    if ("notMeasured" in page) console.log(`${page.path}: not measured: ${page.notMeasured}`);
  }
}

/** Issue #16's budgets: performance ≥ 90 on each page; a page not measured fails its budget. */
export function lighthouseBudgets(
  run: LighthouseRun,
): { name: string; limit: string; measured: string; pass: boolean }[] {
  return run.pages.map((page) => ({
    name: `Lighthouse performance, ${nameOf(page.path)}`,
    limit: `≥ ${BUDGET_SCORE}`,
    measured: "notMeasured" in page ? "not measured" : String(page.score),
    pass: !("notMeasured" in page) && page.score >= BUDGET_SCORE,
  }));
}

// ---------------------------------------------------------------- alone

async function main(): Promise<void> {
  const argument = process.argv[2];
  const source = argument === undefined ? await benchDatabase(100_000) : path.resolve(argument);
  if (!fs.existsSync(source)) throw new Error(`No database at ${source}`);
  await withLeadershipServer(source, async (origin, cookie, login) => {
    console.log(`Signed in as ${login}.\n`);
    const measured = await lighthouseScores(origin, cookie);
    printLighthouse(measured);
    console.log("");
    printTable(
      ["budget", "limit", "measured", "result"],
      lighthouseBudgets(measured).map((b) => [b.name, b.limit, b.measured, b.pass ? "PASS" : "FAIL"]),
    );
  });
}

runWhenStarted(import.meta.url, main);
