import { describe, expect, it } from "vitest";
import { WORKFLOW_STATES } from "./vocabulary";
import { canMove, canReportCompletion, stateAfterResume } from "./workflow";

describe("holding and resuming (docs/domain-rules.md §4, issue #12)", () => {
  it("a held task may go back to a completion awaiting confirmation, but is not confirmed or returned while held", () => {
    expect(canMove("on_hold", "awaiting_confirmation")).toBe(true);
    expect(canMove("on_hold", "done")).toBe(false);
    expect(canMove("on_hold", "returned")).toBe(false);
  });

  it("resumes a reported completion to awaiting confirmation, other work as before the fix", () => {
    expect(stateAfterResume("awaiting_confirmation", true)).toBe("awaiting_confirmation");
    expect(stateAfterResume("in_progress", true)).toBe("in_progress");
    expect(stateAfterResume("returned", true)).toBe("in_progress");
    expect(stateAfterResume("open", false)).toBe("open");
    expect(stateAfterResume(null, false)).toBe("open");
    expect(stateAfterResume(null, true)).toBe("in_progress");
  });

  it("every state a task can be held from resumes by a move the workflow allows", () => {
    const holdable = WORKFLOW_STATES.filter((state) => canMove(state, "on_hold"));
    expect(holdable).toEqual(["open", "in_progress", "awaiting_confirmation", "returned"]);
    for (const state of holdable) {
      for (const started of [false, true]) {
        expect({ state, started, allowed: canMove("on_hold", stateAfterResume(state, started)) }).toEqual({
          state,
          started,
          allowed: true,
        });
      }
    }
  });

  it("the lead department reports done on open, started or returned work, never on a held task", () => {
    expect(WORKFLOW_STATES.filter((state) => canReportCompletion(state))).toEqual(["open", "in_progress", "returned"]);
  });
});
