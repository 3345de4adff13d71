// The layers are checked by `npm run lint` (eslint-plugin-boundaries, eslint.config.js):
// each rule is shown to catch a module that breaks it, and to let the same module
// through once it keeps to its layer. The modules are linted as text at paths inside
// app/ (nothing is written there).
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: path.resolve(".") });
});

/** The boundary errors ESLint reports for `code` as if it were the file at `file`. */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.resolve(file) });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === "boundaries/dependencies")
    .map((message) => message.message);
}

describe("npm run lint keeps the layers", () => {
  it("refuses a model that imports a route", async () => {
    const code = 'import { loader } from "~/routes/tasks._index/route";\nexport const used = loader;\n';
    expect(await boundaryErrors("app/models/layer-fixture.server.ts", code)).toEqual([
      expect.stringMatching(/"routes".*"models"/),
    ]);
    const fine = 'import { listTasks } from "./task-list.server";\nexport const used = listTasks;\n';
    expect(await boundaryErrors("app/models/layer-fixture.server.ts", fine)).toEqual([]);
  }, 60_000);

  it("refuses a component that imports a model, even a type only", async () => {
    const code =
      'import type { TaskRow } from "~/models/task-rows.server";\nexport const none: TaskRow | null = null;\n';
    expect(await boundaryErrors("app/components/layer-fixture.tsx", code)).toEqual([
      expect.stringMatching(/"models".*"components"/),
    ]);
    const fine = 'import type { TaskRow } from "~/domain/views";\nexport const none: TaskRow | null = null;\n';
    expect(await boundaryErrors("app/components/layer-fixture.tsx", fine)).toEqual([]);
  }, 60_000);

  it("refuses a domain module that imports anything outside the domain", async () => {
    for (const outside of ["../lib/i18n", "../models/task-list.server", "../../db/schema"]) {
      const code = `import * as outside from "${outside}";\nexport const used = outside;\n`;
      expect(await boundaryErrors("app/domain/layer-fixture.ts", code), outside).toHaveLength(1);
    }
    const fine = 'import { today } from "./dates";\nexport const used = today;\n';
    expect(await boundaryErrors("app/domain/layer-fixture.ts", fine)).toEqual([]);
  }, 60_000);

  it("refuses a lib module that imports a model, a server module or db/, and lets it import the domain and lib", async () => {
    const code = 'import { getDb } from "~/models/db.server";\nexport const used = getDb;\n';
    expect(await boundaryErrors("app/lib/layer-fixture.server.ts", code)).toEqual([
      expect.stringMatching(/"models".*"lib"/),
    ]);
    for (const outside of ["../server/auth.server", "../../db/schema", "../root"]) {
      const other = `import * as outside from "${outside}";\nexport const used = outside;\n`;
      expect(await boundaryErrors("app/lib/layer-fixture.server.ts", other), outside).toHaveLength(1);
    }
    const fine =
      'import { today } from "~/domain/dates";\nimport { translate } from "./i18n";\nexport const used = [today, translate];\n';
    expect(await boundaryErrors("app/lib/layer-fixture.server.ts", fine)).toEqual([]);
  }, 60_000);

  it("refuses a route that imports another route's module, and lets it import its own", async () => {
    const code = 'import { loader } from "~/routes/tasks._index/route";\nexport const used = loader;\n';
    expect(await boundaryErrors("app/routes/scorecard/layer-fixture.ts", code)).toHaveLength(1);
    const own = 'import { loader } from "./route";\nexport const used = loader;\n';
    expect(await boundaryErrors("app/routes/scorecard/layer-fixture.ts", own)).toEqual([]);
  }, 60_000);
});
