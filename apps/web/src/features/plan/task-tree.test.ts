import { describe, expect, it } from "vitest";
import type { TaskSummary } from "@phuong-xanh/shared";
import { buildTaskTree, matchesQuery, rowKeysWithChildren } from "./task-tree";

const unit = {
  id: "00000000-0000-4000-8000-000000000001",
  code: "kt",
  name: "Phòng Kinh tế, Hạ tầng và Đô thị",
  shortName: "Phòng KT-HT-ĐT",
};

function task(id: string, parentId: string | null, title: string, kind: TaskSummary["kind"] = "task"): TaskSummary {
  return {
    id,
    parentId,
    kind,
    section: "III",
    sector: "agriculture",
    code: id,
    ref: `III.${id}`,
    title,
    owner: unit,
    coordinators: [],
    recurrence: "continuous",
    deadline: null,
    status: "in_progress",
    progress: 0,
    timeliness: "on_time",
    nextUpdateDue: null,
    lastUpdateOn: null,
    version: 1,
  };
}

const all = [
  task("g1", null, "Chuyển đổi xanh nông nghiệp", "group"),
  task("t1", "g1", "Chấm dứt đốt rơm rạ"),
  task("t2", "g1", "Bảo đảm nước sạch cho hộ dân"),
  task("g2", null, "Chuyển đổi xanh năng lượng", "group"),
];

describe("matchesQuery", () => {
  it("ignores accents and đ", () => {
    expect(matchesQuery(all[2] as TaskSummary, "nuoc sach")).toBe(true);
    expect(matchesQuery(all[1] as TaskSummary, "dot rom")).toBe(true);
    expect(matchesQuery(all[1] as TaskSummary, "nuoc")).toBe(false);
  });

  it("matches the owner's short name", () => {
    expect(matchesQuery(all[1] as TaskSummary, "phong kt")).toBe(true);
  });
});

describe("buildTaskTree", () => {
  it("nests children under their group in plan order", () => {
    const tree = buildTaskTree(all, all);
    expect(tree.map((r) => r.id)).toEqual(["g1", "g2"]);
    expect(tree[0]?.children?.map((r) => r.id)).toEqual(["t1", "t2"]);
    expect(rowKeysWithChildren(tree)).toEqual(["g1"]);
  });

  it("brings in the parent of a filtered task as context", () => {
    const tree = buildTaskTree([all[2] as TaskSummary], all);
    expect(tree).toHaveLength(1);
    expect(tree[0]?.id).toBe("g1");
    expect(tree[0]?.isContext).toBe(true);
    expect(tree[0]?.children?.map((r) => [r.id, r.isContext])).toEqual([["t2", false]]);
  });
});
