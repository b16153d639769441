import type { PlanTemplate, TemplateTask } from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import { objectives, plans, taskCoordinators, tasks } from "./tables.js";
import { createDefaultStatuses } from "./statuses.js";
import { taskSearchText } from "./service.js";

type NewTask = typeof tasks.$inferInsert;

/**
 * Writes a plan template into a ward: the plan's texts, its objectives, every section III task
 * and section V duty (movements nested under their duty), and the default status set.
 */
export async function adoptPlan(
  tx: Db,
  wardId: string,
  template: PlanTemplate,
  unitIds: Map<string, string>,
  trackedSince: Date = new Date(),
): Promise<{ planId: string; objectiveIds: Map<string, string> }> {
  const unitId = (code: string) => {
    const id = unitIds.get(code);
    if (!id) throw new Error(`template names unknown unit ${code}`);
    return id;
  };
  const [plan] = await tx
    .insert(plans)
    .values({
      wardId,
      code: template.code,
      title: template.title,
      documentNumber: template.documentNumber,
      issuer: template.issuer,
      basis: template.basis,
      purposes: template.purposes,
      requirements: template.requirements,
      generalObjective: template.generalObjective,
      vision2050: template.vision2050,
      funding: template.funding,
      closing: template.closing,
      signer: template.signer,
      createdAt: trackedSince,
    })
    .returning({ id: plans.id });
  if (!plan) throw new Error("plan insert returned nothing");
  await createDefaultStatuses(tx, wardId);

  const objectiveIds = new Map<string, string>();
  for (const [position, objective] of template.objectives.entries()) {
    const [row] = await tx
      .insert(objectives)
      .values({
        wardId,
        planId: plan.id,
        code: objective.code,
        ref: objective.ref,
        area: objective.area,
        text: objective.text,
        position,
      })
      .returning({ id: objectives.id });
    if (row) objectiveIds.set(objective.code, row.id);
  }

  let position = 0;
  const insertTask = async (
    values: Omit<NewTask, "wardId" | "planId" | "position" | "searchText" | "status" | "progress">,
    coordinatorCodes: string[],
  ) => {
    const [row] = await tx
      .insert(tasks)
      .values({
        ...values,
        wardId,
        planId: plan.id,
        position: position++,
        status: "not_started",
        progress: 0,
        searchText: taskSearchText(values),
      })
      .returning({ id: tasks.id });
    if (!row) throw new Error("task insert returned nothing");
    const coordinatorIds = [...new Set(coordinatorCodes.map(unitId))].filter((id) => id !== values.ownerUnitId);
    if (coordinatorIds.length)
      await tx.insert(taskCoordinators).values(coordinatorIds.map((id) => ({ wardId, taskId: row.id, unitId: id })));
    return row.id;
  };
  const insertItems = async (
    items: TemplateTask[],
    parentId: string,
    section: "III" | "V",
    sector: string | null,
    kind: "task" | "duty" | "movement",
  ) => {
    for (const item of items) {
      const id = await insertTask(
        {
          parentId,
          kind: item.children?.length ? "group" : kind,
          section,
          sector,
          code: item.code,
          ref: item.ref,
          title: item.title,
          text: item.text,
          ownerUnitId: unitId(item.ownerUnitCode),
          recurrence: item.recurrence,
          deadline: item.deadline ?? null,
          output: item.output,
          weight: item.weight,
        },
        item.coordinatingUnitCodes,
      );
      if (item.children?.length) await insertItems(item.children, id, section, sector, "movement");
    }
  };

  for (const group of template.taskGroups) {
    const groupId = await insertTask(
      {
        parentId: null,
        kind: "group",
        section: "III",
        sector: group.sector,
        code: group.code,
        ref: group.ref,
        title: group.title,
        text: group.title,
        ownerUnitId: unitId(group.ownerUnitCode),
        recurrence: "continuous",
        deadline: null,
        output: `Kết quả thực hiện nhóm nhiệm vụ ${group.ref}`,
        weight: 1,
      },
      [],
    );
    await insertItems(group.tasks, groupId, "III", group.sector, "task");
  }
  for (const group of template.unitDuties) {
    const groupId = await insertTask(
      {
        parentId: null,
        kind: "group",
        section: "V",
        sector: null,
        code: group.code,
        ref: group.ref,
        title: group.title,
        text: group.title,
        ownerUnitId: unitId(group.unitCode),
        recurrence: "continuous",
        deadline: null,
        output: `Kết quả thực hiện nhiệm vụ ${group.ref}`,
        weight: 1,
      },
      [],
    );
    await insertItems(group.duties, groupId, "V", null, "duty");
  }
  return { planId: plan.id, objectiveIds };
}
