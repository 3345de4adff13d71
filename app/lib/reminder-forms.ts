// The secretariat's reminder form on a task page (đôn đốc): one intent of the
// task page's action; its schema is in progress-schemas.ts. Client-safe, Zod-free.

export const REMINDER_INTENTS = ["remind"] as const;
export type ReminderIntent = (typeof REMINDER_INTENTS)[number];
