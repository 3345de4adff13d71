// The machinery of the hostile-input tests (tests/integration/hostile-input.test.ts):
// hostile values, a description of each form the app posts (hostile-forms.ts),
// mutations that are certain to make a form invalid, the encodings a crafted
// request may use, and what the database must look like afterwards.
import crypto from "node:crypto";
import fc from "fast-check";
import type { AppDatabase } from "../../app/models/db.server";
import { en } from "../../app/lib/messages/en";
import { vi } from "../../app/lib/messages/vi";

// ---------------------------------------------------------------- hostile values

/** Classic payloads: SQL and HTML metacharacters, template and prototype tricks, odd numbers, odd Unicode. */
export const ATTACKS = [
  "'; DROP TABLE tasks;--",
  "' OR '1'='1",
  "1; DELETE FROM users WHERE 1=1",
  '" OR ""="',
  "%' --",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "<svg onload=alert(1)>",
  "</textarea><script>alert(1)</script>",
  "javascript:alert(1)",
  "{{constructor.constructor('alert(1)')()}}",
  "${7*7}",
  "\u0000",
  "a\u0000b",
  "\u0007\u0008\u001b[31m",
  "\r\n\r\nSet-Cookie: x=1",
  "\u202e\u0041\u202d",
  "\ud800",
  "x\udc00y",
  "\ufeff\ufffe\uffff",
  "🙂‍↔️",
  "Đào tạo số hoá — Sở TT&TT",
  "__proto__",
  "constructor",
  "toString",
  "NaN",
  "Infinity",
  "-0",
  "1e309",
  "0x10",
  "   ",
  "",
] as const;

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

/** Any short hostile text: a payload, control characters, any code point, lone surrogates, or a mix. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...ATTACKS),
  fc.string({ unit: "binary-ascii", maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc
    .array(fc.oneof(fc.constantFrom(...ATTACKS), loneSurrogate, fc.string()), { minLength: 2, maxLength: 4 })
    .map((parts) => parts.join("")),
);

/**
 * What a text becomes on the way in: UTF-8 cannot carry a lone surrogate, so it
 * arrives as U+FFFD; and so does NUL (app/lib/form-data.server.ts).
 */
export function wellFormed(text: string): string {
  return text
    .replaceAll("\u0000", "\ufffd")
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

/** Hostile text that is still acceptable where any text is: not blank, within `max`. */
export function hostileFilledText(max: number): fc.Arbitrary<string> {
  return hostileText.map((text) => `x${text}x`.slice(0, max));
}

/** A string longer than `max`: just over it, well over it, or a megabyte. */
export function tooLong(max: number): fc.Arbitrary<string> {
  return fc
    .oneof(
      { arbitrary: fc.integer({ min: max + 1, max: max + 50 }), weight: 6 },
      { arbitrary: fc.integer({ min: max * 2 + 1, max: max * 4 + 2 }), weight: 3 },
      { arbitrary: fc.constant(1_000_000 + max), weight: 1 },
    )
    .chain((length) => fc.constantFrom("x", "<", "'", "Đ", "\u0000").map((unit) => unit.repeat(length)));
}

/** Ids that are not positive integers. */
export const NOT_AN_ID = ["abc", "-1", "0", "-0", "1.5", "NaN", "Infinity", "1e999", "1;DROP TABLE tasks", "' OR 1=1"];
/** Well-formed ids that no record has. */
export const UNKNOWN_IDS = ["999999", "2147483647", "9007199254740991"];
/** Days that are not days, or not in the dd/mm/yyyy form. */
export const NOT_A_DAY = [
  "31/02/2024",
  "29/02/2023",
  "2024-13-01",
  "2024-02-30",
  "32/01/2024",
  "00/01/2024",
  "15/00/2024",
  "abc",
  "31/12/99999",
  // Real days outside the accepted ones (app/domain/dates.ts): the year 9999 was a 500.
  "31/12/9999",
  "01/01/1000",
  "31/12/1989",
  "01/01/2101",
  "1/1/1",
  "2024/01/01",
  "01-01-2024",
  "'; DROP TABLE tasks;--",
  "<script>alert(1)</script>",
];
/** Percentages outside 0–100, or not whole numbers. */
export const NOT_A_PERCENT = ["-1", "101", "1000000", "100.5", "-0.5", "abc", "NaN", "Infinity", "1e309"];

// ---------------------------------------------------------------- forms

/** One field of a form, its valid value, and what the server checks about it. */
export type FieldSpec =
  /**
   * Free text; `max` characters at most (after trimming); `required`: not blank;
   * `pattern`: a restricted alphabet (codes, logins); `unique`: values already taken
   * (any case); `transient`: checked but not stored (the pasted text of a split).
   */
  | {
      kind: "text";
      value: string;
      max: number;
      required?: boolean;
      pattern?: boolean;
      unique?: string[];
      transient?: boolean;
    }
  /** A password: `min`–`max` characters, not trimmed. */
  | { kind: "password"; value: string; min: number; max: number }
  /** A record id; `ref`: a well-formed id of no record is refused by the model. */
  | { kind: "id"; value: string; required?: boolean; ref?: boolean }
  /** Several record ids (a multiple select): the same name repeated. */
  | { kind: "ids"; values: string[]; ref?: boolean }
  /** A day, dd/mm/yyyy. */
  | { kind: "date"; value: string; required?: boolean }
  | { kind: "percent"; value: string }
  /** A number that must be a number when given (a target's measured value). */
  | { kind: "number"; value: string }
  | { kind: "choice"; value: string; options: readonly string[]; required?: boolean }
  | { kind: "email"; value: string }
  /** A checkbox; `required`: it must be ticked. */
  | { kind: "checkbox"; checked: boolean; required?: boolean }
  /** The version a form was based on; `stale`: the model refuses any other version with 409. */
  | { kind: "version"; value: string; stale?: boolean }
  /** A form's idempotency key. */
  | { kind: "key"; value: string; max: number }
  /** An uploaded file (multipart only); `unreadable` bodies that the server must refuse. */
  | { kind: "file"; name: string; type: string; content: string; refused: FileCase[] }
  /** Read without validation (a preference). */
  | { kind: "free"; value: string }
  /**
   * A place on this site to go back to (`redirectTo`): never a reason to refuse (a
   * crafted one is replaced), and any character may be in it — "/search?q=đào tạo"
   * must come back as a Location header can carry it.
   */
  | { kind: "path"; value: string };

export interface FileCase {
  label: string;
  name: string;
  type: string;
  content: string | Uint8Array<ArrayBuffer>;
}

export interface FormSpec {
  /** For test names: route and intent. */
  label: string;
  /** The intent's value (posted as `intent`), if the form has one. */
  intent?: string;
  /** Other intents of the same action, for "a duplicated intent". */
  otherIntents?: readonly string[];
  fields: Record<string, FieldSpec>;
  /** Who posts it (a demo login): the most privileged user allowed to. Null: signed out. */
  login: string | null;
  /** Path (with query) and Remix params of the action. */
  path: string;
  params: Record<string, string>;
  /**
   * A bad value for the record the URL names (`$id` or a query parameter) and the path
   * to post to with it; the answer must be 404 (or 400 for a malformed query parameter).
   */
  badRecord?: (value: string) => { path: string; params: Record<string, string> };
  /**
   * What the valid form does: `writes` (redirect, the database changes), `reads` (200,
   * nothing changes), `refused` (a well-formed form the model refuses, e.g. a wrong
   * password), `ignores` (the action reads no input it could refuse: whatever is
   * posted, it answers as it answers an empty form).
   */
  base: "writes" | "reads" | "refused" | "ignores";
  /**
   * The answer to an accepted write when it is not a redirect (302): a page that shows
   * what was written in place, e.g. an API token's secret, which must not go through a URL.
   */
  writtenStatus?: number;
  /** Audit actions the action may record whatever it is sent (signing out). */
  mayAudit?: readonly string[];
  /** Multipart only (a file upload). */
  multipart?: boolean;
}

/** A form as posted: name/value pairs in order (a name may repeat), files included. */
export type Entries = [string, string | File][];

export function baseEntries(form: FormSpec): Entries {
  const entries: Entries = form.intent === undefined ? [] : [["intent", form.intent]];
  for (const [name, field] of Object.entries(form.fields)) entries.push(...fieldEntries(name, field));
  return entries;
}

function fieldEntries(name: string, field: FieldSpec): Entries {
  switch (field.kind) {
    case "ids":
      return field.values.map((value) => [name, value]);
    case "checkbox":
      return field.checked ? [[name, "on"]] : [];
    case "file":
      return [[name, new File([field.content], field.name, { type: field.type })]];
    default:
      return [[name, field.value]];
  }
}

// ---------------------------------------------------------------- mutations

/** A change to one field: drop it, or post these values (several: the field is repeated). */
export type Mutation =
  { field: string; op: "drop"; why: string } | { field: string; op: "set"; values: (string | File)[]; why: string };

const set = (field: string, why: string, ...values: (string | File)[]): Mutation => ({ field, op: "set", values, why });
const drop = (field: string, why: string): Mutation => ({ field, op: "drop", why });
const file = (content: string) => new File([content], "x.txt", { type: "text/plain" });

function oneOf<T>(values: readonly T[]): fc.Arbitrary<T> {
  return fc.constantFrom(...values);
}

/**
 * Changes to a field that make the whole form invalid, whatever the other fields
 * hold: the schema refuses the field (type, format, range, length, missing,
 * repeated), or the model refuses what it names (an unknown record, a taken
 * code, a stale version). Null when the field has no such value (an optional
 * free text has no wrong value but a too long one, which every text has).
 */
export function breakingMutation(name: string, field: FieldSpec): fc.Arbitrary<Mutation> | null {
  const repeated = (value: string) => set(name, "repeated", value, value);
  const options: fc.Arbitrary<Mutation>[] = [];
  const required = "required" in field ? field.required !== false : true;
  switch (field.kind) {
    case "text":
      options.push(tooLong(field.max).map((v) => set(name, `${v.length} characters`, v)));
      options.push(fc.constant(repeated(field.value)), fc.constant(set(name, "a file", file(field.value))));
      if (required) {
        options.push(
          fc.constant(drop(name, "missing")),
          oneOf(["", "   ", "\t\r\n"]).map((v) => set(name, "blank", v)),
        );
      }
      if (field.pattern)
        options.push(oneOf(["a b", "<script>", "Đào", "x;y", "-x"]).map((v) => set(name, "format", v)));
      if (field.unique) options.push(oneOf(field.unique).map((v) => set(name, "taken", v)));
      break;
    case "password":
      options.push(
        fc.constant(drop(name, "missing")),
        fc.string({ maxLength: field.min - 1 }).map((v) => set(name, "too short", v)),
        tooLong(field.max).map((v) => set(name, "too long", v)),
        fc.constant(repeated(field.value)),
      );
      break;
    case "id":
      options.push(
        oneOf(NOT_AN_ID).map((v) => set(name, "not an id", v)),
        fc.constant(repeated(field.value)),
      );
      if (required) options.push(fc.constant(drop(name, "missing")), fc.constant(set(name, "blank", "")));
      if (field.ref) options.push(oneOf(UNKNOWN_IDS).map((v) => set(name, "unknown record", v)));
      break;
    case "ids":
      options.push(
        fc
          .tuple(oneOf(NOT_AN_ID), fc.nat({ max: field.values.length }))
          .map(([bad, at]) => set(name, "not an id", ...field.values.toSpliced(at, 0, bad))),
      );
      if (field.ref) {
        options.push(oneOf(UNKNOWN_IDS).map((v) => set(name, "unknown record", ...field.values, v)));
      }
      break;
    case "date":
      options.push(
        oneOf(NOT_A_DAY).map((v) => set(name, "not a day", v)),
        fc.constant(repeated(field.value)),
      );
      options.push(tooLong(30).map((v) => set(name, "too long", v)));
      if (required) options.push(fc.constant(drop(name, "missing")), fc.constant(set(name, "blank", "")));
      break;
    case "percent":
      options.push(
        oneOf(NOT_A_PERCENT).map((v) => set(name, "not a percent", v)),
        fc.constant(drop(name, "missing")),
        fc.constant(set(name, "blank", "")),
        fc.constant(repeated(field.value)),
      );
      break;
    case "number":
      options.push(oneOf(["abc", "1,5", "x1"]).map((v) => set(name, "not a number", v)));
      break;
    case "choice":
      options.push(
        oneOf(["bogus", "__proto__", field.options[0]!.toUpperCase(), `${field.options[0]} `, "'; DROP TABLE tasks;--"])
          .filter((v) => !field.options.includes(v))
          .map((v) => set(name, "not a choice", v)),
        fc.constant(set(name, "two choices", field.options[0]!, field.options.at(-1)!)),
      );
      if (required) options.push(fc.constant(drop(name, "missing")));
      break;
    case "email":
      options.push(oneOf(["not-an-email", "a@", "@b.vn", "<script>@x.vn"]).map((v) => set(name, "not an e-mail", v)));
      break;
    case "checkbox":
      // Only "on" ticks a box (Conform); any other value is refused, ticked or not.
      options.push(oneOf(["off", "false", "0", "yes", "ON", "true"]).map((v) => set(name, "not a checkbox value", v)));
      if (field.required) options.push(fc.constant(drop(name, "not ticked")));
      break;
    case "version":
      options.push(
        oneOf(["0", "-1", "abc", "1.5", "", "NaN"]).map((v) => set(name, "not a version", v)),
        fc.constant(drop(name, "missing")),
        fc.constant(repeated(field.value)),
      );
      if (field.stale) options.push(fc.constant(set(name, "stale", String(Number(field.value) + 1_000))));
      break;
    case "key":
      options.push(
        fc.constant(drop(name, "missing")),
        oneOf(["", "   "]).map((v) => set(name, "blank", v)),
        tooLong(field.max).map((v) => set(name, "too long", v)),
        fc.constant(repeated(field.value)),
      );
      break;
    case "free":
    case "path":
      return null;
    case "file":
      options.push(
        fc.constant(drop(name, "no file")),
        oneOf(field.refused).map((c) => set(name, c.label, new File([c.content], c.name, { type: c.type }))),
        fc.constant(set(name, "text instead of a file", "a text")),
      );
      break;
  }
  return fc.oneof(...options);
}

/** Paths on this site a header cannot carry as typed: Vietnamese, other scripts, spaces, emoji. */
export const NON_LATIN1_PATHS = [
  "/search?q=đào tạo",
  "/tasks?q=Sở TT&TT#mục 2",
  "/directives?q=Đề án 06",
  "/tìm-kiếm",
  "/search?q=数字化",
  "/tasks?q=🙂",
] as const;

const sameSitePath: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NON_LATIN1_PATHS),
  fc.string({ unit: "binary", maxLength: 30 }).map((rest) => `/${rest}`),
  fc.string({ unit: "grapheme", maxLength: 20 }).map((rest) => `/search?q=${rest}`),
);

/** A hostile value in a field that does not by itself make the form invalid (or does: it does not matter). */
export function noiseMutation(name: string, field: FieldSpec): fc.Arbitrary<Mutation> {
  if (field.kind === "path") {
    return fc.oneof(sameSitePath, hostileText).map((v) => set(name, "a place to go back to", v));
  }
  if (field.kind === "text" && !field.pattern && !field.unique) {
    return hostileFilledText(field.max).map((v) => set(name, "hostile text", v));
  }
  if (field.kind === "file") return fc.constant(set(name, "same file", ...fieldEntries(name, field).map(([, v]) => v)));
  return hostileText.map((v) => set(name, "hostile value", v));
}

/** Field names that are not the form's: prototype tricks, huge indices, path syntax errors. */
export const strayFieldName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "__proto__",
    "__proto__.polluted",
    "__proto__[polluted]",
    "constructor.prototype.polluted",
    "constructor[prototype][polluted]",
    "intent.__proto__",
    "toString",
    "a..b",
    "[0]",
    "a[-1]",
    "tasks[0].__proto__.polluted",
    "",
    "\u0000",
    "<script>",
  ),
  fc.string({ unit: "binary", maxLength: 12 }),
);

/** Intents no action has. */
export const UNKNOWN_INTENTS = [
  "bogus",
  "",
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "DELETE",
  "<script>",
];

export function applyMutations(entries: Entries, mutations: readonly Mutation[]): Entries {
  let result = entries;
  for (const mutation of mutations) {
    const at = result.findIndex(([name]) => name === mutation.field);
    const rest = result.filter(([name]) => name !== mutation.field);
    if (mutation.op === "drop") {
      result = rest;
      continue;
    }
    const added = mutation.values.map((value): [string, string | File] => [mutation.field, value]);
    result = at === -1 ? [...rest, ...added] : [...rest.slice(0, at), ...added, ...rest.slice(at)];
  }
  return result;
}

/** Url-encoded, unless a file is posted or multipart is asked for. */
export function encodeForm(entries: Entries, multipart: boolean): URLSearchParams | FormData {
  if (multipart || entries.some(([, value]) => typeof value !== "string")) {
    const form = new FormData();
    for (const [name, value] of entries) form.append(name, value);
    return form;
  }
  return new URLSearchParams(entries as [string, string][]);
}

// ---------------------------------------------------------------- bodies that are not forms

export interface RawBody {
  label: string;
  contentType: string | null;
  text: string;
  /** The answers that are right for it. */
  expected: readonly number[];
}

export const NOT_A_FORM: readonly RawBody[] = [
  { label: "JSON", contentType: "application/json", text: '{"intent":"report","percent":50}', expected: [415] },
  { label: "plain text", contentType: "text/plain", text: "intent=report", expected: [415] },
  { label: "XML", contentType: "application/xml", text: "<a>&xxe;</a>", expected: [415] },
  { label: "no Content-Type", contentType: null, text: "intent=report", expected: [415] },
  {
    label: "multipart without a boundary",
    contentType: "multipart/form-data",
    text: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
    expected: [400],
  },
  {
    label: "truncated multipart",
    contentType: "multipart/form-data; boundary=x",
    text: '--x\r\nContent-Disposition: form-data; name="intent"\r\n\r\nreport',
    expected: [400],
  },
  {
    label: "a field name with a huge index",
    contentType: "application/x-www-form-urlencoded",
    text: "intent=report&targetValues%5B99999999%5D.targetId=1&tasks.99999999.title=x",
    expected: [413],
  },
];

// ---------------------------------------------------------------- answers

/** Statuses a refusal may have: invalid (400), forbidden (403), hidden (404), conflict (409), too large (413), not a form (415), rate-limited (429). */
export const REFUSALS = [400, 403, 404, 409, 413, 415, 429] as const;

function templatePattern(template: string): RegExp {
  const literal = template.split(/\{\w+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${literal.join("[\\s\\S]*")}$`);
}

const CATALOGUE = [...Object.values(vi), ...Object.values(en)].map(templatePattern);

/** Whether a message is one of the catalogue's (placeholders filled in). */
export function isTranslated(message: string): boolean {
  return CATALOGUE.some((pattern) => pattern.test(message));
}

/** The messages an answer shows: Conform's errors and `message` fields, not the echoed input. */
export function messagesOf(body: unknown): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (typeof value !== "object" || value === null) return;
    const record = value as Record<string, unknown>;
    if (typeof record.message === "string") found.push(record.message);
    if (record.status === "error" && typeof record.error === "object" && record.error !== null) {
      for (const messages of Object.values(record.error)) {
        if (Array.isArray(messages)) found.push(...messages.filter((m): m is string => typeof m === "string"));
      }
    }
    for (const [key, child] of Object.entries(record)) {
      // What the user posted, echoed back so the form keeps it, is not a message.
      if (!["initialValue", "error", "message", "defaultValue", "review", "text"].includes(key)) walk(child);
    }
  };
  walk(body);
  return found;
}

// ---------------------------------------------------------------- the database

/**
 * Tables a refused request may still write: the audit log records the refusal
 * (`access.denied`, a failed sign-in, a sign-in lock), the sign-in locks count
 * failures, and a session notes when it was last used; a known browser's count of
 * wrong passwords and the notifications of a lock are allowed by `fingerprint`.
 * Everything else must stay byte for byte.
 */
export const REFUSAL_MAY_WRITE = ["audit_events", "login_attempts", "sessions"] as const;
export const REFUSAL_AUDIT_ACTIONS = new Set([
  "access.denied",
  "auth.login_failed",
  "auth.login_rate_limited",
  "auth.login_locked",
]);

function digest(rows: unknown[]): string {
  const json = JSON.stringify(rows, (_key, value: unknown) =>
    typeof value === "bigint" ? value.toString() : Buffer.isBuffer(value) ? value.toString("hex") : value,
  );
  return crypto.createHash("sha256").update(json).digest("hex");
}

/**
 * What the connection has written so far: rows changed by INSERT, UPDATE and DELETE
 * (triggers included) and the schema's version (DROP and CREATE do not count as
 * changes). Every write of the app in these tests goes through this one connection,
 * so an unchanged pair means an unchanged database; a changed pair is looked at
 * table by table (`fingerprint`).
 */
export function writeCounter(db: AppDatabase): string {
  const client = db.$client;
  const changes = client.prepare(`SELECT total_changes()`).pluck().get() as number;
  return `${changes}/${client.pragma("schema_version", { simple: true }) as number}`;
}

/**
 * A digest per table (all tables but REFUSAL_MAY_WRITE; sessions without their
 * last-use time; login devices without their wrong-password count; notifications but
 * those telling of a sign-in lock, which a wrong password may start).
 */
export function fingerprint(db: AppDatabase): Record<string, string> {
  const client = db.$client;
  const tables = client
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .pluck()
    .all() as string[];
  const result: Record<string, string> = {};
  for (const table of tables) {
    if (table === "sessions") {
      result[table] = digest(client.prepare(`SELECT id, user_id, revoked_at FROM sessions ORDER BY id`).raw().all());
    } else if (table === "login_devices") {
      result[table] = digest(
        client.prepare(`SELECT id, token_hash, user_id FROM login_devices ORDER BY id`).raw().all(),
      );
    } else if (table === "notifications") {
      result[table] = digest(
        client.prepare(`SELECT * FROM notifications WHERE kind <> 'sign_in_locked' ORDER BY id`).raw().all(),
      );
    } else if (!(REFUSAL_MAY_WRITE as readonly string[]).includes(table)) {
      result[table] = digest(client.prepare(`SELECT * FROM "${table}"`).raw().all());
    }
  }
  return result;
}

/** Where the append-only tables stood, to check what a request added. */
export function highWater(db: AppDatabase): { audit: number; attempts: number } {
  const client = db.$client;
  return {
    audit: (client.prepare(`SELECT coalesce(max(id), 0) FROM audit_events`).pluck().get() as number) ?? 0,
    attempts: (client.prepare(`SELECT coalesce(max(id), 0) FROM login_attempts`).pluck().get() as number) ?? 0,
  };
}

/** What a request added to the append-only tables since `since`. */
export function addedSince(
  db: AppDatabase,
  since: { audit: number; attempts: number },
): { auditActions: string[]; succeededSignIns: number } {
  const client = db.$client;
  return {
    auditActions: client.prepare(`SELECT action FROM audit_events WHERE id > ?`).pluck().all(since.audit) as string[],
    succeededSignIns: client
      .prepare(`SELECT count(*) FROM login_attempts WHERE id > ? AND succeeded = 1`)
      .pluck()
      .get(since.attempts) as number,
  };
}

/** Whether a crafted field name reached Object.prototype. */
export function prototypePolluted(): boolean {
  const probe = {} as Record<string, unknown>;
  return "polluted" in probe || probe.toString !== Object.prototype.toString;
}
