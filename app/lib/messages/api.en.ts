import type { ApiMessageKey } from "./api.vi";

// English strings of the JSON API and the API token screens: every key of api.vi.ts.
export const apiEn: Record<ApiMessageKey, string> = {
  "nav.apiTokens": "API tokens",

  // ---------------------------------------------------------------- administration
  "apiTokens.title": "API tokens",
  "apiTokens.intro":
    "Tokens for other systems to read data through the JSON API (read-only). Each token carries one account's rights: a system using it sees exactly what that account may see.",
  "apiTokens.new": "Issue a token",
  "apiTokens.issue": "Issue the token",
  "apiTokens.empty": "No token has been issued yet.",
  "apiTokens.field.name": "Name",
  "apiTokens.hint.name": "Which system uses this token, e.g. City data portal.",
  "apiTokens.field.user": "Acting account",
  "apiTokens.hint.user":
    "A system using the token sees exactly what this account may see. Best create one account per connected system.",
  "apiTokens.field.expiresOn": "Valid through",
  "apiTokens.hint.expiresOn": "dd/mm/yyyy. Leave empty for no expiry (the token can still be revoked at any time).",
  "apiTokens.userOption": "{login} — {name} ({role})",
  "apiTokens.col.name": "Name",
  "apiTokens.col.user": "Acting account",
  "apiTokens.col.prefix": "Token starts with",
  "apiTokens.col.created": "Issued",
  "apiTokens.col.expires": "Expires",
  "apiTokens.col.lastUsed": "Last used",
  "apiTokens.col.state": "State",
  "apiTokens.col.revoked": "Revoked",
  "apiTokens.state.active": "Active",
  "apiTokens.state.revoked": "Revoked",
  "apiTokens.state.expired": "Expired",
  "apiTokens.state.user_disabled": "Account disabled",
  "apiTokens.neverUsed": "Never used",
  "apiTokens.noExpiry": "No expiry",
  "apiTokens.validThrough": "Through {date}",
  "apiTokens.by": "by {name}",
  "apiTokens.notRevoked": "Not revoked",
  "apiTokens.section.details": "Token details",
  "apiTokens.section.revoke": "Revoke the token",
  "apiTokens.revoke": "Revoke the token",
  "apiTokens.revokeExplained":
    "A revoked token stops working from the very next request. It cannot be restored: issue a new one if needed.",
  "apiTokens.confirmRevoke": "I understand: the system using this token will lose access.",
  "apiTokens.revokedExplained": "This token has been revoked and no longer works.",
  "apiTokens.done.revoked": "The token has been revoked.",
  "apiTokens.secret.title": "Token “{name}” issued",
  "apiTokens.secret.label": "Token",
  "apiTokens.secret.once":
    "Copy this token now and store it in the connected system's configuration. It is shown only once: only its hash is kept, nobody can see it again.",
  "apiTokens.secret.usage": "Send it in a header with every request: Authorization: Bearer <token>",
  "apiTokens.secret.copy": "Copy the token",
  "apiTokens.secret.copied": "The token is on the clipboard.",
  "apiTokens.secret.copyFailed": "Could not copy automatically: select the token in the box and copy it.",
  "apiTokens.secret.done": "I have stored it — back to the list",
  "apiTokens.error.nameRequired": "Please enter a name.",
  "apiTokens.error.userRequired": "Please choose the acting account.",
  "apiTokens.error.expiresOn":
    "“{value}” is not a valid date. Write a day from 01/01/1990 to 31/12/2100 as dd/mm/yyyy, e.g. 31/12/2026.",
  "apiTokens.error.invalid": "Invalid input.",
  "apiTokens.error.not_found": "This token was not found.",
  "apiTokens.error.user_unknown": "This account was not found.",
  "apiTokens.error.user_disabled": "This account is disabled: choose an active account.",
  "apiTokens.error.expiry_past": "The expiry date must be today or later.",

  // ---------------------------------------------------------------- JSON API errors
  "api.error.missing_token": "No access token. Send the header Authorization: Bearer <token>.",
  "api.error.invalid_token": "The access token is not valid.",
  "api.error.token_revoked": "The access token has been revoked.",
  "api.error.token_expired": "The access token has expired.",
  "api.error.account_disabled": "The account behind the access token is disabled.",
  "api.error.forbidden": "The account behind the access token may not read this.",
  "api.error.not_found": "Not found, or the account behind the access token may not see it.",
  "api.error.not_assigned_yet": "The task had not been assigned yet on {date}.",
  "api.error.unknown_endpoint":
    "There is no API address “{path}”. The valid ones are in the documentation (README, JSON API).",
  "api.error.unknown_parameter": "Parameter “{name}” is not supported here. Valid parameters: {allowed}.",
  "api.error.repeated_parameter": "Parameter “{name}” takes a single value.",
  "api.error.invalid_id": "Parameter “{name}” must be an id (a positive whole number), got “{value}”.",
  "api.error.invalid_date":
    "Parameter “{name}” must be a day from 1990-01-01 to 2100-12-31 written YYYY-MM-DD, e.g. 2019-12-31; got “{value}”.",
  "api.error.invalid_choice": "Parameter “{name}” does not take “{value}”. Valid values: {allowed}.",
  "api.error.invalid_number": "Parameter “{name}” must be a whole number from {min} to {max}, got “{value}”.",
  "api.error.invalid_lang": "Parameter “lang” takes “vi” or “en”, got “{value}”.",
  "api.error.unknown_department": "No department with id {id} (parameter “{name}”).",
  "api.error.unknown_committee": "No steering committee with id {id}.",
  "api.error.unknown_directive": "No directive with id {id}, or the account behind the access token may not see it.",
  "api.error.bad_request": "Invalid request.",
  "api.error.rate_limited":
    "Too many requests: each access token may make {limit} requests a minute. Try again in {seconds, plural, one {# second} other {# seconds}}.",
  "api.error.method_not_allowed": "The API is read-only: use GET.",
  "api.error.internal":
    "The server failed to handle the request. Try again later; if it persists, tell the administrator.",
};
