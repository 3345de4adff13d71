import { describe, expect, it } from "vitest";
import { isoDay, periodKey, queryChoice, queryId, queryValues, typedDay, wholeNumber } from "./query-schemas";

const refuse = (value: string) => `refused «${value}»`;
const message = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.success ? null : result.error!.issues[0]!.message;

describe("the query string's building blocks", () => {
  it("read an id of 1 to 15 digits, 0 only where allowed, and word a refusal with the value as it came", () => {
    expect(queryId(refuse).parse("42")).toBe(42);
    expect(queryId(refuse).parse("0")).toBe(0);
    expect(queryId(refuse).parse("999999999999999")).toBe(999_999_999_999_999);
    for (const bad of ["", "-1", "1.5", "1e3", " 1", "0x10", "1234567890123456"]) {
      expect(message(queryId(refuse).safeParse(bad)), bad).toBe(`refused «${bad}»`);
    }
    expect(message(queryId(refuse, { positive: true }).safeParse("000"))).toBe("refused «000»");
    expect(queryId(refuse, { positive: true }).parse("007")).toBe(7);
  });

  it("read a typed day (dd/mm/yyyy or ISO) and an ISO day, both within 1990–2100", () => {
    expect(typedDay(refuse).parse("1/2/2020")).toBe("2020-02-01");
    expect(typedDay(refuse).parse("2100-12-31")).toBe("2100-12-31");
    expect(isoDay(refuse).parse("1990-01-01")).toBe("1990-01-01");
    for (const bad of ["31/12/1989", "01/01/2101", "30/02/2020", "hôm nay"]) {
      expect(message(typedDay(refuse).safeParse(bad)), bad).toBe(`refused «${bad}»`);
    }
    for (const bad of ["31/12/2019", "1989-12-31", "2101-01-01", "2019-02-29", "2019-1-1"]) {
      expect(message(isoDay(refuse).safeParse(bad)), bad).toBe(`refused «${bad}»`);
    }
  });

  it("read a period in its canonical spelling, a choice, and a whole number in its range", () => {
    expect(periodKey(refuse).parse("2019-q4")).toBe("2019-Q4");
    expect(message(periodKey(refuse).safeParse("2019-Q5"))).toBe("refused «2019-Q5»");
    expect(queryChoice(["asc", "desc"], refuse).parse("desc")).toBe("desc");
    expect(message(queryChoice(["asc", "desc"], refuse).safeParse("up"))).toBe("refused «up»");
    expect(wholeNumber(1, 200, refuse).parse("200")).toBe(200);
    for (const bad of ["0", "201", "1.5", "-1", "1234567890"]) {
      expect(message(wholeNumber(1, 200, refuse).safeParse(bad)), bad).toBe(`refused «${bad}»`);
    }
  });

  it("take the named parameters trimmed, blank ones as absent, a form's year and part as one period", () => {
    const params = new URLSearchParams("a=%20x%20&b=%20&c=&period=2019&periodPart=Q3&other=1");
    expect(queryValues(params, ["a", "b", "c", "d", "period"])).toEqual({ a: "x", period: "2019-Q3" });
    expect(queryValues(new URLSearchParams("periodPart=Q4"), ["period"])).toEqual({ period: "Q4" });
  });
});
