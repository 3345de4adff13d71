import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { departments, sessions, users } from "../../../db/schema";
import type { AppDatabase } from "~/models/db.server";
import { activeDepartmentOptions } from "~/models/departments.server";

/** One account as the administration page shows it (never its password hash). */
export function userForAdmin(db: AppDatabase, userId: number, now = Date.now()) {
  const user = db
    .select({
      id: users.id,
      login: users.login,
      displayName: users.displayName,
      email: users.email,
      role: users.role,
      departmentId: users.departmentId,
      departmentName: departments.name,
      departmentKind: departments.kind,
      departmentActive: departments.active,
      active: users.active,
      version: users.version,
      createdAt: users.createdAt,
      lastSignInAt: sql<number | null>`(SELECT max(s.created_at) FROM sessions s WHERE s.user_id = ${users.id})`,
    })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(eq(users.id, userId))
    .get();
  if (!user) return null;
  const liveSessions =
    db
      .select({ n: sql<number>`count(*)` })
      .from(sessions)
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
      .get()?.n ?? 0;
  return { ...user, liveSessions };
}

/** Active departments, plus the user's own if it is no longer active (so the form shows it). */
export function departmentChoices(db: AppDatabase, user: NonNullable<ReturnType<typeof userForAdmin>>) {
  const options = activeDepartmentOptions(db);
  if (user.departmentId !== null && user.departmentName !== null && user.departmentKind !== null) {
    if (!options.some((d) => d.id === user.departmentId)) {
      options.push({ id: user.departmentId, name: user.departmentName, code: "", kind: user.departmentKind });
    }
  }
  return options;
}
