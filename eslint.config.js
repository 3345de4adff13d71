import js from "@eslint/js";
import boundaries from "eslint-plugin-boundaries";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/", "node_modules/", "data/", "coverage/", "db/migrations/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-control-regex": "off",
    },
  },
  {
    // The few plain-JavaScript modules run by node before anything is compiled (app/server/build-if-needed.mjs).
    files: ["**/*.mjs"],
    languageOptions: { globals: globals.node },
  },
  {
    files: ["app/**/*.tsx"],
    plugins: { react, "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    settings: { react: { version: "detect" } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs["jsx-runtime"].rules,
      "react/prop-types": "off",
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      ...jsxA11y.configs.recommended.rules,
    },
  },
  {
    // The layers (docs/development.md, "Layers"): the domain knows nothing outside itself; lib
    // is helpers that know no use case (the domain and lib only); models read and write the
    // database for the domain; server answers requests; components draw what they are given;
    // a route's folder is its own. Type-only imports count: a component that names a
    // model's type depends on the model.
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    plugins: { boundaries },
    settings: {
      "import/resolver": { typescript: { project: "./tsconfig.json" }, node: true },
      "boundaries/elements": [
        { type: "domain", pattern: "app/domain" },
        { type: "models", pattern: "app/models" },
        { type: "lib", pattern: "app/lib" },
        { type: "components", pattern: "app/components" },
        { type: "routes", pattern: "app/routes/*", capture: ["route"] },
        { type: "server", pattern: "app/server" },
        { type: "app", pattern: "app" },
        { type: "db", pattern: "db" },
      ],
    },
    rules: {
      "boundaries/dependencies": [
        "error",
        {
          default: "allow",
          policies: [
            {
              from: { element: { type: "domain" } },
              disallow: {
                to: { element: { types: { anyOf: ["models", "lib", "components", "routes", "server", "app", "db"] } } },
              },
            },
            {
              from: { element: { type: "models" } },
              disallow: { to: { element: { types: { anyOf: ["routes", "components", "server", "app"] } } } },
            },
            {
              from: { element: { type: "components" } },
              disallow: { to: { element: { types: { anyOf: ["models", "routes", "server", "db"] } } } },
            },
            {
              // A route's modules are its own: what two routes share lives in a model, lib or component.
              from: { element: { type: "routes" } },
              disallow: { to: { element: { type: "routes", captured: { route: "!{{ from.captured.route }}" } } } },
            },
            {
              // lib holds helpers that know no use case: they may use the domain and each
              // other, nothing that reads rows (models, db/), answers requests (server),
              // or draws (components, routes, root) — docs/decisions/037-lib-layer.md.
              from: { element: { type: "lib" } },
              disallow: {
                to: { element: { types: { anyOf: ["models", "server", "components", "routes", "app", "db"] } } },
              },
            },
            {
              from: { element: { types: { anyOf: ["server", "db"] } } },
              disallow: { to: { element: { types: { anyOf: ["routes", "components"] } } } },
            },
          ],
        },
      ],
    },
  },
  {
    // Raw SQL rows are checked, not asserted (docs/decisions/034): `db.all<T>()` and
    // `db.get<T>()` only tell the compiler what a row is, and a misspelt alias then
    // reads as undefined. Tests may still assert the rows they set up themselves.
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "CallExpression[typeArguments.params.length>0][callee.type='MemberExpression'][callee.property.name=/^(all|get)$/]",
          message:
            "A row type given to .all<T>()/.get<T>() is asserted, not checked: read raw SQL with allRows/firstRow of app/models/sql-rows.server.ts (or the query builder).",
        },
      ],
    },
  },
  {
    files: ["**/*.test.ts", "tests/**/*.ts"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
);
