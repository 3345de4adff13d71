import { inArray } from "drizzle-orm";
import { settings } from "../../db/schema";
import { DEFAULT_STATUS_RULES, type StatusRules } from "../domain/status";
import type { AppDatabase } from "../lib/db.server";

const STATUS_RULE_KEYS = { dueSoonDays: "status.due_soon_days", staleAfterDays: "status.stale_after_days" } as const;

/** The status rules in force: stored settings over the defaults of DESIGN §4. */
export function getStatusRules(db: AppDatabase): StatusRules {
  const rows = db
    .select({ key: settings.key, value: settings.value })
    .from(settings)
    .where(inArray(settings.key, Object.values(STATUS_RULE_KEYS)))
    .all();
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const read = (key: keyof StatusRules) => {
    const value = stored.get(STATUS_RULE_KEYS[key]);
    return Number.isInteger(value) && (value as number) >= 0 ? (value as number) : DEFAULT_STATUS_RULES[key];
  };
  return { dueSoonDays: read("dueSoonDays"), staleAfterDays: read("staleAfterDays") };
}
