// API tokens (docs/decisions/013): an administrator issues a token that acts as one
// user — the JSON API then sees exactly what that user sees — and revokes it. The
// database keeps only the SHA-256 of the secret (like sessions), so a copy of the
// table cannot be replayed; the secret is shown once, when it is issued, and never
// written to the audit log. Every change is one transaction with its audit event.
import crypto from "node:crypto";
import { desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import { apiTokens, departments, users } from "../../db/schema";
import { API_TOKEN_NAME_MAX, API_TOKEN_PATTERN, API_TOKEN_PREFIX, tokenState } from "../domain/api-tokens";
import { endOfLocalDay, parseLocalDate, today, type Instant } from "../domain/dates";
import type { Actor } from "../domain/permissions";
import type { Role } from "../domain/vocabulary";
import { writeTransaction, type AppDatabase } from "./db.server";
import { recordAudit, type RequestOrigin } from "./audit.server";
import { hashToken } from "./sessions.server";
import { firstRow } from "./sql-rows.server";

/** The characters of the secret kept in clear to tell tokens apart on screen: `dtk_` + 8. */
const DISPLAY_PREFIX_LENGTH = API_TOKEN_PREFIX.length + 8;
/** `last_used_at` is written at most this often per token: a busy client costs no write per request. */
export const LAST_USED_RESOLUTION = 60_000;

export type ApiTokenErrorCode = "invalid" | "not_found" | "user_unknown" | "user_disabled" | "expiry_past";

export type ApiTokenResult<T extends object = object> =
  ({ ok: true } & T) | { ok: false; code: ApiTokenErrorCode; field?: "name" | "userId" | "expiresOn" };

export function newApiTokenSecret(): string {
  return API_TOKEN_PREFIX + crypto.randomBytes(32).toString("base64url");
}

const issueInput = z.object({
  name: z.string().trim().min(1).max(API_TOKEN_NAME_MAX),
  userId: z.number().int().positive(),
  expiresOn: z
    .string()
    .refine((value) => parseLocalDate(value) === value)
    .nullable(),
});
export type IssueApiTokenInput = z.input<typeof issueInput>;

/**
 * Issues a token acting as `userId` (an active user), valid until the end of
 * `expiresOn` in Hanoi (or until revoked). Returns the secret: the only time it exists.
 */
export function issueApiToken(
  db: AppDatabase,
  actor: Actor,
  input: IssueApiTokenInput,
  origin: RequestOrigin,
  now: Instant = Date.now(),
): ApiTokenResult<{ tokenId: number; secret: string; prefix: string; expiresAt: Instant | null }> {
  const parsed = issueInput.safeParse(input);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0];
    return { ok: false, code: "invalid", field: field === "userId" || field === "expiresOn" ? field : "name" };
  }
  const { name, userId, expiresOn } = parsed.data;
  if (expiresOn !== null && expiresOn < today(now)) return { ok: false, code: "expiry_past", field: "expiresOn" };
  const expiresAt = expiresOn === null ? null : endOfLocalDay(expiresOn);
  const secret = newApiTokenSecret();
  const prefix = secret.slice(0, DISPLAY_PREFIX_LENGTH);

  return writeTransaction(db, (tx) => {
    const user = tx
      .select({ id: users.id, login: users.login, role: users.role, active: users.active })
      .from(users)
      .where(eq(users.id, userId))
      .get();
    if (!user) return { ok: false, code: "user_unknown", field: "userId" } as const;
    if (!user.active) return { ok: false, code: "user_disabled", field: "userId" } as const;
    const { id } = tx
      .insert(apiTokens)
      .values({
        name,
        userId,
        tokenHash: hashToken(secret),
        tokenPrefix: prefix,
        createdBy: actor.id,
        createdAt: now,
        expiresAt,
      })
      .returning({ id: apiTokens.id })
      .get();
    recordAudit(tx, {
      actorId: actor.id,
      action: "api_token.issue",
      entityType: "api_token",
      entityId: id,
      // Never the secret, nor its hash.
      after: { name, userId, userLogin: user.login, userRole: user.role, tokenPrefix: prefix, expiresAt },
      origin,
      at: now,
    });
    return { ok: true, tokenId: id, secret, prefix, expiresAt } as const;
  });
}

/** Revokes a token for good; revoking it again changes nothing. */
export function revokeApiToken(
  db: AppDatabase,
  actor: Actor,
  input: { tokenId: number },
  origin: RequestOrigin,
  now: Instant = Date.now(),
): ApiTokenResult<{ changed: boolean }> {
  return writeTransaction(db, (tx) => {
    const token = tx
      .select({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.tokenPrefix, revokedAt: apiTokens.revokedAt })
      .from(apiTokens)
      .where(eq(apiTokens.id, input.tokenId))
      .get();
    if (!token) return { ok: false, code: "not_found" } as const;
    if (token.revokedAt !== null) return { ok: true, changed: false } as const;
    tx.update(apiTokens).set({ revokedAt: now, revokedBy: actor.id }).where(eq(apiTokens.id, token.id)).run();
    recordAudit(tx, {
      actorId: actor.id,
      action: "api_token.revoke",
      entityType: "api_token",
      entityId: token.id,
      before: { revokedAt: null },
      after: { name: token.name, tokenPrefix: token.prefix, revokedAt: now },
      origin,
      at: now,
    });
    return { ok: true, changed: true } as const;
  });
}

// ---------------------------------------------------------------- authentication

/** The user a token acts as, as the permission rules see them. */
export interface ApiClient {
  tokenId: number;
  tokenName: string;
  user: Actor & { login: string; displayName: string; departmentName: string | null };
}

export type ApiAuthFailure = "invalid" | "revoked" | "expired" | "user_disabled";

/**
 * The client behind a presented secret. A secret of the wrong shape is not looked
 * up at all. Records the use at most once a minute (LAST_USED_RESOLUTION).
 */
export function authenticateApiToken(
  db: AppDatabase,
  secret: string,
  now: Instant = Date.now(),
): { ok: true; client: ApiClient } | { ok: false; reason: ApiAuthFailure } {
  if (!API_TOKEN_PATTERN.test(secret)) return { ok: false, reason: "invalid" };
  const row = db
    .select({
      tokenId: apiTokens.id,
      tokenName: apiTokens.name,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      lastUsedAt: apiTokens.lastUsedAt,
      id: users.id,
      login: users.login,
      displayName: users.displayName,
      role: users.role,
      active: users.active,
      departmentId: users.departmentId,
      departmentName: departments.name,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(eq(apiTokens.tokenHash, hashToken(secret)))
    .get();
  if (!row) return { ok: false, reason: "invalid" };
  if (row.revokedAt !== null) return { ok: false, reason: "revoked" };
  if (row.expiresAt !== null && row.expiresAt <= now) return { ok: false, reason: "expired" };
  if (!row.active) return { ok: false, reason: "user_disabled" };
  if (row.lastUsedAt === null || now - row.lastUsedAt >= LAST_USED_RESOLUTION) {
    db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId)).run();
  }
  return {
    ok: true,
    client: {
      tokenId: row.tokenId,
      tokenName: row.tokenName,
      user: {
        id: row.id,
        role: row.role,
        departmentId: row.departmentId,
        login: row.login,
        displayName: row.displayName,
        departmentName: row.departmentName,
      },
    },
  };
}

// ---------------------------------------------------------------- administration screens

export const API_TOKEN_PAGE_SIZE = 50;

function tokenSelection() {
  const creator = alias(users, "creator");
  const revoker = alias(users, "revoker");
  return {
    creator,
    revoker,
    columns: {
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.tokenPrefix,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
      userId: users.id,
      userLogin: users.login,
      userName: users.displayName,
      userRole: sql<Role>`${users.role}`,
      userActive: users.active,
      userDepartment: departments.name,
      createdByName: creator.displayName,
      revokedByName: revoker.displayName,
    },
  };
}

/** Every token, newest first, one page at a time. */
export function listApiTokens(db: AppDatabase, page: number, now: Instant = Date.now()) {
  const rowCount = firstRow(db, { n: "integer" }, sql`SELECT count(*) AS n FROM api_tokens`)?.n ?? 0;
  const pages = Math.max(1, Math.ceil(rowCount / API_TOKEN_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const { creator, revoker, columns } = tokenSelection();
  const rows = db
    .select(columns)
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .leftJoin(creator, eq(creator.id, apiTokens.createdBy))
    .leftJoin(revoker, eq(revoker.id, apiTokens.revokedBy))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
    .limit(API_TOKEN_PAGE_SIZE)
    .offset((current - 1) * API_TOKEN_PAGE_SIZE)
    .all()
    .map((row) => ({ ...row, state: tokenState(row, now) }));
  return { rows, rowCount, page: current, pages };
}

/** One token for its administration page; null if there is none. */
export function apiTokenForAdmin(db: AppDatabase, tokenId: number, now: Instant = Date.now()) {
  const { creator, revoker, columns } = tokenSelection();
  const row = db
    .select(columns)
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .leftJoin(creator, eq(creator.id, apiTokens.createdBy))
    .leftJoin(revoker, eq(revoker.id, apiTokens.revokedBy))
    .where(eq(apiTokens.id, tokenId))
    .get();
  return row ? { ...row, state: tokenState(row, now) } : null;
}

/** The accounts a token may act as: every active user, by login. */
export function tokenUserChoices(db: AppDatabase) {
  return db
    .select({
      id: users.id,
      login: users.login,
      displayName: users.displayName,
      role: users.role,
      departmentName: departments.name,
    })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(eq(users.active, true))
    .orderBy(users.login)
    .all();
}
