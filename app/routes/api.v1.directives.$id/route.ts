// GET /api/v1/directives/:id — one directive with its visible tasks summarized by
// status as of `asOf` and its targets (the directive page's getDirective).
import { z } from "zod";
import { canSeeDirective } from "~/domain/permissions";
import { apiPaths, coded, statusCountsJson } from "~/server/api-json.server";
import { asOfView } from "~/lib/as-of.server";
import { apiDeny, apiEndpoint, notFoundError, recordIdParam } from "~/server/api.server";
import { directiveProgressByLevel } from "~/models/directive-progress.server";
import { addStatusCounts, emptyStatusCounts, type StatusCounts } from "~/models/status-counts.server";
import { directiveAccessFacts } from "~/models/visibility.server";
import { getDirective } from "~/models/directive-page.server";

export const loader = apiEndpoint({ permission: "directive.read", query: (p) => z.object(p.asOf()) }, (call, query) => {
  const id = recordIdParam(call);
  const access = directiveAccessFacts(call.db, id);
  if (!access) throw notFoundError(call.t);
  if (!canSeeDirective(call.actor, access)) apiDeny(call, "directive.read", 404, { type: "directive", id });
  const { asOf, basis } = asOfView(query);
  const found = getDirective(call.db, call.actor, id, asOf, basis);
  if (!found) throw notFoundError(call.t);
  const { directive, targets } = found;
  // The directive page's own counts: main tasks, sub-tasks, units' tasks and duties' periods apart
  // (every task once); the items given to many units once each by their roll-up, never as tasks.
  const progress = directiveProgressByLevel(call.db, call.actor, { directive: id }, asOf, basis)[0];
  const topLevelCounts = progress?.top ?? emptyStatusCounts();
  const counts = [progress?.sub, progress?.units, progress?.periods].reduce<StatusCounts>(
    (sum, level) => addStatusCounts(sum, level ?? emptyStatusCounts()),
    topLevelCounts,
  );
  return {
    asOf,
    directive: {
      id: directive.id,
      href: apiPaths.directive(directive.id),
      number: directive.number,
      type: coded(call.t, "directiveType", directive.type),
      issuedOn: directive.issuedOn,
      issuer: directive.issuer,
      signer: directive.signer,
      abstract: directive.abstract,
      state: coded(call.t, "directiveState", directive.state),
      confidential: directive.confidential,
      committee: { id: directive.committeeId, name: directive.committeeName },
      meeting:
        directive.meetingTitle === null
          ? null
          : { title: directive.meetingTitle, heldOn: directive.meetingHeldOn, chair: directive.meetingChair },
      note: directive.note,
      fullText: directive.fullText,
      // The tasks the acting user may see (a department: its own), and the top-level items among them.
      tasks: {
        ...statusCountsJson(call.t, counts),
        topLevel: statusCountsJson(call.t, topLevelCounts),
        dutyPeriods: statusCountsJson(call.t, progress?.periods ?? emptyStatusCounts()),
        href: apiPaths.tasks({ directive: directive.id, asOf }),
      },
      // Each item given to many units once, by its roll-up status (not tasks: its units are among `tasks`).
      itemsGivenToManyUnits: statusCountsJson(call.t, progress?.items ?? emptyStatusCounts()),
      targets: targets.map((g) => ({
        id: g.id,
        taskId: g.taskId,
        taskHref: apiPaths.task(g.taskId),
        itemNumber: g.itemNumber,
        name: g.name,
        unit: g.unit,
        baseline: g.baseline,
        targetValue: g.targetValue,
        direction: g.direction,
        currentValue: g.currentValue,
        dueDate: g.dueDate,
      })),
    },
  };
});
