import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { departments, users } from "../../../db/schema";
import { ROLES } from "~/domain/vocabulary";
import type { AppDatabase } from "~/models/db.server";

export const PAGE_SIZE = 50;

const positiveInt = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number)
  .pipe(z.number().int().min(1));

/** The list's state, from the URL: search text, filters, page. */
export const userListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  role: z.enum(ROLES).optional(),
  status: z.enum(["active", "disabled"]).optional(),
  department: positiveInt.optional(),
  page: positiveInt.optional(),
});
export type UserListQuery = z.infer<typeof userListQuery>;

/** `LIKE` with the user's text taken literally (no wildcards of their own). */
function contains(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function listUsers(db: AppDatabase, query: UserListQuery) {
  const conditions: SQL[] = [];
  if (query.q) {
    const pattern = contains(query.q);
    conditions.push(
      sql`(lower(${users.login}) LIKE ${pattern} ESCAPE '\\' OR lower(${users.displayName}) LIKE ${pattern} ESCAPE '\\'
        OR lower(coalesce(${users.email}, '')) LIKE ${pattern} ESCAPE '\\')`,
    );
  }
  if (query.role) conditions.push(eq(users.role, query.role));
  if (query.status) conditions.push(eq(users.active, query.status === "active"));
  if (query.department !== undefined) conditions.push(eq(users.departmentId, query.department));
  const where = conditions.length > 0 ? and(...conditions) : undefined;

  const rowCount =
    db
      .select({ n: sql<number>`count(*)` })
      .from(users)
      .where(where)
      .get()?.n ?? 0;
  const pages = Math.max(1, Math.ceil(rowCount / PAGE_SIZE));
  const page = Math.min(query.page ?? 1, pages);
  const rows = db
    .select({
      id: users.id,
      login: users.login,
      displayName: users.displayName,
      role: users.role,
      active: users.active,
      departmentName: departments.name,
      lastSignInAt: sql<number | null>`(SELECT max(s.created_at) FROM sessions s WHERE s.user_id = ${users.id})`,
    })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(where)
    .orderBy(asc(users.login))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .all();
  return { rows, rowCount, page, pages };
}

export function departmentFilterOptions(db: AppDatabase) {
  return db
    .select({ id: departments.id, name: departments.name, kind: departments.kind })
    .from(departments)
    .where(sql`${departments.active} = 1 OR EXISTS (SELECT 1 FROM users u WHERE u.department_id = ${departments.id})`)
    .orderBy(asc(departments.kind), asc(departments.name))
    .all();
}
