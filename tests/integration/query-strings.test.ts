// Every query parameter of the task list, the dashboards, the scorecard (page and
// download) and the JSON API's endpoints, given a value it cannot read: a 400 whose message is the
// reader's own translated words for that parameter and that value (the pages' on the
// form or as `{ message }`, the API's as `{ error: { code, message } }` in the client's
// language); an id that names nothing is a 404. All of them read their query strings
// with the same blocks (app/lib/query-schemas.ts).
import { sql } from "drizzle-orm";
import { beforeAll, beforeEach, afterAll, describe, expect, it } from "vitest";
import { STATUS_BASES, TASK_LEVELS, TASK_STATUSES, DIRECTIVE_STATES } from "../../app/domain/vocabulary";
import type { AppDatabase } from "../../app/models/db.server";
import { dayRefusal } from "../../app/lib/day-refusal";
import { translator, type Locale } from "../../app/lib/i18n";
import { SCORECARD_SORTS } from "../../app/lib/scorecard";
import { SORTABLE_COLUMNS } from "../../app/lib/task-list-state";
import { loader as dashboardLoader } from "../../app/routes/_index/route";
import { loader as scorecardLoader } from "../../app/routes/scorecard/route";
import { loader as scorecardExportLoader } from "../../app/routes/scorecard_.export/route";
import { loader as taskListLoader } from "../../app/routes/tasks._index/route";
import { loader as taskExportLoader } from "../../app/routes/tasks.export/route";
import { loader as directiveLoader } from "../../app/routes/api.v1.directives.$id/route";
import { loader as directivesLoader } from "../../app/routes/api.v1.directives._index/route";
import { loader as apiScorecardLoader } from "../../app/routes/api.v1.scorecard/route";
import { loader as taskLoader } from "../../app/routes/api.v1.tasks.$id/route";
import { loader as tasksLoader } from "../../app/routes/api.v1.tasks._index/route";
import {
  apiTokenFor,
  bearer,
  callRoute,
  sessionFor,
  useFreshDemoDatabase,
  type RouteHandler,
} from "../setup/remix-harness";

const vi = translator("vi");
let db: AppDatabase;
let directive: number;
let task: number;

beforeAll(async () => {
  db = await useFreshDemoDatabase();
  directive = db.get<{ id: number }>(sql`SELECT id FROM directives WHERE number = '1198/TB-UBND'`)!.id;
  task = db.get<{ id: number }>(sql`SELECT id FROM tasks WHERE directive_id = ${directive} ORDER BY id LIMIT 1`)!.id;
});
beforeEach(() => {
  process.env.API_RATE_LIMIT_PER_MINUTE = "0";
});
afterAll(() => {
  delete process.env.API_RATE_LIMIT_PER_MINUTE;
});

describe("the dashboards' query strings", () => {
  const filterInvalid = (key: "committee" | "directive" | "department", value: string) =>
    vi("dashboard.filter.invalid", { name: vi(`dashboard.filter.${key}`), value });
  const sortInvalid = (value: string) => vi("scorecard.invalidSort", { value });

  it("refuse each filter, the sort and the direction they cannot read with their translated 400", async () => {
    const token = await sessionFor("lanhdao");
    const cases: [RouteHandler, string, string][] = [
      [dashboardLoader, "/?committee=abc", filterInvalid("committee", "abc")],
      [dashboardLoader, "/?directive=1x", filterInvalid("directive", "1x")],
      [dashboardLoader, "/?department=-3", filterInvalid("department", "-3")],
      [dashboardLoader, "/?department=1234567890123456", filterInvalid("department", "1234567890123456")],
      [dashboardLoader, "/?period=2019-Q5", vi("period.invalid", { value: "2019-Q5" })],
      [dashboardLoader, "/?period=2019&periodPart=13", vi("period.invalid", { value: "2019-13" })],
      [scorecardLoader, "/scorecard?committee=%201%202", filterInvalid("committee", "1 2")],
      [scorecardLoader, "/scorecard?directive=0x10", filterInvalid("directive", "0x10")],
      [scorecardLoader, "/scorecard?period=Q4", vi("period.invalid", { value: "Q4" })],
      [scorecardLoader, "/scorecard?sort=nope", sortInvalid("nope asc")],
      [scorecardLoader, "/scorecard?sort=overdue&dir=up", sortInvalid("overdue up")],
      [scorecardLoader, "/scorecard?dir=sideways", sortInvalid("rank sideways")],
      [scorecardExportLoader, "/scorecard/export?committee=abc", filterInvalid("committee", "abc")],
      [scorecardExportLoader, "/scorecard/export?period=2019-00", vi("period.invalid", { value: "2019-00" })],
      [scorecardExportLoader, "/scorecard/export?dir=up", sortInvalid("rank up")],
      [scorecardExportLoader, "/scorecard/export?basis=sometimes", vi("basis.invalid", { value: "sometimes" })],
      [
        scorecardExportLoader,
        "/scorecard/export?asOf=31/12/2101",
        dayRefusal(vi, "31/12/2101", vi("asOf.invalid", { value: "31/12/2101" })),
      ],
    ];
    for (const [loader, path, message] of cases) {
      const outcome = await callRoute(loader, { path, token });
      expect(outcome.status, path).toBe(400);
      expect(outcome.body, path).toEqual({ message });
    }
  });

  it("show an as-of day or a reading they cannot read on the form, with a 400 and today's figures", async () => {
    const token = await sessionFor("lanhdao");
    for (const path of ["/", "/scorecard"]) {
      for (const [query, field, value, message] of [
        ["asOf=31/02/2020", "asOf", "31/02/2020", dayRefusal(vi, "31/02/2020", "")],
        ["asOf=hôm%20qua", "asOf", "hôm qua", vi("asOf.invalid", { value: "hôm qua" })],
        ["basis=sometimes&asOf=31/12/2019", "basis", "sometimes", vi("basis.invalid", { value: "sometimes" })],
      ] as const) {
        const outcome = await callRoute(path === "/" ? dashboardLoader : scorecardLoader, {
          path: `${path}?${query}`,
          token,
        });
        expect(outcome.status, `${path}?${query}`).toBe(400);
        const body = outcome.body as { isToday: boolean; basis: string; asOfProblem: unknown };
        expect(body.asOfProblem, `${path}?${query}`).toEqual({ field, value, message });
        expect(body.isToday).toBe(true);
        expect(body.basis).toBe("happened");
      }
    }
    // On the dashboard, a day it cannot read keeps the reading it can (the scorecard reads neither).
    const recorded = await callRoute(dashboardLoader, { path: "/?asOf=x&basis=recorded", token });
    expect(recorded.status).toBe(400);
    expect((recorded.body as { basis: string }).basis).toBe("recorded");
  });

  it("read blank parameters as absent and padded ones as written", async () => {
    const token = await sessionFor("lanhdao");
    const committee = db.get<{ id: number }>(sql`SELECT committee_id AS id FROM directives WHERE id = ${directive}`)!;
    const padded = await callRoute(scorecardLoader, {
      path: `/scorecard?committee=%20${committee.id}%20&period=%202019%20&sort=%20&dir=&asOf=%2031/12/2019%20`,
      token,
    });
    expect(padded.status).toBe(200);
    expect(padded.body).toMatchObject({
      filters: { committee: committee.id, period: "2019" },
      sort: "rank",
      dir: "asc",
      asOf: "2019-12-31",
    });
    expect((await callRoute(dashboardLoader, { path: "/?committee=0", token })).status).toBe(404);
  });
});

describe("the task list's query string", () => {
  it("refuses each parameter it cannot read with a 400 that names it, on the page and its download", async () => {
    const token = await sessionFor("lanhdao");
    const cases: [string, string][] = [
      ["status=late", "status"],
      ["department=abc", "department"],
      ["coordinator=1x", "coordinator"],
      ["directive=-1", "directive"],
      ["committee=1.5", "committee"],
      ["dueFrom=31/02/2020", `dueFrom: ${dayRefusal(vi, "31/02/2020", "")}`],
      ["dueTo=01/01/2101", `dueTo: ${dayRefusal(vi, "01/01/2101", "")}`],
      ["period=2019-Q5", `period: ${vi("period.invalid", { value: "2019-Q5" })}`],
      ["level=middle", "level"],
      ["fanOut=x", "fanOut"],
      ["stale=yes", "stale"],
      ["counted=true", "counted"],
      ["escalated=0", "escalated"],
      ["differs=2", "differs"],
      ["waiting=on", "waiting"],
      ["sort=title", "sort"],
      ["dir=up", "dir"],
      ["page=0", "page"],
      ["size=1000", "size"],
    ];
    for (const [query, detail] of cases) {
      for (const path of [`/tasks?${query}`, `/tasks/export?${query}`]) {
        const outcome = await callRoute(path.startsWith("/tasks/export") ? taskExportLoader : taskListLoader, {
          path,
          token,
        });
        expect(outcome.status, path).toBe(400);
        const { message } = outcome.body as { message: string };
        expect(message.startsWith(vi("tasks.filter.invalid", { detail: "" })), path).toBe(true);
        // Every refusal in the reader's words: a field's own, or the list's for a value no field takes.
        const value = query.slice(query.indexOf("=") + 1);
        expect(message, path).toContain(
          detail.includes(":") ? detail : `${detail}: ${vi("tasks.filter.value", { value })}`,
        );
      }
    }
    // Blank values are absent and padded ones trimmed, as on the dashboards.
    const padded = await callRoute(taskListLoader, { path: "/tasks?status=%20overdue%20&sort=&page=%201", token });
    expect(padded.status).toBe(200);
    expect((padded.body as { query: unknown }).query).toEqual({ status: "overdue", page: 1 });
  });
});

describe("the JSON API's query parameters", () => {
  const basisChoice = (t: ReturnType<typeof translator>, value: string) =>
    t("api.error.invalid_choice", { name: "basis", value, allowed: STATUS_BASES.join(", ") });
  /** Each endpoint's every parameter with a value it cannot read, and the message it must answer. */
  const cases = (): [RouteHandler, string, Record<string, string>, (t: ReturnType<typeof translator>) => string][] => [
    [tasksLoader, "asOf=31/12/2019", {}, (t) => t("api.error.invalid_date", { name: "asOf", value: "31/12/2019" })],
    [tasksLoader, "basis=sometimes", {}, (t) => basisChoice(t, "sometimes")],
    [
      tasksLoader,
      "page=0",
      {},
      (t) => t("api.error.invalid_number", { name: "page", min: "1", max: "1000000", value: "0" }),
    ],
    [
      tasksLoader,
      "pageSize=abc",
      {},
      (t) => t("api.error.invalid_number", { name: "pageSize", min: "1", max: "200", value: "abc" }),
    ],
    [
      tasksLoader,
      "status=late",
      {},
      (t) => t("api.error.invalid_choice", { name: "status", value: "late", allowed: TASK_STATUSES.join(", ") }),
    ],
    [tasksLoader, "department=abc", {}, (t) => t("api.error.invalid_id", { name: "department", value: "abc" })],
    [tasksLoader, "coordinator=0", {}, (t) => t("api.error.invalid_id", { name: "coordinator", value: "0" })],
    [tasksLoader, "directive=000", {}, (t) => t("api.error.invalid_id", { name: "directive", value: "000" })],
    [tasksLoader, "committee=1.5", {}, (t) => t("api.error.invalid_id", { name: "committee", value: "1.5" })],
    [tasksLoader, "period=2019-Q5", {}, (t) => t("period.invalid", { value: "2019-Q5" })],
    [
      tasksLoader,
      "level=middle",
      {},
      (t) => t("api.error.invalid_choice", { name: "level", value: "middle", allowed: TASK_LEVELS.join(", ") }),
    ],
    [
      tasksLoader,
      "dueFrom=2019-02-30",
      {},
      (t) => t("api.error.invalid_date", { name: "dueFrom", value: "2019-02-30" }),
    ],
    [tasksLoader, "dueTo=2101-01-01", {}, (t) => t("api.error.invalid_date", { name: "dueTo", value: "2101-01-01" })],
    [
      tasksLoader,
      "stale=yes",
      {},
      (t) => t("api.error.invalid_choice", { name: "stale", value: "yes", allowed: "1, true" }),
    ],
    [
      tasksLoader,
      "counted=0",
      {},
      (t) => t("api.error.invalid_choice", { name: "counted", value: "0", allowed: "1, true" }),
    ],
    [
      tasksLoader,
      "sort=title",
      {},
      (t) => t("api.error.invalid_choice", { name: "sort", value: "title", allowed: SORTABLE_COLUMNS.join(", ") }),
    ],
    [
      tasksLoader,
      "dir=up",
      {},
      (t) => t("api.error.invalid_choice", { name: "dir", value: "up", allowed: "asc, desc" }),
    ],
    [
      directivesLoader,
      "asOf=2019-13-01",
      {},
      (t) => t("api.error.invalid_date", { name: "asOf", value: "2019-13-01" }),
    ],
    [directivesLoader, "basis=x", {}, (t) => basisChoice(t, "x")],
    [
      directivesLoader,
      "page=x",
      {},
      (t) => t("api.error.invalid_number", { name: "page", min: "1", max: "1000000", value: "x" }),
    ],
    [
      directivesLoader,
      "pageSize=201",
      {},
      (t) => t("api.error.invalid_number", { name: "pageSize", min: "1", max: "200", value: "201" }),
    ],
    [directivesLoader, "committee=abc", {}, (t) => t("api.error.invalid_id", { name: "committee", value: "abc" })],
    [
      directivesLoader,
      "state=archived",
      {},
      (t) => t("api.error.invalid_choice", { name: "state", value: "archived", allowed: DIRECTIVE_STATES.join(", ") }),
    ],
    [
      apiScorecardLoader,
      "asOf=2019-12-32",
      {},
      (t) => t("api.error.invalid_date", { name: "asOf", value: "2019-12-32" }),
    ],
    [apiScorecardLoader, "basis=both", {}, (t) => basisChoice(t, "both")],
    [apiScorecardLoader, "committee=-1", {}, (t) => t("api.error.invalid_id", { name: "committee", value: "-1" })],
    [apiScorecardLoader, "directive=0", {}, (t) => t("api.error.invalid_id", { name: "directive", value: "0" })],
    [apiScorecardLoader, "period=2019-Q9", {}, (t) => t("period.invalid", { value: "2019-Q9" })],
    [
      apiScorecardLoader,
      "sort=bogus",
      {},
      (t) => t("api.error.invalid_choice", { name: "sort", value: "bogus", allowed: SCORECARD_SORTS.join(", ") }),
    ],
    [
      apiScorecardLoader,
      "dir=down",
      {},
      (t) => t("api.error.invalid_choice", { name: "dir", value: "down", allowed: "asc, desc" }),
    ],
    [
      taskLoader,
      "asOf=2019-1-1",
      { id: String(task) },
      (t) => t("api.error.invalid_date", { name: "asOf", value: "2019-1-1" }),
    ],
    [taskLoader, "basis=x", { id: String(task) }, (t) => basisChoice(t, "x")],
    [
      directiveLoader,
      "asOf=01/01/2020",
      { id: String(directive) },
      (t) => t("api.error.invalid_date", { name: "asOf", value: "01/01/2020" }),
    ],
    [directiveLoader, "basis=x", { id: String(directive) }, (t) => basisChoice(t, "x")],
  ];

  it("refuse each parameter they cannot read with a translated 400 that names it and its value", async () => {
    const secret = apiTokenFor("lanhdao");
    for (const [loader, query, params, message] of cases()) {
      for (const locale of ["vi", "en"] as Locale[]) {
        const outcome = await callRoute(loader, {
          path: `/api/v1/x?${query}`,
          params,
          headers: { ...bearer(secret), "Accept-Language": locale },
        });
        expect(outcome.status, `${query} (${locale})`).toBe(400);
        expect(outcome.body, `${query} (${locale})`).toEqual({
          error: { code: "invalid_parameter", message: message(translator(locale)) },
        });
      }
    }
  });

  it("refuse an id that names nothing with a 404 naming the parameter, after the values it cannot read", async () => {
    const secret = apiTokenFor("lanhdao");
    const call = (loader: RouteHandler, query: string) =>
      callRoute(loader, { path: `/api/v1/x?${query}`, headers: bearer(secret) });
    const unknown = await call(tasksLoader, "coordinator=999999");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({
      error: {
        code: "unknown_department",
        message: vi("api.error.unknown_department", { id: 999999, name: "coordinator" }),
      },
    });
    const both = await call(apiScorecardLoader, "directive=999999&period=2019-Q9");
    expect(both.status).toBe(400);
    expect((both.body as { error: { message: string } }).error.message).toBe(
      vi("period.invalid", { value: "2019-Q9" }),
    );
    // Blank is absent; padding is trimmed.
    const padded = await call(apiScorecardLoader, "directive=&period=%202019%20&sort=%20overdue");
    expect(padded.status).toBe(200);
    expect(padded.body).toMatchObject({ filters: { period: "2019" }, sort: "overdue", dir: "asc" });
  });
});
