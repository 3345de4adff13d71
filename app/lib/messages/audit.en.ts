import type { AuditMessageKey } from "./audit.vi";

// English strings of the audit screens: every key of audit.vi.ts.
export const auditEn: Record<AuditMessageKey, string> = {};
