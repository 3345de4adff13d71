// Two people saving the same record at once (docs/domain-rules.md §5: no silent
// overwrite), for every form of the app that changes a record that exists — taken
// from the hostile-input catalogue (tests/setup/hostile-forms.ts), so a new form is
// covered as soon as it is described there. Each form is posted twice, both times
// based on the version the page showed, as two browsers open on the same page would:
// the first save is stored, and the database stays as the first left it. An edit form
// (of a committee, meeting, directive, task, account or department) refuses the second
// with 409, the conflict screen's translated message and what the first one changed; a
// move on a task page may instead be refused as no longer possible (the task moved on),
// or be a repeat that changes nothing (confirming a confirmed completion).
//
// A form that changes a record but carries no version must be in NO_VERSION, with why.
import { describe, expect, it, beforeAll } from "vitest";
import { hostileForms, prepareHostileFixtures, type HostileFixtures } from "../setup/hostile-forms";
import {
  baseEntries,
  encodeForm,
  fingerprint,
  isTranslated,
  messagesOf,
  type Entries,
  type FormSpec,
} from "../setup/hostile-input";
import {
  callRoute,
  importRouteModule,
  routeModuleFiles,
  sessionFor,
  snapshotDatabase,
  useDatabaseCopy,
  useFreshDemoDatabase,
  type RouteHandler,
  type RouteOutcome,
} from "../setup/remix-harness";

/** Forms that change a record named in their address without a version, and why none is needed. */
const NO_VERSION: Record<string, string> = {
  "task: request_extension": "adds a request (one pending per task, its key makes a repeat harmless)",
  "task: comment": "adds a comment, never changes one",
  "task: remind": "adds a reminder, never changes one",
  "user: sessions": "ends the account's sessions; nothing of the account changes, and twice is once",
  "API token: revoke": "a revoked token stays revoked: twice is once",
  "import tasks": "adds tasks to the directive, never changes one",
  "split: split": "reads only",
  "split: edit": "reads only",
  "split: save": "adds tasks to the directive, never changes one",
  "unit group: add": "adds memberships from a day; a repeat is refused (already a member), nothing is overwritten",
  "unit group: remove": "ends memberships on a day; a repeat is refused (no longer a member), nothing is overwritten",
};

/** Edit forms: the second save is a 409 with the conflict screen. */
const EDIT_FORMS = /^(edit committee|edit meeting|edit directive|edit task|user: |department: )/;
/** Those whose conflict lists what the first save changed (a directive's names the record to reopen instead). */
const LISTS_CHANGES = /^(edit committee|edit meeting|edit task|user: |department: )/;

interface Described {
  routeId: string;
  form: FormSpec;
  action: RouteHandler;
}

let snapshot: string;
let described: Described[];

beforeAll(async () => {
  const db = await useFreshDemoDatabase();
  const fixtures: HostileFixtures = prepareHostileFixtures(db);
  described = [];
  for (const route of routeModuleFiles()) {
    const action = (await importRouteModule(route)).action as RouteHandler | undefined;
    if (typeof action !== "function") continue;
    for (const form of hostileForms(db, fixtures, route.id) ?? []) described.push({ routeId: route.id, form, action });
  }
  for (const login of new Set(described.map(({ form }) => form.login))) {
    if (login !== null) await sessionFor(login);
  }
  snapshot = snapshotDatabase();
}, 60_000);

/** Forms that change a record that already exists: the record is in their address. */
function editsOfRecords(): Described[] {
  return described.filter(({ form }) => form.base === "writes" && form.params.id !== undefined);
}

const hasVersion = (form: FormSpec) => Object.values(form.fields).some((field) => field.kind === "version");

/** The same form as a second browser posts it: the same version, its own idempotency key. */
function secondBrowser(form: FormSpec): Entries {
  return baseEntries(form).map(([name, value]) =>
    form.fields[name]?.kind === "key" ? [name, crypto.randomUUID()] : [name, value],
  );
}

async function post(item: Described, entries: Entries): Promise<RouteOutcome> {
  return callRoute(item.action, {
    path: item.form.path,
    params: item.form.params,
    method: "POST",
    token: item.form.login === null ? null : await sessionFor(item.form.login),
    form: encodeForm(entries, item.form.multipart === true),
  });
}

describe("two saves based on the same version", () => {
  it("finds the edit forms (the listing is not vacuous)", () => {
    const labels = editsOfRecords().map(({ form }) => form.label);
    expect(labels).toEqual(
      expect.arrayContaining([
        "edit committee",
        "edit meeting",
        "edit directive",
        "edit task",
        "user: profile",
        "user: password",
        "user: disable",
        "user: enable",
        "department: profile",
        "department: deactivate",
        "department: reactivate",
        "department: merge",
      ]),
    );
  });

  it("every form that changes a record carries the version it was based on", () => {
    const missing = editsOfRecords()
      .filter(({ form }) => !hasVersion(form) && NO_VERSION[form.label] === undefined)
      .map(({ form }) => form.label);
    expect(missing, "give these forms a version check, or say in NO_VERSION why they need none").toEqual([]);
  });

  it("the second is refused with 409 and what the first changed; the first survives", async () => {
    const wrong: string[] = [];
    for (const item of editsOfRecords().filter(({ form }) => hasVersion(form))) {
      const db = useDatabaseCopy(snapshot);
      const first = await post(item, baseEntries(item.form));
      if (first.status !== (item.form.writtenStatus ?? 302)) {
        wrong.push(`${item.form.label}: the first save answered ${first.status}`);
        continue;
      }
      const afterFirst = fingerprint(db);
      const second = await post(item, secondBrowser(item.form));
      if (JSON.stringify(fingerprint(db)) !== JSON.stringify(afterFirst))
        wrong.push(`${item.form.label}: the second save changed the database`);
      const messages = messagesOf(second.body);
      const conflict = (second.body as { conflict?: { changes: unknown[]; version: number } } | null)?.conflict;
      if (!EDIT_FORMS.test(item.form.label)) {
        if (second.status >= 500) wrong.push(`${item.form.label}: the second save answered ${second.status}`);
        continue;
      }
      if (second.status !== 409) wrong.push(`${item.form.label}: the second save answered ${second.status}`);
      else if (messages.length === 0 || !messages.every(isTranslated))
        wrong.push(`${item.form.label}: no translated conflict message (${JSON.stringify(messages)})`);
      else if (!conflict) wrong.push(`${item.form.label}: no conflict notice`);
      else if (LISTS_CHANGES.test(item.form.label) && conflict.changes.length === 0)
        wrong.push(`${item.form.label}: the conflict lists nothing the first save changed`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});
