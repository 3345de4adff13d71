// English strings of the unit groups' administration (merged into en.ts).
import type { groupsVi } from "./groups.vi";

export const groupsEn: Record<keyof typeof groupsVi, string> = {
  "nav.groups": "Unit groups",

  "groups.title": "Unit groups",
  "groups.intro":
    "Unit groups assign one item to many units the way conclusions are written: “all departments and agencies”, “the people's committees of all districts”. A built-in group holds every unit of one kind; a custom group holds the units added to it, with the day each joined and left. A group is resolved on a day: the day of assignment.",
  "groups.new": "New group",
  "groups.create": "Create the group",
  "groups.day": "Members as of",
  "groups.dayHint": "dd/mm/yyyy; empty for today.",
  "groups.show": "Show",
  "groups.dayInvalid": "“{value}” is not a valid day. Enter it as dd/mm/yyyy, from 01/01/1990 to 31/12/2100.",
  "groups.section.builtin": "Built-in groups by kind of unit",
  "groups.section.custom": "Custom groups",
  "groups.builtin.department": "All departments and agencies",
  "groups.builtin.district": "All districts and towns",
  "groups.builtin.enterprise": "All enterprises",
  "groups.builtin.other": "All other bodies",
  "groups.col.name": "Group",
  "groups.col.description": "Description",
  "groups.col.members": "Units on {date}",
  "groups.noCustom": "No custom group yet.",

  "groups.field.name": "Name",
  "groups.field.description": "Description",
  "groups.field.departments": "Units",
  "groups.field.fromDay": "Member from",
  "groups.field.untilDay": "Leaves on",
  "groups.hint.name": "E.g. The units of the steering committee.",
  "groups.hint.fromDay": "dd/mm/yyyy; empty for today. May be a past day.",
  "groups.hint.untilDay":
    "dd/mm/yyyy; empty for today. From this day on the unit is no longer a member; the days before keep it.",
  "groups.hint.departments": "Active units only.",

  "groups.section.profile": "Name and description",
  "groups.section.members": "Members on {date} ({count})",
  "groups.section.add": "Add units to the group",
  "groups.section.remove": "Take units out of the group",
  "groups.section.history": "Membership history",
  "groups.history.col.department": "Unit",
  "groups.history.col.from": "From",
  "groups.history.col.until": "Until (excluded)",
  "groups.history.col.by": "By",
  "groups.history.current": "Current member",
  "groups.history.inactive": "no longer active",
  "groups.builtinBadge": "Built-in",
  "groups.builtinExplained":
    "A built-in group holds every unit of the kind “{kind}” that existed on the day shown: units created later, or merged or dissolved before, do not count. It cannot be edited; change a unit's kind on the Manage units page.",
  "groups.noMembers": "No unit belongs to the group on this day.",
  "groups.noneToAdd": "Every active unit is a member already.",
  "groups.noneToRemove": "The group has no member now.",
  "groups.addSubmit": "Add to the group",
  "groups.removeSubmit": "Take out of the group",

  "groups.done.created": "The group was created.",
  "groups.done.updated": "The group's name and description were saved.",
  "groups.done.unchanged": "Nothing changed.",
  "groups.done.added": "{count, plural, one {# unit} other {# units}} added to the group.",
  "groups.done.removed": "{count, plural, one {# unit} other {# units}} taken out of the group.",

  "groups.error.nameRequired": "Enter the group's name.",
  "groups.error.departmentsRequired": "Choose at least one unit.",
  "groups.error.dateInvalid":
    "“{value}” is not a valid day. Enter a day from 01/01/1990 to 31/12/2100 as dd/mm/yyyy, e.g. 18/09/2019.",
  "groups.error.invalid": "The data is not valid. Please check it.",
  "groups.error.not_found": "The group was not found.",
  "groups.error.builtin_readonly": "A built-in group follows the kinds of units and cannot be edited.",
  "groups.error.conflict":
    "Someone changed the group after you opened the page. Reload the page to see the latest, then make your change again.",
  "groups.error.name_taken": "A group with this name exists already.",
  "groups.error.department_unavailable":
    "Cannot add: {names} — no longer active, or not yet created on the day they would join.",
  "groups.error.already_member": "Already a member on that day or after: {names}.",
  "groups.error.not_member": "Not a member now: {names}.",
  "groups.error.effective_in_future": "Do not choose a day in the future.",
  "groups.error.before_membership": "The day to leave is before the day these joined: {names}.",

  "audit.entity.unit_group": "Unit group",
  "audit.action.unit_group.create": "Create a unit group",
  "audit.action.unit_group.update": "Rename a unit group",
  "audit.action.unit_group.members_add": "Add units to a group",
  "audit.action.unit_group.members_remove": "Take units out of a group",
  "audit.action.unit_group.members_merge": "Move a group membership to the successor (merge)",
};
