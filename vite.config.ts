/// <reference types="vitest/config" />
import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { build as esbuild } from "esbuild";
import { defineConfig, type Plugin } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

/**
 * The browser gets `messages/catalogs.browser.ts` where code imports
 * `./messages/catalogs`: each namespace of each language a chunk of its own, loaded
 * when a module that declares it runs (`await loadMessages("desk")`), instead of
 * every message of both languages (the server, tests and scripts keep the eager
 * module). The client build also writes down (`catalog-chunks.json`) where each
 * namespace's chunk went, so pages can ask for theirs with the page
 * (app/lib/catalog-preload.server.ts), and which namespaces each chunk of code
 * declares, for the bench's client-JS figures (tests/bench/client-js.ts).
 */
function browserCatalogs(): Plugin {
  const declared = new Map<string, string[]>();
  return {
    name: "browser-catalogs",
    enforce: "pre",
    async resolveId(source, importer, options) {
      if (options.ssr || !/\/messages\/catalogs$/.test(source)) return null;
      return this.resolve(`${source}.browser`, importer, { ...options, skipSelf: true });
    },
    transform(code, id) {
      const call = /\bloadMessages\(([^)]*)\)/.exec(code);
      if (call && !id.includes("/app/lib/messages/")) {
        declared.set(
          id.split("?")[0]!,
          [...call[1]!.matchAll(/"(\w+)"/g)].map((match) => match[1]!),
        );
      }
      return null;
    },
    generateBundle(options, bundle) {
      if (this.environment?.config.build.ssr) return;
      const chunks: Record<string, Record<string, string>> = {};
      const declaredBy: Record<string, string[]> = {};
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== "chunk") continue;
        const namespace = /\/app\/lib\/messages\/(\w+)\.(vi|en)\.ts$/.exec(chunk.facadeModuleId ?? "");
        if (namespace) (chunks[namespace[2]!] ??= {})[namespace[1]!] = `/${chunk.fileName}`;
        const namespaces = new Set(chunk.moduleIds.flatMap((id) => declared.get(id) ?? []));
        if (namespaces.size > 0) declaredBy[`/${chunk.fileName}`] = [...namespaces].sort();
      }
      if (Object.keys(chunks).length > 0) {
        this.emitFile({
          type: "asset",
          fileName: "catalog-chunks.json",
          source: JSON.stringify({ chunks, declaredBy }),
        });
      }
    },
  };
}

/**
 * After the Remix server build, the HTTP server's own entry (app/server/start.ts) is
 * compiled on its own to build/server/start.js, as the Epic Stack does: production runs
 * it with plain `node`, nothing transpiled at start. Packages stay imports of
 * node_modules; the app's modules are not bundled into it (it takes them from the
 * Remix build, app/entry.server.tsx's `serverRuntime`: docs/decisions/021), which a
 * check here keeps true.
 */
function compiledServerEntry(): Plugin {
  let ssr = false;
  return {
    name: "compiled-server-entry",
    apply: "build",
    configResolved(config) {
      ssr = Boolean(config.build.ssr);
    },
    async closeBundle() {
      if (!ssr) return;
      const result = await esbuild({
        entryPoints: ["app/server/start.ts"],
        outfile: "build/server/start.js",
        bundle: true,
        platform: "node",
        format: "esm",
        target: "node20",
        packages: "external",
        sourcemap: true,
        metafile: true,
        logLevel: "warning",
      });
      const bundled = Object.keys(result.metafile.inputs).filter(
        (file) => file !== "app/server/start.ts" && file !== "app/server/web-workers.ts",
      );
      if (bundled.length > 0) {
        throw new Error(
          `build/server/start.js must not bundle app modules (they load from the Remix build): ${bundled.join(", ")}`,
        );
      }
    },
  };
}

export default defineConfig({
  server: { port: 3000 },
  // Browsers with top-level await (2021 on): the root, routes and form-schemas.ts await
  // their messages as they load (app/lib/messages/catalogs.browser.ts, docs/decisions/033).
  build: { target: ["es2022", "chrome89", "edge89", "firefox89", "safari15"] },
  plugins: [
    browserCatalogs(),
    tailwindcss(),
    // Vitest runs plain modules; the Remix plugin is only for dev and build.
    !process.env.VITEST &&
      remix({
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_singleFetch: true,
          v3_lazyRouteDiscovery: true,
        },
      }),
    tsconfigPaths(),
    compiledServerEntry(),
  ],
  test: {
    setupFiles: ["tests/setup/fail-on-console-error.ts"],
    environment: "node",
    testTimeout: 30_000,
    // Passwords hashed at 2^10 rather than 2^15 (app/lib/password.server.ts): the same code, faster sign-ins.
    env: { SCRYPT_COST_LOG2: "10" },
    // `npm run test:unit`: the pure modules, no database; `npm test` runs both.
    projects: [
      { extends: true, test: { name: "unit", include: ["app/**/*.test.{ts,tsx}"] } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/setup/global-setup.ts"],
        },
      },
    ],
  },
});
