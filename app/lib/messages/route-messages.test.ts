// The browser holds only the namespaces a page declares (`loadMessages` in the root,
// each route module and form-schemas.ts; docs/decisions/033), so a key from an
// undeclared namespace would throw in the browser only. This walks each of those
// modules' static imports, as the client build follows them, finds every message key
// they name (a literal key, or a template's head such as `status.${…}` for all the
// keys it can make), and checks the declarations hold exactly the namespaces used.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NAMESPACE_CATALOGS } from "./catalogs";
import { NAMESPACES, type Namespace } from "./namespaces";

const APP = path.resolve(__dirname, "../..");

const namespaceOfKey = new Map<string, Namespace>();
for (const namespace of NAMESPACES) {
  for (const key of Object.keys(NAMESPACE_CATALOGS.vi[namespace])) namespaceOfKey.set(key, namespace);
}

function resolveImport(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("~/")) base = path.join(APP, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return null; // a package
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    if (/\.tsx?$/.test(candidate) && fs.existsSync(candidate)) return candidate;
  }
  return null; // an asset (`?url`, .css)
}

/** The modules a module imports for its values (`import type` is erased; `import()` is a chunk of its own). */
function staticImports(file: string, source: string): string[] {
  const specifiers: string[] = [];
  for (const match of source.matchAll(/^(?:import|export)\s+([^;]*?)\s*from\s+["']([^"']+)["']/gms)) {
    const clause = match[1]!;
    if (/^type\s/.test(clause)) continue;
    const named = /^\{([^}]*)\}$/.exec(clause);
    if (named && named[1]!.split(",").every((name) => name.trim() === "" || /^type\s/.test(name.trim()))) continue;
    specifiers.push(match[2]!);
  }
  for (const match of source.matchAll(/^import\s+["']([^"']+)["']/gm)) specifiers.push(match[1]!);
  return specifiers.map((specifier) => resolveImport(file, specifier)).filter((found) => found !== null);
}

/** The namespaces of the keys a source names. */
function namespacesNamedIn(source: string): Set<Namespace> {
  const used = new Set<Namespace>();
  for (const match of source.matchAll(/["'`]([a-zA-Z][\w.-]*)["'`]/g)) {
    const namespace = namespaceOfKey.get(match[1]!);
    if (namespace) used.add(namespace);
  }
  for (const match of source.matchAll(/`([a-zA-Z][\w.-]*\.)\$\{/g)) {
    for (const [key, namespace] of namespaceOfKey) if (key.startsWith(match[1]!)) used.add(namespace);
  }
  return used;
}

/**
 * Server modules never reach the browser (their keys are translated where they run),
 * nor do the schemas an action imports: the browser's validation loads them with
 * form-schemas.ts, which declares their namespaces itself (docs/decisions/016).
 */
function namespacesUsedBy(entry: string): Set<Namespace> {
  const used = new Set<Namespace>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (/\.server\.tsx?$/.test(file) || file.startsWith(path.join(APP, "lib/messages/"))) return;
    if (/-schemas?\.ts$/.test(file) && !/form-schemas\.ts$/.test(entry)) return;
    const source = fs.readFileSync(file, "utf8");
    for (const namespace of namespacesNamedIn(source)) used.add(namespace);
    for (const imported of staticImports(file, source)) visit(imported);
  };
  visit(entry);
  return used;
}

function declaredBy(file: string): Namespace[] {
  const call = /loadMessages\(([^)]*)\)/.exec(fs.readFileSync(file, "utf8"));
  return call ? [...call[1]!.matchAll(/"(\w+)"/g)].map((match) => match[1] as Namespace) : [];
}

function routeModules(): string[] {
  const routes = path.join(APP, "routes");
  return fs
    .readdirSync(routes)
    .map((name) =>
      fs.statSync(path.join(routes, name)).isDirectory()
        ? path.join(routes, name, "route.tsx")
        : path.join(routes, name),
    )
    .filter((file) => fs.existsSync(file) && file.endsWith(".tsx"));
}

const ROOT = path.join(APP, "root.tsx");
const shell = new Set(declaredBy(ROOT));

describe("the namespaces each page declares", () => {
  it("the shell (root) declares every namespace it uses", () => {
    expect([...namespacesUsedBy(ROOT)].filter((namespace) => !shell.has(namespace))).toEqual([]);
  });

  it.each([...routeModules(), path.join(APP, "lib/form-schemas.ts")].map((file) => [path.relative(APP, file), file]))(
    "%s declares exactly the namespaces it uses beyond the shell's",
    (_, file) => {
      const used = [...namespacesUsedBy(file)].filter((namespace) => !shell.has(namespace)).sort();
      expect(declaredBy(file).sort()).toEqual(used);
    },
  );
});
