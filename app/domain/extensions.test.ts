import { describe, expect, it } from "vitest";
import {
  decidedDueDate,
  extensionDecisionViolations,
  extensionRequestViolations,
  type ExtensionTaskFacts,
  type PendingRequestFacts,
} from "./extensions";

const task = (overrides: Partial<ExtensionTaskFacts> = {}): ExtensionTaskFacts => ({
  deadlineKind: "dated",
  state: "in_progress",
  currentDueDate: "2026-05-15",
  parentDueDate: null,
  hasPendingRequest: false,
  ...overrides,
});

const pending = (overrides: Partial<PendingRequestFacts> = {}): PendingRequestFacts => ({
  state: "pending",
  requestedBy: 5,
  currentDueDate: "2026-05-15",
  proposedDueDate: "2026-06-30",
  ...overrides,
});

describe("asking for an extension", () => {
  const ask = { proposedDueDate: "2026-06-30", reason: "Chờ phê duyệt kinh phí" };
  /** The day asked on: before the due date in force. */
  const TODAY = "2026-05-01";

  it("is allowed for a dated task being worked on, to a later date", () => {
    expect(extensionRequestViolations(task(), ask, TODAY)).toEqual([]);
    expect(extensionRequestViolations(task({ state: "open" }), ask, TODAY)).toEqual([]);
    expect(extensionRequestViolations(task({ state: "returned" }), ask, TODAY)).toEqual([]);
    expect(extensionRequestViolations(task({ state: "awaiting_confirmation" }), ask, TODAY)).toEqual([]);
  });

  it("needs a date later than the one in force", () => {
    expect(extensionRequestViolations(task(), { ...ask, proposedDueDate: "2026-05-15" }, TODAY)).toEqual(["not_later"]);
    expect(extensionRequestViolations(task(), { ...ask, proposedDueDate: "2026-05-01" }, TODAY)).toEqual(["not_later"]);
    expect(extensionRequestViolations(task(), { ...ask, proposedDueDate: "2026-05-16" }, TODAY)).toEqual([]);
  });

  it("needs a reason", () => {
    expect(extensionRequestViolations(task(), { ...ask, reason: "   " }, TODAY)).toEqual(["reason_required"]);
  });

  it("is refused for a task without a deadline", () => {
    expect(extensionRequestViolations(task({ deadlineKind: "ongoing", currentDueDate: null }), ask, TODAY)).toEqual([
      "no_deadline",
    ]);
  });

  it.each(["done", "cancelled", "on_hold"] as const)("is refused for a task that is %s", (state) => {
    expect(extensionRequestViolations(task({ state }), ask, TODAY)).toEqual(["task_closed"]);
  });

  it("allows one pending request per task", () => {
    expect(extensionRequestViolations(task({ hasPendingRequest: true }), ask, TODAY)).toEqual(["pending_exists"]);
  });

  it("never asks for a day already past (an overdue task asks for today or later)", () => {
    const overdue = task({ currentDueDate: "2026-04-30" });
    expect(extensionRequestViolations(overdue, { ...ask, proposedDueDate: "2026-05-10" }, "2026-05-11")).toEqual([
      "in_past",
    ]);
    expect(extensionRequestViolations(overdue, { ...ask, proposedDueDate: "2026-05-11" }, "2026-05-11")).toEqual([]);
  });

  it("never puts a sub-task after its parent", () => {
    expect(extensionRequestViolations(task({ parentDueDate: "2026-06-30" }), ask, TODAY)).toEqual([]);
    expect(extensionRequestViolations(task({ parentDueDate: "2026-06-29" }), ask, TODAY)).toEqual(["after_parent_due"]);
  });
});

describe("deciding an extension", () => {
  const decider = 9;

  it("approves the proposed date", () => {
    const decision = { outcome: "approve" } as const;
    expect(extensionDecisionViolations(pending(), task(), decider, decision)).toEqual([]);
    expect(decidedDueDate(pending(), decision)).toBe("2026-06-30");
  });

  it("rejects only with a reason, and then changes no date", () => {
    expect(extensionDecisionViolations(pending(), task(), decider, { outcome: "reject", note: " " })).toEqual([
      "note_required",
    ]);
    const decision = { outcome: "reject", note: "Không đủ căn cứ" } as const;
    expect(extensionDecisionViolations(pending(), task(), decider, decision)).toEqual([]);
    expect(decidedDueDate(pending(), decision)).toBeNull();
  });

  it("counters with another date later than the one in force", () => {
    const counter = (dueDate: string) => ({ outcome: "counter", dueDate }) as const;
    expect(decidedDueDate(pending(), counter("2026-06-15"))).toBe("2026-06-15");
    expect(extensionDecisionViolations(pending(), task(), decider, counter("2026-06-15"))).toEqual([]);
    expect(extensionDecisionViolations(pending(), task(), decider, counter("2026-05-15"))).toEqual(["not_later"]);
    expect(extensionDecisionViolations(pending(), task(), decider, counter("2026-04-01"))).toEqual(["not_later"]);
  });

  it("compares with the date in force now when the deadline was corrected after the request", () => {
    const corrected = task({ currentDueDate: "2026-07-01" });
    expect(extensionDecisionViolations(pending(), corrected, decider, { outcome: "approve" })).toEqual(["not_later"]);
  });

  it("never lets anyone decide their own request", () => {
    expect(
      extensionDecisionViolations(pending({ requestedBy: decider }), task(), decider, { outcome: "approve" }),
    ).toEqual(["own_request"]);
  });

  it("decides a request once", () => {
    expect(
      extensionDecisionViolations(pending({ state: "approved" }), task(), decider, { outcome: "approve" }),
    ).toEqual(["not_pending"]);
  });

  it("never puts a sub-task after its parent", () => {
    const sub = task({ parentDueDate: "2026-06-20" });
    expect(extensionDecisionViolations(pending(), sub, decider, { outcome: "approve" })).toEqual(["after_parent_due"]);
    expect(extensionDecisionViolations(pending(), sub, decider, { outcome: "counter", dueDate: "2026-06-20" })).toEqual(
      [],
    );
  });

  it("does not extend a task that is finished, withdrawn or on hold, but may still reject", () => {
    const closed = task({ state: "cancelled" });
    expect(extensionDecisionViolations(pending(), closed, decider, { outcome: "approve" })).toEqual(["task_closed"]);
    expect(extensionDecisionViolations(pending(), closed, decider, { outcome: "reject", note: "Đã rút" })).toEqual([]);
  });
});
