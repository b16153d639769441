import { z } from "zod";

/** A ward as the platform admin sees it in the list of wards (Danh sách phường). */
export const wardSummarySchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  province: z.string(),
  isDemo: z.boolean(),
  createdAt: z.string(),
  /** Active accounts of the ward. */
  accounts: z.number().int(),
  /** Active units, residential groups included. */
  units: z.number().int(),
});
export type WardSummary = z.infer<typeof wardSummarySchema>;

export const wardListSchema = z.object({ wards: z.array(wardSummarySchema) });

export const openWardResultSchema = z.object({ wardId: z.uuid(), adminUserId: z.uuid() });
export type OpenWardResult = z.infer<typeof openWardResultSchema>;
