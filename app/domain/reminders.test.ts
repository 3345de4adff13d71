import { describe, expect, it } from "vitest";
import {
  automaticDedupeKey,
  automaticReminderDue,
  automaticRuleOf,
  escalates,
  manualDedupeKey,
  OVERDUE_REMINDER_INTERVAL_DAYS,
} from "./reminders";

describe("automatic reminders", () => {
  it("a due-soon task gets one notice per due date", () => {
    expect(automaticReminderDue("due_soon", "2026-03-18", "2026-03-16")).toEqual({
      rule: "due_soon",
      periodDate: "2026-03-18",
    });
    expect(automaticReminderDue("due_soon", "2026-03-18", "2026-03-18")).toEqual({
      rule: "due_soon",
      periodDate: "2026-03-18",
    });
  });

  it("an overdue task gets one notice per week of lateness, dated with the week's first day", () => {
    const due = "2026-03-10";
    const day = (n: number) => `2026-03-${String(10 + n).padStart(2, "0")}`;
    const periods = [1, 2, 7, 8, 14, 15].map((late) => automaticReminderDue("overdue", due, day(late))?.periodDate);
    expect(OVERDUE_REMINDER_INTERVAL_DAYS).toBe(7);
    expect(periods).toEqual(["2026-03-11", "2026-03-11", "2026-03-11", "2026-03-18", "2026-03-18", "2026-03-25"]);
  });

  it("nothing for other statuses or without a deadline", () => {
    for (const status of ["on_track", "ongoing", "awaiting_confirmation", "done_late", "on_hold"] as const) {
      expect(automaticReminderDue(status, "2026-03-10", "2026-03-20"), status).toBeNull();
    }
    expect(automaticReminderDue("overdue", null, "2026-03-20")).toBeNull();
  });

  it("keys are unique per task, department, rule and period, and tell the rule back", () => {
    const key = automaticDedupeKey(7, 3, "overdue", "2026-03-11");
    expect(key).toBe("auto:7:3:overdue:2026-03-11");
    expect(automaticRuleOf(key)).toBe("overdue");
    expect(automaticRuleOf(automaticDedupeKey(7, 3, "due_soon", "2026-03-18"))).toBe("due_soon");
    expect(automaticRuleOf(manualDedupeKey("abc"))).toBeNull();
    expect(automaticRuleOf(null)).toBeNull();
  });
});

describe("escalation", () => {
  it("the third manual reminder and the later ones escalate, not the first two", () => {
    expect([1, 2, 3, 4, 9].map(escalates)).toEqual([false, false, true, true, true]);
  });
});
