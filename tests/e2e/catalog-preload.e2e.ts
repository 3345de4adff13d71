// Every page asks for the message namespaces it declares with the page (modulepreloads
// in <head>), in its language, not once the root and route modules run: they await
// their messages before React hydrates, so this is time the page does not answer
// clicks (app/lib/catalog-preload.server.ts, vite.config.ts `browserCatalogs`,
// docs/decisions/033).
import { describe, expect, it } from "vitest";
import { baseUrl, useBrowser } from "./browser";

const pages = useBrowser();

async function preloads(language?: "vi" | "en"): Promise<string[]> {
  // The language cookie is a plain value (app/lib/locale.server.ts).
  const headers: Record<string, string> = language ? { Cookie: `lang=${btoa(JSON.stringify(language))}` } : {};
  const response = await fetch(`${baseUrl()}/login`, { headers });
  expect(response.status).toBe(200);
  const html = await response.text();
  const head = html.slice(0, html.indexOf("</head>"));
  return [...head.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((m) => m[1]!);
}

describe("the page's messages", () => {
  it("are preloaded with the page, in the page's language, from chunks the server has", async () => {
    for (const language of [undefined, "vi", "en"] as const) {
      const hrefs = (await preloads(language)).filter((href) => /\/assets\/\w+\.(vi|en)-/.test(href));
      // The sign-in page declares nothing beyond the shell's `core`.
      expect(hrefs, language ?? "default").toHaveLength(1);
      expect(hrefs[0]).toMatch(new RegExp(`^/assets/core\\.${language ?? "vi"}-[\\w-]+\\.js$`));
      const script = await fetch(`${baseUrl()}${hrefs[0]}`);
      expect(script.status).toBe(200);
      expect(script.headers.get("content-type")).toMatch(/javascript/);
      expect(await script.text()).toContain(language === "en" ? "Sign in" : "Đăng nhập");
    }
  });
});

describe("a client-side navigation", () => {
  it("brings the next page's namespaces before it renders, in the page's language", async () => {
    const page = await pages.signedIn("lanhdao");
    // After signing in: sign-in applies the language the account last chose (another test may have left it Vietnamese).
    await page.context().addCookies([{ name: "lang", value: btoa(JSON.stringify("en")), url: baseUrl() }]);
    // Search declares nothing beyond the shell; the task list and a task page declare areas of their own.
    await page.goto("/search", { waitUntil: "networkidle" });
    const fetched: string[] = [];
    page.on("request", (request) => fetched.push(new URL(request.url()).pathname));
    // Survives client-side navigations, not a document load.
    await page.evaluate(() => ((window as { sameDocument?: boolean }).sameDocument = true));

    await page.getByRole("navigation").getByRole("link", { name: "Tasks", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Tasks" }).waitFor();
    await page.locator("tbody tr a[href^='/tasks/']").first().click();
    await page.waitForURL(/\/tasks\/\d+$/);
    await page.getByRole("heading", { level: 1 }).waitFor();

    expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(fetched.filter((path) => /\/assets\/\w+\.vi-/.test(path))).toEqual([]);
    for (const namespace of ["common", "desk", "progress"]) {
      expect(
        fetched.some((path) => path.startsWith(`/assets/${namespace}.en-`)),
        namespace,
      ).toBe(true);
    }
  });
});
