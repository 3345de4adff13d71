import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareOutlinePaths, itemLabel, outlineOf, type OutlineTask } from "./task-outline";

describe("itemLabel", () => {
  it("writes a sub-task under its parent's number, once", () => {
    expect(itemLabel("3", null)).toBe("3");
    expect(itemLabel("a", "3")).toBe("3.a");
    expect(itemLabel("3.a", "3")).toBe("3.a");
    expect(itemLabel(" b ", "10")).toBe("10.b");
    // "30.a" does not start with "3." — it is not taken for a number under 3.
    expect(itemLabel("30.a", "3")).toBe("3.30.a");
    expect(itemLabel("1", "3.a")).toBe("3.a.1");
  });
});

describe("outlineOf", () => {
  const tasks: OutlineTask[] = [
    { id: 10, parentId: null, position: 2, itemNumber: "2" },
    { id: 11, parentId: null, position: 1, itemNumber: "1" },
    // Added later: its position is after everything else, yet it belongs under "1".
    { id: 12, parentId: 11, position: 9, itemNumber: "a" },
    { id: 13, parentId: 11, position: 3, itemNumber: "1.b" },
    { id: 14, parentId: 12, position: 0, itemNumber: "i" },
  ];

  it("labels sub-tasks with their parents' numbers and orders each parent before its sub-tasks", () => {
    const places = outlineOf(tasks);
    const ordered = [...tasks].sort((a, b) => compareOutlinePaths(places.get(a.id)!.path, places.get(b.id)!.path));
    expect(ordered.map((t) => places.get(t.id)!.label)).toEqual(["1", "1.b", "1.a", "1.a.i", "2"]);
  });

  it("survives a missing ancestor and a loop in the parents", () => {
    const places = outlineOf([
      { id: 1, parentId: 99, position: 0, itemNumber: "a" },
      { id: 2, parentId: 3, position: 0, itemNumber: "x" },
      { id: 3, parentId: 2, position: 1, itemNumber: "y" },
    ]);
    expect(places.get(1)!.label).toBe("a");
    expect(places.get(2)!.path.length).toBeLessThanOrEqual(4);
    expect(places.get(3)!.path.length).toBeLessThanOrEqual(4);
  });

  it("puts every task after its parent and right before the next sibling's subtree (random trees)", () => {
    const treeArb = fc.array(fc.tuple(fc.nat(20), fc.nat(50)), { minLength: 1, maxLength: 40 }).map((specs) =>
      specs.map(([parentPick, position], index): OutlineTask => {
        const parentId = index === 0 || parentPick % 3 === 0 ? null : (parentPick % index) + 1;
        return { id: index + 1, parentId, position, itemNumber: String(position) };
      }),
    );
    fc.assert(
      fc.property(treeArb, (tree) => {
        const places = outlineOf(tree);
        const order = [...tree].sort((a, b) => compareOutlinePaths(places.get(a.id)!.path, places.get(b.id)!.path));
        const index = new Map(order.map((task, i) => [task.id, i]));
        for (const task of tree) {
          if (task.parentId === null) continue;
          const parent = index.get(task.parentId)!;
          const own = index.get(task.id)!;
          expect(own).toBeGreaterThan(parent);
          // Everything between the parent and the task descends from the parent.
          for (const between of order.slice(parent + 1, own)) {
            expect(places.get(between.id)!.path.slice(0, places.get(task.parentId)!.path.length)).toEqual(
              places.get(task.parentId)!.path,
            );
          }
        }
      }),
    );
  });
});
