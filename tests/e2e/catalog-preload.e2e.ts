// Every page asks for its language's catalogue with the page (a modulepreload in
// <head>), not after the entry script has run: the entry waits for the catalogue
// before React hydrates, so this is time the page does not answer clicks
// (app/lib/catalog-preload.server.ts, vite.config.ts `browserCatalogs`).
import { describe, expect, it } from "vitest";
import { baseUrl } from "./browser";

async function preloads(language?: "vi" | "en"): Promise<string[]> {
  // The language cookie is a plain value (app/lib/locale.server.ts).
  const headers: Record<string, string> = language ? { Cookie: `lang=${btoa(JSON.stringify(language))}` } : {};
  const response = await fetch(`${baseUrl()}/login`, { headers });
  expect(response.status).toBe(200);
  const html = await response.text();
  const head = html.slice(0, html.indexOf("</head>"));
  return [...head.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((m) => m[1]!);
}

describe("the language catalogue", () => {
  it("is preloaded with the page, in the page's language, from a chunk the server has", async () => {
    for (const [language, chunk] of [
      [undefined, /^\/assets\/vi-[\w-]+\.js$/],
      ["vi", /^\/assets\/vi-[\w-]+\.js$/],
      ["en", /^\/assets\/en-[\w-]+\.js$/],
    ] as const) {
      const hrefs = (await preloads(language)).filter((href) => /\/assets\/(vi|en)-/.test(href));
      expect(hrefs, language ?? "default").toHaveLength(1);
      expect(hrefs[0]).toMatch(chunk);
      const script = await fetch(`${baseUrl()}${hrefs[0]}`);
      expect(script.status).toBe(200);
      expect(script.headers.get("content-type")).toMatch(/javascript/);
      expect(await script.text()).toContain(language === "en" ? "Sign in" : "Đăng nhập");
    }
  });
});
