import { z } from "zod";
import { ORGANIC_AMENDMENTS, PRE_SEASON_REGIMES, WATER_REGIMES } from "../footprint.js";
import { boundedDateSchema, boundedText, versionSchema } from "./fields.js";
import { fileRefSchema } from "./tasks.js";

/**
 * Nhật ký sản xuất (issue 9): what a farmer writes for each season of a plot — the records VietGAP
 * (TCVN 11892-1:2017) and organic certification (TCVN 11041) ask a farm to keep, and what the
 * season's carbon footprint is computed from. One schema per kind of entry; every amount is for the
 * whole plot.
 */

export const DIARY_ENTRY_KINDS = [
  "land_preparation",
  "sowing",
  "transplanting",
  "fertiliser",
  "plant_protection",
  "irrigation",
  "harvest",
  "residue",
] as const;
export type DiaryEntryKind = (typeof DIARY_ENTRY_KINDS)[number];

/** What was done with the straw and stubble after harvest. Only "burnt" emits from burning. */
export const RESIDUE_HANDLINGS = ["burnt", "removed", "incorporated", "composted", "mushrooms", "feed"] as const;
export type ResidueHandling = (typeof RESIDUE_HANDLINGS)[number];

const kg = (what: string) => z.number().min(0, `${what} không được âm`).max(1e7, `${what} quá lớn`);
const product = boundedText({ min: 1, max: 120 });

export const landPreparationSchema = z.strictObject({
  kind: z.literal("land_preparation"),
  /** Cày, bừa, làm đất bằng máy hay thủ công. */
  method: boundedText({ max: 120 }).optional(),
  dieselLitres: kg("Dầu diesel").optional(),
  /** Water before the season (IPCC Table 5.13). */
  preSeason: z.enum(PRE_SEASON_REGIMES).optional(),
  /** Organic matter worked into the soil before the crop (IPCC Table 5.14), t/ha. */
  amendments: z
    .array(z.strictObject({ type: z.enum(ORGANIC_AMENDMENTS), tonnesPerHa: z.number().min(0).max(100) }))
    .max(5)
    .optional(),
});

export const sowingSchema = z.strictObject({
  kind: z.enum(["sowing", "transplanting"]),
  variety: boundedText({ max: 120 }).optional(),
  seedKg: kg("Lượng giống").optional(),
});

export const fertiliserSchema = z.strictObject({
  kind: z.literal("fertiliser"),
  product,
  amountKg: kg("Lượng phân").refine((v) => v > 0, "Lượng phân phải lớn hơn 0"),
  /** Hàm lượng đạm (N) theo nhãn, %. */
  nPercent: z.number().min(0).max(100),
  type: z.enum(["synthetic", "organic"]),
  /** Urea's carbon is emitted as CO2 (IPCC Eq. 11.13). */
  isUrea: z.boolean().default(false),
});

export const plantProtectionSchema = z.strictObject({
  kind: z.literal("plant_protection"),
  product,
  /** Sinh học or hóa học: organic certification allows only the first. */
  type: z.enum(["bio", "chemical"]),
  dose: z.number().min(0).max(1e6),
  doseUnit: boundedText({ min: 1, max: 20 }),
  target: boundedText({ max: 120 }).optional(),
  /** Thời gian cách ly (days before harvest). */
  preHarvestDays: z.number().int().min(0).max(365).optional(),
});

export const irrigationSchema = z.strictObject({
  kind: z.literal("irrigation"),
  waterRegime: z.enum(WATER_REGIMES),
  electricityKwh: kg("Điện bơm").optional(),
  dieselLitres: kg("Dầu diesel").optional(),
});

export const harvestSchema = z.strictObject({
  kind: z.literal("harvest"),
  yieldKg: kg("Sản lượng"),
  dieselLitres: kg("Dầu diesel").optional(),
});

export const residueSchema = z
  .strictObject({
    kind: z.literal("residue"),
    handling: z.enum(RESIDUE_HANDLINGS),
    /** Straw on the field (t dry matter). Needed when burnt: it is what the burning emitted from. */
    tonnesDm: z.number().min(0).max(1e5).optional(),
  })
  .refine((r) => r.handling !== "burnt" || r.tonnesDm !== undefined, {
    path: ["tonnesDm"],
    message: "Rơm rạ bị đốt: cần ước lượng khối lượng (tấn chất khô)",
  });

/** An entry's particulars, by kind. */
export const diaryDetailsSchema = z.discriminatedUnion("kind", [
  landPreparationSchema,
  sowingSchema,
  fertiliserSchema,
  plantProtectionSchema,
  irrigationSchema,
  harvestSchema,
  residueSchema,
]);
export type DiaryDetails = z.infer<typeof diaryDetailsSchema>;

export const diaryEntryInputSchema = z.strictObject({
  /** Made on the phone: the same entry sent twice (offline, then again) is saved once. */
  clientId: z.uuid(),
  occurredOn: boundedDateSchema,
  details: diaryDetailsSchema,
  note: boundedText({ max: 1000, multiline: true }).optional(),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
});
export type DiaryEntryInput = z.infer<typeof diaryEntryInputSchema>;

export const createSeasonSchema = z.strictObject({
  name: boundedText({ min: 2, max: 120 }),
  crop: boundedText({ min: 1, max: 100 }),
  variety: boundedText({ max: 120 }).optional(),
  startedOn: boundedDateSchema,
});
export type CreateSeason = z.infer<typeof createSeasonSchema>;

/** A batch from the phone: what it wrote since it last reached the server (offline included). */
export const syncDiarySchema = z.strictObject({
  entries: z.array(diaryEntryInputSchema).min(1).max(200),
});

export const diaryEntrySchema = z.object({
  id: z.uuid(),
  clientId: z.uuid(),
  occurredOn: z.string(),
  details: z.record(z.string(), z.unknown()),
  note: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  byProxy: z.boolean(),
  enteredBy: z.string().nullable(),
  /** Photos of the work (re-encoded without their metadata), read at /api/agriculture/diary/photos/:id. */
  photos: z.array(fileRefSchema),
  /** For an edit or a deletion: the version the editor saw. */
  version: z.number().int(),
});
export type DiaryEntry = z.infer<typeof diaryEntrySchema>;

/** At most this many photos on one diary entry (the work, the product, the field). */
export const MAX_DIARY_PHOTOS = 3;

/** An entry corrected: what it now says, with the version the editor saw. */
export const updateDiaryEntrySchema = z.strictObject({
  occurredOn: boundedDateSchema,
  details: diaryDetailsSchema,
  note: boundedText({ max: 1000, multiline: true }).nullable().optional(),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
  version: versionSchema,
});
export type UpdateDiaryEntry = z.infer<typeof updateDiaryEntrySchema>;

/** A deletion names the version the editor saw (in the query: a DELETE carries no body). */
export const deleteDiaryEntryQuerySchema = z.strictObject({
  version: z.coerce.number().int().min(0).max(2_147_483_647),
});

/** The text field sent with an entry's photos (multipart `photos`): the version the writer saw. */
export const addDiaryPhotosFieldsSchema = deleteDiaryEntryQuerySchema;

/** The season ends (after harvest): its diary is then final and takes no new entry. */
export const closeSeasonSchema = z.strictObject({
  closedOn: boundedDateSchema,
  version: versionSchema,
});
export type CloseSeason = z.infer<typeof closeSeasonSchema>;

const footprintShape = z.object({
  factorSet: z.string(),
  kgCh4: z.number(),
  kgN2o: z.number(),
  totalKgCo2e: z.number(),
  kgCo2ePerKgProduct: z.number().nullable(),
  breakdown: z.record(z.string(), z.number()),
});

export const seasonSchema = z.object({
  id: z.uuid(),
  plotId: z.uuid(),
  plotName: z.string(),
  farmId: z.uuid(),
  farmName: z.string(),
  areaHa: z.number(),
  name: z.string(),
  crop: z.string(),
  variety: z.string().nullable(),
  startedOn: z.string(),
  closedOn: z.string().nullable(),
  entries: z.array(diaryEntrySchema),
  /** Steps the diary still lacks before the footprint can be computed. */
  missing: z.array(z.string()),
  footprint: footprintShape.nullable(),
  /** kg CO2e per hectare. */
  perHectare: z.number().nullable(),
  /** The same season under another practice, with the same factor set. */
  alternatives: z.array(z.object({ practice: z.string(), footprint: footprintShape })),
  version: z.number().int(),
});
export type Season = z.infer<typeof seasonSchema>;

export const syncResultSchema = z.object({
  /** New entries saved by this batch. */
  saved: z.number().int(),
  /** Entries the server already had (sent again after a lost answer). */
  alreadySaved: z.number().int(),
  season: seasonSchema,
});

/** A season as the diary page lists it: enough to choose it, without its entries. */
export const diarySeasonSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  crop: z.string(),
  variety: z.string().nullable(),
  startedOn: z.string(),
  closedOn: z.string().nullable(),
  entryCount: z.number().int(),
  /** The day of its latest entry, if any. */
  lastEntryOn: z.string().nullable(),
  version: z.number().int(),
});
export type DiarySeasonSummary = z.infer<typeof diarySeasonSummarySchema>;

/**
 * What the signed-in person may keep a diary for, in one request: farms → plots → seasons (open
 * ones first, then the latest started). A registry keeper sees the active farms that agreed to a
 * proxy diary; anyone else sees none.
 */
export const diaryOverviewSchema = z.object({
  farms: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      kind: z.string(),
      plots: z.array(
        z.object({
          id: z.uuid(),
          name: z.string(),
          areaHa: z.number(),
          crop: z.string(),
          seasons: z.array(diarySeasonSummarySchema),
        }),
      ),
    }),
  ),
});
export type DiaryOverview = z.infer<typeof diaryOverviewSchema>;
