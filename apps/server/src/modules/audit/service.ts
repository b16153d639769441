import { and, asc, eq } from "drizzle-orm";
import type { AuditEntry } from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import { auditLog } from "./tables.js";

export type AuditInput = {
  action: string;
  entityType:
    | "task"
    | "indicator"
    | "measurement"
    | "task_update"
    | "unit"
    | "user"
    | "task_status"
    | "plan"
    | "ward"
    | "document"
    | "report_period"
    | "unit_report"
    | "ward_report"
    | "reporting_settings"
    | "feedback_report"
    | "feedback_category"
    | "feedback_template"
    | "feedback_api_key"
    | "feedback_person"
    | "farm"
    | "plot"
    | "plot_certification"
    | "season"
    | "diary_entry"
    | "green_certificate_criteria"
    | "green_certificate_application"
    | "green_certificate"
    | "ocop_product"
    | "extension_training"
    | "extension_model";
  entityId: string;
  before: unknown;
  after: unknown;
};

/** Writes one audit row in the caller's transaction: the change and its record commit together. */
export async function recordAudit(tx: Db, actor: Actor, input: AuditInput): Promise<void> {
  await tx.insert(auditLog).values({
    wardId: actor.wardId,
    actorUserId: actor.userId,
    actorName: actor.name,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    before: input.before ?? null,
    after: input.after ?? null,
  });
}

/** Fields of `before` and `after` that differ, so history shows what changed, not whole rows. */
export function changedFields<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}

export async function listHistory(
  db: Db,
  wardId: string,
  entityType: string,
  entityIds: string[],
): Promise<AuditEntry[]> {
  const rows = await Promise.all(
    entityIds.map((id) =>
      db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.wardId, wardId), eq(auditLog.entityType, entityType), eq(auditLog.entityId, id)))
        .orderBy(asc(auditLog.id)),
    ),
  );
  return rows
    .flat()
    .sort((x, y) => x.id - y.id)
    .map((r) => ({ ...r, at: r.at.toISOString() }));
}
