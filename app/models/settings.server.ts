import { inArray } from "drizzle-orm";
import { settings } from "../../db/schema";
import { DEFAULT_STATUS_RULES, type StatusRules } from "../domain/status";
import type { AppDatabase } from "./db.server";

/** Every tunable value, its key in the `settings` table, and its default. */
export const SETTING_DEFAULTS = {
  "status.due_soon_days": DEFAULT_STATUS_RULES.dueSoonDays,
  "status.stale_after_days": DEFAULT_STATUS_RULES.staleAfterDays,
  /** A completion report waits for the secretariat's confirmation at most this many working days. */
  "status.confirmation_working_days": 3,
  /** A session unused this long ends (minutes). */
  "session.idle_minutes": 60,
  /** A session ends this long after sign-in, used or not (hours). */
  "session.absolute_hours": 12,
  /**
   * Wrong passwords allowed for one account from one address, and from one address
   * whatever the account, within the window; for one account from everywhere within a
   * day, before it backs off (app/domain/sign-in-locks.ts).
   */
  "login.max_failures_per_pair": 10,
  "login.max_failures_per_address": 50,
  "login.max_failures_per_account": 20,
  "login.failure_window_minutes": 15,
} as const;
export type SettingKey = keyof typeof SETTING_DEFAULTS;

/**
 * The smallest value each setting may take: a stored value below it falls back to
 * the default (a limit of 0 failed sign-ins would lock everyone out, the admin too).
 */
const SETTING_MINIMUMS: Record<SettingKey, number> = {
  "status.due_soon_days": 0,
  "status.stale_after_days": 1,
  "status.confirmation_working_days": 0,
  "session.idle_minutes": 1,
  "session.absolute_hours": 1,
  "login.max_failures_per_pair": 1,
  "login.max_failures_per_address": 1,
  "login.max_failures_per_account": 1,
  "login.failure_window_minutes": 1,
};

/** Integer settings: stored values over the defaults; a malformed or too small value falls back. */
export function getSettings<K extends SettingKey>(db: AppDatabase, keys: readonly K[]): Record<K, number> {
  const rows = db
    .select({ key: settings.key, value: settings.value })
    .from(settings)
    .where(inArray(settings.key, [...keys]))
    .all();
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  return Object.fromEntries(
    keys.map((key) => {
      const value = stored.get(key);
      const valid = Number.isInteger(value) && (value as number) >= SETTING_MINIMUMS[key];
      return [key, valid ? (value as number) : SETTING_DEFAULTS[key]];
    }),
  ) as Record<K, number>;
}

/** The status rules in force (docs/domain-rules.md §4). */
export function getStatusRules(db: AppDatabase): StatusRules {
  const values = getSettings(db, ["status.due_soon_days", "status.stale_after_days"]);
  return { dueSoonDays: values["status.due_soon_days"], staleAfterDays: values["status.stale_after_days"] };
}

/** How many working days a completion report may wait for the secretariat's confirmation. */
export function confirmationWorkingDays(db: AppDatabase): number {
  return getSettings(db, ["status.confirmation_working_days"])["status.confirmation_working_days"];
}
