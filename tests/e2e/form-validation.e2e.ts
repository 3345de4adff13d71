// Form validation loaded on demand (docs/decisions/016-lazy-form-validation.md): a
// form page renders its HTML constraints without Zod; once the page is interactive
// the validation chunk arrives and a field left empty shows its translated error on
// blur, without a request to the server. If the chunk has not loaded (here: blocked),
// a submission goes to the server, which validates it and answers with the same
// translated errors. Nothing is saved by these tests.
import fs from "node:fs";
import path from "node:path";
import type { Page, Request } from "playwright-core";
import { describe, expect, it } from "vitest";
import { readRemixManifest } from "../bench/client-js";
import { expectAccessible, signIn, useBrowser } from "./browser";

/** The lazily imported module with Zod and the schemas (app/lib/form-schemas.ts). */
const VALIDATION_CHUNK = /\/assets\/form-schemas-[\w-]+\.js$/;

const pages = useBrowser();

async function signedIn(login: string, expected?: RegExp): Promise<Page> {
  const { page } = await pages.open({ expected });
  await signIn(page, login);
  return page;
}

/** A post to the page's action: `/committees/new`, or `/committees/new.data` when Remix submits it (single fetch). */
function isPostTo(request: Request, pathname: string): boolean {
  return request.method() === "POST" && new URL(request.url()).pathname.replace(/\.data$/, "") === pathname;
}

function postsTo(page: Page, pathname: string): Request[] {
  const posts: Request[] = [];
  page.on("request", (request) => {
    if (isPostTo(request, pathname)) posts.push(request);
  });
  return posts;
}

describe("form validation loaded on demand", () => {
  it("no page loads Zod before it is interactive (the build the server runs)", () => {
    const client = path.resolve("build/client");
    const manifest = readRemixManifest(client);
    const chunks = (entry: { module: string; imports?: string[] }) => [entry.module, ...(entry.imports ?? [])];
    const withZod = (url: string) => fs.readFileSync(path.join(client, url), "utf8").includes("$ZodType");
    const lazy = fs.readdirSync(path.join(client, "assets")).filter((name) => VALIDATION_CHUNK.test(`/assets/${name}`));
    expect(lazy, "the validation chunk").toHaveLength(1);
    expect(withZod(`/assets/${lazy[0]}`), "Zod is in the validation chunk").toBe(true);
    const pageChunks = new Set([
      ...chunks(manifest.entry),
      ...Object.values(manifest.routes).flatMap((route) => chunks(route)),
    ]);
    expect([...pageChunks].filter(withZod), "page chunks with Zod").toEqual([]);
  });

  it("renders the constraints at once, loads the validation after hydration, and checks a field on blur", async () => {
    const page = await signedIn("vanphong");
    await page.goto("/committees/new");
    await page.getByRole("heading", { level: 1, name: "Thêm Ban Chỉ đạo" }).waitFor();
    // The constraints are in the server's HTML (no Zod needed to render them).
    expect(await page.getByLabel("Mã Ban Chỉ đạo").getAttribute("required")).toBe("");
    expect(await page.getByLabel("Tên Ban Chỉ đạo").getAttribute("required")).toBe("");
    expect(await page.getByLabel("Mô tả", { exact: true }).getAttribute("required")).toBeNull();
    // Loaded when the browser is idle after hydration (perhaps from the cache: the login page loads it too).
    await page.waitForFunction(
      (source) => performance.getEntriesByType("resource").some((entry) => new RegExp(source).test(entry.name)),
      VALIDATION_CHUNK.source,
    );
    await page.waitForLoadState("networkidle");

    const posts = postsTo(page, "/committees/new");
    await page.getByLabel("Tên Ban Chỉ đạo").focus();
    await page.getByLabel("Mô tả", { exact: true }).focus();
    await page.getByText("Vui lòng nhập tên ban chỉ đạo.").waitFor();
    expect(await page.getByLabel("Tên Ban Chỉ đạo").getAttribute("aria-invalid")).toBe("true");
    // Typing a name clears the error as it is typed (revalidated on input).
    await page.getByLabel("Tên Ban Chỉ đạo").fill("Ban Chỉ đạo kiểm thử");
    await page.getByText("Vui lòng nhập tên ban chỉ đạo.").waitFor({ state: "detached" });
    // A submission with the code missing is stopped in the browser, with the same message the server gives.
    await page.getByRole("button", { name: "Lưu Ban Chỉ đạo" }).click();
    await page.getByText("Vui lòng nhập mã ban chỉ đạo.").waitFor();
    expect(posts).toEqual([]);
    expect(new URL(page.url()).pathname).toBe("/committees/new");
    await expectAccessible(page);
  });

  it("a submission before the validation has loaded is validated by the server", async () => {
    // Aborting the chunk logs a failed load in the console: that one error is expected.
    const page = await signedIn("vanphong", /Failed to load resource|form-schemas/);
    await page.route(VALIDATION_CHUNK, (route) => route.abort());
    await page.goto("/committees/new");
    await page.getByRole("heading", { level: 1, name: "Thêm Ban Chỉ đạo" }).waitFor();
    await page.waitForLoadState("networkidle");

    const posts = postsTo(page, "/committees/new");
    // Leaving a field empty sends nothing while the validation is missing.
    await page.getByLabel("Tên Ban Chỉ đạo").focus();
    await page.getByLabel("Mô tả", { exact: true }).focus();
    await page.getByLabel("Mô tả", { exact: true }).fill("Chỉ có mô tả");
    expect(posts).toEqual([]);

    const reply = page.waitForResponse((response) => isPostTo(response.request(), "/committees/new"));
    await page.getByRole("button", { name: "Lưu Ban Chỉ đạo" }).click();
    await reply;
    await page.getByText("Vui lòng nhập mã ban chỉ đạo.").waitFor();
    await page.getByText("Vui lòng nhập tên ban chỉ đạo.").waitFor();
    expect(await page.getByLabel("Mã Ban Chỉ đạo").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("Mô tả", { exact: true }).inputValue()).toBe("Chỉ có mô tả");
    expect(posts).toHaveLength(1);
    expect(new URL(page.url()).pathname).toBe("/committees/new");
    await expectAccessible(page);
  });
});
