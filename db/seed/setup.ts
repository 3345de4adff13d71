// First-start set-up shared by `npm start` and `npm run db:seed`.
import { asc, count, eq } from "drizzle-orm";
import { auditEvents, departments, users } from "../schema";
import type { AppDatabase } from "../../app/models/db.server";
import { verifyPassword } from "../../app/lib/password.server";
import { DEMO_PASSWORD, loadDemoData } from "./demo";

/** Loads the demo data if (and only if) the database is empty. */
export async function ensureDemoData(db: AppDatabase): Promise<boolean> {
  const [{ n }] = db.select({ n: count() }).from(departments).all() as [{ n: number }];
  if (n > 0) return false;
  console.log("Empty database: loading the Hanoi demo data…");
  await loadDemoData(db);
  return true;
}

/** Prints the demo accounts that still accept the demo password (none in a real deployment). */
export async function printDemoLogins(db: AppDatabase): Promise<void> {
  const isDemo = db.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.action, "demo.load")).get();
  if (!isDemo) return;
  const accounts = db
    .select({
      login: users.login,
      role: users.role,
      displayName: users.displayName,
      department: departments.name,
      hash: users.passwordHash,
    })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(eq(users.active, true))
    .orderBy(asc(users.id))
    .all();
  const usable = [];
  for (const account of accounts) if (await verifyPassword(DEMO_PASSWORD, account.hash)) usable.push(account);
  if (usable.length === 0) return;
  console.log(`\nDemo logins (password for all: ${DEMO_PASSWORD})`);
  console.table(
    usable.map(({ login, role, displayName, department }) => ({
      login,
      role,
      name: displayName,
      department: department ?? "",
    })),
  );
}
