// GET /api/v1/tasks/:id — one task as the task page shows it (getTask): its status,
// workflow step, due date in force, coordinators, extension count and latest progress
// report as of `asOf`.
import { z } from "zod";
import { canSeeTask } from "~/domain/permissions";
import { apiPaths, coded, isoInstant, taskItemJson } from "~/server/api-json.server";
import { asOfView } from "~/lib/as-of.server";
import { apiDeny, apiEndpoint, ApiError, notFoundError, recordIdParam } from "~/server/api.server";
import { taskAccessFacts } from "~/models/visibility.server";
import { getTask } from "~/models/task-page.server";
import { latestProgressReport } from "./queries.server";

export const loader = apiEndpoint({ permission: "task.read", query: (p) => z.object(p.asOf()) }, (call, query) => {
  const id = recordIdParam(call);
  const access = taskAccessFacts(call.db, id);
  if (!access) throw notFoundError(call.t);
  if (!canSeeTask(call.actor, access)) apiDeny(call, "task.read", 404, { type: "task", id });
  const { asOf, basis } = asOfView(query);
  const found = getTask(call.db, call.actor, id, asOf, basis);
  if (!found) throw notFoundError(call.t);
  if (!found.row) throw new ApiError(404, "not_assigned_yet", call.t("api.error.not_assigned_yet", { date: asOf }));
  const { row, task, parent, subtasks, targets } = found;
  const latest = latestProgressReport(call.db, id, asOf);
  return {
    asOf,
    task: {
      ...taskItemJson(call.t, row, task.directiveNumber ?? task.directiveAbstract),
      description: task.description,
      assignedOn: task.assignedOn,
      // As of `asOf` on the basis too: the workflow step, its reason and the completion (getTask).
      workflowState: coded(call.t, "workflow", task.state),
      stateReason: task.stateReason,
      completion:
        task.completionDate === null
          ? null
          : {
              reportedDate: task.completionDate,
              result: task.completionResult,
              confirmedAt: isoInstant(task.confirmedAt),
            },
      parent: parent === null ? null : { ...parent, href: apiPaths.task(parent.id) },
      subtasks: subtasks.map((s) => ({ ...s, href: apiPaths.task(s.id) })),
      targets: targets.map((g) => ({
        id: g.id,
        name: g.name,
        unit: g.unit,
        baseline: g.baseline,
        targetValue: g.targetValue,
        direction: g.direction,
        currentValue: g.currentValue,
      })),
      latestProgress: latest === null ? null : { ...latest, createdAt: isoInstant(latest.createdAt) },
    },
  };
});
