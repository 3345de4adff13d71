// GET /api/v1/directives — the directives the acting user may see, newest first, with
// their visible tasks counted by status as of `asOf` (the directives page's listDirectives).
import { z } from "zod";
import { DIRECTIVE_STATES } from "~/domain/vocabulary";
import { apiPaths, coded, statusCountsJson } from "~/server/api-json.server";
import { apiEndpoint, pageOf } from "~/server/api.server";
import { asOfView } from "~/lib/as-of.server";
import { countDirectives, listDirectives } from "~/models/directive-list.server";

export const loader = apiEndpoint(
  {
    permission: "directive.read",
    query: (p) =>
      z.object({
        ...p.asOf(),
        ...p.paging(),
        committee: p.id("committee").optional(),
        state: p.choice("state", DIRECTIVE_STATES).optional(),
      }),
    known: { committee: "committee" },
  },
  (call, query) => {
    const { asOf, basis } = asOfView(query);
    const { page, pageSize } = query;
    const options = { committee: query.committee, state: query.state };
    const total = countDirectives(call.db, call.actor, asOf, basis, options);
    const rows =
      (page - 1) * pageSize >= total
        ? []
        : listDirectives(call.db, call.actor, asOf, basis, {
            ...options,
            limit: pageSize,
            offset: (page - 1) * pageSize,
          });
    return {
      asOf,
      ...pageOf(call, total, page, pageSize, asOf),
      items: rows.map((d) => ({
        id: d.id,
        href: apiPaths.directive(d.id),
        number: d.number,
        type: coded(call.t, "directiveType", d.type),
        issuedOn: d.issuedOn,
        abstract: d.abstract,
        state: coded(call.t, "directiveState", d.state),
        confidential: d.confidential,
        committee: { id: d.committeeId, name: d.committeeName },
        tasks: { ...statusCountsJson(call.t, d.counts), href: apiPaths.tasks({ directive: d.id, asOf }) },
      })),
    };
  },
);
