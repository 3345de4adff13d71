// The JSON API's query parameters: the shared blocks (app/lib/query-schemas.ts) in the
// API's words. Each names its parameter in its refusal, which the endpoint answers as
// `{ "error": { "code": "invalid_parameter", message } }` (app/server/api.server.ts).
// Days are ISO (yyyy-mm-dd) only, ids positive.
import type { z } from "zod";
import { STATUS_BASES } from "../domain/vocabulary";
import type { Translate } from "./i18n";
import { isoDay, MAX_PAGE, periodKey, queryChoice, queryId, wholeNumber } from "./query-schemas";

export const API_DEFAULT_PAGE_SIZE = 50;
export const API_MAX_PAGE_SIZE = 200;

/** The blocks of an endpoint's query schema, worded in the client's language. */
export function apiParams(t: Translate) {
  const choice = <const T extends readonly [string, ...string[]]>(name: string, values: T) =>
    queryChoice(values, (value) =>
      t("api.error.invalid_choice", { name, value: value.slice(0, 40), allowed: values.join(", ") }),
    );
  const number = (name: string, min: number, max: number) =>
    wholeNumber(min, max, (value) =>
      t("api.error.invalid_number", { name, min: String(min), max: String(max), value: value.slice(0, 40) }),
    );
  const day = (name: string) => isoDay((value) => t("api.error.invalid_date", { name, value: value.slice(0, 40) }));
  return {
    id: (name: string) =>
      queryId((value) => t("api.error.invalid_id", { name, value: value.slice(0, 40) }), { positive: true }),
    day,
    /** `period`: tasks assigned in a year, quarter or month (`2019`, `2019-Q4`, `2019-12`). */
    period: () => periodKey((value) => t("period.invalid", { value: value.slice(0, 40) })),
    choice,
    /** `1` or `true` turns a filter on. */
    flag: (name: string) => choice(name, ["1", "true"]).transform(() => "1" as const),
    /**
     * `?asOf=YYYY-MM-DD`, default today in Asia/Ho_Chi_Minh, and `?basis=recorded` for what
     * the system showed on that day (default: as it happened, with all known now): every
     * endpoint that takes `asOf` takes `basis` too (app/lib/as-of.server.ts asOfView).
     */
    asOf: () => ({ asOf: day("asOf").optional(), basis: choice("basis", STATUS_BASES).optional() }),
    paging: () => ({
      page: number("page", 1, MAX_PAGE).default(1),
      pageSize: number("pageSize", 1, API_MAX_PAGE_SIZE).default(API_DEFAULT_PAGE_SIZE),
    }),
  };
}

export type ApiParams = ReturnType<typeof apiParams>;

/** An endpoint's query: an object of the API's blocks, one per parameter it reads. */
export type ApiQuerySchema = z.ZodObject<z.ZodRawShape>;
