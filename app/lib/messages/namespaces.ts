// The namespaces the catalogue is split into: `core` (the shell, core.vi.ts), `common`
// (words the areas share, common.vi.ts) and one per area (desk.vi.ts, …). The browser loads only
// those a page declares (catalogs.browser.ts); why: docs/decisions/033.
export const NAMESPACES = [
  "core",
  "common",
  "admin",
  "api",
  "attachments",
  "audit",
  "calendar",
  "committees",
  "dashboard",
  "desk",
  "duties",
  "fanout",
  "groups",
  "import",
  "input",
  "leadership",
  "performance",
  "progress",
  "published",
  "reminders",
  "report",
  "split",
] as const;

export type Namespace = (typeof NAMESPACES)[number];
