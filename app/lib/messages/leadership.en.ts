// English strings of the leadership reports (merged into en.ts).
import type { leadershipVi } from "./leadership.vi";

export const leadershipEn = {
  "period.label": "Assigned in",
  "period.all": "Any period",
  "period.yearLabel": "Year",
  "period.partLabel": "Quarter or month",
  "period.wholeYear": "Whole year",
  "period.quarters": "Quarters",
  "period.months": "Months",
  "period.partQuarter": "Q{number}",
  "period.partMonth": "Month {month}",
  "period.year": "Year {year}",
  "period.quarter": "Q{number} {year}",
  "period.month": "{month}/{year}",
  "period.filter": "Assigned in: {period}",
  "period.invalid":
    "The period “{value}” is not valid: write a year (e.g. 2019), a quarter (2019-Q4) or a month (2019-12); years 1900 to 2199.",

  "level.label": "Level",
  "level.all": "All",
  "level.top": "Main tasks",
  "level.sub": "Sub-tasks",
  "level.filter": "Level: {level}",

  "dashboard.filter.ownDepartmentOnly":
    "You can only see your own unit's figures: choose your unit or “All” in the “Lead unit” filter.",

  "trend.heading": "Tasks falling due and done, by month",
  "trend.intro":
    "For each month: the tasks whose deadline (the one in force on {date}) falls in it, on-hold and withdrawn ones included; among them, those done on time, done late, and those not done and overdue.",
  "trend.series.due": "Falling due",
  "trend.series.doneOnTime": "Done on time",
  "trend.series.doneLate": "Done late",
  "trend.series.overdue": "Not done, overdue",
  "trend.col.month": "Month",
  "trend.axis": "Tasks",
  "trend.table": "The chart's figures as a table",
  "trend.summary":
    "From {from} to {to}: {due, plural, one {# task} other {# tasks}} falling due, {onTime} done on time, {late} done late, {overdue} not done and overdue. Month by month in the table below the chart.",
  "trend.total": "Total",
  "trend.cellLabel": "{month}: {count} — {series}",

  "directiveProgress.heading": "Progress",
  "directiveProgress.topLevel": "The {count} tasks",
  "directiveProgress.topLevelOne": "The {count} task",
  "directiveProgress.sub": "{count} sub-tasks",
  "directiveProgress.subOne": "{count} sub-task",
  "directiveProgress.besides": "Also",
  "directiveProgress.none": "No tasks yet.",
  "directiveProgress.numberWords":
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty",
  "directiveProgress.allLabel": "{count} — see the list of these tasks",
  "directiveProgress.statusLabel": "{count} {status} — see the list",

  "departmentPage.quartersHeading": "By quarter",
  "departmentPage.intro":
    "Each row is the unit's record as lead unit, as of the quarter's last day (the current quarter: as of today), counting only the tasks you may see. A past quarter's figures do not change when later updates are recorded. Every number links to the exact task list behind it.",
  "departmentPage.caption": "{name} by quarter; every number links to its task list",
  "departmentPage.col.quarter": "Quarter",
  "departmentPage.col.asOf": "As of",
  "departmentPage.col.ranking": "Ranking",
  "departmentPage.toDate": "{date} (today)",
  "departmentPage.rankingLink": "See",
  "departmentPage.rankingLabel": "See the unit scorecard as of {date}",
  "departmentPage.cellLabel": "{quarter}: {count} — {column}",
  "departmentPage.empty": "This unit leads no task you may see.",
  "departmentPage.parent": "Part of",
  "departmentPage.successor": "Merged into",
  "departmentPage.kind": "Kind",
  "departmentPage.code": "Code",
  "departmentPage.tasksLink": "Tasks this unit leads",
  "departmentPage.open": "{name} by quarter",

  "scorecardReport.sheet": "Scorecard",
  "scorecardReport.title": "UNIT SCORECARD: TASK IMPLEMENTATION",
  "scorecardReport.sort": "Sorted by: {column}, {direction}",
  "scorecardReport.asc": "ascending",
  "scorecardReport.desc": "descending",
  "scorecardReport.generated": "Prepared by {name} at {at}; {count, plural, one {# unit} other {# units}}",
  "scorecardReport.col.code": "Unit code",
  "scorecardReport.col.rateCsv": "On-time rate (%)",
  "scorecardReport.download.hint": "Download the scorecard with the current scope and order",

  "print.button": "Print",
  "print.buttonLabel": "Print the overview (A4)",
  "print.title": "OVERVIEW OF TASK IMPLEMENTATION",
  "print.generated": "Printed by {name}",
  "print.generatedAt": "Printed by {name} at {at}",
  "print.titleScorecard": "DEPARTMENT SCORECARD",
  "print.titleTasks": "LIST OF TASKS",
} satisfies Record<keyof typeof leadershipVi, string>;
