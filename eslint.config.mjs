import nextVitals from "eslint-config-next/core-web-vitals";
import tseslint from "typescript-eslint";

/** Imports a layer may not make: `files` may not import what `patterns` match. */
const boundary = (files, message, patterns) => ({
  files,
  rules: { "no-restricted-imports": ["error", { patterns: [{ group: patterns, message }] }] },
});

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", "data/**", "next-env.d.ts", ".bench/**"] },
  // Next's own rules (React, hooks, accessibility, Core Web Vitals) for the app and its components
  ...nextVitals.map((c) => ({ ...c, files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"] })),
  {
    files: ["**/*.ts", "**/*.tsx"],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: false }],
      "@typescript-eslint/await-thenable": "error",
      // a promise in a string or an object spread is an un-awaited query
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true, allowBoolean: true, allowNullish: true, allowAny: true, allowNever: true, allowRegExp: true }],
      "@typescript-eslint/no-base-to-string": "error",
    },
  },
  // the layers (README, "Layout"): domain logic is pure; view models are plain types; components
  // take view models; pages, route handlers, auth and the CLI call use cases, which alone (with the
  // data layer) write SQL
  boundary(["lib/domain/**"], "lib/domain is pure logic: no database, server, framework or file system.", [
    "**/db/*",
    "**/server/*",
    "**/server/**",
    "**/auth/*",
    "**/views/*",
    "@/lib/db/*",
    "@/lib/server/*",
    "next",
    "next/*",
    "react",
    "react-dom",
    "pg",
    "node:fs",
    "node:child_process",
    "server-only",
  ]),
  boundary(["lib/views/**"], "lib/views holds view-model types: it may use the domain's types and nothing else.", [
    "**/db/*",
    "**/server/*",
    "**/server/**",
    "@/lib/db/*",
    "@/lib/server/*",
    "next",
    "next/*",
    "react",
  ]),
  boundary(["components/**"], "Components take view models (lib/views) and call server actions or the API, never use cases or the database.", [
    "@/lib/server/*",
    "@/lib/server/**",
    "@/lib/db/*",
    "**/lib/server/**",
    "**/lib/db/*",
  ]),
  boundary(["app/**", "lib/auth/**", "lib/cli/**", "lib/api/**"], "Pages, route handlers, auth and the CLI call use cases (lib/server); SQL lives in lib/db and the use cases.", [
    "@/lib/db/sql",
    "@/lib/db/columns",
    "@/lib/db/postgres-backend",
    "**/db/sql",
    "**/db/columns",
    "**/db/postgres-backend",
    "pg",
    "pg-copy-streams",
  ]),
);
