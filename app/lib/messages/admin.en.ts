import type { AdminMessageKey } from "./admin.vi";

// English strings of the admin screens: every key of admin.vi.ts.
export const adminEn: Record<AdminMessageKey, string> = {};
