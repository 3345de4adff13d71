// Guards for loaders and actions. Every route calls one of these first:
// 401 → the login page, 403 with a reason, 404 for what the user may not see.
import { createCookie, redirect, type AppLoadContext, type Cookie } from "@remix-run/node";
import { hasPermission, type Permission } from "../domain/permissions";
import { KNOWN_FOR_MS } from "../domain/sign-in-locks";
import { recordAudit, recordRefusalOfHidden, originOf, type AuditEntry } from "../models/audit.server";
import { userForSessionToken, type SessionUser } from "../models/sessions.server";
import { getDb } from "../models/db.server";
import { data } from "@remix-run/node";
import { translator } from "../lib/i18n";
import { getLocale } from "../lib/locale.server";
import { noteRequestUser } from "../lib/logger.server";

export type { SessionUser };

/** The session cookie holds a random token; the database holds its hash. */
export const sessionCookie = createCookie("dt_session", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  secure: process.env.NODE_ENV === "production" && process.env.INSECURE_COOKIES !== "1",
});

/**
 * A browser's own random token, kept across sign-outs: the right password from a
 * browser the account signed in on before gets through sign-in locks that other
 * people's wrong guesses caused (app/domain/sign-in-locks.ts).
 */
export const deviceCookie = createCookie("dt_device", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  secure: process.env.NODE_ENV === "production" && process.env.INSECURE_COOKIES !== "1",
  maxAge: KNOWN_FOR_MS / 1000,
});

async function cookieToken(cookie: Cookie, request: Request): Promise<string | null> {
  const value: unknown = await cookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 && value.length < 200 ? value : null;
}

export function sessionToken(request: Request): Promise<string | null> {
  return cookieToken(sessionCookie, request);
}

export function deviceToken(request: Request): Promise<string | null> {
  return cookieToken(deviceCookie, request);
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  const token = await sessionToken(request);
  const user = token === null ? null : userForSessionToken(getDb(), token);
  if (user) noteRequestUser(user.id); // the access log's user id
  return user;
}

/** The signed-in user, or a redirect to the login page that comes back here afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (user) return user;
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  const headers = new Headers();
  // An ended or expired session leaves a stale cookie behind: clear it.
  if (request.headers.get("Cookie")?.includes("dt_session=")) {
    headers.append("Set-Cookie", await sessionCookie.serialize("", { maxAge: 0 }));
  }
  throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`, { headers });
}

/**
 * The signed-in user, who must hold `permission` (at some scope). A user who
 * lacks it gets a 403 with a translated reason, and the refusal is audited.
 */
export async function requirePermission(
  request: Request,
  context: AppLoadContext | undefined,
  permission: Permission,
): Promise<SessionUser> {
  const user = await requireUser(request);
  if (hasPermission(user, permission)) return user;
  return denyAccess(request, context, user, permission, 403);
}

/**
 * Refuses access and records the refusal. `404` for records the user may not see
 * (their existence must not leak), `403` for actions their role does not allow.
 * A 404's audit event is written just after the answer (`recordRefusalOfHidden`), so
 * that a hidden record costs what a missing one does.
 */
export async function denyAccess(
  request: Request,
  context: AppLoadContext | undefined,
  user: SessionUser,
  permission: Permission | string,
  status: 403 | 404,
  entity?: { type: string; id: string | number },
): Promise<never> {
  const entry = (): AuditEntry => {
    const url = new URL(request.url);
    return {
      actorId: user.id,
      action: "access.denied",
      entityType: entity?.type ?? "route",
      entityId: entity?.id ?? url.pathname,
      after: { permission, method: request.method, path: url.pathname, status },
      origin: originOf(request, context),
    };
  };
  if (status === 404) {
    recordRefusalOfHidden(getDb(), entry);
    throw data(null, { status: 404 });
  }
  recordAudit(getDb(), entry());
  const t = translator(await getLocale(request));
  throw data({ message: t("error.forbidden.body") }, { status: 403 });
}
