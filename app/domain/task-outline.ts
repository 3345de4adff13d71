// The outline of a directive's tasks as a unit report writes it (issue #12, item 8):
// each item numbered as in the directive, a sub-task with its parent's number in
// front ("3.a" under "3"), and the parent before its sub-tasks.

export interface OutlineTask {
  id: number;
  parentId: number | null;
  /** Order within the directive (item numbers do not sort as text). */
  position: number;
  /** As entered: "3", and for a sub-task "3.a" or just "a". */
  itemNumber: string;
}

export interface OutlinePlace {
  /** The item number as the report writes it: "3.a" for a sub-task "a" (or "3.a") of "3". */
  label: string;
  /** Position and id of each task from the top of the outline down to this one: sort by it for the outline's order. */
  path: number[];
}

/** A sub-task's number with its parent's in front, unless it already starts with it ("3.a" stays "3.a"). */
export function itemLabel(itemNumber: string, parentLabel: string | null): string {
  const own = itemNumber.trim();
  if (parentLabel === null || parentLabel === "") return own;
  return own === parentLabel || own.startsWith(`${parentLabel}.`) ? own : `${parentLabel}.${own}`;
}

/**
 * The place of each task in its directive's outline. `tasks` holds the tasks asked
 * about and all their ancestors; an ancestor missing from it (or a loop in the
 * parents, which the data should never hold) ends the chain there.
 */
export function outlineOf(tasks: readonly OutlineTask[]): Map<number, OutlinePlace> {
  const byId = new Map(tasks.map((task) => [task.id, task]));
  const places = new Map<number, OutlinePlace>();
  const placeOf = (task: OutlineTask, visiting: Set<number>): OutlinePlace => {
    const known = places.get(task.id);
    if (known) return known;
    const parent = task.parentId === null ? undefined : byId.get(task.parentId);
    visiting.add(task.id);
    const above = parent === undefined || visiting.has(parent.id) ? null : placeOf(parent, visiting);
    const place = {
      label: itemLabel(task.itemNumber, above?.label ?? null),
      path: [...(above?.path ?? []), task.position, task.id],
    };
    places.set(task.id, place);
    return place;
  };
  for (const task of tasks) placeOf(task, new Set());
  return places;
}

/** Outline order: a parent (a prefix of its sub-tasks' paths) before them, siblings by position then id. */
export function compareOutlinePaths(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return a.length - b.length;
}
