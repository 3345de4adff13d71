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
 * `./messages/catalogs`: one language's catalogue, loaded on demand, instead of
 * all of them (the server, tests and scripts keep the eager module). The client
 * build also writes where each catalogue's chunk went (`catalog-chunks.json`), so
 * pages can ask for theirs with the page (app/lib/catalog-preload.server.ts).
 */
function browserCatalogs(): Plugin {
  return {
    name: "browser-catalogs",
    enforce: "pre",
    async resolveId(source, importer, options) {
      if (options.ssr || !/\/messages\/catalogs$/.test(source)) return null;
      return this.resolve(`${source}.browser`, importer, { ...options, skipSelf: true });
    },
    generateBundle(options, bundle) {
      if (this.environment?.config.build.ssr) return;
      const chunks: Record<string, string> = {};
      for (const chunk of Object.values(bundle)) {
        const locale =
          chunk.type === "chunk" && /\/app\/lib\/messages\/(vi|en)\.ts$/.exec(chunk.facadeModuleId ?? "")?.[1];
        if (chunk.type === "chunk" && locale) chunks[locale] = `/${chunk.fileName}`;
      }
      if (Object.keys(chunks).length > 0) {
        this.emitFile({ type: "asset", fileName: "catalog-chunks.json", source: JSON.stringify(chunks) });
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
