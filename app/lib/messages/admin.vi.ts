// Vietnamese strings of the admin screens (merged into vi.ts).
export const adminVi = {} as const;
export type AdminMessageKey = keyof typeof adminVi;
