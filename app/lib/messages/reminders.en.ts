// English strings of reminders, escalation, notifications and their e-mails (merged into en.ts).
import type { remindersVi } from "./reminders.vi";

export const remindersEn: Record<keyof typeof remindersVi, string> = {
  "reminder.heading": "Reminders",
  "reminder.empty": "No reminders yet.",
  "reminder.manual": "Reminder no. {ordinal}",
  "reminder.auto.due_soon": "Automatic reminder no. {ordinal}: due soon",
  "reminder.auto.overdue": "Automatic reminder no. {ordinal}: overdue",
  "reminder.to": "To {department}",
  "reminder.sentBy": "{at} · {name}",
  "reminder.sentBySystem": "{at} · automatic",
  "reminder.open": "Not answered",
  "reminder.resolved": "Answered {at}",
  "reminder.escalating":
    "The secretariat's 3rd reminder or later: if the task is overdue and this stays unanswered, it goes to leadership.",
  "reminder.escalated":
    "Escalated to leadership: the task is overdue and the department has not answered the secretariat's 3rd reminder or later.",
  "reminder.form.summary": "Send a reminder",
  "reminder.form.department": "Department to remind",
  "reminder.form.lead": "{name} (lead)",
  "reminder.form.coordinator": "{name} (coordinating)",
  "reminder.form.message": "Message (optional)",
  "reminder.field.message": "The message",
  "reminder.form.submit": "Send the reminder",
  "reminder.form.hint":
    "The department's users are notified. Reminders are numbered 1, 2, 3… per department; an overdue task whose 3rd reminder is not answered goes to leadership.",
  "reminder.error.department": "Choose the department to remind.",
  "reminder.error.notAssigned": "This department neither leads nor coordinates the task.",
  "reminder.error.notIssued": "The directive is not issued yet: the department has not received this task.",
  "reminder.error.invalidState": "A task in the state “{state}” cannot be reminded of.",
  "progress.done.reminded": "Reminder sent.",
  "progress.done.remindedEscalated": "Reminder sent. The overdue task has been escalated to leadership.",

  "myDepartment.reminderAuto": "{label} — {at}",

  "notifications.title": "Notifications",
  "notifications.summary": "{unread} unread of {total, plural, one {# notification} other {# notifications}}.",
  "notifications.empty": "No notifications yet.",
  "notifications.unread": "Unread",
  "notifications.markRead": "Mark as read",
  "notifications.markAllRead": "Mark all as read",
  "notifications.marked": "Marked as read.",
  "notifications.markedAll": "All marked as read.",
  "notifications.by": "From: {name}",
  "notifications.bySystem": "Automatic",
  "notifications.task": "Task: {task}",
  "notifications.page": "Page {page} of {pages}",
  "notifications.previous": "Previous page",
  "notifications.next": "Next page",
  "notifications.pagination": "Notification pages",
  "notifications.error.invalid": "Invalid request: reload the page and try again.",

  "notification.reminder.manual": "Reminder no. {ordinal} to {department}",
  "notification.reminder.auto.due_soon": "Automatic reminder (no. {ordinal}): the task is due soon, on {date}",
  "notification.reminder.auto.overdue": "Automatic reminder (no. {ordinal}): the task is overdue (due {date})",
  "notification.escalation": "Escalated: overdue task, {department} has not answered reminder no. {ordinal}",
  "notification.extensionRequested": "{department} asks for an extension to {date}",
  "notification.extensionDecided.approved": "Extension approved: new deadline {date}",
  "notification.extensionDecided.countered": "Extension: extended to {date} (not the date asked for)",
  "notification.extensionDecided.rejected": "Extension request rejected",
  "notification.completionReported": "{department} reports the task done on {date}, awaiting confirmation",
  "notification.completionConfirmed": "The task's completion is confirmed",
  "notification.completionReturned": "The completion report was returned for rework",
  "notification.completionReturnedPercent":
    "The completion report was returned for rework; the task's progress stands at {percent}% again",
  "notification.instruction": "New instruction from leadership",
  "notification.comment": "New comment",
  "notification.taskAssigned": "New task for {department} to lead",
  "notification.taskAssigned.coordinator": "New task for {department} to coordinate",
  "notification.signInLocked.pair":
    "Sign-in to account {login} from address {address} locked until {until} after {count} wrong passwords",
  "notification.signInLocked.address":
    "Address {address} locked out of signing in until {until} after {count} wrong passwords (on several accounts)",
  "notification.signInLocked.account":
    "Account {login} locked for sign-ins from new places until {until} after {count} wrong passwords within 24 hours",
  "notification.detail.signInLocked":
    "On a browser that has signed in to this account before (or, when the whole account is locked, from an address it signed in from before), the right password still signs in. If the wrong passwords were not yours, tell the administrator.",
  "notification.detail.reason": "Reason: {text}",
  "notification.detail.message": "Message: {text}",

  "email.subject": "[Directive Tracker] {headline}",
  "email.greeting": "Dear {name},",
  "email.task": "Task: {task}",
  "email.taskConfidential": "A task of a confidential directive: see it in the application.",
  "email.actor": "From: {name}",
  "email.openTask": "Open the task: {url}",
  "email.openNotifications": "All notifications: {url}",
  "email.footer": "Sent automatically by the Directive Tracker; please do not reply.",

  "dashboard.escalatedHeading": "Tasks reminded repeatedly / escalated to leadership",
  "dashboard.escalated": "Escalated",
  "dashboard.escalatedHint": "overdue, 3rd reminder unanswered",
  "dashboard.escalatedCaption":
    "Overdue tasks whose department has not answered the secretariat's 3rd reminder (or later); automatic reminders do not count.",
  "dashboard.col.reminder": "Unanswered reminder",
  "dashboard.reminderOrdinal": "no. {ordinal} ({department})",

  "tasks.filter.escalated": "Reminded repeatedly / escalated",
};
