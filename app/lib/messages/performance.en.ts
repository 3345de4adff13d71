// English strings of the performance work (docs/decisions/014), merged into en.ts.
import type { performanceVi } from "./performance.vi";

export const performanceEn = {
  "dashboard.directivesNewest": "The {count} newest directives within this scope.",
  "dashboard.directivesAll": "See all directives",
} satisfies Record<keyof typeof performanceVi, string>;
