import { foldVietnamese, type TaskSummary } from "@phuong-xanh/shared";

export type TaskRow = TaskSummary & {
  children?: TaskRow[];
  /** Shown only to place a matching task under its group; does not itself match the filters. */
  isContext: boolean;
};

/** True when every word of the query occurs, accents ignored, in the task's title, ref, code or owner. */
export function matchesQuery(task: TaskSummary, query: string): boolean {
  const words = foldVietnamese(query).split(" ").filter(Boolean);
  if (words.length === 0) return true;
  const haystack = foldVietnamese(
    [
      task.title,
      task.ref,
      task.code,
      task.owner.shortName,
      task.owner.name,
      ...task.coordinators.map((c) => c.shortName),
    ].join(" "),
  );
  return words.every((word) => haystack.includes(word));
}

/**
 * Nests the matching tasks under their parents, in the plan's order. Parents that do not match
 * themselves come from `all` and are marked as context so that a filtered list still reads as
 * "group → task → movement".
 */
export function buildTaskTree(matching: TaskSummary[], all: TaskSummary[]): TaskRow[] {
  const byId = new Map<string, TaskSummary>();
  for (const task of all) byId.set(task.id, task);
  for (const task of matching) byId.set(task.id, task);

  const matchIds = new Set(matching.map((t) => t.id));
  const included = new Set<string>(matchIds);
  for (const task of matching) {
    let parentId = task.parentId;
    const seen = new Set<string>();
    while (parentId && !seen.has(parentId)) {
      seen.add(parentId);
      const parent = byId.get(parentId);
      if (!parent) break;
      included.add(parent.id);
      parentId = parent.parentId;
    }
  }

  const order = all.length > 0 ? all : matching;
  const inOrder = new Set(order.map((t) => t.id));
  const ordered = [...order.filter((t) => included.has(t.id)), ...matching.filter((t) => !inOrder.has(t.id))];
  const rows = new Map<string, TaskRow>();
  for (const task of ordered) rows.set(task.id, { ...task, isContext: !matchIds.has(task.id) });

  const roots: TaskRow[] = [];
  for (const row of rows.values()) {
    const parent = row.parentId ? rows.get(row.parentId) : undefined;
    if (parent) {
      parent.children = [...(parent.children ?? []), row];
    } else {
      roots.push(row);
    }
  }
  return roots;
}

export function rowKeysWithChildren(rows: TaskRow[]): string[] {
  const keys: string[] = [];
  const walk = (list: TaskRow[]) => {
    for (const row of list) {
      if (row.children && row.children.length > 0) {
        keys.push(row.id);
        walk(row.children);
      }
    }
  };
  walk(rows);
  return keys;
}
