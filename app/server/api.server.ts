// The JSON API's HTTP layer (docs/decisions/013): bearer-token authentication, the
// acting user's permission, query-string parsing, pagination links and JSON errors
// in the client's language. Every endpoint under /api/v1 is `apiEndpoint(...)`:
// the handler gets an authenticated call and returns plain data; everything it or
// the screen functions it reuses throw becomes `{ "error": { code, message } }`.
//
// Only the `Authorization` header authenticates: a session cookie is never read
// here, and the HTML pages never read the header, so neither works on the other.
import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import type { z } from "zod";
import type { LocalDate } from "../domain/dates";
import { hasPermission, type Actor, type Permission } from "../domain/permissions";
import { originOf, recordAudit, recordRefusalOfHidden, type AuditEntry } from "../models/audit.server";
import { authenticateApiToken, type ApiAuthFailure, type ApiClient } from "../models/api-tokens.server";
import { filterTargetExists, type DashboardFilterKey } from "../models/dashboard.server";
import { apiParams, type ApiParams, type ApiQuerySchema } from "../lib/api-query.server";
import { apiRequestsPerMinute, hitRateLimit } from "../lib/api-rate-limit.server";
import { getDb, type AppDatabase } from "../models/db.server";
import { negotiateApiLocale } from "../lib/api-protocol";
import { translator, type Locale, type MessageKey, type Translate } from "../lib/i18n";
import { logger, noteRequestUser } from "../lib/logger.server";
import { queryValues } from "../lib/query-schemas";

export const API_BASE = "/api/v1";

/** A refusal with its HTTP status, stable code and translated message. */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 429 | 500,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface ApiCall {
  request: Request;
  url: URL;
  params: LoaderFunctionArgs["params"];
  context: AppLoadContext;
  db: AppDatabase;
  locale: Locale;
  t: Translate;
  client: ApiClient;
  /** The user the token acts as: every rule of the screens applies to them. */
  actor: Actor;
}

// ---------------------------------------------------------------- responses

export function apiJson(body: unknown, status: number, locale: Locale, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      // Answers depend on the token and change with every event: never stored by a cache.
      "Cache-Control": "no-store",
      "Content-Language": locale,
      ...headers,
    },
  });
}

export function apiErrorResponse(error: ApiError, locale: Locale): Response {
  return apiJson({ error: { code: error.code, message: error.message } }, error.status, locale, error.headers);
}

/** A Remix `data()` result (thrown by the guards and helpers the screens use). */
function isDataWithResponseInit(value: unknown): value is { data: unknown; init: ResponseInit | null } {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit";
}

/** Whatever a handler threw, as an API error; anything unexpected is logged and answered with a 500. */
async function asApiError(thrown: unknown, t: Translate): Promise<ApiError> {
  if (thrown instanceof ApiError) return thrown;
  let status: number | undefined;
  let message: string | undefined;
  if (isDataWithResponseInit(thrown)) {
    status = thrown.init?.status ?? 200;
    const payload = thrown.data as { message?: unknown } | null;
    if (typeof payload?.message === "string") message = payload.message;
  } else if (thrown instanceof Response) {
    status = thrown.status;
    const text = await thrown.text().catch(() => "");
    try {
      const payload = JSON.parse(text) as { message?: unknown } | null;
      if (typeof payload?.message === "string") message = payload.message;
    } catch {
      // Not JSON: the status says enough.
    }
  }
  if (status === 400) return new ApiError(400, "bad_request", message ?? t("api.error.bad_request"));
  if (status === 403) return new ApiError(403, "forbidden", t("api.error.forbidden"));
  if (status === 404) return new ApiError(404, "not_found", t("api.error.not_found"));
  logger.error({ err: thrown }, "Unexpected error in the JSON API");
  return new ApiError(500, "internal_error", t("api.error.internal"));
}

// ---------------------------------------------------------------- language

/** `?lang=` first, then `Accept-Language`, then Vietnamese (app/lib/api-protocol.ts). */
export function negotiateLocale(request: Request, url: URL): { locale: Locale; invalidLang: string | null } {
  return negotiateApiLocale(request.headers.get("Accept-Language"), url.searchParams.get("lang"));
}

// ---------------------------------------------------------------- authentication

const FAILURE: Record<ApiAuthFailure, { code: string; message: MessageKey }> = {
  invalid: { code: "invalid_token", message: "api.error.invalid_token" },
  revoked: { code: "token_revoked", message: "api.error.token_revoked" },
  expired: { code: "token_expired", message: "api.error.token_expired" },
  user_disabled: { code: "account_disabled", message: "api.error.account_disabled" },
};

/** The client behind `Authorization: Bearer <token>`, or a 401 that says how to authenticate (RFC 6750). */
export function authenticate(request: Request, db: AppDatabase, t: Translate): ApiClient {
  const header = request.headers.get("Authorization");
  if (header === null || header.trim() === "") {
    throw new ApiError(401, "missing_token", t("api.error.missing_token"), {
      "WWW-Authenticate": 'Bearer realm="api"',
    });
  }
  const match = /^Bearer +([^\s]+) *$/i.exec(header);
  const result = match ? authenticateApiToken(db, match[1]!) : ({ ok: false, reason: "invalid" } as const);
  if (!result.ok) {
    const failure = FAILURE[result.reason];
    throw new ApiError(401, failure.code, t(failure.message), {
      "WWW-Authenticate": 'Bearer realm="api", error="invalid_token"',
    });
  }
  noteRequestUser(result.client.user.id);
  return result.client;
}

async function rateLimit(client: ApiClient, t: Translate): Promise<void> {
  const limit = apiRequestsPerMinute();
  const decision = await hitRateLimit(client.tokenId, limit);
  if (!decision.ok) {
    throw new ApiError(
      429,
      "rate_limited",
      t("api.error.rate_limited", { limit, seconds: decision.retryAfterSeconds }),
      { "Retry-After": String(decision.retryAfterSeconds) },
    );
  }
}

/**
 * Refuses and records the refusal, as the screens do (`access.denied`): 404 for a
 * record the acting user may not see (its existence must not leak), 403 for a
 * permission their role lacks.
 */
export function apiDeny(
  call: Pick<ApiCall, "request" | "context" | "url" | "client" | "t">,
  permission: Permission,
  status: 403 | 404,
  entity?: { type: string; id: number },
): never {
  const entry = (): AuditEntry => ({
    actorId: call.client.user.id,
    action: "access.denied",
    entityType: entity?.type ?? "route",
    entityId: entity?.id ?? call.url.pathname,
    after: {
      permission,
      method: call.request.method,
      path: call.url.pathname,
      status,
      apiTokenId: call.client.tokenId,
    },
    origin: originOf(call.request, call.context),
  });
  if (status === 404) {
    // After the answer, as on the screens: a hidden record must cost what a missing one does.
    recordRefusalOfHidden(getDb(), entry);
    throw new ApiError(404, "not_found", call.t("api.error.not_found"));
  }
  recordAudit(getDb(), entry());
  throw new ApiError(403, "forbidden", call.t("api.error.forbidden"));
}

export function notFoundError(t: Translate): ApiError {
  return new ApiError(404, "not_found", t("api.error.not_found"));
}

// ---------------------------------------------------------------- the endpoint wrapper

interface EndpointOptions<S extends ApiQuerySchema> {
  /** What the acting user must hold (at any scope); records are checked by the handler. */
  permission: Permission;
  /**
   * The query string the endpoint reads, built of the API's blocks (app/lib/api-query.server.ts):
   * its names are the parameters allowed (`lang` always is); any other, or one given twice, is a 400.
   */
  query: (params: ApiParams) => S;
  /**
   * Parameters naming a committee, department or directive, checked in this order the way
   * the dashboards check their filters: an unknown id, or a directive the acting user may
   * not see, is a 404 that names the parameter.
   */
  known?: { [K in keyof z.output<S>]?: DashboardFilterKey };
}

/** A GET endpoint of the API: authenticate, check the permission, read the query string, answer JSON. */
export function apiEndpoint<S extends ApiQuerySchema>(
  options: EndpointOptions<S>,
  handler: (call: ApiCall, query: z.output<S>) => unknown,
) {
  return async ({ request, params, context }: LoaderFunctionArgs): Promise<Response> => {
    const url = new URL(request.url);
    const { locale, invalidLang } = negotiateLocale(request, url);
    const t = translator(locale);
    try {
      const db = getDb();
      const client = authenticate(request, db, t);
      await rateLimit(client, t);
      const call: ApiCall = {
        request,
        url,
        params,
        context,
        db,
        locale,
        t,
        client,
        actor: client.user,
      };
      if (!hasPermission(client.user, options.permission)) apiDeny(call, options.permission, 403);
      if (invalidLang !== null)
        throw new ApiError(400, "invalid_parameter", t("api.error.invalid_lang", { value: invalidLang }));
      const schema = options.query(apiParams(t));
      const names = Object.keys(schema.shape);
      checkQueryNames(call, [...names, "lang"]);
      const parsed = schema.safeParse(queryValues(url.searchParams, names));
      if (!parsed.success) throw new ApiError(400, "invalid_parameter", parsed.error.issues[0]!.message);
      const query: z.output<S> = parsed.data;
      for (const [name, kind] of Object.entries(options.known ?? {}) as [string, DashboardFilterKey][]) {
        const id = (query as Record<string, unknown>)[name];
        if (typeof id === "number" && !filterTargetExists(db, call.actor, kind, id)) {
          throw new ApiError(404, `unknown_${kind}`, t(UNKNOWN_FILTER[kind], { id, name }));
        }
      }
      return apiJson(await handler(call, query), 200, locale);
    } catch (thrown) {
      return apiErrorResponse(await asApiError(thrown, t), locale);
    }
  };
}

// ---------------------------------------------------------------- query parameters

function checkQueryNames(call: ApiCall, allowed: readonly string[]): void {
  const seen = new Set<string>();
  for (const name of call.url.searchParams.keys()) {
    if (!allowed.includes(name)) {
      throw new ApiError(
        400,
        "unknown_parameter",
        call.t("api.error.unknown_parameter", { name: name.slice(0, 40), allowed: allowed.join(", ") }),
      );
    }
    if (seen.has(name)) {
      throw new ApiError(400, "invalid_parameter", call.t("api.error.repeated_parameter", { name }));
    }
    seen.add(name);
  }
}

const UNKNOWN_FILTER: Record<DashboardFilterKey, MessageKey> = {
  committee: "api.error.unknown_committee",
  department: "api.error.unknown_department",
  directive: "api.error.unknown_directive",
};

/** The record id in the path (`/api/v1/tasks/:id`); anything but a positive whole number is a 404. */
export function recordIdParam(call: ApiCall, name = "id"): number {
  const value = call.params[name] ?? "";
  if (!/^\d{1,15}$/.test(value) || Number(value) < 1) throw notFoundError(call.t);
  return Number(value);
}

// ---------------------------------------------------------------- pagination

export interface Page {
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  /** The next and previous pages (path and query, relative to this server); null at the ends. */
  next: string | null;
  prev: string | null;
}

/**
 * The pagination envelope. Links keep every parameter of the request and pin
 * `asOf`, so that following them past midnight does not change the day counted.
 * A page past the last one is empty; its `prev` leads to the last page.
 */
export function pageOf(call: ApiCall, total: number, page: number, pageSize: number, asOf?: LocalDate): Page {
  const pages = Math.ceil(total / pageSize);
  const link = (target: number) => {
    const params = new URLSearchParams(call.url.searchParams);
    if (asOf !== undefined) params.set("asOf", asOf);
    params.set("page", String(target));
    params.set("pageSize", String(pageSize));
    return `${call.url.pathname}?${params.toString()}`;
  };
  return {
    total,
    page,
    pageSize,
    pages,
    next: page < pages ? link(page + 1) : null,
    prev: page <= 1 || pages === 0 ? null : link(Math.min(page - 1, pages)),
  };
}
