import { describe, expect, it } from "vitest";
import { translate } from "./i18n";
import { en } from "./messages/en";

describe("translate", () => {
  it("chooses the English plural form for the count, and formats the number", () => {
    expect(translate("en", "search.results", { count: 1, query: "số hóa" })).toBe("1 result for “số hóa”");
    expect(translate("en", "search.results", { count: 1200, query: "số hóa" })).toBe("1,200 results for “số hóa”");
    expect(translate("en", "deadline.extensions", { count: 1 })).toBe("Extended once");
    expect(translate("en", "deadline.extensions", { count: 3 })).toBe("Extended 3 times");
    expect(translate("en", "status.daysLate", { days: 1 })).toBe("1 day late");
    expect(translate("en", "status.daysLate", { days: 0 })).toBe("0 days late");
  });

  it("leaves Vietnamese, which has one form, as written", () => {
    expect(translate("vi", "search.results", { count: 1, query: "đào tạo" })).toContain("1");
    expect(translate("vi", "search.results", { count: 1, query: "đào tạo" })).not.toContain("plural");
  });

  it("leaves no English message saying “(s)” or a bare count before a plural noun", () => {
    // Counts that are never one: a month's days, more tasks than a download's limit, and
    // "The {count} tasks" (one task has a message of its own, directiveProgress.topLevelOne).
    const neverOne = new Set(["input.error.noSuchDay", "report.error.tooMany", "directiveProgress.topLevel"]);
    const offenders = Object.entries(en as Record<string, string>).filter(
      ([key, text]) =>
        !neverOne.has(key) &&
        (text.includes("(s)") || /\{\w+\} (tasks|units|errors|days|results|files|minutes|notifications)\b/.test(text)),
    );
    expect(offenders).toEqual([]);
  });

  it("fills every plural form's count in every English message that has one", () => {
    for (const [key, text] of Object.entries(en as Record<string, string>)) {
      if (!text.includes(", plural,")) continue;
      const names = [...text.matchAll(/\{(\w+), plural,/g)].map((match) => match[1]!);
      const params = Object.fromEntries([...text.matchAll(/\{(\w+)[,}]/g)].map((match) => [match[1]!, 1]));
      for (const count of [0, 1, 2, 21]) {
        const filled = translate("en", key as Parameters<typeof translate>[1], {
          ...params,
          ...Object.fromEntries(names.map((name) => [name, count])),
        });
        expect(filled, key).not.toMatch(/plural|[{}#]/);
      }
    }
  });
});
