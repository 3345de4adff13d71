import { describe, expect, it } from "vitest";
import { dutyRollup } from "./duty-rollup";

describe("a recurring duty's roll-up", () => {
  it("is overdue while any period is overdue, whatever the others", () => {
    expect(dutyRollup(["done_on_time", "overdue", "on_track"]).state).toBe("overdue");
    expect(dutyRollup(["overdue", "cancelled"]).state).toBe("overdue");
  });

  it("is done when every counted period is done, late if any was late", () => {
    expect(dutyRollup(["done_on_time", "done_on_time", "cancelled"]).state).toBe("done_on_time");
    expect(dutyRollup(["done_on_time", "done_late", "on_hold"]).state).toBe("done_late");
  });

  it("is in progress otherwise, and none when nothing is counted", () => {
    expect(dutyRollup(["done_late", "on_track"]).state).toBe("in_progress");
    expect(dutyRollup(["awaiting_confirmation", "due_soon"]).state).toBe("in_progress");
    expect(dutyRollup(["on_hold", "cancelled"])).toMatchObject({ state: "none", counted: 0 });
    expect(dutyRollup([])).toMatchObject({ state: "none", counted: 0 });
  });

  it("counts every status", () => {
    const { counts, counted } = dutyRollup(["overdue", "overdue", "on_track", "cancelled"]);
    expect(counts).toMatchObject({ overdue: 2, on_track: 1, cancelled: 1, done_on_time: 0 });
    expect(counted).toBe(3);
  });
});
