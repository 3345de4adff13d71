import type { SplitMessageKey } from "./split.vi";

// English strings of the "paste and split" screen: every key of split.vi.ts.
export const splitEn: Record<SplitMessageKey, string> = {
  "split.title": "Split a directive into tasks",
  "split.link": "Split tasks from the text",
  "split.step1": "Step 1 of 2: Paste the text",
  "split.step2": "Step 2 of 2: Review, correct and save the tasks",
  "split.intro":
    "Paste the text of the conclusion notice or directive {directive}. Each numbered item becomes a draft task (nested items become sub-tasks); the lead and coordinating departments and the deadlines named in the text are filled in. Nothing is saved until you have reviewed the drafts and pressed Save.",
  "split.text": "Text of the document",
  "split.textHint":
    "Paste the whole text, opening and closing included. Items are numbered 1., 2., a), b), -, Thứ nhất,…",
  "split.prefilled": "The directive's stored full text is filled in; you may replace it with other text.",
  "split.submit": "Split into tasks",
  "split.found":
    "Found {count, plural, one {# draft task} other {# draft tasks}}: {top, plural, one {# main item} other {# main items}} and {sub, plural, one {# sub-item} other {# sub-items}}.",
  "split.reviewIntro":
    "Check every item, correct what needs it and untick what is not a task. The tasks are saved together: while anything is wrong, none is saved.",
  "split.preamble": "Opening (creates no task)",
  "split.closing": "Closing (creates no task)",
  "split.tasksHeading": "Draft tasks",
  "split.rowLegend": "Item {item}",
  "split.rowLegendSub": "Item {item} (sub-task of item {parent})",
  "split.forRow": "(item {item})",
  "split.include": "Save this task",
  "split.parent": "Part of item",
  "split.parentHint": "Item number of the parent task; empty for a main item.",
  "split.details": "Details",
  "split.source": "From the text, with what was recognised highlighted:",
  "split.assignedOnHint":
    "Assignment date of every task, item and duty (dd/mm/yyyy); by default the directive's issue date, else its meeting's date. Working-day deadlines are counted from it when saved.",
  "split.warnings": "Please check:",
  "split.save": "Save the selected tasks",
  "split.back": "Back to the text",
  "split.errorsHeading": "Not saved: {count, plural, one {# error} other {# errors}} to correct",
  "split.errorAt": "Item {item} — {field}: {message}",
  "split.noTasks": "No task was found in the pasted text.",

  "split.kind": "Save as",
  "split.kind.task": "One task (one lead unit)",
  "split.kind.group": "An item for a unit group (one task per unit)",
  "split.kind.leads": "An item for several lead units (one task per unit)",
  "split.kind.duty": "A recurring duty (one task per period)",
  "split.kindHint": "Only the fields of the chosen kind are used; the others are ignored.",
  "split.group": "Unit group",
  "split.leads": "Lead units",
  "split.leadsHint": "Hold Ctrl (Cmd) to choose several units.",
  "split.frequency": "Recurrence",
  "split.dutyDay": "Due each period (day of the month, or weekday 1–7 if weekly)",
  "split.dutyWorkingDays": "Counted in working days",
  "split.dueWorkingDays": "Or working days from the day of assignment",
  "split.dueWorkingDaysHint":
    "If given, the due date is counted again from the day of assignment when saved (public holidays and Tết excluded).",
  "split.preview": "Will create:",
  "split.preview.group": "Group “{group}” — {count, plural, one {# unit} other {# units}} on {day}: {names}",
  "split.preview.groupEmpty": "Group “{group}” has no unit on {day}.",
  "split.preview.leads": "{count} lead units, one task each: {names}",
  "split.preview.duty": "A recurring duty of {lead}: {rule}",
  "split.preview.periods": "First periods: {periods}",
  "split.preview.period": "{label} (due {due})",
  "split.preview.workingDays":
    "{count, plural, one {# working day} other {# working days}} from the day of assignment {day}: due {due}",

  "split.error.group_required": "Choose a unit group.",
  "split.error.unknown_group": "The chosen unit group does not exist.",
  "split.error.empty_group": "The chosen unit group has no unit on the day of assignment.",
  "split.error.too_few_leads": "Choose at least two lead units (for one unit, save it as one task).",
  "split.error.too_many_units": "Too many units ({value}) for one item.",
  "split.error.lead_is_coordinator": "A lead unit cannot also be a coordinator: {value}.",
  "split.error.not_a_subtask":
    "An item for many units or a recurring duty is not a sub-task: leave “Part of item” empty.",
  "split.error.duty_day": "The due day “{value}” is not valid: 1–31 (1–10 in working days), or weekday 1–7 if weekly.",
  "split.error.duty_no_occurrence": "This recurrence has no period.",
  "split.error.too_many_occurrences":
    "This duty would create {value} periods at once, too many; check the day of assignment.",
  "split.error.directive_closed": "Nothing can be saved to this directive (it is closed or no longer exists).",
  "split.error.working_days": "The number of working days “{value}” is not valid (1 to 250).",
  "split.error.emptyText": "Please paste the text of the document.",
  "split.error.tooLong": "Too long: at most {max} characters.",
  "split.error.duplicate_item":
    "Item number “{value}” is used by another item or by an existing task of the directive.",
  "split.error.unknown_parent": "There is no item “{value}” among the selected rows above or the directive's tasks.",
  "split.error.no_rows": "Select at least one task to save.",
  "split.error.too_many_rows": "Too many tasks (at most {max}).",

  "split.warning.no_item_markers": "The text has no numbered items: all of it is taken as one task.",
  "split.warning.inline_numbering": "This item was cut out of the middle of a paragraph; check where it was cut.",
  "split.warning.numbering_gap": "The numbering skips a number: something may be missing from the paste.",
  "split.warning.duplicate_item_number": "The item number repeats in the text; it was renumbered to tell them apart.",
  "split.warning.empty_item": "The item has no text.",
  "split.warning.heading_only":
    "This line looks like the heading of a group of items; untick it or keep it as the parent task.",
  "split.warning.title_truncated": "The first sentence is long, so the title was shortened.",
  "split.warning.no_lead_found": "No lead department was found in the text.",
  "split.warning.several_leads":
    "The text names several lead departments; the first is the lead, the others are coordinators.",
  "split.warning.lead_guessed": "The lead department was inferred from the sentence; the text does not say “chủ trì”.",
  "split.warning.coordinators_guessed":
    "Some coordinating departments were inferred from departments the text mentions.",
  "split.warning.ambiguous_department": "“{text}” could be several departments ({departments}); choose the right one.",
  "split.warning.group_reference": "“{text}” is a group of departments; choose the departments themselves if needed.",
  "split.warning.group_fan_out":
    "“{text}” is a group of units: proposed as an item given to every member of the group on the day of assignment (one task each).",
  "split.warning.group_to_choose": "“{text}” does not say which units: choose the units concerned.",
  "split.warning.group_not_found":
    "“{text}” is a group of units, but no such group exists yet: choose a group or the units.",
  "split.warning.leads_fan_out":
    "The text names several lead units together: proposed as an item given to many units, one task each.",
  "split.warning.recurrence_found": "“{text}” is a recurring duty: proposed as a recurring duty, one task per period.",
  "split.warning.recurrence_day_assumed":
    "“{text}” gives no due day for each period: if this is a recurring duty, choose “A recurring duty” and check the due day filled in.",
  "split.warning.assignment_inherited":
    "The item names no department: the parent item's lead and coordinators were used.",
  "split.warning.no_deadline_found": "No deadline was found in the text.",
  "split.warning.several_deadlines": "The text has several dates; the earliest was taken.",
  "split.warning.invalid_date":
    "“{text}” is not a real date, or not one from 01/01/1990 to 31/12/2100; enter the deadline again.",
  "split.warning.date_before_issue": "The deadline “{text}” is before the directive's issue date.",
  "split.warning.year_assumed_next":
    "“{text}” has no year and had passed in the year of issue: the following year was assumed.",
  "split.warning.year_unknown": "“{text}” has no year and the directive has no issue date yet: no deadline was set.",
  "split.warning.deadline_inherited": "The item names no deadline: the parent item's deadline was used.",
  "split.warning.deadline_after_parent": "The deadline “{text}” is later than the parent item's.",
  "split.warning.working_days_deadline":
    "“{text}”: counted in working days from the day of assignment, public holidays and Tết excluded; check it if you change that day.",
  "split.warning.working_days_no_start": "“{text}”: no day of assignment yet, so the deadline could not be computed.",
};
