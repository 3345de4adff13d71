// The filter menus as the pages send them (issue #16, docs/decisions/032): a long
// department or directive list comes cut to its chosen entries, and /filter-options
// answers the whole lists the form then loads, departments by the dashboards' rule
// when asked.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { AppDatabase } from "../../app/models/db.server";
import { briefMenus, filterOptions, SHORT_MENU } from "../../app/models/task-list.server";
import { loader as filterOptionsLoader } from "../../app/routes/filter-options";
import { callRoute, sessionFor, useFreshDemoDatabase } from "../setup/remix-harness";

let db: AppDatabase;
beforeAll(async () => {
  db = await useFreshDemoDatabase();
});

const entries = (count: number) => Array.from({ length: count }, (_, i) => ({ id: i + 1, name: `D${i + 1}` }));

describe("briefMenus", () => {
  it("sends short lists whole", () => {
    const options = { departments: entries(SHORT_MENU), directives: entries(3), committees: entries(2) };
    expect(briefMenus(options, { departments: [1], directive: 2 })).toEqual({ ...options, complete: true });
  });

  it("cuts a long list to its chosen entries, keeps the short ones, and says the menus are not complete", () => {
    const options = { departments: entries(SHORT_MENU + 1), directives: entries(3), committees: entries(2) };
    const sent = briefMenus(options, { departments: [5, undefined, 7], directive: 2 });
    expect(sent.complete).toBe(false);
    expect(sent.departments.map((d) => d.id)).toEqual([5, 7]);
    expect(sent.directives).toEqual(options.directives);
    expect(sent.committees).toEqual(options.committees);
    const directives = briefMenus({ directives: entries(SHORT_MENU + 1) }, { directive: 9 });
    expect(directives).toEqual({ directives: [{ id: 9, name: "D9" }], complete: false });
  });
});

describe("/filter-options", () => {
  it("answers the whole menus a user may choose from; with figures=1, the departments whose figures they read", async () => {
    const chair = await sessionFor("lanhdao");
    const whole = filterOptions(db, { id: 0, role: "leadership", departmentId: null });
    const answer = await callRoute(filterOptionsLoader, { path: "/filter-options", token: chair });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ departments: whole.departments, directives: whole.directives });

    // A department's head coordinates with every department, but reads only its own figures.
    const head = await sessionFor("sgddt.truong");
    const { id: own } = db.get<{ id: number }>(sql`SELECT id FROM departments WHERE code = 'SGDDT'`)!;
    const all = (await callRoute(filterOptionsLoader, { path: "/filter-options", token: head })).body as {
      departments: { id: number }[];
    };
    expect(all.departments.length).toBe(whole.departments.length);
    const figures = (await callRoute(filterOptionsLoader, { path: "/filter-options?figures=1", token: head })).body as {
      departments: { id: number }[];
    };
    expect(figures.departments.map((d) => d.id)).toEqual([own]);
  });
});
