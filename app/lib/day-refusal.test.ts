// A refused typed day says why: a day the calendar does not have (31/02/2020) is not a
// wrong format, and neither is a real day outside the accepted ones — in both
// languages, from every form that takes a day.
import { describe, expect, it } from "vitest";
import { readTypedDay } from "~/domain/dates";
import { translator } from "~/lib/i18n";
import { asOfForPage } from "~/lib/as-of.server";
import { newMeetingSchema } from "~/lib/desk-schemas";
import { dayRefusal } from "./day-refusal";

const vi = translator("vi");
const en = translator("en");

describe("readTypedDay", () => {
  it("tells a wrong format, a day that does not exist and a day out of range apart", () => {
    expect(readTypedDay("29/02/2020")).toEqual({ ok: true, date: "2020-02-29" });
    expect(readTypedDay(" 2020-02-29 ")).toEqual({ ok: true, date: "2020-02-29" });
    for (const text of ["", "31-02-2020", "31/02/20", "hôm nay", "2020/02/31", "31/2/2020/1"]) {
      expect(readTypedDay(text), text).toEqual({ ok: false, problem: "format" });
    }
    expect(readTypedDay("31/02/2020")).toEqual({ ok: false, problem: "no_such_day", year: 2020, month: 2 });
    expect(readTypedDay("29/02/2023")).toEqual({ ok: false, problem: "no_such_day", year: 2023, month: 2 });
    expect(readTypedDay("31/04/2025")).toEqual({ ok: false, problem: "no_such_day", year: 2025, month: 4 });
    expect(readTypedDay("01/13/2025")).toEqual({ ok: false, problem: "no_such_day", year: 2025, month: 13 });
    expect(readTypedDay("2019-02-30")).toEqual({ ok: false, problem: "no_such_day", year: 2019, month: 2 });
    // A real day, only outside 01/01/1990–31/12/2100 (a year below 100 too).
    for (const text of ["31/12/1989", "01/01/2101", "01/01/0050", "29/02/2104"]) {
      expect(readTypedDay(text), text).toEqual({ ok: false, problem: "out_of_range" });
    }
    // An impossible day far out is impossible first.
    expect(readTypedDay("30/02/1900")).toMatchObject({ problem: "no_such_day" });
  });
});

describe("dayRefusal", () => {
  const asWritten = "FORMAT";
  it("says the day does not exist, naming the month's length", () => {
    expect(dayRefusal(vi, "31/02/2020", asWritten)).toBe(
      "Ngày “31/02/2020” không tồn tại (tháng 02/2020 chỉ có 29 ngày).",
    );
    expect(dayRefusal(en, "31/02/2020", asWritten)).toBe("There is no day “31/02/2020” (02/2020 has 29 days).");
    expect(dayRefusal(vi, "29/02/2023", asWritten)).toContain("tháng 02/2023 chỉ có 28 ngày");
    expect(dayRefusal(vi, "15/13/2020", asWritten)).toBe("Ngày “15/13/2020” không tồn tại (tháng chỉ từ 01 đến 12).");
  });

  it("says a real day is out of range, and leaves a wrong format to the form's own message", () => {
    expect(dayRefusal(vi, "31/12/1989", asWritten)).toBe(
      "Ngày “31/12/1989” nằm ngoài khoảng ngày hệ thống nhận: từ 01/01/1990 đến 31/12/2100.",
    );
    expect(dayRefusal(en, "01/01/2101", asWritten)).toContain("01/01/1990 to 31/12/2100");
    expect(dayRefusal(vi, "31-02-2020", asWritten)).toBe(asWritten);
  });

  it("is what the forms and the as-of day answer", () => {
    const meeting = newMeetingSchema(vi).safeParse({ committeeId: 1, heldOn: "31/02/2020", title: "Họp" });
    expect(meeting.success).toBe(false);
    // Named after its field, as the form's other messages are.
    expect(meeting.error?.issues.find((issue) => issue.path[0] === "heldOn")?.message).toBe(
      "Ngày họp: ngày “31/02/2020” không tồn tại (tháng 02/2020 chỉ có 29 ngày).",
    );
    const wrongFormat = newMeetingSchema(vi).safeParse({ committeeId: 1, heldOn: "31-02-2020", title: "Họp" });
    expect(wrongFormat.error?.issues.find((issue) => issue.path[0] === "heldOn")?.message).toContain("dd/mm/yyyy");
    const page = asOfForPage(new URL("http://localhost/?asOf=31%2F02%2F2020"), vi);
    expect(page.problem?.message).toBe("Ngày “31/02/2020” không tồn tại (tháng 02/2020 chỉ có 29 ngày).");
    expect(asOfForPage(new URL("http://localhost/?asOf=01%2F01%2F1989"), en).problem?.message).toContain(
      "outside the days the system accepts",
    );
  });
});
