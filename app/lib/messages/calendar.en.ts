// English strings of the working calendar (merged into en.ts).
import type { calendarVi } from "./calendar.vi";

export const calendarEn: Record<keyof typeof calendarVi, string> = {
  "calendar.title": "Public holidays and worked days",
  "calendar.intro":
    "The calendar working days are counted on: deadlines “within … working days of assignment” and how long a completion waits for confirmation. Monday to Friday are working days except the days off below; Saturday and Sunday are days off except the worked days.",
  "calendar.yearNav": "Choose a year",
  "calendar.caption": "The days of {year}",
  "calendar.empty":
    "{year} has no day in the calendar: only Saturdays and Sundays are off. Load the statutory days off or add days one by one.",
  "calendar.col.day": "Day",
  "calendar.col.kind": "Kind",
  "calendar.col.occasion": "Occasion",
  "calendar.col.note": "Note",
  "calendar.col.source": "Source",
  "calendar.col.actions": "Actions",
  "calendar.source.rule": "Labour Code",
  "calendar.source.announced": "Announcement",
  "calendar.source.loaded": "preloaded",
  "calendar.source.by": "{name}, {at}",
  "calendar.kind.holiday": "Public holiday",
  "calendar.kind.compensatory": "Compensatory day off",
  "calendar.kind.swapped_off": "Swapped day off",
  "calendar.kind.working_day": "Worked day (make-up)",
  "calendar.occasion.new_year": "New Year's Day",
  "calendar.occasion.lunar_new_year": "Lunar New Year (Tết)",
  "calendar.occasion.hung_kings": "Hung Kings' Commemoration (10/3 lunar)",
  "calendar.occasion.reunification": "Reunification Day (30/4)",
  "calendar.occasion.labour_day": "International Labour Day (1/5)",
  "calendar.occasion.national_day": "National Day (2/9)",
  "calendar.occasion.other": "Other occasion",
  "calendar.weekday.0": "Sunday",
  "calendar.weekday.1": "Monday",
  "calendar.weekday.2": "Tuesday",
  "calendar.weekday.3": "Wednesday",
  "calendar.weekday.4": "Thursday",
  "calendar.weekday.5": "Friday",
  "calendar.weekday.6": "Saturday",
  "calendar.remove": "Remove",
  "calendar.removeLabel": "Remove {date} from the calendar",

  "calendar.section.add": "Add a day from an announcement",
  "calendar.add.intro":
    "The days the government announces each year: a swapped day off and the Saturday worked for it, an extra day off. One row per day: to change a day already there, remove it and add it again.",
  "calendar.field.day": "Day",
  "calendar.field.kind": "Kind",
  "calendar.field.occasion": "Occasion",
  "calendar.field.note": "Note",
  "calendar.hint.day": "dd/mm/yyyy",
  "calendar.hint.kind": "A worked day must be a Saturday or a Sunday.",
  "calendar.hint.note":
    "The announcement, e.g. “Notice 6150/TB-LĐTBXH”; required (the occasion's name) for “Other occasion”.",
  "calendar.addSubmit": "Add the day",

  "calendar.section.load": "Load the statutory days off",
  "calendar.load.intro":
    "Adds a year's public holidays under the Labour Code, with a compensatory day off for each holiday on a Saturday or Sunday. Lunar New Year: the last 2 days of the lunar year and days 1 to 3; National Day: 2/9 and a day beside it. Days already in the calendar are kept. 2019–2030 are preloaded.",
  "calendar.field.year": "Year",
  "calendar.hint.year": "From {first} to {last}.",
  "calendar.loadSubmit": "Load the days off",

  "calendar.done.added": "{date} was added to the calendar.",
  "calendar.done.removed": "{date} was removed from the calendar.",
  "calendar.done.loaded":
    "{year}: {added, plural, one {# statutory day off} other {# statutory days off}} added; {kept, plural, one {# day already there was} other {# days already there were}} kept.",

  "calendar.error.dayRequired": "Enter the day.",
  "calendar.error.dayInvalid":
    "“{value}” is not a valid day. Enter a day from 01/01/1990 to 31/12/2100 as dd/mm/yyyy, e.g. 04/05/2024.",
  "calendar.error.kindRequired": "Choose the kind of day.",
  "calendar.error.occasionRequired": "Choose the occasion.",
  "calendar.error.yearInvalid": "The year must be a number from {first} to {last}.",
  "calendar.error.invalid": "The data is not valid. Please check it.",
  "calendar.error.not_found": "This day is no longer in the calendar (someone may have just removed it).",
  "calendar.error.day_taken": "This day is already in the calendar. To change it, remove its row first.",
  "calendar.error.working_day_not_weekend":
    "A worked day must be a Saturday or a Sunday: Monday to Friday are working days already.",
  "calendar.error.note_required": "Name the occasion in the note when you choose “Other occasion”.",
  "calendar.error.year_outside_rules": "The rules apply to the years {first} to {last} only.",

  "audit.entity.calendar_day": "Day off or worked day",
  "audit.action.calendar_day.create": "Add a day to the holiday calendar",
  "audit.action.calendar_day.delete": "Remove a day from the holiday calendar",

  "calendar.deadline.label": "Or: working days from the day of assignment",
  "calendar.deadline.hint":
    "E.g. 5 for “within 05 working days of assignment”: the deadline is the 5th working day after the day of assignment, not counting Saturdays, Sundays and the public holidays of the calendar. It is turned into a date when saved.",
  "calendar.deadline.error.range": "The number of working days is a whole number from 1 to {max}.",
  "calendar.deadline.error.both": "Give the deadline as a date or as a number of working days, not both.",
  "calendar.deadline.error.undated": "A number of working days is for a task with a deadline only.",
};
