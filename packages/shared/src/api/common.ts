import { z } from "zod";

export const uuidSchema = z.uuid();
export const isoDateSchema = z.iso.date();
export const idParamsSchema = z.object({ id: z.uuid() });
export const okSchema = z.object({ ok: z.literal(true) });

export const unitRefSchema = z.object({ id: z.uuid(), code: z.string(), name: z.string(), shortName: z.string() });
export type UnitRef = z.infer<typeof unitRefSchema>;
