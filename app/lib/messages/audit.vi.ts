// Vietnamese strings of the audit screens (merged into vi.ts).
export const auditVi = {} as const;
export type AuditMessageKey = keyof typeof auditVi;
